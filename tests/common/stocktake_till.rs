//! A till for the stock-take tests: point DN-HOIAN-01 with the sample catalogue, goods put on the
//! shelf in lots, sales by barcode or scale label, and counts.
#![allow(dead_code)] // each test file uses its own part

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use ocop_pos::domain::auth::{Role, UserId};
use ocop_pos::domain::barcode::{self, BarcodeRules};
use ocop_pos::domain::cart::Cart;
use ocop_pos::domain::lot::Owner;
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::qty::Qty;
use ocop_pos::setup::{self, FirstRun};
use ocop_pos::store::settings::PointProfile;
use ocop_pos::store::stocktake::{self, Entry};
use ocop_pos::store::{self, catalog, lots, sales, shifts, stock, users};
use rusqlite::Connection;

/// Products and barcodes of the sample catalogue.
pub const TOI: &str = "TOI-LYSON-PHUSINH-KG"; // Tỏi Lý Sơn, weighed (PLU 102), 180.000 ₫/kg
pub const TOI_PLU: u32 = 102;
pub const TOIDEN: &str = "TOIDEN-CODON-PS-250"; // Tỏi đen cô đơn, 380.000 ₫
pub const TOIDEN_BARCODE: &str = "2900000000452";
pub const CAOTOIDEN: &str = "CAOTOIDEN-PS-100"; // Cao tỏi đen, 450.000 ₫
pub const CAO_DANG_SAM: &str = "2900000000018"; // Cao đảng sâm (HTX-DUCHUY), 450.000 ₫

/// 1/12/2026 at `hour:minute:second`, +07:00.
pub fn at(hour: u32, minute: u32, second: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(7 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 12, 1, hour, minute, second)
        .unwrap()
}

/// A calendar date.
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A till database with the sample catalogue, a clerk, a manager and an open shift.
pub struct Till {
    /// The database.
    pub conn: Connection,
    /// Lan, the clerk.
    pub clerk: UserId,
    /// The default barcode rules.
    pub rules: BarcodeRules,
    /// Carts made so far, for their ids.
    pub carts: u32,
}

impl Till {
    /// A new till in `dir`: point DN-HOIAN-01, clerk Lan, manager Minh (PIN 1357) and Lan's shift
    /// open since 07:30.
    pub fn new(dir: &Path) -> Till {
        let mut conn = store::open(&dir.join("till.db")).unwrap();
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
            at(7, 0, 0),
        )
        .unwrap();
        let clerk = users::add(&conn, "Lan", Role::Clerk, "2468", None, at(7, 0, 0)).unwrap();
        users::add(&conn, "Minh", Role::Manager, "1357", None, at(7, 0, 0)).unwrap();
        shifts::open(
            &mut conn,
            &shifts::Opening {
                point_code: "DN-HOIAN-01".into(),
                user: clerk,
                float: Vnd(500_000),
                at: at(7, 30, 0),
            },
        )
        .unwrap();
        Till {
            conn,
            clerk,
            rules: BarcodeRules::default(),
            carts: 0,
        }
    }

    /// The id of the product with this code.
    pub fn id(&self, code: &str) -> i64 {
        self.conn
            .query_row("SELECT id FROM products WHERE code = ?1", [code], |r| {
                r.get(0)
            })
            .unwrap()
    }

    /// Puts `qty` of a product on the shelf, in a new lot when `lot` is given.
    pub fn put(
        &mut self,
        code: &str,
        qty: i64,
        lot: Option<(&str, NaiveDate, i64)>,
    ) -> Option<i64> {
        let product_id = self.id(code);
        let tx = self.conn.transaction().unwrap();
        let lot_id = lot.map(|(lot_no, expiry, cost)| {
            lots::create(
                &tx,
                &lots::NewLot {
                    product_id,
                    lot_no,
                    expiry: Some(expiry),
                    owner: Owner::Owned,
                    producer_id: None,
                    unit_cost: Vnd(cost),
                    document_id: None,
                    at: at(7, 45, 0),
                },
            )
            .unwrap()
        });
        let kind = if lot.is_some() {
            stock::MoveKind::Receive
        } else {
            stock::MoveKind::Opening
        };
        stock::apply(
            &tx,
            &stock::Move {
                lot_id,
                ..stock::Move::new(product_id, Qty(qty), kind, at(7, 45, 0))
            },
        )
        .unwrap();
        tx.commit().unwrap();
        lot_id
    }

    /// Sells `qty` of what `code` (a barcode or a scale label) stands for, paid in cash.
    pub fn sell(&mut self, code: &str, qty: Option<Qty>, when: DateTime<FixedOffset>) {
        self.carts += 1;
        let mut cart = Cart::new(format!("cart-{}", self.carts));
        let found = catalog::resolve(&self.conn, code, &self.rules, when.date_naive()).unwrap();
        cart.add(found.item, qty.unwrap_or(found.qty), code)
            .unwrap();
        cart.pay(Method::Cash, None).unwrap();
        let ctx = sales::Context {
            point_code: "DN-HOIAN-01".into(),
            user: self.clerk,
            at: when,
        };
        sales::complete(&mut self.conn, &cart, &ctx).unwrap();
    }

    /// What is on hand of a product.
    pub fn on_hand(&self, code: &str) -> Qty {
        stock::on_hand(&self.conn, self.id(code)).unwrap()
    }

    /// What a lot holds.
    pub fn lot(&self, lot_id: i64) -> Qty {
        lots::get(&self.conn, lot_id).unwrap().unwrap().qty
    }

    /// Counts `entry` of `code` into the open stock take `number`.
    pub fn count(&mut self, number: &str, code: &str, entry: Entry, when: DateTime<FixedOffset>) {
        stocktake::count(&mut self.conn, number, code, entry, &self.rules, when).unwrap();
    }

    /// The single number `sql` returns.
    pub fn rows(&self, sql: &str) -> i64 {
        self.conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }
}

/// A scale label for `grams` of tỏi Lý Sơn.
pub fn weight_label(grams: i64) -> String {
    let rules = BarcodeRules::default();
    barcode::encode_in_store(rules.layout(20).unwrap(), TOI_PLU, grams).unwrap()
}
