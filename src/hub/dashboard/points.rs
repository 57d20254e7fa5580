//! Point pages: the points that have not reported for N days, and one point's history.

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use rusqlite::Connection;

use super::html::{bar_chart, escape};
use super::{Ctx, PageError, View, show};
use crate::domain::money::Vnd;
use crate::export::{Cell, Column, Table};
use crate::hub::api::AppState;
use crate::hub::store::breakdown;

/// Days without a report before a point is listed, when the query does not say.
pub const DEFAULT_SILENT_DAYS: i64 = 3;

/// `GET /silent?days=N&on=YYYY-MM-DD`.
pub async fn silent(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    show(state, headers, "/silent".into(), query, silent_view).await
}

/// `GET /points/{code}?from=&to=`.
pub async fn history(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let path = format!("/points/{code}");
    show(state, headers, path, query, move |conn, ctx| {
        history_view(conn, ctx, &code)
    })
    .await
}

fn col(ctx: &Ctx, key: &str, vi: &'static str) -> Column {
    Column::new(key, ctx.t(vi))
}

fn silent_view(conn: &mut Connection, ctx: &Ctx) -> Result<View, PageError> {
    let days = match ctx.param("days") {
        None => DEFAULT_SILENT_DAYS,
        Some(text) => text
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=3660).contains(n))
            .ok_or_else(|| {
                PageError::Bad(
                    ctx.t("Ô \"days\" phải là số ngày từ 1 đến 3660.")
                        .to_owned(),
                )
            })?,
    };
    let on = ctx.date("on")?.unwrap_or_else(|| ctx.today());
    let quiet = breakdown::silent(conn, on, days)?;
    let mut view = View::new(ctx.t("Điểm chưa gửi"), "silent");
    view.html(&format!(
        "<form method=\"get\" action=\"/silent\"><label>{} <input type=\"number\" name=\"days\" \
         min=\"1\" max=\"3660\" value=\"{days}\"></label> <label>{} <input type=\"date\" \
         name=\"on\" value=\"{on}\"></label> <button>{}</button></form>\
         <p>{} <strong>{}</strong></p>",
        ctx.t("Số ngày không gửi"),
        ctx.t("Tính đến ngày"),
        ctx.t("Xem"),
        ctx.t("Số điểm:"),
        quiet.len(),
    ));
    let table = Table {
        title: format!("{} ({days}, {on})", ctx.t("Điểm chưa gửi")),
        columns: vec![
            col(ctx, "code", "Mã"),
            col(ctx, "name", "Tên"),
            col(ctx, "kind", "Loại"),
            col(ctx, "commune", "Mã xã/phường"),
            col(ctx, "last_business_date", "Ngày gửi gần nhất"),
            col(ctx, "days_silent", "Số ngày không gửi"),
        ],
        rows: quiet
            .iter()
            .map(|p| {
                vec![
                    Cell::Text(p.code.clone()),
                    Cell::Text(p.name.clone()),
                    Cell::Text(ctx.lang.point_kind(&p.kind).to_owned()),
                    Cell::Text(p.commune.clone()),
                    p.last.map_or_else(
                        || Cell::Text(ctx.t("chưa gửi").to_owned()),
                        |d| Cell::Text(d.to_string()),
                    ),
                    p.last
                        .map_or(Cell::Empty, |d| Cell::Integer((on - d).num_days())),
                ]
            })
            .collect(),
    };
    view.table(ctx, "silent", table, Some((0, "/points/")));
    Ok(view)
}

fn history_view(conn: &mut Connection, ctx: &Ctx, code: &str) -> Result<View, PageError> {
    let point = breakdown::point(conn, code)?
        .ok_or_else(|| PageError::NotFound(format!("{} {code}", ctx.t("Không có điểm bán"))))?;
    let period = ctx.period(conn)?;
    let days = breakdown::point_days(conn, code, period)?;
    let net: Vnd = days.iter().map(|d| d.net).sum();
    let receipts: i64 = days.iter().map(|d| d.receipts).sum();
    let mut view = View::new(
        &format!("{} — {}", point.code, point.name),
        &format!("point-{}", point.code),
    );
    view.html(&format!(
        "<p>{}: {} · {}: {} · {}: {} · {}: {}</p>",
        ctx.t("Loại"),
        escape(ctx.lang.point_kind(&point.kind)),
        ctx.t("Mã tỉnh"),
        escape(&point.province),
        ctx.t("Mã xã/phường"),
        escape(&point.commune),
        ctx.t("Ngày gửi gần nhất"),
        point
            .last
            .map_or_else(|| ctx.t("chưa gửi").to_owned(), |d| d.to_string()),
    ));
    view.html(&ctx.period_form(period, ""));
    view.html(&format!(
        "<p>{}: <strong>{}</strong> · {}: <strong>{receipts}</strong> · {}: {}</p>",
        ctx.t("Doanh thu thuần"),
        escape(&net.to_string()),
        ctx.t("Hóa đơn bán"),
        ctx.t("Ngày đã gửi"),
        days.len(),
    ));
    let bars: Vec<(String, Vnd)> = days.iter().map(|d| (d.date.clone(), d.net)).collect();
    view.html(&bar_chart(ctx.t("Doanh thu thuần theo ngày"), &bars));
    let table = Table {
        title: format!(
            "{} {} {} – {}",
            point.code,
            ctx.t("theo ngày"),
            period.from,
            period.to
        ),
        columns: vec![
            col(ctx, "business_date", "Ngày"),
            col(ctx, "revision", "Lần gửi"),
            col(ctx, "receipts", "Hóa đơn bán"),
            col(ctx, "refund_receipts", "Hóa đơn trả hàng"),
            col(ctx, "gross_vnd", "Doanh thu gộp"),
            col(ctx, "discount_vnd", "Giảm giá"),
            col(ctx, "refund_vnd", "Trả hàng"),
            col(ctx, "net_vnd", "Doanh thu thuần"),
            col(ctx, "vat_vnd", "Thuế GTGT"),
            col(ctx, "received_at", "Nhận lúc (UTC)"),
        ],
        rows: days
            .iter()
            .rev()
            .map(|d| {
                vec![
                    Cell::Text(d.date.clone()),
                    Cell::Integer(d.revision),
                    Cell::Integer(d.receipts),
                    Cell::Integer(d.refund_receipts),
                    Cell::Money(d.gross),
                    Cell::Money(d.discount),
                    Cell::Money(d.refund),
                    Cell::Money(d.net),
                    Cell::Money(d.vat),
                    Cell::Text(d.received_at.clone()),
                ]
            })
            .collect(),
    };
    view.table(ctx, "days", table, None);
    Ok(view)
}
