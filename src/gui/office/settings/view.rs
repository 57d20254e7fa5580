//! The settings tab on screen.

use iced::widget::{Column, button, column, container, row, scrollable, text, text_input};
use iced::{Center, Element, Font};

use super::devices::DevicesMsg;
use super::people::{PeopleMsg, role_label};
use super::{Msg, Section, admin_only};
use crate::domain::auth::Role;
use crate::gui::app::App;
use crate::gui::i18n::Lang;
use crate::receipt::drawer::Pin;
use crate::receipt::{Encoding, Width};

fn field<'a>(
    label: &'a str,
    value: &'a str,
    on_input: impl Fn(String) -> Msg + 'a,
) -> Element<'a, Msg> {
    row![
        text(label).size(15).width(220),
        text_input(label, value)
            .on_input(on_input)
            .padding(6)
            .width(420),
    ]
    .spacing(8)
    .align_y(Center)
    .into()
}

/// A row of choices; the chosen one highlighted.
fn choices<'a, T: Copy + PartialEq + 'a>(
    label: &'a str,
    options: Vec<(T, &'a str)>,
    chosen: Option<T>,
    on: impl Fn(T) -> Msg + 'a,
) -> Element<'a, Msg> {
    let mut line = row![text(label).size(15).width(220)]
        .spacing(6)
        .align_y(Center);
    for (value, name) in options {
        let b = button(text(name).size(14)).padding([4, 10]);
        line = line.push(if Some(value) == chosen {
            b.style(button::primary)
        } else {
            b.style(button::secondary).on_press(on(value))
        });
    }
    line.into()
}

fn devices(m: DevicesMsg) -> Msg {
    Msg::Devices(m)
}

fn people(m: PeopleMsg) -> Msg {
    Msg::People(m)
}

/// The tab: the section bar, then the section chosen.
pub fn view(app: &App) -> Element<'_, Msg> {
    let lang = app.lang;
    let vi = lang == Lang::Vi;
    let t = |v: &'static str, e: &'static str| if vi { v } else { e };
    let s = &app.office.settings;
    let mut page = column![text(t("Cài đặt", "Settings")).size(24)].spacing(10);
    if !app.is_admin() {
        page = page.push(text(admin_only(lang)).size(15));
    }
    let mut bar = row![].spacing(6);
    for section in Section::ALL {
        let b = button(text(section.label(lang)).size(15)).padding([6, 12]);
        bar = bar.push(if section == s.section {
            b.style(button::primary)
        } else {
            b.style(button::secondary).on_press(Msg::Section(section))
        });
    }
    page = page.push(bar);
    page = match s.section {
        Section::Point => point_section(app, page),
        Section::Devices => devices_section(app, page),
        Section::Users => users_section(app, page),
        Section::Backup => backup_section(app, page),
    };
    scrollable(page.padding([0, 12])).into()
}

fn point_section<'a>(app: &'a App, mut page: Column<'a, Msg>) -> Column<'a, Msg> {
    let lang = app.lang;
    let vi = lang == Lang::Vi;
    let t = |v: &'static str, e: &'static str| if vi { v } else { e };
    let s = &app.office.settings;
    // The point.
    let code = app.point.as_ref().map_or("", |p| p.code.as_str());
    page = page.push(text(format!("{}: {code}", t("Mã điểm bán", "Point code"))).size(15));
    page = page.push(field(
        t("Tên điểm bán", "Point name"),
        &s.profile.name,
        Msg::ProfileName,
    ));
    page = page.push(field(
        t("Địa chỉ", "Address"),
        &s.profile.address,
        Msg::ProfileAddress,
    ));
    page = page.push(field(
        t("Mã số thuế", "Tax code"),
        &s.profile.tax_code,
        Msg::ProfileTaxCode,
    ));
    page = page.push(
        button(text(t("Lưu thông tin điểm bán", "Save the point"))).on_press(Msg::SaveProfile),
    );
    page = page.push(
        row![
            text(t("Ngôn ngữ: Tiếng Việt", "Language: English")).size(15),
            button(text(t("Switch to English", "Chuyển sang tiếng Việt")).size(14))
                .on_press(Msg::Language),
        ]
        .spacing(8)
        .align_y(Center),
    );

    page
}

fn devices_section<'a>(app: &'a App, mut page: Column<'a, Msg>) -> Column<'a, Msg> {
    let lang = app.lang;
    let vi = lang == Lang::Vi;
    let t = |v: &'static str, e: &'static str| if vi { v } else { e };
    let s = &app.office.settings;
    // The printer.
    let f = &s.devices;
    page = page.push(text(t("Máy in hóa đơn", "Receipt printer")).size(20));
    page = page.push(field(
        t("Địa chỉ máy in", "Printer address"),
        &f.address,
        |v| devices(DevicesMsg::Address(v)),
    ));
    page = page.push(choices(
        t("Khổ giấy", "Paper width"),
        vec![(Width::Mm58, "58 mm"), (Width::Mm80, "80 mm")],
        Some(f.width),
        |w| devices(DevicesMsg::Width(w)),
    ));
    page = page.push(choices(
        t("Cách in chữ", "Encoder"),
        vec![
            (
                Encoding::Raster,
                t("Ảnh (mọi máy in)", "Raster (any printer)"),
            ),
            (Encoding::Wpc1258, "Windows-1258"),
            (Encoding::Tcvn3, "TCVN-3"),
            (Encoding::Ascii, t("Không dấu", "ASCII")),
        ],
        Some(f.encoder),
        |e| devices(DevicesMsg::Encoder(e)),
    ));
    page = page.push(field(
        t("Trang mã Windows-1258", "Windows-1258 code page"),
        &f.code_page,
        |v| devices(DevicesMsg::CodePage(v)),
    ));
    page = page.push(choices(
        t("Chân ngăn kéo tiền", "Drawer pin"),
        vec![(Pin::Two, "2"), (Pin::Five, "5")],
        Some(f.drawer_pin),
        |p| devices(DevicesMsg::DrawerPin(p)),
    ));
    let status = match &app.printer_state {
        None => t(
            "Máy in: chưa chạy trong cửa sổ này",
            "Printer: not running in this window",
        )
        .to_owned(),
        Some(state) => {
            let mut line = if vi {
                format!(
                    "Máy in: đã in {}, đang chờ {}",
                    state.printed, state.pending
                )
            } else {
                format!(
                    "Printer: {} printed, {} waiting",
                    state.printed, state.pending
                )
            };
            if let Some(e) = &state.error {
                line.push_str(&format!("; {}: {e}", t("lỗi", "error")));
            }
            line
        }
    };
    page = page.push(
        row![
            text(status).size(15),
            button(text(t("Cập nhật", "Update")).size(14))
                .style(button::secondary)
                .on_press(devices(DevicesMsg::Poll)),
        ]
        .spacing(8)
        .align_y(Center),
    );

    page = page.push(
        button(text(t("Xem trước hóa đơn", "Receipt preview")))
            .style(button::secondary)
            .on_press(devices(DevicesMsg::Preview)),
    );
    if !s.preview.is_empty() {
        let mut paper = column![].spacing(0);
        for line in &s.preview {
            paper = paper.push(text(line.as_str()).font(Font::MONOSPACE).size(13));
        }
        page = page.push(container(paper).padding(8).style(container::bordered_box));
    }

    // The hub.
    page = page.push(text(t("Máy chủ tỉnh", "Provincial hub")).size(20));
    page = page.push(field(
        t("Địa chỉ máy chủ", "Hub address"),
        &f.hub_url,
        |v| devices(DevicesMsg::HubUrl(v)),
    ));
    page = page.push(
        row![
            text(t("Mã truy cập", "Token")).size(15).width(220),
            text_input(t("Mã truy cập", "Token"), &f.token)
                .on_input(|v| devices(DevicesMsg::Token(v)))
                .secure(true)
                .padding(6)
                .width(420),
        ]
        .spacing(8)
        .align_y(Center),
    );
    let sync = &s.sync;
    let mut sync_line = if vi {
        format!("Chờ gửi: {} ngày", sync.waiting)
    } else {
        format!("Waiting: {} days", sync.waiting)
    };
    if let Some(oldest) = &sync.oldest_waiting {
        sync_line.push_str(&format!(" ({} {oldest})", t("từ", "since")));
    }
    sync_line.push_str(&format!(
        "; {}: {}",
        t("gửi lần cuối", "last push"),
        sync.last_delivered_at.as_deref().map_or_else(
            || "—".to_owned(),
            |at| chrono::DateTime::parse_from_rfc3339(at).map_or_else(
                |_| at.to_owned(),
                |t| t.format("%H:%M %d/%m/%Y").to_string()
            )
        )
    ));
    let pusher_error = app.pusher.as_ref().and_then(|p| p.state().error);
    if let Some(e) = pusher_error.as_ref().or(sync.last_error.as_ref()) {
        sync_line.push_str(&format!("; {}: {e}", t("lỗi", "error")));
    }
    page = page.push(text(sync_line).size(15));
    page = page.push(
        row![
            button(text(t("Lưu cài đặt thiết bị", "Save device settings")))
                .on_press(devices(DevicesMsg::Save)),
            button(text(t("In thử", "Test print"))).on_press(devices(DevicesMsg::TestPrint)),
            button(text(t("Gửi ngay", "Push now"))).on_press(devices(DevicesMsg::PushNow)),
            button(text(t("Cập nhật trạng thái", "Refresh status")))
                .style(button::secondary)
                .on_press(devices(DevicesMsg::Poll)),
        ]
        .spacing(8),
    );

    // The scanner test and the language.
    page = page.push(text(t("Thử máy quét", "Scanner test")).size(20));
    page = page.push(
        text(t(
            "Quét một mã vạch (hoặc gõ phím) khi đang ở trang này: mỗi lần quét hiện ở đây",
            "Scan a barcode (or type) while this page is shown: each scan shows here",
        ))
        .size(14),
    );
    for seen in &s.scans {
        let kind = if seen.scanned {
            t("Quét", "Scan")
        } else {
            t("Gõ tay", "Typed")
        };
        let gap = seen
            .gap_ms
            .map(|ms| format!("+{ms} ms"))
            .unwrap_or_default();
        page = page.push(
            row![
                text(format!("{kind}: {}", seen.text)).size(15),
                text(gap).size(13),
            ]
            .spacing(8),
        );
    }

    page
}

fn users_section<'a>(app: &'a App, mut page: Column<'a, Msg>) -> Column<'a, Msg> {
    let lang = app.lang;
    let vi = lang == Lang::Vi;
    let t = |v: &'static str, e: &'static str| if vi { v } else { e };
    let s = &app.office.settings;
    // Users.
    let p = &s.people;
    page = page.push(text(t("Người dùng và mã PIN", "Users and PINs")).size(20));
    for user in &p.users {
        page = page.push(
            row![
                text(format!("{} — {}", user.name, role_label(user.role, lang)))
                    .size(15)
                    .width(300),
                button(text(format!("{} {}", t("Đặt lại PIN", "Reset PIN"), user.name)).size(14))
                    .style(button::secondary)
                    .on_press(people(PeopleMsg::ResetFor(user.name.clone()))),
            ]
            .spacing(8)
            .align_y(Center),
        );
    }
    if let Some(name) = &p.reset_for {
        page = page.push(
            row![
                text(format!("{} {name}", t("Mã PIN mới cho", "New PIN for")))
                    .size(15)
                    .width(220),
                text_input("PIN", &p.reset_pin)
                    .on_input(|v| people(PeopleMsg::ResetPin(v)))
                    .secure(true)
                    .padding(6)
                    .width(160),
                button(text(t("Lưu mã PIN mới", "Save the new PIN")))
                    .on_press(people(PeopleMsg::Reset)),
            ]
            .spacing(8)
            .align_y(Center),
        );
    }
    page = page.push(field(
        t("Tên người dùng mới", "New user's name"),
        &p.name,
        |v| people(PeopleMsg::Name(v)),
    ));
    page = page.push(choices(
        t("Vai trò", "Role"),
        vec![
            (Role::Clerk, role_label(Role::Clerk, lang)),
            (Role::Manager, role_label(Role::Manager, lang)),
            (Role::Admin, role_label(Role::Admin, lang)),
        ],
        p.role,
        |r| people(PeopleMsg::Role(r)),
    ));
    page = page.push(
        row![
            text(t("Mã PIN (4–8 chữ số)", "PIN (4–8 digits)"))
                .size(15)
                .width(220),
            text_input("PIN", &p.pin)
                .on_input(|v| people(PeopleMsg::Pin(v)))
                .secure(true)
                .padding(6)
                .width(160),
            button(text(t("Thêm người dùng", "Add the user"))).on_press(people(PeopleMsg::Add)),
        ]
        .spacing(8)
        .align_y(Center),
    );

    page
}

fn backup_section<'a>(app: &'a App, mut page: Column<'a, Msg>) -> Column<'a, Msg> {
    let lang = app.lang;
    let vi = lang == Lang::Vi;
    let t = |v: &'static str, e: &'static str| if vi { v } else { e };
    let s = &app.office.settings;
    // Backup and restore.
    page = page.push(text(t("Sao lưu và khôi phục", "Backup and restore")).size(20));
    page = page.push(button(text(t("Sao lưu ngay", "Back up now"))).on_press(Msg::BackupNow));
    page = page.push(field(
        t("Tệp sao lưu để khôi phục", "Backup file to restore"),
        &s.restore_file,
        Msg::RestoreFile,
    ));
    let restore_label = if s.restore_armed {
        t("Xác nhận khôi phục", "Confirm restore")
    } else {
        t("Khôi phục", "Restore")
    };
    page = page.push(
        button(text(restore_label))
            .style(button::danger)
            .on_press(Msg::Restore),
    );
    page
}
