//! A month at a Đà Nẵng OCOP centre and its hotel booth: bought and consigned goods come in with
//! lots, sales draw first-expiry-first-out, an expired lot is refused, a stock take runs while the
//! counter sells, goods go to the booth and arrive there, expired goods go back to the producer and
//! the producer's consignment is settled. Every figure is asserted exactly, and both tills pass
//! `check` at the end.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use ocop_pos::domain::barcode::BarcodeRules;
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::qty::Qty;
use ocop_pos::store::consignment::{self, Return};
use ocop_pos::store::stocktake::{self, Entry, Filter};
use ocop_pos::store::transfer::{self, OutLine};
use ocop_pos::store::{check, report, summary};

use common::month_till::{CAO, RUOU, Till, at, date, incoming, receive};

#[test]
fn a_month_at_a_centre_and_its_booth_adds_up_to_the_dong() {
    let mut centre = Till::new("DN-01");
    let mut booth = Till::new("DN-BOOTH");

    // 2 November: the month's deliveries, then the first day of selling.
    centre.open_shift(2);
    let bought = vec![incoming(RUOU, 24, 160_000, "R1", date(2028, 1, 1))];
    assert_eq!(receive(&mut centre, false, "GH-01", bought, 2), "PN-000001");
    let consigned = vec![
        incoming(CAO, 10, 300_000, "A1", date(2026, 11, 20)),
        incoming(CAO, 10, 300_000, "A2", date(2027, 6, 30)),
    ];
    assert_eq!(
        receive(&mut centre, true, "GH-02", consigned, 2),
        "KG-000001"
    );
    centre.sell_now("d2-1", CAO, 3, Method::Cash, at(2, 9, 0));
    centre.sell_now("d2-2", RUOU, 2, Method::Card, at(2, 10, 0));
    assert_eq!(
        (centre.lot("A1"), centre.lot("A2"), centre.lot("R1")),
        (7, 10, 22)
    );
    // Float 1.000.000 + cash 1.350.000; the card payment is not in the drawer.
    assert_eq!(centre.close_day(2, 2_350_000), (Vnd(2_350_000), Vnd(0)));
    let day2 = summary::latest(&centre.conn, "DN-01", date(2026, 11, 2))
        .unwrap()
        .unwrap();
    assert_eq!(
        (day2.revision, day2.receipts, day2.net_vnd),
        (1, 2, Vnd(1_850_000))
    );
    assert_eq!(
        day2.net_vnd,
        report::day(&centre.conn, date(2026, 11, 2))
            .unwrap()
            .net_vnd
    );

    // 5 November: eight jars sold first-expiry-first-out across A1 and A2.
    centre.open_shift(5);
    centre.sell_now("d5-1", CAO, 8, Method::Cash, at(5, 9, 0));
    assert_eq!((centre.lot("A1"), centre.lot("A2")), (0, 9));
    // A stock take of the producer's goods while the counter keeps selling.
    let approval = centre.manager(at(5, 12, 0));
    let filter = Filter {
        producer: Some("HTX-DUCHUY".into()),
        ..Filter::default()
    };
    let opened =
        stocktake::open(&mut centre.conn, &filter, Some(centre.clerk), at(5, 10, 0)).unwrap();
    let kk = opened.header.number.clone();
    centre.sell_now("d5-2", RUOU, 1, Method::Cash, at(5, 10, 15));
    let rules = BarcodeRules::default();
    stocktake::count(
        &mut centre.conn,
        &kk,
        RUOU,
        Entry::Set(Qty::units(20)),
        &rules,
        at(5, 10, 30),
    )
    .unwrap();
    centre.sell_now("d5-3", RUOU, 1, Method::Cash, at(5, 11, 0));
    for _ in 0..9 {
        stocktake::count(
            &mut centre.conn,
            &kk,
            "2900000000018",
            Entry::Scan,
            &rules,
            at(5, 11, 30),
        )
        .unwrap();
    }
    let shown = stocktake::show(&centre.conn, &kk).unwrap();
    let ruou = shown.lines.iter().find(|l| l.product_code == RUOU).unwrap();
    // 22 on hand at opening, one sold before counting: 21 there, 20 counted.
    assert_eq!(ruou.variance, Some(Qty::units(-1)));
    assert_eq!(ruou.variance_value, Some(Vnd(-160_000)));
    let cao = shown.lines.iter().find(|l| l.product_code == CAO).unwrap();
    assert_eq!(
        (cao.counted, cao.variance),
        (Some(Qty::units(9)), Some(Qty(0)))
    );
    stocktake::post(
        &mut centre.conn,
        &kk,
        &approval,
        Some(centre.clerk),
        at(5, 12, 0),
    )
    .unwrap();
    // Counted 20, one sold after counting.
    assert_eq!((centre.on_hand(RUOU), centre.on_hand(CAO)), (19, 9));
    let twice = stocktake::post(
        &mut centre.conn,
        &kk,
        &approval,
        Some(centre.clerk),
        at(5, 12, 5),
    );
    assert!(twice.is_err());
    // Cash: 3.600.000 + 2 × 250.000 on a 1.000.000 float; the clerk is 20.000 ₫ short.
    assert_eq!(
        centre.close_day(5, 5_080_000),
        (Vnd(5_100_000), Vnd(-20_000))
    );

    // 10 November: goods for the hotel booth, drawn from unexpired lots.
    let lines = vec![
        OutLine {
            line: 2,
            product_code: CAO.into(),
            qty: Qty::units(3),
            lot_id: None,
        },
        OutLine {
            line: 3,
            product_code: RUOU.into(),
            qty: Qty::units(4),
            lot_id: None,
        },
    ];
    let file = transfer::send(
        &mut centre.conn,
        "DN-BOOTH",
        &lines,
        Some(centre.clerk),
        at(10, 8, 0),
    )
    .unwrap();
    assert_eq!(file.code, "DN-01-XC-000001");
    assert_eq!((centre.lot("A2"), centre.lot("R1")), (6, 15));
    let transit = transfer::in_transit(&centre.conn).unwrap();
    assert_eq!(transit.len(), 1);
    assert_eq!(transit[0].lines.iter().map(|l| l.qty.0).sum::<i64>(), 7_000);
    // The booth receives it once; its lots keep their numbers, expiry and owner.
    let received =
        transfer::receive(&mut booth.conn, &file, Some(booth.clerk), at(10, 14, 0)).unwrap();
    assert_eq!(received.lines, 2);
    assert!(transfer::receive(&mut booth.conn, &file, Some(booth.clerk), at(10, 14, 5)).is_err());
    assert_eq!((booth.on_hand(CAO), booth.on_hand(RUOU)), (3, 4));
    let owner: String = booth
        .conn
        .query_row("SELECT owner FROM lots WHERE lot_no = 'A2'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(owner, "consigned");
    booth.open_shift(10);
    booth.sell_now("b10-1", CAO, 1, Method::Vietqr, at(10, 16, 0));
    assert_eq!(booth.close_day(10, 1_000_000), (Vnd(1_000_000), Vnd(0)));
    transfer::mark_delivered(&centre.conn, &file.code, at(10, 15, 0)).unwrap();
    assert!(transfer::in_transit(&centre.conn).unwrap().is_empty());

    // 12 November: a short-dated lot arrives.
    let short = vec![incoming(CAO, 2, 300_000, "A3", date(2026, 11, 21))];
    assert_eq!(receive(&mut centre, true, "GH-03", short, 12), "KG-000002");

    // 22 November: A3 has expired. First-expiry-first-out skips it; picking it needs a manager.
    centre.open_shift(22);
    centre.sell_now("d22-1", CAO, 1, Method::Cash, at(22, 9, 0));
    assert_eq!((centre.lot("A2"), centre.lot("A3")), (5, 2));
    let a3: i64 = centre
        .conn
        .query_row("SELECT id FROM lots WHERE lot_no = 'A3'", [], |r| r.get(0))
        .unwrap();
    let mut picked = centre.cart("d22-2", CAO, 1, 22);
    picked.pick_lot(0, Some(a3)).unwrap();
    let refused = centre
        .sell(&mut picked, Method::Cash, at(22, 10, 0))
        .unwrap_err();
    assert!(refused.to_string().contains("hết hạn"), "{refused}");
    assert_eq!(centre.lot("A3"), 2);
    picked
        .approve_expired(0, centre.manager(at(22, 10, 0)))
        .unwrap();
    centre
        .sell(&mut picked, Method::Cash, at(22, 10, 0))
        .unwrap();
    assert_eq!(centre.lot("A3"), 1);
    assert_eq!(centre.close_day(22, 1_900_000), (Vnd(1_900_000), Vnd(0)));

    // 25 November: the expired jar goes back to the producer (earliest expiry first).
    let back = Return {
        producer_code: "HTX-DUCHUY".into(),
        lines: vec![(CAO.into(), Qty::ONE)],
        note: "hết hạn".into(),
    };
    consignment::return_goods(&mut centre.conn, &back, centre.clerk, at(25, 9, 0)).unwrap();
    assert_eq!(
        (centre.lot("A3"), centre.lot("A2"), centre.on_hand(CAO)),
        (0, 5, 5)
    );

    // 30 November: the producer's statement for 1–29 November, then settled.
    let st = consignment::statement(
        &centre.conn,
        "HTX-DUCHUY",
        date(2026, 11, 1),
        date(2026, 11, 29),
    )
    .unwrap();
    assert_eq!(st.lines.len(), 1);
    let l = &st.lines[0];
    // Sold 3 + 8 + 1 + 1; received 10 + 10 + 2; 3 sent to the booth; 1 returned.
    assert_eq!(
        (
            l.received,
            l.sold,
            l.returned,
            l.transferred,
            l.shrinkage,
            l.closing
        ),
        (
            Qty::units(22),
            Qty::units(13),
            Qty::ONE,
            Qty::units(3),
            Qty(0),
            Qty::units(5)
        )
    );
    assert_eq!(st.total, Vnd(3_900_000));
    let approval = centre.manager(at(30, 9, 0));
    let clerk = centre.clerk;
    let (settled, _) = consignment::settle(
        &mut centre.conn,
        "HTX-DUCHUY",
        date(2026, 11, 1),
        date(2026, 11, 29),
        clerk,
        approval,
        at(30, 9, 0),
    )
    .unwrap();
    assert_eq!(settled.amount, Vnd(3_900_000));
    // The booth owes the producer for its own sale of consigned goods: 1 × 300.000 ₫.
    let booth_st = consignment::statement(
        &booth.conn,
        "HTX-DUCHUY",
        date(2026, 11, 1),
        date(2026, 11, 29),
    )
    .unwrap();
    assert_eq!(booth_st.total, Vnd(300_000));

    // The month in the centre's books: four days of sales, each summarised once.
    let month: Vec<_> = [2, 5, 22]
        .iter()
        .map(|&d| {
            summary::latest(&centre.conn, "DN-01", date(2026, 11, d))
                .unwrap()
                .unwrap()
        })
        .collect();
    assert_eq!(
        month
            .iter()
            .map(|s| (s.revision, s.net_vnd))
            .collect::<Vec<_>>(),
        [(1, Vnd(1_850_000)), (1, Vnd(4_100_000)), (1, Vnd(900_000))]
    );
    assert_eq!(centre.on_hand(RUOU), 15);
    assert_eq!(check::run(&centre.conn).unwrap(), Vec::<String>::new());
    assert_eq!(check::run(&booth.conn).unwrap(), Vec::<String>::new());
    // And as a manager would run it, through the binary.
    let out = common::ok(centre.dir.path(), &["check"], "");
    assert!(out.contains("ổn định"), "{out}");
}
