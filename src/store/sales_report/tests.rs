//! Unit tests of the passes: lines read in table order that turn out not to be in sale order,
//! and a short period read through the indexes, each against sums worked out by hand.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{By, Period, sales};
use crate::domain::money::Vnd;
use crate::domain::qty::Qty;
use crate::store;

fn date(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// Sales 1–10 on days 1–10 (sale 4 refunds sale 3): 2 units of product 1 and 1 of product 2 at
/// 100 each, and sale 2 a third line of 1 unit of product 1. That line is written last, as no
/// till writes them: the table order then splits sale 2's lines of product 1 around the others.
fn history() -> (tempfile::TempDir, Connection) {
    let dir = tempfile::tempdir().unwrap();
    let conn = store::open(&dir.path().join("till.db")).unwrap();
    conn.execute_batch(
        "INSERT INTO users (id, name, role, pin_hash, created_at)
             VALUES (1, 'Lan', 'clerk', 'x', '2026-11-01T07:00:00+07:00');
         INSERT INTO products (id, code, name, search_name, unit, price_vnd, stars)
             VALUES (1, 'P1', 'Một', 'mot', 'hộp', 100, 4), (2, 'P2', 'Hai', 'hai', 'hộp', 100, 5);",
    )
    .unwrap();
    for id in 1..=10_i64 {
        let (kind, original, total) = match id {
            4 => ("refund", Some(3), -300),
            2 => ("sale", None, 400),
            _ => ("sale", None, 300),
        };
        conn.execute(
            "INSERT INTO sales (id, cart_id, point_code, receipt_seq, receipt_no, kind,
                 original_sale_id, business_date, completed_at, user_id, gross_vnd, discount_vnd,
                 total_vnd, vat_vnd, tendered_vnd, change_vnd)
             VALUES (?1, ?1, 'P', ?1, ?1, ?2, ?3, ?4, ?5, 1, ?6, 0, ?6, 0, ?6, 0)",
            rusqlite::params![
                id,
                kind,
                original,
                date(u32::try_from(id).unwrap()).to_string(),
                format!("{}T09:00:00+07:00", date(u32::try_from(id).unwrap())),
                total,
            ],
        )
        .unwrap();
    }
    let mut order: Vec<(i64, i64)> = (1..=10).flat_map(|s| [(s, 1), (s, 2)]).collect();
    order.push((2, 3));
    for (sale, line_no) in order {
        let sign = if sale == 4 { -1 } else { 1 };
        let (product, qty) = match line_no {
            1 => (1, 2),
            2 => (2, 1),
            _ => (1, 1),
        };
        conn.execute(
            "INSERT INTO sale_lines (sale_id, line_no, product_id, product_code, name, unit, stars,
                 qty_milli, list_price_vnd, unit_price_vnd, gross_vnd, line_discount_vnd,
                 order_discount_vnd, net_vnd, vat_bp, vat_vnd)
             VALUES (?1, ?2, ?3, 'P' || ?3, 'SP', 'hộp', 3 + ?3, ?4, 100, 100, ?5, 0, 0, ?5, 0, 0)",
            rusqlite::params![sale, line_no, product, sign * qty * 1000, sign * qty * 100],
        )
        .unwrap();
    }
    (dir, conn)
}

fn product_rows(conn: &Connection, from: u32, to: u32) -> Vec<(String, u32, u32, Qty, Vnd)> {
    let period = Period::new(date(from), date(to)).unwrap();
    let report = sales(conn, By::Product, period).unwrap();
    let mut rows: Vec<_> = report
        .rows
        .iter()
        .map(|r| {
            (
                r.key.clone(),
                r.receipts,
                r.refund_receipts,
                r.qty.unwrap(),
                r.net,
            )
        })
        .collect();
    rows.sort();
    assert_eq!(
        report.totals.net,
        rows.iter().map(|r| r.4).sum::<Vnd>(),
        "{from}–{to}"
    );
    rows
}

#[test]
fn lines_out_of_sale_order_are_summed_once_per_receipt() {
    let (_dir, conn) = history();
    // The whole history: read in table order, found out of order, read again in index order
    // (read in table order only, sale 2 would count twice for product 1).
    assert_eq!(
        product_rows(&conn, 1, 10),
        [
            ("P1".to_owned(), 9, 1, Qty(17_000), Vnd(1_700)),
            ("P2".to_owned(), 9, 1, Qty(8_000), Vnd(800)),
        ]
    );
    let all = sales(&conn, By::Day, Period::new(date(1), date(10)).unwrap()).unwrap();
    assert_eq!((all.totals.receipts, all.totals.refund_receipts), (9, 1));
    assert_eq!(all.totals.net, Vnd(2_500));
}

#[test]
fn a_short_period_of_a_long_history_reads_through_the_indexes() {
    let (_dir, conn) = history();
    assert_eq!(
        product_rows(&conn, 3, 4),
        [
            ("P1".to_owned(), 1, 1, Qty(0), Vnd(0)),
            ("P2".to_owned(), 1, 1, Qty(0), Vnd(0)),
        ]
    );
    assert_eq!(
        product_rows(&conn, 2, 2),
        [
            ("P1".to_owned(), 1, 0, Qty(3_000), Vnd(300)),
            ("P2".to_owned(), 1, 0, Qty(1_000), Vnd(100)),
        ]
    );
    let stars = sales(&conn, By::Stars, Period::new(date(5), date(5)).unwrap()).unwrap();
    let keys: Vec<(&str, Vnd)> = stars.rows.iter().map(|r| (r.key.as_str(), r.net)).collect();
    assert_eq!(keys, [("4", Vnd(200)), ("5", Vnd(100))]);
}
