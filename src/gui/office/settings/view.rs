//! The settings tab on screen.

use iced::widget::{Column, button, column, row, scrollable, text, text_input};
use iced::{Center, Element};

use super::devices::DevicesMsg;
use super::people::{PeopleMsg, role_label};
use super::{Msg, Section, admin_only};
use crate::domain::auth::Role;
use crate::gui::app::App;
use crate::gui::i18n::Lang;

pub(super) fn field<'a>(
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
pub(super) fn choices<'a, T: Copy + PartialEq + 'a>(
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

pub(super) fn devices(m: DevicesMsg) -> Msg {
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
        Section::Devices => super::devices_view::devices_section(app, page),
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
