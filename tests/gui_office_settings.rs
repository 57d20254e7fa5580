//! The settings tab of the back office: the printer moved to a stand-in on 127.0.0.1 receives the
//! test page; the configuration file and the audit log follow; users added and PINs reset from the
//! window log in; the point's profile saved with its checks.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/gui_till.rs"]
mod gui_till;
#[path = "common/printer.rs"]
mod printer;

use std::time::Duration;

use gui_till::Ui;
use ocop_pos::config::Config;
use ocop_pos::domain::auth::Role;
use ocop_pos::gui::app::{Message, Screen};
use ocop_pos::gui::office::settings::{self, PeopleMsg};
use ocop_pos::gui::office::{Msg, Tab};
use ocop_pos::receipt::decode;
use ocop_pos::receipt::{CodePages, Encoding, Width};
use printer::{Mode, Printer};

fn send(ui: &mut Ui, m: settings::Msg) {
    ui.send(Message::Office(Msg::Settings(m)));
}

fn device(ui: &mut Ui, m: settings::DevicesMsg) {
    send(ui, settings::Msg::Devices(m));
}

fn person(ui: &mut Ui, m: PeopleMsg) {
    send(ui, settings::Msg::People(m));
}

fn in_settings() -> Ui {
    let mut ui = Ui::in_office();
    ui.click("Cài đặt");
    assert!(ui.shows("Tên điểm bán"), "{}", ui.notice());
    ui
}

/// The job's bytes without the status requests (`DLE EOT n`) around it.
fn job_bytes(got: &[u8]) -> &[u8] {
    let mut bytes = got;
    while bytes.starts_with(&[0x10, 0x04]) {
        bytes = &bytes[3..];
    }
    while bytes.len() >= 3 && bytes[bytes.len() - 3..bytes.len() - 1] == [0x10, 0x04] {
        bytes = &bytes[..bytes.len() - 3];
    }
    bytes
}

#[test]
fn the_printer_moved_to_a_local_stand_in_prints_the_test_page() {
    let fake = Printer::start(Mode::Ready);
    let mut ui = in_settings();
    ui.click("Máy in, máy chủ, máy quét");
    assert!(ui.shows("Máy in: chưa chạy trong cửa sổ này"));

    // A bad address is refused and nothing is written.
    device(
        &mut ui,
        settings::DevicesMsg::Address("192.168.1.50".into()),
    );
    ui.click("Lưu cài đặt thiết bị");
    assert!(
        ui.notice().contains("phải bắt đầu bằng tcp://"),
        "{}",
        ui.notice()
    );
    let config_file = ui.dir.path().join("config.toml");
    assert!(!config_file.exists());

    device(&mut ui, settings::DevicesMsg::Address(fake.address()));
    device(&mut ui, settings::DevicesMsg::Width(Width::Mm58));
    device(&mut ui, settings::DevicesMsg::Encoder(Encoding::Ascii));
    ui.click("Lưu cài đặt thiết bị");
    assert_eq!(
        ui.notice(),
        format!(
            "Đã lưu cài đặt máy in và máy chủ tỉnh vào {}",
            ui.dir.path().join("config.toml").display()
        )
    );
    let saved = Config::load(None, ui.dir.path()).unwrap();
    assert_eq!(
        saved.printer.address.map(|a| a.to_string()),
        Some(fake.address())
    );
    assert_eq!(saved.receipt.width, Width::Mm58);
    assert_eq!(saved.receipt.encoder, Encoding::Ascii);
    // The rest of the configuration is kept (the bank account the test set up).
    assert_eq!(saved.bank.account_no, "0123456789");
    let detail: String = ui
        .conn()
        .query_row(
            "SELECT detail FROM audit WHERE action = 'settings_changed'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        detail.contains(&format!("máy in:  → {}", fake.address())),
        "{detail}"
    );
    assert!(detail.contains("khổ giấy: 80 → 58"), "{detail}");

    ui.click("In thử");
    assert!(
        ui.notice().starts_with("Đã gửi trang in thử"),
        "{}",
        ui.notice()
    );
    let got = fake
        .next(Duration::from_secs(20))
        .expect("the test page reached the printer");
    let commands = decode::parse(job_bytes(&got)).unwrap();
    let lines = decode::text_lines(&commands, &CodePages::default());
    let text: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    assert!(text.iter().any(|l| l.contains("TRANG IN THU")), "{text:?}");
    // 58 mm paper: 32 columns.
    assert!(lines.iter().all(|l| l.cells <= 32), "{text:?}");
    // The worker marks the job printed.
    for _ in 0..100 {
        if ui.count("SELECT COUNT(*) FROM print_jobs WHERE status = 'printed'") == 1 {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        ui.count("SELECT COUNT(*) FROM print_jobs WHERE status = 'printed'"),
        1
    );
    device(&mut ui, settings::DevicesMsg::Poll);
    assert!(ui.shows("Máy in: đã in 1, đang chờ 0"), "{}", ui.notice());
}

#[test]
fn a_user_added_in_the_settings_logs_in_and_an_admin_resets_their_pin() {
    let mut ui = in_settings();
    ui.click("Người dùng");
    person(&mut ui, PeopleMsg::Name("mai".into()));
    person(&mut ui, PeopleMsg::Pin("86".into()));
    ui.click("Thêm người dùng");
    assert_eq!(ui.notice(), "Chọn vai trò cho người dùng mới");
    person(&mut ui, PeopleMsg::Role(Role::Clerk));
    ui.click("Thêm người dùng");
    assert_eq!(ui.notice(), "mã PIN phải gồm 4 đến 8 chữ số");
    assert_eq!(ui.count("SELECT COUNT(*) FROM users WHERE name = 'mai'"), 0);
    person(&mut ui, PeopleMsg::Pin("8642".into()));
    ui.click("Thêm người dùng");
    assert_eq!(ui.notice(), "Đã thêm người dùng mai");
    assert!(ui.shows("mai — Thu ngân"));
    assert_eq!(
        ui.count("SELECT COUNT(*) FROM audit a JOIN users u ON u.id = a.user_id WHERE a.action = 'user_added' AND a.subject = 'mai' AND u.name = 'admin'"),
        1
    );

    ui.click("Đặt lại PIN mai");
    person(&mut ui, PeopleMsg::ResetPin("1111".into()));
    ui.click("Lưu mã PIN mới");
    assert_eq!(ui.notice(), "Đã đặt lại mã PIN của mai");
    assert_eq!(
        ui.count("SELECT COUNT(*) FROM audit WHERE action = 'pin_reset' AND subject = 'mai'"),
        1
    );

    ui.login_as("mai", "1111");
    assert_eq!(ui.app.screen(), Screen::Counter);
    // A clerk does not get into the settings at all.
    ui.send(Message::Office(Msg::Open(Tab::Settings)));
    assert_eq!(ui.app.screen(), Screen::Counter);
}

#[test]
fn a_manager_sees_the_settings_but_may_not_change_them() {
    let mut ui = Ui::at_counter();
    ui.add_user("hoa", Role::Manager, "1357");
    ui.login_as("hoa", "1357");
    ui.send(Message::Office(Msg::Open(Tab::Settings)));
    assert_eq!(ui.app.screen(), Screen::Office);
    assert!(ui.shows("Chỉ quản trị viên được thay đổi cài đặt"));
    ui.click("Người dùng");
    person(&mut ui, PeopleMsg::Name("mai".into()));
    person(&mut ui, PeopleMsg::Role(Role::Admin));
    person(&mut ui, PeopleMsg::Pin("8642".into()));
    ui.click("Thêm người dùng");
    assert_eq!(ui.notice(), "Chỉ quản trị viên được thay đổi cài đặt");
    assert_eq!(ui.count("SELECT COUNT(*) FROM users WHERE name = 'mai'"), 0);
    ui.click("Máy in, máy chủ, máy quét");
    ui.click("Lưu cài đặt thiết bị");
    assert_eq!(ui.notice(), "Chỉ quản trị viên được thay đổi cài đặt");
    assert!(!ui.dir.path().join("config.toml").exists());
}

#[test]
fn the_points_profile_is_saved_checked_and_audited() {
    let mut ui = in_settings();
    send(&mut ui, settings::Msg::ProfileName("  ".into()));
    ui.click("Lưu thông tin điểm bán");
    assert_eq!(ui.notice(), "chưa nhập tên điểm bán");
    send(
        &mut ui,
        settings::Msg::ProfileName("Điểm bán OCOP Hội An".into()),
    );
    send(&mut ui, settings::Msg::ProfileTaxCode("4000123456".into()));
    ui.click("Lưu thông tin điểm bán");
    assert_eq!(ui.notice(), "Đã lưu thông tin điểm bán");
    let name: String = ui
        .conn()
        .query_row(
            "SELECT value FROM settings WHERE key = 'point.name'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(name, "Điểm bán OCOP Hội An");
    assert_eq!(
        ui.count(
            "SELECT COUNT(*) FROM audit WHERE action = 'settings_changed' AND subject = 'point'"
        ),
        1
    );
    ui.click("Sao lưu");
    ui.click("Sao lưu ngay");
    assert!(ui.notice().starts_with("Đã sao lưu vào"), "{}", ui.notice());
    let backups = std::fs::read_dir(ui.dir.path().join("backups"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("till-manual-"))
        .count();
    assert_eq!(backups, 1);
    ui.click("Điểm bán");
    ui.click("Switch to English");
    assert!(ui.shows("Settings"));
    assert!(ui.shows("Point name"));
    ui.click("Printer, hub, scanner");
    assert!(ui.shows("Receipt printer"));
}

#[test]
fn the_scanner_test_tells_a_scan_from_typing_and_the_preview_shows_the_last_receipt() {
    let mut ui = Ui::at_counter();
    ui.scan("2900000000018", false);
    ui.key(ocop_pos::gui::keys::Press::F(12));
    ui.enter("450000");
    assert!(ui.notice().starts_with("Đã lưu hóa đơn"), "{}", ui.notice());
    ui.key(ocop_pos::gui::keys::Press::F(1));
    ui.click("Cài đặt");
    ui.click("Máy in, máy chủ, máy quét");

    ui.enter("123");
    assert!(ui.shows("Gõ tay: 123"));
    ui.scan("8935000000017", false);
    assert!(ui.shows("Quét: 8935000000017"));
    assert!(ui.shows("Gõ tay: 123"));
    // The scan went to the test, not into a cart.
    assert!(ui.app.cart().is_empty());

    ui.click("Xem trước hóa đơn");
    let receipt_no: String = ui
        .conn()
        .query_row("SELECT receipt_no FROM sales", [], |r| r.get(0))
        .unwrap();
    // The receipt laid out in 48 columns (80 mm), as the text encoder prints it.
    assert!(ui.shows("                PHIẾU THANH TOÁN"));
    assert!(ui.shows("Cao đảng sâm Tây Giang lọ  1 × 450.000   450.000"));
    assert!(ui.shows("Tiền mặt                                 450.000"));
    assert!(ui.shows("         Cảm ơn quý khách. Hẹn gặp lại!"));
    let conn = ui.conn();
    let sale = ocop_pos::store::receipt_data::load_last(&conn, "DIEM-BAN-01")
        .unwrap()
        .unwrap();
    assert_eq!(sale.receipt_no, receipt_no);
    let mut config = Config::default();
    config.bank.bank_bin = "970436".into();
    config.bank.account_no = "0123456789".into();
    config.bank.account_name = "DIEM BAN OCOP".into();
    let mut profile = config.receipt_profile();
    profile.encoding = Encoding::Wpc1258;
    let doc = ocop_pos::receipt::document::sale(&sale, &config.receipt_settings());
    let lines = settings::preview_lines(&doc, &profile);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&format!("Số: {receipt_no}")))
    );
    for line in lines.iter().filter(|l| !l.trim().is_empty()) {
        assert!(line.chars().count() <= 48, "{line}");
        assert!(ui.shows(line), "{line}");
    }
}

#[cfg(feature = "hub")]
#[path = "common/hub.rs"]
mod hub;

/// The hub set in the settings: the closed day reaches the real hub on 127.0.0.1, and the status
/// says so.
#[cfg(feature = "hub")]
#[test]
fn the_hub_set_in_the_settings_receives_the_closed_day() {
    use ocop_pos::domain::auth::UserId;
    use ocop_pos::domain::money::Vnd;
    use ocop_pos::gui::app::Field;
    use ocop_pos::store::shifts;

    let data = hub::hub_data();
    let server = data.start();
    let mut ui = Ui::new();
    ui.send(Message::SetupInput(Field::PointCode, "HOIAN-01".into()));
    ui.set_up();
    ui.enter(gui_till::PIN);
    ui.enter("500000");
    assert_eq!(ui.app.screen(), Screen::Counter, "{}", ui.notice());
    ui.scan("2900000000018", false);
    ui.key(ocop_pos::gui::keys::Press::F(12));
    ui.enter("450000");
    // The day is closed (as `shift close --end-day` does): its summary waits in the outbox.
    {
        let mut conn = ui.conn();
        let at =
            chrono::Utc::now().with_timezone(&chrono::FixedOffset::east_opt(7 * 3600).unwrap());
        shifts::close(
            &mut conn,
            &shifts::Closing {
                point_code: "HOIAN-01".into(),
                user: UserId(1),
                counted: Vnd(950_000),
                end_of_day: true,
                approval: None,
                max_difference: Vnd(50_000),
                at,
            },
        )
        .unwrap();
    }
    ui.key(ocop_pos::gui::keys::Press::F(1));
    ui.click("Cài đặt");
    ui.click("Máy in, máy chủ, máy quét");
    let subject: String = ui
        .conn()
        .query_row("SELECT subject FROM outbox", [], |r| r.get(0))
        .unwrap();
    assert!(
        ui.shows(&format!("Chờ gửi: 1 ngày (từ {subject}); gửi lần cuối: —")),
        "{}",
        ui.notice()
    );
    ui.click("Gửi ngay");
    assert_eq!(
        ui.notice(),
        "Chưa cài đặt máy chủ tỉnh: nhập địa chỉ và mã truy cập rồi lưu"
    );

    device(&mut ui, settings::DevicesMsg::HubUrl(server.url()));
    ui.click("Lưu cài đặt thiết bị");
    assert_eq!(
        ui.notice(),
        "cần nhập cả địa chỉ máy chủ tỉnh và mã truy cập của điểm bán (hoặc để trống cả hai)"
    );
    device(&mut ui, settings::DevicesMsg::Token(data.token.clone()));
    ui.click("Lưu cài đặt thiết bị");
    assert_eq!(
        ui.notice(),
        format!(
            "Đã lưu cài đặt máy in và máy chủ tỉnh vào {}",
            ui.dir.path().join("config.toml").display()
        )
    );
    let saved = Config::load(None, ui.dir.path()).unwrap();
    assert_eq!(saved.sync.point_token, data.token);
    // The token never goes into the audit log.
    assert_eq!(
        ui.count(&format!(
            "SELECT COUNT(*) FROM audit WHERE detail LIKE '%{}%'",
            data.token
        )),
        0
    );
    ui.click("Gửi ngay");
    assert_eq!(ui.notice(), "Đang gửi dữ liệu lên máy chủ tỉnh…");
    for _ in 0..200 {
        if ui.count("SELECT COUNT(*) FROM outbox WHERE status = 'pending'") == 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(data.count("SELECT COUNT(*) FROM days"), 1);
    let delivered: String = ui
        .conn()
        .query_row("SELECT delivered_at FROM outbox", [], |r| r.get(0))
        .unwrap();
    let delivered = chrono::DateTime::parse_from_rfc3339(&delivered)
        .unwrap()
        .format("%H:%M %d/%m/%Y");
    ui.click("Cập nhật trạng thái");
    assert!(
        ui.shows(&format!("Chờ gửi: 0 ngày; gửi lần cuối: {delivered}")),
        "{}",
        ui.notice()
    );
}
