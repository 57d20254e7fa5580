//! Sales pages: the overview (net sales by day, week or month, receipts, top products, points)
//! and the breakdowns by point, commune, producer, product, OCOP group and star level.

use std::collections::HashMap;

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::NaiveDate;
use rusqlite::Connection;

use super::html::{self, bar_chart, escape};
use super::i18n::Lang;
use super::{Ctx, PageError, View, show};
use crate::domain::catalog::OcopGroup;
use crate::domain::money::Vnd;
use crate::domain::qty::Qty;
use crate::export::{Cell, Column, Table};
use crate::hub::api::AppState;
use crate::hub::store::breakdown::{self, Dimension, Grain, Period, Share};

/// How many products the overview lists.
pub const TOP_PRODUCTS: usize = 10;

/// `GET /?from=&to=&by=day|week|month`.
pub async fn overview(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    show(state, headers, "/".into(), query, overview_view).await
}

/// `GET /by/{dimension}?from=&to=`.
pub async fn breakdown(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(dimension): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let path = format!("/by/{dimension}");
    show(state, headers, path, query, move |conn, ctx| {
        let dimension = Dimension::parse(&dimension)
            .ok_or_else(|| PageError::NotFound(ctx.t("Không có cách chia này.").to_owned()))?;
        breakdown_view(conn, ctx, dimension)
    })
    .await
}

fn col(ctx: &Ctx, key: &str, vi: &'static str) -> Column {
    Column::new(key, ctx.t(vi))
}

/// Share of `part` in `whole` as `12,34 %`.
fn share(part: Vnd, whole: Vnd, lang: Lang) -> Cell {
    if whole.0 <= 0 {
        return Cell::Empty;
    }
    let bp = i128::from(part.0) * 10_000 / i128::from(whole.0);
    let text = html::percent(i64::try_from(bp).unwrap_or(0), lang);
    Cell::Text(text.trim_start_matches('+').to_owned())
}

fn period_label(period: Period) -> String {
    format!("{} – {}", period.from, period.to)
}

fn overview_view(conn: &mut Connection, ctx: &Ctx) -> Result<View, PageError> {
    let period = ctx.period(conn)?;
    let grain = match ctx.param("by") {
        None => Grain::Day,
        Some(name) => Grain::parse(name).ok_or_else(|| {
            PageError::Bad(ctx.t("Ô \"by\" chỉ nhận day, week hoặc month.").to_owned())
        })?,
    };
    let slices = breakdown::over_time(conn, period, grain)?;
    let net: Vnd = slices.iter().map(|s| s.net).sum();
    let receipts: i64 = slices.iter().map(|s| s.receipts).sum();
    let refunds: i64 = slices.iter().map(|s| s.refund_receipts).sum();
    let points = breakdown::shares(conn, period, Dimension::Point)?;
    let reporting = points.iter().filter(|p| p.count > 0).count();
    let last_days: HashMap<String, Option<NaiveDate>> = breakdown::points(conn)?
        .into_iter()
        .map(|p| (p.code, p.last))
        .collect();

    let mut view = View::new(ctx.t("Tổng quan"), "overview");
    let mut select = format!("<label>{} <select name=\"by\">", ctx.t("Theo"));
    for (g, label) in [
        (Grain::Day, "Ngày"),
        (Grain::Week, "Tuần"),
        (Grain::Month, "Tháng"),
    ] {
        let chosen = if g == grain { " selected" } else { "" };
        select.push_str(&format!(
            "<option value=\"{}\"{chosen}>{}</option>",
            g.as_str(),
            ctx.t(label)
        ));
    }
    select.push_str("</select></label>");
    view.html(&ctx.period_form(period, &select));
    view.html(&format!(
        "<p>{}: <strong>{}</strong> · {}: <strong>{receipts}</strong> · {}: {refunds} · \
         {}: <strong>{reporting}</strong>/{}</p>",
        ctx.t("Doanh thu thuần"),
        escape(&net.to_string()),
        ctx.t("Hóa đơn bán"),
        ctx.t("Hóa đơn trả hàng"),
        ctx.t("Điểm đã gửi"),
        points.len(),
    ));
    let (title, first) = match grain {
        Grain::Day => ("Doanh thu thuần theo ngày", "Ngày"),
        Grain::Week => ("Doanh thu thuần theo tuần", "Tuần từ thứ Hai"),
        Grain::Month => ("Doanh thu thuần theo tháng", "Tháng"),
    };
    view.html(&format!("<h2>{}</h2>", ctx.t(title)));
    let bars: Vec<(String, Vnd)> = slices.iter().map(|s| (s.label.clone(), s.net)).collect();
    view.html(&bar_chart(ctx.t(title), &bars));
    let table = Table {
        title: format!("{} {}", ctx.t(title), period_label(period)),
        columns: vec![
            col(ctx, "period", first),
            col(ctx, "net_vnd", "Doanh thu thuần"),
            col(ctx, "vat_vnd", "Thuế GTGT"),
            col(ctx, "receipts", "Hóa đơn bán"),
            col(ctx, "refund_receipts", "Hóa đơn trả hàng"),
            col(ctx, "points", "Điểm đã gửi"),
        ],
        rows: slices
            .iter()
            .map(|s| {
                vec![
                    Cell::Text(s.label.clone()),
                    Cell::Money(s.net),
                    Cell::Money(s.vat),
                    Cell::Integer(s.receipts),
                    Cell::Integer(s.refund_receipts),
                    Cell::Integer(s.points),
                ]
            })
            .collect(),
    };
    view.table(ctx, "time", table, None);

    view.html(&format!("<h2>{}</h2>", ctx.t("Sản phẩm bán chạy")));
    let (mut top, _) = shares_table(ctx, period, Dimension::Product, conn)?;
    top.rows.truncate(TOP_PRODUCTS);
    view.table(ctx, "top", top, None);

    view.html(&format!("<h2>{}</h2>", ctx.t("Điểm bán")));
    let table = Table {
        title: format!("{} {}", ctx.t("Điểm bán"), period_label(period)),
        columns: vec![
            col(ctx, "code", "Mã"),
            col(ctx, "name", "Tên"),
            col(ctx, "kind", "Loại"),
            col(ctx, "last_business_date", "Ngày gửi gần nhất"),
            col(ctx, "days", "Ngày đã gửi"),
            col(ctx, "net_vnd", "Doanh thu thuần"),
        ],
        rows: points
            .iter()
            .map(|p| {
                let last = last_days
                    .get(&p.key)
                    .copied()
                    .flatten()
                    .map_or_else(|| ctx.t("chưa gửi").to_owned(), |d| d.to_string());
                vec![
                    Cell::Text(p.key.clone()),
                    Cell::Text(p.name.clone()),
                    Cell::Text(ctx.lang.point_kind(&p.detail).to_owned()),
                    Cell::Text(last),
                    Cell::Integer(p.count),
                    Cell::Money(p.net),
                ]
            })
            .collect(),
    };
    view.table(ctx, "points", table, Some((0, "/points/")));
    Ok(view)
}

fn title(dimension: Dimension) -> &'static str {
    match dimension {
        Dimension::Point => "Theo điểm bán",
        Dimension::Commune => "Theo xã/phường",
        Dimension::Producer => "Theo chủ thể",
        Dimension::Product => "Theo sản phẩm",
        Dimension::Group => "Theo nhóm OCOP",
        Dimension::Stars => "Theo hạng sao",
    }
}

fn key_label(ctx: &Ctx, dimension: Dimension, s: &Share) -> String {
    let unknown = match dimension {
        Dimension::Group => "chưa phân nhóm",
        Dimension::Stars => "chưa xếp hạng",
        _ => "chưa rõ",
    };
    if s.key.is_empty() {
        return format!("({})", ctx.t(unknown));
    }
    match dimension {
        Dimension::Group => {
            let name = s
                .key
                .parse::<u8>()
                .ok()
                .and_then(OcopGroup::new)
                .map_or("", OcopGroup::name_vi);
            format!("{} {} – {}", ctx.t("Nhóm"), s.key, ctx.t(name))
        }
        Dimension::Stars => format!("{} ★", s.key),
        _ => s.key.clone(),
    }
}

/// The shares table of one dimension over `period`, and the net sales it sums to.
fn shares_table(
    ctx: &Ctx,
    period: Period,
    dimension: Dimension,
    conn: &Connection,
) -> Result<(Table, Vnd), PageError> {
    let rows = breakdown::shares(conn, period, dimension)?;
    let total: Vnd = rows.iter().map(|r| r.net).sum();
    let (key, name, detail, count) = match dimension {
        Dimension::Point => ("Mã", Some("Tên"), Some("Loại"), "Ngày đã gửi"),
        Dimension::Commune => ("Mã xã/phường", None, Some("Mã tỉnh"), "Điểm đã gửi"),
        Dimension::Producer => ("Mã chủ thể", Some("Tên chủ thể"), None, "Điểm có bán"),
        Dimension::Product => ("Mã sản phẩm", Some("Tên"), Some("Đơn vị"), "Điểm có bán"),
        Dimension::Group => ("Nhóm OCOP", None, None, "Điểm có bán"),
        Dimension::Stars => ("Hạng sao", None, None, "Điểm có bán"),
    };
    let receipts = matches!(dimension, Dimension::Point | Dimension::Commune);
    let qty = dimension == Dimension::Product;
    let mut columns = vec![col(ctx, "key", key)];
    columns.extend(name.map(|n| col(ctx, "name", n)));
    columns.extend(detail.map(|d| col(ctx, "detail", d)));
    columns.push(col(ctx, "count", count));
    if receipts {
        columns.push(col(ctx, "receipts", "Hóa đơn bán"));
    }
    if qty {
        columns.push(col(ctx, "qty", "Số lượng"));
    }
    columns.extend([
        col(ctx, "net_vnd", "Doanh thu thuần"),
        col(ctx, "vat_vnd", "Thuế GTGT"),
        col(ctx, "share", "Tỷ trọng"),
    ]);
    let rows = rows
        .iter()
        .map(|s| {
            let mut row = vec![Cell::Text(key_label(ctx, dimension, s))];
            if name.is_some() {
                row.push(Cell::Text(s.name.clone()));
            }
            if detail.is_some() {
                let text = if dimension == Dimension::Point {
                    ctx.lang.point_kind(&s.detail).to_owned()
                } else {
                    s.detail.clone()
                };
                row.push(Cell::Text(text));
            }
            row.push(Cell::Integer(s.count));
            if receipts {
                row.push(Cell::Integer(s.receipts.unwrap_or(0)));
            }
            if qty {
                row.push(Cell::Qty(Qty(s.qty_milli.unwrap_or(0))));
            }
            row.extend([
                Cell::Money(s.net),
                Cell::Money(s.vat),
                share(s.net, total, ctx.lang),
            ]);
            row
        })
        .collect();
    let table = Table {
        title: format!("{} {}", ctx.t(title(dimension)), period_label(period)),
        columns,
        rows,
    };
    Ok((table, total))
}

fn breakdown_view(
    conn: &mut Connection,
    ctx: &Ctx,
    dimension: Dimension,
) -> Result<View, PageError> {
    let period = ctx.period(conn)?;
    let mut view = View::new(
        ctx.t(title(dimension)),
        &format!("by-{}", dimension.as_str()),
    );
    view.html(&ctx.period_form(period, ""));
    let (table, total) = shares_table(ctx, period, dimension, conn)?;
    view.html(&format!(
        "<p>{}: <strong>{}</strong></p>",
        ctx.t("Doanh thu thuần"),
        escape(&total.to_string())
    ));
    let bars: Vec<(String, Vnd)> = table
        .rows
        .iter()
        .take(30)
        .filter_map(|r| match (r.first(), r.iter().rev().nth(2)) {
            (Some(Cell::Text(label)), Some(Cell::Money(net))) => Some((label.clone(), *net)),
            _ => None,
        })
        .collect();
    view.html(&bar_chart(ctx.t(title(dimension)), &bars));
    let link = (dimension == Dimension::Point).then_some((0, "/points/"));
    view.table(ctx, "shares", table, link);
    Ok(view)
}
