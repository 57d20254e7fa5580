//! Recording counts: a typed quantity, or a scan that adds one (a scale label adds its weight).

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;

use super::{FOUND_NOTE, StocktakeError, counting_elsewhere, on_hand_at, open_count, product_code};
use crate::domain::barcode::BarcodeRules;
use crate::domain::qty::{MAX_LINE_QTY, Qty};
use crate::store::documents::{self, Line};
use crate::store::{Error, catalog};

/// How a count is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// The quantity counted, replacing what the line had.
    Set(Qty),
    /// One scan: adds one piece, or the weight of a scale label.
    Scan,
}

/// A count recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Counted {
    /// The stock take.
    pub number: String,
    /// Its line.
    pub line_no: i64,
    /// Product code.
    pub product_code: String,
    /// Product name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// What this entry added (a scan) or set.
    pub entered: Qty,
    /// The line's count now.
    pub counted: Qty,
    /// The product was outside the count's scope: a line was added for it.
    pub found: bool,
}

/// Finds the product a scanned or typed code stands for and what one scan of it adds. Goods no
/// longer sold (or lacking a VAT rate) are still on the shelf, so they are counted too.
fn resolve(
    conn: &Connection,
    code: &str,
    rules: &BarcodeRules,
    at: DateTime<FixedOffset>,
) -> Result<(i64, Qty), Error> {
    match catalog::resolve(conn, code, rules, at.date_naive()) {
        Ok(found) => Ok((found.item.product_id, found.qty)),
        Err(refused @ (Error::Inactive(_) | Error::NoVatRate { .. })) => {
            let code = code.trim();
            let id: Option<i64> = conn
                .prepare_cached(
                    "SELECT product_id FROM barcodes WHERE code = ?1
                     UNION ALL SELECT id FROM products WHERE code = upper(?1) LIMIT 1",
                )?
                .query_row([code], |r| r.get(0))
                .optional()?;
            id.map(|id| (id, Qty::ONE)).ok_or(refused)
        }
        Err(other) => Err(other),
    }
}

/// Records a count on stock take `number` for the product `code` stands for (barcode, scale label or
/// product code): a quantity that replaces the line's count, or a scan that adds one (a weighed
/// label adds its weight). A product outside the scope gets a line of its own (found goods).
pub fn count(
    conn: &mut Connection,
    number: &str,
    code: &str,
    entry: Entry,
    rules: &BarcodeRules,
    at: DateTime<FixedOffset>,
) -> Result<Counted, Error> {
    if let Entry::Set(qty) = entry {
        if qty.0 < 0 {
            return Err(StocktakeError::NegativeCount(qty).into());
        }
        if qty > MAX_LINE_QTY {
            return Err(StocktakeError::TooLarge(qty).into());
        }
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let header = open_count(&tx, number)?;
    let (product_id, scanned) = resolve(&tx, code, rules, at)?;
    let existing: Option<(i64, i64, Option<i64>)> = tx
        .prepare_cached(
            "SELECT id, line_no, qty_milli FROM document_lines
             WHERE document_id = ?1 AND product_id = ?2",
        )?
        .query_row(params![header.id, product_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let (line_id, line_no, before, found) = match existing {
        Some((id, line_no, qty)) => (id, line_no, Qty(qty.unwrap_or(0)), false),
        None => {
            if let Some((_, other)) = counting_elsewhere(&tx)?
                .into_iter()
                .find(|(id, _)| *id == product_id)
            {
                return Err(StocktakeError::AlreadyCounting {
                    product: product_code(&tx, product_id)?,
                    number: other,
                }
                .into());
            }
            let expected = on_hand_at(&tx, product_id, &header.created_at, header.id)?;
            let id = documents::add_line(
                &tx,
                header.id,
                &Line {
                    expected: Some(expected),
                    reason: FOUND_NOTE.to_owned(),
                    ..Line::new(product_id, None)
                },
            )?;
            let line_no: i64 = tx.query_row(
                "SELECT line_no FROM document_lines WHERE id = ?1",
                [id],
                |r| r.get(0),
            )?;
            (id, line_no, Qty::ZERO, true)
        }
    };
    let (entered, counted) = match entry {
        Entry::Set(qty) => (qty, qty),
        Entry::Scan => (scanned, before.checked_add(scanned)?),
    };
    if counted > MAX_LINE_QTY {
        return Err(StocktakeError::TooLarge(counted).into());
    }
    tx.prepare_cached("UPDATE document_lines SET qty_milli = ?2, counted_at = ?3 WHERE id = ?1")?
        .execute(params![line_id, counted.0, at.to_rfc3339()])?;
    let (product_code, name, unit): (String, String, String) = tx.query_row(
        "SELECT code, name, unit FROM products WHERE id = ?1",
        [product_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    tx.commit()?;
    Ok(Counted {
        number: header.number,
        line_no,
        product_code,
        name,
        unit,
        entered,
        counted,
        found,
    })
}
