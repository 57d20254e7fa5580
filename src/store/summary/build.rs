//! Building a day's summary from its sales: totals and hours in one pass, payments by method, and
//! a line per product with its GTIN, OCOP group and producer.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate, SubsecRound};
use rusqlite::Connection;

use super::corrupt;
use crate::domain::money::Vnd;
use crate::domain::payment;
use crate::domain::summary::{self, CURRENCY, DailySummary, Hour, Line, Method, Payment, SCHEMA};
use crate::store::Error;
use crate::store::report::SALE_TOTALS;

fn sum_i64(a: i64, b: i64) -> Result<i64, Error> {
    a.checked_add(b)
        .ok_or_else(|| Error::Overflow(crate::domain::money::Overflow))
}

/// Builds the summary of `date` as it stands in the database.
pub fn build(
    conn: &Connection,
    point_code: &str,
    date: NaiveDate,
    revision: u32,
    at: DateTime<FixedOffset>,
) -> Result<DailySummary, Error> {
    let d = date.to_string();
    // One pass over the day's sales grouped by hour gives both the hours and the day's totals.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT CAST(substr(completed_at, 12, 2) AS INTEGER) AS h, {SALE_TOTALS}
         FROM sales WHERE business_date = ?1 GROUP BY h ORDER BY h"
    ))?;
    let rows = stmt
        .query_map([&d], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                [
                    r.get::<_, i64>(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ],
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut totals = [0_i64; 7];
    let mut hours = Vec::with_capacity(rows.len());
    for (hour, figures) in rows {
        for (total, figure) in totals.iter_mut().zip(figures) {
            *total = sum_i64(*total, figure)?;
        }
        hours.push(Hour {
            hour: u8::try_from(hour).map_err(|_| corrupt(format!("giờ bán {hour} ngày {d}")))?,
            receipts: u32::try_from(figures[0]).map_err(|_| corrupt("số hóa đơn"))?,
            net_vnd: Vnd(figures[5]),
        });
    }
    let count = |n: i64| u32::try_from(n).map_err(|_| corrupt("số hóa đơn"));

    let mut by_method: BTreeMap<Method, i64> = BTreeMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT p.method, SUM(p.amount_vnd) FROM sales s JOIN payments p ON p.sale_id = s.id
         WHERE s.business_date = ?1 GROUP BY p.method",
    )?;
    for row in stmt.query_map([&d], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (method, amount) = row?;
        let method = method
            .parse::<payment::Method>()
            .map_or(Method::Other, Method::from);
        let slot = by_method.entry(method).or_insert(0);
        *slot = sum_i64(*slot, amount)?;
    }
    let payments = by_method
        .into_iter()
        .map(|(method, amount)| Payment {
            method,
            amount_vnd: Vnd(amount),
        })
        .collect();

    // Name, unit and stars as sold on the day's latest line of the product (the bare columns come
    // from the row holding MAX(l.id)); group and producer from the catalogue, looked up once per
    // product rather than once per line.
    let mut stmt = conn.prepare_cached(
        "SELECT g.product_code, g.product_id, g.name, g.unit, g.stars, g.qty, g.net, g.vat,
                p.ocop_group, COALESCE(pr.code, '')
         FROM (SELECT l.product_code, MAX(l.id), l.product_id, l.name, l.unit, l.stars,
                      SUM(l.qty_milli) AS qty, SUM(l.net_vnd) AS net, SUM(l.vat_vnd) AS vat
               FROM sales s JOIN sale_lines l ON l.sale_id = s.id
               WHERE s.business_date = ?1 GROUP BY l.product_code) g
              LEFT JOIN products p ON p.id = g.product_id
              LEFT JOIN producers pr ON pr.id = p.producer_id
         ORDER BY g.product_code",
    )?;
    let mut codes =
        conn.prepare_cached("SELECT code FROM barcodes WHERE product_id = ?1 ORDER BY rowid")?;
    let mut lines = Vec::new();
    let rows = stmt.query_map([&d], |r| {
        Ok((
            r.get::<_, i64>(1)?,
            Line {
                product_code: r.get(0)?,
                gtin: String::new(),
                name: r.get(2)?,
                unit: r.get(3)?,
                stars: r.get(4)?,
                qty_milli: r.get(5)?,
                net_vnd: Vnd(r.get(6)?),
                vat_vnd: Vnd(r.get(7)?),
                ocop_group: r.get(8)?,
                producer_code: r.get(9)?,
            },
        ))
    })?;
    for row in rows {
        let (product_id, mut line) = row?;
        let barcodes: Vec<String> = codes
            .query_map([product_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        line.gtin = summary::first_gtin(barcodes.iter().map(String::as_str)).to_owned();
        lines.push(line);
    }

    Ok(DailySummary {
        schema: SCHEMA.to_owned(),
        point_code: point_code.to_owned(),
        business_date: date,
        revision,
        generated_at: at.trunc_subsecs(0),
        currency: CURRENCY.to_owned(),
        receipts: count(totals[0])?,
        refund_receipts: count(totals[1])?,
        gross_vnd: Vnd(totals[2]),
        discount_vnd: Vnd(totals[3]),
        refund_vnd: Vnd(totals[4]),
        net_vnd: Vnd(totals[5]),
        vat_vnd: Vnd(totals[6]),
        payments,
        lines,
        hours,
    })
}
