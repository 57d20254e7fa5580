//! The receiving tab of the back office, driven through the real window over a real database:
//! consigned goods scanned in (each scan one more), quantities edited, the store's refusal of
//! herbal goods without lot and expiry shown, then posted; the document, its lots and the stock
//! checked in the database. A draft is saved and cancelled.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/gui_till.rs"]
mod gui_till;

use gui_till::Ui;
use ocop_pos::gui::app::Message;
use ocop_pos::gui::office::receiving::Msg as R;
use ocop_pos::gui::office::{Msg, Tab};

const CAO: &str = "2900000000018"; // Cao đảng sâm Tây Giang lọ 100 g, herbal (group 3), HTX-DUCHUY
const RUOU: &str = "2900000000025"; // Rượu đảng sâm Đức Huy chai 500 ml, drink (group 2), HTX-DUCHUY
const TUI: &str = "2900000000117"; // Túi xách thổ cẩm, handicraft (group 4), HTX-ZARA

fn send(ui: &mut Ui, msg: R) {
    ui.send(Message::Office(Msg::Receiving(msg)));
}

fn on_hand(ui: &Ui, code: &str) -> i64 {
    ui.count(&format!(
        "SELECT COALESCE((SELECT s.qty_milli FROM stock s JOIN products p ON p.id = s.product_id
                          WHERE p.code = '{code}'), 0)"
    ))
}

#[test]
fn consigned_goods_are_scanned_in_with_lots_and_posted() {
    let mut ui = Ui::in_office();
    ui.click(Tab::Receiving.label(ocop_pos::gui::i18n::Lang::Vi));
    assert!(ui.shows("Phiếu gần đây"), "{}", ui.notice());
    let cao_before = on_hand(&ui, "DS-CAO-DUCHUY-100");
    let ruou_before = on_hand(&ui, "DS-RUOU-DUCHUY-500");
    ui.click("Hàng ký gửi");

    for _ in 0..3 {
        ui.scan(CAO, false);
    }
    assert_eq!(ui.notice(), "Cao đảng sâm Tây Giang lọ 100 g: 3");
    ui.scan(RUOU, false);
    assert_eq!(ui.notice(), "Rượu đảng sâm Đức Huy chai 500 ml: 1");
    assert!(ui.shows("2 dòng · số lượng 4 · giá trị 0\u{a0}₫"));
    // A product of another producer is not mixed into the document.
    ui.scan(TUI, false);
    assert!(
        ui.notice().contains("không thêm vào phiếu"),
        "{}",
        ui.notice()
    );

    send(&mut ui, R::Qty(1, "5".into()));
    send(&mut ui, R::Cost(0, "300.000".into()));
    send(&mut ui, R::Cost(1, "180000".into()));
    assert!(ui.shows("2 dòng · số lượng 8 · giá trị 1.800.000\u{a0}₫"));

    // Herbal and drink goods need a lot and an expiry: the store refuses, nothing is written.
    ui.click("Ghi sổ nhập kho");
    assert_eq!(
        ui.notice(),
        "Chưa ghi gì, 4 lỗi; đầu tiên: dòng 1: \"Cao đảng sâm Tây Giang lọ 100 g\" là thực phẩm/đồ uống/dược liệu: cần số lô"
    );
    assert!(ui.shows(
        "dòng 2: \"Rượu đảng sâm Đức Huy chai 500 ml\" là thực phẩm/đồ uống/dược liệu: cần hạn sử dụng"
    ));
    assert_eq!(ui.count("SELECT COUNT(*) FROM documents"), 0);

    send(&mut ui, R::Lot(0, "CAO-2611".into()));
    send(&mut ui, R::Expiry(0, "30/06/2027".into()));
    send(&mut ui, R::Lot(1, "RUOU-07".into()));
    send(&mut ui, R::Expiry(1, "31/13/2027".into()));
    ui.click("Ghi sổ nhập kho");
    assert_eq!(
        ui.notice(),
        "dòng 2 (Rượu đảng sâm Đức Huy chai 500 ml): hạn sử dụng \"31/13/2027\" không phải ngày hợp lệ (ngày/tháng/năm)"
    );
    send(&mut ui, R::Expiry(1, "2027-12-31".into()));
    ui.click("Ghi sổ nhập kho");
    assert_eq!(
        ui.notice(),
        "Đã ghi sổ phiếu KG-000001: 2 dòng, số lượng 8, giá trị 1.800.000\u{a0}₫"
    );
    assert!(ui.shows("KG-000001"));
    assert!(ui.shows("Đã ghi sổ"));

    let doc: (String, String, String) = ui
        .conn()
        .query_row(
            "SELECT d.kind, d.status, pr.code FROM documents d JOIN producers pr ON pr.id = d.producer_id
             WHERE d.number = 'KG-000001'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        doc,
        ("consign_in".into(), "posted".into(), "HTX-DUCHUY".into())
    );
    let lots: Vec<(String, String, String, i64, i64)> = ui
        .conn()
        .prepare(
            "SELECT p.code, l.lot_no, l.expiry, l.qty_milli, l.unit_cost_vnd FROM lots l
             JOIN products p ON p.id = l.product_id WHERE l.owner = 'consigned' ORDER BY p.code",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        lots,
        vec![
            (
                "DS-CAO-DUCHUY-100".into(),
                "CAO-2611".into(),
                "2027-06-30".into(),
                3000,
                300_000
            ),
            (
                "DS-RUOU-DUCHUY-500".into(),
                "RUOU-07".into(),
                "2027-12-31".into(),
                5000,
                180_000
            ),
        ]
    );
    assert_eq!(on_hand(&ui, "DS-CAO-DUCHUY-100"), cao_before + 3000);
    assert_eq!(on_hand(&ui, "DS-RUOU-DUCHUY-500"), ruou_before + 5000);
    assert_eq!(
        ui.count(
            "SELECT COUNT(*) FROM audit WHERE action = 'document_posted' AND subject = 'KG-000001'"
        ),
        1
    );
}

#[test]
fn a_bought_draft_is_saved_reopened_posted_and_another_cancelled() {
    let mut ui = Ui::in_office();
    ui.click(Tab::Receiving.label(ocop_pos::gui::i18n::Lang::Vi));
    let before = on_hand(&ui, "TUI-ADHIR-ZARA-L");
    ui.scan(TUI, false);
    ui.scan(TUI, false);
    send(&mut ui, R::Cost(0, "250000".into()));
    send(&mut ui, R::DeliveryNote("GH-15".into()));
    ui.click("Lưu nháp");
    assert_eq!(ui.notice(), "Đã lưu phiếu nháp PN-000001");
    assert!(ui.shows("Nháp"));
    assert!(ui.shows("2 · 500.000\u{a0}₫"));
    assert_eq!(
        on_hand(&ui, "TUI-ADHIR-ZARA-L"),
        before,
        "a draft moves no stock"
    );

    // Reopened, one more scanned, saved again: the same draft, now 3.
    ui.click("Mở phiếu");
    assert_eq!(ui.notice(), "Đang sửa phiếu nháp PN-000001");
    assert!(ui.shows("Đang sửa phiếu nháp PN-000001"));
    ui.scan(TUI, false);
    ui.click("Lưu nháp");
    assert_eq!(ui.notice(), "Đã lưu phiếu nháp PN-000001");
    assert_eq!(ui.count("SELECT COUNT(*) FROM documents"), 1);
    assert_eq!(
        ui.count(
            "SELECT l.qty_milli FROM document_lines l JOIN documents d ON d.id = l.document_id
             WHERE d.number = 'PN-000001'"
        ),
        3000
    );
    assert!(ui.shows("3 · 750.000\u{a0}₫"));

    // A second draft, cancelled; then the first is posted from the list.
    ui.scan(TUI, false);
    send(&mut ui, R::Cost(0, "250000".into()));
    ui.click("Lưu nháp");
    assert_eq!(ui.notice(), "Đã lưu phiếu nháp PN-000002");
    send(&mut ui, R::CancelDraft("PN-000002".into()));
    assert_eq!(ui.notice(), "Đã hủy phiếu nháp PN-000002");
    assert_eq!(
        ui.count(
            "SELECT COUNT(*) FROM documents WHERE number = 'PN-000002' AND status = 'cancelled'"
        ),
        1
    );
    assert!(ui.shows("Đã hủy"));
    assert_eq!(on_hand(&ui, "TUI-ADHIR-ZARA-L"), before);
    send(&mut ui, R::PostDraft("PN-000001".into()));
    assert_eq!(
        ui.notice(),
        "Đã ghi sổ phiếu PN-000001: 1 dòng, số lượng 3, giá trị 750.000\u{a0}₫"
    );
    assert_eq!(on_hand(&ui, "TUI-ADHIR-ZARA-L"), before + 3000);
    assert_eq!(
        ui.count(
            "SELECT COUNT(*) FROM lots l JOIN documents d ON d.id = l.document_id
             WHERE d.number = 'PN-000001' AND l.owner = 'owned'"
        ),
        1
    );
}

#[test]
fn a_scale_label_adds_its_weight() {
    let mut ui = Ui::in_office();
    ui.click(Tab::Receiving.label(ocop_pos::gui::i18n::Lang::Vi));
    let label = gui_till::garlic_750g();
    ui.scan(&label, false);
    ui.scan(&label, false);
    assert!(ui.notice().ends_with(": 1,5"), "{}", ui.notice());
    assert!(ui.shows("1 dòng · số lượng 1,5 · giá trị 0\u{a0}₫"));
}
