//! Stock: every change is a signed move, and the on-hand cache is updated in the same transaction
//! so it always equals the sum of the moves.

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, OptionalExtension, params};

use super::Error;
use crate::domain::auth::UserId;
use crate::domain::qty::Qty;

mod listing;

pub use listing::{MoveRow, OnHandRow, history, on_hand_list, on_hand_of};

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
    /// The sale or refund line it belongs to, if any.
    pub sale_line_id: Option<i64>,
    /// The stock document it belongs to, if any.
    pub document_id: Option<i64>,
    /// The lot it moves, if the product's stock is kept in lots.
    pub lot_id: Option<i64>,
    /// A document number or receipt number.
    pub reference: &'a str,
    /// Who.
    pub user: Option<UserId>,
    /// Free-text reason (adjustments).
    pub reason: &'a str,
    /// When.
    pub at: DateTime<FixedOffset>,
}

impl Move<'_> {
    /// A move of `qty` of a product, with no sale, document or lot yet.
    pub fn new(
        product_id: i64,
        qty: Qty,
        kind: MoveKind,
        at: DateTime<FixedOffset>,
    ) -> Move<'static> {
        Move {
            product_id,
            qty,
            kind,
            sale_id: None,
            sale_line_id: None,
            document_id: None,
            lot_id: None,
            reference: "",
            user: None,
            reason: "",
            at,
        }
    }
}

/// Records `mv` and updates the on-hand caches of the product and of its lot; call inside the
/// caller's transaction.
pub fn apply(conn: &Connection, mv: &Move<'_>) -> Result<(), Error> {
    conn.prepare_cached(
        "INSERT INTO stock_moves (product_id, qty_milli, kind, sale_id, reference, user_id, reason,
             created_at, lot_id, sale_line_id, document_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
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
        mv.lot_id,
        mv.sale_line_id,
        mv.document_id,
    ])?;
    if let Some(lot_id) = mv.lot_id {
        let changed = conn
            .prepare_cached(
                "UPDATE lots SET qty_milli = qty_milli + ?2 WHERE id = ?1 AND product_id = ?3",
            )?
            .execute(params![lot_id, mv.qty.0, mv.product_id])?;
        if changed != 1 {
            return Err(Error::Corrupt(format!(
                "lô {lot_id} không thuộc sản phẩm {}",
                mv.product_id
            )));
        }
    }
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

/// Lots whose cached on-hand differs from the sum of their moves: (lot id, cached, sum).
pub fn lot_mismatches(conn: &Connection) -> Result<Vec<(i64, Qty, Qty)>, Error> {
    let mut stmt = conn.prepare(
        "SELECT l.id, l.qty_milli, COALESCE(m.total, 0)
         FROM lots l
         LEFT JOIN (SELECT lot_id, SUM(qty_milli) AS total FROM stock_moves
                    WHERE lot_id IS NOT NULL GROUP BY lot_id) m ON m.lot_id = l.id
         WHERE l.qty_milli <> COALESCE(m.total, 0)",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, Qty(r.get(1)?), Qty(r.get(2)?))))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
