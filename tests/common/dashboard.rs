//! A staff member's browser on the real hub: sign in, GET pages and exports, POST forms with the
//! session's CSRF token; plus summaries pushed through the real API, and a way to read a row of an
//! HTML table as its cells' text.

use chrono::{DateTime, NaiveDate, Utc};
use ocop_pos::domain::money::Vnd;
use ocop_pos::hub::store::{points, staff};
use ocop_pos::sync::protocol::{CURRENCY, DailySummary, Hour, Line, Method, Payment, SCHEMA};
use reqwest::blocking::{Client, Response};
use reqwest::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use reqwest::redirect::Policy;

use super::hub::{HubData, client};

/// The staff account every dashboard test signs in with.
pub const USER: &str = "lan";
const PASSWORD: &str = "mật-khẩu-dài-1";

/// An HTTP client that does not follow redirects, so tests see them.
pub fn http() -> Client {
    ocop_pos::sync::client::install_crypto();
    Client::builder().redirect(Policy::none()).build().unwrap()
}

/// `application/x-www-form-urlencoded`, every byte but letters and digits percent-encoded.
pub fn form(pairs: &[(&str, &str)]) -> String {
    let encode = |s: &str| -> String {
        s.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect()
    };
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Registers another point; returns its token.
pub fn add_point(data: &HubData, code: &str, kind: points::Kind, commune: &str) -> String {
    let point = points::NewPoint {
        code: code.into(),
        name: format!("Điểm {code}"),
        kind,
        province: "49".into(),
        commune: commune.into(),
    };
    points::add(&data.db(), &point, Utc::now()).unwrap()
}

/// A line sold: product, producer, OCOP group, stars, quantity (whole units), net đồng.
pub struct Sold<'a>(
    pub &'a str,
    pub &'a str,
    pub Option<u8>,
    pub Option<u8>,
    pub i64,
    pub i64,
);

/// A valid summary of `lines`, with `receipts` sale receipts paid in cash.
pub fn summary(point: &str, date: NaiveDate, receipts: u32, lines: &[Sold<'_>]) -> DailySummary {
    let net: i64 = lines.iter().map(|l| l.5).sum();
    DailySummary {
        schema: SCHEMA.into(),
        point_code: point.into(),
        business_date: date,
        revision: 1,
        generated_at: DateTime::parse_from_rfc3339("2026-11-30T21:00:00+07:00").unwrap(),
        currency: CURRENCY.into(),
        receipts,
        refund_receipts: 0,
        gross_vnd: Vnd(net),
        discount_vnd: Vnd(0),
        refund_vnd: Vnd(0),
        net_vnd: Vnd(net),
        vat_vnd: Vnd(0),
        payments: vec![Payment {
            method: Method::Cash,
            amount_vnd: Vnd(net),
        }],
        lines: lines
            .iter()
            .map(|l| Line {
                product_code: l.0.into(),
                gtin: String::new(),
                name: format!("Sản phẩm {}", l.0),
                producer_code: l.1.into(),
                ocop_group: l.2,
                stars: l.3,
                unit: "hộp".into(),
                qty_milli: l.4 * 1000,
                net_vnd: Vnd(l.5),
                vat_vnd: Vnd(0),
            })
            .collect(),
        hours: vec![Hour {
            hour: 9,
            receipts,
            net_vnd: Vnd(net),
        }],
    }
}

/// Pushes `summary` through `PUT /api/v1/points/…/days/…` as the point's till would.
pub fn push(url: &str, token: &str, summary: &DailySummary) {
    let body = serde_json::to_string(summary).unwrap();
    client(url, token)
        .put_day(&summary.point_code, summary.business_date, &body)
        .unwrap();
}

/// A signed-in staff member.
pub struct Browser {
    /// The HTTP client.
    pub http: Client,
    /// The hub's base URL.
    pub url: String,
    /// `Cookie:` header value (session, and language once chosen).
    pub cookie: String,
    /// The session's CSRF token, read from a page's logout form.
    pub csrf: String,
}

/// Creates the staff account and signs in.
pub fn sign_in(data: &HubData, url: &str) -> Browser {
    staff::set(&data.db(), USER, PASSWORD, Utc::now()).unwrap();
    let http = http();
    let answer = http
        .post(format!("{url}/login"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(form(&[("username", USER), ("password", PASSWORD)]))
        .send()
        .unwrap();
    assert_eq!(answer.status().as_u16(), 303);
    let set = answer.headers()[SET_COOKIE].to_str().unwrap();
    let cookie = set.split(';').next().unwrap().to_owned();
    let mut browser = Browser {
        http,
        url: url.to_owned(),
        cookie,
        csrf: String::new(),
    };
    let (status, home) = browser.get("/");
    assert_eq!(status, 200);
    browser.csrf = home
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    browser
}

impl Browser {
    /// The raw answer to `GET path`.
    pub fn fetch(&self, path: &str) -> Response {
        self.http
            .get(format!("{}{path}", self.url))
            .header(COOKIE, &self.cookie)
            .send()
            .unwrap()
    }

    /// Status and body of `GET path`.
    pub fn get(&self, path: &str) -> (u16, String) {
        let answer = self.fetch(path);
        (answer.status().as_u16(), answer.text().unwrap())
    }

    /// `POST path` with the form `pairs` (the CSRF token is not added: tests choose it).
    pub fn post(&self, path: &str, pairs: &[(&str, &str)]) -> Response {
        self.http
            .post(format!("{}{path}", self.url))
            .header(COOKIE, &self.cookie)
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(form(pairs))
            .send()
            .unwrap()
    }
}

/// Where a redirect points.
pub fn location(answer: &Response) -> String {
    answer.headers()[LOCATION].to_str().unwrap().to_owned()
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// The text of every cell of every table row of `html` whose first cell is exactly `first`.
pub fn rows(html: &str, first: &str) -> Vec<Vec<String>> {
    html.split("<tr>")
        .skip(1)
        .map(|row| {
            let row = row.split("</tr>").next().unwrap_or("");
            row.split("<td")
                .skip(1)
                .map(|cell| strip_tags(&format!("<td{cell}")))
                .collect::<Vec<String>>()
        })
        .filter(|cells| cells.first().is_some_and(|c| c == first))
        .collect()
}

/// The one table row whose first cell is `first`.
pub fn row(html: &str, first: &str) -> Vec<String> {
    let found = rows(html, first);
    assert_eq!(found.len(), 1, "rows starting with {first:?}: {found:?}");
    found.into_iter().next().unwrap()
}

/// `125.000 ₫` as the dashboard writes it (a no-break space before the sign).
pub fn vnd(amount: i64) -> String {
    Vnd(amount).to_string()
}
