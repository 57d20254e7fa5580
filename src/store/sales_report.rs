//! Sales reports over any period of business dates, broken down by day, product, producer, OCOP
//! group, star level, payment method, clerk or hour.
//!
//! Every row carries the same integer figures as the day report: sale receipts, refund receipts,
//! gross and discounts of sales, refunds (a positive amount), net and the VAT it contains. A refund
//! counts on its own business date, hour and clerk, and against the product it brought back. The
//! money columns of the rows add up to the totals row, which is the same whatever the breakdown:
//! it sums the sales rows, or their lines, which add up to them (see `scan`).

mod acc;
mod labels;
mod scan;
mod table;

use std::fmt;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::Error;
use crate::domain::money::Vnd;
use crate::domain::qty::Qty;

/// How a report groups the sales.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum By {
    /// Business date.
    Day,
    /// Product, by the code on the receipt line.
    Product,
    /// The product's producer in the catalogue.
    Producer,
    /// The product's OCOP group in the catalogue.
    Group,
    /// OCOP stars as printed on the receipt line.
    Stars,
    /// Payment method, from the payments (split payments count in each of their methods).
    Method,
    /// The clerk who completed the sale or refund.
    Clerk,
    /// Hour of the day the sale or refund was completed.
    Hour,
}

impl By {
    /// Every breakdown, in menu order.
    pub const ALL: [By; 8] = [
        By::Day,
        By::Product,
        By::Producer,
        By::Group,
        By::Stars,
        By::Method,
        By::Clerk,
        By::Hour,
    ];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            By::Day => "day",
            By::Product => "product",
            By::Producer => "producer",
            By::Group => "group",
            By::Stars => "stars",
            By::Method => "method",
            By::Clerk => "clerk",
            By::Hour => "hour",
        }
    }

    /// The Vietnamese name of what the rows are.
    pub fn label_vi(self) -> &'static str {
        match self {
            By::Day => "ngày",
            By::Product => "sản phẩm",
            By::Producer => "nhà sản xuất",
            By::Group => "nhóm OCOP",
            By::Stars => "hạng sao OCOP",
            By::Method => "phương thức thanh toán",
            By::Clerk => "thu ngân",
            By::Hour => "giờ",
        }
    }
}

/// A breakdown name that is not one of the eight.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "không có báo cáo theo \"{0}\"; chọn day, product, producer, group, stars, method, clerk hoặc hour"
)]
pub struct UnknownBreakdown(pub String);

impl std::str::FromStr for By {
    type Err = UnknownBreakdown;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        By::ALL
            .into_iter()
            .find(|b| b.as_str() == s.trim())
            .ok_or_else(|| UnknownBreakdown(s.trim().to_owned()))
    }
}

/// Business dates from `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    from: NaiveDate,
    to: NaiveDate,
}

/// A period that ends before it starts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "khoảng thời gian không hợp lệ: ngày bắt đầu {} sau ngày kết thúc {}",
    from.format("%d/%m/%Y"),
    to.format("%d/%m/%Y")
)]
pub struct BadPeriod {
    /// First date asked.
    pub from: NaiveDate,
    /// Last date asked.
    pub to: NaiveDate,
}

impl Period {
    /// The period from `from` to `to` inclusive; refused when `to` is before `from`.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Period, BadPeriod> {
        if to < from {
            return Err(BadPeriod { from, to });
        }
        Ok(Period { from, to })
    }

    /// One business day.
    pub fn day(date: NaiveDate) -> Period {
        Period {
            from: date,
            to: date,
        }
    }

    /// First date.
    pub fn from(self) -> NaiveDate {
        self.from
    }

    /// Last date.
    pub fn to(self) -> NaiveDate {
        self.to
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from == self.to {
            write!(f, "{}", self.from.format("%d/%m/%Y"))
        } else {
            write!(
                f,
                "{} – {}",
                self.from.format("%d/%m/%Y"),
                self.to.format("%d/%m/%Y")
            )
        }
    }
}

/// One row of a report (or its totals).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// Stable key: a date, product or producer code, group or star number, method, clerk name, hour
    /// ("" for products without producer, group or stars; "*" for the totals).
    pub key: String,
    /// What people read: a product's name, "Nhóm 1 – Thực phẩm", "Tiền mặt", "08:00–08:59".
    pub label: String,
    /// Sale receipts (each counted once per row it touches).
    pub receipts: u32,
    /// Refund receipts.
    pub refund_receipts: u32,
    /// Net quantity sold, for products only (units differ between products).
    pub qty: Option<Qty>,
    /// Gross of sales before discounts (none for payment methods).
    pub gross: Option<Vnd>,
    /// Discounts given on sales (none for payment methods).
    pub discount: Option<Vnd>,
    /// Refunded, as a positive amount.
    pub refunds: Vnd,
    /// Sales less refunds: gross − discount − refunds.
    pub net: Vnd,
    /// VAT contained in `net` (none for payment methods).
    pub vat: Option<Vnd>,
}

/// A sales report: its breakdown, period, rows and totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SalesReport {
    /// How the rows are grouped.
    pub by: By,
    /// The business dates covered.
    pub period: Period,
    /// The rows: dates, hours, groups, stars and methods in their natural order, others by net
    /// sales, largest first.
    pub rows: Vec<Row>,
    /// The whole period; every breakdown has the same totals (a receipt counts once).
    pub totals: Row,
}

/// Builds the report of `period` broken down `by`.
pub fn sales(conn: &Connection, by: By, period: Period) -> Result<SalesReport, Error> {
    let scanned = scan::scan(conn, by, period)?;
    let totals = scanned
        .totals
        .row("*".to_owned(), "Tổng cộng".to_owned(), false, true)?;
    let mut rows = labels::rows(conn, by, &scanned)?;
    sort(by, &mut rows);
    Ok(SalesReport {
        by,
        period,
        rows,
        totals,
    })
}

fn sort(by: By, rows: &mut [Row]) {
    match by {
        // Keys of these sort naturally as text: dates, two-digit hours, single-digit groups and
        // stars; rows without a group or stars (key "") go last.
        By::Day | By::Hour | By::Group | By::Stars => {
            rows.sort_by(|a, b| (a.key.is_empty(), &a.key).cmp(&(b.key.is_empty(), &b.key)));
        }
        By::Method => rows.sort_by_key(|r| labels::method_rank(&r.key)),
        By::Product | By::Producer | By::Clerk => {
            rows.sort_by(|a, b| b.net.cmp(&a.net).then_with(|| a.key.cmp(&b.key)));
        }
    }
}

#[cfg(test)]
mod tests;
