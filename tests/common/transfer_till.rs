//! Two tills for the transfer tests, each with its own database: goods put on the shelf in lots,
//! and what a lot, a product's lots and a refused transfer's untouched tables look like.
#![allow(dead_code)] // each test file uses its own part

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use ocop_pos::domain::auth::{Role, UserId};
use ocop_pos::domain::lot::Owner;
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::qty::Qty;
use ocop_pos::setup::{self, FirstRun};
use ocop_pos::store::settings::PointProfile;
use ocop_pos::store::transfer::FileLot;
use ocop_pos::store::{self, lots, shifts, stock, users};
use rusqlite::Connection;

/// Products of the sample catalogue.
pub const TOIDEN: &str = "TOIDEN-CODON-PS-250";
pub const QUE: &str = "TDQUE-MINHPHUC-10"; // consigned by HTX-QUEMINHPHUC
pub const RUOU: &str = "DS-RUOU-DUCHUY-500"; // kept without lots

/// 1–31/12/2026 at `hour:minute`, +07:00.
pub fn at(day: u32, hour: u32, minute: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(7 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 12, day, hour, minute, 0)
        .unwrap()
}

/// A calendar date.
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A till database with the sample catalogue, a clerk and an open shift.
pub struct Till {
    /// The database.
    pub conn: Connection,
    /// Lan, the clerk.
    pub clerk: UserId,
}

/// What a lot holds when goods are put on the shelf.
pub struct Put<'a> {
    /// Lot number.
    pub lot_no: &'a str,
    /// Expiry date.
    pub expiry: NaiveDate,
    /// Bought or consigned.
    pub owner: Owner,
    /// The producer's code.
    pub producer: &'a str,
    /// Cost per unit.
    pub cost: i64,
}

impl Till {
    /// A new till in `dir` for `point`, with clerk Lan and her shift open since 07:30 on the 1st.
    pub fn new(dir: &Path, point: &str) -> Till {
        let mut conn = store::open(&dir.join("till.db")).unwrap();
        setup::first_run(
            &mut conn,
            &FirstRun {
                point: PointProfile {
                    code: point.into(),
                    name: format!("Điểm {point}"),
                    address: String::new(),
                    tax_code: String::new(),
                },
                admin_name: "admin".into(),
                admin_pin: "9999".into(),
                sample: true,
            },
            at(1, 7, 0),
        )
        .unwrap();
        let clerk = users::add(&conn, "Lan", Role::Clerk, "2468", None, at(1, 7, 0)).unwrap();
        shifts::open(
            &mut conn,
            &shifts::Opening {
                point_code: point.into(),
                user: clerk,
                float: Vnd(0),
                at: at(1, 7, 30),
            },
        )
        .unwrap();
        Till { conn, clerk }
    }

    /// The id of the product with this code.
    pub fn id(&self, code: &str) -> i64 {
        self.conn
            .query_row("SELECT id FROM products WHERE code = ?1", [code], |r| {
                r.get(0)
            })
            .unwrap()
    }

    /// Receives `qty` (thousandths) of a product, into a new lot when `lot` is given.
    pub fn put(&mut self, code: &str, qty: i64, lot: Option<Put<'_>>) {
        let product_id = self.id(code);
        let tx = self.conn.transaction().unwrap();
        let lot_id = lot.as_ref().map(|l| {
            let producer_id: i64 = tx
                .query_row(
                    "SELECT id FROM producers WHERE code = ?1",
                    [l.producer],
                    |r| r.get(0),
                )
                .unwrap();
            lots::create(
                &tx,
                &lots::NewLot {
                    product_id,
                    lot_no: l.lot_no,
                    expiry: Some(l.expiry),
                    owner: l.owner,
                    producer_id: Some(producer_id),
                    unit_cost: Vnd(l.cost),
                    document_id: None,
                    at: at(1, 7, 45),
                },
            )
            .unwrap()
        });
        stock::apply(
            &tx,
            &stock::Move {
                lot_id,
                ..stock::Move::new(product_id, Qty(qty), stock::MoveKind::Receive, at(1, 7, 45))
            },
        )
        .unwrap();
        tx.commit().unwrap();
    }

    /// What is on hand of a product.
    pub fn on_hand(&self, code: &str) -> Qty {
        stock::on_hand(&self.conn, self.id(code)).unwrap()
    }

    /// (lot number, expiry, owner, producer, cost, qty) of every lot of a product, by id.
    pub fn lots(&self, code: &str) -> Vec<(String, Option<NaiveDate>, Owner, String, Vnd, Qty)> {
        let mut rows: Vec<_> = lots::on_hand(&self.conn, self.id(code))
            .unwrap()
            .into_iter()
            .map(|l| {
                (
                    l.id,
                    l.lot_no,
                    l.expiry,
                    l.owner,
                    l.producer_code,
                    l.unit_cost,
                    l.qty,
                )
            })
            .collect();
        let all: Vec<i64> = self
            .conn
            .prepare("SELECT id FROM lots WHERE product_id = ?1 ORDER BY id")
            .unwrap()
            .query_map([self.id(code)], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for id in all {
            if !rows.iter().any(|r| r.0 == id) {
                let l = lots::get(&self.conn, id).unwrap().unwrap();
                rows.push((
                    l.id,
                    l.lot_no,
                    l.expiry,
                    l.owner,
                    l.producer_code,
                    l.unit_cost,
                    l.qty,
                ));
            }
        }
        rows.sort_by_key(|r| r.0);
        rows.into_iter()
            .map(|(_, n, e, o, p, c, q)| (n, e, o, p, c, q))
            .collect()
    }

    /// Rows in `table`.
    pub fn count(&self, table: &str) -> i64 {
        self.conn
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    /// Rows of every table a refused transfer must leave alone.
    pub fn footprint(&self) -> [i64; 5] {
        [
            self.count("documents"),
            self.count("document_lines"),
            self.count("lots"),
            self.count("stock_moves"),
            self.count("audit"),
        ]
    }
}

/// A lot as a transfer file carries it.
pub fn lot(lot_no: &str, expiry: NaiveDate, owner: Owner, producer: &str, cost: i64) -> FileLot {
    FileLot {
        lot_no: lot_no.into(),
        expiry: Some(expiry),
        owner,
        producer_code: Some(producer.into()),
        unit_cost_vnd: cost,
    }
}
