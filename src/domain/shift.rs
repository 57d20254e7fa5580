//! Shift maths: the cash a drawer should hold, the blind count's difference and when a manager must
//! approve it, and the X and Z reports as they are shown, printed and kept.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::money::{Overflow, Vnd};
use super::payment::Method;

/// Cash that went through the drawer during a shift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Drawer {
    /// Counted into the drawer when the shift opened.
    pub float_vnd: Vnd,
    /// Cash taken on sales (what the sales cost, the change already given back).
    pub cash_sales_vnd: Vnd,
    /// Cash paid back on refunds (a positive amount).
    pub cash_refunds_vnd: Vnd,
    /// Cash put in during the shift (change from the safe, for instance).
    pub cash_in_vnd: Vnd,
    /// Cash taken out during the shift (paid to a supplier, banked).
    pub cash_out_vnd: Vnd,
}

impl Drawer {
    /// What the drawer should hold: float + cash taken − cash refunded + cash in − cash out.
    pub fn expected(&self) -> Result<Vnd, Overflow> {
        self.float_vnd
            .checked_add(self.cash_sales_vnd)?
            .checked_sub(self.cash_refunds_vnd)?
            .checked_add(self.cash_in_vnd)?
            .checked_sub(self.cash_out_vnd)
    }
}

/// The blind count set against what the drawer should hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    /// What the drawer should hold.
    pub expected: Vnd,
    /// What the clerk counted.
    pub counted: Vnd,
    /// `counted − expected`: positive when there is more cash than expected, negative when short.
    pub difference: Vnd,
}

impl Count {
    /// The count of `counted` against `expected`.
    pub fn new(expected: Vnd, counted: Vnd) -> Result<Count, Overflow> {
        Ok(Count {
            expected,
            counted,
            difference: counted.checked_sub(expected)?,
        })
    }

    /// Whether the difference, either way, is larger than a clerk may close with alone.
    pub fn needs_manager(&self, limit: Vnd) -> bool {
        self.difference.abs() > limit
    }
}

/// A difference in words: "thừa 10.000 ₫", "thiếu 60.000 ₫" or "khớp".
pub fn difference_vi(difference: Vnd) -> String {
    match difference.0 {
        0 => "khớp".to_owned(),
        d if d > 0 => format!("thừa {difference}"),
        _ => format!("thiếu {}", difference.abs()),
    }
}

/// The printed number of a Z report: `Z-000042`.
pub fn z_label(z_no: i64) -> String {
    format!("Z-{z_no:06}")
}

/// Money taken by one method (net of refunds), with what came in and what went back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MethodTotal {
    /// How.
    pub method: Method,
    /// Net amount: taken − paid back.
    pub amount_vnd: Vnd,
    /// Taken on sales.
    pub taken_vnd: Vnd,
    /// Paid back on refunds (positive).
    pub paid_back_vnd: Vnd,
}

/// Net sales and VAT at one rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateTotal {
    /// Rate in basis points.
    pub vat_bp: u16,
    /// Net sales at the rate, VAT included.
    pub net_vnd: Vnd,
    /// VAT contained.
    pub vat_vnd: Vnd,
}

/// Cash put in or taken out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CashMoveKind {
    /// Into the drawer.
    In,
    /// Out of the drawer.
    Out,
}

impl CashMoveKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            CashMoveKind::In => "in",
            CashMoveKind::Out => "out",
        }
    }

    /// The Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            CashMoveKind::In => "Nộp tiền vào két",
            CashMoveKind::Out => "Rút tiền khỏi két",
        }
    }
}

impl std::str::FromStr for CashMoveKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "in" => Ok(CashMoveKind::In),
            "out" => Ok(CashMoveKind::Out),
            other => Err(format!("unknown cash move kind \"{other}\"")),
        }
    }
}

/// One cash move as a report lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CashMoveLine {
    /// When.
    pub at: DateTime<FixedOffset>,
    /// In or out.
    pub kind: CashMoveKind,
    /// How much (positive).
    pub amount_vnd: Vnd,
    /// Why.
    pub reason: String,
    /// Who.
    pub user: String,
    /// The manager who approved it, if one did.
    pub approved_by: Option<String>,
}

/// The figures of a shift so far: what an X report shows and a Z report freezes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftReport {
    /// The shift's database id.
    pub shift_id: i64,
    /// The point.
    pub point_code: String,
    /// The clerk who opened the shift.
    pub clerk: String,
    /// When the shift opened.
    pub opened_at: DateTime<FixedOffset>,
    /// The business date the shift opened on.
    pub business_date: NaiveDate,
    /// When these figures were taken.
    pub taken_at: DateTime<FixedOffset>,
    /// Sale receipts.
    pub receipts: u32,
    /// Refund receipts.
    pub refund_receipts: u32,
    /// First and last receipt numbers of the shift.
    pub receipt_range: Option<(String, String)>,
    /// Gross of sales before discounts.
    pub gross_vnd: Vnd,
    /// Discounts on sales.
    pub discount_vnd: Vnd,
    /// Refunded (a positive amount).
    pub refund_vnd: Vnd,
    /// Sales minus refunds.
    pub net_vnd: Vnd,
    /// VAT contained in `net_vnd`.
    pub vat_vnd: Vnd,
    /// VAT by rate.
    pub vat_by_rate: Vec<RateTotal>,
    /// Money by method.
    pub payments: Vec<MethodTotal>,
    /// Cash through the drawer.
    pub drawer: Drawer,
    /// What the drawer should hold now.
    pub expected_cash_vnd: Vnd,
    /// Cash put in and taken out, in order.
    pub cash_moves: Vec<CashMoveLine>,
}

/// A daily summary a Z close wrote to the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryRef {
    /// The business date summarised.
    pub business_date: NaiveDate,
    /// Its revision.
    pub revision: u32,
}

/// A closed shift's report, kept for reprints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZReport {
    /// Z number, gap-free per point.
    pub z_no: i64,
    /// When the shift closed.
    pub closed_at: DateTime<FixedOffset>,
    /// Who counted and closed.
    pub closed_by: String,
    /// The manager who approved a difference over the limit (or approved anyway).
    pub approved_by: Option<String>,
    /// The blind count against what the drawer should hold.
    pub count: Count,
    /// Whether this close ended the business day.
    pub end_of_day: bool,
    /// Daily summaries written by this close (end of day only).
    pub summaries: Vec<SummaryRef>,
    /// The shift's figures at the close.
    pub figures: ShiftReport,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_cash_is_float_plus_taken_minus_refunded_plus_in_minus_out() {
        let drawer = Drawer {
            float_vnd: Vnd(1_000_000),
            cash_sales_vnd: Vnd(2_450_000),
            cash_refunds_vnd: Vnd(120_000),
            cash_in_vnd: Vnd(500_000),
            cash_out_vnd: Vnd(300_000),
        };
        assert_eq!(drawer.expected(), Ok(Vnd(3_530_000)));
        let broke = Drawer {
            float_vnd: Vnd(i64::MAX),
            cash_in_vnd: Vnd(1),
            ..Drawer::default()
        };
        assert_eq!(broke.expected(), Err(Overflow));
    }

    #[test]
    fn a_difference_beyond_the_limit_either_way_needs_a_manager() {
        let limit = Vnd(50_000);
        let exact = Count::new(Vnd(3_530_000), Vnd(3_530_000)).unwrap();
        assert_eq!(exact.difference, Vnd::ZERO);
        assert!(!exact.needs_manager(limit));
        let at_limit = Count::new(Vnd(3_530_000), Vnd(3_480_000)).unwrap();
        assert_eq!(at_limit.difference, Vnd(-50_000));
        assert!(!at_limit.needs_manager(limit));
        let short = Count::new(Vnd(3_530_000), Vnd(3_479_000)).unwrap();
        assert!(short.needs_manager(limit));
        let over = Count::new(Vnd(3_530_000), Vnd(3_580_500)).unwrap();
        assert_eq!(over.difference, Vnd(50_500));
        assert!(over.needs_manager(limit));
        assert!(Count::new(Vnd(1), Vnd(1)).unwrap().needs_manager(Vnd(-1)));
    }

    #[test]
    fn differences_and_z_numbers_read_as_printed() {
        assert_eq!(difference_vi(Vnd::ZERO), "khớp");
        assert_eq!(difference_vi(Vnd(10_000)), "thừa 10.000\u{a0}₫");
        assert_eq!(difference_vi(Vnd(-60_000)), "thiếu 60.000\u{a0}₫");
        assert_eq!(z_label(42), "Z-000042");
        assert_eq!("out".parse::<CashMoveKind>(), Ok(CashMoveKind::Out));
        assert!("sideways".parse::<CashMoveKind>().is_err());
    }
}
