//! Posting a count: its variances become `count` moves, with a manager's approval.

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, TransactionBehavior, params};
use serde::Serialize;

use super::{StocktakeError, at_count, open_count, product_code, value};
use crate::domain::auth::{Approval, AuditAction, UserId};
use crate::domain::money::Vnd;
use crate::domain::qty::Qty;
use crate::store::documents;
use crate::store::{Error, audit, stock};

/// A stock take posted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Posted {
    /// The stock take.
    pub number: String,
    /// Lines counted (each set to its count).
    pub counted_lines: usize,
    /// Counted lines whose count differed from the stock at counting time.
    pub changed_lines: usize,
    /// Codes of the products not counted: their stock was left unchanged.
    pub uncounted: Vec<String>,
    /// Net value of the variances (negative: goods missing).
    pub net_value: Vnd,
}

/// Parts a shortage is taken from: lots with stock, earliest expiry first (expired goods first is
/// right here: that is the shrinkage); what no lot holds goes on the last lot drawn, or the newest
/// lot, or no lot for a product never kept in lots.
fn shrink_parts(
    conn: &Connection,
    product_id: i64,
    missing: Qty,
) -> Result<Vec<(Option<i64>, Qty)>, Error> {
    let lots: Vec<(i64, i64)> = conn
        .prepare_cached(
            "SELECT id, qty_milli FROM lots WHERE product_id = ?1 AND qty_milli > 0
             ORDER BY expiry IS NULL, expiry, id",
        )?
        .query_map([product_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut parts: Vec<(Option<i64>, Qty)> = Vec::new();
    let mut left = missing.0;
    for (id, qty) in lots {
        if left == 0 {
            break;
        }
        let take = left.min(qty);
        parts.push((Some(id), Qty(take)));
        left -= take;
    }
    if left > 0 {
        match parts.last_mut() {
            Some((_, q)) => *q = Qty(q.0 + left),
            None => parts.push((newest_lot(conn, product_id)?, Qty(left))),
        }
    }
    Ok(parts)
}

/// The lot goods found in excess go into: the product's newest lot, if it has any.
fn newest_lot(conn: &Connection, product_id: i64) -> Result<Option<i64>, Error> {
    Ok(conn
        .prepare_cached("SELECT MAX(id) FROM lots WHERE product_id = ?1")?
        .query_row([product_id], |r| r.get(0))?)
}

/// Posts stock take `number` with a manager's approval: in one transaction each counted line gets
/// `count` moves of its variance (counted − on hand when counted), so the on-hand becomes the count
/// plus whatever moved after counting; uncounted lines are left unchanged. Audited. A stock take
/// posted already is refused and nothing is written.
pub fn post(
    conn: &mut Connection,
    number: &str,
    approval: &Approval,
    user: Option<UserId>,
    at: DateTime<FixedOffset>,
) -> Result<Posted, Error> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let header = open_count(&tx, number)?;
    let lines = documents::lines(&tx, header.id)?;
    let then = at_count(&tx, header.id)?;
    let mut posted = Posted {
        number: header.number.clone(),
        counted_lines: 0,
        changed_lines: 0,
        uncounted: Vec::new(),
        net_value: Vnd::ZERO,
    };
    for line in &lines {
        let (Some(counted), Some(then)) = (line.qty, then.get(&line.id)) else {
            posted.uncounted.push(product_code(&tx, line.product_id)?);
            continue;
        };
        posted.counted_lines += 1;
        let variance = counted.checked_sub(*then)?;
        let (unit_value, basis) = value::unit_value(&tx, line.product_id)?;
        tx.prepare_cached(
            "UPDATE document_lines SET unit_cost_vnd = ?2, value_basis = ?3 WHERE id = ?1",
        )?
        .execute(params![line.id, unit_value.0, basis.as_str()])?;
        posted.net_value = posted.net_value.checked_add(variance.times(unit_value)?)?;
        let parts = match variance.0.signum() {
            0 => continue,
            -1 => shrink_parts(&tx, line.product_id, Qty(-variance.0))?
                .into_iter()
                .map(|(lot, q)| (lot, Qty(-q.0)))
                .collect(),
            _ => vec![(newest_lot(&tx, line.product_id)?, variance)],
        };
        posted.changed_lines += 1;
        for (lot_id, qty) in parts {
            stock::apply(
                &tx,
                &stock::Move {
                    document_id: Some(header.id),
                    lot_id,
                    reference: &header.number,
                    user,
                    reason: "kiểm kê",
                    ..stock::Move::new(line.product_id, qty, stock::MoveKind::Count, at)
                },
            )?;
        }
    }
    if posted.counted_lines == 0 {
        return Err(StocktakeError::NothingCounted(header.number).into());
    }
    documents::mark_posted(&tx, &header, Some(approval.manager()), at)?;
    let detail = format!(
        "kiểm kê {}: {} dòng đã đếm, {} dòng chênh lệch, {} dòng chưa đếm giữ nguyên; giá trị chênh lệch {}",
        header.number,
        posted.counted_lines,
        posted.changed_lines,
        posted.uncounted.len(),
        posted.net_value
    );
    audit::record(
        &tx,
        &audit::Entry {
            at,
            user,
            approved_by: Some(approval.manager()),
            action: AuditAction::DocumentPosted,
            subject: &header.number,
            detail: &detail,
        },
    )?;
    tx.commit()?;
    Ok(posted)
}
