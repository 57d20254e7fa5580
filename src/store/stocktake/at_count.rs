//! What was on hand when a line was counted: the on-hand now less every move stamped after the
//! count (and less the count's own moves once it is posted, wherever they fall).
//!
//! Times are compared as instants, so offsets and fractions of a second do not matter. Moves are
//! not indexed by time and a product's moves are spread over the whole table, so a count's lines are
//! worked out in one pass over the moves; a text bound on the stamp (two days before the earliest
//! count, enough for any UTC offset) lets SQLite skip the history cheaply without changing the sum.

use std::collections::HashMap;

use chrono::{DateTime, Days, FixedOffset};
use rusqlite::{Connection, params};

use crate::domain::qty::Qty;
use crate::store::{Error, stock};

fn instant(text: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(text).ok()
}

/// A stamp no later move can sort below: the local date two days before `t`.
fn floor(t: DateTime<FixedOffset>) -> String {
    t.date_naive()
        .checked_sub_days(Days::new(2))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

fn stored_instant(text: &str) -> Result<DateTime<FixedOffset>, Error> {
    instant(text).ok_or_else(|| Error::Corrupt(format!("thời điểm kiểm kê không đọc được: {text}")))
}

/// On hand of one product at `at` (RFC 3339), leaving out the moves of document `own`.
pub(crate) fn on_hand_at(
    conn: &Connection,
    product_id: i64,
    at: &str,
    own: i64,
) -> Result<Qty, Error> {
    let t = stored_instant(at)?;
    let mut after = Qty::ZERO;
    let mut stmt = conn.prepare_cached(
        "SELECT qty_milli, created_at, document_id IS ?3 FROM stock_moves
         WHERE product_id = ?1 AND (created_at >= ?2 OR document_id IS ?3)",
    )?;
    let mut rows = stmt.query(params![product_id, floor(t), own])?;
    while let Some(row) = rows.next()? {
        let stamp: String = row.get(1)?;
        let own_move: bool = row.get(2)?;
        if own_move || instant(&stamp).is_some_and(|m| m > t) {
            after = after.checked_add(Qty(row.get(0)?))?;
        }
    }
    Ok(stock::on_hand(conn, product_id)?.checked_sub(after)?)
}

/// On hand at counting time of every counted line of stock take `document_id`, by line id.
pub(crate) fn at_count(conn: &Connection, document_id: i64) -> Result<HashMap<i64, Qty>, Error> {
    let lines: Vec<(i64, i64, String)> = conn
        .prepare_cached(
            "SELECT id, product_id, counted_at FROM document_lines
             WHERE document_id = ?1 AND counted_at IS NOT NULL",
        )?
        .query_map([document_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut by_product: HashMap<i64, Vec<(i64, DateTime<FixedOffset>)>> = HashMap::new();
    let mut earliest: Option<DateTime<FixedOffset>> = None;
    for (line_id, product_id, counted_at) in &lines {
        let t = stored_instant(counted_at)?;
        earliest = Some(earliest.map_or(t, |e| e.min(t)));
        by_product
            .entry(*product_id)
            .or_default()
            .push((*line_id, t));
    }
    let mut after: HashMap<i64, Qty> = HashMap::new();
    if let Some(earliest) = earliest {
        // `+product_id` keeps SQLite off the product index: one scan of the table beats reading
        // every page of it once per product.
        let mut stmt = conn.prepare_cached(
            "SELECT product_id, qty_milli, created_at, document_id IS ?1 FROM stock_moves
             WHERE +product_id IN (SELECT product_id FROM document_lines
                                   WHERE document_id = ?1 AND counted_at IS NOT NULL)
               AND (created_at >= ?2 OR document_id IS ?1)",
        )?;
        let mut rows = stmt.query(params![document_id, floor(earliest)])?;
        while let Some(row) = rows.next()? {
            let product_id: i64 = row.get(0)?;
            let qty = Qty(row.get(1)?);
            let stamp: String = row.get(2)?;
            let own_move: bool = row.get(3)?;
            let moved = instant(&stamp);
            for (line_id, t) in by_product.get(&product_id).into_iter().flatten() {
                if own_move || moved.is_some_and(|m| m > *t) {
                    let sum = after.entry(*line_id).or_default();
                    *sum = sum.checked_add(qty)?;
                }
            }
        }
    }
    lines
        .into_iter()
        .map(|(line_id, product_id, _)| {
            let now = stock::on_hand(conn, product_id)?;
            let moved = after.get(&line_id).copied().unwrap_or_default();
            Ok((line_id, now.checked_sub(moved)?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_floor_is_below_any_later_stamp_in_any_offset() {
        let t = instant("2026-12-01T00:30:00+14:00").unwrap();
        // The same instant seen from -12:00 is on 29 November local time.
        let later = instant("2026-11-29T22:31:00-12:00").unwrap();
        assert!(later > t);
        assert!("2026-11-29T22:31:00-12:00" >= floor(t).as_str());
        assert_eq!(floor(t), "2026-11-29");
    }
}
