//! The reports tab on screen: the period, the breakdown, the totals, a chart, the rows, exports.

use iced::widget::{button, column, container, progress_bar, row, scrollable, text, text_input};
use iced::{Element, Fill, FillPortion};

use super::chart::chart;
use super::{Export, Msg, Step, count, extension};
use crate::domain::money::Vnd;
use crate::export::Format;
use crate::gui::app::App;
use crate::gui::i18n::Lang;
use crate::gui::i18n::report_labels::row_label;
use crate::store::sales_report::{By, Row};

/// Bars in the chart at most.
const BARS: usize = 12;

fn by_label(by: By, lang: Lang) -> &'static str {
    match (lang, by) {
        (Lang::Vi, By::Day) => "Theo ngày",
        (Lang::Vi, By::Product) => "Theo sản phẩm",
        (Lang::Vi, By::Producer) => "Theo nhà sản xuất",
        (Lang::Vi, By::Group) => "Theo nhóm OCOP",
        (Lang::Vi, By::Stars) => "Theo hạng sao",
        (Lang::Vi, By::Method) => "Theo thanh toán",
        (Lang::Vi, By::Clerk) => "Theo thu ngân",
        (Lang::Vi, By::Hour) => "Theo giờ",
        (Lang::En, By::Day) => "By day",
        (Lang::En, By::Product) => "By product",
        (Lang::En, By::Producer) => "By producer",
        (Lang::En, By::Group) => "By OCOP group",
        (Lang::En, By::Stars) => "By stars",
        (Lang::En, By::Method) => "By payment",
        (Lang::En, By::Clerk) => "By clerk",
        (Lang::En, By::Hour) => "By hour",
    }
}

fn money(v: Option<Vnd>) -> String {
    v.map_or_else(|| "—".to_owned(), |v| v.to_string())
}

/// A row label: the key too where the label alone is ambiguous (products, producers).
fn label(by: By, r: &Row, lang: Lang) -> String {
    let name = row_label(by, r, lang);
    match by {
        By::Product | By::Producer if !r.key.is_empty() => format!("{} {name}", r.key),
        // The key is the ISO date; the label only its weekday.
        By::Day => match chrono::NaiveDate::parse_from_str(&r.key, "%Y-%m-%d") {
            Ok(date) => format!("{} {name}", date.format("%d/%m/%Y")),
            Err(_) => format!("{} {name}", r.key),
        },
        _ => name,
    }
}

fn cells<'a>(cells: Vec<String>) -> Element<'a, Msg> {
    let mut line = row![].spacing(6);
    for (i, cell) in cells.into_iter().enumerate() {
        let width = if i == 0 {
            FillPortion(4)
        } else {
            FillPortion(2)
        };
        line = line.push(container(text(cell).size(14)).width(width));
    }
    line.into()
}

fn figures(by: By, r: &Row, lang: Lang) -> Vec<String> {
    let mut out = vec![
        label(by, r, lang),
        r.receipts.to_string(),
        r.refund_receipts.to_string(),
    ];
    if by == By::Product {
        out.push(r.qty.map_or_else(String::new, |q| q.to_string()));
    }
    out.extend([
        money(r.gross),
        money(r.discount),
        r.refunds.to_string(),
        r.net.to_string(),
        money(r.vat),
    ]);
    out
}

/// The tab.
pub fn view(app: &App) -> Element<'_, Msg> {
    let lang = app.lang;
    let vi = lang == Lang::Vi;
    let t = |v: &'static str, e: &'static str| if vi { v } else { e };
    let state = &app.office.reports;
    let by = state.by.unwrap_or(By::Day);
    let period = row![
        text(t("Từ ngày", "From")).size(16),
        text_input("01/11/2026", &state.from)
            .on_input(Msg::FromInput)
            .on_submit(Msg::Show)
            .width(140)
            .padding(6),
        text(t("đến ngày", "to")).size(16),
        text_input("30/11/2026", &state.to)
            .on_input(Msg::ToInput)
            .on_submit(Msg::Show)
            .width(140)
            .padding(6),
        button(text(t("Xem", "Show"))).on_press(Msg::Show),
        button(text(t("Tháng này", "This month")))
            .style(button::secondary)
            .on_press(Msg::ThisMonth),
        button(text(t("Tháng trước", "Last month")))
            .style(button::secondary)
            .on_press(Msg::LastMonth),
    ]
    .spacing(8)
    .align_y(iced::Center);
    let mut breakdowns = row![].spacing(6);
    for b in By::ALL {
        let label = button(text(by_label(b, lang)).size(14)).padding([6, 10]);
        breakdowns = breakdowns.push(if b == by {
            label.style(button::primary)
        } else {
            label.style(button::secondary).on_press(Msg::Breakdown(b))
        });
    }
    let exporting = matches!(state.export, Some(Export::Running(..)));
    let mut exports = row![
        button(text(t("Xuất CSV", "Export CSV")))
            .on_press_maybe((!exporting).then_some(Msg::Export(Format::Csv))),
        button(text(t("Xuất Excel", "Export Excel")))
            .on_press_maybe((!exporting).then_some(Msg::Export(Format::Xlsx))),
    ]
    .spacing(8)
    .align_y(iced::Center);
    match &state.export {
        Some(Export::Running(format, step)) => {
            exports = exports.push(progress(lang, extension(*format), *step));
        }
        Some(Export::Done(path, rows)) => {
            let rows = count(*rows, lang);
            exports = exports.push(text(if vi {
                format!("Đã xuất {rows} dòng: {}", path.display())
            } else {
                format!("Exported {rows} rows: {}", path.display())
            }));
        }
        None => {}
    }
    let mut page = column![
        text(t("Báo cáo bán hàng", "Sales reports")).size(24),
        period,
        scrollable(breakdowns).direction(scrollable::Direction::Horizontal(
            scrollable::Scrollbar::default()
        )),
        exports,
    ]
    .spacing(10);
    let Some(report) = &state.report else {
        return page.into();
    };
    let totals = &report.totals;
    page = page.push(
        text(if vi {
            format!(
                "{}: doanh thu thuần {}, {} hóa đơn bán, {} hóa đơn hoàn, chiết khấu {}, hoàn trả {}, thuế GTGT {}",
                report.period,
                totals.net,
                totals.receipts,
                totals.refund_receipts,
                money(totals.discount),
                totals.refunds,
                money(totals.vat)
            )
        } else {
            format!(
                "{}: net sales {}, {} sale receipts, {} refund receipts, discounts {}, refunds {}, VAT {}",
                report.period,
                totals.net,
                totals.receipts,
                totals.refund_receipts,
                money(totals.discount),
                totals.refunds,
                money(totals.vat)
            )
        })
        .size(16),
    );
    if report.rows.is_empty() {
        return page
            .push(text(t(
                "Không có bán hàng trong khoảng này",
                "No sales in this period",
            )))
            .into();
    }
    page = page.push(chart(
        t("Doanh thu thuần", "Net sales"),
        bars(by, &report.rows, totals.net, lang),
    ));
    let mut head = vec![
        t("Nhóm", "Row").to_owned(),
        t("HĐ bán", "Sales").to_owned(),
        t("HĐ hoàn", "Refunds").to_owned(),
    ];
    if by == By::Product {
        head.push(t("Số lượng", "Quantity").to_owned());
    }
    for h in [
        t("Gộp", "Gross"),
        t("Chiết khấu", "Discount"),
        t("Hoàn trả", "Refunded"),
        t("Thuần", "Net"),
        t("Thuế GTGT", "VAT"),
    ] {
        head.push(h.to_owned());
    }
    let mut table = column![cells(head)].spacing(4);
    for r in report.rows.iter().take(state.shown) {
        table = table.push(cells(figures(by, r, lang)));
    }
    let mut total_cells = figures(by, totals, lang);
    total_cells[0] = t("Tổng cộng", "Total").to_owned();
    table = table.push(cells(total_cells));
    page = page.push(container(table).width(Fill));
    if state.shown < report.rows.len() {
        page = page.push(
            button(text(if vi {
                format!("Xem thêm ({} / {})", state.shown, report.rows.len())
            } else {
                format!("More ({} / {})", state.shown, report.rows.len())
            }))
            .on_press(Msg::More),
        );
    }
    scrollable(page).into()
}

/// An export under way: what it is doing, a bar, and the rows written of all.
fn progress<'a>(lang: Lang, ext: &str, step: Step) -> Element<'a, Msg> {
    let vi = lang == Lang::Vi;
    let ext = ext.to_uppercase();
    let doing = text(if vi {
        format!("Đang xuất {ext}…")
    } else {
        format!("Exporting {ext}…")
    });
    let (written, total) = match step {
        Step::Reading => {
            let reading = if vi {
                "Đang đọc số liệu bán hàng của khoảng thời gian…"
            } else {
                "Reading the period's sales…"
            };
            return row![doing, text(reading)].spacing(8).into();
        }
        Step::Writing { written, total } => (written, total),
        Step::Saving => (1, 1),
    };
    // Floats only to draw the bar; the figures shown are the integer counts.
    let bar = progress_bar(0.0..=total.max(1) as f32, written as f32)
        .length(220)
        .girth(14);
    let figure = match step {
        Step::Saving if vi => format!("Đang lưu tệp {ext}…"),
        Step::Saving => format!("Saving the {ext} file…"),
        _ if vi => format!(
            "Đã xuất {} / {} dòng",
            count(written, lang),
            count(total, lang)
        ),
        _ => format!(
            "Written {} / {} rows",
            count(written, lang),
            count(total, lang)
        ),
    };
    row![doing, bar, text(figure)]
        .spacing(8)
        .align_y(iced::Center)
        .into()
}

/// The chart's bars: days and hours in order, groups and stars with their share of the total,
/// the others the largest first (as the rows are sorted).
fn bars(by: By, rows: &[Row], total: Vnd, lang: Lang) -> Vec<(String, i64, String)> {
    let share = |net: Vnd| {
        if total.0 <= 0 {
            return String::new();
        }
        let tenths = i128::from(net.0) * 1000 / i128::from(total.0);
        format!(" ({},{}%)", tenths / 10, (tenths % 10).abs())
    };
    let take = match by {
        By::Day | By::Hour => rows.len().min(31),
        _ => rows.len().min(BARS),
    };
    rows.iter()
        .take(take)
        .map(|r| {
            let figure = match by {
                By::Group | By::Stars | By::Method => format!("{}{}", r.net, share(r.net)),
                _ => r.net.to_string(),
            };
            (label(by, r, lang), r.net.0, figure)
        })
        .collect()
}
