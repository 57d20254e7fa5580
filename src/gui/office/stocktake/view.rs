//! What the Stock take tab draws: the scope form, the open counts, the count's lines (a page of
//! them, counted first) with their variances and values, and the totals.

use iced::widget::{Column, button, row, scrollable, text, text_input};
use iced::{Element, Fill};

use super::{Msg, State};
use crate::gui::app::App;
use crate::gui::i18n::Lang;
use crate::gui::office::stock::{PAGE, w};
use crate::store::stocktake::{Report, ReportLine};

/// The tab.
pub fn view(app: &App) -> Element<'_, Msg> {
    let lang = app.lang;
    let s = &app.office.stocktake;
    let mut col = Column::new().spacing(8);
    col = col.push(text(w(lang, "Kiểm kê", "Stock take")).size(24));
    col = col.push(scope_form(lang, s));
    if !s.drafts.is_empty() {
        let mut drafts = row![text(w(lang, "Phiếu đang đếm:", "Being counted:"))].spacing(6);
        for h in &s.drafts {
            drafts = drafts.push(
                button(text(h.number.as_str()).size(15))
                    .style(button::secondary)
                    .on_press(Msg::Resume(h.number.clone())),
            );
        }
        col = col.push(drafts);
    }
    if let Some(report) = &s.report {
        col = col.push(count(lang, s, report));
    }
    scrollable(col).height(Fill).into()
}

fn scope_form<'a>(lang: Lang, s: &'a State) -> Element<'a, Msg> {
    row![
        text_input(
            w(
                lang,
                "Mã nhà sản xuất (tùy chọn)",
                "Producer code (optional)"
            ),
            &s.producer
        )
        .on_input(Msg::Producer)
        .width(220),
        text_input(
            w(
                lang,
                "Nhóm OCOP 1–6 (tùy chọn)",
                "OCOP group 1–6 (optional)"
            ),
            &s.group
        )
        .on_input(Msg::Group)
        .width(200),
        text_input(
            w(lang, "Tên có chữ (tùy chọn)", "Name words (optional)"),
            &s.search
        )
        .on_input(Msg::Search)
        .width(220),
        button(text(w(lang, "Mở phiếu kiểm kê", "Open a stock take")))
            .style(button::primary)
            .on_press(Msg::Open),
    ]
    .spacing(6)
    .into()
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "—".to_owned(), |v| v.to_string())
}

fn line<'a>(lang: Lang, l: &'a ReportLine, open: bool) -> Element<'a, Msg> {
    let figures = format!(
        "{} {} · {} {} · {} {} · {} {}",
        w(lang, "tồn", "expected"),
        opt(l.expected_at_count.or(Some(l.expected_at_open))),
        w(lang, "đếm", "counted"),
        opt(l.counted),
        w(lang, "lệch", "variance"),
        opt(l.variance),
        w(lang, "giá trị", "value"),
        opt(l.variance_value)
    );
    let mut r = row![
        text(format!("{} · {} ({})", l.product_code, l.name, l.unit)).width(Fill),
        text(figures).width(520),
    ]
    .spacing(8);
    if open {
        r = r.push(
            button(text(w(lang, "Sửa", "Edit")).size(14))
                .on_press(Msg::Edit(l.product_code.clone(), l.counted)),
        );
    }
    r.into()
}

fn count<'a>(lang: Lang, s: &'a State, report: &'a Report) -> Element<'a, Msg> {
    let open = report.status == "draft";
    let t = &report.totals;
    let mut col = Column::new().spacing(6);
    col = col.push(
        text(format!(
            "{} {} · {} · {}",
            w(lang, "Phiếu", "Stock take"),
            report.number,
            report.scope,
            match (open, lang) {
                (true, Lang::Vi) => "đang đếm",
                (true, Lang::En) => "counting",
                (false, Lang::Vi) => "đã ghi sổ hoặc đã hủy",
                (false, Lang::En) => "posted or cancelled",
            }
        ))
        .size(18),
    );
    if open {
        col = col.push(text(w(
            lang,
            "Quét mã vạch để đếm thêm một; hoặc nhập mã và số lượng đếm được.",
            "Scan a barcode to count one more, or type a code and the quantity counted.",
        )));
        col = col.push(
            row![
                text_input(
                    w(lang, "Mã sản phẩm hoặc mã vạch", "Product code or barcode"),
                    &s.code
                )
                .on_input(Msg::Code)
                .width(280),
                text_input(w(lang, "Số lượng đếm được", "Quantity counted"), &s.qty)
                    // Enter reaches the tab as a key (`stocktake_key`): no on_submit, or it
                    // would record the count twice.
                    .on_input(Msg::Qty)
                    .width(180),
                button(text(w(lang, "Ghi số đếm", "Record count"))).on_press(Msg::SetCount),
                button(text(w(lang, "Ghi sổ kiểm kê", "Post the count")))
                    .style(button::primary)
                    .on_press(Msg::Post),
                button(text(w(lang, "Hủy phiếu", "Cancel the count")))
                    .style(button::danger)
                    .on_press(Msg::Cancel),
            ]
            .spacing(6),
        );
    }
    col = col.push(text(format!(
        "{} {}/{} · {} {} · {} {} · {} {}",
        w(lang, "Đã đếm", "Counted"),
        t.counted_lines,
        t.lines,
        w(lang, "Thiếu", "Short"),
        t.shortage_value,
        w(lang, "Thừa", "Over"),
        t.surplus_value,
        w(lang, "Chênh lệch ròng", "Net variance"),
        t.net_value
    )));
    // Counted lines first (they are what the manager checks), then what is left to count.
    let counted = report.lines.iter().filter(|l| l.counted.is_some());
    let waiting = report.lines.iter().filter(|l| l.counted.is_none());
    for l in counted.chain(waiting).take(PAGE) {
        col = col.push(line(lang, l, open));
    }
    if t.lines > PAGE {
        col = col.push(text(format!(
            "{} {} {}",
            w(lang, "Chỉ hiện 50 trên", "Showing 50 of"),
            t.lines,
            w(lang, "dòng", "lines")
        )));
    }
    col.into()
}
