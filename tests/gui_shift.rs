//! The shift from the counter (F11): cash in and out, the X report, the Z close with a blind count
//! that needs the manager's PIN when it is off — on screen and in the database.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/gui_till.rs"]
mod gui_till;

use gui_till::{ADMIN, PIN, Ui};
use ocop_pos::domain::money::Vnd;
use ocop_pos::gui::app::Screen;
use ocop_pos::gui::keys::Press;

#[test]
fn cash_moves_x_report_and_a_z_close_approved_by_the_manager() {
    let mut ui = Ui::at_counter();
    ui.key(Press::F(11));
    assert!(ui.shows(
        "Ca (F11): số tiền + F5 nộp tiền · số tiền + F6 rút tiền · F7 in báo cáo X · tiền đếm được + F12 đóng ca (Z) · Esc"
    ));
    ui.human("200000");
    ui.key(Press::F(5));
    assert_eq!(
        ui.notice(),
        format!("Đã nộp tiền vào két: {}", Vnd(200_000))
    );
    ui.human("50000");
    ui.key(Press::F(6));
    assert_eq!(
        ui.notice(),
        format!("Đã rút tiền khỏi két: {}", Vnd(50_000))
    );
    assert_eq!(
        ui.count(
            "SELECT SUM(CASE kind WHEN 'in' THEN amount_vnd ELSE -amount_vnd END) FROM cash_moves"
        ),
        150_000
    );
    ui.key(Press::F(7));
    assert!(
        ui.notice().starts_with("Đã gửi in báo cáo X"),
        "{}",
        ui.notice()
    );
    assert_eq!(
        ui.count("SELECT COUNT(*) FROM print_jobs WHERE kind = 'x_report'"),
        1
    );

    // The drawer should hold 650.000 ₫; 500.000 ₫ counted is off by more than a clerk may close with.
    ui.human("500000");
    ui.key(Press::F(12));
    assert!(ui.notice().contains("cần quản lý"), "{}", ui.notice());
    assert_eq!(
        ui.count("SELECT COUNT(*) FROM shifts WHERE z_no IS NOT NULL"),
        0
    );
    assert!(ui.shows("Đóng ca: tên quản lý duyệt rồi Enter"));
    ui.enter(ADMIN);
    ui.enter(PIN);
    assert_eq!(ui.app.screen(), Screen::Float, "{}", ui.notice());
    assert!(
        ui.notice().starts_with("Đã đóng ca, báo cáo Z1"),
        "{}",
        ui.notice()
    );
    assert_eq!(ui.count("SELECT COUNT(*) FROM shifts WHERE z_no = 1"), 1);
    assert_eq!(
        ui.count("SELECT COUNT(*) FROM print_jobs WHERE kind = 'z_report'"),
        1
    );
}
