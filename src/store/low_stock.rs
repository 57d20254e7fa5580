//! The low-stock list: products at or below their reorder level, with how fast they sell and how
//! many days what is left will last.

use std::num::NonZeroU32;

use chrono::{Days, NaiveDate};
use rusqlite::{Connection, params};
use serde::Serialize;

use super::Error;
use crate::domain::money::div_round_half_away;
use crate::domain::qty::{MAX_LINE_QTY, Qty};

/// Days of sales the list averages over unless told otherwise.
pub const DEFAULT_DAYS: u32 = 28;

/// Sets (or with `None` clears) the reorder level of product `code`.
pub fn set_reorder_level(conn: &Connection, code: &str, level: Option<Qty>) -> Result<(), Error> {
    if let Some(level) = level
        && (level.0 < 0 || level > MAX_LINE_QTY)
    {
        return Err(Error::Setting(
            "mức tồn tối thiểu phải từ 0 đến 100.000 (hoặc \"none\" để bỏ theo dõi)",
        ));
    }
    let code = code.trim();
    let changed = conn.execute(
        "UPDATE products SET reorder_level_milli = ?2 WHERE code = ?1",
        params![code, level.map(|l| l.0)],
    )?;
    if changed == 0 {
        return Err(Error::UnknownCode(code.to_owned()));
    }
    Ok(())
}

/// A product at or below its reorder level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LowStock {
    /// Product code.
    pub product_code: String,
    /// Name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// On hand now.
    pub on_hand: Qty,
    /// Its reorder level.
    pub reorder_level: Qty,
    /// Net quantity sold (sales less refunds) over the period.
    pub sold: Qty,
    /// Days in the period.
    pub days: u32,
    /// Average sold per day: `sold ÷ days`, rounded half away from zero.
    pub daily_average: Qty,
    /// Whole days the stock on hand lasts at that pace: `on_hand × days ÷ sold`, rounded down (0
    /// when nothing is on hand); `None` when nothing sold.
    pub days_of_cover: Option<i64>,
}

/// Active products whose on-hand is at or below their reorder level on `today`, with their net sales
/// (sale and refund moves) over the `days` business days ending with `today` and their days of cover;
/// fewest days of cover first, products that did not sell last.
pub fn list(conn: &Connection, today: NaiveDate, days: NonZeroU32) -> Result<Vec<LowStock>, Error> {
    let n = days.get();
    let from = today
        .checked_sub_days(Days::new(u64::from(n - 1)))
        .unwrap_or(NaiveDate::MIN);
    let until = today.succ_opt().unwrap_or(NaiveDate::MAX);
    // Moves are stamped in the business offset, so the date they carry is their business date.
    let mut sold = conn.prepare_cached(
        "SELECT COALESCE(-SUM(qty_milli), 0) FROM stock_moves
         WHERE product_id = ?1 AND kind IN ('sale', 'refund') AND created_at >= ?2 AND created_at < ?3",
    )?;
    let low: Vec<(i64, String, String, String, i64, i64)> = conn
        .prepare(
            "SELECT p.id, p.code, p.name, p.unit, COALESCE(s.qty_milli, 0), p.reorder_level_milli
             FROM products p LEFT JOIN stock s ON s.product_id = p.id
             WHERE p.active = 1 AND p.reorder_level_milli IS NOT NULL
               AND COALESCE(s.qty_milli, 0) <= p.reorder_level_milli",
        )?
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let mut rows = Vec::with_capacity(low.len());
    for (id, product_code, name, unit, on_hand, level) in low {
        let sold_milli: i64 = sold
            .query_row(params![id, from.to_string(), until.to_string()], |r| {
                r.get(0)
            })?;
        let per_day = i128::from(n);
        let daily_average = Qty(i64::try_from(div_round_half_away(
            i128::from(sold_milli),
            per_day,
        ))
        .unwrap_or(i64::MAX));
        let days_of_cover = (sold_milli > 0).then(|| {
            let cover = i128::from(on_hand.max(0)) * per_day / i128::from(sold_milli);
            i64::try_from(cover).unwrap_or(i64::MAX)
        });
        rows.push(LowStock {
            product_code,
            name,
            unit,
            on_hand: Qty(on_hand),
            reorder_level: Qty(level),
            sold: Qty(sold_milli),
            days: n,
            daily_average,
            days_of_cover,
        });
    }
    rows.sort_by(|a, b| {
        (a.days_of_cover.is_none(), a.days_of_cover, &a.product_code).cmp(&(
            b.days_of_cover.is_none(),
            b.days_of_cover,
            &b.product_code,
        ))
    });
    Ok(rows)
}
