//! The day report: receipts, gross, discounts, refunds, net, VAT by rate and money by method.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::Error;
use crate::domain::money::Vnd;

/// Money taken by one method (net of refunds).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ByMethod {
    /// Stored method name.
    pub method: String,
    /// Net amount.
    pub amount_vnd: Vnd,
}

/// VAT at one rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ByRate {
    /// Rate in basis points.
    pub vat_bp: u16,
    /// Net sales at the rate, VAT included.
    pub net_vnd: Vnd,
    /// VAT contained.
    pub vat_vnd: Vnd,
}

/// One product's net sales.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ByProduct {
    /// Product code.
    pub product_code: String,
    /// Name.
    pub name: String,
    /// Net quantity in thousandths.
    pub qty_milli: i64,
    /// Net amount.
    pub net_vnd: Vnd,
}

/// Everything the till sold on one business date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Day {
    /// The business date.
    pub date: NaiveDate,
    /// Sale receipts.
    pub receipts: u32,
    /// Refund receipts.
    pub refund_receipts: u32,
    /// Gross of sales before discounts.
    pub gross_vnd: Vnd,
    /// Discounts on sales.
    pub discount_vnd: Vnd,
    /// Refunded (a positive amount).
    pub refund_vnd: Vnd,
    /// Sales minus refunds.
    pub net_vnd: Vnd,
    /// VAT contained in `net_vnd`.
    pub vat_vnd: Vnd,
    /// Net by payment method.
    pub payments: Vec<ByMethod>,
    /// VAT by rate.
    pub vat_by_rate: Vec<ByRate>,
    /// Products by net amount, largest first.
    pub products: Vec<ByProduct>,
    /// First and last receipt numbers of the day.
    pub receipt_range: Option<(String, String)>,
}

/// The figures every day, shift and period report starts from, over the `sales` rows selected:
/// sale receipts, refund receipts, gross and discounts of sales, refunded (positive), net, VAT.
pub(crate) const SALE_TOTALS: &str =
    "COALESCE(SUM(kind = 'sale'), 0), COALESCE(SUM(kind = 'refund'), 0),
    COALESCE(SUM(CASE WHEN kind = 'sale' THEN gross_vnd END), 0),
    COALESCE(SUM(CASE WHEN kind = 'sale' THEN discount_vnd END), 0),
    COALESCE(-SUM(CASE WHEN kind = 'refund' THEN total_vnd END), 0),
    COALESCE(SUM(total_vnd), 0), COALESCE(SUM(vat_vnd), 0)";

/// Builds the report of `date`.
pub fn day(conn: &Connection, date: NaiveDate) -> Result<Day, Error> {
    let d = date.to_string();
    let (receipts, refund_receipts, gross, discount, refund, net, vat): (
        u32,
        u32,
        i64,
        i64,
        i64,
        i64,
        i64,
    ) = conn.query_row(
        &format!("SELECT {SALE_TOTALS} FROM sales WHERE business_date = ?1"),
        [&d],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        },
    )?;
    let mut stmt = conn.prepare(
        "SELECT p.method, SUM(p.amount_vnd) FROM payments p JOIN sales s ON s.id = p.sale_id
         WHERE s.business_date = ?1 GROUP BY p.method ORDER BY p.method",
    )?;
    let payments = stmt
        .query_map([&d], |r| {
            Ok(ByMethod {
                method: r.get(0)?,
                amount_vnd: Vnd(r.get(1)?),
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare(
        "SELECT l.vat_bp, SUM(l.net_vnd), SUM(l.vat_vnd) FROM sale_lines l JOIN sales s ON s.id = l.sale_id
         WHERE s.business_date = ?1 GROUP BY l.vat_bp ORDER BY l.vat_bp",
    )?;
    let vat_by_rate = stmt
        .query_map([&d], |r| {
            Ok(ByRate {
                vat_bp: r.get(0)?,
                net_vnd: Vnd(r.get(1)?),
                vat_vnd: Vnd(r.get(2)?),
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare(
        "SELECT l.product_code, MAX(l.name), SUM(l.qty_milli), SUM(l.net_vnd)
         FROM sale_lines l JOIN sales s ON s.id = l.sale_id
         WHERE s.business_date = ?1 GROUP BY l.product_code ORDER BY SUM(l.net_vnd) DESC, l.product_code",
    )?;
    let products = stmt
        .query_map([&d], |r| {
            Ok(ByProduct {
                product_code: r.get(0)?,
                name: r.get(1)?,
                qty_milli: r.get(2)?,
                net_vnd: Vnd(r.get(3)?),
            })
        })?
        .collect::<Result<_, _>>()?;
    let receipt_range: Option<(String, String)> = conn.query_row(
        "SELECT (SELECT receipt_no FROM sales WHERE business_date = ?1 ORDER BY id LIMIT 1),
                (SELECT receipt_no FROM sales WHERE business_date = ?1 ORDER BY id DESC LIMIT 1)",
        [&d],
        |r| {
            Ok(r.get::<_, Option<String>>(0)?
                .zip(r.get::<_, Option<String>>(1)?))
        },
    )?;
    Ok(Day {
        date,
        receipts,
        refund_receipts,
        gross_vnd: Vnd(gross),
        discount_vnd: Vnd(discount),
        refund_vnd: Vnd(refund),
        net_vnd: Vnd(net),
        vat_vnd: Vnd(vat),
        payments,
        vat_by_rate,
        products,
        receipt_range,
    })
}
