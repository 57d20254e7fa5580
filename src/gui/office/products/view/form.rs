//! The product form on screen: fields on the left, certificate, flags, barcodes and labels on
//! the right, the actions on top so they never scroll away.

use iced::widget::{Column, button, column, container, row, scrollable, text, text_input};
use iced::{Element, Fill};

use super::super::form::{Field, certificate_warning};
use super::super::{Msg, tr};
use crate::domain::catalog::OcopGroup;
use crate::gui::app::App;
use crate::gui::i18n::Lang;
use crate::gui::theme;

fn input<'a>(
    label: &'static str,
    value: &'a str,
    field: Field,
    editable: bool,
) -> Element<'a, Msg> {
    let mut field_input = text_input(label, value).padding(4).size(14).width(250);
    if editable {
        field_input = field_input.on_input(move |v| Msg::Input(field, v));
    }
    row![text(label).size(14).width(190), field_input]
        .spacing(6)
        .into()
}

/// The form.
pub(super) fn form(app: &App) -> Element<'_, Msg> {
    let lang = app.lang;
    let state = &app.office.products;
    let f = &state.form;
    let title = if f.is_new() {
        tr(lang, "Sản phẩm mới", "New product").to_owned()
    } else {
        format!("{} {}", tr(lang, "Sửa sản phẩm", "Edit product"), f.code)
    };
    let mut page = column![
        row![
            text(title).size(20).width(Fill),
            button(text(tr(lang, "Lưu (F2)", "Save (F2)")).size(15))
                .style(button::success)
                .on_press(Msg::Save),
            button(text(tr(lang, "Đóng", "Close")).size(15))
                .style(button::secondary)
                .on_press(Msg::CloseForm),
        ]
        .spacing(8)
    ]
    .spacing(6);
    if let Some(problem) = &state.form_error {
        page = page.push(
            container(text(problem.clone()).size(15))
                .padding(6)
                .style(theme::banner(false)),
        );
    }
    page.push(row![fields(app), extras(app)].spacing(16)).into()
}

fn fields(app: &App) -> Element<'_, Msg> {
    let lang = app.lang;
    let state = &app.office.products;
    let f = &state.form;
    let mut left = column![
        input(
            tr(lang, "Mã sản phẩm", "Product code"),
            &f.code,
            Field::Code,
            f.is_new()
        ),
        input(tr(lang, "Tên sản phẩm", "Name"), &f.name, Field::Name, true),
        input(tr(lang, "Đơn vị tính", "Unit"), &f.unit, Field::Unit, true),
        input(
            tr(lang, "Giá bán (đồng)", "Price (đồng)"),
            &f.price,
            Field::Price,
            true
        ),
        input(
            tr(lang, "Thuế suất GTGT (%)", "VAT rate (%)"),
            &f.vat,
            Field::Vat,
            true
        ),
        input(
            tr(lang, "Nhóm OCOP (1–6)", "OCOP group (1–6)"),
            &f.group,
            Field::Group,
            true
        ),
    ]
    .spacing(4);
    if let Some(group) = f.group.trim().parse().ok().and_then(OcopGroup::new) {
        left = left.push(text(crate::gui::i18n::report_labels::group_name(group, lang)).size(13));
    }
    left = left
        .push(input(
            tr(lang, "Số sao OCOP (3–5)", "OCOP stars (3–5)"),
            &f.stars,
            Field::Stars,
            true,
        ))
        .push(input(
            tr(lang, "Nhà sản xuất (mã)", "Producer (code)"),
            &f.producer,
            Field::Producer,
            true,
        ));
    if let Some(p) = state.producers.iter().find(|p| p.code == f.producer.trim()) {
        left = left.push(text(p.name.clone()).size(13));
    }
    left.push(input(
        tr(lang, "Số quyết định công nhận", "Certificate number"),
        &f.cert_no,
        Field::CertNo,
        true,
    ))
    .push(input(
        tr(
            lang,
            "Ngày quyết định (ngày/tháng/năm)",
            "Certificate date (d/m/y)",
        ),
        &f.cert_date,
        Field::CertDate,
        true,
    ))
    .into()
}

fn extras(app: &App) -> Element<'_, Msg> {
    let lang = app.lang;
    let f = &app.office.products.form;
    let today = app.now().date_naive();
    let warn_days = i64::from(app.launch.config.business.certificate_warn_days);
    let yes_no = |on: bool| {
        if on {
            tr(lang, "Có", "Yes")
        } else {
            tr(lang, "Không", "No")
        }
    };
    let mut right = Column::new().spacing(6);
    if let Some(original) = &f.original
        && original.vat.periods().len() > 1
    {
        let plan = original
            .vat
            .periods()
            .iter()
            .map(|p| match p.until {
                Some(until) => format!("{} → {}", p.rate, until.format("%d/%m/%Y")),
                None => p.rate.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ");
        right = right.push(
            text(match lang {
                Lang::Vi => format!("Lịch thuế suất: {plan} (sửa ô thuế suất sẽ thay cả lịch)"),
                Lang::En => format!("VAT schedule: {plan} (changing the rate replaces it)"),
            })
            .size(13),
        );
    }
    if let Some(cert) = f.certificate() {
        let until = cert.valid_until().format("%d/%m/%Y");
        right = right.push(match certificate_warning(&cert, today, warn_days, lang) {
            Some(warning) => container(text(warning).size(14))
                .padding(4)
                .style(theme::banner(false)),
            None => container(
                text(match lang {
                    Lang::Vi => format!("Chứng nhận còn hiệu lực đến {until}"),
                    Lang::En => format!("Certificate valid until {until}"),
                })
                .size(14),
            ),
        });
    }
    right = right.push(
        row![
            button(
                text(format!(
                    "{}: {}",
                    tr(lang, "Bán theo cân", "Sold by weight"),
                    yes_no(f.by_weight)
                ))
                .size(14)
            )
            .style(button::secondary)
            .on_press(Msg::ToggleWeight),
            button(
                text(format!(
                    "{}: {}",
                    tr(lang, "Đang bán", "On sale"),
                    yes_no(f.active)
                ))
                .size(14)
            )
            .style(button::secondary)
            .on_press(Msg::ToggleActive),
        ]
        .spacing(8),
    );
    right = right.push(
        row![
            text_input(tr(lang, "Gõ mã vạch", "Type a barcode"), &f.barcode)
                .on_input(|v| Msg::Input(Field::Barcode, v))
                .on_submit(Msg::AddBarcode)
                .padding(4)
                .size(14)
                .width(150),
            button(text(tr(lang, "Thêm mã vạch", "Add barcode")).size(14))
                .on_press(Msg::AddBarcode),
            button(text(tr(lang, "Tạo mã nội bộ", "Generate in-store code")).size(14))
                .on_press(Msg::GenerateCode),
        ]
        .spacing(6),
    );
    right = right.push(
        row![
            text(tr(lang, "Số tem", "Labels")).size(14),
            text_input("1", &f.copies)
                .on_input(|v| Msg::Input(Field::Copies, v))
                .padding(4)
                .size(14)
                .width(50),
            button(text(tr(lang, "In tem", "Print labels")).size(14)).on_press(Msg::PrintLabels),
        ]
        .spacing(6),
    );
    right = right.push(text(tr(lang, "Mã vạch (quét để thêm)", "Barcodes (scan to add)")).size(15));
    let mut codes = Column::new().spacing(2);
    for (i, code) in f.barcodes.iter().enumerate() {
        codes = codes.push(
            row![
                text(code.clone()).size(14).width(160),
                button(text(tr(lang, "Bỏ", "Remove")).size(12))
                    .style(button::secondary)
                    .on_press(Msg::RemoveBarcode(i)),
            ]
            .spacing(6),
        );
    }
    right.push(scrollable(codes).height(Fill)).into()
}
