//! Stock as a manager reads it: products with their on-hand (searched, a page at a time) and the
//! moves of one product, newest first.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::domain::qty::Qty;
use crate::store::{Error, catalog};

/// A product with its stock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OnHandRow {
    /// Product id.
    pub id: i64,
    /// Product code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// On hand now.
    pub on_hand: Qty,
    /// Lots of it holding stock.
    pub lots: u32,
    /// Its reorder level, when watched.
    pub reorder_level: Option<Qty>,
}

const ROW: &str = "SELECT p.id, p.code, p.name, p.unit, COALESCE(s.qty_milli, 0),
        (SELECT COUNT(*) FROM lots l WHERE l.product_id = p.id AND l.qty_milli > 0),
        p.reorder_level_milli
    FROM products p LEFT JOIN stock s ON s.product_id = p.id";

fn on_hand_row(r: &Row<'_>) -> rusqlite::Result<OnHandRow> {
    Ok(OnHandRow {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        unit: r.get(3)?,
        on_hand: Qty(r.get(4)?),
        lots: r.get(5)?,
        reorder_level: r.get::<_, Option<i64>>(6)?.map(Qty),
    })
}

/// At most `limit` products with their stock: those whose name or code holds every word of `query`
/// (diacritics and case ignored, best matches first), or with an empty query the products holding
/// stock, by code.
pub fn on_hand_list(conn: &Connection, query: &str, limit: usize) -> Result<Vec<OnHandRow>, Error> {
    let mut one = conn.prepare_cached(&format!("{ROW} WHERE p.id = ?1"))?;
    if query.trim().is_empty() {
        let ids: Vec<i64> = conn
            .prepare_cached(
                "SELECT p.id FROM stock s JOIN products p ON p.id = s.product_id
                 WHERE s.qty_milli <> 0 ORDER BY p.code LIMIT ?1",
            )?
            .query_map([i64::try_from(limit).unwrap_or(i64::MAX)], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        return ids
            .into_iter()
            .map(|id| Ok(one.query_row([id], on_hand_row)?))
            .collect();
    }
    catalog::search(conn, query, limit)?
        .into_iter()
        .map(|hit| Ok(one.query_row([hit.id], on_hand_row)?))
        .collect()
}

/// The product with this code or barcode, with its stock.
pub fn on_hand_of(conn: &Connection, code: &str) -> Result<Option<OnHandRow>, Error> {
    let code = code.trim();
    Ok(conn
        .prepare_cached(&format!(
            "{ROW} WHERE p.code = ?1 OR p.id = (SELECT product_id FROM barcodes WHERE code = ?1)"
        ))?
        .query_row([code], on_hand_row)
        .optional()?)
}

/// One stock move as the history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MoveRow {
    /// When (RFC 3339, local offset).
    pub at: String,
    /// Why it moved: the stored kind (`sale`, `adjust`, …).
    pub kind: String,
    /// Signed quantity.
    pub qty: Qty,
    /// The receipt or document number.
    pub reference: String,
    /// The reason given (adjustments).
    pub reason: String,
    /// The lot's number, if it moved a lot.
    pub lot_no: String,
    /// Who did it.
    pub user: String,
}

/// The latest `limit` moves of a product, newest first.
pub fn history(conn: &Connection, product_id: i64, limit: usize) -> Result<Vec<MoveRow>, Error> {
    let rows = conn
        .prepare_cached(
            "SELECT m.created_at, m.kind, m.qty_milli, m.reference, m.reason,
                    COALESCE(l.lot_no, ''), COALESCE(u.name, '')
             FROM stock_moves m LEFT JOIN lots l ON l.id = m.lot_id
             LEFT JOIN users u ON u.id = m.user_id
             WHERE m.product_id = ?1 ORDER BY m.id DESC LIMIT ?2",
        )?
        .query_map(
            rusqlite::params![product_id, i64::try_from(limit).unwrap_or(i64::MAX)],
            |r| {
                Ok(MoveRow {
                    at: r.get(0)?,
                    kind: r.get(1)?,
                    qty: Qty(r.get(2)?),
                    reference: r.get(3)?,
                    reason: r.get(4)?,
                    lot_no: r.get(5)?,
                    user: r.get(6)?,
                })
            },
        )?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::auth::{Approval, Role};
    use crate::domain::stock::AdjustReason;
    use crate::store::adjust::{self, Adjustment, Change};

    #[test]
    fn lists_search_and_history_show_what_moved() {
        let now = crate::store::test_support::nine_am();
        let (_dir, mut conn) = crate::store::test_support::sample_till(now);
        let minh =
            crate::store::users::add(&conn, "Minh", Role::Manager, "1357", None, now).unwrap();
        assert!(
            on_hand_list(&conn, "", 50).unwrap().is_empty(),
            "no stock yet"
        );
        let found = |change: Change| Adjustment {
            reason: AdjustReason::Correction,
            note: "đếm lại".into(),
            changes: vec![change],
        };
        let adjustment = found(Change {
            product: "DS-CAO-DUCHUY-100".into(),
            qty: Qty::units(4),
            lot_id: None,
        });
        adjust::adjust(&mut conn, &adjustment, minh, Approval::new(minh), now).unwrap();
        let listed = on_hand_list(&conn, "", 50).unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(
            (listed[0].code.as_str(), listed[0].on_hand),
            ("DS-CAO-DUCHUY-100", Qty::units(4))
        );
        let searched = on_hand_list(&conn, "cao dang sam", 50).unwrap();
        assert!(searched.iter().any(|r| r.code == "DS-CAO-DUCHUY-100"));
        assert_eq!(on_hand_list(&conn, "sam", 1).unwrap().len(), 1);
        let by_barcode = on_hand_of(&conn, "2900000000018").unwrap().unwrap();
        assert_eq!(by_barcode.on_hand, Qty::units(4));
        assert_eq!(on_hand_of(&conn, "KHONG-CO").unwrap(), None);
        let moves = history(&conn, by_barcode.id, 10).unwrap();
        assert_eq!(moves.len(), 1);
        assert_eq!(moves[0].kind, "adjust");
        assert_eq!(moves[0].qty, Qty::units(4));
        assert_eq!(moves[0].user, "Minh");
        assert!(moves[0].reference.starts_with("DC-"), "{:?}", moves[0]);
    }
}
