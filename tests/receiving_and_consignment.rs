//! Goods come in bought or on consignment with lots; sales draw first-expiry-first-out; expired lots
//! need a manager; refunds go back to their lots; adjustments and returns are approved documents;
//! a consignment statement owes exactly the agreed price of what sold, and a period settles once.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use chrono::{DateTime, FixedOffset, NaiveDate};
use ocop_pos::domain::auth::{Approval, Role, UserId};
use ocop_pos::domain::barcode::BarcodeRules;
use ocop_pos::domain::cart::Cart;
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::qty::Qty;
use ocop_pos::domain::stock::AdjustReason;
use ocop_pos::setup::{self, FirstRun};
use ocop_pos::store::adjust::{self, Adjustment, Change};
use ocop_pos::store::consignment::{self, Return};
use ocop_pos::store::receiving::{self, Delivery, Incoming};
use ocop_pos::store::settings::PointProfile;
use ocop_pos::store::users::LockoutPolicy;
use ocop_pos::store::{self, audit, catalog, check, lots, refund, sales, shifts, stock, users};
use rusqlite::Connection;

const CAO: &str = "DS-CAO-DUCHUY-100"; // herbal (group 3), producer HTX-DUCHUY, 450.000 ₫
const RUOU: &str = "DS-RUOU-DUCHUY-500"; // drink (group 2), same producer, 250.000 ₫
const TUI: &str = "TUI-ADHIR-ZARA-L"; // brocade bag (group 4), HTX-ZARA: no lot needed

fn at(day: u32, hour: u32) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2026-11-{day:02}T{hour:02}:00:00+07:00")).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

struct Till {
    _dir: tempfile::TempDir,
    conn: Connection,
    clerk: UserId,
}

fn till() -> Till {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = store::open(&dir.path().join("till.db")).unwrap();
    let point = PointProfile {
        code: "DN-01".into(),
        name: "Trung tâm OCOP Đà Nẵng".into(),
        ..Default::default()
    };
    let first = FirstRun {
        point,
        admin_name: "admin".into(),
        admin_pin: "9999".into(),
        sample: true,
    };
    setup::first_run(&mut conn, &first, at(1, 7)).unwrap();
    let clerk = users::add(&conn, "Lan", Role::Clerk, "2468", None, at(1, 7)).unwrap();
    users::add(&conn, "Minh", Role::Manager, "1357", None, at(1, 7)).unwrap();
    let opening = shifts::Opening {
        point_code: "DN-01".into(),
        user: clerk,
        float: Vnd(0),
        at: at(1, 7),
    };
    shifts::open(&mut conn, &opening).unwrap();
    Till {
        _dir: dir,
        conn,
        clerk,
    }
}

fn manager(conn: &Connection, when: DateTime<FixedOffset>) -> Approval {
    users::approve(conn, "Minh", "1357", LockoutPolicy::default(), when).unwrap()
}

fn line(product: &str, qty: i64, cost: i64, lot: &str, expiry: Option<NaiveDate>) -> Incoming {
    Incoming {
        line: 0,
        product: product.into(),
        qty: Qty::units(qty),
        unit_cost: Vnd(cost),
        lot_no: lot.into(),
        expiry,
    }
}

fn delivery(consigned: bool, producer: &str, note: &str, lines: Vec<Incoming>) -> Delivery {
    Delivery {
        consigned,
        producer_code: producer.into(),
        delivery_note: note.into(),
        note: String::new(),
        lines,
    }
}

fn product_id(conn: &Connection, code: &str) -> i64 {
    conn.query_row("SELECT id FROM products WHERE code = ?1", [code], |r| {
        r.get(0)
    })
    .unwrap()
}

fn lot_id(conn: &Connection, lot_no: &str) -> i64 {
    conn.query_row("SELECT id FROM lots WHERE lot_no = ?1", [lot_no], |r| {
        r.get(0)
    })
    .unwrap()
}

fn lot_qty(conn: &Connection, lot_no: &str) -> i64 {
    let milli: i64 = conn
        .query_row(
            "SELECT qty_milli FROM lots WHERE lot_no = ?1",
            [lot_no],
            |r| r.get(0),
        )
        .unwrap();
    milli / 1000
}

fn on_hand(conn: &Connection, code: &str) -> i64 {
    stock::on_hand(conn, product_id(conn, code)).unwrap().0 / 1000
}

fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// A cart of `qty` of `code`, paid in cash, optionally from a picked lot with a manager's approval.
fn cart(conn: &Connection, id: &str, code: &str, qty: i64, day: u32) -> Cart {
    let found =
        catalog::resolve(conn, code, &BarcodeRules::default(), date(2026, 11, day)).unwrap();
    let mut cart = Cart::new(id.into());
    cart.add(found.item, Qty::units(qty), code).unwrap();
    cart
}

fn sell(t: &mut Till, cart: &mut Cart, day: u32) -> Result<sales::Completed, store::Error> {
    cart.clear_payments();
    cart.pay(Method::Cash, None).unwrap();
    let ctx = sales::Context {
        point_code: "DN-01".into(),
        user: t.clerk,
        at: at(day, 10),
    };
    sales::complete(&mut t.conn, cart, &ctx)
}

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
