//! Pricing a cart: line amounts, discounts, the order discount spread over lines, and VAT.
//!
//! Rounding rule (the only one): every fraction of a đồng is rounded half away from zero, at the
//! step where it appears: weight × price per line, a percentage discount on its base, VAT extracted
//! from each line's net amount. An order discount is spread over lines in proportion to their amount
//! after line discounts; the đồng left over by rounding go to the largest remainders first, so the
//! lines always add up exactly to the receipt total.

use serde::{Deserialize, Serialize};

use super::money::{Overflow, Vnd, div_round_half_away};
use super::vat::{self, VatRate};

/// A discount as the clerk enters it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Discount {
    /// A percentage in basis points (1000 = 10%).
    Percent(u16),
    /// A fixed amount of đồng.
    Amount(Vnd),
}

/// Why a discount or amount cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PricingError {
    /// More than 100%.
    #[error("chiết khấu không được vượt quá 100%")]
    PercentTooHigh,
    /// A negative amount, or more than the amount it applies to.
    #[error("chiết khấu {discount} không hợp lệ cho số tiền {base}")]
    AmountOutOfRange {
        /// The discount entered.
        discount: Vnd,
        /// What it applies to.
        base: Vnd,
    },
    /// Amounts beyond what a till can hold.
    #[error(transparent)]
    Overflow(#[from] Overflow),
}

impl Discount {
    /// The đồng this discount takes off `base` (rounded half away from zero).
    pub fn amount_on(self, base: Vnd) -> Result<Vnd, PricingError> {
        match self {
            Discount::Percent(bp) if bp > 10_000 => Err(PricingError::PercentTooHigh),
            Discount::Percent(bp) => {
                let off = div_round_half_away(i128::from(base.0) * i128::from(bp), 10_000);
                Ok(Vnd(i64::try_from(off).map_err(|_| Overflow)?))
            }
            Discount::Amount(amount) if amount.is_negative() || amount > base.abs() => {
                Err(PricingError::AmountOutOfRange {
                    discount: amount,
                    base,
                })
            }
            Discount::Amount(amount) => Ok(amount),
        }
    }

    /// This discount on `base` in basis points of `base` (for checking against the clerk's limit).
    pub fn share_bp(self, base: Vnd) -> Result<u32, PricingError> {
        match self {
            Discount::Percent(bp) => Ok(u32::from(bp)),
            Discount::Amount(_) if base.0 == 0 => Ok(10_000),
            Discount::Amount(amount) => {
                let bp =
                    div_round_half_away(i128::from(amount.0) * 10_000, i128::from(base.0.abs()));
                Ok(u32::try_from(bp.max(0)).unwrap_or(u32::MAX))
            }
        }
    }
}

/// What pricing needs of one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineInput {
    /// Quantity × unit price, before discounts.
    pub gross: Vnd,
    /// The line's own discount.
    pub discount: Option<Discount>,
    /// VAT rate on the sale date.
    pub vat: VatRate,
}

/// One priced line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PricedLine {
    /// Quantity × unit price.
    pub gross: Vnd,
    /// The line's own discount.
    pub line_discount: Vnd,
    /// This line's share of the order discount.
    pub order_discount: Vnd,
    /// What the customer pays for the line, VAT included.
    pub net: Vnd,
    /// VAT contained in `net`.
    pub vat: Vnd,
}

/// VAT collected at one rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VatBucket {
    /// The rate.
    pub rate: VatRate,
    /// Net amounts (VAT included) at this rate.
    pub net: Vnd,
    /// VAT contained in them.
    pub vat: Vnd,
}

/// A priced cart.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Totals {
    /// Each line, in cart order.
    pub lines: Vec<PricedLine>,
    /// Sum of line gross amounts.
    pub gross: Vnd,
    /// Sum of line discounts and the order discount.
    pub discount: Vnd,
    /// The order discount alone.
    pub order_discount: Vnd,
    /// What the customer pays.
    pub total: Vnd,
    /// VAT contained in `total`.
    pub vat: Vnd,
    /// VAT by rate, lowest rate first.
    pub vat_by_rate: Vec<VatBucket>,
}

/// Prices `lines` with an optional order discount, following the module's rounding rule.
pub fn price(
    lines: &[LineInput],
    order_discount: Option<Discount>,
) -> Result<Totals, PricingError> {
    let mut priced = Vec::with_capacity(lines.len());
    for line in lines {
        let line_discount = match line.discount {
            Some(d) => d.amount_on(line.gross)?,
            None => Vnd::ZERO,
        };
        priced.push(PricedLine {
            gross: line.gross,
            line_discount,
            net: line.gross.checked_sub(line_discount)?,
            ..PricedLine::default()
        });
    }
    let subtotal = Vnd::checked_sum(priced.iter().map(|l| l.net))?;
    let order_discount = match order_discount {
        Some(d) => d.amount_on(subtotal)?,
        None => Vnd::ZERO,
    };
    let shares = spread(
        order_discount,
        &priced.iter().map(|l| l.net).collect::<Vec<_>>(),
    )?;
    for ((line, share), input) in priced.iter_mut().zip(shares).zip(lines) {
        line.order_discount = share;
        line.net = line.net.checked_sub(share)?;
        line.vat = vat::vat_included(line.net, input.vat)?;
    }
    let mut buckets: Vec<VatBucket> = Vec::new();
    for (line, input) in priced.iter().zip(lines) {
        match buckets.iter_mut().find(|b| b.rate == input.vat) {
            Some(bucket) => {
                bucket.net = bucket.net.checked_add(line.net)?;
                bucket.vat = bucket.vat.checked_add(line.vat)?;
            }
            None => buckets.push(VatBucket {
                rate: input.vat,
                net: line.net,
                vat: line.vat,
            }),
        }
    }
    buckets.sort_by_key(|b| b.rate);
    let line_discounts = Vnd::checked_sum(priced.iter().map(|l| l.line_discount))?;
    Ok(Totals {
        gross: Vnd::checked_sum(priced.iter().map(|l| l.gross))?,
        discount: line_discounts.checked_add(order_discount)?,
        order_discount,
        total: Vnd::checked_sum(priced.iter().map(|l| l.net))?,
        vat: Vnd::checked_sum(priced.iter().map(|l| l.vat))?,
        vat_by_rate: buckets,
        lines: priced,
    })
}

/// Splits `amount` over `weights` in proportion, largest remainders first, summing exactly to
/// `amount`. All weights zero: nothing can be spread, so everything goes to the first line.
pub fn spread(amount: Vnd, weights: &[Vnd]) -> Result<Vec<Vnd>, Overflow> {
    let total: i128 = weights.iter().map(|w| i128::from(w.0)).sum();
    if weights.is_empty() {
        return Ok(Vec::new());
    }
    if total == 0 {
        let mut shares = vec![Vnd::ZERO; weights.len()];
        shares[0] = amount;
        return Ok(shares);
    }
    let mut shares = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        let exact = i128::from(amount.0) * i128::from(w.0);
        shares.push(exact / total);
        remainders.push((exact % total, i));
    }
    let mut left = i128::from(amount.0) - shares.iter().sum::<i128>();
    let step = left.signum();
    // Largest remainder (in the direction of what is left) first; ties go to the earlier line.
    remainders.sort_by(|a, b| (b.0 * step).cmp(&(a.0 * step)).then(a.1.cmp(&b.1)));
    for (_, i) in remainders {
        if left == 0 {
            break;
        }
        shares[i] += step;
        left -= step;
    }
    shares
        .into_iter()
        .map(|s| i64::try_from(s).map(Vnd).map_err(|_| Overflow))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const V8: VatRate = VatRate(800);
    const V10: VatRate = VatRate(1000);

    fn line(gross: i64, discount: Option<Discount>, vat: VatRate) -> LineInput {
        LineInput {
            gross: Vnd(gross),
            discount,
            vat,
        }
    }

    #[test]
    fn spreads_exactly_by_largest_remainder() {
        let shares = spread(Vnd(100), &[Vnd(1), Vnd(1), Vnd(1)]).unwrap();
        assert_eq!(shares, vec![Vnd(34), Vnd(33), Vnd(33)]);
        let shares = spread(Vnd(10_000), &[Vnd(125_000), Vnd(45_000), Vnd(30_000)]).unwrap();
        assert_eq!(shares, vec![Vnd(6_250), Vnd(2_250), Vnd(1_500)]);
        let shares = spread(Vnd(-7), &[Vnd(1), Vnd(2)]).unwrap();
        assert_eq!(shares.iter().map(|v| v.0).sum::<i64>(), -7);
        assert_eq!(
            spread(Vnd(5), &[Vnd(0), Vnd(0)]).unwrap(),
            vec![Vnd(5), Vnd(0)]
        );
    }

    #[test]
    fn prices_lines_discounts_and_vat_to_the_dong() {
        let totals = price(
            &[
                line(250_000, Some(Discount::Percent(1000)), V8), // 2 × 125.000, −10%
                line(45_000, None, V10),
                line(30_000, Some(Discount::Amount(Vnd(5_000))), V8),
            ],
            Some(Discount::Amount(Vnd(10_000))),
        )
        .unwrap();
        // After line discounts: 225.000 + 45.000 + 25.000 = 295.000; order −10.000 spread.
        let nets: Vec<i64> = totals.lines.iter().map(|l| l.net.0).collect();
        assert_eq!(nets, vec![217_373, 43_475, 24_152]);
        assert_eq!(totals.total, Vnd(285_000));
        assert_eq!(totals.gross, Vnd(325_000));
        assert_eq!(totals.discount, Vnd(40_000));
        // VAT per line: 217.373×8/108 = 16.101,7 → 16.102; 43.475×10/110 = 3.952,3 → 3.952;
        // 24.152×8/108 = 1.789,0 → 1.789.
        let vats: Vec<i64> = totals.lines.iter().map(|l| l.vat.0).collect();
        assert_eq!(vats, vec![16_102, 3_952, 1_789]);
        assert_eq!(totals.vat, Vnd(21_843));
        assert_eq!(totals.vat_by_rate.len(), 2);
        assert_eq!(totals.vat_by_rate[0].rate, V8);
        assert_eq!(totals.vat_by_rate[0].vat, Vnd(17_891));
        assert_eq!(totals.vat_by_rate[1].net, Vnd(43_475));
    }

    #[test]
    fn refuses_impossible_discounts() {
        assert_eq!(
            price(&[line(10_000, Some(Discount::Percent(10_001)), V8)], None),
            Err(PricingError::PercentTooHigh)
        );
        assert!(matches!(
            price(
                &[line(10_000, Some(Discount::Amount(Vnd(10_001))), V8)],
                None
            ),
            Err(PricingError::AmountOutOfRange { .. })
        ));
        assert!(matches!(
            price(&[line(10_000, None, V8)], Some(Discount::Amount(Vnd(-1)))),
            Err(PricingError::AmountOutOfRange { .. })
        ));
        assert_eq!(
            price(&[line(i64::MAX, None, V8), line(1, None, V8)], None),
            Err(PricingError::Overflow(Overflow))
        );
    }

    #[test]
    fn measures_discount_share_for_the_limit() {
        assert_eq!(Discount::Percent(1500).share_bp(Vnd(1)).unwrap(), 1500);
        assert_eq!(
            Discount::Amount(Vnd(12_500))
                .share_bp(Vnd(125_000))
                .unwrap(),
            1000
        );
        assert_eq!(Discount::Amount(Vnd(1)).share_bp(Vnd(0)).unwrap(), 10_000);
    }
}
