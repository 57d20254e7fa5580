//! Resolving what the clerk scanned or typed — a barcode, a scale label or a product code — to the
//! product and quantity the cart adds.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use super::sale_item;
use crate::domain::barcode::{self, BarcodeRules, Scan};
use crate::domain::cart::Item;
use crate::domain::money::Vnd;
use crate::domain::qty::Qty;
use crate::store::Error;

/// What a scan or typed code adds to the cart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The product.
    pub item: Item,
    /// Quantity to add.
    pub qty: Qty,
    /// For a scale's priced label: the price the line must cost.
    pub label_price: Option<Vnd>,
}

fn id_by(conn: &Connection, sql: &str, key: &dyn rusqlite::ToSql) -> Result<Option<i64>, Error> {
    Ok(conn
        .prepare_cached(sql)?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// Resolves a scanned or typed code: a barcode, a scale label (by PLU) or a product code.
pub fn resolve(
    conn: &Connection,
    input: &str,
    rules: &BarcodeRules,
    date: NaiveDate,
) -> Result<Resolved, Error> {
    let scan = barcode::classify(input, rules)?;
    let (id, qty, label_price) = match &scan {
        Scan::Gtin(code) => {
            let id = id_by(
                conn,
                "SELECT product_id FROM barcodes WHERE code = ?1",
                code,
            )?;
            (
                id.ok_or_else(|| Error::UnknownCode(code.clone()))?,
                Qty::ONE,
                None,
            )
        }
        Scan::Code(code) => {
            let id = match id_by(
                conn,
                "SELECT product_id FROM barcodes WHERE code = ?1",
                code,
            )? {
                Some(id) => Some(id),
                None => id_by(
                    conn,
                    "SELECT id FROM products WHERE code = ?1",
                    &code.to_uppercase(),
                )?,
            };
            (
                id.ok_or_else(|| Error::UnknownCode(code.clone()))?,
                Qty::ONE,
                None,
            )
        }
        Scan::Weighted { item, qty } => {
            let id = id_by(conn, "SELECT id FROM products WHERE plu = ?1", item)?;
            (id.ok_or(Error::UnknownPlu(*item))?, *qty, None)
        }
        Scan::Priced { item, price } => {
            let id = id_by(conn, "SELECT id FROM products WHERE plu = ?1", item)?;
            (id.ok_or(Error::UnknownPlu(*item))?, Qty::ONE, Some(*price))
        }
    };
    let item = sale_item(conn, id, date)?;
    let qty = match (&scan, item.sold_by_weight) {
        (Scan::Weighted { .. }, false) => return Err(Error::NotByWeight(item.name)),
        // A priced label of weighed goods: the weight it stands for, for stock.
        (Scan::Priced { price, .. }, true) if item.price.0 > 0 => {
            let grams = crate::domain::money::div_round_half_away(
                i128::from(price.0) * 1000,
                i128::from(item.price.0),
            );
            Qty(i64::try_from(grams).unwrap_or(i64::MAX).max(1))
        }
        _ => qty,
    };
    Ok(Resolved {
        item,
        qty,
        label_price,
    })
}
