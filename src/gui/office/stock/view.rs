//! What the Stock tab draws: never more than a page of rows.

use iced::widget::{Column, button, column, row, scrollable, text, text_input};
use iced::{Element, Fill};

use super::{Detail, Msg, Section, State, w};
use crate::domain::stock::AdjustReason;
use crate::gui::app::App;
use crate::gui::i18n::Lang;
use crate::store::lots::LotRow;

fn reason_label(lang: Lang, reason: AdjustReason) -> &'static str {
    match (lang, reason) {
        (Lang::Vi, r) => r.label_vi(),
        (Lang::En, AdjustReason::Damaged) => "damaged",
        (Lang::En, AdjustReason::Lost) => "lost",
        (Lang::En, AdjustReason::Sample) => "sample",
        (Lang::En, AdjustReason::Correction) => "correction",
    }
}

/// A button that looks chosen when `on`.
fn choice<'a>(label: &'a str, on: bool, msg: Msg) -> Element<'a, Msg> {
    let b = button(text(label).size(15)).padding([6, 10]).on_press(msg);
    if on {
        b.style(button::primary).into()
    } else {
        b.style(button::secondary).into()
    }
}

fn day(expiry: Option<chrono::NaiveDate>) -> String {
    expiry.map_or_else(|| "—".to_owned(), |d| d.format("%d/%m/%Y").to_string())
}

fn lot_line(lang: Lang, lot: &LotRow) -> String {
    format!(
        "{} · {} · {} {} · HSD {} · {} · {} · {}",
        lot.product_code,
        lot.product_name,
        w(lang, "lô", "lot"),
        lot.lot_no,
        day(lot.expiry),
        lot.qty,
        match lang {
            Lang::Vi => lot.owner.label_vi(),
            Lang::En => lot.owner.as_str(),
        },
        lot.producer_code
    )
}

/// The tab.
pub fn view(app: &App) -> Element<'_, Msg> {
    let lang = app.lang;
    let s = &app.office.stock;
    let sections = row![
        choice(
            w(lang, "Tồn theo sản phẩm", "On hand by product"),
            s.section == Section::OnHand,
            Msg::Show(Section::OnHand)
        ),
        choice(
            w(lang, "Sắp hết hàng", "Low stock"),
            s.section == Section::Low,
            Msg::Show(Section::Low)
        ),
        choice(
            w(lang, "Hạn sử dụng", "Expiry"),
            s.section == Section::Expiry,
            Msg::Show(Section::Expiry)
        ),
    ]
    .spacing(6);
    let body = match s.section {
        Section::OnHand => match &s.detail {
            Some(detail) => product(lang, s, detail),
            None => on_hand(lang, s),
        },
        Section::Low => low(lang, s),
        Section::Expiry => expiry(lang, s),
    };
    column![
        text(w(lang, "Tồn kho", "Stock")).size(24),
        sections,
        scrollable(body).height(Fill)
    ]
    .spacing(10)
    .into()
}

fn on_hand<'a>(lang: Lang, s: &'a State) -> Element<'a, Msg> {
    let mut list = Column::new().spacing(4);
    list = list.push(
        row![
            text_input(
                w(lang, "Tìm sản phẩm (tên hoặc mã)", "Find a product"),
                &s.query
            )
            .on_input(Msg::Query)
            .on_submit(Msg::Search)
            .width(400),
            button(text(w(lang, "Tìm", "Search"))).on_press(Msg::Search),
        ]
        .spacing(6),
    );
    if s.rows.is_empty() {
        list = list.push(text(w(lang, "Không có sản phẩm nào", "No products")));
    }
    for r in &s.rows {
        list = list.push(
            row![
                text(format!("{} · {}", r.code, r.name)).width(Fill),
                text(format!("{} {}", r.on_hand, r.unit)).width(140),
                text(format!("{} {}", r.lots, w(lang, "lô", "lots"))).width(80),
                button(text(w(lang, "Xem", "Open")).size(14)).on_press(Msg::Pick(r.code.clone())),
            ]
            .spacing(8),
        );
    }
    if s.more {
        list = list.push(text(w(
            lang,
            "Chỉ hiện 50 sản phẩm đầu: hãy tìm cụ thể hơn",
            "Only the first 50 products are shown: search more precisely",
        )));
    }
    list.into()
}

fn product<'a>(lang: Lang, s: &'a State, d: &'a Detail) -> Element<'a, Msg> {
    let p = &d.product;
    let mut col = Column::new().spacing(6);
    col = col.push(
        row![
            text(format!("{} · {}", p.code, p.name))
                .size(20)
                .width(Fill),
            button(text(w(lang, "Đóng", "Close"))).on_press(Msg::Unpick),
        ]
        .spacing(8),
    );
    col = col.push(text(format!(
        "{}: {} {}",
        w(lang, "Tồn kho", "On hand"),
        p.on_hand,
        p.unit
    )));
    col = col.push(text(w(lang, "Theo lô", "By lot")).size(18));
    if d.lots.is_empty() {
        col = col.push(text(w(
            lang,
            "Không có lô nào còn hàng",
            "No lot holds stock",
        )));
    }
    for lot in &d.lots {
        col = col.push(text(format!("#{} {}", lot.id, lot_line(lang, lot))));
    }
    col = col.push(text(w(lang, "Điều chỉnh tồn kho", "Adjust stock")).size(18));
    let f = &s.form;
    let mut reasons = row![].spacing(6);
    for r in AdjustReason::ALL {
        reasons = reasons.push(choice(
            reason_label(lang, r),
            f.reason == Some(r),
            Msg::AdjustReason(r),
        ));
    }
    col = col.push(reasons);
    let mut lots = row![choice(
        w(lang, "Lô tự chọn", "Lot chosen for me"),
        f.lot.is_none(),
        Msg::AdjustLot(None)
    )]
    .spacing(6);
    for lot in &d.lots {
        lots = lots.push(choice(
            &lot.lot_no,
            f.lot == Some(lot.id),
            Msg::AdjustLot(Some(lot.id)),
        ));
    }
    col = col.push(lots);
    col = col.push(
        row![
            text_input(
                w(
                    lang,
                    "Số lượng (âm để giảm, ví dụ -2)",
                    "Quantity (negative removes, e.g. -2)"
                ),
                &f.qty
            )
            .on_input(Msg::AdjustQty)
            .width(260),
            text_input(w(lang, "Ghi chú", "Note"), &f.note)
                .on_input(Msg::AdjustNote)
                .width(Fill),
            button(text(w(lang, "Ghi điều chỉnh", "Post adjustment")))
                .style(button::primary)
                .on_press(Msg::Adjust),
        ]
        .spacing(6),
    );
    col = col.push(text(w(lang, "Lịch sử nhập xuất", "Stock moves")).size(18));
    for m in &d.moves {
        col = col.push(text(format!(
            "{} · {} · {} · {}{}{}",
            m.at.get(..16).unwrap_or(&m.at).replace('T', " "),
            m.kind,
            m.qty,
            m.reference,
            if m.lot_no.is_empty() {
                String::new()
            } else {
                format!(" · {} {}", w(lang, "lô", "lot"), m.lot_no)
            },
            if m.reason.is_empty() {
                String::new()
            } else {
                format!(" · {}", m.reason)
            }
        )));
    }
    col.into()
}

fn low<'a>(lang: Lang, s: &'a State) -> Element<'a, Msg> {
    let mut col = Column::new().spacing(4);
    if s.low.is_empty() {
        col = col.push(text(w(
            lang,
            "Không có sản phẩm nào dưới mức tồn tối thiểu",
            "Nothing is at or below its reorder level",
        )));
    }
    for r in s.low.iter().take(super::PAGE) {
        let cover = r.days_of_cover.map_or_else(
            || w(lang, "không bán", "no sales").to_owned(),
            |d| format!("{d} {}", w(lang, "ngày", "days")),
        );
        col = col.push(text(format!(
            "{} · {} · {} {} {} · {} {} · {}/{} · {} {}",
            r.product_code,
            r.name,
            w(lang, "tồn", "on hand"),
            r.on_hand,
            r.unit,
            w(lang, "tối thiểu", "level"),
            r.reorder_level,
            r.daily_average,
            w(lang, "ngày", "day"),
            w(lang, "đủ bán", "cover"),
            cover
        )));
    }
    col.into()
}

fn expiry<'a>(lang: Lang, s: &'a State) -> Element<'a, Msg> {
    let mut col = Column::new().spacing(4);
    col = col.push(
        row![
            text_input(w(lang, "Số ngày tới (30)", "Days ahead (30)"), &s.days)
                .on_input(Msg::Days)
                .on_submit(Msg::LoadExpiry)
                .width(200),
            button(text(w(lang, "Xem", "Show"))).on_press(Msg::LoadExpiry),
        ]
        .spacing(6),
    );
    col = col.push(text(w(lang, "Sắp hết hạn", "Expiring soon")).size(18));
    for lot in s.expiring.iter().take(super::PAGE) {
        col = col.push(text(lot_line(lang, lot)));
    }
    col = col.push(text(w(lang, "Đã hết hạn", "Expired")).size(18));
    for lot in s.expired.iter().take(super::PAGE) {
        col = col.push(text(lot_line(lang, lot)));
    }
    col.into()
}
