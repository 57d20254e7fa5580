//! Shifts: opening with a float, cash in and out, X reports and the Z close with a blind count.
//! One shift at a time is open per point; sales and refunds need it.
//!
//! The figures of a shift are read from its sales, a rowid range (`id >= first_sale_id AND
//! shift_id = ?`), so selling pays for no extra index. Closing with `end_of_day` also writes the
//! day's summary to the outbox (`store::summary`), and opening on a later date writes the summaries
//! of earlier days nobody closed — each in the same transaction as the shift itself.

mod cash;
mod close;
mod figures;
mod history;

pub use cash::{CashMove, move_cash};
pub use close::{Closing, close, z_report};
pub use figures::x_report;
pub use history::{ClosedShift, z_history};

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};
use serde::Serialize;

use super::Error;
use super::summary::{self, Due, Written};
use crate::domain::auth::UserId;
use crate::domain::money::Vnd;
use crate::domain::shift::difference_vi;

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
    /// A cash move of zero, less, or beyond what a till holds.
    #[error("số tiền {0} không hợp lệ: phải lớn hơn 0")]
    BadAmount(Vnd),
    /// A cash move without a usable reason.
    #[error("{0}")]
    BadReason(&'static str),
    /// Taking out more cash than the drawer should hold.
    #[error("không thể rút {0}: tiền mặt trong két không đủ")]
    DrawerShort(Vnd),
    /// A counted amount below zero or beyond what a till holds.
    #[error("số tiền đếm được {0} không hợp lệ")]
    BadCount(Vnd),
    /// The counted cash differs from what the drawer should hold by more than a clerk may close
    /// with; nothing was written.
    #[error(
        "tiền mặt {} so với sổ (chênh lệch {difference}), vượt mức cho phép {limit}: cần quản lý nhập mã PIN để đóng ca",
        difference_vi(*difference)
    )]
    NeedsManager {
        /// Counted − expected.
        difference: Vnd,
        /// The configured limit.
        limit: Vnd,
    },
    /// No Z report has this number.
    #[error("không có báo cáo Z số {0}")]
    UnknownZ(i64),
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
    /// The business date it opened on.
    pub business_date: NaiveDate,
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

pub(crate) const SHIFT: &str = "SELECT id, point_code, user_id, opened_at, float_vnd, \
                                first_sale_id, z_no, business_date FROM shifts";

/// Reads a stored RFC 3339 time in column `i`.
pub(crate) fn time_column(r: &Row<'_>, i: usize) -> rusqlite::Result<DateTime<FixedOffset>> {
    let text: String = r.get(i)?;
    DateTime::parse_from_rfc3339(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Reads a stored `YYYY-MM-DD` date in column `i`.
pub(crate) fn date_column(r: &Row<'_>, i: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = r.get(i)?;
    text.parse().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(crate) fn shift_row(r: &Row<'_>) -> rusqlite::Result<Shift> {
    Ok(Shift {
        id: r.get(0)?,
        point_code: r.get(1)?,
        user: UserId(r.get(2)?),
        opened_at: time_column(r, 3)?,
        float: Vnd(r.get(4)?),
        first_sale_id: r.get(5)?,
        z_no: r.get(6)?,
        business_date: date_column(r, 7)?,
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

/// The name of user `id` ("" if unknown), for reports and messages.
pub(crate) fn user_name(conn: &Connection, id: i64) -> Result<String, Error> {
    Ok(conn
        .prepare_cached("SELECT name FROM users WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .unwrap_or_default())
}

/// A shift just opened, with the summaries its opening wrote for earlier days nobody closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    /// The shift.
    pub shift: Shift,
    /// Daily summaries written for earlier days (a forgotten end-of-day close), oldest first.
    pub summaries: Vec<Written>,
}

/// Opens a shift with its float (catching up forgotten day closes as [`open_catching_up`] does).
/// Refused while another shift of the point is open.
pub fn open(conn: &mut Connection, opening: &Opening) -> Result<Shift, Error> {
    open_catching_up(conn, opening).map(|opened| opened.shift)
}

/// Opens a shift with its float and, in the same transaction, writes the daily summaries of
/// earlier days that had sales but were never closed (or changed after their close). Refused while
/// another shift of the point is open.
pub fn open_catching_up(conn: &mut Connection, opening: &Opening) -> Result<Opened, Error> {
    if opening.float.0 < 0 || !opening.float.is_within_limit() {
        return Err(ShiftError::BadFloat(opening.float).into());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if let Some(open) = current(&tx, &opening.point_code)? {
        return Err(ShiftError::AlreadyOpen {
            user: user_name(&tx, open.user.0)?,
            opened_at: open.opened_at.format("%H:%M %d/%m/%Y").to_string(),
        }
        .into());
    }
    let summaries = summary::write_due(
        &tx,
        &opening.point_code,
        Due::Before(opening.at.date_naive()),
        opening.at,
    )?;
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
    Ok(Opened { shift, summaries })
}

/// The shift with this id.
pub fn by_id(conn: &Connection, id: i64) -> Result<Option<Shift>, Error> {
    Ok(conn
        .prepare_cached(&format!("{SHIFT} WHERE id = ?1"))?
        .query_row([id], shift_row)
        .optional()?)
}

/// The open shift of the point, or `NoOpenShift`.
pub fn current_or_refuse(conn: &Connection, point_code: &str) -> Result<Shift, Error> {
    current(conn, point_code)?.ok_or_else(|| ShiftError::NoOpenShift.into())
}
