//! The Stock take tab of the back office: a count opened for one producer, goods scanned one by
//! one and a count typed, the variances and their value on screen, posted into the stock.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/gui_till.rs"]
mod gui_till;
#[path = "common/office_goods.rs"]
mod office_goods;

use gui_till::Ui;
use ocop_pos::domain::money::Vnd;
use ocop_pos::gui::app::Message;
use ocop_pos::gui::keys::Press;
use ocop_pos::gui::office::{Msg, Tab, stocktake};
use office_goods::{CAOTOIDEN, TOIDEN, TOIDEN_BARCODE, days_ago, in_days, line, on_hand};

fn send(ui: &mut Ui, msg: stocktake::Msg) {
    ui.send(Message::Office(Msg::Stocktake(msg)));
}

#[test]
fn a_count_with_scans_and_a_typed_quantity_shows_its_variances_and_posts_them() {
    let mut ui = Ui::in_office();
    {
        let mut conn = ui.conn();
        office_goods::receive(
            &mut conn,
            "CTY-PHUSINH",
            false,
            vec![
                line(TOIDEN, 5, 250_000, "TD-01", in_days(200)),
                line(CAOTOIDEN, 4, 300_000, "CT-01", in_days(300)),
            ],
            days_ago(3),
        );
    }
    ui.send(Message::Office(Msg::Open(Tab::Stocktake)));

    // Nothing is counted before a count is open: the scan is refused with a reason.
    ui.scan(TOIDEN_BARCODE, false);
    assert!(
        ui.notice().contains("Chưa có phiếu kiểm kê đang mở"),
        "{}",
        ui.notice()
    );

    send(&mut ui, stocktake::Msg::Group("9".into()));
    ui.click("Mở phiếu kiểm kê");
    assert!(ui.notice().contains("không tồn tại"), "{}", ui.notice());
    assert_eq!(
        ui.count("SELECT COUNT(*) FROM documents WHERE kind = 'stocktake'"),
        0
    );

    send(&mut ui, stocktake::Msg::Group(String::new()));
    send(&mut ui, stocktake::Msg::Producer("cty-phusinh".into()));
    ui.click("Mở phiếu kiểm kê");
    assert!(
        ui.notice().starts_with("Đã mở phiếu kiểm kê KK-000001"),
        "{}",
        ui.notice()
    );
    let lines = ui.count(
        "SELECT COUNT(*) FROM document_lines l JOIN documents d ON d.id = l.document_id
         WHERE d.number = 'KK-000001'",
    );
    let phusinh = ui.count(
        "SELECT COUNT(*) FROM products p JOIN producers r ON r.id = p.producer_id
         WHERE r.code = 'CTY-PHUSINH' AND p.active = 1",
    );
    assert_eq!(lines, phusinh, "one line per product of the producer");

    for _ in 0..2 {
        ui.scan(TOIDEN_BARCODE, false);
    }
    // A scan while the code box has focus: counted, and taken out of the box again.
    send(&mut ui, stocktake::Msg::Code(TOIDEN_BARCODE.into()));
    assert!(ui.shows(TOIDEN_BARCODE));
    ui.scan(TOIDEN_BARCODE, true);
    assert!(!ui.shows(TOIDEN_BARCODE));
    assert!(ui.notice().contains("đã đếm 3"), "{}", ui.notice());
    send(&mut ui, stocktake::Msg::Code(CAOTOIDEN.into()));
    send(&mut ui, stocktake::Msg::Qty("6".into()));
    // Enter in the quantity box records it, once.
    ui.key_in(Press::Enter, true);
    assert!(ui.notice().contains("đã đếm 6"), "{}", ui.notice());
    ui.key_in(Press::Enter, true);
    assert!(ui.notice().contains("đã đếm 6"), "{}", ui.notice());

    // Variance × the lots' cost: 3 − 5 = −2 at 250.000 ₫, 6 − 4 = +2 at 300.000 ₫.
    let short = Vnd((3 - 5) * 250_000);
    let over = Vnd((6 - 4) * 300_000);
    let net = Vnd(short.0 + over.0);
    assert!(ui.shows(&format!("tồn 5 · đếm 3 · lệch -2 · giá trị {short}")));
    assert!(ui.shows(&format!("tồn 4 · đếm 6 · lệch 2 · giá trị {over}")));
    assert!(ui.shows(&format!(
        "Đã đếm 2/{lines} · Thiếu {short} · Thừa {over} · Chênh lệch ròng {net}"
    )));

    // A typed count below zero is refused, nothing changes.
    send(&mut ui, stocktake::Msg::Code(CAOTOIDEN.into()));
    send(&mut ui, stocktake::Msg::Qty("-1".into()));
    ui.click("Ghi số đếm");
    assert!(ui.notice().contains("không được âm"), "{}", ui.notice());

    ui.click("Ghi sổ kiểm kê");
    assert!(
        ui.notice().starts_with(&format!(
            "Đã ghi sổ phiếu kiểm kê KK-000001: 2 dòng đã đếm, 2 dòng chênh lệch, giá trị chênh lệch {net}"
        )),
        "{}",
        ui.notice()
    );
    let conn = ui.conn();
    assert_eq!(on_hand(&conn, TOIDEN), 3000);
    assert_eq!(on_hand(&conn, CAOTOIDEN), 6000);
    let moved = |code: &str| -> i64 {
        conn.query_row(
            "SELECT SUM(m.qty_milli) FROM stock_moves m JOIN products p ON p.id = m.product_id
             WHERE m.kind = 'count' AND p.code = ?1",
            [code],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!((moved(TOIDEN), moved(CAOTOIDEN)), (-2000, 2000));
    assert_eq!(
        ui.count("SELECT COUNT(*) FROM documents WHERE number = 'KK-000001' AND status = 'posted'"),
        1
    );
    assert_eq!(
        ui.count(
            "SELECT COUNT(*) FROM audit WHERE action = 'document_posted' AND subject = 'KK-000001'
             AND approved_by = (SELECT id FROM users WHERE name = 'admin')"
        ),
        1
    );
    assert!(
        !ui.shows("Ghi sổ kiểm kê"),
        "a posted count has no post button"
    );
    ui.scan(TOIDEN_BARCODE, false);
    assert!(
        ui.notice().contains("Chưa có phiếu kiểm kê đang mở"),
        "{}",
        ui.notice()
    );
    assert_eq!(on_hand(&conn, TOIDEN), 3000);
}

#[test]
fn a_count_can_be_cancelled_and_no_stock_moves() {
    let mut ui = Ui::in_office();
    {
        let mut conn = ui.conn();
        office_goods::receive(
            &mut conn,
            "CTY-PHUSINH",
            false,
            vec![line(TOIDEN, 5, 250_000, "TD-01", in_days(200))],
            days_ago(3),
        );
    }
    ui.send(Message::Office(Msg::Open(Tab::Stocktake)));
    send(&mut ui, stocktake::Msg::Search("toi den co don".into()));
    ui.click("Mở phiếu kiểm kê");
    ui.scan(TOIDEN_BARCODE, false);
    ui.click("Hủy phiếu");
    assert_eq!(ui.notice(), "Đã hủy phiếu kiểm kê KK-000001");
    assert_eq!(
        ui.count(
            "SELECT COUNT(*) FROM documents WHERE number = 'KK-000001' AND status = 'cancelled'"
        ),
        1
    );
    assert_eq!(
        ui.count("SELECT COUNT(*) FROM stock_moves WHERE kind = 'count'"),
        0
    );
    assert_eq!(on_hand(&ui.conn(), TOIDEN), 5000);
}
