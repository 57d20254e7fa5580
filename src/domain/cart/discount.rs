//! Discounts and price overrides on a line or the whole order, and the manager's approval for
//! anything beyond the clerk's limit.

use super::{Cart, CartError, Policy};
use crate::domain::auth::{Approval, UserId};
use crate::domain::money::Vnd;
use crate::domain::pricing::Discount;

impl Cart {
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
