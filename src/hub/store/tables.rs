//! The dashboard's tables as [`crate::export::Table`]s, so every one downloads as CSV or XLSX with
//! the till's own writers.

use chrono::{NaiveDate, Utc};
use rusqlite::Connection;

use super::Error;
use super::period::{self, Filter};
use crate::domain::money::Vnd;
use crate::export::{Cell, Column, Table};

/// The tables that can be exported, by file stem.
pub const TABLES: [&str; 2] = ["days", "points"];

/// Net sales, receipts and reporting points by business day, newest first.
pub fn days(conn: &Connection) -> Result<Table, Error> {
    let mut stmt = conn.prepare(
        "SELECT business_date, SUM(net_vnd), SUM(vat_vnd), SUM(receipts), COUNT(*) FROM days
         GROUP BY business_date ORDER BY business_date DESC",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(vec![
                Cell::Text(r.get(0)?),
                Cell::Money(Vnd(r.get(1)?)),
                Cell::Money(Vnd(r.get(2)?)),
                Cell::Integer(r.get(3)?),
                Cell::Integer(r.get(4)?),
            ])
        })?
        .collect::<Result<_, _>>()?;
    Ok(Table {
        title: "Doanh thu thuần theo ngày".into(),
        columns: vec![
            Column::new("business_date", "Ngày"),
            Column::new("net_vnd", "Doanh thu thuần"),
            Column::new("vat_vnd", "Thuế GTGT"),
            Column::new("receipts", "Hóa đơn"),
            Column::new("points", "Điểm gửi"),
        ],
        rows,
    })
}

/// Every point over the whole history received: days reported, receipts, net sales, VAT and its
/// last reported day ([`period::per_point`] over the first to the last day any point sent).
pub fn points(conn: &Connection) -> Result<Table, Error> {
    let (first, last): (Option<String>, Option<String>) = conn.query_row(
        "SELECT MIN(business_date), MAX(business_date) FROM days",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let day = |d: Option<String>| d.and_then(|d| d.parse::<NaiveDate>().ok());
    let today = Utc::now().date_naive();
    let filter = Filter::new(
        day(first).unwrap_or(today),
        day(last).unwrap_or(today),
        None,
    )?;
    period::per_point(conn, &filter)
}

/// The table called `stem`, if there is one.
pub fn by_name(conn: &Connection, stem: &str) -> Result<Option<Table>, Error> {
    match stem {
        "days" => days(conn).map(Some),
        "points" => points(conn).map(Some),
        _ => Ok(None),
    }
}
