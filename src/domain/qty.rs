//! Quantities in thousandths of a unit: 1 bottle = 1000, 0.250 kg = 250.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::money::{Overflow, Vnd, div_round_half_away};

/// A quantity in thousandths of the product's unit (may be negative in refunds and stock moves).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Qty(pub i64);

/// The largest quantity accepted on one line: 100,000 units (or kg).
pub const MAX_LINE_QTY: Qty = Qty(100_000_000);

impl Qty {
    /// Zero.
    pub const ZERO: Qty = Qty(0);
    /// One whole unit.
    pub const ONE: Qty = Qty(1000);

    /// Whole units: `Qty::units(3)` is three bottles.
    pub fn units(n: i64) -> Qty {
        Qty(n.saturating_mul(1000))
    }

    /// The raw number of thousandths.
    pub fn milli(self) -> i64 {
        self.0
    }

    /// `self + other`, or `Overflow`.
    pub fn checked_add(self, other: Qty) -> Result<Qty, Overflow> {
        self.0.checked_add(other.0).map(Qty).ok_or(Overflow)
    }

    /// `self - other`, or `Overflow`.
    pub fn checked_sub(self, other: Qty) -> Result<Qty, Overflow> {
        self.0.checked_sub(other.0).map(Qty).ok_or(Overflow)
    }

    /// True for a whole number of units.
    pub fn is_whole(self) -> bool {
        self.0 % 1000 == 0
    }

    /// The price of this quantity at `unit_price` per unit, rounded half away from zero.
    pub fn times(self, unit_price: Vnd) -> Result<Vnd, Overflow> {
        let exact = i128::from(self.0) * i128::from(unit_price.0);
        i64::try_from(div_round_half_away(exact, 1000))
            .map(Vnd)
            .map_err(|_| Overflow)
    }
}

/// `3`, `0,25` or `1,5`: Vietnamese decimal comma, trailing zeros dropped.
impl fmt::Display for Qty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let (whole, frac) = (abs / 1000, abs % 1000);
        if frac == 0 {
            write!(f, "{sign}{whole}")
        } else {
            let frac = format!("{frac:03}");
            write!(f, "{sign}{whole},{}", frac.trim_end_matches('0'))
        }
    }
}

/// Why a text is not a quantity.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseQtyError {
    /// Nothing was given.
    #[error("chưa nhập số lượng")]
    Empty,
    /// Not a number with at most three decimals.
    #[error("số lượng không hợp lệ: \"{0}\" (ví dụ: 2 hoặc 0,25)")]
    Invalid(String),
    /// Outside the range a line may hold.
    #[error("số lượng quá lớn (tối đa 100.000)")]
    TooLarge,
}

impl std::str::FromStr for Qty {
    type Err = ParseQtyError;

    /// Parses `2`, `0,25`, `0.25` or `-1` (at most three decimals).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        if text.is_empty() {
            return Err(ParseQtyError::Empty);
        }
        let invalid = || ParseQtyError::Invalid(text.to_owned());
        let (negative, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, frac) = match body.split_once([',', '.']) {
            Some((w, f)) => (w, f),
            None => (body, ""),
        };
        let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || (!frac.is_empty() && !digits(frac)) || frac.len() > 3 {
            return Err(invalid());
        }
        let whole: i64 = whole.parse().map_err(|_| ParseQtyError::TooLarge)?;
        let frac_milli: i64 = format!("{frac:0<3}").parse().map_err(|_| invalid())?;
        let milli = whole
            .checked_mul(1000)
            .and_then(|w| w.checked_add(frac_milli))
            .ok_or(ParseQtyError::TooLarge)?;
        if milli > MAX_LINE_QTY.0 {
            return Err(ParseQtyError::TooLarge);
        }
        Ok(Qty(if negative { -milli } else { milli }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_weights_with_one_rounding() {
        assert_eq!(Qty(250).times(Vnd(180_000)), Ok(Vnd(45_000)));
        assert_eq!(Qty(1_333).times(Vnd(1_000)), Ok(Vnd(1_333)));
        assert_eq!(Qty(1_235).times(Vnd(100)), Ok(Vnd(124))); // 123.5 rounds up
        assert_eq!(Qty(-1_235).times(Vnd(100)), Ok(Vnd(-124)));
        assert_eq!(Qty(i64::MAX).times(Vnd(i64::MAX)), Err(Overflow));
    }

    #[test]
    fn displays_with_decimal_comma() {
        assert_eq!(Qty(3000).to_string(), "3");
        assert_eq!(Qty(250).to_string(), "0,25");
        assert_eq!(Qty(1_005).to_string(), "1,005");
        assert_eq!(Qty(-1_500).to_string(), "-1,5");
    }

    #[test]
    fn parses_typed_quantities() {
        assert_eq!("2".parse::<Qty>(), Ok(Qty(2000)));
        assert_eq!("0,25".parse::<Qty>(), Ok(Qty(250)));
        assert_eq!("1.5".parse::<Qty>(), Ok(Qty(1500)));
        assert_eq!("".parse::<Qty>(), Err(ParseQtyError::Empty));
        assert!(matches!(
            "1,2345".parse::<Qty>(),
            Err(ParseQtyError::Invalid(_))
        ));
        assert!(matches!(
            "abc".parse::<Qty>(),
            Err(ParseQtyError::Invalid(_))
        ));
        assert_eq!("100001".parse::<Qty>(), Err(ParseQtyError::TooLarge));
        assert_eq!(
            "99999999999999999999".parse::<Qty>(),
            Err(ParseQtyError::TooLarge)
        );
    }
}
