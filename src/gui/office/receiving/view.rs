//! How the receiving tab looks: the document being scanned, then the recent documents.

use std::fmt;

use iced::widget::{
    Column, button, column, container, pick_list, row, scrollable, text, text_input,
};
use iced::{Element, Fill};

use super::{Msg, State};
use crate::domain::money::Vnd;
use crate::domain::qty::Qty;
use crate::gui::app::App;
use crate::gui::i18n::Lang;
use crate::gui::office::products::tr;
use crate::gui::theme;
use crate::store::documents::DocKind;

/// A producer in the pick list.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Choice {
    code: String,
    name: String,
}

impl fmt::Display for Choice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name, self.code)
    }
}

/// The tab.
pub fn view(app: &App) -> Element<'_, Msg> {
    let lang = app.lang;
    let state = &app.office.receiving;
    let kind = |label: &'static str, consigned: bool| {
        let b = button(text(label).size(15)).padding([6, 10]);
        if state.consigned == consigned {
            b.style(button::primary)
        } else {
            b.style(button::secondary)
                .on_press(Msg::Consigned(consigned))
        }
    };
    let choices: Vec<Choice> = state
        .producers
        .iter()
        .map(|(code, name)| Choice {
            code: code.clone(),
            name: name.clone(),
        })
        .collect();
    let chosen = choices
        .iter()
        .find(|c| c.code == state.producer.trim())
        .cloned();
    let title = match (&state.editing, lang) {
        (Some(number), Lang::Vi) => format!("Đang sửa phiếu nháp {number}"),
        (Some(number), Lang::En) => format!("Editing draft {number}"),
        (None, _) => tr(
            lang,
            "Phiếu nhập hàng (quét mã để thêm, mỗi lần quét thêm 1)",
            "Goods received (scan to add, one per scan)",
        )
        .to_owned(),
    };
    let header = column![
        text(title).size(20),
        row![
            kind(tr(lang, "Hàng mua", "Bought"), false),
            kind(tr(lang, "Hàng ký gửi", "Consignment"), true),
            pick_list(choices, chosen, |c: Choice| Msg::Producer(c.code))
                .placeholder(tr(lang, "Nhà sản xuất", "Producer"))
                .width(360),
        ]
        .spacing(8),
        row![
            text_input(
                tr(
                    lang,
                    "Số phiếu giao hàng của nhà sản xuất",
                    "Producer's delivery note"
                ),
                &state.delivery_note
            )
            .on_input(Msg::DeliveryNote)
            .padding(6)
            .width(300),
            text_input(tr(lang, "Ghi chú", "Note"), &state.note)
                .on_input(Msg::Note)
                .padding(6)
                .width(Fill),
        ]
        .spacing(8),
    ]
    .spacing(8);
    column![header, lines(app, state), documents(app)]
        .spacing(12)
        .into()
}

fn lines<'a>(app: &'a App, state: &'a State) -> Element<'a, Msg> {
    let lang = app.lang;
    let mut table = Column::new().spacing(4);
    let mut total_qty = Qty(0);
    let mut total = Vnd::ZERO;
    for (i, l) in state.lines.iter().enumerate() {
        let (lot_hint, expiry_hint) = if l.needs_lot {
            (
                tr(lang, "Số lô (bắt buộc)", "Lot (required)"),
                tr(lang, "Hạn dùng (bắt buộc)", "Expiry (required)"),
            )
        } else {
            (tr(lang, "Số lô", "Lot"), tr(lang, "Hạn dùng", "Expiry"))
        };
        let qty = l.qty.parse::<Qty>().ok();
        let cost = l.cost.parse::<Vnd>().ok();
        let value = qty.zip(cost).and_then(|(q, c)| q.times(c).ok());
        if let Some(q) = qty {
            total_qty = total_qty.checked_add(q).unwrap_or(total_qty);
        }
        if let Some(v) = value {
            total = total.checked_add(v).unwrap_or(total);
        }
        table = table.push(
            row![
                text(format!("{}.", i + 1)).size(14).width(30),
                text(l.name.clone()).size(14).width(Fill),
                text_input(tr(lang, "SL", "Qty"), &l.qty)
                    .on_input(move |v| Msg::Qty(i, v))
                    .padding(4)
                    .width(70),
                text_input(tr(lang, "Đơn giá", "Unit cost"), &l.cost)
                    .on_input(move |v| Msg::Cost(i, v))
                    .padding(4)
                    .width(110),
                text_input(lot_hint, &l.lot)
                    .on_input(move |v| Msg::Lot(i, v))
                    .padding(4)
                    .width(140),
                text_input(expiry_hint, &l.expiry)
                    .on_input(move |v| Msg::Expiry(i, v))
                    .padding(4)
                    .width(140),
                text(value.map(|v| v.to_string()).unwrap_or_default())
                    .size(14)
                    .width(120),
                button(text(tr(lang, "Bỏ", "Remove")).size(13))
                    .style(button::secondary)
                    .on_press(Msg::Remove(i)),
            ]
            .spacing(6),
        );
    }
    let summary = match lang {
        Lang::Vi => format!(
            "{} dòng · số lượng {total_qty} · giá trị {total}",
            state.lines.len()
        ),
        Lang::En => format!(
            "{} lines · quantity {total_qty} · value {total}",
            state.lines.len()
        ),
    };
    let mut page = column![scrollable(table).height(240), text(summary).size(15)].spacing(6);
    for problem in &state.problems {
        page = page.push(
            container(text(problem.clone()).size(14))
                .padding(4)
                .style(theme::banner(false)),
        );
    }
    page = page.push(
        row![
            button(text(tr(lang, "Ghi sổ nhập kho", "Post to stock")).size(15))
                .style(button::success)
                .on_press(Msg::Post),
            button(text(tr(lang, "Lưu nháp", "Save draft")).size(15)).on_press(Msg::SaveDraft),
            button(text(tr(lang, "Xóa phiếu đang nhập", "Clear this document")).size(15))
                .style(button::secondary)
                .on_press(Msg::Clear),
        ]
        .spacing(8),
    );
    page.into()
}

fn documents(app: &App) -> Element<'_, Msg> {
    let lang = app.lang;
    let mut list = Column::new().spacing(2);
    for d in &app.office.receiving.docs {
        let kind = match (d.kind, lang) {
            (DocKind::ConsignIn, Lang::Vi) => "Ký gửi",
            (DocKind::ConsignIn, Lang::En) => "Consignment",
            (_, Lang::Vi) => "Mua",
            (_, Lang::En) => "Bought",
        };
        let status = match (d.status.as_str(), lang) {
            ("draft", Lang::Vi) => "Nháp",
            ("draft", Lang::En) => "Draft",
            ("posted", Lang::Vi) => "Đã ghi sổ",
            ("posted", Lang::En) => "Posted",
            (_, Lang::Vi) => "Đã hủy",
            (_, Lang::En) => "Cancelled",
        };
        let day = d.created_at.get(..10).unwrap_or("").to_owned();
        let mut line = row![
            text(d.number.clone()).size(14).width(110),
            text(kind).size(14).width(90),
            text(status).size(14).width(90),
            text(day).size(14).width(100),
            text(d.producer.clone()).size(14).width(Fill),
            text(d.delivery_note.clone()).size(14).width(120),
            text(format!("{} · {}", d.qty, d.value)).size(14).width(180),
        ]
        .spacing(6);
        if d.status == "draft" {
            line = line
                .push(
                    button(text(tr(lang, "Mở phiếu", "Open draft")).size(13))
                        .style(button::secondary)
                        .on_press(Msg::OpenDraft(d.number.clone())),
                )
                .push(
                    button(text(tr(lang, "Ghi sổ phiếu", "Post draft")).size(13))
                        .on_press(Msg::PostDraft(d.number.clone())),
                )
                .push(
                    button(text(tr(lang, "Hủy phiếu", "Cancel draft")).size(13))
                        .style(button::danger)
                        .on_press(Msg::CancelDraft(d.number.clone())),
                );
        }
        list = list.push(line);
    }
    column![
        text(tr(lang, "Phiếu gần đây", "Recent documents")).size(18),
        scrollable(list).height(Fill)
    ]
    .spacing(6)
    .into()
}
