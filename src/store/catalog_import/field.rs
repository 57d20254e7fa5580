//! Reading single fields of a catalogue row: codes, texts, whole numbers, dates and yes/no.

use chrono::NaiveDate;
use csv::StringRecord;
use unicode_normalization::UnicodeNormalization;

use super::{Col, RowError, RowProblem, What};
use crate::domain::catalog::valid_code;
use crate::domain::text;
use crate::domain::vat::VatRate;

/// One row's fields, looked up by column.
pub(super) struct Fields<'a> {
    /// The record.
    pub record: &'a StringRecord,
    /// Where each column of [`super::super::catalog_export::HEADER`] sits in the file, if present.
    pub index: &'a [Option<usize>],
    /// Its line in the file.
    pub line: u64,
}

impl Fields<'_> {
    /// The trimmed text of `col`, or "" when the file lacks the column.
    pub fn get(&self, col: Col) -> &str {
        self.index
            .get(col as usize)
            .copied()
            .flatten()
            .and_then(|i| self.record.get(i))
            .unwrap_or("")
    }
}

/// Problems found so far in one row.
pub(super) struct Problems {
    /// The row's line.
    pub line: u64,
    /// The problems.
    pub list: Vec<RowError>,
}

impl Problems {
    /// Records a problem in `col`.
    pub fn push(&mut self, col: Col, reason: RowProblem) {
        self.list.push(RowError {
            line: self.line,
            column: col.name().to_owned(),
            reason,
        });
    }
}
/// A product or producer code: refused in lower case with a hint rather than silently upper-cased,
/// because the till matches typed codes exactly and a shop's own list should agree with the file.
pub(super) fn code(p: &mut Problems, f: &Fields<'_>, col: Col, what: What) -> Option<String> {
    let text = f.get(col);
    if valid_code(text) {
        return Some(text.to_owned());
    }
    if text.is_empty() {
        p.push(col, RowProblem::Missing(what));
    } else if valid_code(&text.to_ascii_uppercase()) {
        p.push(
            col,
            RowProblem::NotUpper {
                what,
                upper: text.to_ascii_uppercase(),
            },
        );
    } else {
        p.push(
            col,
            RowProblem::BadCode {
                what,
                text: text.to_owned(),
            },
        );
    }
    None
}

/// A required text of at most `max` characters, in NFC so receipts print it whole.
pub(super) fn label(
    p: &mut Problems,
    f: &Fields<'_>,
    col: Col,
    what: What,
    max: usize,
) -> Option<String> {
    let text: String = f.get(col).nfc().collect();
    if text.is_empty() {
        p.push(col, RowProblem::Missing(what));
        None
    } else if text.chars().count() > max {
        p.push(col, RowProblem::TooLong { what, max });
        None
    } else if text.chars().any(char::is_control) {
        p.push(col, RowProblem::ControlChars(what));
        None
    } else {
        Some(text)
    }
}

/// Why a number was refused.
pub(super) enum Bad {
    NotInteger,
    TooLarge,
}

/// An unsigned whole number up to `max`, or None when empty. Signs, decimals and separators are
/// refused: "12.5" and "125.000" are both ambiguous in a Vietnamese spreadsheet.
pub(super) fn integer(text: &str, max: u64) -> Result<Option<u64>, Bad> {
    if text.is_empty() {
        return Ok(None);
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Bad::NotInteger);
    }
    match text.parse::<u64>() {
        Ok(n) if n <= max => Ok(Some(n)),
        _ => Err(Bad::TooLarge),
    }
}
pub(super) fn rate(p: &mut Problems, f: &Fields<'_>, col: Col) -> Option<VatRate> {
    match integer(f.get(col), 10_000) {
        Ok(Some(bp)) => u16::try_from(bp).ok().map(VatRate),
        _ => {
            p.push(col, RowProblem::BadRate);
            None
        }
    }
}

/// A date written YYYY-MM-DD (Excel's 31/12/2026 is refused with the expected form).
pub(super) fn date(p: &mut Problems, f: &Fields<'_>, col: Col) -> Option<NaiveDate> {
    let text = f.get(col);
    let date = (text.len() == 10)
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten();
    if date.is_none() {
        p.push(col, RowProblem::BadDate(text.to_owned()));
    }
    date
}
/// 0/1, true/false or có/không (any case, with or without diacritics); empty gives `default`.
pub(super) fn flag(p: &mut Problems, f: &Fields<'_>, col: Col, default: bool) -> bool {
    let text = f.get(col);
    match text::fold(text).as_str() {
        "" => default,
        "1" | "true" | "co" => true,
        "0" | "false" | "khong" => false,
        _ => {
            p.push(col, RowProblem::BadFlag(text.to_owned()));
            default
        }
    }
}
