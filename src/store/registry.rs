//! The provincial OCOP registry applied to the till's catalogue: group, stars and certificate of
//! each matching product (by code, else by GTIN) are updated; prices, stock, names and everything
//! else the point owns are left alone, and unknown products are not added.

use rusqlite::{Connection, OptionalExtension, params};

use super::Error;
use crate::sync::protocol::CatalogueEntry;

/// What applying the registry did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    /// Products whose OCOP fields changed.
    pub updated: u32,
    /// Matching products already up to date.
    pub unchanged: u32,
    /// Registry products this till does not sell.
    pub not_here: u32,
}

fn product_for(conn: &Connection, entry: &CatalogueEntry) -> Result<Option<i64>, Error> {
    let by_code = conn
        .prepare_cached("SELECT id FROM products WHERE code = ?1")?
        .query_row([&entry.product_code], |r| r.get(0))
        .optional()?;
    if by_code.is_some() || entry.gtin.is_empty() {
        return Ok(by_code);
    }
    Ok(conn
        .prepare_cached("SELECT product_id FROM barcodes WHERE code = ?1")?
        .query_row([&entry.gtin], |r| r.get(0))
        .optional()?)
}

/// Applies `entries` in one transaction.
pub fn apply(conn: &mut Connection, entries: &[CatalogueEntry]) -> Result<Applied, Error> {
    let tx = conn.transaction()?;
    let mut applied = Applied::default();
    for entry in entries {
        let Some(id) = product_for(&tx, entry)? else {
            applied.not_here += 1;
            continue;
        };
        let changed = tx
            .prepare_cached(
                "UPDATE products SET ocop_group = ?2, stars = ?3, cert_no = ?4, cert_date = ?5,
                                     cert_valid_until = ?6
                 WHERE id = ?1 AND (ocop_group IS NOT ?2 OR stars IS NOT ?3 OR cert_no IS NOT ?4
                                    OR cert_date IS NOT ?5 OR cert_valid_until IS NOT ?6)",
            )?
            .execute(params![
                id,
                entry.ocop_group,
                entry.stars,
                entry.cert_no,
                entry.cert_date.map(|d| d.to_string()),
                entry.cert_valid_until.map(|d| d.to_string())
            ])?;
        if changed > 0 {
            applied.updated += 1;
        } else {
            applied.unchanged += 1;
        }
    }
    tx.commit()?;
    Ok(applied)
}
