//! Shifts against a real SQLite file: selling, refunding and moving cash need an open shift, a
//! second shift cannot open, refused cash moves write nothing, and the X report's figures are exact
//! to the đồng — by rate, by method and in the drawer — while asking for one writes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use ocop_pos::domain::cart::Policy;
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::pricing::Discount;
use ocop_pos::domain::shift::CashMoveKind;
use ocop_pos::store::shifts::{self, ShiftError};
use ocop_pos::store::{self, audit, check, sales};

use common::shift_till::{CAO, POINT, RUOU, TRA, at, date, till, vat_in};

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
