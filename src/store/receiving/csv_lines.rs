//! Reading a delivery's lines from a CSV file (UTF-8, as Excel's "CSV UTF-8" saves it):
//! `product,qty,unit_cost,lot_no,expiry`, the last two optional.

use chrono::NaiveDate;

use super::Incoming;
use crate::domain::money::Vnd;
use crate::domain::qty::Qty;
use crate::store::Error;
use crate::store::catalog_import::decode;
use crate::store::documents::{DocumentError, LineProblem};

/// The columns a delivery file may have; the first three are required.
pub const COLUMNS: [&str; 5] = ["product", "qty", "unit_cost", "lot_no", "expiry"];

/// Files larger than this are refused before parsing.
const MAX_BYTES: usize = 4 * 1024 * 1024;

/// A date typed as 2027-06-30 or 30/06/2027.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .ok()
}

/// The text of a file small enough to read, without its byte-order mark.
fn text_of(bytes: &[u8]) -> Result<&str, Error> {
    if bytes.len() > MAX_BYTES {
        return Err(Error::FileTooLarge {
            bytes: bytes.len(),
            max: MAX_BYTES,
        });
    }
    decode(bytes)
}

/// The lines of a delivery file, numbered by their line in the file; every bad cell is reported.
pub fn parse_csv(bytes: &[u8]) -> Result<Vec<Incoming>, Error> {
    let text = text_of(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header = reader.headers()?.clone();
    let mut index = [None; 5];
    for (at, name) in header.iter().enumerate() {
        let wanted = name.to_ascii_lowercase();
        let col = COLUMNS
            .iter()
            .position(|c| *c == wanted)
            .ok_or_else(|| DocumentError::Line {
                line: 1,
                reason: LineProblem::UnknownColumn {
                    name: name.to_owned(),
                    valid: COLUMNS.join(","),
                },
            })?;
        if index[col].replace(at).is_some() {
            return Err(DocumentError::Line {
                line: 1,
                reason: LineProblem::DuplicateColumn(name.to_owned()),
            }
            .into());
        }
    }
    if let Some(missing) = (0..3).find(|&c| index[c].is_none()) {
        return Err(DocumentError::Line {
            line: 1,
            reason: LineProblem::MissingColumn(COLUMNS[missing]),
        }
        .into());
    }
    let mut lines = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = record?;
        let line = usize::try_from(record.position().map_or(0, |p| p.line())).unwrap_or(0);
        let cell = |col: usize| index[col].and_then(|at| record.get(at)).unwrap_or("");
        if record.iter().all(str::is_empty) {
            continue;
        }
        let mut bad = |reason: LineProblem| problems.push(DocumentError::Line { line, reason });
        let qty = match cell(1).parse::<Qty>() {
            Ok(q) if q.0 > 0 => Some(q),
            Ok(q) => {
                bad(LineProblem::QtyNotPositive(q));
                None
            }
            Err(e) => {
                bad(LineProblem::QtyText(e));
                None
            }
        };
        let unit_cost = cell(2)
            .parse::<Vnd>()
            .map_err(|error| {
                bad(LineProblem::CostText {
                    text: cell(2).to_owned(),
                    error,
                })
            })
            .ok();
        let expiry = match cell(4) {
            "" => Some(None),
            text => match parse_date(text) {
                Some(d) => Some(Some(d)),
                None => {
                    bad(LineProblem::BadDate(text.to_owned()));
                    None
                }
            },
        };
        if cell(0).is_empty() {
            bad(LineProblem::MissingProduct);
            continue;
        }
        if let (Some(qty), Some(unit_cost), Some(expiry)) = (qty, unit_cost, expiry) {
            lines.push(Incoming {
                line,
                product: cell(0).to_owned(),
                qty,
                unit_cost,
                lot_no: cell(3).to_owned(),
                expiry,
            });
        }
    }
    match problems.len() {
        0 if lines.is_empty() => Err(DocumentError::Line {
            line: 2,
            reason: LineProblem::NoLines,
        }
        .into()),
        0 => Ok(lines),
        1 => Err(problems.remove(0).into()),
        _ => Err(DocumentError::Lines(problems).into()),
    }
}

/// The lines of a return file (`product,qty`): (product code or barcode, quantity).
pub fn parse_return_csv(bytes: &[u8]) -> Result<Vec<(String, Qty)>, Error> {
    let text = text_of(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()?
        .iter()
        .map(str::to_ascii_lowercase)
        .collect();
    if header != ["product", "qty"] {
        return Err(DocumentError::Line {
            line: 1,
            reason: LineProblem::ReturnHeader,
        }
        .into());
    }
    let mut lines = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = record?;
        let line = usize::try_from(record.position().map_or(0, |p| p.line())).unwrap_or(0);
        let (product, qty) = (record.get(0).unwrap_or(""), record.get(1).unwrap_or(""));
        match qty.parse::<Qty>() {
            Ok(q) if q.0 > 0 && !product.is_empty() => lines.push((product.to_owned(), q)),
            Ok(_) => problems.push(DocumentError::Line {
                line,
                reason: LineProblem::ReturnLine {
                    product: product.to_owned(),
                    qty: qty.to_owned(),
                },
            }),
            Err(e) => problems.push(DocumentError::Line {
                line,
                reason: LineProblem::QtyText(e),
            }),
        }
    }
    match problems.len() {
        0 => Ok(lines),
        1 => Err(problems.remove(0).into()),
        _ => Err(DocumentError::Lines(problems).into()),
    }
}
