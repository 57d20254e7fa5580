//! Goods on their way: posted transfers out until the receiving point confirms them.

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::TransferError;
use crate::domain::qty::Qty;
use crate::store::Error;
use crate::store::documents::{self, Header};

/// A product's quantity on its way to another point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TransitLine {
    /// Product code.
    pub product_code: String,
    /// Name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Quantity sent.
    pub qty: Qty,
}

/// A posted transfer out not yet confirmed delivered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InTransit {
    /// Our document.
    pub number: String,
    /// The transfer code.
    pub code: String,
    /// The receiving point.
    pub to_point: String,
    /// When it was sent.
    pub posted_at: String,
    /// What is on its way, per product.
    pub lines: Vec<TransitLine>,
}

/// Transfers sent and not yet confirmed delivered, oldest first, with their quantities per product.
pub fn in_transit(conn: &Connection) -> Result<Vec<InTransit>, Error> {
    let heads: Vec<(i64, String, String, String, String)> = conn
        .prepare(
            "SELECT id, number, external_ref, counterpart, posted_at FROM documents
             WHERE kind = 'transfer_out' AND status = 'posted' AND delivered_at IS NULL
             ORDER BY id",
        )?
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut lines = conn.prepare(
        "SELECT p.code, p.name, p.unit, SUM(l.qty_milli) FROM document_lines l
         JOIN products p ON p.id = l.product_id WHERE l.document_id = ?1
         GROUP BY l.product_id ORDER BY MIN(l.line_no)",
    )?;
    heads
        .into_iter()
        .map(|(id, number, code, to_point, posted_at)| {
            let lines = lines
                .query_map([id], |r| {
                    Ok(TransitLine {
                        product_code: r.get(0)?,
                        name: r.get(1)?,
                        unit: r.get(2)?,
                        qty: Qty(r.get(3)?),
                    })
                })?
                .collect::<Result<_, _>>()?;
            Ok(InTransit {
                number,
                code,
                to_point,
                posted_at,
                lines,
            })
        })
        .collect()
}

/// The document number of the transfer out with this code (or number).
pub fn number_of(conn: &Connection, code: &str) -> Result<String, Error> {
    let code = code.trim();
    conn.query_row(
        "SELECT number FROM documents WHERE kind = 'transfer_out' AND (external_ref = ?1 OR number = ?1)",
        [code],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| TransferError::UnknownCode(code.to_owned()).into())
}

/// Confirms that the transfer out with this code (or document number) reached its point: it leaves
/// the in-transit list. Returns its header.
pub fn mark_delivered(
    conn: &Connection,
    code: &str,
    at: DateTime<FixedOffset>,
) -> Result<Header, Error> {
    let header = documents::by_number(conn, &number_of(conn, code)?)?;
    if header.status != "posted" {
        return Err(TransferError::NotSent(header.number).into());
    }
    if let Some(at) = header.delivered_at {
        return Err(TransferError::AlreadyDelivered {
            code: header.external_ref,
            at,
        }
        .into());
    }
    conn.execute(
        "UPDATE documents SET delivered_at = ?2 WHERE id = ?1 AND delivered_at IS NULL",
        params![header.id, at.to_rfc3339()],
    )?;
    documents::get(conn, header.id)?
        .ok_or_else(|| Error::Corrupt(format!("phiếu {} đã mất", header.number)))
}
