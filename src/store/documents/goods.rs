//! Looking up the products and producers a document names.

use rusqlite::{Connection, OptionalExtension};

use crate::domain::money::Vnd;
use crate::store::Error;

/// A product as stock documents need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goods {
    /// Database id.
    pub id: i64,
    /// Product code.
    pub code: String,
    /// Name.
    pub name: String,
    /// OCOP group number.
    pub ocop_group: Option<u8>,
    /// Weighed goods may have fractional quantities.
    pub sold_by_weight: bool,
    /// Still sold.
    pub active: bool,
    /// The producer's id.
    pub producer_id: Option<i64>,
    /// Retail price.
    pub price: Vnd,
}

/// The product with this code or barcode.
pub fn goods(conn: &Connection, code: &str) -> Result<Option<Goods>, Error> {
    let code = code.trim();
    Ok(conn
        .prepare_cached(
            "SELECT id, code, name, ocop_group, sold_by_weight, active, producer_id, price_vnd
             FROM products
             WHERE code = ?1 OR id = (SELECT product_id FROM barcodes WHERE code = ?1)",
        )?
        .query_row([code], |r| {
            Ok(Goods {
                id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
                ocop_group: r.get(3)?,
                sold_by_weight: r.get(4)?,
                active: r.get(5)?,
                producer_id: r.get(6)?,
                price: Vnd(r.get(7)?),
            })
        })
        .optional()?)
}

/// The id of the producer with this code, or an error naming it.
pub fn producer_id(conn: &Connection, code: &str) -> Result<i64, Error> {
    let code = code.trim();
    conn.prepare_cached("SELECT id FROM producers WHERE code = ?1")?
        .query_row([code], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::UnknownProducer(code.to_owned()))
}
