//! A whole stock take through the `ocop-pos` command line: opened for a producer, counted by scan
//! and by typed quantity (a negative one refused), shown as a table and as JSON, and posted once
//! with a manager's PIN.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use chrono::{FixedOffset, TimeZone};
use ocop_pos::domain::qty::Qty;
use ocop_pos::store::{self, stock};

use common::stocktake_till::{TOI, TOIDEN, TOIDEN_BARCODE};
use common::{ok, run};

#[test]
fn a_count_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(
        d,
        &["init", "--sample", "--point-code", "DN-HOIAN-01"],
        "9999\n",
    );
    ok(d, &["users", "add", "Minh", "--role", "manager"], "1357\n");
    {
        let conn = store::open(&d.join("till.db")).unwrap();
        let id: i64 = conn
            .query_row("SELECT id FROM products WHERE code = ?1", [TOIDEN], |r| {
                r.get(0)
            })
            .unwrap();
        // Stamped well before the command line's own clock, so it comes before any count.
        let long_ago = FixedOffset::east_opt(7 * 3600)
            .unwrap()
            .with_ymd_and_hms(2020, 1, 1, 8, 0, 0)
            .unwrap();
        stock::apply(
            &conn,
            &stock::Move::new(id, Qty(5_000), stock::MoveKind::Opening, long_ago),
        )
        .unwrap();
    }
    let opened = ok(d, &["stocktake", "open", "--producer", "CTY-PHUSINH"], "");
    assert!(opened.contains("KK-000001"), "{opened}");
    assert!(opened.contains("3 sản phẩm"), "{opened}");
    let scanned = ok(d, &["stocktake", "count", "KK-000001", TOIDEN_BARCODE], "");
    assert!(scanned.contains("đã đếm 1"), "{scanned}");
    ok(d, &["stocktake", "count", "KK-000001", TOIDEN_BARCODE], "");
    let typed = ok(
        d,
        &["stocktake", "count", "KK-000001", TOI, "--qty", "1,5"],
        "",
    );
    assert!(typed.contains("1,5"), "{typed}");
    let negative = run(
        d,
        &["stocktake", "count", "KK-000001", TOI, "--qty", "-2"],
        "",
    );
    assert!(!negative.status.success());
    assert!(String::from_utf8_lossy(&negative.stderr).contains("không được âm"));
    let table = ok(d, &["stocktake", "show", "KK-000001"], "");
    assert!(table.contains(TOIDEN) && table.contains("-3"), "{table}");
    assert!(table.contains("giá bán lẻ"), "{table}");
    let json = ok(d, &["stocktake", "show", "KK-000001", "--json"], "");
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["number"], "KK-000001");
    // 2 counted − 5 on hand = −3 jars at the retail 380.000 ₫; 1,5 kg garlic found at 180.000 ₫/kg.
    assert_eq!(report["totals"]["net_value"], -3 * 380_000 + 270_000);
    let wrong_pin = run(
        d,
        &["stocktake", "post", "KK-000001", "--manager", "Minh"],
        "0000\n",
    );
    assert!(!wrong_pin.status.success());
    let posted = ok(
        d,
        &["stocktake", "post", "KK-000001", "--manager", "Minh"],
        "1357\n",
    );
    assert!(posted.contains("KK-000001"), "{posted}");
    assert!(posted.contains("1 sản phẩm chưa đếm"), "{posted}");
    let twice = run(
        d,
        &["stocktake", "post", "KK-000001", "--manager", "Minh"],
        "1357\n",
    );
    assert!(!twice.status.success());
    assert!(String::from_utf8_lossy(&twice.stderr).contains("đã ghi sổ"));
    let conn = store::open(&d.join("till.db")).unwrap();
    let id: i64 = conn
        .query_row("SELECT id FROM products WHERE code = ?1", [TOIDEN], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(stock::on_hand(&conn, id).unwrap(), Qty(2_000));
    ok(d, &["check"], "");
}
