//! The cart a clerk builds: lines, quantities, discounts, price overrides and payments, with the
//! manager-approval rule for anything beyond the clerk's limit.

use serde::{Deserialize, Serialize};

use super::auth::UserId;
use super::money::{Overflow, Vnd};
use super::payment::{Payment, PaymentError};
use super::pricing::{Discount, PricingError};
use super::qty::{MAX_LINE_QTY, Qty};
use super::vat::VatRate;

/// What the cart keeps of a product when it is added: the sale uses these values even if the
/// catalogue changes before it completes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Product database id.
    pub product_id: i64,
    /// Product code.
    pub code: String,
    /// Name as printed.
    pub name: String,
    /// Unit (chai, hũ, kg…).
    pub unit: String,
    /// List price per unit, VAT included.
    pub price: Vnd,
    /// VAT rate on the day of sale.
    pub vat: VatRate,
    /// OCOP stars, if rated.
    pub stars: Option<u8>,
    /// Weighed goods may have fractional quantities.
    pub sold_by_weight: bool,
}

/// A line of the cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    /// The product as added.
    pub item: Item,
    /// The code scanned or typed to add it.
    pub barcode: String,
    /// Quantity in thousandths.
    pub qty: Qty,
    /// Price per unit charged (the list price unless overridden).
    pub unit_price: Vnd,
    /// The line's discount.
    pub discount: Option<Discount>,
    /// The manager who approved this line's over-limit discount or override.
    pub approved_by: Option<UserId>,
    /// The price printed on a scale's priced label: the line costs exactly this.
    pub label_price: Option<Vnd>,
    /// The lot the clerk picked, and a manager's approval to sell expired goods.
    #[serde(default)]
    pub lot: LotChoice,
}

impl Line {
    /// Quantity × unit price, or the label's price for a priced label.
    pub fn gross(&self) -> Result<Vnd, Overflow> {
        match self.label_price {
            Some(price) => Ok(price),
            None => self.qty.times(self.unit_price),
        }
    }

    /// Whether the unit price differs from the list price.
    pub fn is_overridden(&self) -> bool {
        self.unit_price != self.item.price
    }
}

/// The clerk's limit: discounts and price changes above it need a manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Largest discount or price change a clerk may give alone, in basis points.
    pub clerk_limit_bp: u32,
}

/// A cart in progress. Its `id` is made when the cart starts and becomes the sale's key, so saving
/// the same cart twice can never make two sales.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cart {
    /// Unique id of this cart (and of the sale it becomes).
    pub id: String,
    /// Lines in the order added.
    pub lines: Vec<Line>,
    /// Discount on the whole order.
    pub order_discount: Option<Discount>,
    /// The manager who approved an over-limit order discount.
    pub order_discount_approved_by: Option<UserId>,
    /// Payments taken so far.
    pub payments: Vec<Payment>,
}

/// Why a cart operation was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CartError {
    /// No line at that position.
    #[error("không có dòng số {0} trong giỏ hàng")]
    NoSuchLine(usize),
    /// Zero, negative or too large.
    #[error("số lượng {0} không hợp lệ (phải lớn hơn 0 và không quá 100.000)")]
    BadQty(Qty),
    /// A fraction of a product that is not sold by weight.
    #[error("\"{0}\" chỉ bán theo số nguyên")]
    WholeUnitsOnly(String),
    /// A negative or absurd price.
    #[error("giá {0} không hợp lệ")]
    BadPrice(Vnd),
    /// Over the clerk's limit without a manager's approval.
    #[error("vượt hạn mức của thu ngân ({limit_pct}%): cần mã PIN của quản lý")]
    NeedsManager {
        /// The limit in percent, for the message.
        limit_pct: u32,
    },
    /// The cart is empty.
    #[error("giỏ hàng trống")]
    Empty,
    /// Payments were taken; they must be removed before the cart changes.
    #[error("đã nhận thanh toán: hãy hủy thanh toán trước khi sửa giỏ hàng")]
    HasPayments,
    /// A priced label fixes the line's amount.
    #[error("dòng theo tem giá của cân: không sửa số lượng hay giá được")]
    LabelFixed,
    /// Not fully paid.
    #[error("còn thiếu {0}")]
    NotPaid(Vnd),
    /// Pricing failed.
    #[error(transparent)]
    Pricing(#[from] PricingError),
    /// A payment was refused.
    #[error(transparent)]
    Payment(#[from] PaymentError),
    /// Amounts beyond what a till can hold.
    #[error(transparent)]
    Overflow(#[from] Overflow),
}

impl Cart {
    /// An empty cart with the given unique id.
    pub fn new(id: String) -> Cart {
        Cart {
            id,
            lines: Vec::new(),
            order_discount: None,
            order_discount_approved_by: None,
            payments: Vec::new(),
        }
    }

    /// Whether the cart has no lines.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    fn check_qty(item: &Item, qty: Qty) -> Result<(), CartError> {
        if qty.0 <= 0 || qty > MAX_LINE_QTY {
            return Err(CartError::BadQty(qty));
        }
        if !item.sold_by_weight && !qty.is_whole() {
            return Err(CartError::WholeUnitsOnly(item.name.clone()));
        }
        Ok(())
    }

    fn unpaid(&self) -> Result<(), CartError> {
        if self.payments.is_empty() {
            Ok(())
        } else {
            Err(CartError::HasPayments)
        }
    }

    fn line_mut(&mut self, index: usize) -> Result<&mut Line, CartError> {
        self.lines
            .get_mut(index)
            .ok_or(CartError::NoSuchLine(index))
    }

    /// Adds `qty` of `item` and returns the index of the line that holds it. A repeat scan of a
    /// product sold by the piece at list price adds to its line; weighed goods get a line each.
    pub fn add(&mut self, item: Item, qty: Qty, barcode: &str) -> Result<usize, CartError> {
        self.unpaid()?;
        Self::check_qty(&item, qty)?;
        let mergeable = self.lines.iter().position(|l| {
            !item.sold_by_weight
                && l.item.product_id == item.product_id
                && l.unit_price == item.price
                && l.discount.is_none()
                && l.lot == LotChoice::default()
        });
        if let Some(index) = mergeable {
            let line = &self.lines[index];
            let merged = line.qty.checked_add(qty)?;
            Self::check_qty(&line.item, merged)?;
            self.lines[index].qty = merged;
            return Ok(index);
        }
        let price = item.price;
        self.lines.push(Line {
            item,
            barcode: barcode.to_owned(),
            qty,
            unit_price: price,
            discount: None,
            approved_by: None,
            label_price: None,
            lot: LotChoice::default(),
        });
        Ok(self.lines.len() - 1)
    }

    /// Adds a scale's priced label: `qty` for stock, the line costing exactly `price`.
    pub fn add_labelled(
        &mut self,
        item: Item,
        qty: Qty,
        price: Vnd,
        barcode: &str,
    ) -> Result<usize, CartError> {
        self.unpaid()?;
        Self::check_qty(&item, qty)?;
        if price.0 <= 0 || !price.is_within_limit() {
            return Err(CartError::BadPrice(price));
        }
        let unit_price = item.price;
        self.lines.push(Line {
            item,
            barcode: barcode.to_owned(),
            qty,
            unit_price,
            discount: None,
            approved_by: None,
            label_price: Some(price),
            lot: LotChoice::default(),
        });
        Ok(self.lines.len() - 1)
    }

    /// Sets the quantity of a line.
    pub fn set_qty(&mut self, index: usize, qty: Qty) -> Result<(), CartError> {
        self.unpaid()?;
        let line = self.line_mut(index)?;
        if line.label_price.is_some() {
            return Err(CartError::LabelFixed);
        }
        Self::check_qty(&line.item, qty)?;
        line.qty = qty;
        Ok(())
    }

    /// Removes a line.
    pub fn remove(&mut self, index: usize) -> Result<Line, CartError> {
        self.unpaid()?;
        if index >= self.lines.len() {
            return Err(CartError::NoSuchLine(index));
        }
        Ok(self.lines.remove(index))
    }
}

mod checkout;
mod discount;
mod lot_choice;
#[cfg(test)]
mod tests;

pub use lot_choice::LotChoice;
