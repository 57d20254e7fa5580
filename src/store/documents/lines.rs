//! The lines of a document: products with quantities, costs, lots and (for stock takes) counts.

use rusqlite::{Connection, params};
use serde::Serialize;

use crate::domain::money::Vnd;
use crate::domain::qty::Qty;
use crate::store::Error;

/// A line of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    /// Database id.
    pub id: i64,
    /// Position, from 1.
    pub line_no: i64,
    /// The product.
    pub product_id: i64,
    /// Quantity moved (a stock take's count; `None` while uncounted).
    pub qty: Option<Qty>,
    /// Cost, agreed consignment price, or value per unit.
    pub unit_cost: Vnd,
    /// Lot number.
    pub lot_no: String,
    /// Expiry date.
    pub expiry: Option<chrono::NaiveDate>,
    /// The lot it moved (once posted) or draws from.
    pub lot_id: Option<i64>,
    /// Why (adjustments).
    pub reason: String,
    /// Stock takes: on hand when the count opened.
    pub expected: Option<Qty>,
    /// Stock takes: when last counted.
    pub counted_at: Option<String>,
}

impl Line {
    /// A line of `qty` of a product, not yet saved, with no cost, lot, reason or count.
    pub fn new(product_id: i64, qty: Option<Qty>) -> Line {
        Line {
            id: 0,
            line_no: 0,
            product_id,
            qty,
            unit_cost: Vnd::ZERO,
            lot_no: String::new(),
            expiry: None,
            lot_id: None,
            reason: String::new(),
            expected: None,
            counted_at: None,
        }
    }
}

/// Appends a line to a draft (the schema refuses lines on posted documents) and returns its id.
pub fn add_line(conn: &Connection, document_id: i64, line: &Line) -> Result<i64, Error> {
    conn.prepare_cached(
        "INSERT INTO document_lines (document_id, line_no, product_id, qty_milli, unit_cost_vnd,
             lot_no, expiry, lot_id, reason, expected_milli, counted_at)
         VALUES (?1, (SELECT COALESCE(MAX(line_no), 0) + 1 FROM document_lines WHERE document_id = ?1),
                 ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        document_id,
        line.product_id,
        line.qty.map(|q| q.0),
        line.unit_cost.0,
        line.lot_no,
        line.expiry.map(|d| d.to_string()),
        line.lot_id,
        line.reason,
        line.expected.map(|q| q.0),
        line.counted_at,
    ])?;
    Ok(conn.last_insert_rowid())
}

/// The lines of a document in order.
pub fn lines(conn: &Connection, document_id: i64) -> Result<Vec<Line>, Error> {
    let rows = conn
        .prepare_cached(
            "SELECT id, line_no, product_id, qty_milli, unit_cost_vnd, lot_no, expiry, lot_id, reason,
                    expected_milli, counted_at
             FROM document_lines WHERE document_id = ?1 ORDER BY line_no",
        )?
        .query_map([document_id], |r| {
            let expiry: Option<String> = r.get(6)?;
            Ok(Line {
                id: r.get(0)?,
                line_no: r.get(1)?,
                product_id: r.get(2)?,
                qty: r.get::<_, Option<i64>>(3)?.map(Qty),
                unit_cost: Vnd(r.get(4)?),
                lot_no: r.get(5)?,
                expiry: expiry.and_then(|e| e.parse().ok()),
                lot_id: r.get(7)?,
                reason: r.get(8)?,
                expected: r.get::<_, Option<i64>>(9)?.map(Qty),
                counted_at: r.get(10)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
