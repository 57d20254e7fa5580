//! Keys and labels of report rows: what the sums were keyed by, turned into what people read.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, Weekday};
use rusqlite::Connection;

use super::scan::{Key, Scanned};
use super::{By, Row};
use crate::domain::catalog::OcopGroup;
use crate::domain::payment::Method;
use crate::store::Error;

/// The key of a stored method name: its position in `Method::ALL`.
pub(super) fn method_key(method: &str) -> Key {
    Method::ALL
        .iter()
        .position(|m| m.as_str() == method)
        .and_then(|i| i64::try_from(i).ok())
}

/// The position of a method key in `Method::ALL` (anything else last).
pub(super) fn method_rank(key: &str) -> usize {
    Method::ALL
        .iter()
        .position(|m| m.as_str() == key)
        .unwrap_or(Method::ALL.len())
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

fn names(conn: &Connection, sql: &str) -> Result<HashMap<i64, (String, String)>, Error> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The rows of a scan, unsorted.
pub(super) fn rows(conn: &Connection, by: By, scanned: &Scanned) -> Result<Vec<Row>, Error> {
    let lookup = match by {
        By::Clerk => names(conn, "SELECT id, name, name FROM users")?,
        By::Producer => names(conn, "SELECT id, code, name FROM producers")?,
        By::Product => {
            let mut stmt =
                conn.prepare_cached("SELECT product_code, name FROM sale_lines WHERE id = ?1")?;
            let mut found = HashMap::new();
            for (product, acc) in &scanned.groups {
                if let Some(product) = product {
                    let line = acc.newest_line();
                    found.insert(
                        *product,
                        stmt.query_row([line], |r| Ok((r.get(0)?, r.get(1)?)))?,
                    );
                }
            }
            found
        }
        _ => HashMap::new(),
    };
    let mut rows = Vec::with_capacity(scanned.groups.len());
    for (key, acc) in &scanned.groups {
        let (key, label) = label(by, *key, &lookup);
        rows.push(acc.row(key, label, by == By::Product, by != By::Method)?);
    }
    Ok(rows)
}

fn label(by: By, key: Key, lookup: &HashMap<i64, (String, String)>) -> (String, String) {
    let Some(n) = key else {
        let label = match by {
            By::Producer => "Không rõ nhà sản xuất",
            By::Group => "Chưa phân nhóm OCOP",
            By::Stars => "Chưa xếp hạng sao",
            _ => "Không rõ",
        };
        return (String::new(), label.to_owned());
    };
    match by {
        By::Day => {
            let date = u32::try_from(n).ok().and_then(|n| {
                NaiveDate::from_ymd_opt(i32::try_from(n / 10_000).ok()?, n / 100 % 100, n % 100)
            });
            match date {
                Some(d) => (d.to_string(), weekday_vi(d.weekday()).to_owned()),
                None => (n.to_string(), String::new()),
            }
        }
        By::Hour => (format!("{n:02}"), format!("{n:02}:00–{n:02}:59")),
        By::Group => {
            let name = u8::try_from(n).ok().and_then(OcopGroup::new);
            (
                n.to_string(),
                name.map_or("", OcopGroup::name_vi).to_owned(),
            )
        }
        By::Stars => (n.to_string(), format!("{n} sao")),
        By::Method => {
            let method = usize::try_from(n).ok().and_then(|i| Method::ALL.get(i));
            match method {
                Some(m) => (m.as_str().to_owned(), m.label_vi().to_owned()),
                None => (n.to_string(), String::new()),
            }
        }
        By::Clerk | By::Producer | By::Product => lookup
            .get(&n)
            .cloned()
            .unwrap_or_else(|| (n.to_string(), String::new())),
    }
}
