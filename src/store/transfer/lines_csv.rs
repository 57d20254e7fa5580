//! The lines of a transfer out as a CSV file: columns `product_code,qty` (any order, other columns
//! ignored), quantities typed as "2", "1,5" or "1.5". A file saved by a Vietnamese Excel, with ';'
//! between columns, is read too.

use super::{OutLine, TransferError, line_error, refuse};
use crate::domain::qty::Qty;
use crate::store::Error;
use crate::store::documents::{DocumentError, LineProblem};

/// Reads transfer lines from CSV bytes. Every bad line is reported (numbered as in the file, the
/// header being line 1) and none is returned unless all are good.
pub fn parse_lines_csv(bytes: &[u8]) -> Result<Vec<OutLine>, Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let delimiter = if first_line.contains(&b';') && !first_line.contains(&b',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(bytes);
    let header = reader.headers()?.clone();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let (Some(code_col), Some(qty_col)) = (column("product_code"), column("qty")) else {
        return Err(DocumentError::Line {
            line: 1,
            reason: LineProblem::TransferHeader,
        }
        .into());
    };
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e
                    .position()
                    .and_then(|p| usize::try_from(p.line()).ok())
                    .unwrap_or(0);
                errors.push(line_error(line, LineProblem::Unreadable(e.to_string())));
                continue;
            }
        };
        let line = record
            .position()
            .and_then(|p| usize::try_from(p.line()).ok())
            .unwrap_or(0);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let code = record.get(code_col).unwrap_or_default().trim();
        if code.is_empty() {
            errors.push(line_error(line, LineProblem::MissingProductCode));
        }
        let qty = match record.get(qty_col).unwrap_or_default().parse::<Qty>() {
            Ok(qty) if qty.0 > 0 => Some(qty),
            Ok(qty) => {
                errors.push(line_error(line, LineProblem::QtyNotPositive(qty)));
                None
            }
            Err(e) => {
                errors.push(line_error(line, LineProblem::QtyText(e)));
                None
            }
        };
        if let (Some(qty), false) = (qty, code.is_empty()) {
            lines.push(OutLine {
                line,
                product_code: code.to_owned(),
                qty,
                lot_id: None,
            });
        }
    }
    refuse(errors)?;
    if lines.is_empty() {
        return Err(TransferError::NoLines.into());
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_decimal_commas_and_excel_semicolons() {
        let lines = parse_lines_csv(b"product_code,qty\nQUE-01,2\nTOI-01,\"1,5\"\n").unwrap();
        assert_eq!(
            lines,
            vec![
                OutLine {
                    line: 2,
                    product_code: "QUE-01".into(),
                    qty: Qty(2000),
                    lot_id: None,
                },
                OutLine {
                    line: 3,
                    product_code: "TOI-01".into(),
                    qty: Qty(1500),
                    lot_id: None,
                },
            ]
        );
        let semi = parse_lines_csv("\u{feff}qty;product_code\n0,25;TOI-01\n\n".as_bytes()).unwrap();
        assert_eq!(semi[0].qty, Qty(250));
        assert_eq!(semi[0].product_code, "TOI-01");
    }

    #[test]
    fn every_bad_line_is_named() {
        let err = parse_lines_csv(b"product_code,qty\nA,0\n,1\nB,abc\nC,-1\nD,1\n").unwrap_err();
        let Error::Document(DocumentError::Lines(errors)) = err else {
            panic!("{err:?}");
        };
        let lines: Vec<usize> = errors
            .iter()
            .map(|e| match e {
                DocumentError::Line { line, .. } => *line,
                _ => 0,
            })
            .collect();
        assert_eq!(lines, vec![2, 3, 4, 5]);
        assert!(parse_lines_csv(b"code,qty\nA,1\n").is_err());
        assert!(matches!(
            parse_lines_csv(b"product_code,qty\n"),
            Err(Error::Transfer(TransferError::NoLines))
        ));
    }
}
