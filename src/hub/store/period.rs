//! The tables of `ocop-hub export`: what the points sent over a period, optionally of one point —
//! per point and day, per product, per point — and the province's catalogue, as
//! [`crate::export::Table`]s written as CSV, XLSX or JSON.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::{Error, catalogue, points};
use crate::domain::money::Vnd;
use crate::domain::qty::Qty;
use crate::export::{Cell, Column, Table};

/// Which summaries a table covers: business dates `from..=to`, and one point or all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// First business date.
    pub from: NaiveDate,
    /// Last business date.
    pub to: NaiveDate,
    /// Only this point's summaries, when set.
    pub point: Option<String>,
}

impl Filter {
    /// A filter, refused when the dates are the wrong way round.
    pub fn new(from: NaiveDate, to: NaiveDate, point: Option<String>) -> Result<Filter, Error> {
        if to < from {
            return Err(Error::Invalid {
                field: "--to",
                reason: "ngày cuối trước ngày đầu",
            });
        }
        Ok(Filter { from, to, point })
    }

    /// Refuses a point the hub does not know, so a typo does not export an empty table.
    pub fn check_point(&self, conn: &Connection) -> Result<(), Error> {
        match &self.point {
            Some(code) if !points::exists(conn, code)? => Err(Error::UnknownPoint(code.clone())),
            _ => Ok(()),
        }
    }

    fn title(&self, what: &str) -> String {
        let mut title = format!(
            "{what} {} – {}",
            self.from.format("%d/%m/%Y"),
            self.to.format("%d/%m/%Y")
        );
        if let Some(point) = &self.point {
            title.push_str(&format!(", điểm {point}"));
        }
        title
    }

    fn sql_params(&self) -> (String, String, Option<&str>) {
        (
            self.from.to_string(),
            self.to.to_string(),
            self.point.as_deref(),
        )
    }
}

/// What `ocop-hub export` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One row per point and business day: the day's totals.
    Days,
    /// One row per product (and unit): quantities and sales over the period.
    Lines,
    /// One row per point: days reported and sales over the period.
    Points,
    /// The province's OCOP registry (no period).
    Catalogue,
}

/// The table of `kind` for `filter` (the catalogue ignores the filter).
pub fn table(conn: &Connection, kind: Kind, filter: &Filter) -> Result<Table, Error> {
    filter.check_point(conn)?;
    match kind {
        Kind::Days => days(conn, filter),
        Kind::Lines => lines(conn, filter),
        Kind::Points => per_point(conn, filter),
        Kind::Catalogue => registry(conn),
    }
}

fn money(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Cell> {
    Ok(Cell::Money(Vnd(r.get(i)?)))
}

fn count(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Cell> {
    Ok(Cell::Integer(r.get(i)?))
}

fn optional_number(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Cell> {
    Ok(r.get::<_, Option<i64>>(i)?
        .map_or(Cell::Empty, Cell::Integer))
}

/// Every point's day in the period, by date then point.
pub fn days(conn: &Connection, filter: &Filter) -> Result<Table, Error> {
    let mut stmt = conn.prepare(
        "SELECT d.business_date, d.point_code, p.name, d.revision, d.receipts, d.refund_receipts,
                d.gross_vnd, d.discount_vnd, d.refund_vnd, d.net_vnd, d.vat_vnd
         FROM days d JOIN points p ON p.code = d.point_code
         WHERE d.business_date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR d.point_code = ?3)
         ORDER BY d.business_date, d.point_code",
    )?;
    let (from, to, point) = filter.sql_params();
    let rows = stmt
        .query_map(params![from, to, point], |r| {
            Ok(vec![
                Cell::Text(r.get(0)?),
                Cell::Text(r.get(1)?),
                Cell::Text(r.get(2)?),
                count(r, 3)?,
                count(r, 4)?,
                count(r, 5)?,
                money(r, 6)?,
                money(r, 7)?,
                money(r, 8)?,
                money(r, 9)?,
                money(r, 10)?,
            ])
        })?
        .collect::<Result<_, _>>()?;
    Ok(Table {
        title: filter.title("Tổng hợp ngày theo điểm"),
        columns: vec![
            Column::new("business_date", "Ngày"),
            Column::new("point_code", "Mã điểm"),
            Column::new("point_name", "Tên điểm"),
            Column::new("revision", "Bản"),
            Column::new("receipts", "Hóa đơn"),
            Column::new("refund_receipts", "Hóa đơn hoàn"),
            Column::new("gross_vnd", "Doanh thu gộp"),
            Column::new("discount_vnd", "Chiết khấu"),
            Column::new("refund_vnd", "Hoàn trả"),
            Column::new("net_vnd", "Doanh thu thuần"),
            Column::new("vat_vnd", "Thuế GTGT"),
        ],
        rows,
    })
}

/// Sales per product over the period, best sellers first. Name, producer, group and stars are
/// those of the latest day the product was sold (points may spell a name differently); a product
/// sold in two units has a row per unit, since their quantities do not add up.
pub fn lines(conn: &Connection, filter: &Filter) -> Result<Table, Error> {
    let mut stmt = conn.prepare(
        "SELECT product_code, name, producer_code, ocop_group, stars, unit, MAX(business_date),
                SUM(qty_milli), SUM(net_vnd), SUM(vat_vnd), COUNT(DISTINCT point_code), COUNT(*)
         FROM day_lines
         WHERE business_date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR point_code = ?3)
         GROUP BY product_code, unit
         ORDER BY SUM(net_vnd) DESC, product_code, unit",
    )?;
    let (from, to, point) = filter.sql_params();
    let rows = stmt
        .query_map(params![from, to, point], |r| {
            Ok(vec![
                Cell::Text(r.get(0)?),
                Cell::Text(r.get(1)?),
                Cell::Text(r.get(2)?),
                optional_number(r, 3)?,
                optional_number(r, 4)?,
                Cell::Text(r.get(5)?),
                Cell::Qty(Qty(r.get(7)?)),
                money(r, 8)?,
                money(r, 9)?,
                count(r, 10)?,
                count(r, 11)?,
            ])
        })?
        .collect::<Result<_, _>>()?;
    Ok(Table {
        title: filter.title("Doanh thu theo sản phẩm"),
        columns: vec![
            Column::new("product_code", "Mã sản phẩm"),
            Column::new("name", "Tên sản phẩm"),
            Column::new("producer_code", "Mã chủ thể"),
            Column::new("ocop_group", "Nhóm OCOP"),
            Column::new("stars", "Số sao"),
            Column::new("unit", "Đơn vị"),
            Column::new("qty_milli", "Số lượng"),
            Column::new("net_vnd", "Doanh thu thuần"),
            Column::new("vat_vnd", "Thuế GTGT"),
            Column::new("points", "Số điểm bán"),
            Column::new("point_days", "Số ngày-điểm"),
        ],
        rows,
    })
}

/// Every point (or the one asked for) with what it reported in the period; points that sent
/// nothing are listed with zeros, so a silent point shows.
pub fn per_point(conn: &Connection, filter: &Filter) -> Result<Table, Error> {
    let mut stmt = conn.prepare(
        "SELECT p.code, p.name, p.kind, p.province, p.commune, COUNT(d.business_date),
                COALESCE(SUM(d.receipts), 0), COALESCE(SUM(d.net_vnd), 0),
                COALESCE(SUM(d.vat_vnd), 0), MAX(d.business_date)
         FROM points p
         LEFT JOIN days d ON d.point_code = p.code AND d.business_date BETWEEN ?1 AND ?2
         WHERE ?3 IS NULL OR p.code = ?3
         GROUP BY p.code ORDER BY p.code",
    )?;
    let (from, to, point) = filter.sql_params();
    let rows = stmt
        .query_map(params![from, to, point], |r| {
            let last: Option<String> = r.get(9)?;
            Ok(vec![
                Cell::Text(r.get(0)?),
                Cell::Text(r.get(1)?),
                Cell::Text(r.get(2)?),
                Cell::Text(r.get(3)?),
                Cell::Text(r.get(4)?),
                count(r, 5)?,
                count(r, 6)?,
                money(r, 7)?,
                money(r, 8)?,
                last.map_or(Cell::Empty, Cell::Text),
            ])
        })?
        .collect::<Result<_, _>>()?;
    Ok(Table {
        title: filter.title("Điểm bán"),
        columns: vec![
            Column::new("code", "Mã điểm"),
            Column::new("name", "Tên điểm"),
            Column::new("kind", "Loại"),
            Column::new("province", "Tỉnh"),
            Column::new("commune", "Xã"),
            Column::new("days_reported", "Số ngày đã gửi"),
            Column::new("receipts", "Hóa đơn"),
            Column::new("net_vnd", "Doanh thu thuần"),
            Column::new("vat_vnd", "Thuế GTGT"),
            Column::new("last_business_date", "Ngày gửi gần nhất trong kỳ"),
        ],
        rows,
    })
}

/// The province's OCOP registry, with the header of its import CSV.
pub fn registry(conn: &Connection) -> Result<Table, Error> {
    let day = |d: Option<NaiveDate>| d.map_or(Cell::Empty, |d| Cell::Text(d.to_string()));
    let small = |n: Option<u8>| n.map_or(Cell::Empty, |n| Cell::Integer(i64::from(n)));
    let rows = catalogue::all(conn)?
        .into_iter()
        .map(|e| {
            vec![
                Cell::Text(e.product_code),
                Cell::Text(e.gtin),
                Cell::Text(e.name),
                Cell::Text(e.producer_code),
                Cell::Text(e.producer_name),
                small(e.ocop_group),
                small(e.stars),
                Cell::Text(e.cert_no),
                day(e.cert_date),
                day(e.cert_valid_until),
            ]
        })
        .collect();
    Ok(Table {
        title: "Danh mục sản phẩm OCOP của tỉnh".into(),
        // The import's own header, so an exported registry can be edited and imported again.
        columns: catalogue::HEADER
            .iter()
            .map(|key| Column::new(key, key))
            .collect(),
        rows,
    })
}
