//! Print-queue helpers on top of `receipts.rs`: the worker's setup for a stand-in printer with
//! short timeouts, another sale paid one way, the job rows and the bytes a job should produce.
#![allow(dead_code)] // each test file uses its own part

use std::time::Duration;

use chrono::{DateTime, FixedOffset, NaiveDate};
use ocop_pos::device::print_worker::Setup;
use ocop_pos::device::printer::Timeouts;
use ocop_pos::domain::barcode::BarcodeRules;
use ocop_pos::domain::cart::Cart;
use ocop_pos::domain::payment::Method;
use ocop_pos::receipt::drawer::Pulse;
use ocop_pos::receipt::{self, Profile, document};
use ocop_pos::store::print_jobs::{self, Job, Status};
use ocop_pos::store::{catalog, receipt_data, sales, users};
use rusqlite::Connection;

use crate::receipts;

/// The bytes that ask a printer for its status.
pub const STATUS: [u8; 3] = [0x10, 0x04, 0x01];

/// The worker's setup for `address` (None: no printer), with waits long enough for a busy
/// machine and short enough for a test.
pub fn setup(address: Option<&str>) -> Setup {
    Setup {
        address: address.map(|a| a.parse().unwrap()),
        timeouts: Timeouts {
            connect: Duration::from_secs(2),
            write: Duration::from_secs(3),
            status: Duration::from_millis(800),
        },
        profile: Profile::default(),
        settings: receipts::settings(),
        pulse: Pulse::default(),
        retry_min: Duration::from_millis(20),
        retry_max: Duration::from_millis(100),
        poll: Duration::from_millis(20),
        offset: FixedOffset::east_opt(7 * 3600).unwrap(),
    }
}

/// One box of trà đảng sâm sold at `at`, paid in full by `method`.
pub fn sell(
    conn: &mut Connection,
    method: Method,
    cart_id: &str,
    at: DateTime<FixedOffset>,
) -> sales::Completed {
    let code = "2900000000032";
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let found = catalog::resolve(conn, code, &BarcodeRules::default(), today).unwrap();
    let mut cart = Cart::new(cart_id.into());
    cart.add(found.item, found.qty, code).unwrap();
    cart.pay(method, None).unwrap();
    let clerk = users::find_by_name(conn, "Lan").unwrap().unwrap().id;
    let ctx = sales::Context {
        point_code: "HOIAN-01".into(),
        user: clerk,
        at,
    };
    sales::complete(conn, &cart, &ctx).unwrap()
}

/// Job `id` as stored.
pub fn job(conn: &Connection, id: i64) -> Job {
    print_jobs::get(conn, id).unwrap().unwrap()
}

/// `(id, status, attempts)` of every job.
pub fn states(conn: &Connection) -> Vec<(i64, Status, u32)> {
    print_jobs::list(conn, true)
        .unwrap()
        .into_iter()
        .map(|j| (j.id, j.status, j.attempts))
        .collect()
}

/// The receipt bytes of sale `sale_id` as the encoder makes them (no drawer kick).
pub fn receipt_bytes(conn: &Connection, sale_id: i64) -> Vec<u8> {
    let sale = receipt_data::load(conn, sale_id).unwrap().unwrap();
    receipt::encode(
        &document::sale(&sale, &receipts::settings()),
        &Profile::default(),
    )
    .unwrap()
}

/// `STATUS`, then `job`, then `STATUS` again: what a printer that answers receives.
pub fn framed(job: &[u8]) -> Vec<u8> {
    [&STATUS[..], job, &STATUS[..]].concat()
}

/// How long to wait for a stand-in to report a connection.
pub const WAIT: Duration = Duration::from_secs(10);

/// Asserts two byte strings are equal, reporting lengths and the first difference rather than
/// thousands of bytes.
#[track_caller]
pub fn same_bytes(got: &[u8], want: &[u8]) {
    if got != want {
        let at = got.iter().zip(want).position(|(a, b)| a != b);
        panic!(
            "bytes differ: got {} bytes, want {}; first difference at {at:?}; got starts {:02X?}, want starts {:02X?}",
            got.len(),
            want.len(),
            &got[..got.len().min(16)],
            &want[..want.len().min(16)]
        );
    }
}
