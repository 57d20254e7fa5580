//! The Stock tab of the back office: on hand by product and by lot, low stock, expiring lots, a
//! product's moves, and an adjustment refused then posted and audited.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/gui_till.rs"]
mod gui_till;
#[path = "common/office_goods.rs"]
mod office_goods;

use gui_till::Ui;
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::qty::Qty;
use ocop_pos::domain::stock::AdjustReason;
use ocop_pos::gui::app::Message;
use ocop_pos::gui::office::{Msg, Tab, stock};
use ocop_pos::store::low_stock;
use office_goods::{CAOTOIDEN, TOIDEN, days_ago, in_days, line, on_hand};

fn send(ui: &mut Ui, msg: stock::Msg) {
    ui.send(Message::Office(Msg::Stock(msg)));
}

fn stocked() -> Ui {
    let ui = Ui::in_office();
    let mut conn = ui.conn();
    office_goods::receive(
        &mut conn,
        "CTY-PHUSINH",
        false,
        vec![
            line(TOIDEN, 3, 250_000, "TD-01", in_days(10)),
            line(TOIDEN, 2, 260_000, "TD-02", in_days(200)),
            line(CAOTOIDEN, 4, 300_000, "CT-01", in_days(300)),
        ],
        days_ago(3),
    );
    ui
}

#[test]
fn stock_by_product_and_lot_low_stock_and_expiring_lots_are_listed() {
    let mut ui = stocked();
    low_stock::set_reorder_level(&ui.conn(), TOIDEN, Some(Qty::units(6))).unwrap();
    ui.send(Message::Office(Msg::Open(Tab::Stock)));
    assert!(ui.shows("TOIDEN-CODON-PS-250 · Tỏi đen cô đơn Phú Sinh hộp 250 g"));
    assert!(ui.shows("5 hộp"));
    assert!(ui.shows("2 lô"));
    assert!(ui.shows("CAOTOIDEN-PS-100 · Cao tỏi đen Phú Sinh lọ 100 g"));

    // Search ignores diacritics and finds products without stock too.
    send(&mut ui, stock::Msg::Query("toi den dori".into()));
    send(&mut ui, stock::Msg::Search);
    assert!(ui.shows("TOIDEN-DORI-200 · Tỏi đen Lý Sơn DORI hộp 200 g"));
    assert!(ui.shows("0 hộp"));
    assert!(!ui.shows("CAOTOIDEN-PS-100 · Cao tỏi đen Phú Sinh lọ 100 g"));

    send(&mut ui, stock::Msg::Pick(TOIDEN.into()));
    assert!(ui.shows("Tồn kho: 5 hộp"));
    let lot1 = ui.count("SELECT id FROM lots WHERE lot_no = 'TD-01'");
    let expiry = in_days(10).format("%d/%m/%Y");
    assert!(ui.shows(&format!(
        "#{lot1} TOIDEN-CODON-PS-250 · Tỏi đen cô đơn Phú Sinh hộp 250 g · lô TD-01 · HSD {expiry} · 3 · hàng mua · CTY-PHUSINH"
    )));

    ui.click("Sắp hết hàng");
    assert!(ui.shows(
        "TOIDEN-CODON-PS-250 · Tỏi đen cô đơn Phú Sinh hộp 250 g · tồn 5 hộp · tối thiểu 6 · 0/ngày · đủ bán không bán"
    ));

    ui.click("Hạn sử dụng");
    send(&mut ui, stock::Msg::Days("30".into()));
    send(&mut ui, stock::Msg::LoadExpiry);
    assert!(ui.shows(&format!(
        "TOIDEN-CODON-PS-250 · Tỏi đen cô đơn Phú Sinh hộp 250 g · lô TD-01 · HSD {expiry} · 3 · hàng mua · CTY-PHUSINH"
    )));
    assert!(!ui.shows(&format!(
        "TOIDEN-CODON-PS-250 · Tỏi đen cô đơn Phú Sinh hộp 250 g · lô TD-02 · HSD {} · 2 · hàng mua · CTY-PHUSINH",
        in_days(200).format("%d/%m/%Y")
    )));
    send(&mut ui, stock::Msg::Days("ba mươi".into()));
    send(&mut ui, stock::Msg::LoadExpiry);
    assert!(
        ui.notice().contains("Số ngày \"ba mươi\" không hợp lệ"),
        "{}",
        ui.notice()
    );
}

#[test]
fn an_adjustment_is_refused_when_its_reason_cannot_add_then_posted_and_audited() {
    let mut ui = stocked();
    ui.send(Message::Office(Msg::Open(Tab::Stock)));
    send(&mut ui, stock::Msg::Pick(TOIDEN.into()));

    send(&mut ui, stock::Msg::AdjustQty("-1".into()));
    ui.click("Ghi điều chỉnh");
    assert!(
        ui.notice().contains("Chọn lý do điều chỉnh"),
        "{}",
        ui.notice()
    );

    ui.click(AdjustReason::Damaged.label_vi());
    send(&mut ui, stock::Msg::AdjustQty("2".into()));
    ui.click("Ghi điều chỉnh");
    assert!(
        ui.notice().contains("chỉ làm giảm tồn kho: hãy nhập số âm"),
        "{}",
        ui.notice()
    );
    assert_eq!(
        ui.count("SELECT COUNT(*) FROM documents WHERE kind = 'adjust'"),
        0
    );
    assert_eq!(on_hand(&ui.conn(), TOIDEN), 5000);

    send(&mut ui, stock::Msg::AdjustQty("-2".into()));
    send(
        &mut ui,
        stock::Msg::AdjustNote("rơi vỡ khi trưng bày".into()),
    );
    ui.click("TD-02");
    ui.click("Ghi điều chỉnh");
    let value = Vnd(-2 * 260_000);
    assert_eq!(
        ui.notice(),
        format!("Đã ghi sổ điều chỉnh DC-000001: số lượng -2, giá trị {value}")
    );
    let conn = ui.conn();
    assert_eq!(on_hand(&conn, TOIDEN), 3000);
    assert_eq!(
        ui.count("SELECT qty_milli FROM lots WHERE lot_no = 'TD-02'"),
        0
    );
    assert_eq!(
        ui.count("SELECT qty_milli FROM lots WHERE lot_no = 'TD-01'"),
        3000
    );
    let (action, approved, detail): (String, i64, String) = conn
        .query_row(
            "SELECT action, approved_by, detail FROM audit WHERE subject = 'DC-000001'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(action, "stock_adjust");
    assert_eq!(approved, office_goods::admin(&conn).0);
    assert!(
        detail.contains("hư hỏng") && detail.contains("rơi vỡ khi trưng bày"),
        "{detail}"
    );
    // The moves on screen now start with the adjustment.
    assert!(ui.shows("Tồn kho: 3 hộp"));
    let adjusted = conn
        .query_row(
            "SELECT created_at FROM stock_moves WHERE kind = 'adjust'",
            [],
            |r| r.get::<_, String>(0),
        )
        .unwrap();
    assert!(ui.shows(&format!(
        "{} · adjust · -2 · DC-000001 · lô TD-02 · hư hỏng",
        adjusted[..16].replace('T', " ")
    )));
    // The English switch reaches the tab.
    ui.send(Message::SwitchLanguage);
    assert!(ui.shows("On hand: 3 hộp"));
    assert!(ui.shows("Post adjustment"));
}
