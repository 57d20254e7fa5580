//! Payment methods and tendering: cash with change, VietQR transfers, cards, e-wallets, and splits.

use serde::{Deserialize, Serialize};

use super::money::{Overflow, Vnd};

/// How a customer pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Banknotes; the only method that can be over-tendered and give change.
    Cash,
    /// A bank transfer to the point's VietQR code.
    Vietqr,
    /// A card on the bank's terminal.
    Card,
    /// MoMo, ZaloPay, VNPay and the like.
    Ewallet,
}

impl Method {
    /// Every method, in the order reports list them.
    pub const ALL: [Method; 4] = [Method::Cash, Method::Vietqr, Method::Card, Method::Ewallet];

    /// The stored name (also the daily summary's `method`).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Cash => "cash",
            Method::Vietqr => "vietqr",
            Method::Card => "card",
            Method::Ewallet => "ewallet",
        }
    }

    /// The Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            Method::Cash => "Tiền mặt",
            Method::Vietqr => "Chuyển khoản VietQR",
            Method::Card => "Thẻ",
            Method::Ewallet => "Ví điện tử",
        }
    }
}

impl std::str::FromStr for Method {
    type Err = PaymentError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Method::ALL
            .into_iter()
            .find(|m| m.as_str() == s.trim())
            .ok_or_else(|| PaymentError::UnknownMethod(s.trim().to_owned()))
    }
}

/// One payment applied to a sale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payment {
    /// How.
    pub method: Method,
    /// The part of the sale it pays (never more than was due).
    pub amount: Vnd,
    /// What the customer handed over: above `amount` only for cash, the difference being change.
    pub tendered: Vnd,
    /// Bank or terminal reference, if the clerk noted one.
    pub reference: String,
}

/// Why a payment cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PaymentError {
    /// Nothing is left to pay.
    #[error("đơn hàng đã được thanh toán đủ")]
    NothingDue,
    /// Zero or negative.
    #[error("số tiền thanh toán phải lớn hơn 0")]
    NotPositive,
    /// Only cash can exceed what is due.
    #[error("{method} không được vượt quá số còn phải trả {due}")]
    OverDue {
        /// Vietnamese label of the method.
        method: &'static str,
        /// What was still due.
        due: Vnd,
    },
    /// Not a known method name.
    #[error("phương thức thanh toán không hợp lệ: \"{0}\"")]
    UnknownMethod(String),
    /// Amounts beyond what a till can hold.
    #[error(transparent)]
    Overflow(#[from] Overflow),
}

/// Builds the payment for `tendered` (None = exactly what is due) against `due`; returns it and the
/// change to hand back.
pub fn tender(
    method: Method,
    tendered: Option<Vnd>,
    due: Vnd,
) -> Result<(Payment, Vnd), PaymentError> {
    if due.0 <= 0 {
        return Err(PaymentError::NothingDue);
    }
    let tendered = tendered.unwrap_or(due);
    if tendered.0 <= 0 {
        return Err(PaymentError::NotPositive);
    }
    if tendered > due && method != Method::Cash {
        return Err(PaymentError::OverDue {
            method: method.label_vi(),
            due,
        });
    }
    let amount = tendered.min(due);
    let change = tendered.checked_sub(amount)?;
    Ok((
        Payment {
            method,
            amount,
            tendered,
            reference: String::new(),
        },
        change,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cash_gives_change_others_must_not_exceed() {
        let (p, change) = tender(Method::Cash, Some(Vnd(500_000)), Vnd(285_000)).unwrap();
        assert_eq!(
            (p.amount, p.tendered, change),
            (Vnd(285_000), Vnd(500_000), Vnd(215_000))
        );
        let (p, change) = tender(Method::Vietqr, None, Vnd(85_000)).unwrap();
        assert_eq!((p.amount, change), (Vnd(85_000), Vnd::ZERO));
        assert!(matches!(
            tender(Method::Card, Some(Vnd(90_000)), Vnd(85_000)),
            Err(PaymentError::OverDue { .. })
        ));
        let (p, change) = tender(Method::Card, Some(Vnd(50_000)), Vnd(85_000)).unwrap();
        assert_eq!((p.amount, change), (Vnd(50_000), Vnd::ZERO));
        assert_eq!(
            tender(Method::Cash, None, Vnd(0)),
            Err(PaymentError::NothingDue)
        );
        assert_eq!(
            tender(Method::Cash, Some(Vnd(-5)), Vnd(10)),
            Err(PaymentError::NotPositive)
        );
    }
}
