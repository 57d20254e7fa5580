//! Stock: every change is a signed move, and the on-hand cache is updated in the same transaction
//! so it always equals the sum of the moves.

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, OptionalExtension, params};

use super::Error;
use crate::domain::auth::UserId;
use crate::domain::qty::Qty;

/// Why stock moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveKind {
    /// Goods bought in.
    Receive,
    /// Goods left on consignment by a producer.
    ConsignIn,
    /// Consigned goods given back to their producer.
    ConsignReturn,
    /// Sold.
    Sale,
    /// Brought back by a customer.
    Refund,
    /// Corrected by hand (damage, loss, samples).
    Adjust,
    /// Set by a stock take.
    Count,
    /// Sent to another point.
    TransferOut,
    /// Received from another point.
    TransferIn,
    /// Opening balance when the till starts.
    Opening,
}

impl MoveKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            MoveKind::Receive => "receive",
            MoveKind::ConsignIn => "consign_in",
            MoveKind::ConsignReturn => "consign_return",
            MoveKind::Sale => "sale",
            MoveKind::Refund => "refund",
            MoveKind::Adjust => "adjust",
            MoveKind::Count => "count",
            MoveKind::TransferOut => "transfer_out",
            MoveKind::TransferIn => "transfer_in",
            MoveKind::Opening => "opening",
        }
    }
}

/// One stock move to record.
#[derive(Debug, Clone)]
pub struct Move<'a> {
    /// The product.
    pub product_id: i64,
    /// Signed quantity: positive in, negative out.
    pub qty: Qty,
    /// Why.
    pub kind: MoveKind,
    /// The sale it belongs to, if any.
    pub sale_id: Option<i64>,
    /// A document number or receipt number.
    pub reference: &'a str,
    /// Who.
    pub user: Option<UserId>,
    /// Free-text reason (adjustments).
    pub reason: &'a str,
    /// When.
    pub at: DateTime<FixedOffset>,
}

/// Records `mv` and updates the on-hand cache; call inside the caller's transaction.
pub fn apply(conn: &Connection, mv: &Move<'_>) -> Result<(), Error> {
    conn.prepare_cached(
        "INSERT INTO stock_moves (product_id, qty_milli, kind, sale_id, reference, user_id, reason, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        mv.product_id,
        mv.qty.0,
        mv.kind.as_str(),
        mv.sale_id,
        mv.reference,
        mv.user.map(|u| u.0),
        mv.reason,
        mv.at.to_rfc3339(),
    ])?;
    conn.prepare_cached(
        "INSERT INTO stock (product_id, qty_milli) VALUES (?1, ?2)
         ON CONFLICT (product_id) DO UPDATE SET qty_milli = qty_milli + excluded.qty_milli",
    )?
    .execute(params![mv.product_id, mv.qty.0])?;
    Ok(())
}

/// On-hand quantity of a product (zero if it never moved).
pub fn on_hand(conn: &Connection, product_id: i64) -> Result<Qty, Error> {
    let qty: Option<i64> = conn
        .prepare_cached("SELECT qty_milli FROM stock WHERE product_id = ?1")?
        .query_row([product_id], |r| r.get(0))
        .optional()?;
    Ok(Qty(qty.unwrap_or(0)))
}

/// Products whose cached on-hand differs from the sum of their moves: (product code, cached, sum).
pub fn mismatches(conn: &Connection) -> Result<Vec<(String, Qty, Qty)>, Error> {
    let mut stmt = conn.prepare(
        "SELECT p.code, COALESCE(s.qty_milli, 0), COALESCE(m.total, 0)
         FROM products p
         LEFT JOIN stock s ON s.product_id = p.id
         LEFT JOIN (SELECT product_id, SUM(qty_milli) AS total FROM stock_moves GROUP BY product_id) m
                ON m.product_id = p.id
         WHERE COALESCE(s.qty_milli, 0) <> COALESCE(m.total, 0)",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, Qty(r.get(1)?), Qty(r.get(2)?))))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
