//! Pricing the cart and taking its payments: totals, what is due, change, and whether it is ready
//! to become a sale.

use super::{Cart, CartError};
use crate::domain::money::{Overflow, Vnd};
use crate::domain::payment::{self, Method};
use crate::domain::pricing::{self, LineInput, Totals};

impl Cart {
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
