//! Writes the catalogue as CSV in the format [`super::catalog_import`] reads back.
//!
//! One row per product in code order, RFC 4180 quoting and CRLF line ends, no byte-order mark, like
//! `assets/sample/catalogue.csv`. Producer columns are repeated on every row of their products.

use std::collections::HashMap;
use std::io::Write;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{Error, catalog};
use crate::domain::catalog::{OcopGroup, Producer, Stars};
use crate::domain::vat::{VatPeriod, VatRate, VatSchedule};

/// The catalogue CSV header: every column, in the order export writes them.
pub const HEADER: [&str; 20] = [
    "code",
    "name",
    "unit",
    "price_vnd",
    "vat_bp",
    "vat_until",
    "vat_after_bp",
    "ocop_group",
    "stars",
    "cert_no",
    "cert_date",
    "producer_code",
    "producer_name",
    "producer_kind",
    "producer_commune",
    "producer_tax_code",
    "barcodes",
    "plu",
    "sold_by_weight",
    "active",
];

/// Writes every product to `out`; returns the number of product rows.
///
/// VAT schedules are written as of today's date; see [`export_on`].
pub fn export(conn: &Connection, out: impl Write) -> Result<usize, Error> {
    export_on(conn, out, chrono::Local::now().date_naive())
}

/// Writes every product to `out` with VAT columns valid from `today` on; returns the row count.
///
/// The format holds at most one change of rate: `vat_bp` alone is one rate for all dates;
/// `vat_bp, vat_until, vat_after_bp` is a rate up to a day and another from the next day. A schedule
/// of that shape is written exactly. Any other schedule is cut to what applies from `today` on
/// (past periods matter to no future sale); if even that has more than one change or a gap, the
/// export fails with [`Error::VatNotExportable`] naming the product rather than write a wrong rate.
pub fn export_on(conn: &Connection, out: impl Write, today: NaiveDate) -> Result<usize, Error> {
    let producers: HashMap<String, Producer> = catalog::producers(conn)?
        .into_iter()
        .map(|p| (p.code.clone(), p))
        .collect();
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(HEADER)?;
    let mut rows = 0;
    for code in catalog::product_codes(conn)? {
        let Some(p) = catalog::product(conn, &code)? else {
            continue;
        };
        let (vat_bp, vat_until, vat_after) =
            vat_columns(&p.vat, today).ok_or_else(|| Error::VatNotExportable(p.code.clone()))?;
        let producer = p.producer_code.as_ref().and_then(|c| producers.get(c));
        let (cert_no, cert_date) = match &p.certificate {
            Some(c) => (c.number.clone(), c.date.to_string()),
            None => (String::new(), String::new()),
        };
        writer.write_record([
            p.code.clone(),
            p.name.clone(),
            p.unit.clone(),
            p.price.0.to_string(),
            vat_bp,
            vat_until,
            vat_after,
            p.group
                .map(|g| OcopGroup::number(g).to_string())
                .unwrap_or_default(),
            p.stars
                .map(|s| Stars::count(s).to_string())
                .unwrap_or_default(),
            cert_no,
            cert_date,
            p.producer_code.clone().unwrap_or_default(),
            producer.map(|r| r.name.clone()).unwrap_or_default(),
            producer
                .map(|r| r.kind.as_str().to_owned())
                .unwrap_or_default(),
            producer.map(|r| r.commune_code.clone()).unwrap_or_default(),
            producer.map(|r| r.tax_code.clone()).unwrap_or_default(),
            p.barcodes.join(" "),
            p.plu.map(|n| n.to_string()).unwrap_or_default(),
            flag(p.sold_by_weight),
            flag(p.active),
        ])?;
        rows += 1;
    }
    writer.flush().map_err(csv::Error::from)?;
    Ok(rows)
}

fn flag(value: bool) -> String {
    String::from(if value { "1" } else { "0" })
}

/// `vat_bp`, `vat_until`, `vat_after_bp` for a schedule, or None when it needs more than that.
fn vat_columns(schedule: &VatSchedule, today: NaiveDate) -> Option<(String, String, String)> {
    let mut periods: Vec<VatPeriod> = schedule.periods().to_vec();
    periods.sort_by_key(|p| p.from);
    if let Some(columns) = one_change(&periods) {
        return Some(columns);
    }
    let ahead: Vec<VatPeriod> = periods
        .into_iter()
        .filter(|p| p.until.is_none_or(|until| until >= today))
        .collect();
    if !ahead.first().is_some_and(|p| p.contains(today)) {
        return None;
    }
    // Open the first period backwards: the format cannot say "from", and before today is moot.
    let opened: Vec<VatPeriod> = ahead
        .iter()
        .enumerate()
        .map(|(i, p)| VatPeriod {
            from: if i == 0 { None } else { p.from },
            ..*p
        })
        .collect();
    one_change(&opened)
}

/// The columns of a schedule that is one open rate, or one rate then another from the next day.
fn one_change(periods: &[VatPeriod]) -> Option<(String, String, String)> {
    let bp = |r: VatRate| r.basis_points().to_string();
    match periods {
        [only] if only.from.is_none() && only.until.is_none() => {
            Some((bp(only.rate), String::new(), String::new()))
        }
        [first, then]
            if first.from.is_none()
                && then.until.is_none()
                && first.until.and_then(|u| u.succ_opt()) == then.from =>
        {
            let until = first.until?;
            Some((bp(first.rate), until.to_string(), bp(then.rate)))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::vat::standard_schedule;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn cols(schedule: &VatSchedule, today: NaiveDate) -> Option<(String, String, String)> {
        vat_columns(schedule, today)
    }

    fn owned(a: &str, b: &str, c: &str) -> Option<(String, String, String)> {
        Some((a.to_owned(), b.to_owned(), c.to_owned()))
    }

    #[test]
    fn single_and_until_then_are_written_exactly() {
        let today = date(2026, 11, 30);
        assert_eq!(
            cols(&VatSchedule::single(VatRate::TEN), today),
            owned("1000", "", "")
        );
        let reduced = VatSchedule::until_then(VatRate::EIGHT, date(2026, 12, 31), VatRate::TEN);
        assert_eq!(cols(&reduced, today), owned("800", "2026-12-31", "1000"));
        // Exact even when the change lies in the past.
        assert_eq!(
            cols(&reduced, date(2030, 1, 1)),
            owned("800", "2026-12-31", "1000")
        );
    }

    #[test]
    fn longer_schedules_are_cut_to_today_or_refused() {
        let standard = standard_schedule(false);
        assert_eq!(
            cols(&standard, date(2026, 11, 30)),
            owned("800", "2026-12-31", "1000")
        );
        assert_eq!(cols(&standard, date(2027, 3, 1)), owned("1000", "", ""));
        // Before the reduction two changes lie ahead: not expressible.
        assert_eq!(cols(&standard, date(2025, 1, 1)), None);
        let gap = VatSchedule::new(vec![VatPeriod {
            from: Some(date(2027, 1, 1)),
            until: None,
            rate: VatRate::TEN,
        }])
        .unwrap();
        assert_eq!(cols(&gap, date(2026, 11, 30)), None);
    }

    #[test]
    fn header_matches_the_sample_file() {
        let sample = include_str!("../../assets/sample/catalogue.csv");
        assert_eq!(sample.lines().next(), Some(HEADER.join(",").as_str()));
    }
}
