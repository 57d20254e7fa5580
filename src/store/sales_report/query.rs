//! The SQL behind the sales reports: one aggregate query per breakdown, plus the totals.
//!
//! Receipt-level breakdowns (day, clerk, hour) sum the sales rows as the day report does; product,
//! producer, group and stars sum the receipt lines (whose amounts add up to their sale's, which
//! `check` verifies); methods sum the payments (which add up to the sale's total, likewise).

use chrono::{Datelike, NaiveDate, Weekday};
use rusqlite::{Connection, Row as SqlRow};

use super::{By, Period, Row};
use crate::domain::catalog::OcopGroup;
use crate::domain::money::Vnd;
use crate::domain::payment::Method;
use crate::domain::qty::Qty;
use crate::store::Error;

/// Figures summed over sales rows `s`, in the column order `read` expects after key and label.
const SALE_FIGURES: &str = "COALESCE(SUM(s.kind = 'sale'), 0), COALESCE(SUM(s.kind = 'refund'), 0),
    NULL,
    COALESCE(SUM(CASE WHEN s.kind = 'sale' THEN s.gross_vnd ELSE 0 END), 0),
    COALESCE(SUM(CASE WHEN s.kind = 'sale' THEN s.discount_vnd ELSE 0 END), 0),
    COALESCE(-SUM(CASE WHEN s.kind = 'refund' THEN s.total_vnd ELSE 0 END), 0),
    COALESCE(SUM(s.total_vnd), 0), COALESCE(SUM(s.vat_vnd), 0)";

/// Figures summed over receipt lines `l` of sales `s`; `{qty}` is the quantity column or NULL.
const LINE_FIGURES: &str = "COUNT(DISTINCT CASE WHEN s.kind = 'sale' THEN s.id END),
    COUNT(DISTINCT CASE WHEN s.kind = 'refund' THEN s.id END),
    {qty},
    SUM(CASE WHEN s.kind = 'sale' THEN l.gross_vnd ELSE 0 END),
    SUM(CASE WHEN s.kind = 'sale' THEN l.line_discount_vnd + l.order_discount_vnd ELSE 0 END),
    -SUM(CASE WHEN s.kind = 'refund' THEN l.net_vnd ELSE 0 END),
    SUM(l.net_vnd), SUM(l.vat_vnd)";

const IN_PERIOD: &str = "s.business_date BETWEEN ?1 AND ?2";

/// The totals of the period, from the sales rows.
pub(super) fn totals(conn: &Connection, period: Period) -> Result<Row, Error> {
    let sql = format!("SELECT '*', 'Tổng cộng', {SALE_FIGURES} FROM sales s WHERE {IN_PERIOD}");
    let mut stmt = conn.prepare_cached(&sql)?;
    Ok(stmt.query_row(dates(period), read)?)
}

/// The rows of the breakdown, unsorted.
pub(super) fn rows(conn: &Connection, by: By, period: Period) -> Result<Vec<Row>, Error> {
    let sql = match by {
        By::Day => sale_level("s.business_date", "NULL", "", "s.business_date"),
        By::Hour => sale_level(
            "substr(s.completed_at, 12, 2)",
            "NULL",
            "",
            "substr(s.completed_at, 12, 2)",
        ),
        By::Clerk => sale_level(
            "COALESCE(u.name, CAST(s.user_id AS TEXT))",
            "u.name",
            "LEFT JOIN users u ON u.id = s.user_id",
            "s.user_id",
        ),
        // The name of the newest line goes with the code: with exactly one MAX() aggregate,
        // SQLite takes bare columns from the row that holds the maximum.
        By::Product => line_level(
            "l.product_code",
            "l.name",
            "",
            "l.product_code",
            "SUM(l.qty_milli)",
            ", MAX(l.id)",
        ),
        By::Producer => line_level(
            "COALESCE(pr.code, '')",
            "pr.name",
            "LEFT JOIN products p ON p.id = l.product_id
             LEFT JOIN producers pr ON pr.id = p.producer_id",
            "pr.id",
            "NULL",
            "",
        ),
        By::Group => line_level(
            "COALESCE(CAST(p.ocop_group AS TEXT), '')",
            "NULL",
            "LEFT JOIN products p ON p.id = l.product_id",
            "p.ocop_group",
            "NULL",
            "",
        ),
        By::Stars => line_level(
            "COALESCE(CAST(l.stars AS TEXT), '')",
            "NULL",
            "",
            "l.stars",
            "NULL",
            "",
        ),
        By::Method => format!(
            "SELECT p.method, NULL,
                 COUNT(DISTINCT CASE WHEN s.kind = 'sale' THEN s.id END),
                 COUNT(DISTINCT CASE WHEN s.kind = 'refund' THEN s.id END),
                 NULL, NULL, NULL,
                 -SUM(CASE WHEN s.kind = 'refund' THEN p.amount_vnd ELSE 0 END),
                 SUM(p.amount_vnd), NULL
             FROM sales s JOIN payments p ON p.sale_id = s.id
             WHERE {IN_PERIOD} GROUP BY p.method"
        ),
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map(dates(period), read)?
        .map(|row| row.map(|r| labelled(by, r)))
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

fn sale_level(key: &str, label: &str, join: &str, group: &str) -> String {
    format!(
        "SELECT {key}, {label}, {SALE_FIGURES} FROM sales s {join}
         WHERE {IN_PERIOD} GROUP BY {group}"
    )
}

fn line_level(key: &str, label: &str, join: &str, group: &str, qty: &str, extra: &str) -> String {
    let figures = LINE_FIGURES.replace("{qty}", qty);
    format!(
        "SELECT {key}, {label}, {figures}{extra}
         FROM sales s JOIN sale_lines l ON l.sale_id = s.id {join}
         WHERE {IN_PERIOD} GROUP BY {group}"
    )
}

fn dates(period: Period) -> [String; 2] {
    [period.from.to_string(), period.to.to_string()]
}

fn read(r: &SqlRow<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        key: r.get(0)?,
        label: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
        receipts: r.get(2)?,
        refund_receipts: r.get(3)?,
        qty: r.get::<_, Option<i64>>(4)?.map(Qty),
        gross: r.get::<_, Option<i64>>(5)?.map(Vnd),
        discount: r.get::<_, Option<i64>>(6)?.map(Vnd),
        refunds: Vnd(r.get(7)?),
        net: Vnd(r.get(8)?),
        vat: r.get::<_, Option<i64>>(9)?.map(Vnd),
    })
}

/// Fills in the labels the database does not hold.
fn labelled(by: By, mut row: Row) -> Row {
    if !row.label.is_empty() {
        return row;
    }
    row.label = match by {
        By::Day => NaiveDate::parse_from_str(&row.key, "%Y-%m-%d")
            .map(|d| weekday_vi(d.weekday()).to_owned())
            .unwrap_or_default(),
        By::Hour => format!("{0}:00–{0}:59", row.key),
        By::Group => match row.key.parse().ok().and_then(OcopGroup::new) {
            Some(group) => group.name_vi().to_owned(),
            None => "Chưa phân nhóm OCOP".to_owned(),
        },
        By::Stars if row.key.is_empty() => "Chưa xếp hạng sao".to_owned(),
        By::Stars => format!("{} sao", row.key),
        By::Method => row
            .key
            .parse::<Method>()
            .map_or_else(|_| row.key.clone(), |m| m.label_vi().to_owned()),
        By::Producer => "Không rõ nhà sản xuất".to_owned(),
        By::Product | By::Clerk => row.key.clone(),
    };
    row
}

/// The Vietnamese name of a day of the week.
fn weekday_vi(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Thứ Hai",
        Weekday::Tue => "Thứ Ba",
        Weekday::Wed => "Thứ Tư",
        Weekday::Thu => "Thứ Năm",
        Weekday::Fri => "Thứ Sáu",
        Weekday::Sat => "Thứ Bảy",
        Weekday::Sun => "Chủ Nhật",
    }
}

/// The position of a stored method name in `Method::ALL` (unknown names last).
pub(super) fn method_rank(key: &str) -> usize {
    Method::ALL
        .iter()
        .position(|m| m.as_str() == key)
        .unwrap_or(Method::ALL.len())
}
