//! Shifts and the day close through the `ocop-pos` command line: opening with a PIN, cash in and
//! out, the X report, a close over the limit refused without a manager, the kept Z report and the
//! day's summary.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use chrono::{Duration, FixedOffset};
use ocop_pos::domain::barcode::BarcodeRules;
use ocop_pos::domain::cart::Cart;
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::summary::DailySummary;
use ocop_pos::store::{self, catalog, sales, users};

use common::shift_till::{CAO, RUOU};
use common::{ok, ok_output, refused, text};

#[test]
fn shift_open_x_close_and_summary_show_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["init", "--sample", "--point-code", "HUE-01"], "2580\n");
    ok(d, &["users", "add", "Lan", "--role", "clerk"], "1111\n");
    ok(d, &["users", "add", "Minh", "--role", "manager"], "2222\n");

    assert!(refused(d, &["shift", "x"], "").contains("chưa mở ca"));
    assert!(
        refused(
            d,
            &["shift", "open", "--user", "Lan", "--float", "1.000.000"],
            "0000\n"
        )
        .contains("sai mã PIN")
    );
    let out = ok(
        d,
        &["shift", "open", "--user", "Lan", "--float", "1.000.000"],
        "1111\n",
    );
    assert!(
        out.contains("Đã mở ca") && out.contains("Lan") && out.contains("1.000.000"),
        "{out}"
    );

    // Two sales through the library, as the till window would make them, at the CLI's clock.
    let now = chrono::Utc::now().with_timezone(&FixedOffset::east_opt(7 * 3600).unwrap());
    {
        let mut conn = store::open(&d.join("till.db")).unwrap();
        let clerk = users::find_by_name(&conn, "Lan").unwrap().unwrap().id;
        let rules = BarcodeRules::default();
        for (id, code, method) in [("k1", CAO, Method::Cash), ("k2", RUOU, Method::Vietqr)] {
            let mut cart = Cart::new(id.into());
            let found = catalog::resolve(&conn, code, &rules, now.date_naive()).unwrap();
            cart.add(found.item, found.qty, code).unwrap();
            cart.pay(method, None).unwrap();
            let ctx = sales::Context {
                point_code: "HUE-01".into(),
                user: clerk,
                at: now,
            };
            sales::complete(&mut conn, &cart, &ctx).unwrap();
        }
    }
    let out = ok(
        d,
        &[
            "shift",
            "cash-in",
            "--amount",
            "100000",
            "--reason",
            "đổi tiền lẻ",
        ],
        "",
    );
    assert!(out.contains("100.000"), "{out}");
    assert!(
        refused(
            d,
            &["shift", "cash-out", "--amount", "0", "--reason", "x"],
            ""
        )
        .contains("phải lớn hơn 0")
    );

    let x: serde_json::Value = serde_json::from_str(&ok(d, &["shift", "x", "--json"], "")).unwrap();
    assert_eq!(
        (x["receipts"].as_u64(), x["net_vnd"].as_i64()),
        (Some(2), Some(700_000))
    );
    assert_eq!(x["expected_cash_vnd"].as_i64(), Some(1_550_000));
    let out = ok(d, &["shift", "x"], "");
    assert!(
        out.contains("BÁO CÁO X") && out.contains("1.550.000") && out.contains("đổi tiền lẻ"),
        "{out}"
    );

    // Counted 1.450.000: 100.000 short, over the 50.000 limit. Refused without a manager; the
    // shift stays open and the error tells the difference.
    let err = refused(
        d,
        &["shift", "close", "--counted", "1450000", "--end-day"],
        "",
    );
    assert!(
        err.contains("thiếu 100.000") && err.contains("cần quản lý"),
        "{err}"
    );
    assert!(!err.contains("1.550.000"), "{err}");
    ok(d, &["shift", "x"], "");
    // A clerk's PIN does not make a manager.
    let err = refused(
        d,
        &[
            "shift",
            "close",
            "--counted",
            "1450000",
            "--end-day",
            "--manager",
            "Lan",
        ],
        "1111\n",
    );
    assert!(err.contains("không có quyền quản lý"), "{err}");
    let out = ok(
        d,
        &[
            "shift",
            "close",
            "--counted",
            "1450000",
            "--end-day",
            "--manager",
            "Minh",
        ],
        "2222\n",
    );
    assert!(out.contains("Z-000001"), "{out}");
    let counted = out.find("đếm được").unwrap();
    let expected = out.find("1.550.000").unwrap();
    assert!(counted < expected, "the count comes first: {out}");
    assert!(
        out.contains("thiếu 100.000") && out.contains("Đã chốt ngày"),
        "{out}"
    );
    assert!(refused(d, &["shift", "x"], "").contains("chưa mở ca"));

    let out = ok(d, &["shift", "z", "1"], "");
    assert!(
        out.contains("Z-000001") && out.contains("in lại") && out.contains("Minh"),
        "{out}"
    );
    let z: serde_json::Value =
        serde_json::from_str(&ok(d, &["shift", "z", "1", "--json"], "")).unwrap();
    assert_eq!(
        (z["z_no"].as_i64(), z["count"]["difference"].as_i64()),
        (Some(1), Some(-100_000))
    );
    assert!(refused(d, &["shift", "z", "2"], "").contains("không có báo cáo Z số 2"));

    let today = now.date_naive().to_string();
    let out = ok_output(d, &["summary", "show", "--date", &today, "--json"], "");
    let body = text(&out.stdout);
    assert!(
        text(&out.stderr).contains("đã chốt ngày, bản 1"),
        "{}",
        text(&out.stderr)
    );
    let s: DailySummary = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (s.point_code.as_str(), s.revision, s.receipts, s.net_vnd),
        ("HUE-01", 1, 2, Vnd(700_000))
    );
    assert_eq!(s.verify(), Ok(()));
    let out = ok(d, &["summary", "show", "--date", &today], "");
    assert!(
        out.contains("đã chốt ngày") && out.contains("700.000"),
        "{out}"
    );
    let yesterday = (now.date_naive() - Duration::days(1)).to_string();
    let out = ok(d, &["summary", "show", "--date", &yesterday], "");
    assert!(out.contains("chưa chốt ngày"), "{out}");
    ok(d, &["check"], "");
}
