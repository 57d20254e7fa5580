//! The Z close: the clerk's blind count goes in first, the expected cash and the difference come
//! out after. A difference over the limit needs a manager's approval, or the close is refused and
//! nothing is written. The Z report is numbered per point without gaps and kept for reprints; an
//! end-of-day close writes the daily summaries in the same transaction.

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::{ShiftError, current_or_refuse, figures, user_name};
use crate::domain::auth::{Approval, AuditAction, UserId};
use crate::domain::money::Vnd;
use crate::domain::shift::{Count, SummaryRef, ZReport, difference_vi, z_label};
use crate::store::summary::{self, Due};
use crate::store::{Error, audit};

/// What closing a shift needs. There is deliberately no expected figure in it: the count is taken
/// blind, and the difference is learnt from the result.
#[derive(Debug, Clone)]
pub struct Closing {
    /// The point whose open shift closes.
    pub point_code: String,
    /// Who counted and closes.
    pub user: UserId,
    /// Cash counted in the drawer.
    pub counted: Vnd,
    /// Whether this is the last shift of the business day: writes the daily summary.
    pub end_of_day: bool,
    /// A manager's approval, needed when the difference is over `max_difference`.
    pub approval: Option<Approval>,
    /// The largest difference, either way, a clerk may close with alone (config
    /// `shifts.max_cash_difference_vnd`).
    pub max_difference: Vnd,
    /// When.
    pub at: DateTime<FixedOffset>,
}

/// Closes the point's open shift with the counted cash and returns its Z report (expected cash and
/// difference included). Refused — writing nothing — when the difference is over the limit and no
/// manager approved.
pub fn close(conn: &mut Connection, closing: &Closing) -> Result<ZReport, Error> {
    if closing.counted.is_negative() || !closing.counted.is_within_limit() {
        return Err(ShiftError::BadCount(closing.counted).into());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let shift = current_or_refuse(&tx, &closing.point_code)?;
    let figures = figures::x_report(&tx, &shift, closing.at)?;
    let count = Count::new(figures.expected_cash_vnd, closing.counted)?;
    if count.needs_manager(closing.max_difference) && closing.approval.is_none() {
        return Err(ShiftError::NeedsManager {
            difference: count.difference,
            limit: closing.max_difference,
        }
        .into());
    }
    let z_no: i64 = tx
        .prepare_cached("SELECT COALESCE(MAX(z_no), 0) + 1 FROM shifts WHERE point_code = ?1")?
        .query_row([&closing.point_code], |r| r.get(0))?;
    let summaries = if closing.end_of_day {
        summary::write_due(
            &tx,
            &closing.point_code,
            Due::EndOfDay {
                shift_id: shift.id,
                first_sale_id: shift.first_sale_id,
                business_date: shift.business_date,
            },
            closing.at,
        )?
    } else {
        Vec::new()
    };
    let approved_by = match closing.approval {
        Some(a) => Some(user_name(&tx, a.manager().0)?),
        None => None,
    };
    let z = ZReport {
        z_no,
        closed_at: closing.at,
        closed_by: user_name(&tx, closing.user.0)?,
        approved_by,
        count,
        end_of_day: closing.end_of_day,
        summaries: summaries
            .iter()
            .map(|w| SummaryRef {
                business_date: w.business_date,
                revision: w.revision,
            })
            .collect(),
        figures,
    };
    let json = serde_json::to_string(&z).map_err(|e| Error::Corrupt(e.to_string()))?;
    let changed = tx
        .prepare_cached(
            "UPDATE shifts SET closed_at = ?2, closed_by = ?3, approved_by = ?4, z_no = ?5,
                 expected_cash_vnd = ?6, counted_cash_vnd = ?7, end_of_day = ?8, z_report = ?9
             WHERE id = ?1 AND closed_at IS NULL",
        )?
        .execute(params![
            shift.id,
            closing.at.to_rfc3339(),
            closing.user.0,
            closing.approval.map(|a| a.manager().0),
            z_no,
            count.expected.0,
            count.counted.0,
            closing.end_of_day,
            json,
        ])?;
    if changed != 1 {
        return Err(ShiftError::NoOpenShift.into());
    }
    let mut detail = format!(
        "đếm {}, sổ {}, chênh lệch {} ({})",
        count.counted,
        count.expected,
        count.difference,
        difference_vi(count.difference)
    );
    if closing.end_of_day {
        detail.push_str("; chốt ngày");
    }
    audit::record(
        &tx,
        &audit::Entry {
            at: closing.at,
            user: Some(closing.user),
            approved_by: closing.approval.map(|a| a.manager()),
            action: AuditAction::ShiftClosed,
            subject: &z_label(z_no),
            detail: &detail,
        },
    )?;
    tx.commit()?;
    Ok(z)
}

/// The kept Z report number `z_no` of the point, for a reprint.
pub fn z_report(conn: &Connection, point_code: &str, z_no: i64) -> Result<ZReport, Error> {
    let json: Option<String> = conn
        .prepare_cached("SELECT z_report FROM shifts WHERE point_code = ?1 AND z_no = ?2")?
        .query_row(params![point_code, z_no], |r| r.get(0))
        .optional()?
        .flatten();
    let json = json.ok_or(ShiftError::UnknownZ(z_no))?;
    serde_json::from_str(&json)
        .map_err(|e| Error::Corrupt(format!("báo cáo {} không đọc được: {e}", z_label(z_no))))
}
