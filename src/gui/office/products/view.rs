//! How the products tab looks: the list, the form, the producers, the CSV files.

use iced::widget::{Column, button, column, container, row, scrollable, text, text_input};
use iced::{Element, Fill};

use super::form::certificate_warning;
use super::{Msg, PAGE, Pane, ProducerField, ProducerForm, tr};
use crate::domain::catalog::{Certificate, ProducerKind};
use crate::gui::app::App;
use crate::gui::i18n::Lang;
use crate::gui::i18n::report_labels::producer_kind;
use crate::gui::theme;

mod files;
mod form;

/// The tab.
pub fn view(app: &App) -> Element<'_, Msg> {
    let lang = app.lang;
    let state = &app.office.products;
    let tab = |label: &'static str, pane: Pane, msg: Msg| {
        let b = button(text(label).size(15)).padding([6, 10]);
        if state.pane == pane {
            b.style(button::primary)
        } else {
            b.style(button::secondary).on_press(msg)
        }
    };
    let bar = row![
        tab(
            tr(lang, "Danh sách sản phẩm", "Product list"),
            Pane::List,
            Msg::ShowList
        ),
        tab(
            tr(lang, "Nhà sản xuất", "Producers"),
            Pane::Producers,
            Msg::ShowProducers
        ),
        tab(
            tr(lang, "Nhập/xuất CSV", "CSV import/export"),
            Pane::Files,
            Msg::ShowFiles
        ),
        button(text(tr(lang, "Thêm sản phẩm", "New product")).size(15))
            .padding([6, 10])
            .on_press(Msg::New),
    ]
    .spacing(6);
    let body = match state.pane {
        Pane::List => list(app),
        Pane::Form => form::form(app),
        Pane::Producers => producers(app),
        Pane::Files => files::files(app),
    };
    column![bar, body].spacing(10).into()
}

fn list(app: &App) -> Element<'_, Msg> {
    let lang = app.lang;
    let state = &app.office.products;
    let today = app.now().date_naive();
    let warn_days = i64::from(app.launch.config.business.certificate_warn_days);
    let search = text_input(
        tr(
            lang,
            "Tìm theo tên hoặc mã (gõ không dấu cũng được)",
            "Search by name or code (accents optional)",
        ),
        &state.query,
    )
    .on_input(Msg::Search)
    .padding(8);
    let heading = match (&state.producer, lang) {
        (Some((_, name)), Lang::Vi) => format!("Sản phẩm của {name}: {}", state.rows.len()),
        (Some((_, name)), Lang::En) => format!("Products of {name}: {}", state.rows.len()),
        (None, Lang::Vi) => format!(
            "Hiện {} / {} sản phẩm (tối đa {PAGE}; gõ để tìm)",
            state.rows.len(),
            state.total
        ),
        (None, Lang::En) => format!(
            "Showing {} of {} products (at most {PAGE}; type to search)",
            state.rows.len(),
            state.total
        ),
    };
    let mut rows = Column::new().spacing(2);
    for r in &state.rows {
        let stars = r
            .stars
            .map(|s| "★".repeat(usize::from(s)))
            .unwrap_or_default();
        // Flags go under the name so the columns stay aligned.
        let mut name = column![text(r.name.clone()).size(14)].spacing(2);
        if !r.active {
            name = name.push(text(tr(lang, "Ngừng bán", "Not on sale")).size(13));
        }
        if let Some(date) = r.cert_date {
            let cert = Certificate {
                number: r.cert_no.clone(),
                date,
            };
            if let Some(warning) = certificate_warning(&cert, today, warn_days, lang) {
                name = name.push(
                    container(text(warning).size(13))
                        .padding(2)
                        .style(theme::banner(false)),
                );
            }
        }
        let line = row![
            text(r.code.clone()).size(13).width(180),
            name.width(Fill),
            text(format!("{} / {}", r.price, r.unit))
                .size(14)
                .width(140),
            text(stars).size(14).width(60),
            text(r.producer.clone().unwrap_or_default())
                .size(13)
                .width(200),
        ]
        .spacing(8);
        rows = rows.push(
            button(line)
                .style(button::text)
                .width(Fill)
                .on_press(Msg::Edit(r.code.clone())),
        );
    }
    column![
        search,
        text(heading).size(15),
        scrollable(rows).height(Fill)
    ]
    .spacing(8)
    .into()
}

fn producers(app: &App) -> Element<'_, Msg> {
    let lang = app.lang;
    let mut rows = Column::new().spacing(2);
    for p in &app.office.products.producers {
        let count = match lang {
            Lang::Vi => format!("{} sản phẩm ({} đang bán)", p.products, p.active),
            Lang::En => format!("{} products ({} on sale)", p.products, p.active),
        };
        rows = rows.push(
            row![
                button(
                    row![
                        text(p.name.clone()).size(14).width(Fill),
                        text(p.code.clone()).size(13).width(200),
                        text(producer_kind(p.kind, lang)).size(13).width(140),
                        text(count).size(13).width(200),
                    ]
                    .spacing(8),
                )
                .style(button::text)
                .width(Fill)
                .on_press(Msg::PickProducer(p.code.clone(), p.name.clone())),
                button(text(tr(lang, "Sửa", "Edit")).size(13))
                    .style(button::secondary)
                    .on_press(Msg::EditProducer(p.code.clone())),
            ]
            .spacing(6),
        );
    }
    let mut page = column![
        row![
            text(tr(
                lang,
                "Chọn một nhà sản xuất để xem sản phẩm",
                "Pick a producer to see its products"
            ))
            .size(15)
            .width(Fill),
            button(text(tr(lang, "Thêm nhà sản xuất", "New producer")).size(14))
                .on_press(Msg::NewProducer),
        ]
        .spacing(8)
    ]
    .spacing(8);
    if let Some(form) = &app.office.products.producer_form {
        page = page.push(producer_form(lang, form));
    }
    page.push(scrollable(rows).height(Fill)).into()
}

fn producer_form(lang: Lang, f: &ProducerForm) -> Element<'_, Msg> {
    let field = |label: &'static str, which: ProducerField, text_value| {
        let mut input = text_input(label, text_value).padding(4).size(14).width(320);
        if which != ProducerField::Code || !f.stored {
            input = input.on_input(move |v| Msg::ProducerInput(which, v));
        }
        row![text(label).size(14).width(190), input].spacing(6)
    };
    let mut kinds = row![].spacing(6);
    for kind in ProducerKind::ALL {
        let b = button(text(producer_kind(kind, lang)).size(13));
        kinds = kinds.push(if kind == f.kind {
            b.style(button::primary)
        } else {
            b.style(button::secondary).on_press(Msg::ProducerKind(kind))
        });
    }
    column![
        field(
            tr(lang, "Mã nhà sản xuất", "Producer code"),
            ProducerField::Code,
            &f.code
        ),
        field(
            tr(lang, "Tên nhà sản xuất", "Producer name"),
            ProducerField::Name,
            &f.name
        ),
        kinds,
        field(
            tr(lang, "Mã xã (5 chữ số)", "Commune code (5 digits)"),
            ProducerField::Commune,
            &f.commune
        ),
        field(
            tr(lang, "Mã số thuế", "Tax code"),
            ProducerField::TaxCode,
            &f.tax_code
        ),
        row![
            button(text(tr(lang, "Lưu nhà sản xuất", "Save producer")).size(14))
                .style(button::success)
                .on_press(Msg::SaveProducer),
            button(text(tr(lang, "Đóng", "Close")).size(14))
                .style(button::secondary)
                .on_press(Msg::CloseProducer),
        ]
        .spacing(8),
    ]
    .spacing(4)
    .into()
}
