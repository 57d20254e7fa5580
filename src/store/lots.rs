//! Lots in the database: creating them as goods come in, drawing from them as goods go out
//! (first-expiry-first-out unless the clerk picked one), and the expiry lists.

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use rusqlite::{Connection, Row, params};
use serde::Serialize;

use super::Error;
use crate::domain::lot::{self, Allocation, LotStock, Owner};
use crate::domain::money::Vnd;
use crate::domain::qty::Qty;

/// A lot to create.
#[derive(Debug, Clone)]
pub struct NewLot<'a> {
    /// The product.
    pub product_id: i64,
    /// The producer's lot number ("" if none).
    pub lot_no: &'a str,
    /// Last day the goods may be sold.
    pub expiry: Option<NaiveDate>,
    /// Bought, or on consignment.
    pub owner: Owner,
    /// The producer who delivered (required for consignment).
    pub producer_id: Option<i64>,
    /// Cost per unit (bought) or the agreed consignment price.
    pub unit_cost: Vnd,
    /// The document that brought it in.
    pub document_id: Option<i64>,
    /// When it arrived.
    pub at: DateTime<FixedOffset>,
}

/// Creates a lot with nothing on hand (the document's moves fill it) and returns its id.
pub fn create(conn: &Connection, lot: &NewLot<'_>) -> Result<i64, Error> {
    conn.prepare_cached(
        "INSERT INTO lots (product_id, lot_no, expiry, owner, producer_id, unit_cost_vnd,
             document_id, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        lot.product_id,
        lot.lot_no,
        lot.expiry.map(|d| d.to_string()),
        lot.owner.as_str(),
        lot.producer_id,
        lot.unit_cost.0,
        lot.document_id,
        lot.at.to_rfc3339(),
    ])?;
    Ok(conn.last_insert_rowid())
}

/// A lot as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LotRow {
    /// Database id.
    pub id: i64,
    /// Product code.
    pub product_code: String,
    /// Product name.
    pub product_name: String,
    /// Lot number.
    pub lot_no: String,
    /// Expiry date.
    pub expiry: Option<NaiveDate>,
    /// Bought or consigned.
    pub owner: Owner,
    /// Producer code ("" if none).
    pub producer_code: String,
    /// Cost or agreed consignment price per unit.
    pub unit_cost: Vnd,
    /// On hand.
    pub qty: Qty,
}

const LOT_ROW: &str = "SELECT l.id, p.code, p.name, l.lot_no, l.expiry, l.owner,
        COALESCE(pr.code, ''), l.unit_cost_vnd, l.qty_milli
    FROM lots l JOIN products p ON p.id = l.product_id
    LEFT JOIN producers pr ON pr.id = l.producer_id";

fn lot_row(r: &Row<'_>) -> rusqlite::Result<LotRow> {
    let expiry: Option<String> = r.get(4)?;
    let owner: String = r.get(5)?;
    Ok(LotRow {
        id: r.get(0)?,
        product_code: r.get(1)?,
        product_name: r.get(2)?,
        lot_no: r.get(3)?,
        expiry: expiry.and_then(|e| e.parse().ok()),
        owner: Owner::parse(&owner).unwrap_or(Owner::Owned),
        producer_code: r.get(6)?,
        unit_cost: Vnd(r.get(7)?),
        qty: Qty(r.get(8)?),
    })
}

/// Lots of a product that hold stock, first-expiry-first-out (for the clerk to pick from).
pub fn on_hand(conn: &Connection, product_id: i64) -> Result<Vec<LotRow>, Error> {
    let sql = format!(
        "{LOT_ROW} WHERE l.product_id = ?1 AND l.qty_milli > 0
         ORDER BY l.expiry IS NULL, l.expiry, l.id"
    );
    let rows = conn
        .prepare_cached(&sql)?
        .query_map([product_id], lot_row)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Lots with stock whose expiry falls from `today` to `today + days` inclusive, soonest first.
pub fn expiring(conn: &Connection, today: NaiveDate, days: u32) -> Result<Vec<LotRow>, Error> {
    let until = today
        .checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX);
    // `qty_milli <> 0` repeats the partial index's condition so that SQLite can use it.
    let sql = format!(
        "{LOT_ROW} WHERE l.expiry IS NOT NULL AND l.qty_milli <> 0 AND l.qty_milli > 0
             AND l.expiry >= ?1 AND l.expiry <= ?2
         ORDER BY l.expiry, p.code, l.id"
    );
    let rows = conn
        .prepare(&sql)?
        .query_map(params![today.to_string(), until.to_string()], lot_row)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Lots with stock already past their expiry on `today`, oldest first.
pub fn expired(conn: &Connection, today: NaiveDate) -> Result<Vec<LotRow>, Error> {
    let sql = format!(
        "{LOT_ROW} WHERE l.expiry IS NOT NULL AND l.qty_milli <> 0 AND l.qty_milli > 0
             AND l.expiry < ?1
         ORDER BY l.expiry, p.code, l.id"
    );
    let rows = conn
        .prepare(&sql)?
        .query_map([today.to_string()], lot_row)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// One lot by id.
pub fn get(conn: &Connection, lot_id: i64) -> Result<Option<LotRow>, Error> {
    use rusqlite::OptionalExtension;
    let sql = format!("{LOT_ROW} WHERE l.id = ?1");
    Ok(conn.query_row(&sql, [lot_id], lot_row).optional()?)
}

/// Reads `id, lot_no, expiry, qty_milli`.
fn lot_stock(r: &Row<'_>) -> rusqlite::Result<LotStock> {
    let expiry: Option<String> = r.get(2)?;
    Ok(LotStock {
        id: r.get(0)?,
        lot_no: r.get(1)?,
        expiry: expiry.and_then(|e| e.parse().ok()),
        qty: Qty(r.get(3)?),
    })
}

/// Every lot of a product as the allocation needs it.
fn stock_of(conn: &Connection, product_id: i64) -> Result<Vec<LotStock>, Error> {
    let rows = conn
        .prepare_cached("SELECT id, lot_no, expiry, qty_milli FROM lots WHERE product_id = ?1")?
        .query_map([product_id], lot_stock)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Where goods leaving the shelf came from: (lot, quantity) parts, and whether any lot had expired.
pub type Drawn = (Vec<(Option<i64>, Qty)>, bool);

/// Where `qty` of a product leaving the shelf on `today` comes from: (lot, quantity) parts that add
/// up to `qty`. What the records lack is charged to the last lot drawn (or the newest unexpired
/// lot), so a lot's figure may go below zero rather than a sale be refused; a product never kept
/// in lots gives one part without a lot. Expired lots give goods only when `expired_ok` (a
/// manager approved). Returns whether expired goods were drawn.
pub fn draw(
    conn: &Connection,
    product_id: i64,
    qty: Qty,
    today: NaiveDate,
    picked: Option<i64>,
    expired_ok: bool,
) -> Result<Drawn, Error> {
    let lots = stock_of(conn, product_id)?;
    if lots.is_empty() {
        return Ok((vec![(None, qty)], false));
    }
    let Allocation {
        parts,
        shortfall,
        uses_expired,
    } = lot::allocate(&lots, qty, today, picked, expired_ok)?;
    let mut parts: Vec<(Option<i64>, Qty)> =
        parts.into_iter().map(|(id, q)| (Some(id), q)).collect();
    if shortfall.0 > 0 {
        let newest_fresh = lots
            .iter()
            .filter(|l| !l.is_expired(today))
            .map(|l| l.id)
            .max();
        match parts.last_mut() {
            Some((_, q)) => *q = Qty(q.0 + shortfall.0),
            None => parts.push((newest_fresh, shortfall)),
        }
    }
    Ok((parts, uses_expired))
}

/// The consigned lots of `producer_id` for a product that hold stock, first-expiry-first-out.
pub fn consigned_on_hand(
    conn: &Connection,
    product_id: i64,
    producer_id: i64,
) -> Result<Vec<LotStock>, Error> {
    let mut rows: Vec<LotStock> = conn
        .prepare_cached(
            "SELECT id, lot_no, expiry, qty_milli FROM lots
             WHERE product_id = ?1 AND owner = 'consigned' AND producer_id = ?2 AND qty_milli > 0",
        )?
        .query_map(params![product_id, producer_id], lot_stock)?
        .collect::<Result<_, _>>()?;
    lot::fefo_order(&mut rows);
    Ok(rows)
}

/// The lot goods found or put back by a correction go into: the given one, else the product's
/// newest lot, else none.
pub fn put_back_lot(
    conn: &Connection,
    product_id: i64,
    lot_id: Option<i64>,
) -> Result<Option<i64>, Error> {
    if lot_id.is_some() {
        return Ok(lot_id);
    }
    Ok(conn
        .prepare_cached("SELECT MAX(id) FROM lots WHERE product_id = ?1")?
        .query_row([product_id], |r| r.get(0))?)
}
