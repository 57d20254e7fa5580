//! Promotion events through the dashboard: created with the form (CSRF checked), measured over
//! summaries pushed through the real API with a known effect (+30% at the event's points, +5%
//! elsewhere on the promoted tea; honey unchanged), the lift and difference in differences on the
//! event's page with its chart and CSV export; bad forms are refused with messages and store
//! nothing; deleting an event needs the CSRF token too.
#![cfg(feature = "hub")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use chrono::{Duration, NaiveDate};
use ocop_pos::hub::store::points::Kind;

use common::dashboard::{Browser, Sold, add_point, location, push, row, sign_in, summary, vnd};
use common::hub::{HubData, hub_data};

const EVENT_POINTS: [&str; 2] = ["FAIR-A", "FAIR-B"];
const OTHER_POINTS: [&str; 2] = ["SHOP-C", "SHOP-D"];

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 10).unwrap()
}

/// Four points report every day of 3–16 November. Tea: point p sells 100.000 × (p + 1) plus
/// 10.000 × the weekday; from the 10th ×1.3 at FAIR-A/B and ×1.05 at SHOP-C/D. Honey: 50.000 a
/// day everywhere, unchanged. A day long before (not in either window) must not count.
fn fixture() -> (HubData, ocop_pos::hub::Handle, Browser) {
    let data = hub_data();
    let tokens: Vec<(String, String)> = EVENT_POINTS
        .iter()
        .chain(&OTHER_POINTS)
        .map(|code| {
            (
                code.to_string(),
                add_point(&data, code, Kind::FairStall, "20335"),
            )
        })
        .collect();
    let hub = data.start();
    let url = hub.url();
    for (p, (code, token)) in tokens.iter().enumerate() {
        for d in -7_i64..7 {
            let level = 100_000 * (p as i64 + 1) + 10_000 * ((d + 7) % 7);
            let tea = match (d >= 0, p < 2) {
                (false, _) => level,
                (true, true) => level * 13 / 10,
                (true, false) => level * 105 / 100,
            };
            let lines = [
                Sold("CHE", "P1", Some(2), Some(4), 1, tea),
                Sold("MAT", "P2", Some(1), Some(3), 1, 50_000),
            ];
            push(
                &url,
                token,
                &summary(code, start() + Duration::days(d), 3, &lines),
            );
        }
    }
    let (code, token) = &tokens[0];
    let long_before = start() - Duration::days(40);
    push(
        &url,
        token,
        &summary(
            code,
            long_before,
            1,
            &[Sold("CHE", "P1", None, None, 9, 99_000_000)],
        ),
    );
    let browser = sign_in(&data, &url);
    (data, hub, browser)
}

fn event_form<'a>(csrf: &'a str, name: &'a str, products: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("name", name),
        ("kind", "fair"),
        ("start", "2026-11-10"),
        ("end", "2026-11-16"),
        ("points", EVENT_POINTS[0]),
        ("points", EVENT_POINTS[1]),
        ("products", products),
    ]
}

#[test]
fn an_event_made_with_the_form_shows_its_lift_and_difference_in_differences() {
    let (data, _hub, browser) = fixture();
    let (status, new) = browser.get("/events/new");
    assert_eq!(status, 200);
    assert!(new.contains(&format!("name=\"csrf\" value=\"{}\"", browser.csrf)));
    assert!(new.contains("value=\"FAIR-A\"") && new.contains("value=\"SHOP-D\""));

    // Only the promoted tea: exactly +30% against +5%.
    let answer = browser.post(
        "/events",
        &event_form(&browser.csrf, "Hội chợ OCOP Hội An 2026", "CHE"),
    );
    assert_eq!(answer.status().as_u16(), 303);
    let page = location(&answer);
    assert!(page.starts_with("/events/"), "{page}");
    let (status, html) = browser.get(&page);
    assert_eq!(status, 200);
    assert!(html.contains("Hội chợ OCOP Hội An 2026") && html.contains("2026-11-03 – 2026-11-09"));
    // Tea means per point-day: event points 180.000 → 234.000, others 380.000 → 399.000.
    assert_eq!(
        row(&html, "Điểm tham gia (2)"),
        [
            "Điểm tham gia (2)",
            &vnd(180_000),
            &vnd(234_000),
            &vnd(54_000),
            "+30,00\u{a0}%",
            "3000"
        ]
    );
    assert_eq!(
        row(&html, "Điểm khác"),
        [
            "Điểm khác",
            &vnd(380_000),
            &vnd(399_000),
            &vnd(19_000),
            "+5,00\u{a0}%",
            "500"
        ]
    );
    assert_eq!(
        row(&html, "Chênh lệch kép (DiD)"),
        [
            "Chênh lệch kép (DiD)",
            "",
            "",
            &vnd(35_000),
            "+25,00\u{a0}%",
            "2500"
        ]
    );
    assert!(html.contains("<svg") && html.contains("class=\"event-window\""));
    assert!(html.contains("href=\"/points/FAIR-B\""));
    // The chart's scale tops at the highest daily mean: SHOP-C/D on the 16th.
    let scale = format!(
        "class=\"scale\" x=\"2\" y=\"14\" font-size=\"11\">{}<",
        vnd(430_500)
    );
    assert!(html.contains(&scale), "{html}");
    assert_eq!(html.matches("<polyline").count(), 2, "one line per group");
    assert!(!html.contains("<script"));
    // Day 3 November (weekday offset 0): tea at FAIR-A/B 100.000 and 200.000; SHOP-C/D 300/400.
    assert_eq!(
        row(&html, "2026-11-03"),
        ["2026-11-03", "Kỳ gốc", &vnd(150_000), &vnd(350_000)]
    );
    assert_eq!(
        row(&html, "2026-11-10"),
        ["2026-11-10", "Sự kiện", &vnd(195_000), &vnd(367_500)]
    );

    let csv = browser
        .fetch(&format!("{page}?format=csv&table=lift"))
        .text()
        .unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 4, "{csv}");
    // A text starting with '+' gets a leading apostrophe, so no spreadsheet reads it as a formula.
    assert_eq!(
        lines[1],
        "Điểm tham gia (2),180000,234000,54000,\"'+30,00\u{a0}%\",3000"
    );
    assert_eq!(
        lines[3],
        "Chênh lệch kép (DiD),,,35000,\"'+25,00\u{a0}%\",2500"
    );
    let daily = browser
        .fetch(&format!("{page}?format=csv&table=daily"))
        .text()
        .unwrap();
    assert_eq!(
        daily.trim_start_matches('\u{feff}').lines().count(),
        15,
        "header and 14 days"
    );

    // Every product: honey's steady 50.000 dilutes the lift (54.000 / 230.000 = +23,48 %).
    let answer = browser.post(
        "/events",
        &event_form(&browser.csrf, "Hội chợ, mọi sản phẩm", ""),
    );
    let (_, all) = browser.get(&location(&answer));
    assert_eq!(
        row(&all, "Điểm tham gia (2)")[1..5],
        [
            vnd(230_000),
            vnd(284_000),
            vnd(54_000),
            "+23,48\u{a0}%".into()
        ]
    );
    assert_eq!(row(&all, "Điểm khác")[4], "+4,42\u{a0}%");
    assert_eq!(row(&all, "Chênh lệch kép (DiD)")[4], "+19,06\u{a0}%");

    let (_, list) = browser.get("/events");
    assert!(list.contains("Hội chợ OCOP Hội An 2026") && list.contains("mọi sản phẩm"));
    assert_eq!(data.count("SELECT COUNT(*) FROM events"), 2);
    assert_eq!(data.count("SELECT COUNT(*) FROM event_points"), 4);
    assert_eq!(
        data.count("SELECT COUNT(*) FROM event_products WHERE product_code = 'CHE'"),
        1
    );

    let (_, english) = browser.get(&format!("{page}?lang=en"));
    assert!(english.contains("Difference in differences (DiD)") && english.contains("+30.00%"));
    let (status, _) = browser.get("/events/999");
    assert_eq!(status, 404);

    // Deleting needs the CSRF token too; then the event, its points and products are gone.
    let delete = format!("{page}/delete");
    let refused = browser.post(&delete, &[("csrf", "ocop_wrong")]);
    assert_eq!(refused.status().as_u16(), 403);
    assert_eq!(data.count("SELECT COUNT(*) FROM events"), 2);
    let deleted = browser.post(&delete, &[("csrf", browser.csrf.as_str())]);
    assert_eq!(deleted.status().as_u16(), 303);
    assert_eq!(location(&deleted), "/events");
    assert_eq!(data.count("SELECT COUNT(*) FROM events"), 1);
    assert_eq!(data.count("SELECT COUNT(*) FROM event_points"), 2);
    assert_eq!(data.count("SELECT COUNT(*) FROM event_products"), 0);
    assert_eq!(browser.get(&page).0, 404);
}

#[test]
fn a_bad_event_form_is_refused_with_messages_and_stores_nothing() {
    let (data, _hub, browser) = fixture();
    let csrf = browser.csrf.clone();
    let answer = browser.post(
        "/events",
        &[
            ("csrf", csrf.as_str()),
            ("name", "  "),
            ("kind", "fair"),
            ("start", "2026-11-16"),
            ("end", "2026-11-10"),
            ("points", "FAIR-A"),
            ("points", "NOPE"),
            ("products", "CHE, KHONG-CO"),
        ],
    );
    assert_eq!(answer.status().as_u16(), 422);
    let html = answer.text().unwrap();
    for message in [
        "Hãy nhập tên sự kiện.",
        "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.",
        "Không có điểm bán: NOPE",
        "Không có sản phẩm: KHONG-CO",
    ] {
        assert!(html.contains(message), "{message}: {html}");
    }
    assert!(
        html.contains("value=\"FAIR-A\" checked"),
        "the choices are kept"
    );
    assert!(!html.contains("Hãy chọn ít nhất một điểm bán"));

    let answer = browser.post(
        "/events",
        &[
            ("csrf", csrf.as_str()),
            ("name", "Gian hàng khách sạn Vinpearl"),
            ("kind", "party"),
            ("start", "2026-13-40"),
            ("end", ""),
        ],
    );
    assert_eq!(answer.status().as_u16(), 422);
    let html = answer.text().unwrap();
    for message in [
        "Hãy chọn loại sự kiện.",
        "Ngày bắt đầu không hợp lệ (YYYY-MM-DD).",
        "Ngày kết thúc không hợp lệ (YYYY-MM-DD).",
        "Hãy chọn ít nhất một điểm bán tham gia.",
    ] {
        assert!(html.contains(message), "{message}: {html}");
    }
    assert!(html.contains("value=\"Gian hàng khách sạn Vinpearl\""));

    // A good event without, or with a wrong, CSRF token is forbidden.
    let mut forged = event_form("ocop_wrong", "Hội chợ", "");
    let answer = browser.post("/events", &forged);
    assert_eq!(answer.status().as_u16(), 403);
    forged.remove(0);
    assert_eq!(browser.post("/events", &forged).status().as_u16(), 403);
    let anonymous = Browser {
        cookie: String::new(),
        ..browser
    };
    let answer = anonymous.post("/events", &event_form(&csrf, "Hội chợ", ""));
    assert_eq!(answer.status().as_u16(), 303);
    assert_eq!(location(&answer), "/login");

    for table in ["events", "event_points", "event_products"] {
        assert_eq!(
            data.count(&format!("SELECT COUNT(*) FROM {table}")),
            0,
            "{table}"
        );
    }
}
