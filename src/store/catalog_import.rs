//! Reads a catalogue CSV (the format of `assets/sample/catalogue.csv`) into the store.
//!
//! The file is checked whole before anything is written: encoding, header, every row on its own
//! (`catalog_import/row.rs`), then rows against each other and against the database. A strict
//! import writes nothing unless every row is good; a lenient one writes the good rows and reports
//! the rest. Writes happen in one transaction together with an audit row.
//!
//! Columns are matched by name (any order, case ignored); only `code`, `name`, `unit`, `price_vnd`
//! and `vat_bp` are required. A `plu` is accepted on products sold by the piece too: a scale's
//! priced label (prefix 21/22) resolves them by PLU. Rows whose fields are all empty (Excel leaves
//! them) are ignored. A row with only `producer_code` refers to a producer defined on another row
//! or already stored; product and producer codes in lower case are refused with the upper-case
//! form as a hint, not silently changed.

mod cross;
mod field;
mod preview;
mod row;
mod row_problem;

pub use preview::{Preview, preview};
pub use row_problem::{RowProblem, What};

use std::collections::HashSet;
use std::fmt;

use chrono::{DateTime, FixedOffset};
use rusqlite::Connection;

use super::catalog_export::HEADER;
use super::{Error, audit, catalog};
use crate::domain::auth::{AuditAction, UserId};
use cross::{Known, cross_check};
use row::Parsed;

/// Largest file accepted, in bytes.
pub const MAX_BYTES: usize = 50 * 1024 * 1024;
/// Most product rows accepted.
pub const MAX_ROWS: usize = 200_000;
/// Most row errors returned.
pub const MAX_ERRORS: usize = 1000;
/// Columns a file must have.
pub const REQUIRED: [&str; 5] = ["code", "name", "unit", "price_vnd", "vat_bp"];

/// What to do with rows that break the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// Any bad row rejects the whole file; nothing is written.
    Strict,
    /// Good rows are written; bad ones are reported in [`ImportReport::skipped`].
    SkipBadRows,
}

/// One problem in one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// 1-based line in the file; the header is line 1.
    pub line: u64,
    /// The column's name, or "" for a problem of the whole row.
    pub column: String,
    /// What is wrong.
    pub reason: RowProblem,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.column.is_empty() {
            write!(f, "dòng {}: {}", self.line, self.reason)
        } else {
            write!(
                f,
                "dòng {}, cột {}: {}",
                self.line, self.column, self.reason
            )
        }
    }
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Products that were new.
    pub added: usize,
    /// Products that existed and were overwritten.
    pub updated: usize,
    /// Producers written (new or updated).
    pub producers: usize,
    /// Problems of the rows left out (at most [`MAX_ERRORS`]).
    pub skipped: Vec<RowError>,
}

/// The catalogue columns, in [`HEADER`] order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Code,
    Name,
    Unit,
    Price,
    VatBp,
    VatUntil,
    VatAfterBp,
    Group,
    Stars,
    CertNo,
    CertDate,
    ProducerCode,
    ProducerName,
    ProducerKind,
    ProducerCommune,
    ProducerTaxCode,
    Barcodes,
    Plu,
    SoldByWeight,
    Active,
}

impl Col {
    fn name(self) -> &'static str {
        HEADER[self as usize]
    }
}

/// Imports a catalogue CSV: see the module documentation for the rules.
pub fn import(
    conn: &mut Connection,
    bytes: &[u8],
    mode: ImportMode,
    user: Option<UserId>,
    now: DateTime<FixedOffset>,
) -> Result<ImportReport, Error> {
    let checked = read(conn, bytes, mode)?;
    if mode == ImportMode::Strict && !checked.errors.is_empty() {
        return Err(Error::ImportRejected(checked.errors));
    }
    let mut report = write(conn, &checked.good, user, now, checked.skipped_rows)?;
    report.skipped = checked.errors;
    Ok(report)
}

/// A file read and checked, nothing written yet.
struct Checked {
    /// Rows that may be written.
    good: Vec<Parsed>,
    /// Problems found, by line (at most [`MAX_ERRORS`]).
    errors: Vec<RowError>,
    /// How many rows had problems.
    skipped_rows: usize,
}

/// Reads and checks a file the way `mode` would import it, without writing.
fn read(conn: &Connection, bytes: &[u8], mode: ImportMode) -> Result<Checked, Error> {
    if bytes.len() > MAX_BYTES {
        return Err(Error::FileTooLarge {
            bytes: bytes.len(),
            max: MAX_BYTES,
        });
    }
    let text = decode(bytes)?;
    let first_line = text.lines().next().unwrap_or("");
    // Excel in a Vietnamese locale saves "CSV" with semicolons.
    let delimiter = if first_line.contains(';') && !first_line.contains(',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header = reader.headers()?.clone();
    let index = header_index(&header)?;

    let mut errors = Vec::new();
    let mut good = Vec::new();
    let mut rows = 0;
    for record in reader.records() {
        let record = record?;
        if record.iter().all(str::is_empty) {
            continue;
        }
        rows += 1;
        if rows > MAX_ROWS {
            return Err(Error::TooManyRows { max: MAX_ROWS });
        }
        let line = record.position().map_or(0, csv::Position::line);
        if record.len() != header.len() {
            errors.push(RowError {
                line,
                column: String::new(),
                reason: RowProblem::FieldCount {
                    fields: record.len(),
                    columns: header.len(),
                },
            });
            continue;
        }
        let fields = field::Fields {
            record: &record,
            index: &index,
            line,
        };
        match row::parse(&fields) {
            Ok(parsed) => good.push(parsed),
            Err(problems) => errors.extend(problems),
        }
    }

    let known = Known::load(conn, &good)?;
    loop {
        let found = cross_check(&good, &known);
        if found.is_empty() {
            break;
        }
        let bad: HashSet<u64> = found.iter().map(|e| e.line).collect();
        errors.extend(found);
        if mode == ImportMode::Strict {
            break;
        }
        // Dropping a row can orphan a reference or a barcode another row relied on: check again.
        good.retain(|r| !bad.contains(&r.line));
    }
    errors.sort_by_key(|e| e.line);
    let skipped_rows = errors.iter().map(|e| e.line).collect::<HashSet<_>>().len();
    errors.truncate(MAX_ERRORS);
    Ok(Checked {
        good,
        errors,
        skipped_rows,
    })
}

/// The text of a UTF-8 file without its byte-order mark, or the line of its first foreign byte.
pub(crate) fn decode(bytes: &[u8]) -> Result<&str, Error> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Error::NotUtf8 { line: 1 });
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let line_of = |at: usize| 1 + bytes[..at].iter().filter(|b| **b == b'\n').count() as u64;
    // A NUL is valid UTF-8 but means UTF-16 without a byte-order mark.
    if let Some(at) = bytes.iter().position(|b| *b == 0) {
        return Err(Error::NotUtf8 { line: line_of(at) });
    }
    std::str::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        line: line_of(e.valid_up_to()),
    })
}

/// Where each known column sits in the file.
fn header_index(header: &csv::StringRecord) -> Result<Vec<Option<usize>>, Error> {
    let mut index = vec![None; HEADER.len()];
    for (at, name) in header.iter().enumerate() {
        let wanted = name.to_ascii_lowercase();
        let Some(col) = HEADER.iter().position(|h| *h == wanted) else {
            return Err(Error::UnknownColumn(name.to_owned()));
        };
        if index[col].replace(at).is_some() {
            return Err(Error::DuplicateColumn(name.to_owned()));
        }
    }
    for required in REQUIRED {
        if !HEADER
            .iter()
            .zip(&index)
            .any(|(h, at)| *h == required && at.is_some())
        {
            return Err(Error::MissingColumn(required.to_owned()));
        }
    }
    Ok(index)
}

/// Writes the rows in one transaction with the audit row; any failure rolls all of it back.
fn write(
    conn: &mut Connection,
    rows: &[Parsed],
    user: Option<UserId>,
    now: DateTime<FixedOffset>,
    skipped_rows: usize,
) -> Result<ImportReport, Error> {
    let tx = conn.transaction()?;
    // Free the barcodes and PLUs of the products the file redefines first, so that two products
    // swapping a code do not collide halfway through.
    for row in rows {
        tx.prepare_cached("UPDATE products SET plu = NULL WHERE code = ?1")?
            .execute([&row.product.code])?;
        tx.prepare_cached(
            "DELETE FROM barcodes WHERE product_id = (SELECT id FROM products WHERE code = ?1)",
        )?
        .execute([&row.product.code])?;
    }
    let mut report = ImportReport::default();
    let mut written: HashSet<&str> = HashSet::new();
    for producer in rows.iter().filter_map(|r| r.producer.as_ref()) {
        if written.insert(&producer.code) {
            catalog::upsert_producer(&tx, producer)?;
            report.producers += 1;
        }
    }
    for row in rows {
        let exists = tx
            .prepare_cached("SELECT 1 FROM products WHERE code = ?1")?
            .exists([&row.product.code])?;
        catalog::upsert_product(&tx, &row.product)?;
        if exists {
            report.updated += 1;
        } else {
            report.added += 1;
        }
    }
    let detail = format!(
        "{} added, {} updated, {} skipped, {} producers",
        report.added, report.updated, skipped_rows, report.producers
    );
    audit::record(
        &tx,
        &audit::Entry {
            at: now,
            user,
            approved_by: None,
            action: AuditAction::CatalogueImport,
            subject: "catalogue",
            detail: &detail,
        },
    )?;
    tx.commit()?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_follow_the_header() {
        assert_eq!(Col::Code.name(), "code");
        assert_eq!(Col::Price.name(), "price_vnd");
        assert_eq!(Col::ProducerTaxCode.name(), "producer_tax_code");
        assert_eq!(Col::Active.name(), "active");
    }

    #[test]
    fn row_errors_read_as_sentences() {
        let cell = RowError {
            line: 7,
            column: "price_vnd".into(),
            reason: RowProblem::BadPrice { separators: false },
        };
        assert_eq!(
            cell.to_string(),
            "dòng 7, cột price_vnd: giá phải là số nguyên đồng không âm"
        );
        let whole = RowError {
            column: String::new(),
            ..cell
        };
        assert_eq!(
            whole.to_string(),
            "dòng 7: giá phải là số nguyên đồng không âm"
        );
    }

    #[test]
    fn decode_names_the_first_foreign_line() {
        assert_eq!(decode(b"\xEF\xBB\xBFcode\nA\n").ok(), Some("code\nA\n"));
        assert!(matches!(
            decode(b"code\nA\nB\xE9\n"),
            Err(Error::NotUtf8 { line: 3 })
        ));
        assert!(matches!(
            decode(b"\xFE\xFF\x00c"),
            Err(Error::NotUtf8 { line: 1 })
        ));
        assert!(matches!(
            decode(b"code\nc\x00o\n"),
            Err(Error::NotUtf8 { line: 2 })
        ));
    }

    #[test]
    fn header_columns_are_matched_by_name() {
        let header = csv::StringRecord::from(vec!["VAT_BP", "price_vnd", "unit", "name", "code"]);
        let index = header_index(&header).unwrap();
        assert_eq!(index[Col::Code as usize], Some(4));
        assert_eq!(index[Col::VatBp as usize], Some(0));
        assert_eq!(index[Col::Barcodes as usize], None);
        let twice = csv::StringRecord::from(vec!["code", "code"]);
        assert!(matches!(header_index(&twice), Err(Error::DuplicateColumn(c)) if c == "code"));
    }
}
