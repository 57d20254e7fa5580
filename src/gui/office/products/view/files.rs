//! CSV import and export on screen: the path, the preview's bad rows, the import buttons.

use iced::widget::{button, column, row, scrollable, text, text_input};
use iced::{Element, Fill};

use super::super::{Msg, tr};
use crate::gui::app::App;
use crate::gui::i18n::Lang;

/// Bad rows shown at most under a preview.
const SHOWN_ERRORS: usize = 50;

/// Import with its preview, then export.
pub(super) fn files(app: &App) -> Element<'_, Msg> {
    let lang = app.lang;
    let state = &app.office.products;
    let mut page = column![
        text(tr(
            lang,
            "Nhập danh mục từ tệp CSV",
            "Import the catalogue from a CSV file"
        ))
        .size(18),
        row![
            text_input(
                tr(lang, "Đường dẫn tệp CSV", "CSV file path"),
                &state.import_path
            )
            .on_input(Msg::ImportPath)
            .padding(6)
            .width(480),
            button(text(tr(lang, "Kiểm tra tệp", "Check the file")).size(14))
                .on_press(Msg::Preview),
        ]
        .spacing(8),
    ]
    .spacing(8);
    if let Some(preview) = &state.preview {
        let good = preview.new + preview.existing;
        for e in preview.errors.iter().take(SHOWN_ERRORS) {
            let place = match (lang, e.column.is_empty()) {
                (Lang::Vi, true) => format!("Dòng {}", e.line),
                (Lang::Vi, false) => format!("Dòng {}, cột {}", e.line, e.column),
                (Lang::En, true) => format!("Line {}", e.line),
                (Lang::En, false) => format!("Line {}, column {}", e.line, e.column),
            };
            page = page.push(
                row![
                    text(place).size(14).width(260),
                    text(crate::gui::i18n::errors::row_problem(&e.reason, lang)).size(14)
                ]
                .spacing(8),
            );
        }
        if preview.errors.len() > SHOWN_ERRORS {
            page = page.push(text(format!("… +{}", preview.errors.len() - SHOWN_ERRORS)).size(14));
        }
        if preview.errors.is_empty() && good > 0 {
            let label = match lang {
                Lang::Vi => format!("Nhập {good} dòng"),
                Lang::En => format!("Import {good} rows"),
            };
            page = page.push(
                button(text(label).size(15))
                    .style(button::success)
                    .on_press(Msg::Import(false)),
            );
        } else if good > 0 {
            let label = match lang {
                Lang::Vi => format!("Bỏ qua dòng lỗi, nhập {good} dòng tốt"),
                Lang::En => format!("Leave bad rows out, import {good} good rows"),
            };
            page = page.push(
                button(text(label).size(15))
                    .style(button::danger)
                    .on_press(Msg::Import(true)),
            );
        }
    }
    page = page.push(
        text(tr(
            lang,
            "Xuất danh mục ra tệp CSV",
            "Export the catalogue to CSV",
        ))
        .size(18),
    );
    page = page.push(
        row![
            text_input(
                tr(lang, "Đường dẫn tệp xuất", "Export file path"),
                &state.export_path
            )
            .on_input(Msg::ExportPath)
            .padding(6)
            .width(480),
            button(text(tr(lang, "Xuất CSV", "Export CSV")).size(14)).on_press(Msg::Export),
        ]
        .spacing(8),
    );
    if let Some(path) = &state.exported {
        page = page.push(text(format!("{} {path}", tr(lang, "Đã ghi:", "Written:"))).size(14));
    }
    scrollable(page).height(Fill).into()
}
