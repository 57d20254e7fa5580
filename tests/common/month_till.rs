//! The two tills of the month scenario — a Đà Nẵng centre and its hotel booth — and the steps the
//! month repeats: shifts opened and closed, sales, deliveries received.
#![allow(dead_code)] // each test file uses its own part

use chrono::{DateTime, FixedOffset, NaiveDate};
use ocop_pos::domain::auth::{Approval, Role, UserId};
use ocop_pos::domain::barcode::BarcodeRules;
use ocop_pos::domain::cart::Cart;
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::qty::Qty;
use ocop_pos::setup::{self, FirstRun};
use ocop_pos::store::receiving::{self, Delivery, Incoming};
use ocop_pos::store::settings::PointProfile;
use ocop_pos::store::shifts::{self, Closing, Opening};
use ocop_pos::store::users::LockoutPolicy;
use ocop_pos::store::{self, catalog, sales, stock, users};
use rusqlite::Connection;

/// Products of the sample catalogue.
pub const CAO: &str = "DS-CAO-DUCHUY-100"; // 450.000 ₫, herbal, consigned by HTX-DUCHUY
pub const RUOU: &str = "DS-RUOU-DUCHUY-500"; // 250.000 ₫, drink, bought from HTX-DUCHUY

/// `day`/11/2026 at `hour:minute`, +07:00.
pub fn at(day: u32, hour: u32, minute: u32) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2026-11-{day:02}T{hour:02}:{minute:02}:00+07:00"))
        .unwrap()
}

/// A calendar date.
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A till's data folder and database, with the sample catalogue, a clerk and a manager.
pub struct Till {
    /// The data folder.
    pub dir: tempfile::TempDir,
    /// The database.
    pub conn: Connection,
    /// The point's code.
    pub point: &'static str,
    /// Lan, the clerk.
    pub clerk: UserId,
}

impl Till {
    /// A new till for `point`: clerk Lan and manager Minh (PIN 1357).
    pub fn new(point: &'static str) -> Till {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = store::open(&dir.path().join("till.db")).unwrap();
        let first = FirstRun {
            point: PointProfile {
                code: point.into(),
                name: format!("Điểm OCOP {point}"),
                ..Default::default()
            },
            admin_name: "admin".into(),
            admin_pin: "9999".into(),
            sample: true,
        };
        setup::first_run(&mut conn, &first, at(1, 7, 0)).unwrap();
        let clerk = users::add(&conn, "Lan", Role::Clerk, "2468", None, at(1, 7, 0)).unwrap();
        users::add(&conn, "Minh", Role::Manager, "1357", None, at(1, 7, 0)).unwrap();
        Till {
            dir,
            conn,
            point,
            clerk,
        }
    }

    /// Minh's approval.
    pub fn manager(&self, when: DateTime<FixedOffset>) -> Approval {
        users::approve(&self.conn, "Minh", "1357", LockoutPolicy::default(), when).unwrap()
    }

    /// Opens Lan's shift at 07:30 on `day` with 1.000.000 ₫ in the drawer.
    pub fn open_shift(&mut self, day: u32) {
        let opening = Opening {
            point_code: self.point.into(),
            user: self.clerk,
            float: Vnd(1_000_000),
            at: at(day, 7, 30),
        };
        shifts::open(&mut self.conn, &opening).unwrap();
    }

    /// Closes the day's shift counting `counted`; returns (expected, difference).
    pub fn close_day(&mut self, day: u32, counted: i64) -> (Vnd, Vnd) {
        let closing = Closing {
            point_code: self.point.into(),
            user: self.clerk,
            counted: Vnd(counted),
            end_of_day: true,
            approval: None,
            max_difference: Vnd(50_000),
            at: at(day, 21, 0),
        };
        let z = shifts::close(&mut self.conn, &closing).unwrap();
        (z.count.expected, z.count.difference)
    }

    /// A cart of `qty` units of `code`, priced on `day`.
    pub fn cart(&self, id: &str, code: &str, qty: i64, day: u32) -> Cart {
        let rules = BarcodeRules::default();
        let found = catalog::resolve(&self.conn, code, &rules, date(2026, 11, day)).unwrap();
        let mut cart = Cart::new(id.into());
        cart.add(found.item, Qty::units(qty), code).unwrap();
        cart
    }

    /// Completes `cart` as Lan's sale, paid in full by `method`.
    pub fn sell(
        &mut self,
        cart: &mut Cart,
        method: Method,
        when: DateTime<FixedOffset>,
    ) -> Result<sales::Completed, store::Error> {
        cart.clear_payments();
        cart.pay(method, None).unwrap();
        let ctx = sales::Context {
            point_code: self.point.into(),
            user: self.clerk,
            at: when,
        };
        sales::complete(&mut self.conn, cart, &ctx)
    }

    /// Sells `qty` units of `code` at `when`, paid by `method`.
    pub fn sell_now(
        &mut self,
        id: &str,
        code: &str,
        qty: i64,
        method: Method,
        when: DateTime<FixedOffset>,
    ) {
        let day = when.format("%d").to_string().parse().unwrap();
        let mut cart = self.cart(id, code, qty, day);
        self.sell(&mut cart, method, when).unwrap();
    }

    /// Whole units on hand of a product.
    pub fn on_hand(&self, code: &str) -> i64 {
        let id: i64 = self
            .conn
            .query_row("SELECT id FROM products WHERE code = ?1", [code], |r| {
                r.get(0)
            })
            .unwrap();
        stock::on_hand(&self.conn, id).unwrap().0 / 1000
    }

    /// Whole units in the lots with this number.
    pub fn lot(&self, lot_no: &str) -> i64 {
        let milli: i64 = self
            .conn
            .query_row(
                "SELECT SUM(qty_milli) FROM lots WHERE lot_no = ?1",
                [lot_no],
                |r| r.get(0),
            )
            .unwrap();
        milli / 1000
    }
}

/// A delivery line: `qty` units at `cost` each, into lot `lot`.
pub fn incoming(product: &str, qty: i64, cost: i64, lot: &str, expiry: NaiveDate) -> Incoming {
    Incoming {
        line: 0,
        product: product.into(),
        qty: Qty::units(qty),
        unit_cost: Vnd(cost),
        lot_no: lot.into(),
        expiry: Some(expiry),
    }
}

/// Receives a delivery from HTX-DUCHUY at 08:00 on `day`; returns its document number.
pub fn receive(
    till: &mut Till,
    consigned: bool,
    note: &str,
    lines: Vec<Incoming>,
    day: u32,
) -> String {
    let delivery = Delivery {
        consigned,
        producer_code: "HTX-DUCHUY".into(),
        delivery_note: note.into(),
        note: String::new(),
        lines,
    };
    let clerk = till.clerk;
    receiving::receive(&mut till.conn, &delivery, clerk, at(day, 8, 0))
        .unwrap()
        .number
}
