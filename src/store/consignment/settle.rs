//! Marking a consignment period settled: the statement as it stood is kept, periods of one
//! producer never overlap, and a period still running cannot be settled.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;

use super::{Statement, statement};
use crate::domain::auth::{Approval, AuditAction, UserId};
use crate::domain::money::Vnd;
use crate::store::{Error, audit, documents};

/// Why a settlement was refused.
#[derive(Debug, thiserror::Error)]
pub enum SettlementError {
    /// The period ends before it starts.
    #[error("kỳ đối soát không hợp lệ: ngày bắt đầu sau ngày kết thúc")]
    BadPeriod,
    /// The period has not ended yet: sales may still come.
    #[error("kỳ đối soát phải kết thúc trước hôm nay ({}): hàng vẫn đang bán", today.format("%d/%m/%Y"))]
    Running {
        /// The business date now.
        today: NaiveDate,
    },
    /// The period overlaps one already settled.
    #[error("kỳ {from} – {to} của nhà sản xuất {producer} đã được thanh toán trước đó (trùng kỳ)")]
    Overlap {
        /// Producer code.
        producer: String,
        /// The earlier settlement's first date (dd/mm/yyyy).
        from: String,
        /// Its last date.
        to: String,
    },
}

/// A settled period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settlement {
    /// Database id.
    pub id: i64,
    /// Producer code.
    pub producer_code: String,
    /// First business date.
    pub from: NaiveDate,
    /// Last business date.
    pub to: NaiveDate,
    /// What was paid.
    pub amount: Vnd,
    /// When it was marked settled.
    pub settled_at: String,
}

fn day(date: &str) -> String {
    date.parse::<NaiveDate>()
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_else(|_| date.to_owned())
}

/// Marks the producer's period settled with the amount of its statement (kept as it stands now),
/// approved by a manager. Returns the settlement and the statement.
pub fn settle(
    conn: &mut Connection,
    producer_code: &str,
    from: NaiveDate,
    to: NaiveDate,
    user: UserId,
    approval: Approval,
    at: DateTime<FixedOffset>,
) -> Result<(Settlement, Statement), Error> {
    let today = at.date_naive();
    if from > to {
        return Err(SettlementError::BadPeriod.into());
    }
    if to >= today {
        return Err(SettlementError::Running { today }.into());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let producer_id = documents::producer_id(&tx, producer_code)?;
    let overlap: Option<(String, String)> = tx
        .query_row(
            "SELECT period_from, period_to FROM consignment_settlements
             WHERE producer_id = ?1 AND period_from <= ?3 AND period_to >= ?2",
            params![producer_id, from.to_string(), to.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((f, t)) = overlap {
        return Err(SettlementError::Overlap {
            producer: producer_code.trim().to_owned(),
            from: day(&f),
            to: day(&t),
        }
        .into());
    }
    let stated = statement(&tx, producer_code, from, to)?;
    let body = serde_json::to_string(&stated)?;
    tx.execute(
        "INSERT INTO consignment_settlements (producer_id, period_from, period_to, amount_vnd,
             statement, user_id, approved_by, settled_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            producer_id,
            from.to_string(),
            to.to_string(),
            stated.total.0,
            body,
            user.0,
            approval.manager.0,
            at.to_rfc3339(),
        ],
    )?;
    let id = tx.last_insert_rowid();
    let detail = format!(
        "{} {} – {}: {}",
        stated.producer_code,
        from.format("%d/%m/%Y"),
        to.format("%d/%m/%Y"),
        stated.total
    );
    audit::record(
        &tx,
        &audit::Entry {
            at,
            user: Some(user),
            approved_by: Some(approval.manager),
            action: AuditAction::ConsignmentSettled,
            subject: &stated.producer_code,
            detail: &detail,
        },
    )?;
    tx.commit()?;
    let settlement = Settlement {
        id,
        producer_code: stated.producer_code.clone(),
        from,
        to,
        amount: stated.total,
        settled_at: at.to_rfc3339(),
    };
    Ok((settlement, stated))
}

/// Every settlement of a producer, latest period first.
pub fn settlements(conn: &Connection, producer_code: &str) -> Result<Vec<Settlement>, Error> {
    let producer_id = documents::producer_id(conn, producer_code)?;
    let rows = conn
        .prepare(
            "SELECT id, period_from, period_to, amount_vnd, settled_at FROM consignment_settlements
             WHERE producer_id = ?1 ORDER BY period_to DESC",
        )?
        .query_map([producer_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(id, from, to, amount, settled_at)| {
            let parse = |d: &str| {
                d.parse::<NaiveDate>()
                    .map_err(|_| Error::Corrupt(format!("ngày đối soát \"{d}\"")))
            };
            Ok(Settlement {
                id,
                producer_code: producer_code.trim().to_owned(),
                from: parse(&from)?,
                to: parse(&to)?,
                amount: Vnd(amount),
                settled_at,
            })
        })
        .collect()
}
