//! The shifts tab of the back office: a closed shift in the Z history with its count, the
//! differences chart, and a reprint that queues the kept Z report.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/gui_till.rs"]
mod gui_till;

use gui_till::Ui;
use ocop_pos::domain::money::Vnd;
use ocop_pos::gui::app::Screen;
use ocop_pos::gui::keys::Press;

/// Cao đảng sâm Tây Giang lọ 100 g, 450.000 ₫.
const CAO: &str = "2900000000018";

#[test]
fn the_z_history_shows_a_closed_shift_and_reprints_it() {
    let mut ui = Ui::at_counter();
    ui.scan(CAO, false);
    ui.key(Press::F(12));
    ui.enter("450000");
    // 500.000 float + 450.000 cash sale; 10.000 ₫ short is within what a clerk may close with.
    ui.key(Press::F(11));
    ui.human("940000");
    ui.key(Press::F(12));
    assert_eq!(ui.app.screen(), Screen::Float, "{}", ui.notice());

    ui.key(Press::F(1));
    assert_eq!(ui.app.screen(), Screen::Office, "{}", ui.notice());
    ui.click("Ca & ngày");
    assert!(ui.shows("In lại Z-000001"), "{}", ui.notice());
    assert!(ui.shows(&Vnd(950_000).to_string()));
    assert!(ui.shows(&Vnd(940_000).to_string()));
    assert!(ui.shows(&Vnd(-10_000).to_string()));
    assert!(ui.shows("admin"));
    assert!(ui.shows("Chênh lệch tiền mặt theo Z (đỏ: thiếu, xanh: thừa)"));
    // No shift is open: no X report to print.
    assert!(!ui.shows("In báo cáo X ca đang mở"));

    let before = ui.count("SELECT COUNT(*) FROM print_jobs WHERE kind = 'z_report'");
    ui.click("In lại Z-000001");
    let id = ui.count("SELECT MAX(id) FROM print_jobs");
    assert_eq!(
        ui.notice(),
        format!("Đã gửi báo cáo Z-000001 tới máy in (lệnh in #{id})")
    );
    assert_eq!(
        ui.count("SELECT COUNT(*) FROM print_jobs WHERE kind = 'z_report'"),
        before + 1
    );
    let payload: String = ui
        .conn()
        .query_row("SELECT payload FROM print_jobs WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(payload.contains("\"z_no\":1"), "{payload}");
}

#[test]
fn the_open_shifts_x_report_prints_from_the_tab() {
    let mut ui = Ui::in_office();
    ui.click("Ca & ngày");
    assert!(ui.shows("Chưa có ca nào đã đóng"));
    ui.click("In báo cáo X ca đang mở");
    assert!(
        ui.notice().starts_with("Đã gửi báo cáo X tới máy in"),
        "{}",
        ui.notice()
    );
    assert_eq!(
        ui.count("SELECT COUNT(*) FROM print_jobs WHERE kind = 'x_report'"),
        1
    );
}
