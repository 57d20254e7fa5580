//! The registry of points (sales points, OCOP centres, hotel booths, fair stalls) and their tokens.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::Error;
use crate::hub::auth;

/// What kind of place a point is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A shop selling OCOP products.
    SalesPoint,
    /// A provincial or district OCOP centre.
    OcopCentre,
    /// A booth in a hotel.
    HotelBooth,
    /// A stall at a trade fair.
    FairStall,
}

impl Kind {
    /// The stored and command-line name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::SalesPoint => "sales-point",
            Kind::OcopCentre => "ocop-centre",
            Kind::HotelBooth => "hotel-booth",
            Kind::FairStall => "fair-stall",
        }
    }
}

impl std::str::FromStr for Kind {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        [
            Kind::SalesPoint,
            Kind::OcopCentre,
            Kind::HotelBooth,
            Kind::FairStall,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
        .ok_or(Error::Invalid {
            field: "kind",
            reason: "phải là sales-point, ocop-centre, hotel-booth hoặc fair-stall",
        })
    }
}

/// A point to register.
#[derive(Debug, Clone)]
pub struct NewPoint {
    /// Its code, the one its till puts in receipts and summaries.
    pub code: String,
    /// Its name.
    pub name: String,
    /// What kind of place.
    pub kind: Kind,
    /// Province code (2 digits, 2025 two-level system).
    pub province: String,
    /// Commune code (5 digits).
    pub commune: String,
}

/// Whether `code` may be a point code: 1–32 of `A–Z a–z 0–9 - _ .`. Anything else is refused before
/// it reaches a query or a log line.
pub fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 32
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

fn digits(value: &str, n: usize) -> bool {
    value.len() == n && value.bytes().all(|b| b.is_ascii_digit())
}

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn fresh_token() -> Result<String, Error> {
    auth::new_token().map_err(|e| Error::Random(e.to_string()))
}

/// Registers a point; returns its token, which is stored only as a hash.
pub fn add(conn: &Connection, point: &NewPoint, at: DateTime<Utc>) -> Result<String, Error> {
    if !valid_code(&point.code) {
        return Err(Error::Invalid {
            field: "code",
            reason: "chỉ gồm 1–32 chữ, số, '-', '_' hoặc '.'",
        });
    }
    if point.name.trim().is_empty() {
        return Err(Error::Invalid {
            field: "name",
            reason: "đang để trống",
        });
    }
    if !digits(&point.province, 2) {
        return Err(Error::Invalid {
            field: "province",
            reason: "phải gồm 2 chữ số",
        });
    }
    if !digits(&point.commune, 5) {
        return Err(Error::Invalid {
            field: "commune",
            reason: "phải gồm 5 chữ số",
        });
    }
    if exists(conn, &point.code)? {
        return Err(Error::PointExists(point.code.clone()));
    }
    let token = fresh_token()?;
    conn.execute(
        "INSERT INTO points (code, name, kind, province, commune, token_hash, created_at, token_set_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            point.code,
            point.name.trim(),
            point.kind.as_str(),
            point.province,
            point.commune,
            auth::hash(&token).as_slice(),
            stamp(at)
        ],
    )?;
    Ok(token)
}

/// Gives a point a new token; the old one stops working at once.
pub fn rotate_token(conn: &Connection, code: &str, at: DateTime<Utc>) -> Result<String, Error> {
    let token = fresh_token()?;
    let changed = conn.execute(
        "UPDATE points SET token_hash = ?2, token_set_at = ?3 WHERE code = ?1",
        params![code, auth::hash(&token).as_slice(), stamp(at)],
    )?;
    if changed == 0 {
        return Err(Error::UnknownPoint(code.to_owned()));
    }
    Ok(token)
}

/// Whether a point with this code is registered.
pub fn exists(conn: &Connection, code: &str) -> Result<bool, Error> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM points WHERE code = ?1")?
        .query_row([code], |_| Ok(()))
        .optional()?
        .is_some())
}

/// What a presented token may do for a point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// It is that point's token.
    Granted,
    /// It is another point's token.
    OtherPoint,
    /// It is nobody's token (wrong, rotated, or the point is unknown).
    Unknown,
}

/// Checks `token` against point `code`'s stored hash in constant time.
pub fn access(conn: &Connection, code: &str, token: &str) -> Result<Access, Error> {
    let stored: Option<Vec<u8>> = conn
        .prepare_cached("SELECT token_hash FROM points WHERE code = ?1")?
        .query_row([code], |r| r.get(0))
        .optional()?;
    if stored.is_some_and(|hash| auth::matches(token, &hash)) {
        return Ok(Access::Granted);
    }
    let other = conn
        .prepare_cached("SELECT 1 FROM points WHERE token_hash = ?1")?
        .query_row([auth::hash(token).as_slice()], |_| Ok(()))
        .optional()?;
    Ok(if other.is_some() {
        Access::OtherPoint
    } else {
        Access::Unknown
    })
}

/// The point whose token this is, if any (for routes open to every point, like the catalogue).
pub fn owner(conn: &Connection, token: &str) -> Result<Option<String>, Error> {
    Ok(conn
        .prepare_cached("SELECT code FROM points WHERE token_hash = ?1")?
        .query_row([auth::hash(token).as_slice()], |r| r.get(0))
        .optional()?)
}
