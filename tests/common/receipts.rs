//! A till with one real sale (paid partly by VietQR, partly in cash with change) and a refund of
//! part of it, made through the store as the counter makes them.
#![allow(dead_code)] // each test file uses its own part

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use ocop_pos::domain::auth::Role;
use ocop_pos::domain::barcode::{self, BarcodeRules};
use ocop_pos::domain::cart::{Cart, Policy};
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::pricing::Discount;
use ocop_pos::domain::qty::Qty;
use ocop_pos::receipt::document::{BankAccount, Settings};
use ocop_pos::receipt::vietqr;
use ocop_pos::setup::{self, FirstRun};
use ocop_pos::store::settings::PointProfile;
use ocop_pos::store::users::LockoutPolicy;
use ocop_pos::store::{self, catalog, refund, sales, shifts, users};
use rusqlite::Connection;

/// A till database in a temporary folder.
pub struct Till {
    /// Keeps the folder alive.
    pub _dir: tempfile::TempDir,
    /// The database.
    pub conn: Connection,
    /// The sale's id.
    pub sale_id: i64,
    /// The refund's id.
    pub refund_id: i64,
}

/// 30 November 2026 at `hour`:`minute`, Vietnam time.
pub fn at(hour: u32, minute: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(7 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 30, hour, minute, 0)
        .unwrap()
}

/// The receipt settings of the tests: a footer and a Vietcombank account.
pub fn settings() -> Settings {
    Settings {
        footer: "Cảm ơn quý khách!\nHẹn gặp lại".into(),
        bank: Some(BankAccount {
            account: vietqr::Account {
                bin: "970436".into(),
                number: "0011001234567".into(),
            },
            name: "HTX Dịch vụ OCOP Hội An".into(),
        }),
    }
}

/// Makes the till, the sale and the refund.
pub fn till() -> Till {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = store::open(&dir.path().join("till.db")).unwrap();
    setup::first_run(
        &mut conn,
        &FirstRun {
            point: PointProfile {
                code: "HOIAN-01".into(),
                name: "Điểm OCOP Hội An".into(),
                address: "12 Trần Phú, Hội An, Đà Nẵng".into(),
                tax_code: "0401234567".into(),
            },
            admin_name: "admin".into(),
            admin_pin: "9999".into(),
            sample: true,
        },
        at(7, 0),
    )
    .unwrap();
    let clerk = users::add(&conn, "Lan", Role::Clerk, "2468", None, at(7, 0)).unwrap();
    users::add(&conn, "Minh", Role::Manager, "1357", None, at(7, 0)).unwrap();
    shifts::open(
        &mut conn,
        &shifts::Opening {
            point_code: "HOIAN-01".into(),
            user: clerk,
            float: Vnd(500_000),
            at: at(7, 30),
        },
    )
    .unwrap();
    let rules = BarcodeRules::default();
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let mut cart = Cart::new("receipt-cart".into());
    let weight = *rules.layout(20).unwrap();
    let squid = barcode::encode_in_store(&weight, 103, 350).unwrap();
    // Cao đảng sâm (8 %), two bottles of rượu (10 %), trà (8 %) and 350 g of mực (8 %).
    for code in [
        "2900000000018",
        "2900000000025",
        "2900000000025",
        "2900000000032",
        &squid,
    ] {
        let found = catalog::resolve(&conn, code, &rules, today).unwrap();
        match found.label_price {
            Some(price) => cart
                .add_labelled(found.item, found.qty, price, code)
                .unwrap(),
            None => cart.add(found.item, found.qty, code).unwrap(),
        };
    }
    let policy = Policy {
        clerk_limit_bp: 1000,
    };
    cart.set_line_discount(2, Some(Discount::Percent(1000)), policy, None)
        .unwrap();
    cart.pay(Method::Vietqr, Some(Vnd(300_000))).unwrap();
    cart.pay(Method::Cash, Some(Vnd(1_500_000))).unwrap();
    let ctx = sales::Context {
        point_code: "HOIAN-01".into(),
        user: clerk,
        at: at(9, 41),
    };
    let sale = sales::complete(&mut conn, &cart, &ctx).unwrap();
    let approval =
        users::approve(&conn, "Minh", "1357", LockoutPolicy::default(), at(10, 0)).unwrap();
    let back = refund::refund(
        &mut conn,
        &refund::Request {
            refund_id: "receipt-refund".into(),
            original_receipt: sale.receipt_no.clone(),
            lines: vec![(2, Qty::ONE)],
            payout: Vec::new(),
            reason: "chai bị móp".into(),
        },
        &sales::Context {
            at: at(10, 0),
            ..ctx
        },
        approval,
    )
    .unwrap();
    Till {
        _dir: dir,
        conn,
        sale_id: sale.sale_id,
        refund_id: back.sale_id,
    }
}
