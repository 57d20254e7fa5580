//! Backup and restore from the settings: the admin backs up now, a restore asks for a
//! confirmation, is refused over newer sales, and otherwise brings the backup back and asks for a
//! PIN again.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/gui_till.rs"]
mod gui_till;

use gui_till::{PIN, Ui};
use ocop_pos::gui::app::{Message, Screen};
use ocop_pos::gui::keys::Press;
use ocop_pos::gui::office::{Msg, settings};

fn backup_now(ui: &mut Ui) -> String {
    ui.key(Press::F(1));
    ui.click("Cài đặt");
    ui.click("Sao lưu");
    ui.click("Sao lưu ngay");
    let notice = ui.notice();
    notice.strip_prefix("Đã sao lưu vào ").unwrap().to_owned()
}

#[test]
fn a_restore_is_confirmed_refused_over_newer_sales_then_brings_the_backup_back() {
    let mut ui = Ui::at_counter();
    let file = backup_now(&mut ui);
    assert!(std::path::Path::new(&file).exists());
    ui.send(Message::Office(Msg::Settings(settings::Msg::RestoreFile(
        file.clone(),
    ))));
    ui.click("Khôi phục");
    assert!(
        ui.notice().starts_with("Khôi phục sẽ thay toàn bộ dữ liệu"),
        "{}",
        ui.notice()
    );
    assert!(ui.shows("Xác nhận khôi phục"));
    assert_eq!(
        ui.count("SELECT COUNT(*) FROM audit WHERE action = 'restore'"),
        0
    );

    // A sale after the backup: restoring would lose it, so it is refused and the sale stays.
    ui.key(Press::Escape);
    ui.scan("2900000000018", false);
    ui.key(Press::F(12));
    ui.enter("450000");
    assert_eq!(ui.count("SELECT COUNT(*) FROM sales"), 1);
    ui.key(Press::F(1));
    assert!(
        ui.shows("Khôi phục"),
        "the confirmation is asked again after leaving"
    );
    ui.send(Message::Office(Msg::Settings(settings::Msg::RestoreFile(
        file.clone(),
    ))));
    ui.click("Khôi phục");
    ui.click("Xác nhận khôi phục");
    assert!(
        ui.notice().contains("dữ liệu mới hơn bản sao lưu"),
        "{}",
        ui.notice()
    );
    assert_eq!(ui.count("SELECT COUNT(*) FROM sales"), 1);
    assert_eq!(ui.app.screen(), Screen::Office);

    // A backup taken now restores: the window asks for a PIN again, the restore is audited.
    let file = backup_now(&mut ui);
    ui.send(Message::Office(Msg::Settings(settings::Msg::RestoreFile(
        file,
    ))));
    ui.click("Khôi phục");
    ui.click("Xác nhận khôi phục");
    assert!(ui.notice().starts_with("Đã khôi phục"), "{}", ui.notice());
    assert_eq!(ui.app.screen(), Screen::Login);
    assert_eq!(
        ui.count("SELECT COUNT(*) FROM audit WHERE action = 'restore'"),
        1
    );
    assert_eq!(ui.count("SELECT COUNT(*) FROM sales"), 1);
    let safety_copies = std::fs::read_dir(ui.dir.path().join("backups"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("till-before-restore-")
        })
        .count();
    assert_eq!(safety_copies, 1);
    ui.enter(PIN);
    assert_eq!(ui.app.screen(), Screen::Counter, "{}", ui.notice());
}
