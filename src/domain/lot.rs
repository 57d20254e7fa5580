//! Lots: which batches a sale draws from. First-expiry-first-out by default, a lot the clerk picked
//! when asked, and never an expired lot without a manager.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::qty::Qty;

/// Who owns the goods of a lot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Owner {
    /// Bought by the point.
    Owned,
    /// Left by the producer on consignment: theirs until sold.
    Consigned,
}

impl Owner {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Owner::Owned => "owned",
            Owner::Consigned => "consigned",
        }
    }

    /// Reads a stored name.
    pub fn parse(text: &str) -> Option<Owner> {
        match text {
            "owned" => Some(Owner::Owned),
            "consigned" => Some(Owner::Consigned),
            _ => None,
        }
    }

    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            Owner::Owned => "hàng mua",
            Owner::Consigned => "hàng ký gửi",
        }
    }
}

/// Whether goods of an OCOP group must come in with a lot number and an expiry date: food (1),
/// drinks (2) and herbal products (3) do; crafts, plants and services do not.
pub fn needs_lot(ocop_group: Option<u8>) -> bool {
    matches!(ocop_group, Some(1..=3))
}

/// A lot as the allocation sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LotStock {
    /// Database id.
    pub id: i64,
    /// The producer's lot number ("" when the product has none).
    pub lot_no: String,
    /// Last day the goods may be sold; `None` for goods that do not expire.
    pub expiry: Option<NaiveDate>,
    /// On hand in the lot.
    pub qty: Qty,
}

impl LotStock {
    /// Whether the lot is past its expiry on `today` (a lot may be sold on its expiry date).
    pub fn is_expired(&self, today: NaiveDate) -> bool {
        self.expiry.is_some_and(|e| e < today)
    }
}

/// Where a line's quantity comes from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Allocation {
    /// (lot id, quantity) in the order drawn.
    pub parts: Vec<(i64, Qty)>,
    /// What no lot held: the records were short of what is physically being sold.
    pub shortfall: Qty,
    /// Whether any part came from an expired lot.
    pub uses_expired: bool,
}

/// Why a quantity cannot be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LotError {
    /// Only expired lots are left (or the clerk picked one) and no manager approved.
    #[error("lô {lot_no} hết hạn ngày {}: cần mã PIN của quản lý để bán", expiry.format("%d/%m/%Y"))]
    Expired {
        /// The lot's id.
        lot_id: i64,
        /// Its number.
        lot_no: String,
        /// Its expiry.
        expiry: NaiveDate,
    },
    /// The picked lot does not belong to the product.
    #[error("lô đã chọn không thuộc sản phẩm này")]
    UnknownLot,
}

/// Sorts lots first-expiry-first-out: earliest expiry first, lots without expiry last, then in the
/// order they were received.
pub fn fefo_order(lots: &mut [LotStock]) {
    lots.sort_by_key(|l| (l.expiry.is_none(), l.expiry, l.id));
}

/// Draws `wanted` from `lots` on `today`: from the `picked` lot if the clerk chose one, otherwise
/// first-expiry-first-out over lots with stock, unexpired before expired. Expired lots are drawn
/// from only with `expired_approved`.
pub fn allocate(
    lots: &[LotStock],
    wanted: Qty,
    today: NaiveDate,
    picked: Option<i64>,
    expired_approved: bool,
) -> Result<Allocation, LotError> {
    let expired_refusal = |lot: &LotStock| LotError::Expired {
        lot_id: lot.id,
        lot_no: lot.lot_no.clone(),
        expiry: lot.expiry.unwrap_or(today),
    };
    if let Some(id) = picked {
        let lot = lots
            .iter()
            .find(|l| l.id == id)
            .ok_or(LotError::UnknownLot)?;
        let expired = lot.is_expired(today);
        if expired && !expired_approved {
            return Err(expired_refusal(lot));
        }
        // The clerk holds goods of this lot: it gives all of them, even beyond its records.
        return Ok(Allocation {
            parts: vec![(id, wanted)],
            shortfall: Qty(0),
            uses_expired: expired,
        });
    }
    let mut ordered: Vec<LotStock> = lots.iter().filter(|l| l.qty.0 > 0).cloned().collect();
    fefo_order(&mut ordered);
    let (fresh, expired): (Vec<_>, Vec<_>) =
        ordered.into_iter().partition(|l| !l.is_expired(today));
    let mut allocation = Allocation::default();
    let mut left = wanted.0;
    for lot in fresh.iter().chain(&expired) {
        if left <= 0 {
            break;
        }
        if lot.is_expired(today) {
            if !expired_approved {
                return Err(expired_refusal(lot));
            }
            allocation.uses_expired = true;
        }
        let take = left.min(lot.qty.0);
        allocation.parts.push((lot.id, Qty(take)));
        left -= take;
    }
    allocation.shortfall = Qty(left.max(0));
    Ok(allocation)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    fn lot(id: i64, expiry: Option<u32>, qty: i64) -> LotStock {
        LotStock {
            id,
            lot_no: format!("L{id}"),
            expiry: expiry.map(date),
            qty: Qty(qty),
        }
    }

    #[test]
    fn earliest_expiry_goes_first_and_spills_into_the_next() {
        let lots = [
            lot(1, Some(20), 5000),
            lot(2, Some(10), 2000),
            lot(3, None, 9000),
        ];
        let a = allocate(&lots, Qty(4000), date(1), None, false).unwrap();
        assert_eq!(a.parts, vec![(2, Qty(2000)), (1, Qty(2000))]);
        assert_eq!(a.shortfall, Qty(0));
        assert!(!a.uses_expired);
    }

    #[test]
    fn lots_without_expiry_come_last_in_receiving_order() {
        let lots = [
            lot(7, None, 1000),
            lot(3, None, 1000),
            lot(5, Some(31), 1000),
        ];
        let a = allocate(&lots, Qty(3000), date(1), None, false).unwrap();
        assert_eq!(
            a.parts,
            vec![(5, Qty(1000)), (3, Qty(1000)), (7, Qty(1000))]
        );
    }

    #[test]
    fn short_records_leave_a_shortfall() {
        let lots = [lot(1, Some(20), 1000), lot(2, Some(25), 0)];
        let a = allocate(&lots, Qty(2500), date(1), None, false).unwrap();
        assert_eq!(a.parts, vec![(1, Qty(1000))]);
        assert_eq!(a.shortfall, Qty(1500));
    }

    #[test]
    fn expired_lots_need_a_manager_and_fresh_ones_go_first() {
        let lots = [lot(1, Some(5), 3000), lot(2, Some(20), 1000)];
        // A lot is sellable on its expiry date, not the day after.
        assert!(allocate(&lots, Qty(1000), date(5), None, false).is_ok());
        let a = allocate(&lots, Qty(1000), date(6), None, false).unwrap();
        assert_eq!(a.parts, vec![(2, Qty(1000))]);
        let refused = allocate(&lots, Qty(2000), date(6), None, false).unwrap_err();
        assert_eq!(
            refused,
            LotError::Expired {
                lot_id: 1,
                lot_no: "L1".into(),
                expiry: date(5)
            }
        );
        assert!(refused.to_string().contains("05/12/2026"));
        let approved = allocate(&lots, Qty(2000), date(6), None, true).unwrap();
        assert_eq!(approved.parts, vec![(2, Qty(1000)), (1, Qty(1000))]);
        assert!(approved.uses_expired);
    }

    #[test]
    fn a_picked_lot_gives_everything_and_expired_picks_need_a_manager() {
        let lots = [lot(1, Some(5), 1000), lot(2, Some(20), 1000)];
        let a = allocate(&lots, Qty(3000), date(1), Some(2), false).unwrap();
        assert_eq!(a.parts, vec![(2, Qty(3000))]);
        assert!(allocate(&lots, Qty(1000), date(9), Some(1), false).is_err());
        assert!(
            allocate(&lots, Qty(1000), date(9), Some(1), true)
                .unwrap()
                .uses_expired
        );
        assert_eq!(
            allocate(&lots, Qty(1000), date(9), Some(99), true),
            Err(LotError::UnknownLot)
        );
    }
}
