//! The daily summary: what it reads as, and every check naming its field.

use super::*;
use chrono::TimeZone;

fn sample() -> DailySummary {
    DailySummary {
        schema: SCHEMA.into(),
        point_code: "HOIAN-01".into(),
        business_date: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        revision: 1,
        generated_at: FixedOffset::east_opt(7 * 3600)
            .unwrap()
            .with_ymd_and_hms(2026, 11, 30, 21, 5, 0)
            .unwrap(),
        currency: CURRENCY.into(),
        receipts: 3,
        refund_receipts: 1,
        gross_vnd: Vnd(1_020_000),
        discount_vnd: Vnd(20_000),
        refund_vnd: Vnd(250_000),
        net_vnd: Vnd(750_000),
        vat_vnd: Vnd(61_000),
        payments: vec![
            Payment {
                method: Method::Cash,
                amount_vnd: Vnd(300_000),
            },
            Payment {
                method: Method::Vietqr,
                amount_vnd: Vnd(450_000),
            },
        ],
        lines: vec![
            Line {
                product_code: "DS-CAO".into(),
                gtin: "8934563138165".into(),
                name: "Cao đảng sâm".into(),
                producer_code: "HTX-DUCHUY".into(),
                ocop_group: Some(3),
                stars: Some(4),
                unit: "lọ".into(),
                qty_milli: 1000,
                net_vnd: Vnd(450_000),
                vat_vnd: Vnd(33_333),
            },
            Line {
                product_code: "TRA".into(),
                gtin: String::new(),
                name: "Trà".into(),
                producer_code: String::new(),
                ocop_group: None,
                stars: None,
                unit: "hộp".into(),
                qty_milli: 2500,
                net_vnd: Vnd(300_000),
                vat_vnd: Vnd(27_667),
            },
        ],
        hours: vec![
            Hour {
                hour: 9,
                receipts: 2,
                net_vnd: Vnd(800_000),
            },
            Hour {
                hour: 17,
                receipts: 1,
                net_vnd: Vnd(-50_000),
            },
        ],
    }
}

#[test]
fn a_consistent_summary_passes_and_reads_back_as_written() {
    let summary = sample();
    assert_eq!(summary.verify(), Ok(()));
    let json = serde_json::to_value(&summary).unwrap();
    assert_eq!(json["schema"], "ocop.daily-summary.v1");
    assert_eq!(json["business_date"], "2026-11-30");
    assert_eq!(json["generated_at"], "2026-11-30T21:05:00+07:00");
    assert_eq!(json["payments"][1]["method"], "vietqr");
    assert_eq!(json["lines"][0]["qty_milli"], 1000);
    assert_eq!(json["lines"][1]["stars"], serde_json::Value::Null);
    assert_eq!(json["hours"][0]["hour"], 9);
    let mut keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "business_date",
            "currency",
            "discount_vnd",
            "generated_at",
            "gross_vnd",
            "hours",
            "lines",
            "net_vnd",
            "payments",
            "point_code",
            "receipts",
            "refund_receipts",
            "refund_vnd",
            "revision",
            "schema",
            "vat_vnd",
        ]
    );
    let mut line_keys: Vec<&str> = json["lines"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    line_keys.sort_unstable();
    assert_eq!(
        line_keys,
        [
            "gtin",
            "name",
            "net_vnd",
            "ocop_group",
            "producer_code",
            "product_code",
            "qty_milli",
            "stars",
            "unit",
            "vat_vnd",
        ]
    );
    let back: DailySummary = serde_json::from_value(json).unwrap();
    assert_eq!(back, summary);
}

#[test]
fn each_total_that_does_not_add_up_is_named() {
    let mut s = sample();
    s.lines[1].net_vnd = Vnd(299_000);
    let err = s.verify().unwrap_err();
    assert_eq!(err.field(), "net_vnd");
    assert!(err.to_string().contains("lines[].net_vnd"), "{err}");

    let mut s = sample();
    s.lines[0].vat_vnd = Vnd(33_334);
    assert_eq!(s.verify().unwrap_err().field(), "vat_vnd");

    let mut s = sample();
    s.payments[0].amount_vnd = Vnd(299_999);
    let err = s.verify().unwrap_err();
    assert_eq!(
        err,
        SummaryError::Mismatch {
            field: "payments",
            against: "payments[].amount_vnd",
            stated: 750_000,
            computed: 749_999,
        }
    );

    let mut s = sample();
    s.hours[1].receipts = 2;
    assert_eq!(s.verify().unwrap_err().field(), "receipts");

    let mut s = sample();
    s.hours[0].net_vnd = Vnd(0);
    assert_eq!(s.verify().unwrap_err().field(), "hours");

    let mut s = sample();
    s.refund_vnd = Vnd(240_000);
    assert_eq!(s.verify().unwrap_err().field(), "net_vnd");
}

#[test]
fn bad_values_are_named_by_their_path() {
    type Spoil = fn(&mut DailySummary);
    let cases: Vec<(Spoil, &str)> = vec![
        (|s| s.schema = "ocop.daily-summary.v2".into(), "schema"),
        (|s| s.currency = "USD".into(), "currency"),
        (|s| s.revision = 0, "revision"),
        (|s| s.point_code = " ".into(), "point_code"),
        (|s| s.lines[1].stars = Some(6), "lines[1].stars"),
        (|s| s.lines[0].ocop_group = Some(0), "lines[0].ocop_group"),
        (
            |s| s.lines[0].gtin = "2900000000018".into(),
            "lines[0].gtin",
        ),
        (
            |s| s.lines[1].product_code = "DS-CAO".into(),
            "lines[1].product_code",
        ),
        (
            |s| s.payments[1].method = Method::Cash,
            "payments[1].method",
        ),
        (|s| s.hours[1].hour = 24, "hours[1].hour"),
        (|s| s.discount_vnd = Vnd(-1), "discount_vnd"),
    ];
    for (spoil, field) in cases {
        let mut s = sample();
        spoil(&mut s);
        assert_eq!(s.verify().unwrap_err().field(), field);
    }
    let unknown = serde_json::to_string(&sample())
        .unwrap()
        .replace("\"hours\"", "\"extra\":1,\"hours\"");
    assert!(serde_json::from_str::<DailySummary>(&unknown).is_err());
}

#[test]
fn content_ignores_revision_and_build_time() {
    let a = sample();
    let mut b = sample();
    b.revision = 7;
    b.generated_at += chrono::Duration::hours(3);
    assert!(a.same_content(&b));
    b.lines[1].qty_milli += 1;
    assert!(!a.same_content(&b));
}

#[test]
fn gtins_skip_in_store_and_restricted_codes() {
    assert!(is_gtin("8934563138165"));
    assert!(!is_gtin("2900000000018"));
    assert!(!is_gtin("8934563138166"));
    assert!(!is_gtin("DS-CAO"));
    assert_eq!(
        first_gtin(["2900000000018", "8934563138165", "8934563138172"]),
        "8934563138165"
    );
    assert_eq!(first_gtin(["2900000000018"]), "");
}
