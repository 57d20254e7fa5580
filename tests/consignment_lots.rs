//! Consigned goods come in with lots; sales draw first-expiry-first-out; expired lots need a
//! manager; refunds go back to their lots; expired goods go back to the producer and breakage is an
//! approved adjustment; a consignment statement owes exactly the agreed price of what sold, and a
//! period settles once.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::qty::Qty;
use ocop_pos::domain::stock::AdjustReason;
use ocop_pos::store::adjust::{self, Adjustment, Change};
use ocop_pos::store::consignment::{self, Return};
use ocop_pos::store::receiving;
use ocop_pos::store::{audit, check, lots, refund, sales};

use common::receiving_till::{
    CAO, RUOU, TUI, at, cart, date, delivery, line, lot_id, lot_qty, manager, on_hand, sell, till,
};

#[test]
fn consigned_lots_sell_fefo_return_and_settle_exactly() {
    let mut t = till();
    let clerk = t.clerk;
    // Three consigned lots of cao đảng sâm at the agreed 300.000 ₫, and bought rượu.
    let consigned = delivery(
        true,
        "HTX-DUCHUY",
        "GH-001",
        vec![
            line(CAO, 10, 300_000, "A1", Some(date(2026, 11, 20))),
            line(CAO, 10, 300_000, "A2", Some(date(2027, 5, 31))),
            line(CAO, 3, 300_000, "A0", Some(date(2026, 11, 10))),
        ],
    );
    let posted = receiving::receive(&mut t.conn, &consigned, clerk, at(1, 8)).unwrap();
    assert_eq!(posted.number, "KG-000001");
    assert_eq!(
        (posted.lines, posted.qty, posted.value),
        (3, Qty::units(23), Vnd(6_900_000))
    );
    let bought = delivery(
        false,
        "HTX-DUCHUY",
        "GH-002",
        vec![line(RUOU, 24, 160_000, "R1", Some(date(2028, 1, 1)))],
    );
    let posted = receiving::receive(&mut t.conn, &bought, clerk, at(1, 8)).unwrap();
    assert_eq!(
        (posted.number.as_str(), posted.value),
        ("PN-000001", Vnd(3_840_000))
    );
    let bag = delivery(false, "HTX-ZARA", "", vec![line(TUI, 5, 300_000, "", None)]);
    receiving::receive(&mut t.conn, &bag, clerk, at(1, 8)).unwrap();
    assert_eq!(
        (
            on_hand(&t.conn, CAO),
            on_hand(&t.conn, RUOU),
            on_hand(&t.conn, TUI)
        ),
        (23, 24, 5)
    );

    // Day 1: five sold, first expiry first: all of A0, then two of A1.
    let mut first = cart(&t.conn, "s1", CAO, 5, 1);
    let sold = sell(&mut t, &mut first, 1).unwrap();
    assert_eq!(
        (
            lot_qty(&t.conn, "A0"),
            lot_qty(&t.conn, "A1"),
            lot_qty(&t.conn, "A2")
        ),
        (0, 8, 10)
    );
    let mut wine = cart(&t.conn, "s2", RUOU, 3, 1);
    sell(&mut t, &mut wine, 1).unwrap();
    assert_eq!(lot_qty(&t.conn, "R1"), 21);

    // A refund of one goes back to the lot drawn last (A1).
    let request = refund::Request {
        refund_id: "r1".into(),
        original_receipt: sold.receipt_no,
        lines: vec![(1, Qty::ONE)],
        payout: Vec::new(),
        reason: "khách đổi ý".into(),
    };
    let ctx = sales::Context {
        point_code: "DN-01".into(),
        user: clerk,
        at: at(2, 9),
    };
    let approval = manager(&t.conn, at(2, 9));
    refund::refund(&mut t.conn, &request, &ctx, approval).unwrap();
    assert_eq!(lot_qty(&t.conn, "A1"), 9);

    // 25/11: A1 has expired. Selling skips it; picking it needs a manager.
    let mut fresh = cart(&t.conn, "s3", CAO, 2, 25);
    sell(&mut t, &mut fresh, 25).unwrap();
    assert_eq!((lot_qty(&t.conn, "A1"), lot_qty(&t.conn, "A2")), (9, 8));
    let mut picked = cart(&t.conn, "s4", CAO, 1, 25);
    picked.pick_lot(0, Some(lot_id(&t.conn, "A1"))).unwrap();
    let refused = sell(&mut t, &mut picked, 25).unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("lô A1 hết hạn ngày 20/11/2026"),
        "{refused}"
    );
    // Only expired goods left for the rest of a large sale: refused as well, nothing written.
    let mut too_many = cart(&t.conn, "s5", CAO, 9, 25);
    assert!(sell(&mut t, &mut too_many, 25).is_err());
    assert_eq!((lot_qty(&t.conn, "A1"), lot_qty(&t.conn, "A2")), (9, 8));
    picked
        .approve_expired(0, manager(&t.conn, at(25, 10)))
        .unwrap();
    let done = sell(&mut t, &mut picked, 25).unwrap();
    assert_eq!(lot_qty(&t.conn, "A1"), 8);
    let logged = audit::recent(&t.conn, 5).unwrap();
    assert!(
        logged
            .iter()
            .any(|e| e.action == "expired_lot_sale" && e.subject == done.receipt_no)
    );

    // Expiry lists on 25/11: A1 expired with 8; A2 expires within 200 days.
    let expired = lots::expired(&t.conn, date(2026, 11, 25)).unwrap();
    assert_eq!(
        expired
            .iter()
            .map(|l| (l.lot_no.as_str(), l.qty))
            .collect::<Vec<_>>(),
        [("A1", Qty::units(8))]
    );
    let soon = lots::expiring(&t.conn, date(2026, 11, 25), 200).unwrap();
    assert_eq!(
        soon.iter().map(|l| l.lot_no.as_str()).collect::<Vec<_>>(),
        ["A2"]
    );

    // 26/11: five expired go back to the producer; more than they have here is refused.
    let back = Return {
        producer_code: "HTX-DUCHUY".into(),
        lines: vec![(CAO.into(), Qty::units(5))],
        note: "hàng hết hạn".into(),
    };
    let ret = consignment::return_goods(&mut t.conn, &back, clerk, at(26, 9)).unwrap();
    assert_eq!(
        (ret.number.as_str(), ret.value),
        ("TKG-000001", Vnd(1_500_000))
    );
    assert_eq!(lot_qty(&t.conn, "A1"), 3);
    let greedy = Return {
        lines: vec![(CAO.into(), Qty::units(12))],
        ..back.clone()
    };
    let refused = consignment::return_goods(&mut t.conn, &greedy, clerk, at(26, 9)).unwrap_err();
    assert!(refused.to_string().contains("chỉ còn 11"), "{refused}");
    // Rượu is bought, not consigned: nothing of it can go back as consignment.
    let wrong = Return {
        lines: vec![(RUOU.into(), Qty::ONE)],
        ..back
    };
    assert!(consignment::return_goods(&mut t.conn, &wrong, clerk, at(26, 9)).is_err());

    // 27/11: one jar of A1 broke.
    let broken = Adjustment {
        reason: AdjustReason::Damaged,
        note: "vỡ lọ khi trưng bày".into(),
        changes: vec![Change {
            product: CAO.into(),
            qty: Qty::units(-1),
            lot_id: Some(lot_id(&t.conn, "A1")),
        }],
    };
    let approval = manager(&t.conn, at(27, 9));
    let adj = adjust::adjust(&mut t.conn, &broken, clerk, approval, at(27, 9));
    assert_eq!(adj.unwrap().value, Vnd(-300_000));
    assert_eq!((lot_qty(&t.conn, "A1"), on_hand(&t.conn, CAO)), (2, 10));

    // The statement for November 1–29: 7 sold net (5 − 1 + 2 + 1) at 300.000 ₫.
    let st = consignment::statement(&t.conn, "HTX-DUCHUY", date(2026, 11, 1), date(2026, 11, 29))
        .unwrap();
    assert_eq!(st.lines.len(), 1);
    let l = &st.lines[0];
    assert_eq!(
        (
            l.opening,
            l.received,
            l.sold,
            l.returned,
            l.shrinkage,
            l.transferred,
            l.closing
        ),
        (
            Qty(0),
            Qty::units(23),
            Qty::units(7),
            Qty::units(5),
            Qty::units(1),
            Qty(0),
            Qty::units(10)
        )
    );
    assert_eq!(
        (l.unit_price, l.amount, st.total),
        (Vnd(300_000), Vnd(2_100_000), Vnd(2_100_000))
    );
    // A later window starts from what was left.
    let later = consignment::statement(
        &t.conn,
        "HTX-DUCHUY",
        date(2026, 11, 26),
        date(2026, 11, 29),
    )
    .unwrap();
    assert_eq!(
        (later.lines[0].opening, later.total),
        (Qty::units(16), Vnd(0))
    );

    // Settle once; a running period or an overlapping one is refused.
    let approval = manager(&t.conn, at(30, 9));
    let running = consignment::settle(
        &mut t.conn,
        "HTX-DUCHUY",
        date(2026, 11, 1),
        date(2026, 11, 30),
        clerk,
        approval,
        at(30, 9),
    );
    assert!(running.unwrap_err().to_string().contains("trước hôm nay"));
    let (settled, stated) = consignment::settle(
        &mut t.conn,
        "HTX-DUCHUY",
        date(2026, 11, 1),
        date(2026, 11, 29),
        clerk,
        approval,
        at(30, 9),
    )
    .unwrap();
    assert_eq!(
        (settled.amount, stated.total),
        (Vnd(2_100_000), Vnd(2_100_000))
    );
    let overlap = consignment::settle(
        &mut t.conn,
        "HTX-DUCHUY",
        date(2026, 11, 20),
        date(2026, 11, 25),
        clerk,
        approval,
        at(30, 9),
    );
    assert!(
        overlap
            .unwrap_err()
            .to_string()
            .contains("đã được thanh toán")
    );
    assert_eq!(
        consignment::settlements(&t.conn, "HTX-DUCHUY")
            .unwrap()
            .len(),
        1
    );
    assert!(
        t.conn
            .execute("UPDATE consignment_settlements SET amount_vnd = 0", [])
            .is_err()
    );

    assert_eq!(check::run(&t.conn).unwrap(), Vec::<String>::new());
}
