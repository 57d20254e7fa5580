//! The hub's API refuses what it must, answering `{code, message}` naming the problem and storing
//! nothing: other points' tokens, wrong and rotated tokens, hostile point codes, oversized bodies,
//! and bodies with wrong types, missing fields, negative or huge numbers, totals that do not add up
//! or an unknown schema. Never a 500.
#![cfg(feature = "hub")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use chrono::Utc;
use ocop_pos::hub::store::points;
use reqwest::blocking::Client;
use serde_json::{Value, json};

use common::hub::{OTHER, hub_data};

fn http() -> Client {
    ocop_pos::sync::client::install_crypto();
    Client::new()
}

const DAY: &str = "/api/v1/points/HOIAN-01/days/2026-11-30";

fn valid() -> Value {
    json!({
        "schema": "ocop.daily-summary.v1", "point_code": "HOIAN-01", "business_date": "2026-11-30",
        "revision": 1, "generated_at": "2026-11-30T21:05:00+07:00", "currency": "VND",
        "receipts": 2, "refund_receipts": 0,
        "gross_vnd": 570000, "discount_vnd": 0, "refund_vnd": 0, "net_vnd": 570000, "vat_vnd": 42222,
        "payments": [ { "method": "cash", "amount_vnd": 450000 }, { "method": "vietqr", "amount_vnd": 120000 } ],
        "lines": [
            { "product_code": "CAO", "gtin": "", "name": "Cao đảng sâm", "producer_code": "HTX-DUCHUY",
              "ocop_group": 3, "stars": 4, "unit": "hũ", "qty_milli": 1000, "net_vnd": 450000, "vat_vnd": 33333 },
            { "product_code": "TRA", "gtin": "", "name": "Trà đảng sâm", "producer_code": "",
              "ocop_group": null, "stars": null, "unit": "hộp", "qty_milli": 1000, "net_vnd": 120000, "vat_vnd": 8889 }
        ],
        "hours": [ { "hour": 9, "receipts": 1, "net_vnd": 450000 }, { "hour": 10, "receipts": 1, "net_vnd": 120000 } ]
    })
}

/// Sends `body` to `path` with `token`; returns status and JSON answer.
fn put(
    url: &str,
    path: &str,
    token: Option<&str>,
    body: impl Into<reqwest::blocking::Body>,
) -> (u16, Value) {
    let mut request = http().put(format!("{url}{path}")).body(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().unwrap();
    let status = response.status().as_u16();
    let text = response.text().unwrap();
    let json: Value = serde_json::from_str(&text).unwrap_or_else(|_| panic!("not JSON: {text}"));
    assert!(json["code"].is_string() || status == 200, "{json}");
    assert!(json["message"].is_string() || status == 200, "{json}");
    (status, json)
}

fn with(mut body: Value, pointer: &str, value: Value) -> String {
    *body.pointer_mut(pointer).unwrap() = value;
    body.to_string()
}

#[test]
fn tokens_write_only_their_own_point() {
    let data = hub_data();
    let hub = data.start();
    let url = hub.url();
    let body = valid().to_string();
    let (status, answer) = put(&url, DAY, Some(&data.other_token), body.clone());
    assert_eq!((status, answer["code"].as_str()), (403, Some("forbidden")));
    let (status, _) = put(&url, DAY, Some("ocop_0000"), body.clone());
    assert_eq!(status, 401);
    let (status, _) = put(&url, DAY, None, body.clone());
    assert_eq!(status, 401);
    // The other point's own day, written with its token and a body naming the other point.
    let other_day = format!("/api/v1/points/{OTHER}/days/2026-11-30");
    let (status, _) = put(&url, &other_day, Some(&data.token), body.clone());
    assert_eq!(status, 403);
    assert_eq!(data.count("SELECT COUNT(*) FROM days"), 0);

    // A rotated token stops working at once; the new one works.
    let new = points::rotate_token(&data.db(), "HOIAN-01", Utc::now()).unwrap();
    let (status, _) = put(&url, DAY, Some(&data.token), body.clone());
    assert_eq!(status, 401);
    let (status, answer) = put(&url, DAY, Some(&new), body.clone());
    assert_eq!((status, answer["outcome"].as_str()), (200, Some("stored")));
    let (status, answer) = put(&url, DAY, Some(&new), body);
    assert_eq!(
        (status, answer["outcome"].as_str()),
        (200, Some("unchanged"))
    );
    assert_eq!(data.count("SELECT COUNT(*) FROM days"), 1);
    // The same revision with other content is a conflict, not a silent overwrite.
    let changed = with(valid(), "/generated_at", json!("2026-11-30T22:00:00+07:00"));
    let (status, answer) = put(&url, DAY, Some(&new), changed);
    assert_eq!(
        (status, answer["code"].as_str()),
        (409, Some("revision_conflict"))
    );
}

#[test]
fn hostile_codes_and_oversized_bodies_are_refused() {
    let data = hub_data();
    let hub = data.start();
    let url = hub.url();
    for code in [
        "HOIAN-01'%20OR%20'1'='1",
        "x%3BDROP%20TABLE%20days",
        "%00",
        "A".repeat(40).as_str(),
    ] {
        let path = format!("/api/v1/points/{code}/days/2026-11-30");
        let (status, answer) = put(&url, &path, Some(&data.token), valid().to_string());
        assert_eq!(status, 400, "{code}: {answer}");
        assert_eq!(answer["code"], "invalid_point_code");
    }
    let (status, answer) = put(
        &url,
        "/api/v1/points/HOIAN-01/days/30-11-2026",
        Some(&data.token),
        valid().to_string(),
    );
    assert_eq!(
        (status, answer["code"].as_str()),
        (400, Some("invalid_business_date"))
    );
    let huge = vec![b' '; 3 * 1024 * 1024];
    let (status, answer) = put(&url, DAY, Some(&data.token), huge);
    assert_eq!(
        (status, answer["code"].as_str()),
        (413, Some("body_too_large"))
    );
    let (status, answer) = put(&url, "/api/v1/nothing", Some(&data.token), "");
    assert_eq!((status, answer["code"].as_str()), (404, Some("not_found")));
    assert_eq!(data.count("SELECT COUNT(*) FROM days"), 0);
    assert_eq!(data.count("SELECT COUNT(*) FROM points"), 2);
}

#[test]
fn bad_bodies_get_a_4xx_naming_the_problem_and_nothing_is_stored() {
    let data = hub_data();
    let hub = data.start();
    let url = hub.url();
    let mut missing = valid();
    missing.as_object_mut().unwrap().remove("net_vnd");
    let mut unknown = valid();
    unknown["discount_code"] = json!("X");
    let cases: Vec<(String, u16, &str, &str)> = vec![
        ("{\"schema\": ".into(), 400, "invalid_json", "JSON"),
        ("[]".into(), 422, "invalid_field", "DailySummary"),
        (
            with(valid(), "/receipts", json!("many")),
            422,
            "invalid_field",
            "receipts",
        ),
        (
            with(valid(), "/lines/1/qty_milli", json!(1.5)),
            422,
            "invalid_field",
            "lines[1].qty_milli",
        ),
        (missing.to_string(), 422, "invalid_field", "net_vnd"),
        (unknown.to_string(), 422, "invalid_field", "discount_code"),
        (
            with(valid(), "/gross_vnd", json!(-570000)),
            422,
            "invalid_field",
            "gross_vnd",
        ),
        (
            with(valid(), "/revision", json!(-1)),
            422,
            "invalid_field",
            "revision",
        ),
        (
            with(valid(), "/net_vnd", json!(1e30)),
            422,
            "invalid_field",
            "net_vnd",
        ),
        (
            with(valid(), "/gross_vnd", json!(i64::MAX)),
            422,
            "invalid_field",
            "gross_vnd",
        ),
        (
            with(valid(), "/net_vnd", json!(570001)),
            422,
            "totals_mismatch",
            "net_vnd",
        ),
        (
            with(valid(), "/vat_vnd", json!(1)),
            422,
            "totals_mismatch",
            "vat_vnd",
        ),
        (
            with(valid(), "/payments/0/amount_vnd", json!(1)),
            422,
            "totals_mismatch",
            "payments",
        ),
        (
            with(valid(), "/lines/0/stars", json!(9)),
            422,
            "invalid_field",
            "lines[0].stars",
        ),
        (
            with(valid(), "/hours/0/hour", json!(24)),
            422,
            "invalid_field",
            "hours[0].hour",
        ),
        (
            with(valid(), "/payments/0/method", json!("gold")),
            422,
            "invalid_field",
            "payments[0].method",
        ),
        (
            with(valid(), "/schema", json!("ocop.daily-summary.v9")),
            422,
            "invalid_field",
            "schema",
        ),
        (
            with(valid(), "/currency", json!("USD")),
            422,
            "invalid_field",
            "currency",
        ),
        (
            with(valid(), "/point_code", json!(OTHER)),
            422,
            "invalid_field",
            "point_code",
        ),
        (
            with(valid(), "/business_date", json!("2026-12-01")),
            422,
            "invalid_field",
            "business_date",
        ),
        (format!("{} trailing", valid()), 400, "invalid_json", "JSON"),
    ];
    for (body, want_status, want_code, names) in cases {
        let (status, answer) = put(&url, DAY, Some(&data.token), body.clone());
        assert_eq!(
            (status, answer["code"].as_str()),
            (want_status, Some(want_code)),
            "{body}\n{answer}"
        );
        let message = answer["message"].as_str().unwrap();
        assert!(message.contains(names), "{message} should name {names}");
    }
    assert_eq!(data.count("SELECT COUNT(*) FROM days"), 0);
    assert_eq!(data.count("SELECT COUNT(*) FROM day_lines"), 0);
    // The valid body itself is accepted: the cases above failed for their one change.
    let (status, _) = put(&url, DAY, Some(&data.token), valid().to_string());
    assert_eq!(status, 200);
}

#[test]
fn the_openapi_document_describes_the_routes_served() {
    let data = hub_data();
    let hub = data.start();
    let text = http()
        .get(format!("{}/api/openapi.json", hub.url()))
        .send()
        .unwrap()
        .text()
        .unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let paths: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        paths,
        [
            "/api/openapi.json",
            "/api/v1/catalogue",
            "/api/v1/points/{point_code}/days/{business_date}",
            "/api/v1/points/{point_code}/status"
        ]
    );
    let put = &doc["paths"]["/api/v1/points/{point_code}/days/{business_date}"]["put"];
    for status in ["200", "400", "401", "403", "409", "413", "422"] {
        assert!(put["responses"][status].is_object(), "{status}");
    }
    // The schema lists exactly the fields the hub's summary type has.
    let summary = &doc["components"]["schemas"]["DailySummary"];
    let mut required: Vec<&str> = summary["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    required.sort_unstable();
    let mut fields: Vec<String> = common::hub::valid_summary_fields();
    fields.sort_unstable();
    assert_eq!(required, fields);
}

#[test]
fn concurrent_pushes_each_count_once_through_the_group_commit() {
    let data = hub_data();
    let hub = data.start();
    let url = hub.url();
    // 8 threads at once send 20 days each, every day twice (a retry after its original).
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let (url, token) = (url.clone(), data.token.clone());
            std::thread::spawn(move || {
                let mut outcomes = Vec::new();
                for d in 0..20 {
                    let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
                        + chrono::Duration::days(t * 20 + d);
                    let body = with(valid(), "/business_date", json!(date.to_string()));
                    let path = format!("/api/v1/points/HOIAN-01/days/{date}");
                    for _ in 0..2 {
                        let (status, answer) = put(&url, &path, Some(&token), body.clone());
                        assert_eq!(status, 200, "{answer}");
                        outcomes.push(answer["outcome"].as_str().unwrap().to_owned());
                    }
                }
                outcomes
            })
        })
        .collect();
    let outcomes: Vec<String> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    let stored = outcomes.iter().filter(|o| *o == "stored").count();
    let unchanged = outcomes.iter().filter(|o| *o == "unchanged").count();
    assert_eq!((stored, unchanged), (160, 160));
    assert_eq!(data.count("SELECT COUNT(*) FROM days"), 160);
    assert_eq!(data.count("SELECT SUM(net_vnd) FROM days"), 160 * 570_000);
    assert_eq!(data.count("SELECT COUNT(*) FROM day_lines"), 320);
}
