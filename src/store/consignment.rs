//! Consignment: goods a producer leaves with the point stay theirs until sold. Unsold goods go back
//! on a return document; each period the point owes the producer the agreed price of what sold,
//! shown on a statement and then marked settled.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{Connection, TransactionBehavior, params};
use serde::{Deserialize, Serialize};

use super::documents::{self, DocKind, DocumentError, LineProblem, NewDocument};
use super::receiving::Posted;
use super::{Error, lots, stock};
use crate::domain::auth::{AuditAction, UserId};
use crate::domain::money::Vnd;
use crate::domain::qty::Qty;

mod settle;
mod table;

pub use settle::{Settlement, SettlementError, settle, settlements};

/// Consigned goods handed back to their producer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Return {
    /// The producer's code.
    pub producer_code: String,
    /// (product code or barcode, quantity) to give back.
    pub lines: Vec<(String, Qty)>,
    /// Free text.
    pub note: String,
}

/// Posts a return of consigned goods: drawn from the producer's consigned lots, earliest expiry
/// first (expired goods are exactly what often goes back). More than the producer has on hand is
/// refused.
pub fn return_goods(
    conn: &mut Connection,
    ret: &Return,
    user: UserId,
    at: DateTime<FixedOffset>,
) -> Result<Posted, Error> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let producer_id = documents::producer_id(&tx, &ret.producer_code)?;
    if ret.lines.is_empty() {
        return Err(DocumentError::Empty(DocKind::ConsignReturn.label_vi().to_owned()).into());
    }
    let header = documents::create(
        &tx,
        &NewDocument {
            kind: DocKind::ConsignReturn,
            producer_id: Some(producer_id),
            counterpart: "",
            external_ref: "",
            scope: "",
            note: &ret.note,
            user: Some(user),
            at,
        },
    )?;
    let mut total = Qty(0);
    let mut value = Vnd::ZERO;
    for (n, (code, qty)) in ret.lines.iter().enumerate() {
        let refuse = |reason: LineProblem| -> Error {
            DocumentError::Line {
                line: n + 1,
                reason,
            }
            .into()
        };
        let goods = documents::goods(&tx, code)?
            .ok_or_else(|| refuse(LineProblem::UnknownProduct(code.trim().to_owned())))?;
        if qty.0 <= 0 {
            return Err(refuse(LineProblem::BadQty(*qty)));
        }
        let consigned = lots::consigned_on_hand(&tx, goods.id, producer_id)?;
        let held: i64 = consigned.iter().map(|l| l.qty.0).sum();
        if qty.0 > held {
            return Err(refuse(LineProblem::ConsignedShort {
                held: Qty(held),
                name: goods.name.clone(),
                producer: ret.producer_code.trim().to_owned(),
                qty: *qty,
            }));
        }
        let mut left = qty.0;
        for lot in &consigned {
            if left == 0 {
                break;
            }
            let take = left.min(lot.qty.0);
            left -= take;
            let row = lots::get(&tx, lot.id)?;
            let unit_cost = row.as_ref().map_or(Vnd::ZERO, |l| l.unit_cost);
            documents::add_line(
                &tx,
                header.id,
                &documents::Line {
                    unit_cost,
                    lot_no: lot.lot_no.clone(),
                    expiry: lot.expiry,
                    lot_id: Some(lot.id),
                    ..documents::Line::new(goods.id, Some(Qty(take)))
                },
            )?;
            stock::apply(
                &tx,
                &stock::Move {
                    document_id: Some(header.id),
                    lot_id: Some(lot.id),
                    reference: &header.number,
                    user: Some(user),
                    ..stock::Move::new(goods.id, Qty(-take), stock::MoveKind::ConsignReturn, at)
                },
            )?;
            value = value.checked_add(Qty(take).times(unit_cost)?)?;
        }
        total = total.checked_add(*qty)?;
    }
    let detail = format!(
        "trả {total} cho {}, giá trị {value}",
        ret.producer_code.trim()
    );
    let posting = documents::Posting {
        user,
        approved_by: None,
        action: AuditAction::DocumentPosted,
        detail: &detail,
        at,
    };
    documents::post_audited(&tx, &header, &posting)?;
    tx.commit()?;
    Ok(Posted {
        number: header.number,
        lines: ret.lines.len(),
        qty: total,
        value,
    })
}

/// One product at one agreed price on a statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementLine {
    /// Product code.
    pub product_code: String,
    /// Product name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// The agreed consignment price per unit.
    pub unit_price: Vnd,
    /// Consigned stock held at the start of the period.
    pub opening: Qty,
    /// Received on consignment during the period.
    pub received: Qty,
    /// Sold during the period, net of refunds.
    pub sold: Qty,
    /// Given back to the producer during the period.
    pub returned: Qty,
    /// Lost, damaged, sampled or found by counts and adjustments (negative: found).
    pub shrinkage: Qty,
    /// Sent to or received from other points (positive: sent away).
    pub transferred: Qty,
    /// Consigned stock held at the end of the period.
    pub closing: Qty,
    /// What the point owes for this line: sold × agreed price.
    pub amount: Vnd,
}

/// A producer's consignment statement for a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// Producer code.
    pub producer_code: String,
    /// Producer name.
    pub producer_name: String,
    /// First business date.
    pub from: NaiveDate,
    /// Last business date.
    pub to: NaiveDate,
    /// Lines by product and price.
    pub lines: Vec<StatementLine>,
    /// What the point owes for the period.
    pub total: Vnd,
}

/// The statement of `producer_code` for business dates `from` to `to` inclusive.
pub fn statement(
    conn: &Connection,
    producer_code: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Statement, Error> {
    if from > to {
        return Err(settle::SettlementError::BadPeriod.into());
    }
    let producer_id = documents::producer_id(conn, producer_code)?;
    let producer_name: String = conn.query_row(
        "SELECT name FROM producers WHERE id = ?1",
        [producer_id],
        |r| r.get(0),
    )?;
    // Moves carry their business date as the first ten characters of their local timestamp.
    let mut stmt = conn.prepare(
        "WITH m AS (
             SELECT l.product_id, l.unit_cost_vnd AS price, m.kind, m.qty_milli,
                    substr(m.created_at, 1, 10) < ?2 AS before
             FROM lots l JOIN stock_moves m ON m.lot_id = l.id
             WHERE l.owner = 'consigned' AND l.producer_id = ?1
               AND substr(m.created_at, 1, 10) <= ?3)
         SELECT p.code, p.name, p.unit, m.price,
                SUM(CASE WHEN before THEN qty_milli ELSE 0 END),
                SUM(CASE WHEN NOT before AND kind = 'consign_in' THEN qty_milli ELSE 0 END),
                -SUM(CASE WHEN NOT before AND kind IN ('sale', 'refund') THEN qty_milli ELSE 0 END),
                -SUM(CASE WHEN NOT before AND kind = 'consign_return' THEN qty_milli ELSE 0 END),
                -SUM(CASE WHEN NOT before AND kind IN ('adjust', 'count') THEN qty_milli ELSE 0 END),
                -SUM(CASE WHEN NOT before AND kind IN ('transfer_out', 'transfer_in') THEN qty_milli ELSE 0 END),
                SUM(qty_milli)
         FROM m JOIN products p ON p.id = m.product_id
         GROUP BY p.id, m.price ORDER BY p.code, m.price",
    )?;
    let rows = stmt.query_map(
        params![producer_id, from.to_string(), to.to_string()],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                [
                    r.get::<_, i64>(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                ],
            ))
        },
    )?;
    let mut lines = Vec::new();
    for row in rows {
        let (product_code, name, unit, price, q) = row?;
        let unit_price = Vnd(price);
        let sold = Qty(q[2]);
        lines.push(StatementLine {
            product_code,
            name,
            unit,
            unit_price,
            opening: Qty(q[0]),
            received: Qty(q[1]),
            sold,
            returned: Qty(q[3]),
            shrinkage: Qty(q[4]),
            transferred: Qty(q[5]),
            closing: Qty(q[6]),
            amount: sold.times(unit_price)?,
        });
    }
    let total = Vnd::checked_sum(lines.iter().map(|l| l.amount))?;
    Ok(Statement {
        producer_code: producer_code.trim().to_owned(),
        producer_name,
        from,
        to,
        lines,
        total,
    })
}

/// Producers with consigned goods on hand or moved in the period (for a statement menu).
pub fn producers_with_consignment(conn: &Connection) -> Result<Vec<(String, String)>, Error> {
    let rows = conn
        .prepare(
            "SELECT DISTINCT pr.code, pr.name FROM lots l JOIN producers pr ON pr.id = l.producer_id
             WHERE l.owner = 'consigned' ORDER BY pr.code",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
