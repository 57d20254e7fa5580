//! A database created at every earlier schema version upgrades to the latest with its data intact,
//! and a database from a newer till is refused rather than damaged.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use chrono::{FixedOffset, NaiveDate, TimeZone};
use ocop_pos::domain::barcode::BarcodeRules;
use ocop_pos::domain::cart::Cart;
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::store::{self, catalog, check, migrate, sales};
use rusqlite::Connection;

/// Rows a till at schema version `version` would hold, written with plain SQL of that version.
fn seed(conn: &Connection, version: usize) {
    if version >= 1 {
        conn.execute_batch(
            "INSERT INTO settings (key, value) VALUES ('point.code', 'OLD-01'), ('point.name', 'Điểm cũ');
             INSERT INTO producers (code, name, kind) VALUES ('HTX-A', 'HTX Quế Trà My', 'htx');
             INSERT INTO products (code, name, search_name, unit, price_vnd, ocop_group, stars, producer_id)
                 VALUES ('QUE-01', 'Tinh dầu quế', 'tinh dau que que-01', 'lọ', 85000, 3, 4, 1);
             INSERT INTO product_vat (product_id, valid_from, valid_until, rate_bp) VALUES (1, NULL, NULL, 800);
             INSERT INTO barcodes (code, product_id) VALUES ('2900000000018', 1);",
        )
        .unwrap();
    }
    if version >= 2 {
        conn.execute_batch(
            "INSERT INTO users (name, role, pin_hash, created_at)
                 VALUES ('admin', 'admin', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA', '2026-01-01T08:00:00+07:00');
             INSERT INTO sales (cart_id, point_code, receipt_seq, receipt_no, kind, business_date, completed_at,
                 user_id, gross_vnd, discount_vnd, total_vnd, vat_vnd, tendered_vnd, change_vnd)
                 VALUES ('c-old', 'OLD-01', 1, 'OLD-01-000001', 'sale', '2026-01-01', '2026-01-01T09:00:00+07:00',
                 1, 85000, 0, 85000, 6296, 100000, 15000);
             INSERT INTO sale_lines (sale_id, line_no, product_id, product_code, name, unit, qty_milli,
                 list_price_vnd, unit_price_vnd, gross_vnd, line_discount_vnd, order_discount_vnd, net_vnd,
                 vat_bp, vat_vnd) VALUES (1, 1, 1, 'QUE-01', 'Tinh dầu quế', 'lọ', 1000, 85000, 85000, 85000, 0, 0,
                 85000, 800, 6296);
             INSERT INTO payments (sale_id, seq, method, amount_vnd) VALUES (1, 1, 'cash', 85000);
             INSERT INTO stock_moves (product_id, qty_milli, kind, sale_id, created_at)
                 VALUES (1, -1000, 'sale', 1, '2026-01-01T09:00:00+07:00');
             INSERT INTO stock (product_id, qty_milli) VALUES (1, -1000);",
        )
        .unwrap();
    }
}

#[test]
fn every_earlier_version_upgrades_with_data_intact() {
    for version in 0..=migrate::latest_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("till.db");
        {
            let mut conn = store::open_unmigrated(&path).unwrap();
            assert_eq!(migrate::migrate_to(&mut conn, version).unwrap(), version);
            seed(&conn, version);
        }
        let mut conn = store::open(&path).unwrap();
        assert_eq!(
            migrate::current_version(&conn).unwrap(),
            migrate::latest_version()
        );
        if version == 0 {
            continue;
        }
        // Catalogue rows survived and still work at the counter.
        let date = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let found =
            catalog::resolve(&conn, "2900000000018", &BarcodeRules::default(), date).unwrap();
        assert_eq!(
            (found.item.code.as_str(), found.item.price),
            ("QUE-01", Vnd(85_000))
        );
        assert_eq!(catalog::search(&conn, "tinh dau", 5).unwrap().len(), 1);
        if version >= 2 {
            let total: i64 = conn
                .query_row("SELECT SUM(total_vnd) FROM sales", [], |r| r.get(0))
                .unwrap();
            assert_eq!(total, 85_000);
        }
        // The upgraded database takes new sales, numbered after the old ones.
        conn.execute_batch(
            "INSERT OR IGNORE INTO users (id, name, role, pin_hash, created_at)
                 VALUES (1, 'admin', 'admin', 'x', '2026-01-01T08:00:00+07:00')",
        )
        .unwrap();
        let mut cart = Cart::new(format!("new-{version}"));
        cart.add(found.item, found.qty, "2900000000018").unwrap();
        cart.pay(Method::Cash, None).unwrap();
        let ctx = sales::Context {
            point_code: "OLD-01".into(),
            user: ocop_pos::domain::auth::UserId(1),
            at: FixedOffset::east_opt(7 * 3600)
                .unwrap()
                .with_ymd_and_hms(2026, 11, 30, 9, 0, 0)
                .unwrap(),
        };
        let opening = ocop_pos::store::shifts::Opening {
            point_code: "OLD-01".into(),
            user: ctx.user,
            float: ocop_pos::domain::Vnd(0),
            at: ctx.at,
        };
        ocop_pos::store::shifts::open(&mut conn, &opening).unwrap();
        let done = sales::complete(&mut conn, &cart, &ctx).unwrap();
        let expected = if version >= 2 {
            "OLD-01-000002"
        } else {
            "OLD-01-000001"
        };
        assert_eq!(done.receipt_no, expected);
        assert_eq!(check::run(&conn).unwrap(), Vec::<String>::new());
    }
}

#[test]
fn a_database_from_a_newer_till_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("till.db");
    {
        let conn = store::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    match store::open(&path) {
        Err(store::Error::SchemaVersion { found: 99, .. }) => {}
        other => panic!("expected SchemaVersion, got {:?}", other.map(|_| ())),
    }
    let conn = store::open_unmigrated(&path).unwrap();
    assert_eq!(migrate::current_version(&conn).unwrap(), 99);
}
