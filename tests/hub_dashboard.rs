//! The staff dashboard: every page but the login needs a session; a wrong password gets none; the
//! session cookie is HttpOnly and SameSite=Strict; the overview shows the hub's totals as
//! `125.000 ₫` with an SVG chart and no script; logging out needs the form's CSRF token.
#![cfg(feature = "hub")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use calamine::{Data, Reader, Xlsx};
use chrono::Utc;
use ocop_pos::hub::store::staff;
use reqwest::blocking::{Client, Response};
use reqwest::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use reqwest::redirect::Policy;

use common::hub::hub_data;

fn http() -> Client {
    ocop_pos::sync::client::install_crypto();
    Client::builder().redirect(Policy::none()).build().unwrap()
}

const FORM: &str = "application/x-www-form-urlencoded";

/// `application/x-www-form-urlencoded`, every byte but letters and digits percent-encoded.
fn form(pairs: &[(&str, &str)]) -> String {
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

fn login(http: &Client, url: &str, user: &str, password: &str) -> Response {
    http.post(format!("{url}/login"))
        .header(CONTENT_TYPE, FORM)
        .body(form(&[("username", user), ("password", password)]))
        .send()
        .unwrap()
}

#[test]
fn pages_need_a_login_and_logout_needs_the_csrf_token() {
    let data = hub_data();
    staff::set(&data.db(), "lan", "mật-khẩu-dài-1", Utc::now()).unwrap();
    assert!(staff::set(&data.db(), "ngan", "short", Utc::now()).is_err());
    let hub = data.start();
    let url = hub.url();
    let http = http();

    let anonymous = http.get(format!("{url}/")).send().unwrap();
    assert_eq!(anonymous.status().as_u16(), 303);
    assert_eq!(anonymous.headers()[LOCATION], "/login");
    let forged = http
        .get(format!("{url}/"))
        .header(COOKIE, "ocop_session=ocop_forged")
        .send()
        .unwrap();
    assert_eq!(forged.status().as_u16(), 303);
    let login_form = http
        .get(format!("{url}/login"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(login_form.contains("name=\"password\"") && !login_form.contains("<script"));

    for (user, password) in [
        ("lan", "sai-mat-khau-1"),
        ("nobody", "mật-khẩu-dài-1"),
        ("lan' OR '1'='1", "x"),
    ] {
        let refused = login(&http, &url, user, password);
        assert_eq!(refused.status().as_u16(), 401, "{user}");
        assert!(refused.headers().get(SET_COOKIE).is_none());
    }

    // A day arrives, then Lan signs in and sees it.
    let day = serde_json::json!({
        "schema": "ocop.daily-summary.v1", "point_code": "HOIAN-01", "business_date": "2026-11-30",
        "revision": 1, "generated_at": "2026-11-30T21:05:00+07:00", "currency": "VND",
        "receipts": 1, "refund_receipts": 0, "gross_vnd": 125000, "discount_vnd": 0, "refund_vnd": 0,
        "net_vnd": 125000, "vat_vnd": 0, "payments": [{ "method": "cash", "amount_vnd": 125000 }],
        "lines": [{ "product_code": "TRA", "gtin": "", "name": "Trà <b>đảng sâm</b>", "producer_code": "",
                    "ocop_group": null, "stars": null, "unit": "hộp", "qty_milli": 1000,
                    "net_vnd": 125000, "vat_vnd": 0 }],
        "hours": [{ "hour": 9, "receipts": 1, "net_vnd": 125000 }]
    });
    let stored = http
        .put(format!("{url}/api/v1/points/HOIAN-01/days/2026-11-30"))
        .bearer_auth(&data.token)
        .body(day.to_string())
        .send()
        .unwrap();
    assert_eq!(stored.status().as_u16(), 200);

    let signed_in = login(&http, &url, "lan", "mật-khẩu-dài-1");
    assert_eq!(signed_in.status().as_u16(), 303);
    let cookie = signed_in.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let session = cookie.split(';').next().unwrap().to_owned();
    let overview = http
        .get(format!("{url}/"))
        .header(COOKIE, &session)
        .send()
        .unwrap();
    assert_eq!(overview.status().as_u16(), 200);
    let html = overview.text().unwrap();
    assert!(html.contains("125.000\u{a0}₫"), "{html}");
    assert!(
        html.contains("<svg") && html.contains("2026-11-30"),
        "{html}"
    );
    assert!(
        html.contains("HOIAN-01") && html.contains("chưa gửi"),
        "the other point has not reported"
    );
    assert!(!html.contains("<script"));
    // Every table downloads as CSV and XLSX, only when signed in.
    let csv = http
        .get(format!("{url}/export/days.csv"))
        .header(COOKIE, &session)
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(csv.contains("2026-11-30,125000,0,1,1"), "{csv}");
    let xlsx = http
        .get(format!("{url}/export/points.xlsx"))
        .header(COOKIE, &session)
        .send()
        .unwrap()
        .bytes()
        .unwrap();
    let mut book = Xlsx::new(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let cells: Vec<&Data> = sheet.used_cells().map(|(_, _, c)| c).collect();
    assert!(cells.contains(&&Data::String("HOIAN-01".into())));
    assert!(
        cells
            .iter()
            .any(|c| matches!(c, Data::Float(v) if *v == 125_000.0)),
        "{cells:?}"
    );
    let anonymous = http.get(format!("{url}/export/days.csv")).send().unwrap();
    assert_eq!(anonymous.status().as_u16(), 303);
    let unknown = http
        .get(format!("{url}/export/staff.csv"))
        .header(COOKIE, &session)
        .send()
        .unwrap();
    assert_eq!(unknown.status().as_u16(), 404);

    let csrf = html
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();

    // Logging out without, or with a wrong, CSRF token is refused; the session stays.
    for body in [vec![], vec![("csrf", "ocop_wrong")]] {
        let refused = http
            .post(format!("{url}/logout"))
            .header(COOKIE, &session)
            .header(CONTENT_TYPE, FORM)
            .body(form(&body))
            .send()
            .unwrap();
        assert_eq!(refused.status().as_u16(), 403);
    }
    let still = http
        .get(format!("{url}/"))
        .header(COOKIE, &session)
        .send()
        .unwrap();
    assert_eq!(still.status().as_u16(), 200);
    let out = http
        .post(format!("{url}/logout"))
        .header(COOKIE, &session)
        .header(CONTENT_TYPE, FORM)
        .body(form(&[("csrf", csrf.as_str())]))
        .send()
        .unwrap();
    assert_eq!(out.status().as_u16(), 303);
    let after = http
        .get(format!("{url}/"))
        .header(COOKIE, &session)
        .send()
        .unwrap();
    assert_eq!(after.status().as_u16(), 303, "the session is gone");
}
