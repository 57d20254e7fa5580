//! Reads a completed sale or refund back with everything its receipt prints.

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, OptionalExtension, params};

use super::Error;
use super::settings::{self, PointProfile};
use crate::domain::catalog::Stars;
use crate::domain::money::Vnd;
use crate::domain::payment::Method;
use crate::domain::qty::Qty;
use crate::domain::vat::VatRate;

/// A stored sale line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Position on the receipt, from 1.
    pub line_no: u32,
    /// Product name.
    pub name: String,
    /// Unit (chai, hộp, kg).
    pub unit: String,
    /// OCOP stars, if certified.
    pub stars: Option<Stars>,
    /// Quantity (negative on refunds).
    pub qty: Qty,
    /// Price per unit charged.
    pub unit_price: Vnd,
    /// Quantity × unit price.
    pub gross: Vnd,
    /// The line's own discount.
    pub line_discount: Vnd,
    /// The line's share of the order discount.
    pub order_discount: Vnd,
    /// Paid for the line, VAT included.
    pub net: Vnd,
    /// VAT rate.
    pub vat_rate: VatRate,
    /// VAT contained in `net`.
    pub vat: Vnd,
}

/// A stored payment (negative on refunds: money paid back).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    /// How.
    pub method: Method,
    /// Amount.
    pub amount: Vnd,
    /// Bank or terminal reference.
    pub reference: String,
}

/// A completed sale or refund with the point it was made at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleReceipt {
    /// The point's name, address and tax code.
    pub point: PointProfile,
    /// Receipt number.
    pub receipt_no: String,
    /// The sale refunded, for a refund.
    pub refund_of: Option<String>,
    /// When it was completed.
    pub completed_at: DateTime<FixedOffset>,
    /// The clerk's name.
    pub clerk: String,
    /// Lines in receipt order.
    pub lines: Vec<Line>,
    /// Sum of line gross amounts.
    pub gross: Vnd,
    /// Line and order discounts.
    pub discount: Vnd,
    /// What was paid (negative for refunds).
    pub total: Vnd,
    /// VAT contained in the total.
    pub vat: Vnd,
    /// Handed over by the customer.
    pub tendered: Vnd,
    /// Change given back.
    pub change: Vnd,
    /// Payments in the order taken.
    pub payments: Vec<Payment>,
    /// The refund's reason (empty for sales).
    pub note: String,
}

fn conversion(column: usize, message: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        column,
        rusqlite::types::Type::Text,
        Box::<dyn std::error::Error + Send + Sync>::from(message),
    )
}

/// The receipt of sale `sale_id`, or None when there is no such sale.
pub fn load(conn: &Connection, sale_id: i64) -> Result<Option<SaleReceipt>, Error> {
    let point = settings::point(conn)?.unwrap_or_default();
    let head = conn
        .query_row(
            "SELECT s.receipt_no, o.receipt_no, s.completed_at, COALESCE(u.name, ''), s.gross_vnd,
                    s.discount_vnd, s.total_vnd, s.vat_vnd, s.tendered_vnd, s.change_vnd, s.note
             FROM sales s LEFT JOIN sales o ON o.id = s.original_sale_id
             LEFT JOIN users u ON u.id = s.user_id WHERE s.id = ?1",
            [sale_id],
            |r| {
                let at: String = r.get(2)?;
                let completed_at = DateTime::parse_from_rfc3339(&at)
                    .map_err(|e| conversion(2, format!("thời điểm \"{at}\": {e}")))?;
                Ok(SaleReceipt {
                    point: point.clone(),
                    receipt_no: r.get(0)?,
                    refund_of: r.get(1)?,
                    completed_at,
                    clerk: r.get(3)?,
                    lines: Vec::new(),
                    gross: Vnd(r.get(4)?),
                    discount: Vnd(r.get(5)?),
                    total: Vnd(r.get(6)?),
                    vat: Vnd(r.get(7)?),
                    tendered: Vnd(r.get(8)?),
                    change: Vnd(r.get(9)?),
                    payments: Vec::new(),
                    note: r.get(10)?,
                })
            },
        )
        .optional()?;
    let Some(mut receipt) = head else {
        return Ok(None);
    };
    let mut lines = conn.prepare_cached(
        "SELECT line_no, name, unit, stars, qty_milli, unit_price_vnd, gross_vnd, line_discount_vnd,
                order_discount_vnd, net_vnd, vat_bp, vat_vnd
         FROM sale_lines WHERE sale_id = ?1 ORDER BY line_no",
    )?;
    receipt.lines = lines
        .query_map([sale_id], |r| {
            let stars: Option<u8> = r.get(3)?;
            let bp: u16 = r.get(10)?;
            Ok(Line {
                line_no: r.get(0)?,
                name: r.get(1)?,
                unit: r.get(2)?,
                stars: stars.and_then(Stars::new),
                qty: Qty(r.get(4)?),
                unit_price: Vnd(r.get(5)?),
                gross: Vnd(r.get(6)?),
                line_discount: Vnd(r.get(7)?),
                order_discount: Vnd(r.get(8)?),
                net: Vnd(r.get(9)?),
                vat_rate: VatRate::new(bp).map_err(|e| conversion(10, e.to_string()))?,
                vat: Vnd(r.get(11)?),
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut payments = conn.prepare_cached(
        "SELECT method, amount_vnd, reference FROM payments WHERE sale_id = ?1 ORDER BY seq",
    )?;
    receipt.payments = payments
        .query_map([sale_id], |r| {
            let method: String = r.get(0)?;
            Ok(Payment {
                method: method.parse().map_err(|e| conversion(0, format!("{e}")))?,
                amount: Vnd(r.get(1)?),
                reference: r.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(Some(receipt))
}

/// The receipt with this number (`POINT-000123`), or None.
pub fn load_by_number(conn: &Connection, receipt_no: &str) -> Result<Option<SaleReceipt>, Error> {
    match super::sales::by_receipt(conn, receipt_no)? {
        Some(header) => load(conn, header.id),
        None => Ok(None),
    }
}

/// The receipt of the point's most recent sale or refund, or None before the first sale.
pub fn load_last(conn: &Connection, point_code: &str) -> Result<Option<SaleReceipt>, Error> {
    let last: Option<i64> = conn
        .query_row(
            "SELECT id FROM sales WHERE point_code = ?1 ORDER BY receipt_seq DESC LIMIT 1",
            params![point_code],
            |r| r.get(0),
        )
        .optional()?;
    match last {
        Some(id) => load(conn, id),
        None => Ok(None),
    }
}
