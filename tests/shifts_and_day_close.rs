//! Shifts and the day close against real SQLite files: selling needs a shift, the X report's
//! figures to the đồng, the blind count under and over the limit (refused without a manager and
//! nothing written), gap-free kept Z reports, and the end-of-day daily summary — equal to the sum of
//! its lines, of its payments and to the day's sales report — with revision 2 after a late refund,
//! nothing new for an unchanged day, and a forgotten day close caught up at the next opening. Last,
//! the same through the `ocop-pos` command line.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Timelike};
use ocop_pos::domain::auth::{Approval, Role, UserId};
use ocop_pos::domain::barcode::{self, BarcodeRules};
use ocop_pos::domain::cart::{Cart, Policy};
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::pricing::Discount;
use ocop_pos::domain::qty::Qty;
use ocop_pos::domain::shift::{CashMoveKind, ZReport};
use ocop_pos::domain::summary::DailySummary;
use ocop_pos::setup::{self, FirstRun};
use ocop_pos::store::settings::PointProfile;
use ocop_pos::store::shifts::{self, ShiftError};
use ocop_pos::store::summary::{self, State};
use ocop_pos::store::users::LockoutPolicy;
use ocop_pos::store::{self, audit, catalog, check, outbox, refund, report, sales, users};
use rusqlite::Connection;

const POINT: &str = "HOIAN-01";
const CAO: &str = "2900000000018"; // Cao đảng sâm, 450.000 ₫, 8%, group 3, 4 stars, HTX-DUCHUY
const RUOU: &str = "2900000000025"; // Rượu đảng sâm, 250.000 ₫, 10% (excise)
const TRA: &str = "2900000000032"; // Trà đảng sâm, 120.000 ₫, 8%
const MUC_PLU: u32 = 103; // Mực một nắng, 650.000 ₫/kg, 8%
const CAO_GTIN: &str = "8934563138165";
const LIMIT: Vnd = Vnd(50_000);

/// VAT inside a VAT-inclusive amount, half up — written out independently of `domain::vat`.
fn vat_in(net: i64, bp: i64) -> i64 {
    assert!(net >= 0);
    (2 * net * bp + (10_000 + bp)) / (2 * (10_000 + bp))
}

/// 30/11/2026 + `day` at `hour:minute`, +07:00.
fn at(day: i64, hour: u32, minute: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(7 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 30, hour, minute, 0)
        .unwrap()
        + Duration::days(day)
}

fn date(day: i64) -> NaiveDate {
    at(day, 12, 0).date_naive()
}

struct Till {
    _dir: tempfile::TempDir,
    conn: Connection,
    clerk: UserId,
}

fn till() -> Till {
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
    fn open(&mut self, float: i64, when: DateTime<FixedOffset>) -> shifts::Opened {
        let opening = shifts::Opening {
            point_code: POINT.into(),
            user: self.clerk,
            float: Vnd(float),
            at: when,
        };
        shifts::open_catching_up(&mut self.conn, &opening).unwrap()
    }

    fn cart(&self, id: &str, codes: &[&str], when: DateTime<FixedOffset>) -> Cart {
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

    fn complete(&mut self, cart: &Cart, when: DateTime<FixedOffset>) -> sales::Completed {
        let ctx = sales::Context {
            point_code: POINT.into(),
            user: self.clerk,
            at: when,
        };
        sales::complete(&mut self.conn, cart, &ctx).unwrap()
    }

    /// Sells `codes`, paid by `pay` in turn (None = what is still due).
    fn sell(
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

    fn approval(&self, when: DateTime<FixedOffset>) -> Approval {
        users::approve(&self.conn, "Minh", "1357", LockoutPolicy::default(), when).unwrap()
    }

    /// Refunds `lines` of `receipt` (empty: everything left), paid back by the original methods.
    fn refund(
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

    fn cash(
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

    fn close(
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
    fn expected(&self, when: DateTime<FixedOffset>) -> i64 {
        let shift = shifts::current(&self.conn, POINT).unwrap().unwrap();
        shifts::x_report(&self.conn, &shift, when)
            .unwrap()
            .expected_cash_vnd
            .0
    }

    fn count(&self, sql: &str) -> i64 {
        self.conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// Every daily summary in the outbox: (subject, revision, body), oldest first.
    fn outbox(&self) -> Vec<(String, u32, DailySummary)> {
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
fn assert_agrees_with_day_report(conn: &Connection, s: &DailySummary) {
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

#[test]
fn sales_need_a_shift_and_the_x_report_is_exact_to_the_dong() {
    let mut t = till();
    // No shift: no sale, no cash move, nothing written.
    let mut cart = t.cart("c1", &[CAO], at(0, 8, 0));
    cart.pay(Method::Cash, Some(Vnd(500_000))).unwrap();
    let ctx = sales::Context {
        point_code: POINT.into(),
        user: t.clerk,
        at: at(0, 8, 0),
    };
    let refused = sales::complete(&mut t.conn, &cart, &ctx).unwrap_err();
    assert!(matches!(
        refused,
        store::Error::Shift(ShiftError::NoOpenShift)
    ));
    assert!(refused.to_string().contains("chưa mở ca"), "{refused}");
    assert!(matches!(
        t.cash(CashMoveKind::In, 100_000, "đổi tiền lẻ", at(0, 8, 0)),
        Err(store::Error::Shift(ShiftError::NoOpenShift))
    ));
    assert_eq!(t.count("SELECT COUNT(*) FROM sales"), 0);
    assert_eq!(t.count("SELECT COUNT(*) FROM cash_moves"), 0);

    let opened = t.open(1_000_000, at(0, 7, 30));
    assert_eq!(opened.summaries, []);
    assert_eq!(opened.shift.business_date, date(0));
    let again = shifts::open(
        &mut t.conn,
        &shifts::Opening {
            point_code: POINT.into(),
            user: t.clerk,
            float: Vnd(0),
            at: at(0, 7, 31),
        },
    )
    .unwrap_err();
    assert!(
        again.to_string().contains("Lan") && again.to_string().contains("07:30 30/11/2026"),
        "{again}"
    );

    let s1 = t.complete(&cart, at(0, 8, 0)); // 450.000 cash, 50.000 change
    assert_eq!(s1.change, Vnd(50_000));
    t.sell("c2", &[RUOU, RUOU], &[(Method::Vietqr, None)], at(0, 9, 10));
    t.sell("c3", &[TRA], &[(Method::Card, None)], at(0, 10, 0));
    let s4 = t.sell(
        "c4",
        &[CAO, TRA],
        &[
            (Method::Vietqr, Some(200_000)),
            (Method::Cash, Some(400_000)),
        ],
        at(0, 11, 0),
    );
    assert_eq!(s4.change, Vnd(30_000));
    let mut c5 = t.cart("c5", &[TRA], at(0, 12, 0));
    c5.set_line_discount(
        0,
        Some(Discount::Percent(1000)),
        Policy {
            clerk_limit_bp: 1000,
        },
        None,
    )
    .unwrap();
    c5.pay(Method::Ewallet, None).unwrap();
    t.complete(&c5, at(0, 12, 0));
    // The first customer brings the cao back: 450.000 paid back in cash, as paid.
    let back = t
        .refund("r1", &s1.receipt_no, Vec::new(), at(0, 13, 0))
        .unwrap();
    assert_eq!(back.total, Vnd(-450_000));

    assert_eq!(
        t.cash(CashMoveKind::In, 200_000, "  đổi tiền lẻ ", at(0, 13, 30))
            .unwrap(),
        1
    );
    t.cash(CashMoveKind::Out, 300_000, "nộp ngân hàng", at(0, 14, 0))
        .unwrap();
    for (kind, amount, reason, why) in [
        (
            CashMoveKind::Out,
            10_000_000,
            "trả HTX",
            "tiền mặt trong két không đủ",
        ),
        (CashMoveKind::In, 0, "đổi tiền", "phải lớn hơn 0"),
        (CashMoveKind::In, -5, "đổi tiền", "phải lớn hơn 0"),
        (CashMoveKind::In, 5_000, "   ", "hãy ghi lý do"),
    ] {
        let err = t.cash(kind, amount, reason, at(0, 14, 5)).unwrap_err();
        assert!(err.to_string().contains(why), "{err}");
    }
    assert_eq!(t.count("SELECT COUNT(*) FROM cash_moves"), 2);

    let shift = shifts::current(&t.conn, POINT).unwrap().unwrap();
    let x = shifts::x_report(&t.conn, &shift, at(0, 15, 0)).unwrap();
    assert_eq!((x.receipts, x.refund_receipts), (5, 1));
    assert_eq!(
        x.receipt_range,
        Some(("HOIAN-01-000001".into(), "HOIAN-01-000006".into()))
    );
    assert_eq!(x.clerk, "Lan");
    assert_eq!(
        x.gross_vnd,
        Vnd(450_000 + 500_000 + 120_000 + 570_000 + 120_000)
    );
    assert_eq!(x.discount_vnd, Vnd(12_000));
    assert_eq!(x.refund_vnd, Vnd(450_000));
    assert_eq!(x.net_vnd, Vnd(1_760_000 - 12_000 - 450_000));
    let vat8 = [450_000, 120_000, 450_000, 120_000, 108_000]
        .map(|n| vat_in(n, 800))
        .iter()
        .sum::<i64>()
        - vat_in(450_000, 800);
    let vat10 = vat_in(500_000, 1000);
    assert_eq!(x.vat_vnd, Vnd(vat8 + vat10));
    let rates: Vec<(u16, Vnd, Vnd)> = x
        .vat_by_rate
        .iter()
        .map(|r| (r.vat_bp, r.net_vnd, r.vat_vnd))
        .collect();
    assert_eq!(
        rates,
        [
            (800, Vnd(798_000), Vnd(vat8)),
            (1000, Vnd(500_000), Vnd(vat10))
        ]
    );
    let methods: Vec<(Method, i64, i64, i64)> = x
        .payments
        .iter()
        .map(|m| (m.method, m.amount_vnd.0, m.taken_vnd.0, m.paid_back_vnd.0))
        .collect();
    assert_eq!(
        methods,
        [
            (Method::Cash, 370_000, 820_000, 450_000),
            (Method::Vietqr, 700_000, 700_000, 0),
            (Method::Card, 120_000, 120_000, 0),
            (Method::Ewallet, 108_000, 108_000, 0),
        ]
    );
    assert_eq!(x.drawer.float_vnd, Vnd(1_000_000));
    assert_eq!(x.drawer.cash_sales_vnd, Vnd(820_000));
    assert_eq!(x.drawer.cash_refunds_vnd, Vnd(450_000));
    assert_eq!(
        (x.drawer.cash_in_vnd, x.drawer.cash_out_vnd),
        (Vnd(200_000), Vnd(300_000))
    );
    // 1.000.000 + 820.000 − 450.000 + 200.000 − 300.000
    assert_eq!(x.expected_cash_vnd, Vnd(1_270_000));
    let moves: Vec<(CashMoveKind, i64, &str, &str)> = x
        .cash_moves
        .iter()
        .map(|m| (m.kind, m.amount_vnd.0, m.reason.as_str(), m.user.as_str()))
        .collect();
    assert_eq!(
        moves,
        [
            (CashMoveKind::In, 200_000, "đổi tiền lẻ", "Lan"),
            (CashMoveKind::Out, 300_000, "nộp ngân hàng", "Lan"),
        ]
    );
    // An X report writes nothing: asked again it says the same, and the shift is still open.
    let again = shifts::x_report(&t.conn, &shift, at(0, 15, 0)).unwrap();
    assert_eq!(again, x);
    assert_eq!(shifts::current(&t.conn, POINT).unwrap().unwrap().z_no, None);
    let audited: Vec<(String, String)> = audit::recent(&t.conn, 50)
        .unwrap()
        .into_iter()
        .filter(|r| r.action == "cash_move")
        .map(|r| (r.subject, r.detail))
        .collect();
    assert_eq!(
        audited,
        [
            (
                format!("ca {}", shift.id),
                "rút khỏi két 300.000\u{a0}₫: nộp ngân hàng".to_owned()
            ),
            (
                format!("ca {}", shift.id),
                "nộp vào két 200.000\u{a0}₫: đổi tiền lẻ".to_owned()
            ),
        ]
    );
    assert_eq!(check::run(&t.conn).unwrap(), Vec::<String>::new());
}

#[test]
fn blind_count_over_the_limit_needs_a_manager_and_z_numbers_have_no_gaps() {
    let mut t = till();
    // Z 1: 30.000 short, within the 50.000 limit: the clerk closes alone.
    t.open(500_000, at(0, 7, 30));
    t.sell("a1", &[CAO], &[(Method::Cash, None)], at(0, 8, 0));
    let z1 = t.close(920_000, false, None, at(0, 12, 0)).unwrap();
    assert_eq!(z1.z_no, 1);
    assert_eq!(
        (z1.count.expected, z1.count.counted, z1.count.difference),
        (Vnd(950_000), Vnd(920_000), Vnd(-30_000))
    );
    assert_eq!(
        (z1.closed_by.as_str(), z1.approved_by.as_deref()),
        ("Lan", None)
    );
    assert!(!z1.end_of_day && z1.summaries.is_empty());
    let closed = t.count("SELECT COUNT(*) FROM shifts WHERE closed_at IS NOT NULL");
    assert_eq!(closed, 1);
    // A closed shift is frozen, and no shift is ever deleted.
    let frozen = t
        .conn
        .execute(
            "UPDATE shifts SET counted_cash_vnd = 950000 WHERE z_no = 1",
            [],
        )
        .unwrap_err();
    assert!(
        frozen.to_string().contains("closed shifts are immutable"),
        "{frozen}"
    );
    assert!(t.conn.execute("DELETE FROM shifts", []).is_err());
    // Without a shift no refund either.
    let refused = t
        .refund("r0", "HOIAN-01-000001", Vec::new(), at(0, 12, 5))
        .unwrap_err();
    assert!(
        matches!(refused, store::Error::Shift(ShiftError::NoOpenShift)),
        "{refused}"
    );

    // Z 2: 60.000 short. Without a manager: refused, showing the difference, nothing written.
    t.open(500_000, at(0, 12, 30));
    t.sell("a2", &[RUOU], &[(Method::Cash, None)], at(0, 13, 0));
    let before = (
        t.count("SELECT COUNT(*) FROM audit"),
        t.count("SELECT COUNT(*) FROM outbox"),
        t.count("SELECT total_changes()"),
    );
    let refused = t.close(690_000, true, None, at(0, 18, 0)).unwrap_err();
    match &refused {
        store::Error::Shift(ShiftError::NeedsManager { difference, limit }) => {
            assert_eq!((*difference, *limit), (Vnd(-60_000), LIMIT));
        }
        other => panic!("expected NeedsManager, got {other:?}"),
    }
    let message = refused.to_string();
    assert!(
        message.contains("thiếu 60.000\u{a0}₫")
            && message.contains("-60.000\u{a0}₫")
            && message.contains("50.000\u{a0}₫")
            && message.contains("quản lý"),
        "{message}"
    );
    let after = (
        t.count("SELECT COUNT(*) FROM audit"),
        t.count("SELECT COUNT(*) FROM outbox"),
        t.count("SELECT total_changes()"),
    );
    assert_eq!(before, after);
    let still_open = shifts::current(&t.conn, POINT).unwrap().unwrap();
    assert_eq!(still_open.z_no, None);
    // A clerk cannot approve; a manager can.
    assert!(matches!(
        users::approve(
            &t.conn,
            "Lan",
            "2468",
            LockoutPolicy::default(),
            at(0, 18, 1)
        ),
        Err(store::Error::NotManager(_))
    ));
    let approval = t.approval(at(0, 18, 2));
    let z2 = t
        .close(690_000, false, Some(approval), at(0, 18, 2))
        .unwrap();
    assert_eq!((z2.z_no, z2.count.difference), (2, Vnd(-60_000)));
    assert_eq!(z2.approved_by.as_deref(), Some("Minh"));
    let row = audit::recent(&t.conn, 1).unwrap().remove(0);
    assert_eq!(
        (row.action.as_str(), row.subject.as_str()),
        ("shift_closed", "Z-000002")
    );
    assert_eq!(row.approved_by, Some(approval.manager()));
    assert_eq!(
        row.detail,
        "đếm 690.000\u{a0}₫, sổ 750.000\u{a0}₫, chênh lệch -60.000\u{a0}₫ (thiếu 60.000\u{a0}₫)"
    );

    // Z 3: exactly 50.000 over is still within the limit; a count below zero is refused.
    t.open(0, at(0, 18, 30));
    t.sell("a3", &[TRA], &[(Method::Cash, Some(200_000))], at(0, 19, 0));
    assert!(matches!(
        t.close(-1, false, None, at(0, 20, 0)),
        Err(store::Error::Shift(ShiftError::BadCount(_)))
    ));
    let z3 = t.close(170_000, false, None, at(0, 20, 0)).unwrap();
    assert_eq!((z3.z_no, z3.count.difference), (3, Vnd(50_000)));
    assert!(matches!(
        t.close(0, false, None, at(0, 20, 1)),
        Err(store::Error::Shift(ShiftError::NoOpenShift))
    ));

    // Numbers run 1, 2, 3 with no gap, and each Z is kept as printed.
    let numbers: Vec<i64> = t
        .conn
        .prepare("SELECT z_no FROM shifts ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(numbers, [1, 2, 3]);
    for z in [&z1, &z2, &z3] {
        assert_eq!(&shifts::z_report(&t.conn, POINT, z.z_no).unwrap(), z);
    }
    assert_eq!(
        z2.figures.receipt_range,
        Some(("HOIAN-01-000002".into(), "HOIAN-01-000002".into()))
    );
    assert!(matches!(
        shifts::z_report(&t.conn, POINT, 4),
        Err(store::Error::Shift(ShiftError::UnknownZ(4)))
    ));
    assert!(shifts::z_report(&t.conn, "OTHER-01", 1).is_err());
    assert_eq!(check::run(&t.conn).unwrap(), Vec::<String>::new());
}

#[test]
fn the_end_of_day_summary_adds_up_and_a_late_refund_makes_revision_two() {
    let mut t = till();
    // The cao also carries a real GS1 code, added after its in-store one: the summary sends it.
    let cao_id: i64 = t
        .conn
        .query_row(
            "SELECT product_id FROM barcodes WHERE code = ?1",
            [CAO],
            |r| r.get(0),
        )
        .unwrap();
    t.conn
        .execute(
            "INSERT INTO barcodes (code, product_id) VALUES (?1, ?2)",
            rusqlite::params![CAO_GTIN, cao_id],
        )
        .unwrap();
    let weight = *BarcodeRules::default().layout(20).unwrap();
    t.open(1_000_000, at(0, 7, 30));
    let mut hours: BTreeMap<u32, (u32, i64)> = BTreeMap::new();
    let mut receipts = Vec::new();
    let pays: [&[(Method, Option<i64>)]; 5] = [
        &[(Method::Cash, Some(2_000_000))],
        &[(Method::Vietqr, None)],
        &[(Method::Card, None)],
        &[(Method::Ewallet, None)],
        &[(Method::Vietqr, Some(100_000)), (Method::Cash, None)],
    ];
    for i in 0..20_u32 {
        let when = at(0, 8 + i / 2, (5 * i) % 60);
        let muc = barcode::encode_in_store(&weight, MUC_PLU, 250 + 10 * i64::from(i)).unwrap();
        let codes: Vec<&str> = match i % 4 {
            0 => vec![CAO],
            1 => vec![RUOU, TRA],
            2 => vec![muc.as_str(), TRA],
            _ => vec![CAO, RUOU, RUOU],
        };
        let done = t.sell(&format!("d{i}"), &codes, pays[i as usize % 5], when);
        let slot = hours.entry(when.hour()).or_default();
        *slot = (slot.0 + 1, slot.1 + done.total.0);
        receipts.push(done.receipt_no);
    }
    // A partial refund the same afternoon: one of the two bottles of receipt 4.
    let back = t
        .refund("r1", &receipts[3], vec![(2, Qty::ONE)], at(0, 18, 10))
        .unwrap();
    hours.entry(18).or_default().1 += back.total.0;

    // A summary that would not add up is refused, and the Z close with it: one transaction.
    let line_id: i64 =
        t.count("SELECT MAX(id) FROM sale_lines WHERE product_code = 'DS-TRA-TAYGIANG-20'");
    t.conn
        .execute(
            "UPDATE sale_lines SET net_vnd = net_vnd + 1 WHERE id = ?1",
            [line_id],
        )
        .unwrap();
    let expected = t.expected(at(0, 21, 0));
    let spoiled = t.close(expected, true, None, at(0, 21, 0)).unwrap_err();
    assert!(spoiled.to_string().contains("net_vnd"), "{spoiled}");
    assert!(shifts::current(&t.conn, POINT).unwrap().is_some());
    assert_eq!(t.count("SELECT COUNT(*) FROM outbox"), 0);
    assert_eq!(
        t.count("SELECT COUNT(*) FROM shifts WHERE z_no IS NOT NULL"),
        0
    );
    t.conn
        .execute(
            "UPDATE sale_lines SET net_vnd = net_vnd - 1 WHERE id = ?1",
            [line_id],
        )
        .unwrap();

    let z = t.close(expected, true, None, at(0, 21, 0)).unwrap();
    assert!(z.end_of_day);
    assert_eq!(z.summaries.len(), 1);
    assert_eq!(
        (z.summaries[0].business_date, z.summaries[0].revision),
        (date(0), 1)
    );
    let rows = t.outbox();
    assert_eq!(rows.len(), 1);
    let (subject, revision, first) = &rows[0];
    assert_eq!((subject.as_str(), *revision), ("HOIAN-01/2026-11-30", 1));
    assert_eq!(first.schema, "ocop.daily-summary.v1");
    assert_eq!(
        (
            first.point_code.as_str(),
            first.business_date,
            first.revision
        ),
        (POINT, date(0), 1)
    );
    assert_eq!(first.generated_at, at(0, 21, 0));
    assert_eq!((first.receipts, first.refund_receipts), (20, 1));
    assert_eq!(first.net_vnd, Vnd(z.figures.net_vnd.0));
    assert_agrees_with_day_report(&t.conn, first);
    let by_hour: BTreeMap<u32, (u32, i64)> = first
        .hours
        .iter()
        .map(|h| (u32::from(h.hour), (h.receipts, h.net_vnd.0)))
        .collect();
    assert_eq!(by_hour, hours);
    let cao = first
        .lines
        .iter()
        .find(|l| l.product_code == "DS-CAO-DUCHUY-100")
        .unwrap();
    assert_eq!(cao.gtin, CAO_GTIN);
    assert_eq!(
        (
            cao.producer_code.as_str(),
            cao.ocop_group,
            cao.stars,
            cao.unit.as_str()
        ),
        ("HTX-DUCHUY", Some(3), Some(4), "lọ")
    );
    assert_eq!(cao.qty_milli, 10_000);
    assert_eq!(cao.net_vnd, Vnd(10 * 450_000));
    assert_eq!(cao.vat_vnd, Vnd(10 * vat_in(450_000, 800)));
    let muc = first
        .lines
        .iter()
        .find(|l| l.product_code == "MUC1NANG-CLC-KG")
        .unwrap();
    let grams: i64 = (0..20).filter(|i| i % 4 == 2).map(|i| 250 + 10 * i).sum();
    assert_eq!(
        (muc.gtin.as_str(), muc.unit.as_str(), muc.qty_milli),
        ("", "kg", grams)
    );
    // The body in the outbox is the protocol's JSON, waiting for the hub.
    let pending = outbox::pending(&t.conn, at(0, 21, 1), 10).unwrap();
    assert_eq!(pending.len(), 1);
    let json: serde_json::Value = serde_json::from_str(&pending[0].body).unwrap();
    assert_eq!(json["business_date"], "2026-11-30");
    assert_eq!(
        json["lines"][0]["product_code"],
        first.lines[0].product_code
    );
    assert_eq!(
        shifts::z_report(&t.conn, POINT, z.z_no).unwrap().summaries,
        z.summaries
    );
    let shown = summary::show(&t.conn, POINT, date(0), at(0, 21, 5)).unwrap();
    assert_eq!((shown.state, &shown.summary), (State::Closed, first));

    // Evening: a customer returns a whole receipt. A new shift, the refund, another day close.
    let late = t.open(0, at(0, 21, 30));
    assert_eq!(late.summaries, []);
    let back = t
        .refund("r2", &receipts[0], Vec::new(), at(0, 21, 40))
        .unwrap();
    assert_eq!(back.total, Vnd(-450_000)); // receipt 1 was one cao, paid in cash
    assert_eq!(
        summary::show(&t.conn, POINT, date(0), at(0, 21, 45))
            .unwrap()
            .state,
        State::ChangedSinceClose
    );
    let approval = t.approval(at(0, 22, 0));
    let z_late = t.close(0, true, Some(approval), at(0, 22, 0)).unwrap();
    assert_eq!(z_late.count.difference, Vnd(450_000)); // the cash went out of an empty drawer
    assert_eq!(z_late.summaries.len(), 1);
    assert_eq!(
        (
            z_late.summaries[0].business_date,
            z_late.summaries[0].revision
        ),
        (date(0), 2)
    );
    let rows = t.outbox();
    assert_eq!(rows.len(), 2);
    let second = &rows[1].2;
    assert_eq!(
        (rows[1].0.as_str(), rows[1].1, second.revision),
        ("HOIAN-01/2026-11-30", 2, 2)
    );
    assert_eq!((second.receipts, second.refund_receipts), (20, 2));
    assert_eq!(second.refund_vnd, Vnd(first.refund_vnd.0 + 450_000));
    assert_eq!(second.net_vnd, Vnd(first.net_vnd.0 - 450_000));
    assert_agrees_with_day_report(&t.conn, second);
    // Revision 1 was not yet delivered: both wait, in order; the hub keeps the higher.
    let pending: Vec<u32> = outbox::pending(&t.conn, at(0, 22, 1), 10)
        .unwrap()
        .into_iter()
        .map(|m| m.revision)
        .collect();
    assert_eq!(pending, [1, 2]);

    // Closing the day again with nothing new writes no new revision.
    t.open(0, at(0, 22, 30));
    let z_same = t.close(0, true, None, at(0, 22, 45)).unwrap();
    assert_eq!(z_same.summaries, []);
    assert_eq!(t.outbox().len(), 2);
    let numbers: Vec<i64> = [&z, &z_late, &z_same].iter().map(|z| z.z_no).collect();
    assert_eq!(numbers, [1, 2, 3]);
    let shown = summary::show(&t.conn, POINT, date(0), at(0, 23, 0)).unwrap();
    assert_eq!((shown.state, shown.summary.revision), (State::Closed, 2));
    assert_eq!(check::run(&t.conn).unwrap(), Vec::<String>::new());
}

#[test]
fn a_forgotten_day_close_is_summarised_when_the_next_day_opens() {
    let mut t = till();
    // Day 0: sales, the shift closed without ending the day.
    t.open(200_000, at(0, 7, 30));
    t.sell("f1", &[CAO], &[(Method::Cash, None)], at(0, 9, 0));
    let s2 = t.sell("f2", &[RUOU, TRA], &[(Method::Vietqr, None)], at(0, 15, 0));
    let z = t.close(650_000, false, None, at(0, 20, 0)).unwrap();
    assert!(z.summaries.is_empty());
    assert_eq!(t.outbox().len(), 0);
    let not_closed = summary::show(&t.conn, POINT, date(0), at(0, 20, 5)).unwrap();
    assert_eq!(not_closed.state, State::NotClosed);
    assert_eq!(
        (not_closed.summary.receipts, not_closed.summary.net_vnd),
        (2, Vnd(820_000))
    );
    assert_agrees_with_day_report(&t.conn, &not_closed.summary);

    // Day 1 opens: day 0 is summarised in the opening's transaction.
    let opened = t.open(200_000, at(1, 7, 30));
    assert_eq!(opened.summaries.len(), 1);
    assert_eq!(
        (
            opened.summaries[0].business_date,
            opened.summaries[0].revision
        ),
        (date(0), 1)
    );
    let rows = t.outbox();
    assert_eq!((rows[0].0.as_str(), rows[0].1), ("HOIAN-01/2026-11-30", 1));
    assert_eq!(rows[0].2.generated_at, at(1, 7, 30));
    let mut without_time = not_closed.summary.clone();
    without_time.generated_at = rows[0].2.generated_at;
    assert_eq!(rows[0].2, without_time);

    // Day 1 closes properly: only day 1 is written; day 0 has not changed.
    t.sell("f3", &[TRA], &[(Method::Card, None)], at(1, 10, 0));
    let z = t.close(200_000, true, None, at(1, 20, 0)).unwrap();
    let written: Vec<(NaiveDate, u32)> = z
        .summaries
        .iter()
        .map(|s| (s.business_date, s.revision))
        .collect();
    assert_eq!(written, [(date(1), 1)]);
    // A late refund on day 1 in a shift closed without ending the day again…
    t.open(0, at(1, 20, 30));
    t.refund("f4", "HOIAN-01-000003", Vec::new(), at(1, 20, 40))
        .unwrap();
    t.close(0, false, None, at(1, 21, 0)).unwrap();
    // …day 2 has no sales at all…
    let opened = t.open(100_000, at(2, 7, 30));
    let written: Vec<(NaiveDate, u32)> = opened
        .summaries
        .iter()
        .map(|s| (s.business_date, s.revision))
        .collect();
    // …so day 2's opening sends day 1's revision 2, and nothing for day 0.
    assert_eq!(written, [(date(1), 2)]);
    t.close(100_000, false, None, at(2, 20, 0)).unwrap();
    // Day 3: nothing is due (day 2 sold nothing).
    t.open(100_000, at(3, 7, 30));
    let subjects: Vec<(String, u32)> = t.outbox().into_iter().map(|(s, r, _)| (s, r)).collect();
    assert_eq!(
        subjects,
        [
            ("HOIAN-01/2026-11-30".to_owned(), 1),
            ("HOIAN-01/2026-12-01".to_owned(), 1),
            ("HOIAN-01/2026-12-01".to_owned(), 2),
        ]
    );
    // The latest revision of each day says what the day's report says now.
    let latest: BTreeMap<String, DailySummary> = t
        .outbox()
        .into_iter()
        .map(|(subject, _, s)| (subject, s))
        .collect();
    assert_eq!(latest.len(), 2);
    for s in latest.values() {
        assert_agrees_with_day_report(&t.conn, s);
    }
    let day1 = summary::latest(&t.conn, POINT, date(1)).unwrap().unwrap();
    assert_eq!(
        (day1.revision, day1.net_vnd, day1.refund_receipts),
        (2, Vnd(0), 1)
    );
    assert_eq!(summary::latest(&t.conn, POINT, date(2)).unwrap(), None);
    assert_eq!(s2.total, Vnd(370_000));
    assert_eq!(check::run(&t.conn).unwrap(), Vec::<String>::new());
}

const EXE: &str = env!("CARGO_BIN_EXE_ocop-pos");

fn run(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(EXE)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "stdout: {}\nstderr: {}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

fn refused(out: &Output) -> String {
    assert!(!out.status.success(), "stdout: {}", text(&out.stdout));
    text(&out.stderr)
}

#[test]
fn shift_open_x_close_and_summary_show_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&run(
        d,
        &["init", "--sample", "--point-code", "HUE-01"],
        "2580\n",
    ));
    ok(&run(
        d,
        &["users", "add", "Lan", "--role", "clerk"],
        "1111\n",
    ));
    ok(&run(
        d,
        &["users", "add", "Minh", "--role", "manager"],
        "2222\n",
    ));

    assert!(refused(&run(d, &["shift", "x"], "")).contains("chưa mở ca"));
    assert!(
        refused(&run(
            d,
            &["shift", "open", "--user", "Lan", "--float", "1.000.000"],
            "0000\n"
        ))
        .contains("sai mã PIN")
    );
    let out = ok(&run(
        d,
        &["shift", "open", "--user", "Lan", "--float", "1.000.000"],
        "1111\n",
    ));
    assert!(
        out.contains("Đã mở ca") && out.contains("Lan") && out.contains("1.000.000"),
        "{out}"
    );

    // Two sales through the library, as the till window would make them, at the CLI's clock.
    let now = chrono::Utc::now().with_timezone(&FixedOffset::east_opt(7 * 3600).unwrap());
    {
        let mut conn = store::open(&d.join("till.db")).unwrap();
        let clerk = users::find_by_name(&conn, "Lan").unwrap().unwrap().id;
        let rules = BarcodeRules::default();
        for (id, code, method) in [("k1", CAO, Method::Cash), ("k2", RUOU, Method::Vietqr)] {
            let mut cart = Cart::new(id.into());
            let found = catalog::resolve(&conn, code, &rules, now.date_naive()).unwrap();
            cart.add(found.item, found.qty, code).unwrap();
            cart.pay(method, None).unwrap();
            let ctx = sales::Context {
                point_code: "HUE-01".into(),
                user: clerk,
                at: now,
            };
            sales::complete(&mut conn, &cart, &ctx).unwrap();
        }
    }
    let out = ok(&run(
        d,
        &[
            "shift",
            "cash-in",
            "--amount",
            "100000",
            "--reason",
            "đổi tiền lẻ",
        ],
        "",
    ));
    assert!(out.contains("100.000"), "{out}");
    assert!(
        refused(&run(
            d,
            &["shift", "cash-out", "--amount", "0", "--reason", "x"],
            ""
        ))
        .contains("phải lớn hơn 0")
    );

    let x: serde_json::Value =
        serde_json::from_str(&ok(&run(d, &["shift", "x", "--json"], ""))).unwrap();
    assert_eq!(
        (x["receipts"].as_u64(), x["net_vnd"].as_i64()),
        (Some(2), Some(700_000))
    );
    assert_eq!(x["expected_cash_vnd"].as_i64(), Some(1_550_000));
    let out = ok(&run(d, &["shift", "x"], ""));
    assert!(
        out.contains("BÁO CÁO X") && out.contains("1.550.000") && out.contains("đổi tiền lẻ"),
        "{out}"
    );

    // Counted 1.450.000: 100.000 short, over the 50.000 limit. Refused without a manager; the
    // shift stays open and the error tells the difference.
    let err = refused(&run(
        d,
        &["shift", "close", "--counted", "1450000", "--end-day"],
        "",
    ));
    assert!(
        err.contains("thiếu 100.000") && err.contains("cần quản lý"),
        "{err}"
    );
    assert!(!err.contains("1.550.000"), "{err}");
    ok(&run(d, &["shift", "x"], ""));
    // A clerk's PIN does not make a manager.
    let err = refused(&run(
        d,
        &[
            "shift",
            "close",
            "--counted",
            "1450000",
            "--end-day",
            "--manager",
            "Lan",
        ],
        "1111\n",
    ));
    assert!(err.contains("không có quyền quản lý"), "{err}");
    let out = ok(&run(
        d,
        &[
            "shift",
            "close",
            "--counted",
            "1450000",
            "--end-day",
            "--manager",
            "Minh",
        ],
        "2222\n",
    ));
    assert!(out.contains("Z-000001"), "{out}");
    let counted = out.find("đếm được").unwrap();
    let expected = out.find("1.550.000").unwrap();
    assert!(counted < expected, "the count comes first: {out}");
    assert!(
        out.contains("thiếu 100.000") && out.contains("Đã chốt ngày"),
        "{out}"
    );
    assert!(refused(&run(d, &["shift", "x"], "")).contains("chưa mở ca"));

    let out = ok(&run(d, &["shift", "z", "1"], ""));
    assert!(
        out.contains("Z-000001") && out.contains("in lại") && out.contains("Minh"),
        "{out}"
    );
    let z: serde_json::Value =
        serde_json::from_str(&ok(&run(d, &["shift", "z", "1", "--json"], ""))).unwrap();
    assert_eq!(
        (z["z_no"].as_i64(), z["count"]["difference"].as_i64()),
        (Some(1), Some(-100_000))
    );
    assert!(refused(&run(d, &["shift", "z", "2"], "")).contains("không có báo cáo Z số 2"));

    let today = now.date_naive().to_string();
    let out = run(d, &["summary", "show", "--date", &today, "--json"], "");
    let body = ok(&out);
    assert!(
        text(&out.stderr).contains("đã chốt ngày, bản 1"),
        "{}",
        text(&out.stderr)
    );
    let s: DailySummary = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (s.point_code.as_str(), s.revision, s.receipts, s.net_vnd),
        ("HUE-01", 1, 2, Vnd(700_000))
    );
    assert_eq!(s.verify(), Ok(()));
    let out = ok(&run(d, &["summary", "show", "--date", &today], ""));
    assert!(
        out.contains("đã chốt ngày") && out.contains("700.000"),
        "{out}"
    );
    let yesterday = (now.date_naive() - Duration::days(1)).to_string();
    let out = ok(&run(d, &["summary", "show", "--date", &yesterday], ""));
    assert!(out.contains("chưa chốt ngày"), "{out}");
    ok(&run(d, &["check"], ""));
}
