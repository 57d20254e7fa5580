//! The point's profile (name, address, tax code, point code), kept in the `settings` table.

mod audited;

pub use audited::{change_point, record as record_change};

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::Error;

/// Who this till sells for: printed on receipts and sent with daily summaries.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PointProfile {
    /// Short code of the sales point, unique in the province (e.g. "DN-HOIAN-01").
    pub code: String,
    /// Name printed on receipts.
    pub name: String,
    /// Address printed on receipts.
    pub address: String,
    /// Seller's tax code.
    pub tax_code: String,
}

/// Why a profile was refused.
pub fn validate(profile: &PointProfile) -> Result<(), Error> {
    let code_ok = (2..=24).contains(&profile.code.len())
        && profile
            .code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-');
    if !code_ok {
        return Err(Error::Setting(
            "mã điểm bán phải gồm 2–24 chữ in hoa, chữ số hoặc dấu '-' (ví dụ DN-HOIAN-01)",
        ));
    }
    if profile.name.trim().is_empty() {
        return Err(Error::Setting("chưa nhập tên điểm bán"));
    }
    Ok(())
}

fn get(conn: &Connection, key: &str) -> Result<Option<String>, Error> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

fn set(conn: &Connection, key: &str, value: &str) -> Result<(), Error> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// The stored profile, or None before the first-run setup.
pub fn point(conn: &Connection) -> Result<Option<PointProfile>, Error> {
    let Some(code) = get(conn, "point.code")? else {
        return Ok(None);
    };
    Ok(Some(PointProfile {
        code,
        name: get(conn, "point.name")?.unwrap_or_default(),
        address: get(conn, "point.address")?.unwrap_or_default(),
        tax_code: get(conn, "point.tax_code")?.unwrap_or_default(),
    }))
}

/// Validates and stores the profile.
pub fn set_point(conn: &Connection, profile: &PointProfile) -> Result<(), Error> {
    validate(profile)?;
    set(conn, "point.code", &profile.code)?;
    set(conn, "point.name", profile.name.trim())?;
    set(conn, "point.address", profile.address.trim())?;
    set(conn, "point.tax_code", profile.tax_code.trim())?;
    Ok(())
}
