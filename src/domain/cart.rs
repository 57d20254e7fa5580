//! The cart a clerk builds: lines, quantities, discounts, price overrides and payments, with the
//! manager-approval rule for anything beyond the clerk's limit.

use serde::{Deserialize, Serialize};

use super::auth::{Approval, UserId};
use super::money::{Overflow, Vnd};
use super::payment::{self, Method, Payment, PaymentError};
use super::pricing::{self, Discount, LineInput, PricingError, Totals};
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

    /// Sets (or clears) a line's discount; above the clerk's limit it needs `approval`.
    pub fn set_line_discount(
        &mut self,
        index: usize,
        discount: Option<Discount>,
        policy: Policy,
        approval: Option<Approval>,
    ) -> Result<(), CartError> {
        self.unpaid()?;
        let line = self.line_mut(index)?;
        let gross = line.gross()?;
        let over = match discount {
            Some(d) => {
                d.amount_on(gross)?;
                d.share_bp(gross)? > policy.clerk_limit_bp
            }
            None => false,
        };
        let approved_by = approve_if(over, policy, approval)?;
        line.discount = discount;
        line.approved_by = approved_by.or(line.approved_by.filter(|_| line.is_overridden()));
        Ok(())
    }

    /// Charges `price` per unit instead of the list price; a change beyond the clerk's limit needs
    /// `approval`.
    pub fn override_price(
        &mut self,
        index: usize,
        price: Vnd,
        policy: Policy,
        approval: Option<Approval>,
    ) -> Result<(), CartError> {
        self.unpaid()?;
        let line = self.line_mut(index)?;
        if line.label_price.is_some() {
            return Err(CartError::LabelFixed);
        }
        if price.is_negative() || !price.is_within_limit() {
            return Err(CartError::BadPrice(price));
        }
        let list = line.item.price;
        let change = Discount::Amount(list.checked_sub(price)?.abs()).share_bp(list)?;
        let over = price != list && change > policy.clerk_limit_bp;
        let approved_by = approve_if(over, policy, approval)?;
        line.qty.times(price)?;
        line.unit_price = price;
        line.approved_by = approved_by.or(line.approved_by);
        Ok(())
    }

    /// Sets (or clears) the order discount; above the clerk's limit it needs `approval`.
    pub fn set_order_discount(
        &mut self,
        discount: Option<Discount>,
        policy: Policy,
        approval: Option<Approval>,
    ) -> Result<(), CartError> {
        self.unpaid()?;
        let mut trial = self.clone();
        trial.order_discount = None;
        let subtotal = trial.totals()?.total;
        let over = match discount {
            Some(d) => {
                d.amount_on(subtotal)?;
                d.share_bp(subtotal)? > policy.clerk_limit_bp
            }
            None => false,
        };
        self.order_discount_approved_by = approve_if(over, policy, approval)?;
        self.order_discount = discount;
        Ok(())
    }

    /// Prices the cart.
    pub fn totals(&self) -> Result<Totals, CartError> {
        let inputs = self
            .lines
            .iter()
            .map(|l| {
                Ok(LineInput {
                    gross: l.gross()?,
                    discount: l.discount,
                    vat: l.item.vat,
                })
            })
            .collect::<Result<Vec<_>, Overflow>>()?;
        Ok(pricing::price(&inputs, self.order_discount)?)
    }

    /// Sum of payments taken.
    pub fn paid(&self) -> Result<Vnd, Overflow> {
        Vnd::checked_sum(self.payments.iter().map(|p| p.amount))
    }

    /// What is still due.
    pub fn due(&self) -> Result<Vnd, CartError> {
        Ok(self.totals()?.total.checked_sub(self.paid()?)?)
    }

    /// Takes a payment (`tendered` None = exactly what is due) and returns the change to give.
    pub fn pay(&mut self, method: Method, tendered: Option<Vnd>) -> Result<Vnd, CartError> {
        if self.lines.is_empty() {
            return Err(CartError::Empty);
        }
        let (payment, change) = payment::tender(method, tendered, self.due()?)?;
        self.payments.push(payment);
        Ok(change)
    }

    /// Removes every payment taken (the clerk changed their mind before completing).
    pub fn clear_payments(&mut self) {
        self.payments.clear();
    }

    /// Change owed to the customer: cash tendered beyond the amounts applied.
    pub fn change(&self) -> Result<Vnd, Overflow> {
        Vnd::checked_sum(
            self.payments
                .iter()
                .map(|p| p.tendered.checked_sub(p.amount))
                .collect::<Result<Vec<_>, _>>()?,
        )
    }

    /// Checks the cart can become a sale: not empty, fully paid.
    pub fn ready(&self) -> Result<Totals, CartError> {
        if self.lines.is_empty() {
            return Err(CartError::Empty);
        }
        let totals = self.totals()?;
        let due = totals.total.checked_sub(self.paid()?)?;
        if due.0 != 0 {
            return Err(CartError::NotPaid(due));
        }
        Ok(totals)
    }
}

fn approve_if(
    over_limit: bool,
    policy: Policy,
    approval: Option<Approval>,
) -> Result<Option<UserId>, CartError> {
    match (over_limit, approval) {
        (false, _) => Ok(None),
        (true, Some(a)) => Ok(Some(a.manager)),
        (true, None) => Err(CartError::NeedsManager {
            limit_pct: policy.clerk_limit_bp / 100,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: Policy = Policy {
        clerk_limit_bp: 1000,
    };

    fn item(id: i64, price: i64, by_weight: bool) -> Item {
        Item {
            product_id: id,
            code: format!("P{id}"),
            name: format!("Sản phẩm {id}"),
            unit: if by_weight { "kg" } else { "chai" }.into(),
            price: Vnd(price),
            vat: VatRate(800),
            stars: Some(4),
            sold_by_weight: by_weight,
        }
    }

    #[test]
    fn repeat_scans_merge_weighed_goods_do_not() {
        let mut cart = Cart::new("c1".into());
        assert_eq!(
            cart.add(item(1, 125_000, false), Qty::ONE, "2900000000010"),
            Ok(0)
        );
        assert_eq!(
            cart.add(item(1, 125_000, false), Qty::ONE, "2900000000010"),
            Ok(0)
        );
        assert_eq!(cart.lines[0].qty, Qty::units(2));
        assert_eq!(
            cart.add(item(2, 180_000, true), Qty(250), "2000123002504"),
            Ok(1)
        );
        assert_eq!(
            cart.add(item(2, 180_000, true), Qty(300), "2000123003006"),
            Ok(2)
        );
        assert_eq!(cart.totals().unwrap().total, Vnd(250_000 + 45_000 + 54_000));
        // A priced label costs exactly its printed price whatever the weight works out to.
        assert_eq!(
            cart.add_labelled(item(2, 185_000, true), Qty(333), Vnd(61_600), "x"),
            Ok(3)
        );
        assert_eq!(
            cart.totals().unwrap().total,
            Vnd(250_000 + 45_000 + 54_000 + 61_600)
        );
        assert_eq!(cart.set_qty(3, Qty(400)), Err(CartError::LabelFixed));
    }

    #[test]
    fn refuses_bad_quantities() {
        let mut cart = Cart::new("c1".into());
        assert_eq!(
            cart.add(item(1, 1_000, false), Qty(500), "x"),
            Err(CartError::WholeUnitsOnly("Sản phẩm 1".into()))
        );
        assert_eq!(
            cart.add(item(1, 1_000, false), Qty(0), "x"),
            Err(CartError::BadQty(Qty(0)))
        );
        assert_eq!(
            cart.add(item(1, 1_000, false), Qty(-1000), "x"),
            Err(CartError::BadQty(Qty(-1000)))
        );
        assert_eq!(
            cart.add(item(1, 1_000, false), Qty::units(100_001), "x"),
            Err(CartError::BadQty(Qty::units(100_001)))
        );
        cart.add(item(1, 1_000, false), Qty::ONE, "x").unwrap();
        assert_eq!(cart.set_qty(3, Qty::ONE), Err(CartError::NoSuchLine(3)));
        assert!(!cart.is_empty() && cart.lines[0].qty == Qty::ONE);
    }

    #[test]
    fn discounts_over_the_limit_need_a_manager() {
        let mut cart = Cart::new("c1".into());
        cart.add(item(1, 100_000, false), Qty::ONE, "x").unwrap();
        cart.set_line_discount(0, Some(Discount::Percent(1000)), POLICY, None)
            .unwrap();
        assert_eq!(cart.lines[0].approved_by, None);
        assert_eq!(
            cart.set_line_discount(0, Some(Discount::Percent(1500)), POLICY, None),
            Err(CartError::NeedsManager { limit_pct: 10 })
        );
        assert_eq!(cart.lines[0].discount, Some(Discount::Percent(1000)));
        let boss = Approval { manager: UserId(9) };
        cart.set_line_discount(0, Some(Discount::Percent(1500)), POLICY, Some(boss))
            .unwrap();
        assert_eq!(cart.lines[0].approved_by, Some(UserId(9)));
        assert_eq!(cart.totals().unwrap().total, Vnd(85_000));

        assert_eq!(
            cart.override_price(0, Vnd(80_000), POLICY, None),
            Err(CartError::NeedsManager { limit_pct: 10 })
        );
        cart.override_price(0, Vnd(95_000), POLICY, None).unwrap();
        assert_eq!(
            cart.set_order_discount(Some(Discount::Amount(Vnd(20_000))), POLICY, None),
            Err(CartError::NeedsManager { limit_pct: 10 })
        );
        cart.set_order_discount(Some(Discount::Amount(Vnd(8_000))), POLICY, None)
            .unwrap();
        // 95.000 − 15% = 80.750; − 8.000 = 72.750.
        assert_eq!(cart.totals().unwrap().total, Vnd(72_750));
    }

    #[test]
    fn split_payment_then_cash_change() {
        let mut cart = Cart::new("c1".into());
        cart.add(item(1, 125_000, false), Qty::units(2), "x")
            .unwrap();
        assert_eq!(cart.ready(), Err(CartError::NotPaid(Vnd(250_000))));
        assert_eq!(cart.pay(Method::Vietqr, Some(Vnd(100_000))), Ok(Vnd::ZERO));
        assert_eq!(
            cart.add(item(3, 1, false), Qty::ONE, "y"),
            Err(CartError::HasPayments)
        );
        assert_eq!(cart.pay(Method::Cash, Some(Vnd(200_000))), Ok(Vnd(50_000)));
        assert_eq!(cart.change(), Ok(Vnd(50_000)));
        assert_eq!(cart.ready().unwrap().total, Vnd(250_000));
        assert_eq!(
            cart.pay(Method::Cash, None),
            Err(CartError::Payment(PaymentError::NothingDue))
        );
    }
}
