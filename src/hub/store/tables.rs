//! The dashboard's tables as [`crate::export::Table`]s, so every one downloads as CSV or XLSX with
//! the till's own writers.

use rusqlite::Connection;

use super::Error;
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

/// Every point with its last reported day and its total net sales.
pub fn points(conn: &Connection) -> Result<Table, Error> {
    let mut stmt = conn.prepare(
        "SELECT p.code, p.name, p.kind, p.province, p.commune, MAX(d.business_date),
                COALESCE(SUM(d.net_vnd), 0)
         FROM points p LEFT JOIN days d ON d.point_code = p.code GROUP BY p.code ORDER BY p.code",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let last: Option<String> = r.get(5)?;
            Ok(vec![
                Cell::Text(r.get(0)?),
                Cell::Text(r.get(1)?),
                Cell::Text(r.get(2)?),
                Cell::Text(r.get(3)?),
                Cell::Text(r.get(4)?),
                last.map_or(Cell::Empty, Cell::Text),
                Cell::Money(Vnd(r.get(6)?)),
            ])
        })?
        .collect::<Result<_, _>>()?;
    Ok(Table {
        title: "Điểm bán".into(),
        columns: vec![
            Column::new("code", "Mã"),
            Column::new("name", "Tên"),
            Column::new("kind", "Loại"),
            Column::new("province", "Tỉnh"),
            Column::new("commune", "Xã"),
            Column::new("last_business_date", "Ngày gửi gần nhất"),
            Column::new("net_vnd", "Doanh thu thuần"),
        ],
        rows,
    })
}

/// The table called `stem`, if there is one.
pub fn by_name(conn: &Connection, stem: &str) -> Result<Option<Table>, Error> {
    match stem {
        "days" => days(conn).map(Some),
        "points" => points(conn).map(Some),
        _ => Ok(None),
    }
}
