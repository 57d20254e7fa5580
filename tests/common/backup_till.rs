//! A till for the backup tests: point HUE-01 with the sample catalogue, a clerk and an open shift,
//! and one-unit cash sales to fill it.
#![allow(dead_code)] // each test file uses its own part

use std::path::Path;

use chrono::{DateTime, FixedOffset, TimeZone};
use ocop_pos::domain::auth::{Role, UserId};
use ocop_pos::domain::cart::Cart;
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::qty::Qty;
use ocop_pos::setup::{self, FirstRun};
use ocop_pos::store::settings::PointProfile;
use ocop_pos::store::{self, catalog, sales, shifts, users};
use rusqlite::Connection;

/// The point's code.
pub const POINT: &str = "HUE-01";

/// `day`/11/2026 at `hour:minute`, +07:00.
pub fn at(day: u32, hour: u32, minute: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(7 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, day, hour, minute, 0)
        .unwrap()
}

/// A till with the sample catalogue, a clerk and an open shift.
pub fn till(path: &Path) -> (Connection, UserId) {
    let mut conn = store::open(path).unwrap();
    setup::first_run(
        &mut conn,
        &FirstRun {
            point: PointProfile {
                code: POINT.into(),
                name: "Điểm OCOP Huế".into(),
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
            point_code: POINT.into(),
            user: clerk,
            float: Vnd(0),
            at: at(1, 7, 30),
        },
    )
    .unwrap();
    (conn, clerk)
}

/// Sells one unit of a sample product (chosen by `n`) for cash at `when`.
pub fn sell(conn: &mut Connection, clerk: UserId, n: i64, when: DateTime<FixedOffset>) {
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM products WHERE sold_by_weight = 0 ORDER BY id LIMIT 5")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let item = catalog::sale_item(conn, ids[(n % 5) as usize], when.date_naive()).unwrap();
    let mut cart = Cart::new(format!("cart-{n}"));
    cart.add(item, Qty::ONE, "").unwrap();
    cart.pay(Method::Cash, None).unwrap();
    let ctx = sales::Context {
        point_code: POINT.into(),
        user: clerk,
        at: when,
    };
    sales::complete(conn, &cart, &ctx).unwrap();
}

/// The single number `sql` returns.
pub fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}
