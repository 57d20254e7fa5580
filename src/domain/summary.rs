//! The daily summary a till sends to the provincial hub (schema `ocop.daily-summary.v1`, design.md
//! §5), and the checks both ends run on it: totals must equal the sum of the lines, of the payments
//! and of the hours, or the summary is refused naming the field that does not add up.

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::barcode::{self, Symbology};
use super::money::Vnd;

/// The schema name every v1 summary carries.
pub const SCHEMA: &str = "ocop.daily-summary.v1";

/// The only currency of v1.
pub const CURRENCY: &str = "VND";

/// One point's sales of one business day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DailySummary {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// The sending point.
    pub point_code: String,
    /// The business day summarised.
    pub business_date: NaiveDate,
    /// 1 for the first close of the day, + 1 each time the day changes after it was closed.
    pub revision: u32,
    /// When the till built it.
    pub generated_at: DateTime<FixedOffset>,
    /// Always [`CURRENCY`].
    pub currency: String,
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
    /// Sales minus refunds: `gross − discount − refund`.
    pub net_vnd: Vnd,
    /// VAT contained in `net_vnd`.
    pub vat_vnd: Vnd,
    /// Net money by method.
    pub payments: Vec<Payment>,
    /// Net sales by product.
    pub lines: Vec<Line>,
    /// Receipts and net sales by hour of the day.
    pub hours: Vec<Hour>,
}

/// How money came in, as the hub counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Banknotes.
    Cash,
    /// VietQR bank transfer.
    Vietqr,
    /// Card on a bank terminal.
    Card,
    /// MoMo, ZaloPay, VNPay and the like.
    Ewallet,
    /// Anything else.
    Other,
}

impl Method {
    /// The Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            Method::Cash => "Tiền mặt",
            Method::Vietqr => "Chuyển khoản VietQR",
            Method::Card => "Thẻ",
            Method::Ewallet => "Ví điện tử",
            Method::Other => "Khác",
        }
    }
}

impl From<super::payment::Method> for Method {
    fn from(method: super::payment::Method) -> Self {
        use super::payment::Method as Till;
        match method {
            Till::Cash => Method::Cash,
            Till::Vietqr => Method::Vietqr,
            Till::Card => Method::Card,
            Till::Ewallet => Method::Ewallet,
        }
    }
}

/// Net money taken by one method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Payment {
    /// How.
    pub method: Method,
    /// Net amount (refunds paid back by the method deducted).
    pub amount_vnd: Vnd,
}

/// One product's net sales of the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    /// The point's product code.
    pub product_code: String,
    /// The product's first GS1 trade item number, "" when it has none.
    pub gtin: String,
    /// The product's name as sold.
    pub name: String,
    /// The producer's code, "" when unknown.
    pub producer_code: String,
    /// OCOP product group 1–6, if classified.
    pub ocop_group: Option<u8>,
    /// OCOP stars 3–5, if rated.
    pub stars: Option<u8>,
    /// Unit of sale ("chai", "kg").
    pub unit: String,
    /// Net quantity in thousandths.
    pub qty_milli: i64,
    /// Net amount, VAT included.
    pub net_vnd: Vnd,
    /// VAT contained.
    pub vat_vnd: Vnd,
}

/// One hour's trade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hour {
    /// Hour of the day, 0–23, in the point's business offset.
    pub hour: u8,
    /// Sale receipts completed in the hour.
    pub receipts: u32,
    /// Net sales (refunds deducted) in the hour.
    pub net_vnd: Vnd,
}

/// Why a summary was refused. `field()` names the JSON field, as the hub's 422 answer does.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SummaryError {
    /// A field holds a value v1 does not allow.
    #[error("bản tổng hợp ngày không hợp lệ: trường {field} {reason}")]
    Invalid {
        /// The JSON field, e.g. `lines[3].stars`.
        field: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A total differs from the sum of its parts.
    #[error(
        "bản tổng hợp ngày không khớp: trường {field} là {stated} nhưng {against} cộng lại được {computed}"
    )]
    Mismatch {
        /// The total, e.g. `net_vnd`.
        field: &'static str,
        /// What it was checked against, e.g. `lines[].net_vnd`.
        against: &'static str,
        /// The total as written.
        stated: i128,
        /// The sum of the parts.
        computed: i128,
    },
}

impl SummaryError {
    /// The JSON field that is wrong.
    pub fn field(&self) -> &str {
        match self {
            SummaryError::Invalid { field, .. } => field,
            SummaryError::Mismatch { field, .. } => field,
        }
    }
}

fn invalid(field: impl Into<String>, reason: &'static str) -> SummaryError {
    SummaryError::Invalid {
        field: field.into(),
        reason,
    }
}

fn total_of<T>(items: &[T], part: impl Fn(&T) -> i128) -> i128 {
    items.iter().map(part).sum()
}

fn must_equal(
    field: &'static str,
    stated: i128,
    against: &'static str,
    computed: i128,
) -> Result<(), SummaryError> {
    if stated == computed {
        Ok(())
    } else {
        Err(SummaryError::Mismatch {
            field,
            against,
            stated,
            computed,
        })
    }
}

impl DailySummary {
    /// Checks the summary as the hub will: schema and currency, sensible values, and every total
    /// equal to the sum of its parts. The first problem found is returned, naming its field.
    pub fn verify(&self) -> Result<(), SummaryError> {
        if self.schema != SCHEMA {
            return Err(invalid("schema", "phải là ocop.daily-summary.v1"));
        }
        if self.currency != CURRENCY {
            return Err(invalid("currency", "phải là VND"));
        }
        if self.point_code.trim().is_empty() {
            return Err(invalid("point_code", "đang để trống"));
        }
        if self.revision == 0 {
            return Err(invalid("revision", "phải từ 1 trở lên"));
        }
        for (field, amount) in [
            ("gross_vnd", self.gross_vnd),
            ("discount_vnd", self.discount_vnd),
            ("refund_vnd", self.refund_vnd),
        ] {
            if amount.is_negative() || !amount.is_within_limit() {
                return Err(invalid(field, "phải là số tiền không âm trong giới hạn"));
            }
        }
        let mut codes = HashSet::with_capacity(self.lines.len());
        for (i, line) in self.lines.iter().enumerate() {
            if line.product_code.trim().is_empty() {
                return Err(invalid(format!("lines[{i}].product_code"), "đang để trống"));
            }
            if !codes.insert(line.product_code.as_str()) {
                return Err(invalid(
                    format!("lines[{i}].product_code"),
                    "xuất hiện hai lần",
                ));
            }
            if !line.gtin.is_empty() && !is_gtin(&line.gtin) {
                return Err(invalid(format!("lines[{i}].gtin"), "không phải mã GTIN"));
            }
            if line.ocop_group.is_some_and(|g| !(1..=6).contains(&g)) {
                return Err(invalid(format!("lines[{i}].ocop_group"), "phải từ 1 đến 6"));
            }
            if line.stars.is_some_and(|s| !(3..=5).contains(&s)) {
                return Err(invalid(format!("lines[{i}].stars"), "phải từ 3 đến 5"));
            }
        }
        for (i, payment) in self.payments.iter().enumerate() {
            if self.payments[..i]
                .iter()
                .any(|p| p.method == payment.method)
            {
                return Err(invalid(
                    format!("payments[{i}].method"),
                    "xuất hiện hai lần",
                ));
            }
        }
        for (i, hour) in self.hours.iter().enumerate() {
            if hour.hour > 23 {
                return Err(invalid(format!("hours[{i}].hour"), "phải từ 0 đến 23"));
            }
            if self.hours[..i].iter().any(|h| h.hour == hour.hour) {
                return Err(invalid(format!("hours[{i}].hour"), "xuất hiện hai lần"));
            }
        }
        let net = i128::from(self.net_vnd.0);
        must_equal(
            "net_vnd",
            net,
            "gross_vnd − discount_vnd − refund_vnd",
            i128::from(self.gross_vnd.0)
                - i128::from(self.discount_vnd.0)
                - i128::from(self.refund_vnd.0),
        )?;
        must_equal(
            "net_vnd",
            net,
            "lines[].net_vnd",
            total_of(&self.lines, |l| l.net_vnd.0.into()),
        )?;
        must_equal(
            "vat_vnd",
            self.vat_vnd.0.into(),
            "lines[].vat_vnd",
            total_of(&self.lines, |l| l.vat_vnd.0.into()),
        )?;
        must_equal(
            "payments",
            net,
            "payments[].amount_vnd",
            total_of(&self.payments, |p| p.amount_vnd.0.into()),
        )?;
        must_equal(
            "hours",
            net,
            "hours[].net_vnd",
            total_of(&self.hours, |h| h.net_vnd.0.into()),
        )?;
        must_equal(
            "receipts",
            self.receipts.into(),
            "hours[].receipts",
            total_of(&self.hours, |h| h.receipts.into()),
        )?;
        Ok(())
    }

    /// Whether two summaries say the same about the day (revision and build time aside): a day
    /// closed again without any change gets no new revision.
    pub fn same_content(&self, other: &DailySummary) -> bool {
        let strip = |s: &DailySummary| DailySummary {
            revision: 0,
            generated_at: other.generated_at,
            ..s.clone()
        };
        strip(self) == strip(other)
    }
}

/// Whether `code` is a GS1 trade item number a hub can match across tills: a valid EAN-13, EAN-8
/// or UPC-A outside the restricted-circulation ranges (in-store 20–29, EAN-8 0 and 2, UPC-A 2).
pub fn is_gtin(code: &str) -> bool {
    match barcode::validate(code) {
        Ok(Symbology::Ean13) => !barcode::is_in_store(code),
        Ok(Symbology::Ean8) => !code.starts_with(['0', '2']),
        Ok(Symbology::UpcA) => !code.starts_with('2'),
        Err(_) => false,
    }
}

/// The first GTIN among a product's barcodes (in the order they were added), "" when none is.
pub fn first_gtin<'a>(codes: impl IntoIterator<Item = &'a str>) -> &'a str {
    codes.into_iter().find(|c| is_gtin(c)).unwrap_or("")
}

// The tests live in `summary/tests.rs` to keep this file under 400 lines.
#[cfg(test)]
mod tests;
