//! Shifts: opening with a float, cash in and out, X reports and the Z close with a blind count.
//! One shift at a time is open per point; sales and refunds need it.

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};
use serde::Serialize;

use super::Error;
use crate::domain::auth::UserId;
use crate::domain::money::Vnd;

/// Why a shift operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum ShiftError {
    /// Selling, or a cash move, without an open shift.
    #[error("chưa mở ca: hãy mở ca (nhập tiền đầu ca) trước khi bán hàng")]
    NoOpenShift,
    /// Opening a second shift.
    #[error("ca của {user} mở lúc {opened_at} chưa đóng: hãy đóng ca đó trước")]
    AlreadyOpen {
        /// Who holds the open shift.
        user: String,
        /// When it opened (HH:MM dd/mm/yyyy).
        opened_at: String,
    },
    /// A float below zero or beyond what a till holds.
    #[error("tiền đầu ca {0} không hợp lệ")]
    BadFloat(Vnd),
}

/// A shift as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shift {
    /// Database id.
    pub id: i64,
    /// The point.
    pub point_code: String,
    /// The clerk who opened it.
    pub user: UserId,
    /// When it opened.
    pub opened_at: DateTime<FixedOffset>,
    /// Cash in the drawer at the start.
    pub float: Vnd,
    /// Sales of the shift have ids from here on.
    pub first_sale_id: i64,
    /// The Z number, once closed.
    pub z_no: Option<i64>,
}

/// What opening a shift needs.
#[derive(Debug, Clone)]
pub struct Opening {
    /// The point.
    pub point_code: String,
    /// The clerk.
    pub user: UserId,
    /// Cash counted into the drawer.
    pub float: Vnd,
    /// When.
    pub at: DateTime<FixedOffset>,
}

pub(crate) const SHIFT: &str =
    "SELECT id, point_code, user_id, opened_at, float_vnd, first_sale_id, z_no FROM shifts";

pub(crate) fn shift_row(r: &Row<'_>) -> rusqlite::Result<Shift> {
    let opened: String = r.get(3)?;
    let opened_at = DateTime::parse_from_rfc3339(&opened).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(3, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(Shift {
        id: r.get(0)?,
        point_code: r.get(1)?,
        user: UserId(r.get(2)?),
        opened_at,
        float: Vnd(r.get(4)?),
        first_sale_id: r.get(5)?,
        z_no: r.get(6)?,
    })
}

/// The open shift of the point, if any.
pub fn current(conn: &Connection, point_code: &str) -> Result<Option<Shift>, Error> {
    Ok(conn
        .prepare_cached(&format!(
            "{SHIFT} WHERE point_code = ?1 AND closed_at IS NULL"
        ))?
        .query_row([point_code], shift_row)
        .optional()?)
}

/// The open shift's id, or the refusal a sale gets without one (inside the sale's transaction).
pub(crate) fn require_open(conn: &Connection, point_code: &str) -> Result<i64, Error> {
    conn.prepare_cached("SELECT id FROM shifts WHERE point_code = ?1 AND closed_at IS NULL")?
        .query_row([point_code], |r| r.get(0))
        .optional()?
        .ok_or_else(|| ShiftError::NoOpenShift.into())
}

/// Opens a shift with its float. Refused while another shift of the point is open.
pub fn open(conn: &mut Connection, opening: &Opening) -> Result<Shift, Error> {
    if opening.float.0 < 0 || !opening.float.is_within_limit() {
        return Err(ShiftError::BadFloat(opening.float).into());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if let Some(open) = current(&tx, &opening.point_code)? {
        let user: String = tx
            .query_row("SELECT name FROM users WHERE id = ?1", [open.user.0], |r| {
                r.get(0)
            })
            .optional()?
            .unwrap_or_default();
        return Err(ShiftError::AlreadyOpen {
            user,
            opened_at: open.opened_at.format("%H:%M %d/%m/%Y").to_string(),
        }
        .into());
    }
    let first_sale_id: i64 =
        tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM sales", [], |r| {
            r.get(0)
        })?;
    tx.execute(
        "INSERT INTO shifts (point_code, user_id, opened_at, business_date, float_vnd, first_sale_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            opening.point_code,
            opening.user.0,
            opening.at.to_rfc3339(),
            opening.at.date_naive().to_string(),
            opening.float.0,
            first_sale_id,
        ],
    )?;
    let id = tx.last_insert_rowid();
    let shift = tx.query_row(&format!("{SHIFT} WHERE id = ?1"), [id], shift_row)?;
    tx.commit()?;
    Ok(shift)
}
