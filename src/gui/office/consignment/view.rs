//! What the Consignment tab draws: producer and period, the statement with every figure, the
//! settlements made, and the print, export and settle buttons.

use iced::widget::{Column, button, row, scrollable, text, text_input};
use iced::{Element, Fill};

use super::{ExportAs, Msg, State};
use crate::gui::app::App;
use crate::gui::i18n::Lang;
use crate::gui::office::stock::{PAGE, w};
use crate::store::consignment::Statement;

/// The tab.
pub fn view(app: &App) -> Element<'_, Msg> {
    let lang = app.lang;
    let s = &app.office.consignment;
    let mut col = Column::new().spacing(8);
    col = col.push(text(w(lang, "Ký gửi", "Consignment")).size(24));
    col = col.push(form(lang, s));
    if let Some(statement) = &s.statement {
        col = col.push(statement_view(lang, s, statement));
    }
    if !s.settlements.is_empty() {
        col = col.push(text(w(lang, "Các kỳ đã thanh toán", "Periods settled")).size(18));
        for st in s.settlements.iter().take(PAGE) {
            col = col.push(text(format!(
                "{} – {} · {} · {}",
                st.from.format("%d/%m/%Y"),
                st.to.format("%d/%m/%Y"),
                st.amount,
                st.settled_at.get(..10).unwrap_or(&st.settled_at)
            )));
        }
    }
    scrollable(col).height(Fill).into()
}

fn form<'a>(lang: Lang, s: &'a State) -> Element<'a, Msg> {
    let mut producers = row![].spacing(6);
    for (code, name) in s.producers.iter().take(PAGE) {
        let b =
            button(text(format!("{code} · {name}")).size(14)).on_press(Msg::Producer(code.clone()));
        producers = producers.push(if *code == s.producer {
            b.style(button::primary)
        } else {
            b.style(button::secondary)
        });
    }
    Column::new()
        .spacing(6)
        .push(
            scrollable(producers).direction(scrollable::Direction::Horizontal(
                scrollable::Scrollbar::default(),
            )),
        )
        .push(
            row![
                text_input(w(lang, "Mã nhà sản xuất", "Producer code"), &s.producer)
                    .on_input(Msg::Producer)
                    .width(240),
                text_input(
                    w(lang, "Từ ngày (dd/mm/yyyy)", "From (dd/mm/yyyy)"),
                    &s.from
                )
                .on_input(Msg::From)
                .width(180),
                text_input(w(lang, "Đến ngày (dd/mm/yyyy)", "To (dd/mm/yyyy)"), &s.to)
                    .on_input(Msg::To)
                    .on_submit(Msg::Show)
                    .width(180),
                button(text(w(lang, "Xem bảng kê", "Show statement")))
                    .style(button::primary)
                    .on_press(Msg::Show),
            ]
            .spacing(6),
        )
        .into()
}

fn statement_view<'a>(lang: Lang, s: &'a State, st: &'a Statement) -> Element<'a, Msg> {
    let mut col = Column::new().spacing(4);
    col = col.push(
        text(format!(
            "{} {} – {} · {} – {}",
            w(lang, "Bảng kê", "Statement"),
            st.producer_code,
            st.producer_name,
            st.from.format("%d/%m/%Y"),
            st.to.format("%d/%m/%Y")
        ))
        .size(18),
    );
    if st.lines.is_empty() {
        col = col.push(text(w(
            lang,
            "Không có hàng ký gửi nào của nhà sản xuất này trong kỳ",
            "No consigned goods of this producer in the period",
        )));
    }
    for l in st.lines.iter().take(PAGE) {
        col = col.push(text(format!(
            "{} · {} ({}) · {}",
            l.product_code, l.name, l.unit, l.unit_price
        )));
        col = col.push(text(format!(
            "    {} {} · {} {} · {} {} · {} {} · {} {} · {} {} · {} {} · {} {}",
            w(lang, "đầu kỳ", "opening"),
            l.opening,
            w(lang, "nhận", "received"),
            l.received,
            w(lang, "đã bán", "sold net"),
            l.sold,
            w(lang, "trả", "returned"),
            l.returned,
            w(lang, "hao hụt", "shrinkage"),
            l.shrinkage,
            w(lang, "chuyển", "transferred"),
            l.transferred,
            w(lang, "cuối kỳ", "closing"),
            l.closing,
            w(lang, "thành tiền", "amount"),
            l.amount
        )));
    }
    col = col.push(
        text(format!(
            "{}: {}",
            w(lang, "Tổng phải trả", "Amount owed"),
            st.total
        ))
        .size(20),
    );
    col = col.push(
        row![
            button(text(w(lang, "In bảng kê", "Print statement"))).on_press(Msg::Print),
            text_input(
                w(
                    lang,
                    "Tệp xuất (để trống: thư mục dữ liệu)",
                    "Export file (empty: data folder)"
                ),
                &s.path
            )
            .on_input(Msg::Path)
            .width(360),
            button(text(w(lang, "Xuất CSV", "Export CSV"))).on_press(Msg::Export(ExportAs::Csv)),
            button(text(w(lang, "Xuất XLSX", "Export XLSX"))).on_press(Msg::Export(ExportAs::Xlsx)),
            button(text(w(lang, "Đánh dấu đã thanh toán", "Mark settled")))
                .style(button::primary)
                .on_press(Msg::Settle),
        ]
        .spacing(6),
    );
    if let Some(path) = &s.exported {
        col = col.push(text(format!(
            "{}: {}",
            w(lang, "Tệp", "File"),
            path.display()
        )));
    }
    col.into()
}
