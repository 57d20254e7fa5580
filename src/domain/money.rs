//! Money in whole Vietnamese đồng.
//!
//! VND has no minor unit, so every amount is an `i64` of đồng. Arithmetic is checked: an overflow is an
//! error the caller must handle, never a wrapped or saturated amount.

use std::fmt;
use std::iter::Sum;

use serde::{Deserialize, Serialize};

/// An amount of Vietnamese đồng (may be negative: refunds, change, differences).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Vnd(pub i64);

/// An amount left the range a till can represent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("số tiền vượt quá giới hạn cho phép")]
pub struct Overflow;

/// The largest amount accepted anywhere in the till: one trillion đồng. Far above any sale, far below
/// `i64::MAX`, so sums of many such amounts still cannot overflow silently.
pub const MAX_AMOUNT: Vnd = Vnd(1_000_000_000_000);

impl Vnd {
    /// Zero đồng.
    pub const ZERO: Vnd = Vnd(0);

    /// The number of đồng.
    pub fn get(self) -> i64 {
        self.0
    }

    /// `self + other`, or `Overflow`.
    pub fn checked_add(self, other: Vnd) -> Result<Vnd, Overflow> {
        self.0.checked_add(other.0).map(Vnd).ok_or(Overflow)
    }

    /// `self - other`, or `Overflow`.
    pub fn checked_sub(self, other: Vnd) -> Result<Vnd, Overflow> {
        self.0.checked_sub(other.0).map(Vnd).ok_or(Overflow)
    }

    /// `self × n`, or `Overflow`.
    pub fn checked_mul(self, n: i64) -> Result<Vnd, Overflow> {
        self.0.checked_mul(n).map(Vnd).ok_or(Overflow)
    }

    /// The amount with its sign flipped, or `Overflow` for `i64::MIN`.
    pub fn checked_neg(self) -> Result<Vnd, Overflow> {
        self.0.checked_neg().map(Vnd).ok_or(Overflow)
    }

    /// Sum of amounts, or `Overflow`.
    pub fn checked_sum<I: IntoIterator<Item = Vnd>>(items: I) -> Result<Vnd, Overflow> {
        items.into_iter().try_fold(Vnd::ZERO, Vnd::checked_add)
    }

    /// True when the amount is below zero.
    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// The absolute amount (saturating at `i64::MAX`, unreachable within `MAX_AMOUNT`).
    pub fn abs(self) -> Vnd {
        Vnd(self.0.saturating_abs())
    }

    /// Whether the amount lies within ±`MAX_AMOUNT`.
    pub fn is_within_limit(self) -> bool {
        self.0.unsigned_abs() <= MAX_AMOUNT.0.unsigned_abs()
    }

    /// Formats with dots between thousands and no currency sign: `1.250.000`.
    pub fn grouped(self) -> String {
        let digits = self.0.unsigned_abs().to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
        if self.0 < 0 {
            out.push('-');
        }
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push('.');
            }
            out.push(ch);
        }
        out
    }
}

/// Rounds `numerator / denominator` half away from zero. `denominator` must be positive.
///
/// This is the till's one rounding rule wherever a fraction of a đồng appears (weight × price, percentage
/// discounts, VAT extraction): exact halves go away from zero, as on a Vietnamese invoice.
pub fn div_round_half_away(numerator: i128, denominator: i128) -> i128 {
    debug_assert!(denominator > 0);
    let quotient = numerator / denominator;
    let remainder = numerator % denominator;
    if remainder.abs() * 2 >= denominator {
        quotient + numerator.signum()
    } else {
        quotient
    }
}

/// Vietnamese display: `125.000 ₫` with a no-break space before the đồng sign (CLDR `vi-VN`).
impl fmt::Display for Vnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\u{a0}₫", self.grouped())
    }
}

impl Sum for Vnd {
    /// Plain sum for amounts already known to be in range; use `checked_sum` for untrusted input.
    fn sum<I: Iterator<Item = Vnd>>(iter: I) -> Vnd {
        Vnd(iter.map(|v| v.0).fold(0_i64, i64::saturating_add))
    }
}

impl std::str::FromStr for Vnd {
    type Err = ParseVndError;

    /// Parses `125000`, `125.000`, `125.000 ₫`, `125.000đ` or `125,000`; no fractions of a đồng.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let trimmed = s
            .trim()
            .trim_end_matches(['₫', 'đ', 'Đ'])
            .trim_end_matches("VND")
            .trim_end_matches("VNĐ")
            .trim();
        let (negative, body) = match trimmed.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        if body.is_empty() {
            return Err(ParseVndError::Empty);
        }
        let mut value: i64 = 0;
        for ch in body.chars() {
            match ch {
                '0'..='9' => {
                    value = value
                        .checked_mul(10)
                        .and_then(|v| v.checked_add(i64::from(ch as u8 - b'0')))
                        .ok_or(ParseVndError::TooLarge)?;
                }
                '.' | ',' | ' ' | '\u{a0}' => {}
                _ => return Err(ParseVndError::Invalid(ch)),
            }
        }
        let amount = Vnd(if negative { -value } else { value });
        if !amount.is_within_limit() {
            return Err(ParseVndError::TooLarge);
        }
        Ok(amount)
    }
}

/// Why a text is not an amount of đồng.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseVndError {
    /// Nothing was given.
    #[error("chưa nhập số tiền")]
    Empty,
    /// A character that is not a digit or a thousands separator.
    #[error("ký tự không hợp lệ trong số tiền: '{0}'")]
    Invalid(char),
    /// Above `MAX_AMOUNT`.
    #[error("số tiền quá lớn (tối đa 1.000.000.000.000 ₫)")]
    TooLarge,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_like_vi_vn() {
        assert_eq!(Vnd(125_000).to_string(), "125.000\u{a0}₫");
        assert_eq!(Vnd(0).to_string(), "0\u{a0}₫");
        assert_eq!(Vnd(999).to_string(), "999\u{a0}₫");
        assert_eq!(Vnd(1_000).grouped(), "1.000");
        assert_eq!(Vnd(1_234_567).grouped(), "1.234.567");
        assert_eq!(Vnd(-45_500).grouped(), "-45.500");
        assert_eq!(Vnd(i64::MIN).grouped(), "-9.223.372.036.854.775.808");
    }

    #[test]
    fn arithmetic_is_checked() {
        assert_eq!(Vnd(1).checked_add(Vnd(2)), Ok(Vnd(3)));
        assert_eq!(Vnd(i64::MAX).checked_add(Vnd(1)), Err(Overflow));
        assert_eq!(Vnd(i64::MIN).checked_sub(Vnd(1)), Err(Overflow));
        assert_eq!(Vnd(i64::MAX / 2 + 1).checked_mul(2), Err(Overflow));
        assert_eq!(Vnd(i64::MIN).checked_neg(), Err(Overflow));
        assert_eq!(Vnd::checked_sum([Vnd(5), Vnd(7)]), Ok(Vnd(12)));
        assert_eq!(Vnd::checked_sum([Vnd(i64::MAX), Vnd(7)]), Err(Overflow));
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(div_round_half_away(5, 2), 3);
        assert_eq!(div_round_half_away(-5, 2), -3);
        assert_eq!(div_round_half_away(4, 3), 1);
        assert_eq!(div_round_half_away(-4, 3), -1);
        assert_eq!(div_round_half_away(10, 5), 2);
        assert_eq!(div_round_half_away(0, 7), 0);
    }

    #[test]
    fn parses_what_clerks_type() {
        assert_eq!("125000".parse::<Vnd>(), Ok(Vnd(125_000)));
        assert_eq!("125.000 ₫".parse::<Vnd>(), Ok(Vnd(125_000)));
        assert_eq!("125.000đ".parse::<Vnd>(), Ok(Vnd(125_000)));
        assert_eq!("-2.000".parse::<Vnd>(), Ok(Vnd(-2_000)));
        assert_eq!("".parse::<Vnd>(), Err(ParseVndError::Empty));
        assert_eq!("12a".parse::<Vnd>(), Err(ParseVndError::Invalid('a')));
        assert_eq!(
            "99999999999999999999".parse::<Vnd>(),
            Err(ParseVndError::TooLarge)
        );
        assert_eq!("1000000000001".parse::<Vnd>(), Err(ParseVndError::TooLarge));
    }
}
