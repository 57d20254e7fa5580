//! A transfer through the `ocop-pos` command line: sent from a CSV of lines and exported, in
//! transit, received once at the booth with its lot, refused at the sending point, then delivered.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use chrono::{FixedOffset, TimeZone};
use ocop_pos::domain::lot::Owner;
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::qty::Qty;
use ocop_pos::store::{self, lots, stock};

use common::transfer_till::{TOIDEN, date};
use common::{ok, run};

#[test]
fn a_transfer_from_the_command_line() {
    let centre = tempfile::tempdir().unwrap();
    let booth = tempfile::tempdir().unwrap();
    let (a, b) = (centre.path(), booth.path());
    ok(
        a,
        &["init", "--sample", "--point-code", "DN-HOIAN-01"],
        "9999\n",
    );
    ok(
        b,
        &["init", "--sample", "--point-code", "DN-BOOTH-02"],
        "9999\n",
    );
    {
        let conn = store::open(&a.join("till.db")).unwrap();
        let id: i64 = conn
            .query_row("SELECT id FROM products WHERE code = ?1", [TOIDEN], |r| {
                r.get(0)
            })
            .unwrap();
        let long_ago = FixedOffset::east_opt(7 * 3600)
            .unwrap()
            .with_ymd_and_hms(2020, 1, 1, 8, 0, 0)
            .unwrap();
        let lot = lots::create(
            &conn,
            &lots::NewLot {
                product_id: id,
                lot_no: "D-01",
                expiry: Some(date(2099, 12, 31)),
                owner: Owner::Owned,
                producer_id: None,
                unit_cost: Vnd(250_000),
                document_id: None,
                at: long_ago,
            },
        )
        .unwrap();
        stock::apply(
            &conn,
            &stock::Move {
                lot_id: Some(lot),
                ..stock::Move::new(id, Qty(10_000), stock::MoveKind::Receive, long_ago)
            },
        )
        .unwrap();
    }
    let csv = a.join("lines.csv");
    std::fs::write(&csv, "product_code,qty\nTOIDEN-CODON-PS-250,4\n").unwrap();
    let json = a.join("transfer.json");
    let sent = ok(
        a,
        &[
            "transfer",
            "out",
            "--to",
            "DN-BOOTH-02",
            "--lines",
            csv.to_str().unwrap(),
            "--export",
            json.to_str().unwrap(),
        ],
        "",
    );
    assert!(sent.contains("DN-HOIAN-01-XC-000001"), "{sent}");
    let transit = ok(a, &["transfer", "in-transit"], "");
    assert!(
        transit.contains("DN-HOIAN-01-XC-000001") && transit.contains(TOIDEN),
        "{transit}"
    );
    let received = ok(b, &["transfer", "in", json.to_str().unwrap()], "");
    assert!(received.contains("NC-000001"), "{received}");
    let twice = run(b, &["transfer", "in", json.to_str().unwrap()], "");
    assert!(!twice.status.success());
    assert!(String::from_utf8_lossy(&twice.stderr).contains("NC-000001"));
    // The centre cannot import its own transfer: the file is for the booth.
    let wrong = run(a, &["transfer", "in", json.to_str().unwrap()], "");
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("DN-BOOTH-02"));
    ok(a, &["transfer", "delivered", "DN-HOIAN-01-XC-000001"], "");
    let transit = ok(a, &["transfer", "in-transit", "--json"], "");
    assert_eq!(transit.trim(), "[]");
    let conn = store::open(&b.join("till.db")).unwrap();
    let id: i64 = conn
        .query_row("SELECT id FROM products WHERE code = ?1", [TOIDEN], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(stock::on_hand(&conn, id).unwrap(), Qty(4_000));
    let expiry: String = conn
        .query_row("SELECT expiry FROM lots WHERE product_id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(expiry, "2099-12-31");
    ok(a, &["check"], "");
    ok(b, &["check"], "");
}
