//! A stock take's variances with their value, line by line and in total.

use rusqlite::Connection;
use serde::Serialize;

use super::value::{self, ValueBasis};
use super::{FOUND_NOTE, at_count, stored_filter};
use crate::domain::money::Vnd;
use crate::domain::qty::Qty;
use crate::store::Error;
use crate::store::documents::{self, DocKind, DocumentError};

/// One product of a stock take.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportLine {
    /// Position, from 1.
    pub line_no: i64,
    /// Product code.
    pub product_code: String,
    /// Product name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// On hand when the count opened.
    pub expected_at_open: Qty,
    /// The count (`None`: not counted).
    pub counted: Option<Qty>,
    /// When it was last counted (RFC 3339).
    pub counted_at: Option<String>,
    /// On hand at the moment it was counted: what the count is compared with.
    pub expected_at_count: Option<Qty>,
    /// Counted − expected at count time (negative: goods missing).
    pub variance: Option<Qty>,
    /// Value of one unit.
    pub unit_value: Vnd,
    /// What the value per unit is: lot cost or retail price.
    pub value_basis: ValueBasis,
    /// Variance × value per unit, rounded half away from zero.
    pub variance_value: Option<Vnd>,
    /// Goods found outside the count's scope.
    pub found: bool,
    /// A note: found goods, or an uncounted line left unchanged.
    pub note: String,
}

/// Totals of a stock take.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Totals {
    /// Lines.
    pub lines: usize,
    /// Lines counted.
    pub counted_lines: usize,
    /// Lines not counted (left unchanged when posted).
    pub uncounted_lines: usize,
    /// Lines of goods found outside the scope.
    pub found_lines: usize,
    /// Value of the goods missing (zero or negative).
    pub shortage_value: Vnd,
    /// Value of the goods found in excess (zero or positive).
    pub surplus_value: Vnd,
    /// Net value of the variances.
    pub net_value: Vnd,
    /// Lines valued at lot cost.
    pub cost_lines: usize,
    /// Lines valued at retail price (no lot cost known).
    pub retail_lines: usize,
}

/// A stock take as the manager reviews it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Its number.
    pub number: String,
    /// draft, posted or cancelled.
    pub status: String,
    /// What it covers, in words.
    pub scope: String,
    /// When it was opened.
    pub opened_at: String,
    /// When it was posted.
    pub posted_at: Option<String>,
    /// Its lines, in order.
    pub lines: Vec<ReportLine>,
    /// Totals.
    pub totals: Totals,
}

/// The stock take `number` with every line's variance and value. While it is open the values are
/// worked out now; once posted, the values frozen at posting are shown and the count's own moves are
/// left out of the stock at counting time, so the figures stay what was posted.
pub fn show(conn: &Connection, number: &str) -> Result<Report, Error> {
    build(conn, number, usize::MAX)
}

/// The stock take like [`show`], with every counted line but only the first `uncounted` of the
/// lines not counted yet (the totals still cover every line): what a screen reloads after each
/// scan of a count over a large catalogue, without valuing thousands of untouched lines.
pub fn show_page(conn: &Connection, number: &str, uncounted: usize) -> Result<Report, Error> {
    build(conn, number, uncounted)
}

fn build(conn: &Connection, number: &str, uncounted_shown: usize) -> Result<Report, Error> {
    let header = documents::by_number(conn, number)?;
    if header.kind != DocKind::Stocktake {
        return Err(DocumentError::WrongKind {
            number: header.number,
            found: header.kind.label_vi(),
            expected: DocKind::Stocktake.label_vi(),
        }
        .into());
    }
    let posted = header.status == "posted";
    let rows: Vec<(String, String, String, String)> = conn
        .prepare(
            "SELECT p.code, p.name, p.unit, l.value_basis FROM document_lines l
             JOIN products p ON p.id = l.product_id WHERE l.document_id = ?1 ORDER BY l.line_no",
        )?
        .query_map([header.id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<Result<_, _>>()?;
    let lines = documents::lines(conn, header.id)?;
    let at_count = at_count(conn, header.id)?;
    let mut totals = Totals {
        lines: lines.len(),
        ..Totals::default()
    };
    let mut out = Vec::with_capacity(lines.len());
    let mut left_out = 0;
    for (line, (code, name, unit, stored_basis)) in lines.into_iter().zip(rows) {
        let counted = line.qty.is_some() && at_count.contains_key(&line.id);
        if !counted && totals.uncounted_lines - left_out >= uncounted_shown {
            totals.uncounted_lines += 1;
            totals.found_lines += usize::from(line.reason == FOUND_NOTE);
            left_out += 1;
            continue;
        }
        let frozen = ValueBasis::parse(&stored_basis).filter(|_| posted);
        let (unit_value, value_basis) = match frozen {
            Some(basis) => (line.unit_cost, basis),
            None => value::unit_value(conn, line.product_id)?,
        };
        let found = line.reason == FOUND_NOTE;
        let mut report = ReportLine {
            line_no: line.line_no,
            product_code: code,
            name,
            unit,
            expected_at_open: line.expected.unwrap_or_default(),
            counted: line.qty,
            counted_at: line.counted_at.clone(),
            expected_at_count: None,
            variance: None,
            unit_value,
            value_basis,
            variance_value: None,
            found,
            note: if found {
                FOUND_NOTE.to_owned()
            } else {
                String::new()
            },
        };
        totals.found_lines += usize::from(found);
        match (line.qty, at_count.get(&line.id).copied()) {
            (Some(counted), Some(then)) => {
                let variance = counted.checked_sub(then)?;
                let value = variance.times(unit_value)?;
                report.expected_at_count = Some(then);
                report.variance = Some(variance);
                report.variance_value = Some(value);
                totals.counted_lines += 1;
                match value_basis {
                    ValueBasis::Cost => totals.cost_lines += 1,
                    ValueBasis::Retail => totals.retail_lines += 1,
                }
                if value.is_negative() {
                    totals.shortage_value = totals.shortage_value.checked_add(value)?;
                } else {
                    totals.surplus_value = totals.surplus_value.checked_add(value)?;
                }
                totals.net_value = totals.net_value.checked_add(value)?;
            }
            _ => {
                totals.uncounted_lines += 1;
                report.note = if posted {
                    "chưa đếm: tồn kho giữ nguyên".to_owned()
                } else {
                    "chưa đếm".to_owned()
                };
            }
        }
        out.push(report);
    }
    let scope = stored_filter(&header.scope)
        .map(|f| f.describe())
        .unwrap_or(header.scope);
    Ok(Report {
        number: header.number,
        status: header.status,
        scope,
        opened_at: header.created_at,
        posted_at: header.posted_at,
        lines: out,
        totals,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::barcode::BarcodeRules;
    use crate::store::stocktake::{Entry, Filter, count, open};

    #[test]
    fn a_page_keeps_every_counted_line_and_the_totals_of_all() {
        let now = crate::store::test_support::nine_am();
        let (_dir, mut conn) = crate::store::test_support::sample_till(now);
        let opened = open(&mut conn, &Filter::default(), None, now).unwrap();
        let number = opened.header.number;
        let rules = BarcodeRules::default();
        for code in ["DS-CAO-DUCHUY-100", "TOIDEN-CODON-PS-250"] {
            count(
                &mut conn,
                &number,
                code,
                Entry::Set(Qty::units(2)),
                &rules,
                now,
            )
            .unwrap();
        }
        let all = show(&conn, &number).unwrap();
        let page = show_page(&conn, &number, 3).unwrap();
        assert!(all.lines.len() > 10, "{}", all.lines.len());
        assert_eq!(page.totals, all.totals);
        assert_eq!(page.lines.len(), 2 + 3);
        let counted: Vec<&str> = page
            .lines
            .iter()
            .filter(|l| l.counted.is_some())
            .map(|l| l.product_code.as_str())
            .collect();
        assert_eq!(counted.len(), 2, "{counted:?}");
        assert!(counted.contains(&"TOIDEN-CODON-PS-250"));
        assert_eq!(show_page(&conn, &number, 0).unwrap().lines.len(), 2);
    }
}
