//! Lift of a promotion event on a fixture with a known effect: +30% at the event's points, +5%
//! elsewhere, over summaries stored as the API stores them.
#![cfg(feature = "hub")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use chrono::{DateTime, Duration, NaiveDate, Utc};
use ocop_pos::domain::money::Vnd;
use ocop_pos::hub::store::lift::{self, Event};
use ocop_pos::hub::store::{self, days, points};
use ocop_pos::sync::protocol::{CURRENCY, DailySummary, Hour, Line, Method, Payment, SCHEMA};

fn summary(point: &str, date: NaiveDate, net: i64) -> DailySummary {
    DailySummary {
        schema: SCHEMA.into(),
        point_code: point.into(),
        business_date: date,
        revision: 1,
        generated_at: DateTime::parse_from_rfc3339("2026-11-30T21:00:00+07:00").unwrap(),
        currency: CURRENCY.into(),
        receipts: 10,
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
        lines: vec![Line {
            product_code: "SP".into(),
            gtin: String::new(),
            name: "Sản phẩm".into(),
            producer_code: String::new(),
            ocop_group: None,
            stars: None,
            unit: "hộp".into(),
            qty_milli: 1000,
            net_vnd: Vnd(net),
            vat_vnd: Vnd(0),
        }],
        hours: vec![Hour {
            hour: 9,
            receipts: 10,
            net_vnd: Vnd(net),
        }],
    }
}

#[test]
fn a_known_effect_gives_the_expected_lift_and_difference_in_differences() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = store::open(&store::path_in(dir.path())).unwrap();
    let codes: Vec<String> = (0..6).map(|i| format!("P{i}")).collect();
    for code in &codes {
        let point = points::NewPoint {
            code: code.clone(),
            name: code.clone(),
            kind: points::Kind::FairStall,
            province: "49".into(),
            commune: "20335".into(),
        };
        points::add(&conn, &point, Utc::now()).unwrap();
    }
    let start = NaiveDate::from_ymd_opt(2026, 11, 10).unwrap();
    let event = Event {
        start,
        end: start + Duration::days(6),
        points: codes[..3].to_vec(),
        products: Vec::new(),
    };
    // Each point has its own level and a weekly pattern; the effect multiplies it exactly.
    for (p, code) in codes.iter().enumerate() {
        let in_event = p < 3;
        for d in -7..7 {
            let level = 1_000_000 * (p as i64 + 1) + 100_000 * ((d + 7) % 7);
            let net = match (d >= 0, in_event) {
                (false, _) => level,
                (true, true) => level * 13 / 10,
                (true, false) => level * 105 / 100,
            };
            let date = start + Duration::days(d);
            days::put(&mut conn, &summary(code, date, net), Utc::now()).unwrap();
        }
    }
    // A day outside both windows does not count.
    days::put(
        &mut conn,
        &summary("P0", start - Duration::days(30), 99_000_000),
        Utc::now(),
    )
    .unwrap();
    let measured = lift::measure(&conn, &event).unwrap();
    assert_eq!(measured.event.lift_bp, Some(3000));
    assert_eq!(measured.comparison.lift_bp, Some(500));
    assert_eq!(measured.diff_in_diff_bp, Some(2500));
    // Event points: levels 1–3 M + 0.3 M weekly mean = 2.3 M; comparison: 4–6 M → 5.3 M.
    assert_eq!(measured.event.baseline, Vnd(2_300_000));
    assert_eq!(measured.event.during, Vnd(2_990_000));
    assert_eq!(measured.comparison.baseline, Vnd(5_300_000));
    assert_eq!(measured.comparison.during, Vnd(5_565_000));
    assert_eq!(measured.diff_in_diff, Vnd(690_000 - 265_000));
}
