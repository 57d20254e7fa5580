//! What a unit of a counted product is worth: its lot cost where known, else its retail price.

use rusqlite::Connection;
use serde::Serialize;

use crate::domain::money::{Vnd, div_round_half_away};
use crate::store::Error;

/// What a stock-take line's value per unit stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueBasis {
    /// The cost of the product's lots (bought cost, or the price agreed for consigned goods).
    Cost,
    /// The product's retail price: no lot of it has a known cost.
    Retail,
}

impl ValueBasis {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            ValueBasis::Cost => "cost",
            ValueBasis::Retail => "retail",
        }
    }

    /// Reads a stored name ("" when the line was never valued).
    pub fn parse(text: &str) -> Option<ValueBasis> {
        match text {
            "cost" => Some(ValueBasis::Cost),
            "retail" => Some(ValueBasis::Retail),
            _ => None,
        }
    }

    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            ValueBasis::Cost => "giá vốn lô",
            ValueBasis::Retail => "giá bán lẻ",
        }
    }
}

/// The value of one unit of a product now: the average cost of its lots on hand weighted by their
/// quantities (rounded half away from zero); without stock in a costed lot, the cost of its newest
/// costed lot; without any lot of known cost (a cost of 0 is unknown), its retail price.
pub(crate) fn unit_value(conn: &Connection, product_id: i64) -> Result<(Vnd, ValueBasis), Error> {
    let on_hand: Vec<(i64, i64)> = conn
        .prepare_cached(
            "SELECT qty_milli, unit_cost_vnd FROM lots
             WHERE product_id = ?1 AND qty_milli > 0 AND unit_cost_vnd > 0",
        )?
        .query_map([product_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let qty: i128 = on_hand.iter().map(|(q, _)| i128::from(*q)).sum();
    if qty > 0 {
        let worth: i128 = on_hand
            .iter()
            .map(|(q, c)| i128::from(*q) * i128::from(*c))
            .sum();
        let average = i64::try_from(div_round_half_away(worth, qty))
            .map_err(|_| crate::domain::money::Overflow)?;
        return Ok((Vnd(average), ValueBasis::Cost));
    }
    let newest: Option<i64> = conn
        .prepare_cached(
            "SELECT unit_cost_vnd FROM lots WHERE product_id = ?1 AND unit_cost_vnd > 0
             ORDER BY id DESC LIMIT 1",
        )?
        .query_row([product_id], |r| r.get(0))
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(0),
            other => Err(other),
        })
        .map(|c: i64| Some(c).filter(|c| *c > 0))?;
    if let Some(cost) = newest {
        return Ok((Vnd(cost), ValueBasis::Cost));
    }
    let price: i64 = conn
        .prepare_cached("SELECT price_vnd FROM products WHERE id = ?1")?
        .query_row([product_id], |r| r.get(0))?;
    Ok((Vnd(price), ValueBasis::Retail))
}
