//! An event's page: the lift at its points against their baseline window, the same for the
//! other points, the difference in differences, a chart of both groups day by day with the event
//! shaded, and both tables for download.

use rusqlite::Connection;

use super::events::{kind_label, products_text};
use super::html::{Series, escape, line_chart, percent};
use super::i18n::Lang;
use super::{Ctx, PageError, View};
use crate::domain::money::Vnd;
use crate::export::{Cell, Column, Table};
use crate::hub::store::events::Event;
use crate::hub::store::lift;

fn bp_cell(bp: Option<i64>, lang: Lang) -> Cell {
    bp.map_or(Cell::Empty, |bp| Cell::Text(percent(bp, lang)))
}

/// The event's page: what it is, its lift against the baseline and the other points, the
/// chart, and both tables.
pub fn page(conn: &mut Connection, ctx: &Ctx, event: &Event) -> Result<View, PageError> {
    let measured = lift::Event {
        start: event.start,
        end: event.end,
        points: event.points.clone(),
        products: event.products.clone(),
    };
    let result = lift::measure(conn, &measured)?;
    let days = lift::daily(conn, &measured)?;
    let (base_from, base_to) = measured.baseline();
    let mut view = View::new(&event.name, &format!("event-{}", event.id));
    view.html(&format!(
        "<p>{}: {} · {}: {} – {} · {}: {} – {}</p><p>{}: {}</p><p>{}: {}</p>",
        ctx.t("Loại"),
        ctx.t(kind_label(event.kind)),
        ctx.t("Sự kiện"),
        event.start,
        event.end,
        ctx.t("Kỳ gốc"),
        base_from,
        base_to,
        ctx.t("Điểm bán tham gia"),
        event
            .points
            .iter()
            .map(|p| format!("<a href=\"/points/{c}\">{c}</a>", c = escape(p)))
            .collect::<Vec<_>>()
            .join(", "),
        ctx.t("Sản phẩm xúc tiến"),
        escape(&products_text(ctx, event)),
    ));
    let na = ctx.t("không tính được (kỳ gốc không có doanh thu)");
    let text = |bp: Option<i64>| bp.map_or_else(|| na.to_owned(), |bp| percent(bp, ctx.lang));
    view.html(&format!(
        "<h2>{}</h2><p>{}: <strong>{}</strong> · {}: <strong>{}</strong> · \
         {}: <strong>{}</strong></p>",
        ctx.t("Hiệu quả"),
        ctx.t("Tăng trưởng tại điểm tham gia"),
        text(result.event.lift_bp),
        ctx.t("Tăng trưởng tại điểm khác"),
        text(result.comparison.lift_bp),
        ctx.t("Chênh lệch kép (DiD)"),
        text(result.diff_in_diff_bp),
    ));
    let group_row = |name: String, g: &lift::Group| {
        vec![
            Cell::Text(name),
            Cell::Money(g.baseline),
            Cell::Money(g.during),
            Cell::Money(Vnd(g.during.0.saturating_sub(g.baseline.0))),
            bp_cell(g.lift_bp, ctx.lang),
            g.lift_bp.map_or(Cell::Empty, Cell::Integer),
        ]
    };
    let table = Table {
        title: format!("{} — {}", event.name, ctx.t("Hiệu quả")),
        columns: vec![
            Column::new("group", ctx.t("Nhóm")),
            Column::new("baseline_vnd", ctx.t("Kỳ gốc (TB/điểm/ngày)")),
            Column::new("during_vnd", ctx.t("Trong sự kiện (TB/điểm/ngày)")),
            Column::new("change_vnd", ctx.t("Chênh lệch")),
            Column::new("lift", ctx.t("Tăng trưởng")),
            Column::new("lift_bp", ctx.t("Tăng trưởng (điểm cơ bản)")),
        ],
        rows: vec![
            group_row(
                format!("{} ({})", ctx.t("Điểm tham gia"), event.points.len()),
                &result.event,
            ),
            group_row(ctx.t("Điểm khác").to_owned(), &result.comparison),
            vec![
                Cell::Text(ctx.t("Chênh lệch kép (DiD)").to_owned()),
                Cell::Empty,
                Cell::Empty,
                Cell::Money(result.diff_in_diff),
                bp_cell(result.diff_in_diff_bp, ctx.lang),
                result.diff_in_diff_bp.map_or(Cell::Empty, Cell::Integer),
            ],
        ],
    };
    view.table(ctx, "lift", table, None);

    view.html(&format!(
        "<h2>{}</h2>",
        ctx.t("Doanh thu thuần theo ngày (TB/điểm)")
    ));
    let labels: Vec<String> = days.iter().map(|d| d.date.to_string()).collect();
    let first_during = days.iter().position(|d| d.during);
    let series = [
        Series {
            name: ctx.t("Điểm tham gia"),
            color: "#c62828",
            values: days.iter().map(|d| d.event).collect(),
        },
        Series {
            name: ctx.t("Điểm khác"),
            color: "#1565c0",
            values: days.iter().map(|d| d.comparison).collect(),
        },
    ];
    let mark = first_during.map(|f| (f, days.len().saturating_sub(1)));
    view.html(&line_chart(
        ctx.t("Doanh thu thuần theo ngày (TB/điểm)"),
        &labels,
        &series,
        mark,
        ctx.t("Sự kiện"),
    ));
    let table = Table {
        title: format!("{} — {}", event.name, ctx.t("theo ngày")),
        columns: vec![
            Column::new("business_date", ctx.t("Ngày")),
            Column::new("window", ctx.t("Kỳ")),
            Column::new("event_mean_vnd", ctx.t("Điểm tham gia (TB/điểm)")),
            Column::new("comparison_mean_vnd", ctx.t("Điểm khác (TB/điểm)")),
        ],
        rows: days
            .iter()
            .map(|d| {
                let window = if d.during {
                    "Sự kiện"
                } else {
                    "Kỳ gốc"
                };
                vec![
                    Cell::Text(d.date.to_string()),
                    Cell::Text(ctx.t(window).to_owned()),
                    d.event.map_or(Cell::Empty, Cell::Money),
                    d.comparison.map_or(Cell::Empty, Cell::Money),
                ]
            })
            .collect(),
    };
    view.table(ctx, "daily", table, None);
    view.html(&format!(
        "<form method=\"post\" action=\"/events/{}/delete\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{}\"><button>{}</button></form>",
        event.id,
        escape(&ctx.session.csrf),
        ctx.t("Xóa sự kiện"),
    ));
    Ok(view)
}
