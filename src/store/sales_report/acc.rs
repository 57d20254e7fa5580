//! Running sums of one report row.

use super::Row;
use crate::domain::money::{Overflow, Vnd};
use crate::domain::qty::Qty;

/// The figures of one row as they add up. Sums run in `i128`, so no run of stored amounts can
/// overflow before the end, where each must fit an `i64` again.
#[derive(Debug, Clone, Default)]
pub(super) struct Acc {
    receipts: u64,
    refund_receipts: u64,
    last_sale: i64,
    newest_line: i64,
    qty: i128,
    gross: i128,
    discount: i128,
    refunds: i128,
    net: i128,
    vat: i128,
}

/// The amounts of a sale, a receipt line or a payment (refunds negative, as stored).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Amounts {
    /// Quantity (lines only).
    pub qty: i64,
    /// Gross before discounts.
    pub gross: i64,
    /// Discounts.
    pub discount: i64,
    /// Net: the sale's total, the line's net, the payment's amount.
    pub net: i64,
    /// VAT contained.
    pub vat: i64,
}

impl Acc {
    /// Adds a whole sale or refund.
    pub(super) fn sale(&mut self, refund: bool, a: Amounts) {
        if refund {
            self.refund_receipts += 1;
        } else {
            self.receipts += 1;
        }
        self.add(refund, a);
    }

    /// Adds a line or payment of `sale_id`. Parts arrive grouped by sale, so a receipt is counted
    /// once per row however many of its parts the row gets.
    pub(super) fn part(&mut self, sale_id: i64, refund: bool, a: Amounts) {
        if self.last_sale != sale_id {
            self.last_sale = sale_id;
            if refund {
                self.refund_receipts += 1;
            } else {
                self.receipts += 1;
            }
        }
        self.add(refund, a);
    }

    /// Remembers line `id` if it is the newest seen.
    pub(super) fn note_line(&mut self, id: i64) {
        self.newest_line = self.newest_line.max(id);
    }

    /// The newest line noted (0 if none).
    pub(super) fn newest_line(&self) -> i64 {
        self.newest_line
    }

    /// Adds another row's sums (for totals made from the rows).
    pub(super) fn merge(&mut self, other: &Acc) {
        self.receipts += other.receipts;
        self.refund_receipts += other.refund_receipts;
        self.qty += other.qty;
        self.gross += other.gross;
        self.discount += other.discount;
        self.refunds += other.refunds;
        self.net += other.net;
        self.vat += other.vat;
    }

    /// Sets the receipt counts (a receipt touching several rows counts once in the totals).
    pub(super) fn set_receipts(&mut self, sales: u64, refunds: u64) {
        self.receipts = sales;
        self.refund_receipts = refunds;
    }

    fn add(&mut self, refund: bool, a: Amounts) {
        // As the day report: gross and discounts are those of sales; a refund counts whole.
        if refund {
            self.refunds -= i128::from(a.net);
        } else {
            self.gross += i128::from(a.gross);
            self.discount += i128::from(a.discount);
        }
        self.qty += i128::from(a.qty);
        self.net += i128::from(a.net);
        self.vat += i128::from(a.vat);
    }

    /// The row, with a quantity only when `qty` and gross, discount and VAT only when `detail`.
    pub(super) fn row(
        &self,
        key: String,
        label: String,
        qty: bool,
        detail: bool,
    ) -> Result<Row, Overflow> {
        let count = |n: u64| u32::try_from(n).map_err(|_| Overflow);
        let vnd = |n: i128| i64::try_from(n).map(Vnd).map_err(|_| Overflow);
        let detailed = |n: i128| if detail { vnd(n).map(Some) } else { Ok(None) };
        Ok(Row {
            key,
            label,
            receipts: count(self.receipts)?,
            refund_receipts: count(self.refund_receipts)?,
            qty: if qty {
                Some(Qty(i64::try_from(self.qty).map_err(|_| Overflow)?))
            } else {
                None
            },
            gross: detailed(self.gross)?,
            discount: detailed(self.discount)?,
            refunds: vnd(self.refunds)?,
            net: vnd(self.net)?,
            vat: detailed(self.vat)?,
        })
    }
}
