//! Bad deliveries and adjustments write nothing: herbal goods without expiry, another producer's
//! product, goods expired on arrival, an unknown producer, fractional or zero quantities and bad CSV
//! rows are refused by line; a draft is posted once and a delivery note comes in once; a loss
//! cannot add stock and unknown lots are refused in adjustments and sales.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::qty::Qty;
use ocop_pos::domain::stock::AdjustReason;
use ocop_pos::store::adjust::{self, Adjustment, Change};
use ocop_pos::store::check;
use ocop_pos::store::receiving;

use common::receiving_till::{
    CAO, RUOU, TUI, at, cart, count, date, delivery, line, lot_qty, manager, on_hand, sell, till,
};

#[test]
fn bad_deliveries_write_nothing() {
    let mut t = till();
    let clerk = t.clerk;
    let before = (
        count(&t.conn, "documents"),
        count(&t.conn, "lots"),
        count(&t.conn, "stock_moves"),
    );
    // Herbal goods without an expiry date, and a product of another producer.
    let bad = delivery(
        true,
        "HTX-DUCHUY",
        "GH-9",
        vec![
            line(CAO, 2, 300_000, "B1", None),
            line(TUI, 1, 300_000, "", None),
            line("KHONG-CO", 1, 1, "", None),
        ],
    );
    let err = receiving::receive(&mut t.conn, &bad, clerk, at(1, 8)).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("tệp có 3 lỗi") && text.contains("cần hạn sử dụng"),
        "{text}"
    );
    // Expired on arrival.
    let stale = delivery(
        false,
        "HTX-DUCHUY",
        "",
        vec![line(RUOU, 1, 1, "X", Some(date(2026, 10, 1)))],
    );
    assert!(
        receiving::receive(&mut t.conn, &stale, clerk, at(1, 8))
            .unwrap_err()
            .to_string()
            .contains("đã hết hạn")
    );
    // Unknown producer, fractional bottles, zero quantity.
    let nobody = delivery(false, "KHONG-CO", "", vec![line(TUI, 1, 1, "", None)]);
    assert!(receiving::receive(&mut t.conn, &nobody, clerk, at(1, 8)).is_err());
    let mut half = line(TUI, 1, 1, "", None);
    half.qty = Qty(500);
    let halves = delivery(false, "HTX-ZARA", "", vec![half]);
    assert!(
        receiving::receive(&mut t.conn, &halves, clerk, at(1, 8))
            .unwrap_err()
            .to_string()
            .contains("số nguyên")
    );
    assert_eq!(
        before,
        (
            count(&t.conn, "documents"),
            count(&t.conn, "lots"),
            count(&t.conn, "stock_moves")
        )
    );

    // A CSV with bad rows names each and writes nothing.
    let csv = "product,qty,unit_cost,lot_no,expiry\n\
               DS-RUOU-DUCHUY-500,6,160.000,R7,31/12/2027\n\
               DS-RUOU-DUCHUY-500,-2,160000,R7,2027-12-31\n\
               DS-RUOU-DUCHUY-500,1,abc,R7,2027-12-31\n\
               DS-RUOU-DUCHUY-500,1,1,R7,31-12-2027\n";
    let err = receiving::parse_csv(csv.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(err.contains("3 lỗi") && err.contains("dòng 3"), "{err}");
    let good = receiving::parse_csv(&csv.as_bytes()[..csv.find("DS-RUOU-DUCHUY-500,-2").unwrap()])
        .unwrap();
    assert_eq!(good.len(), 1);
    assert_eq!(
        (good[0].line, good[0].qty, good[0].unit_cost),
        (2, Qty::units(6), Vnd(160_000))
    );
    assert_eq!(good[0].expiry, Some(date(2027, 12, 31)));
    assert!(
        receiving::parse_csv("product,qty\nX,1\n".as_bytes())
            .unwrap_err()
            .to_string()
            .contains("unit_cost")
    );
    assert!(
        receiving::parse_csv(b"product,qty,unit_cost,colour\n")
            .unwrap_err()
            .to_string()
            .contains("colour")
    );
    assert!(receiving::parse_csv(b"\xff\xfep\x00").is_err());

    // A draft is posted once; the delivery note cannot come in twice; posted documents are frozen.
    let ok = delivery(false, "HTX-DUCHUY", "GH-100", good);
    let draft = receiving::draft(&mut t.conn, &ok, clerk, at(1, 9)).unwrap();
    assert_eq!(on_hand(&t.conn, RUOU), 0);
    receiving::post(&mut t.conn, &draft.number, clerk, at(1, 9)).unwrap();
    assert_eq!(on_hand(&t.conn, RUOU), 6);
    let twice = receiving::post(&mut t.conn, &draft.number, clerk, at(1, 9)).unwrap_err();
    assert!(twice.to_string().contains("đã ghi sổ"), "{twice}");
    let again = receiving::receive(&mut t.conn, &ok, clerk, at(1, 9)).unwrap_err();
    assert!(
        again.to_string().contains("GH-100") && again.to_string().contains("PN-000001"),
        "{again}"
    );
    assert_eq!(on_hand(&t.conn, RUOU), 6);
    assert!(
        t.conn
            .execute("UPDATE document_lines SET qty_milli = 1", [])
            .is_err()
    );
    assert!(t.conn.execute("DELETE FROM documents", []).is_err());

    // Adjustments: a loss cannot add stock, a correction can; both need a manager.
    let approval = manager(&t.conn, at(1, 10));
    let wrong_way = Adjustment {
        reason: AdjustReason::Lost,
        note: String::new(),
        changes: vec![Change {
            product: RUOU.into(),
            qty: Qty::units(2),
            lot_id: None,
        }],
    };
    assert!(adjust::adjust(&mut t.conn, &wrong_way, clerk, approval, at(1, 10)).is_err());
    let unknown_lot = Adjustment {
        reason: AdjustReason::Damaged,
        note: String::new(),
        changes: vec![Change {
            product: RUOU.into(),
            qty: Qty::units(-1),
            lot_id: Some(9_999),
        }],
    };
    let err = adjust::adjust(&mut t.conn, &unknown_lot, clerk, approval, at(1, 10)).unwrap_err();
    assert!(err.to_string().contains("lô 9999 không thuộc"), "{err}");
    let mut picked = cart(&t.conn, "s-unknown-lot", RUOU, 1, 1);
    picked.pick_lot(0, Some(9_999)).unwrap();
    let err = sell(&mut t, &mut picked, 1).unwrap_err();
    assert!(err.to_string().contains("lô đã chọn không thuộc"), "{err}");
    assert_eq!(on_hand(&t.conn, RUOU), 6);
    let found = Adjustment {
        reason: AdjustReason::Correction,
        ..wrong_way
    };
    let posted = adjust::adjust(&mut t.conn, &found, clerk, approval, at(1, 10)).unwrap();
    assert_eq!(
        (posted.number.as_str(), posted.value),
        ("DC-000001", Vnd(320_000))
    );
    assert_eq!((on_hand(&t.conn, RUOU), lot_qty(&t.conn, "R7")), (8, 8));
    assert_eq!(check::run(&t.conn).unwrap(), Vec::<String>::new());
}
