//! The customer display: the window facing the customer shows the cart's lines and total, the
//! VietQR code for the amount asked while paying, and a thank-you with the change after the sale.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/gui_till.rs"]
mod gui_till;

use gui_till::Ui;
use iced::widget;
use iced_test::simulator;
use ocop_pos::domain::money::Vnd;
use ocop_pos::gui::keys::Press;
use ocop_pos::gui::screen::customer::QR_ID;

/// Cao đảng sâm Tây Giang lọ 100 g, 450.000 ₫.
const CAO: &str = "2900000000018";
/// Rượu đảng sâm Đức Huy chai 500 ml, 250.000 ₫.
const RUOU: &str = "DS-RUOU-DUCHUY-500";

fn customer_sees(ui: &Ui, text: &str) -> bool {
    simulator(ui.app.view_customer()).find(text).is_ok()
}

/// The size of the VietQR code on the customer display, if one is shown.
fn customer_qr(ui: &Ui) -> Option<(f32, f32)> {
    let mut sim = simulator(ui.app.view_customer());
    sim.find(widget::Id::from(QR_ID))
        .ok()
        .map(|t| (t.bounds().width, t.bounds().height))
}

#[test]
fn the_customer_sees_lines_total_qr_and_change() {
    let mut ui = Ui::at_counter();
    assert!(customer_sees(&ui, "Xin chào quý khách"));
    assert!(customer_sees(&ui, "Điểm bán sản phẩm OCOP"));

    ui.scan(CAO, false);
    ui.key(Press::Char('2'));
    ui.key(Press::Char('*'));
    ui.enter(RUOU);
    assert_eq!(ui.app.cart().lines.len(), 2, "{}", ui.notice());
    assert!(customer_sees(&ui, "Cao đảng sâm Tây Giang lọ 100 g"));
    assert!(customer_sees(&ui, &format!("1 × {}", Vnd(450_000))));
    assert!(customer_sees(&ui, &format!("2 × {}", Vnd(250_000))));
    assert!(customer_sees(&ui, &Vnd(500_000).to_string()));
    assert!(customer_sees(&ui, &format!("TỔNG CỘNG {}", Vnd(950_000))));
    assert!(!customer_sees(&ui, "Xin chào quý khách"));
    assert_eq!(customer_qr(&ui), None);

    // Paying: the amount due, and with F5 the QR code for it.
    ui.key(Press::F(12));
    assert!(customer_sees(
        &ui,
        &format!("Còn phải trả: {}", Vnd(950_000))
    ));
    assert_eq!(customer_qr(&ui), None);
    ui.human("200000");
    ui.key(Press::F(5));
    let (w, h) = customer_qr(&ui).expect("the QR code is on the customer display");
    assert!(w > 150.0 && h > 150.0, "a scannable size: {w}×{h}");
    assert!(customer_sees(&ui, &format!("VietQR {}", Vnd(200_000))));
    assert!(customer_sees(&ui, "Quét mã để chuyển khoản"));
    ui.key(Press::Enter);
    assert_eq!(customer_qr(&ui), None, "received: the code goes away");
    assert!(customer_sees(
        &ui,
        &format!("Còn phải trả: {}", Vnd(750_000))
    ));

    // The rest in cash with change: a thank-you with the change.
    ui.enter("800000");
    assert!(ui.notice().starts_with("Đã lưu hóa đơn"), "{}", ui.notice());
    assert!(customer_sees(&ui, "Cảm ơn quý khách!"));
    assert!(customer_sees(&ui, &format!("Tiền thừa: {}", Vnd(50_000))));
    assert!(customer_sees(&ui, &format!("TỔNG CỘNG {}", Vnd(950_000))));
    assert_eq!(ui.count("SELECT total_vnd FROM sales"), 950_000);
    assert_eq!(ui.count("SELECT change_vnd FROM sales"), 50_000);

    // The next customer's first scan replaces the thank-you.
    ui.scan(CAO, false);
    assert!(!customer_sees(&ui, "Cảm ơn quý khách!"));
    assert!(customer_sees(&ui, &format!("TỔNG CỘNG {}", Vnd(450_000))));
}

#[test]
fn the_customer_display_follows_the_language() {
    let mut ui = Ui::at_counter();
    ui.click("English");
    assert!(customer_sees(&ui, "Welcome"));
    ui.scan(CAO, false);
    assert!(customer_sees(&ui, &format!("TOTAL {}", Vnd(450_000))));
}

#[test]
fn with_two_windows_each_shows_its_own_screen() {
    let mut ui = Ui::at_counter();
    assert_eq!(
        ui.app.customer_window(),
        None,
        "one window unless configured"
    );
    let _ = ui.app.open_windows();
    let customer = ui.app.customer_window().unwrap();
    let other = iced::window::Id::unique();
    let sees = |ui: &Ui, id, text: &str| simulator(ui.app.view_window(id)).find(text).is_ok();
    assert!(sees(&ui, customer, "Xin chào quý khách"));
    assert!(!sees(&ui, customer, "English"));
    assert!(sees(&ui, other, "English"));
    assert_eq!(
        ui.app.title_window(customer),
        "OCOP Till — Màn hình khách hàng"
    );
    assert_eq!(ui.app.title_window(other), "OCOP Till — Bán hàng");
    // The customer's window closed: the till goes on selling.
    ui.send(ocop_pos::gui::Message::WindowClosed(customer));
    assert_eq!(ui.app.customer_window(), None);
    ui.scan(CAO, false);
    assert_eq!(ui.app.cart().lines.len(), 1);
}
