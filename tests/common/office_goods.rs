//! Goods for the back-office tests: stock put on the shelf of a window's database (as receiving
//! would), past sales, and what the database holds afterwards.
#![allow(dead_code)] // each test file uses its own part

use chrono::{DateTime, Days, FixedOffset, NaiveDate, Utc};
use ocop_pos::domain::auth::UserId;
use ocop_pos::domain::barcode::BarcodeRules;
use ocop_pos::domain::cart::Cart;
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::qty::Qty;
use ocop_pos::store::receiving::{self, Delivery, Incoming};
use ocop_pos::store::{catalog, sales, users};
use rusqlite::Connection;

/// Tỏi đen cô đơn Phú Sinh (CTY-PHUSINH), 380.000 ₫, barcode below.
pub const TOIDEN: &str = "TOIDEN-CODON-PS-250";
pub const TOIDEN_BARCODE: &str = "2900000000452";
/// Cao tỏi đen Phú Sinh (CTY-PHUSINH), 450.000 ₫.
pub const CAOTOIDEN: &str = "CAOTOIDEN-PS-100";
/// Cao đảng sâm (HTX-DUCHUY), 450.000 ₫.
pub const CAO_DANG_SAM: &str = "DS-CAO-DUCHUY-100";

/// Now at Vietnam's offset (the window's default).
pub fn now() -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&FixedOffset::east_opt(7 * 3600).unwrap())
}

/// Today's business date.
pub fn today() -> NaiveDate {
    now().date_naive()
}

/// `n` days before now.
pub fn days_ago(n: u64) -> DateTime<FixedOffset> {
    now().checked_sub_days(Days::new(n)).unwrap()
}

/// `n` days after today.
pub fn in_days(n: u64) -> NaiveDate {
    today().checked_add_days(Days::new(n)).unwrap()
}

/// The admin made at first run.
pub fn admin(conn: &Connection) -> UserId {
    users::find_by_name(conn, "admin").unwrap().unwrap().id
}

/// A delivery line: `qty` units at `cost`, lot `lot` expiring on `expiry`.
pub fn line(product: &str, qty: i64, cost: i64, lot: &str, expiry: NaiveDate) -> Incoming {
    Incoming {
        line: 0,
        product: product.into(),
        qty: Qty::units(qty),
        unit_cost: Vnd(cost),
        lot_no: lot.into(),
        expiry: Some(expiry),
    }
}

/// Receives `lines` from `producer` (bought, or consigned) at `at`; returns the document number.
pub fn receive(
    conn: &mut Connection,
    producer: &str,
    consigned: bool,
    lines: Vec<Incoming>,
    at: DateTime<FixedOffset>,
) -> String {
    let user = admin(conn);
    let delivery = Delivery {
        consigned,
        producer_code: producer.into(),
        delivery_note: String::new(),
        note: String::new(),
        lines,
    };
    receiving::receive(conn, &delivery, user, at)
        .unwrap()
        .number
}

/// Sells `qty` of `code` at `at` in cash, at point `point` (whose shift is open).
pub fn sell(conn: &mut Connection, point: &str, code: &str, qty: i64, at: DateTime<FixedOffset>) {
    let rules = BarcodeRules::default();
    let found = catalog::resolve(conn, code, &rules, at.date_naive()).unwrap();
    let mut cart = Cart::new(format!("past-{code}-{}", at.timestamp()));
    cart.add(found.item, Qty::units(qty), code).unwrap();
    cart.pay(Method::Cash, None).unwrap();
    let ctx = sales::Context {
        point_code: point.into(),
        user: admin(conn),
        at,
    };
    sales::complete(conn, &cart, &ctx).unwrap();
}

/// On hand of a product, in thousandths.
pub fn on_hand(conn: &Connection, code: &str) -> i64 {
    conn.query_row(
        "SELECT COALESCE((SELECT s.qty_milli FROM stock s JOIN products p ON p.id = s.product_id
                          WHERE p.code = ?1), 0)",
        [code],
        |r| r.get(0),
    )
    .unwrap()
}
