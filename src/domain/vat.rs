//! VAT rates in basis points, their validity dates, and the one rule for the VAT inside a price.
//!
//! Retail prices at an OCOP sales point include VAT; the invoice shows the VAT they contain. Rates
//! change by decree (the temporary 10% → 8% reductions), so a product carries a dated schedule.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::money::{Overflow, Vnd, div_round_half_away};

/// Why a VAT rate or schedule was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// Above 100%.
    #[error("thuế suất GTGT {0} điểm cơ bản vượt quá 100%")]
    RateTooHigh(u16),
    /// A period that ends before it starts.
    #[error("giai đoạn thuế suất bắt đầu {from} sau ngày kết thúc {until}")]
    Inverted {
        /// First day of the period.
        from: NaiveDate,
        /// Last day of the period.
        until: NaiveDate,
    },
    /// Two periods share at least one day.
    #[error("hai giai đoạn thuế suất chồng lên nhau ({0} và {1})")]
    Overlap(VatRate, VatRate),
}

/// A VAT rate in basis points: 800 is 8%.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct VatRate(pub u16);

impl VatRate {
    /// 0% (exports, some services).
    pub const ZERO: VatRate = VatRate(0);
    /// 5% (unprocessed farm produce, some medicinal herbs).
    pub const FIVE: VatRate = VatRate(500);
    /// 8%: the temporary reduction of the 10% rate.
    pub const EIGHT: VatRate = VatRate(800);
    /// 10%: the standard rate.
    pub const TEN: VatRate = VatRate(1000);

    /// A rate of `basis_points` (at most 10000 = 100%).
    pub fn new(basis_points: u16) -> Result<VatRate, Error> {
        if basis_points > 10_000 {
            return Err(Error::RateTooHigh(basis_points));
        }
        Ok(VatRate(basis_points))
    }

    /// The rate in basis points.
    pub fn basis_points(self) -> u16 {
        self.0
    }
}

impl TryFrom<u16> for VatRate {
    type Error = Error;

    fn try_from(basis_points: u16) -> Result<Self, Error> {
        VatRate::new(basis_points)
    }
}

impl From<VatRate> for u16 {
    fn from(rate: VatRate) -> u16 {
        rate.0
    }
}

/// `8%`, `10%`, or with a decimal comma when needed: `5,25%`.
impl fmt::Display for VatRate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, frac) = (self.0 / 100, self.0 % 100);
        if frac == 0 {
            write!(f, "{whole}%")
        } else {
            let frac = format!("{frac:02}");
            write!(f, "{whole},{}%", frac.trim_end_matches('0'))
        }
    }
}

/// A rate valid between two dates, both inclusive; `None` means open-ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VatPeriod {
    /// First day the rate applies, or since always.
    pub from: Option<NaiveDate>,
    /// Last day the rate applies (inclusive), or for ever.
    pub until: Option<NaiveDate>,
    /// The rate.
    pub rate: VatRate,
}

impl VatPeriod {
    /// True when `date` lies inside the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|from| from <= date) && self.until.is_none_or(|until| date <= until)
    }

    /// True when the two periods share a day.
    fn overlaps(&self, other: &VatPeriod) -> bool {
        let starts_before_other_ends = match (self.from, other.until) {
            (Some(from), Some(until)) => from <= until,
            _ => true,
        };
        let other_starts_before_end = match (other.from, self.until) {
            (Some(from), Some(until)) => from <= until,
            _ => true,
        };
        starts_before_other_ends && other_starts_before_end
    }
}

/// The dated VAT rates of one product; gaps are allowed, overlaps are not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<VatPeriod>", into = "Vec<VatPeriod>")]
pub struct VatSchedule(Vec<VatPeriod>);

impl VatSchedule {
    /// A schedule from periods, validated.
    pub fn new(periods: Vec<VatPeriod>) -> Result<VatSchedule, Error> {
        let schedule = VatSchedule(periods);
        schedule.validate()?;
        Ok(schedule)
    }

    /// One rate for all dates.
    pub fn single(rate: VatRate) -> VatSchedule {
        VatSchedule(vec![VatPeriod {
            from: None,
            until: None,
            rate,
        }])
    }

    /// `rate` up to and including `until`, then `after` from the next day on.
    pub fn until_then(rate: VatRate, until: NaiveDate, after: VatRate) -> VatSchedule {
        let mut periods = vec![VatPeriod {
            from: None,
            until: Some(until),
            rate,
        }];
        // `until` is the last representable date only in corrupt data; then nothing comes after.
        if let Some(next) = until.succ_opt() {
            periods.push(VatPeriod {
                from: Some(next),
                until: None,
                rate: after,
            });
        }
        VatSchedule(periods)
    }

    /// The periods, in the order given.
    pub fn periods(&self) -> &[VatPeriod] {
        &self.0
    }

    /// The rate on `date`, or `None` when no period covers it.
    pub fn rate_on(&self, date: NaiveDate) -> Option<VatRate> {
        self.0.iter().find(|p| p.contains(date)).map(|p| p.rate)
    }

    /// Checks every period starts no later than it ends and no two periods overlap.
    pub fn validate(&self) -> Result<(), Error> {
        for (i, period) in self.0.iter().enumerate() {
            if let (Some(from), Some(until)) = (period.from, period.until)
                && from > until
            {
                return Err(Error::Inverted { from, until });
            }
            if let Some(earlier) = self.0[..i].iter().find(|p| p.overlaps(period)) {
                return Err(Error::Overlap(earlier.rate, period.rate));
            }
        }
        Ok(())
    }
}

impl TryFrom<Vec<VatPeriod>> for VatSchedule {
    type Error = Error;

    fn try_from(periods: Vec<VatPeriod>) -> Result<Self, Error> {
        VatSchedule::new(periods)
    }
}

impl From<VatSchedule> for Vec<VatPeriod> {
    fn from(schedule: VatSchedule) -> Vec<VatPeriod> {
        schedule.0
    }
}

/// `NaiveDate::from_ymd_opt` for dates written in the source; a typo fails the build, not a sale.
const fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(d) => d,
        None => panic!("invalid date literal"),
    }
}

/// First day of the current 10% → 8% reduction (NQ 204/2025/QH15, NĐ 174/2025/NĐ-CP).
pub const REDUCTION_FROM: NaiveDate = date(2025, 7, 1);
/// Last day of the current reduction.
pub const REDUCTION_UNTIL: NaiveDate = date(2026, 12, 31);

/// The schedule of a product normally taxed at 10%: 8% from 2025-07-01 to 2026-12-31, else 10%.
///
/// Excise goods (OCOP liquor such as rượu đảng sâm, rượu ba kích) are excluded from the reduction
/// and stay at 10%. Earlier reductions (2022–2025) are left out: the till records sales from now on.
/// Goods at 5% or 0% get no reduction and should use [`VatSchedule::single`].
pub fn standard_schedule(excise: bool) -> VatSchedule {
    if excise {
        return VatSchedule::single(VatRate::TEN);
    }
    VatSchedule(vec![
        VatPeriod {
            from: None,
            until: REDUCTION_FROM.pred_opt(),
            rate: VatRate::TEN,
        },
        VatPeriod {
            from: Some(REDUCTION_FROM),
            until: Some(REDUCTION_UNTIL),
            rate: VatRate::EIGHT,
        },
        VatPeriod {
            from: REDUCTION_UNTIL.succ_opt(),
            until: None,
            rate: VatRate::TEN,
        },
    ])
}

/// The VAT contained in a VAT-inclusive retail `amount`: `amount × bp / (10000 + bp)`.
///
/// This is the till's one VAT rounding rule: exact in `i128`, then rounded half away from zero to
/// whole đồng, so a refund (negative amount) carries exactly the negated VAT of the sale.
/// 125.000 ₫ at 8% contains 9.259 ₫; at 10%, 11.364 ₫.
pub fn vat_included(amount: Vnd, rate: VatRate) -> Result<Vnd, Overflow> {
    let bp = i128::from(rate.0);
    let vat = div_round_half_away(i128::from(amount.0) * bp, 10_000 + bp);
    i64::try_from(vat).map(Vnd).map_err(|_| Overflow)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        date(y, m, day)
    }

    #[test]
    fn displays_rates_like_an_invoice() {
        assert_eq!(VatRate::EIGHT.to_string(), "8%");
        assert_eq!(VatRate::TEN.to_string(), "10%");
        assert_eq!(VatRate::FIVE.to_string(), "5%");
        assert_eq!(VatRate::ZERO.to_string(), "0%");
        assert_eq!(VatRate(525).to_string(), "5,25%");
        assert_eq!(VatRate(550).to_string(), "5,5%");
        assert_eq!(VatRate(5).to_string(), "0,05%");
        assert_eq!(VatRate(10_000).to_string(), "100%");
    }

    #[test]
    fn rate_constructor_caps_at_100_percent() {
        assert_eq!(VatRate::new(800), Ok(VatRate::EIGHT));
        assert_eq!(VatRate::new(10_000), Ok(VatRate(10_000)));
        assert_eq!(VatRate::new(10_001), Err(Error::RateTooHigh(10_001)));
        assert_eq!(
            serde_json::from_str::<VatRate>("800").ok(),
            Some(VatRate::EIGHT)
        );
        assert!(serde_json::from_str::<VatRate>("20000").is_err());
    }

    #[test]
    fn vat_inside_retail_prices() {
        assert_eq!(vat_included(Vnd(125_000), VatRate::EIGHT), Ok(Vnd(9_259)));
        assert_eq!(vat_included(Vnd(125_000), VatRate::TEN), Ok(Vnd(11_364)));
        assert_eq!(vat_included(Vnd(108), VatRate::EIGHT), Ok(Vnd(8)));
        assert_eq!(vat_included(Vnd(0), VatRate::EIGHT), Ok(Vnd(0)));
        assert_eq!(vat_included(Vnd(-125_000), VatRate::EIGHT), Ok(Vnd(-9_259)));
        assert_eq!(vat_included(Vnd(125_000), VatRate::ZERO), Ok(Vnd(0)));
        assert_eq!(vat_included(Vnd(105_000), VatRate::FIVE), Ok(Vnd(5_000)));
        assert_eq!(vat_included(Vnd(27), VatRate::EIGHT), Ok(Vnd(2)));
        // Exact halves only show up at odd rates; at 100% the VAT of 1 ₫ is 0,5 ₫.
        assert_eq!(vat_included(Vnd(1), VatRate(10_000)), Ok(Vnd(1))); // 0.5 → 1
        assert_eq!(vat_included(Vnd(-1), VatRate(10_000)), Ok(Vnd(-1))); // −0.5 → −1
        assert_eq!(vat_included(Vnd(3), VatRate(10_000)), Ok(Vnd(2))); // 1.5 → 2
        assert_eq!(
            vat_included(Vnd(i64::MAX), VatRate::TEN),
            Ok(Vnd(838_488_366_986_797_801))
        );
    }

    #[test]
    fn refunds_are_symmetric() {
        for amount in [1, 7, 108, 12_345, 125_000, 999_999_999] {
            for rate in [VatRate::FIVE, VatRate::EIGHT, VatRate::TEN, VatRate(525)] {
                let sale = vat_included(Vnd(amount), rate);
                let refund = vat_included(Vnd(-amount), rate);
                assert_eq!(refund, sale.map(|v| Vnd(-v.0)), "{amount} {rate}");
            }
        }
    }

    #[test]
    fn standard_schedule_follows_nq_204() {
        let s = standard_schedule(false);
        assert_eq!(s.validate(), Ok(()));
        assert_eq!(s.rate_on(d(2025, 6, 30)), Some(VatRate::TEN));
        assert_eq!(s.rate_on(d(2025, 7, 1)), Some(VatRate::EIGHT));
        assert_eq!(s.rate_on(d(2026, 3, 15)), Some(VatRate::EIGHT));
        assert_eq!(s.rate_on(d(2026, 12, 31)), Some(VatRate::EIGHT));
        assert_eq!(s.rate_on(d(2027, 1, 1)), Some(VatRate::TEN));
        assert_eq!(s.rate_on(d(2000, 1, 1)), Some(VatRate::TEN));
        let liquor = standard_schedule(true);
        for day in [
            d(2025, 6, 30),
            d(2025, 7, 1),
            d(2026, 12, 31),
            d(2027, 1, 1),
        ] {
            assert_eq!(liquor.rate_on(day), Some(VatRate::TEN), "{day}");
        }
    }

    #[test]
    fn constructors_build_what_they_say() {
        assert_eq!(
            VatSchedule::single(VatRate::FIVE).rate_on(d(2030, 1, 1)),
            Some(VatRate::FIVE)
        );
        let s = VatSchedule::until_then(VatRate::EIGHT, d(2026, 12, 31), VatRate::TEN);
        assert_eq!(s.validate(), Ok(()));
        assert_eq!(s.rate_on(d(2026, 12, 31)), Some(VatRate::EIGHT));
        assert_eq!(s.rate_on(d(2027, 1, 1)), Some(VatRate::TEN));
        assert_eq!(s.periods().len(), 2);
        let edge = VatSchedule::until_then(VatRate::EIGHT, NaiveDate::MAX, VatRate::TEN);
        assert_eq!(edge.rate_on(NaiveDate::MAX), Some(VatRate::EIGHT));
    }

    #[test]
    fn validation_rejects_inverted_and_overlapping_periods() {
        let p = |from: Option<NaiveDate>, until: Option<NaiveDate>, rate| VatPeriod {
            from,
            until,
            rate,
        };
        let (jan1, jun30, jul1) = (d(2025, 1, 1), d(2025, 6, 30), d(2025, 7, 1));
        assert_eq!(
            VatSchedule::new(vec![p(Some(jul1), Some(jun30), VatRate::TEN)]),
            Err(Error::Inverted {
                from: jul1,
                until: jun30
            })
        );
        // Sharing the single day 30/06 is an overlap.
        assert_eq!(
            VatSchedule::new(vec![
                p(None, Some(jun30), VatRate::TEN),
                p(Some(jun30), None, VatRate::EIGHT)
            ]),
            Err(Error::Overlap(VatRate::TEN, VatRate::EIGHT))
        );
        assert_eq!(
            VatSchedule::new(vec![
                p(Some(jan1), None, VatRate::FIVE),
                p(None, None, VatRate::TEN)
            ]),
            Err(Error::Overlap(VatRate::FIVE, VatRate::TEN))
        );
        let gap = VatSchedule::new(vec![
            p(None, Some(jan1), VatRate::TEN),
            p(Some(jul1), None, VatRate::EIGHT),
        ]);
        assert_eq!(gap.as_ref().map(|s| s.rate_on(d(2025, 3, 1))), Ok(None));
        assert_eq!(gap.map(|s| s.rate_on(jul1)), Ok(Some(VatRate::EIGHT)));
        let json = r#"[{"from":"2025-07-01","until":"2025-06-30","rate":800}]"#;
        assert!(serde_json::from_str::<VatSchedule>(json).is_err());
    }
}
