//! A till for the receiving and consignment tests: point DN-01 with the sample catalogue, deliveries
//! and their lines, carts paid in cash, and what lots and stock hold.
#![allow(dead_code)] // each test file uses its own part

use chrono::{DateTime, FixedOffset, NaiveDate};
use ocop_pos::domain::auth::{Approval, Role, UserId};
use ocop_pos::domain::barcode::BarcodeRules;
use ocop_pos::domain::cart::Cart;
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::qty::Qty;
use ocop_pos::setup::{self, FirstRun};
use ocop_pos::store::receiving::{Delivery, Incoming};
use ocop_pos::store::settings::PointProfile;
use ocop_pos::store::users::LockoutPolicy;
use ocop_pos::store::{self, catalog, sales, shifts, stock, users};
use rusqlite::Connection;

/// Products of the sample catalogue.
pub const CAO: &str = "DS-CAO-DUCHUY-100"; // herbal (group 3), producer HTX-DUCHUY, 450.000 ₫
pub const RUOU: &str = "DS-RUOU-DUCHUY-500"; // drink (group 2), same producer, 250.000 ₫
pub const TUI: &str = "TUI-ADHIR-ZARA-L"; // brocade bag (group 4), HTX-ZARA: no lot needed

/// `day`/11/2026 at `hour`:00, +07:00.
pub fn at(day: u32, hour: u32) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2026-11-{day:02}T{hour:02}:00:00+07:00")).unwrap()
}

/// A calendar date.
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A till database in a temporary folder, with the sample catalogue, a clerk, a manager and an
/// open shift.
pub struct Till {
    _dir: tempfile::TempDir,
    /// The database.
    pub conn: Connection,
    /// Lan, the clerk.
    pub clerk: UserId,
}

/// A new till: point DN-01, clerk Lan, manager Minh (PIN 1357) and Lan's shift open.
pub fn till() -> Till {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = store::open(&dir.path().join("till.db")).unwrap();
    let point = PointProfile {
        code: "DN-01".into(),
        name: "Trung tâm OCOP Đà Nẵng".into(),
        ..Default::default()
    };
    let first = FirstRun {
        point,
        admin_name: "admin".into(),
        admin_pin: "9999".into(),
        sample: true,
    };
    setup::first_run(&mut conn, &first, at(1, 7)).unwrap();
    let clerk = users::add(&conn, "Lan", Role::Clerk, "2468", None, at(1, 7)).unwrap();
    users::add(&conn, "Minh", Role::Manager, "1357", None, at(1, 7)).unwrap();
    let opening = shifts::Opening {
        point_code: "DN-01".into(),
        user: clerk,
        float: Vnd(0),
        at: at(1, 7),
    };
    shifts::open(&mut conn, &opening).unwrap();
    Till {
        _dir: dir,
        conn,
        clerk,
    }
}

/// Minh's approval.
pub fn manager(conn: &Connection, when: DateTime<FixedOffset>) -> Approval {
    users::approve(conn, "Minh", "1357", LockoutPolicy::default(), when).unwrap()
}

/// A line of a delivery: `qty` units at `cost` each, into lot `lot`.
pub fn line(product: &str, qty: i64, cost: i64, lot: &str, expiry: Option<NaiveDate>) -> Incoming {
    Incoming {
        line: 0,
        product: product.into(),
        qty: Qty::units(qty),
        unit_cost: Vnd(cost),
        lot_no: lot.into(),
        expiry,
    }
}

/// A delivery from `producer`, bought or consigned.
pub fn delivery(consigned: bool, producer: &str, note: &str, lines: Vec<Incoming>) -> Delivery {
    Delivery {
        consigned,
        producer_code: producer.into(),
        delivery_note: note.into(),
        note: String::new(),
        lines,
    }
}

/// The id of the product with this code.
pub fn product_id(conn: &Connection, code: &str) -> i64 {
    conn.query_row("SELECT id FROM products WHERE code = ?1", [code], |r| {
        r.get(0)
    })
    .unwrap()
}

/// The id of the lot with this number.
pub fn lot_id(conn: &Connection, lot_no: &str) -> i64 {
    conn.query_row("SELECT id FROM lots WHERE lot_no = ?1", [lot_no], |r| {
        r.get(0)
    })
    .unwrap()
}

/// Whole units in the lot with this number.
pub fn lot_qty(conn: &Connection, lot_no: &str) -> i64 {
    let milli: i64 = conn
        .query_row(
            "SELECT qty_milli FROM lots WHERE lot_no = ?1",
            [lot_no],
            |r| r.get(0),
        )
        .unwrap();
    milli / 1000
}

/// Whole units on hand of a product.
pub fn on_hand(conn: &Connection, code: &str) -> i64 {
    stock::on_hand(conn, product_id(conn, code)).unwrap().0 / 1000
}

/// Rows in `table`.
pub fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// A cart of `qty` of `code`, paid in cash, optionally from a picked lot with a manager's approval.
pub fn cart(conn: &Connection, id: &str, code: &str, qty: i64, day: u32) -> Cart {
    let found =
        catalog::resolve(conn, code, &BarcodeRules::default(), date(2026, 11, day)).unwrap();
    let mut cart = Cart::new(id.into());
    cart.add(found.item, Qty::units(qty), code).unwrap();
    cart
}

/// Completes `cart` as Lan's sale at 10:00 on `day`, paid in cash.
pub fn sell(t: &mut Till, cart: &mut Cart, day: u32) -> Result<sales::Completed, store::Error> {
    cart.clear_payments();
    cart.pay(Method::Cash, None).unwrap();
    let ctx = sales::Context {
        point_code: "DN-01".into(),
        user: t.clerk,
        at: at(day, 10),
    };
    sales::complete(&mut t.conn, cart, &ctx)
}
