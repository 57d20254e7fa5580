//! Cash put into or taken out of the drawer during the open shift, with a reason, audited.

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, TransactionBehavior, params};

use super::{ShiftError, current_or_refuse, figures};
use crate::domain::auth::{Approval, AuditAction, UserId};
use crate::domain::money::Vnd;
use crate::domain::shift::CashMoveKind;
use crate::store::{Error, audit};

/// Longest reason kept, in characters.
const MAX_REASON_CHARS: usize = 200;

/// Cash in or out of the drawer.
#[derive(Debug, Clone)]
pub struct CashMove {
    /// The point whose open shift it belongs to.
    pub point_code: String,
    /// In or out.
    pub kind: CashMoveKind,
    /// How much (positive).
    pub amount: Vnd,
    /// Why ("đổi tiền lẻ", "nộp ngân hàng", "trả tiền hàng cho HTX").
    pub reason: String,
    /// Who.
    pub user: UserId,
    /// A manager's approval, when the shop's practice asks for one.
    pub approval: Option<Approval>,
    /// When.
    pub at: DateTime<FixedOffset>,
}

/// Records a cash move in the open shift and its audit row; returns the move's id. Taking out more
/// than the drawer should hold is refused.
pub fn move_cash(conn: &mut Connection, cash: &CashMove) -> Result<i64, Error> {
    if cash.amount.0 <= 0 || !cash.amount.is_within_limit() {
        return Err(ShiftError::BadAmount(cash.amount).into());
    }
    let reason = cash.reason.trim();
    if reason.is_empty() {
        return Err(ShiftError::BadReason("hãy ghi lý do nộp hoặc rút tiền").into());
    }
    if reason.chars().count() > MAX_REASON_CHARS || reason.chars().any(char::is_control) {
        return Err(ShiftError::BadReason(
            "lý do quá dài (tối đa 200 ký tự) hoặc có ký tự điều khiển",
        )
        .into());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let shift = current_or_refuse(&tx, &cash.point_code)?;
    if cash.kind == CashMoveKind::Out {
        let in_drawer = figures::drawer(&tx, &shift)?.expected()?;
        if cash.amount > in_drawer {
            return Err(ShiftError::DrawerShort(cash.amount).into());
        }
    }
    tx.prepare_cached(
        "INSERT INTO cash_moves (shift_id, kind, amount_vnd, reason, user_id, approved_by, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        shift.id,
        cash.kind.as_str(),
        cash.amount.0,
        reason,
        cash.user.0,
        cash.approval.map(|a| a.manager().0),
        cash.at.to_rfc3339(),
    ])?;
    let id = tx.last_insert_rowid();
    let verb = match cash.kind {
        CashMoveKind::In => "nộp vào két",
        CashMoveKind::Out => "rút khỏi két",
    };
    audit::record(
        &tx,
        &audit::Entry {
            at: cash.at,
            user: Some(cash.user),
            approved_by: cash.approval.map(|a| a.manager()),
            action: AuditAction::CashMove,
            subject: &format!("ca {}", shift.id),
            detail: &format!("{verb} {}: {reason}", cash.amount),
        },
    )?;
    tx.commit()?;
    Ok(id)
}
