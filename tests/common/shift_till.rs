//! A till for the shift and day-close tests: point HOIAN-01 with the sample catalogue, a clerk and a
//! manager, and the few steps the tests repeat (open, sell, refund, move cash, close), each at a
//! given time.
#![allow(dead_code)] // each test file uses its own part

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};
use ocop_pos::domain::auth::{Approval, Role, UserId};
use ocop_pos::domain::barcode::BarcodeRules;
use ocop_pos::domain::cart::Cart;
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::qty::Qty;
use ocop_pos::domain::shift::{CashMoveKind, ZReport};
use ocop_pos::domain::summary::DailySummary;
use ocop_pos::setup::{self, FirstRun};
use ocop_pos::store::settings::PointProfile;
use ocop_pos::store::shifts;
use ocop_pos::store::users::LockoutPolicy;
use ocop_pos::store::{self, catalog, refund, report, sales, users};
use rusqlite::Connection;

/// The point's code.
pub const POINT: &str = "HOIAN-01";
/// Barcodes and the scale item of the sample catalogue.
pub const CAO: &str = "2900000000018"; // Cao đảng sâm, 450.000 ₫, 8%, group 3, 4 stars, HTX-DUCHUY
pub const RUOU: &str = "2900000000025"; // Rượu đảng sâm, 250.000 ₫, 10% (excise)
pub const TRA: &str = "2900000000032"; // Trà đảng sâm, 120.000 ₫, 8%
pub const MUC_PLU: u32 = 103; // Mực một nắng, 650.000 ₫/kg, 8%
/// A real GS1 code the tests give the cao.
pub const CAO_GTIN: &str = "8934563138165";
/// The largest drawer difference a clerk may close alone.
pub const LIMIT: Vnd = Vnd(50_000);

/// VAT inside a VAT-inclusive amount, half up — written out independently of `domain::vat`.
pub fn vat_in(net: i64, bp: i64) -> i64 {
    assert!(net >= 0);
    (2 * net * bp + (10_000 + bp)) / (2 * (10_000 + bp))
}

/// 30/11/2026 + `day` at `hour:minute`, +07:00.
pub fn at(day: i64, hour: u32, minute: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(7 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 30, hour, minute, 0)
        .unwrap()
        + Duration::days(day)
}

/// The business date of 30/11/2026 + `day`.
pub fn date(day: i64) -> NaiveDate {
    at(day, 12, 0).date_naive()
}

/// A till database in a temporary folder, with the sample catalogue, a clerk and a manager.
pub struct Till {
    _dir: tempfile::TempDir,
    /// The database.
    pub conn: Connection,
    /// Lan, the clerk.
    pub clerk: UserId,
}

/// A new till: point HOIAN-01, clerk Lan (PIN 2468) and manager Minh (PIN 1357).
pub fn till() -> Till {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = store::open(&dir.path().join("till.db")).unwrap();
    setup::first_run(
        &mut conn,
        &FirstRun {
            point: PointProfile {
                code: POINT.into(),
                name: "Điểm OCOP Hội An".into(),
                address: "Hội An".into(),
                tax_code: String::new(),
            },
            admin_name: "admin".into(),
            admin_pin: "9999".into(),
            sample: true,
        },
        at(0, 7, 0),
    )
    .unwrap();
    let clerk = users::add(&conn, "Lan", Role::Clerk, "2468", None, at(0, 7, 0)).unwrap();
    users::add(&conn, "Minh", Role::Manager, "1357", None, at(0, 7, 0)).unwrap();
    Till {
        _dir: dir,
        conn,
        clerk,
    }
}

impl Till {
    /// Opens Lan's shift with `float` in the drawer, catching up any day left unsummarised.
    pub fn open(&mut self, float: i64, when: DateTime<FixedOffset>) -> shifts::Opened {
        let opening = shifts::Opening {
            point_code: POINT.into(),
            user: self.clerk,
            float: Vnd(float),
            at: when,
        };
        shifts::open_catching_up(&mut self.conn, &opening).unwrap()
    }

    /// A cart of what `codes` resolve to on the day of `when`.
    pub fn cart(&self, id: &str, codes: &[&str], when: DateTime<FixedOffset>) -> Cart {
        let rules = BarcodeRules::default();
        let mut cart = Cart::new(id.to_owned());
        for code in codes {
            let found = catalog::resolve(&self.conn, code, &rules, when.date_naive()).unwrap();
            match found.label_price {
                Some(price) => cart.add_labelled(found.item, found.qty, price, code),
                None => cart.add(found.item, found.qty, code),
            }
            .unwrap();
        }
        cart
    }

    /// Completes `cart` as Lan's sale.
    pub fn complete(&mut self, cart: &Cart, when: DateTime<FixedOffset>) -> sales::Completed {
        let ctx = sales::Context {
            point_code: POINT.into(),
            user: self.clerk,
            at: when,
        };
        sales::complete(&mut self.conn, cart, &ctx).unwrap()
    }

    /// Sells `codes`, paid by `pay` in turn (None = what is still due).
    pub fn sell(
        &mut self,
        id: &str,
        codes: &[&str],
        pay: &[(Method, Option<i64>)],
        when: DateTime<FixedOffset>,
    ) -> sales::Completed {
        let mut cart = self.cart(id, codes, when);
        for (method, tendered) in pay {
            cart.pay(*method, tendered.map(Vnd)).unwrap();
        }
        self.complete(&cart, when)
    }

    /// Minh's approval.
    pub fn approval(&self, when: DateTime<FixedOffset>) -> Approval {
        users::approve(&self.conn, "Minh", "1357", LockoutPolicy::default(), when).unwrap()
    }

    /// Refunds `lines` of `receipt` (empty: everything left), paid back by the original methods.
    pub fn refund(
        &mut self,
        id: &str,
        receipt: &str,
        lines: Vec<(u32, Qty)>,
        when: DateTime<FixedOffset>,
    ) -> Result<sales::Completed, store::Error> {
        let approval = self.approval(when);
        let request = refund::Request {
            refund_id: id.into(),
            original_receipt: receipt.into(),
            lines,
            payout: Vec::new(),
            reason: "khách trả lại".into(),
        };
        let ctx = sales::Context {
            point_code: POINT.into(),
            user: self.clerk,
            at: when,
        };
        refund::refund(&mut self.conn, &request, &ctx, approval)
    }

    /// Moves cash in or out of the drawer, without approval.
    pub fn cash(
        &mut self,
        kind: CashMoveKind,
        amount: i64,
        reason: &str,
        when: DateTime<FixedOffset>,
    ) -> Result<i64, store::Error> {
        let cash = shifts::CashMove {
            point_code: POINT.into(),
            kind,
            amount: Vnd(amount),
            reason: reason.into(),
            user: self.clerk,
            approval: None,
            at: when,
        };
        shifts::move_cash(&mut self.conn, &cash)
    }

    /// Closes the shift counting `counted`, with the difference limit of [`LIMIT`].
    pub fn close(
        &mut self,
        counted: i64,
        end_of_day: bool,
        approval: Option<Approval>,
        when: DateTime<FixedOffset>,
    ) -> Result<ZReport, store::Error> {
        let closing = shifts::Closing {
            point_code: POINT.into(),
            user: self.clerk,
            counted: Vnd(counted),
            end_of_day,
            approval,
            max_difference: LIMIT,
            at: when,
        };
        shifts::close(&mut self.conn, &closing)
    }

    /// What the drawer should hold (tests may look; the clerk's close never needs it first).
    pub fn expected(&self, when: DateTime<FixedOffset>) -> i64 {
        let shift = shifts::current(&self.conn, POINT).unwrap().unwrap();
        shifts::x_report(&self.conn, &shift, when)
            .unwrap()
            .expected_cash_vnd
            .0
    }

    /// The single number `sql` returns.
    pub fn count(&self, sql: &str) -> i64 {
        self.conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// Every daily summary in the outbox: (subject, revision, body), oldest first.
    pub fn outbox(&self) -> Vec<(String, u32, DailySummary)> {
        let mut stmt = self
            .conn
            .prepare("SELECT subject, revision, body FROM outbox ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                serde_json::from_str(&r.get::<_, String>(2)?).unwrap(),
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    }
}

/// The summary adds up and says exactly what the day's sales report says.
pub fn assert_agrees_with_day_report(conn: &Connection, s: &DailySummary) {
    assert_eq!(s.verify(), Ok(()));
    let lines_net: i64 = s.lines.iter().map(|l| l.net_vnd.0).sum();
    let lines_vat: i64 = s.lines.iter().map(|l| l.vat_vnd.0).sum();
    let paid: i64 = s.payments.iter().map(|p| p.amount_vnd.0).sum();
    assert_eq!(
        (lines_net, lines_vat, paid),
        (s.net_vnd.0, s.vat_vnd.0, s.net_vnd.0)
    );
    let day = report::day(conn, s.business_date).unwrap();
    assert_eq!(
        (s.receipts, s.refund_receipts),
        (day.receipts, day.refund_receipts)
    );
    assert_eq!(
        [
            s.gross_vnd,
            s.discount_vnd,
            s.refund_vnd,
            s.net_vnd,
            s.vat_vnd
        ],
        [
            day.gross_vnd,
            day.discount_vnd,
            day.refund_vnd,
            day.net_vnd,
            day.vat_vnd
        ]
    );
    let methods: Vec<(String, Vnd)> = s
        .payments
        .iter()
        .map(|p| {
            let name = serde_json::to_value(p.method).unwrap();
            (name.as_str().unwrap().to_owned(), p.amount_vnd)
        })
        .collect::<BTreeMap<_, _>>()
        .into_iter()
        .collect();
    let day_methods: Vec<(String, Vnd)> = day
        .payments
        .iter()
        .map(|p| (p.method.clone(), p.amount_vnd))
        .collect();
    assert_eq!(methods, day_methods);
    let lines: BTreeMap<&str, (i64, Vnd)> = s
        .lines
        .iter()
        .map(|l| (l.product_code.as_str(), (l.qty_milli, l.net_vnd)))
        .collect();
    let products: BTreeMap<&str, (i64, Vnd)> = day
        .products
        .iter()
        .map(|p| (p.product_code.as_str(), (p.qty_milli, p.net_vnd)))
        .collect();
    assert_eq!(lines, products);
}
