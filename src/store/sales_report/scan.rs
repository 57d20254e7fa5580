//! The passes behind a sales report. SQL only picks the rows of the period; the sums are made
//! here in one pass over each table, because SQLite's GROUP BY sorts every row into a temporary
//! b-tree, which over a year of receipt lines costs several times the budget (design.md §7, B4).
//!
//! Day, hour, clerk and method reports read the sales rows of the period, which give their totals;
//! method then reads the payments of those sales. Product, producer, group and star reports take
//! the period's sale ids from the date index and the refunds among them from the refund index,
//! then read the lines of those sales, whose sums are the totals: a sale's lines add up to it and
//! its payments to its total (`check` verifies both), so every breakdown has the same totals.
//! Lines and payments are read in sale order, so each receipt is counted once per row.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::acc::{Acc, Amounts};
use super::{By, Period};
use crate::store::Error;

/// Row key: a date as YYYYMMDD, an hour, a user, product, producer, group or star number, a
/// method's position; `None` for products without producer, group or stars.
pub(super) type Key = Option<i64>;

/// A multiply-rotate hasher (as rustc's) for the integer keys: a report hashes every line it
/// reads, and SipHash's defence against crafted keys buys nothing for keys the till wrote itself.
#[derive(Default)]
pub(super) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.write_u64(u64::from(*byte));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }

    fn write_isize(&mut self, n: isize) {
        self.write_u64(n as u64);
    }
}

/// Sums by key.
pub(super) type Groups = HashMap<Key, Acc, BuildHasherDefault<KeyHasher>>;

/// What the passes found.
pub(super) struct Scanned {
    /// The period's totals.
    pub totals: Acc,
    /// Sums by key; for products, each notes its newest line, whose code and name label the row.
    pub groups: Groups,
}

/// The sales of the period, by id: 0 not in it, 1 sale, 2 refund.
struct InPeriod {
    lo: i64,
    kinds: Vec<u8>,
    sales: u64,
    refunds: u64,
}

impl InPeriod {
    /// Whether `id` is a refund, or None when it is not in the period.
    fn refund(&self, id: i64) -> Option<bool> {
        let at = usize::try_from(id.checked_sub(self.lo)?).ok()?;
        match self.kinds.get(at) {
            Some(1) => Some(false),
            Some(2) => Some(true),
            _ => None,
        }
    }

    fn mark(&mut self, id: i64, refund: bool) {
        let Some(kind) = id
            .checked_sub(self.lo)
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| self.kinds.get_mut(i))
        else {
            return;
        };
        match *kind {
            1 => self.sales -= 1,
            2 => self.refunds -= 1,
            _ => {}
        }
        if refund {
            *kind = 2;
            self.refunds += 1;
        } else {
            *kind = 1;
            self.sales += 1;
        }
    }

    fn hi(&self) -> i64 {
        self.lo
            .saturating_add(i64::try_from(self.kinds.len()).unwrap_or(i64::MAX))
            .saturating_sub(1)
    }
}

/// Whether reading the whole sales table beats the date index: SQLite without statistics takes
/// the index for any range, and fetching most rows one by one through it costs about three times
/// a scan in order. Decided from the first and last business dates (two index probes).
fn whole_table(conn: &Connection, period: Period) -> Result<bool, Error> {
    let (first, last): (Option<String>, Option<String>) = conn.query_row(
        "SELECT (SELECT MIN(business_date) FROM sales), (SELECT MAX(business_date) FROM sales)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let date = |d: Option<String>| d.and_then(|d| d.parse::<NaiveDate>().ok());
    let (Some(first), Some(last)) = (date(first), date(last)) else {
        return Ok(false);
    };
    let span = (last - first).num_days() + 1;
    let covered = (period.to.min(last) - period.from.max(first)).num_days() + 1;
    Ok(covered * 4 >= span)
}

/// Runs the passes `by` needs over `period`.
pub(super) fn scan(conn: &Connection, by: By, period: Period) -> Result<Scanned, Error> {
    let mut groups = Groups::default();
    if matches!(by, By::Product | By::Producer | By::Group | By::Stars) {
        let in_period = ids_in_period(conn, period)?;
        lines(conn, by, &in_period, &mut groups)?;
        let mut totals = Acc::default();
        for acc in groups.values() {
            totals.merge(acc);
        }
        totals.set_receipts(in_period.sales, in_period.refunds);
        return Ok(Scanned { totals, groups });
    }
    let key = match by {
        By::Day => "CAST(replace(business_date, '-', '') AS INTEGER)",
        By::Hour => "CAST(substr(completed_at, 12, 2) AS INTEGER)",
        By::Clerk => "user_id",
        _ => "NULL",
    };
    let date = if whole_table(conn, period)? {
        "+business_date"
    } else {
        "business_date"
    };
    let sql = format!(
        "SELECT id, kind = 'refund', gross_vnd, discount_vnd, total_vnd, vat_vnd, {key}
         FROM sales WHERE {date} BETWEEN ?1 AND ?2"
    );
    let mut totals = Acc::default();
    let mut ids: Vec<(i64, bool)> = Vec::new();
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params![period.from.to_string(), period.to.to_string()])?;
    while let Some(r) = rows.next()? {
        let refund: bool = r.get(1)?;
        let amounts = Amounts {
            qty: 0,
            gross: r.get(2)?,
            discount: r.get(3)?,
            net: r.get(4)?,
            vat: r.get(5)?,
        };
        totals.sale(refund, amounts);
        if matches!(by, By::Day | By::Hour | By::Clerk) {
            groups.entry(r.get(6)?).or_default().sale(refund, amounts);
        }
        if by == By::Method {
            ids.push((r.get(0)?, refund));
        }
    }
    if by == By::Method {
        let in_period = in_period(&ids);
        drop(ids);
        payments(conn, &in_period, &mut groups)?;
    }
    Ok(Scanned { totals, groups })
}

fn in_period(ids: &[(i64, bool)]) -> InPeriod {
    let lo = ids.iter().map(|(id, _)| *id).min().unwrap_or(1);
    let hi = ids.iter().map(|(id, _)| *id).max().unwrap_or(0);
    let len = usize::try_from(hi.saturating_sub(lo).saturating_add(1)).unwrap_or(0);
    let mut in_period = InPeriod {
        lo,
        kinds: vec![0_u8; len],
        sales: 0,
        refunds: 0,
    };
    for (id, refund) in ids {
        in_period.mark(*id, *refund);
    }
    in_period
}

/// The period's sale ids from the date index, and which are refunds from the refund index: both
/// are read without touching the sales rows.
fn ids_in_period(conn: &Connection, period: Period) -> Result<InPeriod, Error> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM sales WHERE business_date BETWEEN ?1 AND ?2")?;
    let ids: Vec<(i64, bool)> = stmt
        .query_map(
            params![period.from.to_string(), period.to.to_string()],
            |r| Ok((r.get(0)?, false)),
        )?
        .collect::<Result<_, _>>()?;
    let mut in_period = in_period(&ids);
    drop(ids);
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM sales WHERE original_sale_id IS NOT NULL AND id BETWEEN ?1 AND ?2",
    )?;
    let mut rows = stmt.query([in_period.lo, in_period.hi()])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        if in_period.refund(id) == Some(false) {
            in_period.mark(id, true);
        }
    }
    Ok(in_period)
}

/// The catalogue's producer and OCOP group of each product.
fn catalogue(conn: &Connection) -> Result<HashMap<i64, (Key, Key)>, Error> {
    let mut stmt = conn.prepare("SELECT id, producer_id, ocop_group FROM products")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Reads the lines of the period's sales into `groups`. Most of a year's lines are read fastest
/// in table order; lines are written with their sale, so that order is sale order, which is
/// checked as they come: should a line arrive out of order, the sums restart in index order.
fn lines(
    conn: &Connection,
    by: By,
    in_period: &InPeriod,
    groups: &mut Groups,
) -> Result<(), Error> {
    let catalogue = if matches!(by, By::Producer | By::Group) {
        catalogue(conn)?
    } else {
        HashMap::new()
    };
    let last_sale: i64 =
        conn.query_row("SELECT COALESCE(MAX(id), 0) FROM sales", [], |r| r.get(0))?;
    let most = i64::try_from(in_period.kinds.len()).unwrap_or(i64::MAX) * 4 >= last_sale;
    if most && read_lines(conn, by, in_period, &catalogue, groups, false)? {
        return Ok(());
    }
    groups.clear();
    read_lines(conn, by, in_period, &catalogue, groups, true)?;
    Ok(())
}

/// One read of the lines; false when `ordered` was not asked for and a line came out of sale
/// order (the sums are then incomplete).
fn read_lines(
    conn: &Connection,
    by: By,
    in_period: &InPeriod,
    catalogue: &HashMap<i64, (Key, Key)>,
    groups: &mut Groups,
    ordered: bool,
) -> Result<bool, Error> {
    let (range, order) = if ordered {
        ("sale_id", "ORDER BY sale_id")
    } else {
        ("+sale_id", "")
    };
    let sql = format!(
        "SELECT id, sale_id, product_id, stars, qty_milli, gross_vnd,
                line_discount_vnd + order_discount_vnd, net_vnd, vat_vnd
         FROM sale_lines WHERE {range} BETWEEN ?1 AND ?2 {order}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([in_period.lo, in_period.hi()])?;
    let mut previous = i64::MIN;
    while let Some(r) = rows.next()? {
        let sale_id: i64 = r.get(1)?;
        if sale_id < previous {
            return Ok(false);
        }
        previous = sale_id;
        let Some(refund) = in_period.refund(sale_id) else {
            continue;
        };
        let product: i64 = r.get(2)?;
        let key = match by {
            By::Product => Some(product),
            By::Producer => catalogue.get(&product).and_then(|c| c.0),
            By::Group => catalogue.get(&product).and_then(|c| c.1),
            _ => r.get(3)?,
        };
        let amounts = Amounts {
            qty: r.get(4)?,
            gross: r.get(5)?,
            discount: r.get(6)?,
            net: r.get(7)?,
            vat: r.get(8)?,
        };
        let acc = groups.entry(key).or_default();
        acc.part(sale_id, refund, amounts);
        if by == By::Product {
            acc.note_line(r.get(0)?);
        }
    }
    Ok(true)
}

fn payments(conn: &Connection, in_period: &InPeriod, groups: &mut Groups) -> Result<(), Error> {
    // The primary key clusters payments by sale: a range read in sale order.
    let mut stmt = conn.prepare_cached(
        "SELECT sale_id, method, amount_vnd FROM payments WHERE sale_id BETWEEN ?1 AND ?2",
    )?;
    let mut rows = stmt.query([in_period.lo, in_period.hi()])?;
    while let Some(r) = rows.next()? {
        let sale_id: i64 = r.get(0)?;
        let Some(refund) = in_period.refund(sale_id) else {
            continue;
        };
        let method = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
        let key = super::labels::method_key(method);
        let amounts = Amounts {
            net: r.get(2)?,
            ..Amounts::default()
        };
        groups
            .entry(key)
            .or_default()
            .part(sale_id, refund, amounts);
    }
    Ok(())
}
