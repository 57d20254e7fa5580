//! The province's OCOP registry: imported from CSV (all rows or none), served to tills.

use std::io::Read;

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::Error;
use crate::sync::protocol::CatalogueEntry;

/// The CSV header, in order.
pub const HEADER: [&str; 10] = [
    "product_code",
    "gtin",
    "name",
    "producer_code",
    "producer_name",
    "ocop_group",
    "stars",
    "cert_no",
    "cert_date",
    "cert_valid_until",
];

fn csv_error(line: u64, column: &str, reason: impl Into<String>) -> Error {
    Error::Csv {
        line,
        column: column.to_owned(),
        reason: reason.into(),
    }
}

fn small(
    line: u64,
    column: &str,
    text: &str,
    range: std::ops::RangeInclusive<u8>,
) -> Result<Option<u8>, Error> {
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u8>() {
        Ok(n) if range.contains(&n) => Ok(Some(n)),
        _ => Err(csv_error(
            line,
            column,
            format!("phải từ {} đến {}", range.start(), range.end()),
        )),
    }
}

fn date(line: u64, column: &str, text: &str) -> Result<Option<NaiveDate>, Error> {
    if text.is_empty() {
        return Ok(None);
    }
    text.parse()
        .map(Some)
        .map_err(|_| csv_error(line, column, "phải có dạng YYYY-MM-DD"))
}

/// Reads a registry CSV ([`HEADER`]); the first bad row names its line and column.
pub fn parse(input: impl Read) -> Result<Vec<CatalogueEntry>, Error> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(input);
    let header = reader
        .headers()
        .map_err(|e| csv_error(1, "", e.to_string()))?
        .clone();
    if header.iter().map(str::trim).ne(HEADER) {
        return Err(csv_error(
            1,
            "",
            format!("tiêu đề phải là {}", HEADER.join(",")),
        ));
    }
    let mut entries = Vec::new();
    let mut codes = std::collections::HashSet::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            csv_error(line, "", e.to_string())
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let field = |i: usize| record.get(i).unwrap_or("").trim().to_owned();
        let code = field(0);
        if code.is_empty() || !super::points::valid_code(&code) {
            return Err(csv_error(line, "product_code", "trống hoặc có ký tự lạ"));
        }
        if !codes.insert(code.clone()) {
            return Err(csv_error(line, "product_code", "xuất hiện hai lần"));
        }
        let gtin = field(1);
        if !gtin.is_empty() && !crate::domain::summary::is_gtin(&gtin) {
            return Err(csv_error(line, "gtin", "không phải mã GTIN"));
        }
        if field(2).is_empty() {
            return Err(csv_error(line, "name", "đang để trống"));
        }
        entries.push(CatalogueEntry {
            product_code: code,
            gtin,
            name: field(2),
            producer_code: field(3),
            producer_name: field(4),
            ocop_group: small(line, "ocop_group", &field(5), 1..=6)?,
            stars: small(line, "stars", &field(6), 3..=5)?,
            cert_no: field(7),
            cert_date: date(line, "cert_date", &field(8))?,
            cert_valid_until: date(line, "cert_valid_until", &field(9))?,
        });
    }
    Ok(entries)
}

/// Replaces the registry with `entries` in one transaction; returns how many there are.
pub fn replace(conn: &mut Connection, entries: &[CatalogueEntry]) -> Result<usize, Error> {
    let tx = conn.transaction()?;
    tx.execute("DELETE FROM catalogue", [])?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO catalogue (product_code, gtin, name, producer_code, producer_name,
                                    ocop_group, stars, cert_no, cert_date, cert_valid_until)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        for e in entries {
            insert.execute(params![
                e.product_code,
                e.gtin,
                e.name,
                e.producer_code,
                e.producer_name,
                e.ocop_group,
                e.stars,
                e.cert_no,
                e.cert_date.map(|d| d.to_string()),
                e.cert_valid_until.map(|d| d.to_string())
            ])?;
        }
    }
    tx.commit()?;
    Ok(entries.len())
}

/// The whole registry, by product code.
pub fn all(conn: &Connection) -> Result<Vec<CatalogueEntry>, Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT product_code, gtin, name, producer_code, producer_name, ocop_group, stars, cert_no,
                cert_date, cert_valid_until FROM catalogue ORDER BY product_code",
    )?;
    let rows = stmt.query_map([], |r| {
        let day = |s: Option<String>| s.and_then(|s| s.parse().ok());
        Ok(CatalogueEntry {
            product_code: r.get(0)?,
            gtin: r.get(1)?,
            name: r.get(2)?,
            producer_code: r.get(3)?,
            producer_name: r.get(4)?,
            ocop_group: r.get(5)?,
            stars: r.get(6)?,
            cert_no: r.get(7)?,
            cert_date: day(r.get(8)?),
            cert_valid_until: day(r.get(9)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
