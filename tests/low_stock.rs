//! The low-stock list over a month of real sales and a refund: which products are at or below their
//! reorder level, their average daily sales over the last N days and their days of cover, exact to
//! the integer rounding the list promises. Then the same from the command line.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use std::io::Write;
use std::num::NonZeroU32;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use ocop_pos::domain::auth::Role;
use ocop_pos::domain::barcode::{self, BarcodeRules};
use ocop_pos::domain::cart::Cart;
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::qty::Qty;
use ocop_pos::setup::{self, FirstRun};
use ocop_pos::store::low_stock::{self, LowStock};
use ocop_pos::store::settings::PointProfile;
use ocop_pos::store::users::LockoutPolicy;
use ocop_pos::store::{self, catalog, check, refund, sales, shifts, stock, users};

const TOI: &str = "TOI-LYSON-PHUSINH-KG"; // weighed, PLU 102
const TOIDEN: &str = "TOIDEN-CODON-PS-250";
const CAOTOIDEN: &str = "CAOTOIDEN-PS-100";
const QUE: &str = "TDQUE-MINHPHUC-10";
const RUOU: &str = "DS-RUOU-DUCHUY-500";

fn at(month: u32, day: u32, hour: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(7 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, month, day, hour, 0, 0)
        .unwrap()
}

fn days(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n).unwrap()
}

fn row(rows: &[LowStock], code: &str) -> LowStock {
    rows.iter()
        .find(|r| r.product_code == code)
        .unwrap()
        .clone()
}

#[test]
fn days_of_cover_follow_the_last_weeks_of_sales() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = store::open(&dir.path().join("till.db")).unwrap();
    setup::first_run(
        &mut conn,
        &FirstRun {
            point: PointProfile {
                code: "DN-HOIAN-01".into(),
                name: "Trung tâm OCOP Hội An".into(),
                address: String::new(),
                tax_code: String::new(),
            },
            admin_name: "admin".into(),
            admin_pin: "9999".into(),
            sample: true,
        },
        at(11, 1, 7),
    )
    .unwrap();
    let clerk = users::add(&conn, "Lan", Role::Clerk, "2468", None, at(11, 1, 7)).unwrap();
    users::add(&conn, "Minh", Role::Manager, "1357", None, at(11, 1, 7)).unwrap();
    shifts::open(
        &mut conn,
        &shifts::Opening {
            point_code: "DN-HOIAN-01".into(),
            user: clerk,
            float: Vnd(0),
            at: at(11, 1, 7),
        },
    )
    .unwrap();
    let id = |conn: &rusqlite::Connection, code: &str| -> i64 {
        conn.query_row("SELECT id FROM products WHERE code = ?1", [code], |r| {
            r.get(0)
        })
        .unwrap()
    };
    for (code, qty) in [
        (TOIDEN, 26_000),
        (TOI, 3_000),
        (CAOTOIDEN, 5_000),
        (QUE, 10_000),
    ] {
        stock::apply(
            &conn,
            &stock::Move::new(
                id(&conn, code),
                Qty(qty),
                stock::MoveKind::Opening,
                at(11, 1, 8),
            ),
        )
        .unwrap();
    }
    let rules = BarcodeRules::default();
    let weighed = *rules.layout(20).unwrap();
    let mut receipts = Vec::new();
    let mut sell = |conn: &mut rusqlite::Connection, code: &str, qty: Option<Qty>, when| {
        let found = catalog::resolve(conn, code, &rules, at(12, 1, 9).date_naive()).unwrap();
        let mut cart = Cart::new(format!("cart-{}", receipts.len()));
        cart.add(found.item, qty.unwrap_or(found.qty), code)
            .unwrap();
        cart.pay(Method::Cash, None).unwrap();
        let ctx = sales::Context {
            point_code: "DN-HOIAN-01".into(),
            user: clerk,
            at: when,
        };
        receipts.push(sales::complete(conn, &cart, &ctx).unwrap().receipt_no);
    };
    // 30 November is outside a 28-day window ending 28 December (it starts on 1 December).
    sell(&mut conn, TOIDEN, Some(Qty(5_000)), at(11, 30, 10));
    sell(&mut conn, TOIDEN, Some(Qty(6_000)), at(12, 1, 10));
    sell(&mut conn, TOIDEN, Some(Qty(4_000)), at(12, 10, 10));
    sell(&mut conn, TOIDEN, Some(Qty(5_000)), at(12, 20, 10));
    let toi_750 = barcode::encode_in_store(&weighed, 102, 750).unwrap();
    let toi_450 = barcode::encode_in_store(&weighed, 102, 450).unwrap();
    sell(&mut conn, &toi_750, None, at(12, 5, 11));
    sell(&mut conn, &toi_450, None, at(12, 27, 11));
    // A jar of the 20 December sale comes back on the 21st: net sales in the window are 14 jars.
    let approval = users::approve(
        &conn,
        "Minh",
        "1357",
        LockoutPolicy::default(),
        at(12, 21, 9),
    )
    .unwrap();
    refund::refund(
        &mut conn,
        &refund::Request {
            refund_id: "refund-1".into(),
            original_receipt: "DN-HOIAN-01-000004".into(),
            lines: vec![(1, Qty::ONE)],
            payout: Vec::new(),
            reason: "hộp móp".into(),
        },
        &sales::Context {
            point_code: "DN-HOIAN-01".into(),
            user: clerk,
            at: at(12, 21, 9),
        },
        approval,
    )
    .unwrap();

    low_stock::set_reorder_level(&conn, TOIDEN, Some(Qty(10_000))).unwrap();
    low_stock::set_reorder_level(&conn, TOI, Some(Qty(2_000))).unwrap();
    low_stock::set_reorder_level(&conn, CAOTOIDEN, Some(Qty(5_000))).unwrap(); // exactly at it
    low_stock::set_reorder_level(&conn, QUE, Some(Qty(3_000))).unwrap(); // well above it
    low_stock::set_reorder_level(&conn, RUOU, Some(Qty(1_000))).unwrap();
    low_stock::set_reorder_level(&conn, RUOU, None).unwrap(); // no longer watched, though at 0
    assert!(matches!(
        low_stock::set_reorder_level(&conn, TOI, Some(Qty(-1))),
        Err(store::Error::Setting(_))
    ));
    assert!(matches!(
        low_stock::set_reorder_level(&conn, "KHONG-CO", Some(Qty(1))),
        Err(store::Error::UnknownCode(_))
    ));

    let today = NaiveDate::from_ymd_opt(2026, 12, 28).unwrap();
    let rows = low_stock::list(&conn, today, days(low_stock::DEFAULT_DAYS)).unwrap();
    let codes: Vec<&str> = rows.iter().map(|r| r.product_code.as_str()).collect();
    // Fewest days of cover first; a product that did not sell comes last.
    assert_eq!(codes, [TOIDEN, TOI, CAOTOIDEN]);
    let toiden = row(&rows, TOIDEN);
    // 26 − 5 − 6 − 4 − 5 + 1 = 7 on hand; 6 + 4 + 5 − 1 = 14 sold over 28 days: 0,5 a day, 14 days.
    assert_eq!(toiden.on_hand, Qty(7_000));
    assert_eq!(toiden.reorder_level, Qty(10_000));
    assert_eq!(toiden.sold, Qty(14_000));
    assert_eq!(toiden.days, 28);
    assert_eq!(toiden.daily_average, Qty(500));
    assert_eq!(toiden.days_of_cover, Some(14));
    let toi = row(&rows, TOI);
    // 1,8 kg left; 1,2 kg sold in 28 days: 42,857… g a day shown as 43 g; 1800 × 28 / 1200 = 42 days.
    assert_eq!(toi.on_hand, Qty(1_800));
    assert_eq!(toi.sold, Qty(1_200));
    assert_eq!(toi.daily_average, Qty(43));
    assert_eq!(toi.days_of_cover, Some(42));
    let cao = row(&rows, CAOTOIDEN);
    assert_eq!(
        (cao.on_hand, cao.sold, cao.daily_average),
        (Qty(5_000), Qty(0), Qty(0))
    );
    assert_eq!(cao.days_of_cover, None);

    // Over the last 14 days (15–28 December): 5 sold, 1 back = 4 jars; 4/14 = 0,2857 → 0,286 a day;
    // 7 × 14 / 4 = 24,5 → 24 whole days.
    let fortnight = low_stock::list(&conn, today, days(14)).unwrap();
    let toiden = row(&fortnight, TOIDEN);
    assert_eq!((toiden.sold, toiden.daily_average), (Qty(4_000), Qty(286)));
    assert_eq!(toiden.days_of_cover, Some(24));
    let toi = row(&fortnight, TOI);
    assert_eq!((toi.sold, toi.days_of_cover), (Qty(450), Some(56))); // 1800 × 14 / 450

    assert_eq!(receipts.len(), 6);
    assert_eq!(check::run(&conn).unwrap(), Vec::<String>::new());
}

const EXE: &str = env!("CARGO_BIN_EXE_ocop-pos");

fn run(dir: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(EXE)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Only `init` reads its PIN; a command that exits first closes the pipe, which is fine.
    let stdin = if args.first() == Some(&"init") {
        "9999\n"
    } else {
        ""
    };
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn reorder_levels_and_the_list_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&run(
        d,
        &["init", "--sample", "--point-code", "DN-HOIAN-01"],
    ));
    let empty = ok(&run(d, &["stock", "low"]));
    assert!(empty.contains("Không có sản phẩm"), "{empty}");
    let set = ok(&run(d, &["stock", "reorder-level", TOIDEN, "2,5"]));
    assert!(set.contains("2,5"), "{set}");
    ok(&run(d, &["stock", "reorder-level", QUE, "4"]));
    let table = ok(&run(d, &["stock", "low", "--days", "7"]));
    assert!(
        table.contains(TOIDEN) && table.contains("không bán"),
        "{table}"
    );
    let json = ok(&run(d, &["stock", "low", "--json"]));
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 2);
    // Neither sold: in code order.
    assert_eq!(rows[0]["product_code"], QUE);
    assert_eq!(rows[1]["product_code"], TOIDEN);
    assert_eq!(rows[1]["reorder_level"], 2_500);
    assert_eq!(rows[0]["days"], 28);
    assert_eq!(rows[0]["days_of_cover"], serde_json::Value::Null);
    ok(&run(d, &["stock", "reorder-level", QUE, "none"]));
    let json = ok(&run(d, &["stock", "low", "--json"]));
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1);
    let bad = run(d, &["stock", "reorder-level", "KHONG-CO", "1"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("KHONG-CO"));
    let zero_days = run(d, &["stock", "low", "--days", "0"]);
    assert!(!zero_days.status.success());
    ok(&run(d, &["check"]));
}
