//! The receiving documents as the back office lists them: newest first, with their producer and
//! what they hold.

use rusqlite::Connection;

use crate::domain::money::Vnd;
use crate::domain::qty::Qty;
use crate::store::Error;
use crate::store::documents::DocKind;

/// A receiving or consignment-in document, summed up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRow {
    /// Its number.
    pub number: String,
    /// Bought ([`DocKind::Receive`]) or on consignment ([`DocKind::ConsignIn`]).
    pub kind: DocKind,
    /// draft, posted or cancelled.
    pub status: String,
    /// The producer's name.
    pub producer: String,
    /// The producer's delivery-note number.
    pub delivery_note: String,
    /// When it was made (RFC 3339).
    pub created_at: String,
    /// Lines.
    pub lines: i64,
    /// Quantity over all lines.
    pub qty: Qty,
    /// Cost (or consignment value) over all lines.
    pub value: Vnd,
}

/// The newest `limit` receiving and consignment-in documents.
pub fn documents(conn: &Connection, limit: usize) -> Result<Vec<DocRow>, Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.number, d.kind, d.status, COALESCE(pr.name, ''), d.external_ref, d.created_at,
                COUNT(l.id), COALESCE(SUM(l.qty_milli), 0),
                COALESCE(SUM(l.qty_milli * l.unit_cost_vnd / 1000), 0)
         FROM documents d
         LEFT JOIN producers pr ON pr.id = d.producer_id
         LEFT JOIN document_lines l ON l.document_id = d.id
         WHERE d.kind IN ('receive', 'consign_in')
         GROUP BY d.id ORDER BY d.id DESC LIMIT ?1",
    )?;
    let rows = stmt
        .query_map([i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
            let kind: String = r.get(1)?;
            Ok(DocRow {
                number: r.get(0)?,
                kind: DocKind::parse(&kind).unwrap_or(DocKind::Receive),
                status: r.get(2)?,
                producer: r.get(3)?,
                delivery_note: r.get(4)?,
                created_at: r.get(5)?,
                lines: r.get(6)?,
                qty: Qty(r.get(7)?),
                value: Vnd(r.get(8)?),
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}
