//! A catalogue file's refused rows in the window's language.

use super::Lang;
use super::domain_errors::barcode;
use crate::store::catalog_import::{RowError, RowProblem, What};

fn what_en(what: What) -> &'static str {
    match what {
        What::ProductCode => "product code",
        What::ProducerCode => "producer code",
        What::ProductName => "product name",
        What::Unit => "unit",
        What::ProducerName => "producer name",
        What::Group => "OCOP group",
        What::Stars => "star level",
    }
}

/// A refused row with its line and column.
pub fn catalog_row(err: &RowError, lang: Lang) -> String {
    if lang == Lang::Vi {
        return err.to_string();
    }
    let why = row_problem(&err.reason, lang);
    if err.column.is_empty() {
        format!("line {}: {why}", err.line)
    } else {
        format!("line {}, column {}: {why}", err.line, err.column)
    }
}

/// What is wrong with a catalogue row or cell.
pub fn row_problem(problem: &RowProblem, lang: Lang) -> String {
    if lang == Lang::Vi {
        return problem.to_string();
    }
    match problem {
        RowProblem::Missing(what) => format!("the {} is missing", what_en(*what)),
        RowProblem::NotUpper { what, upper } => {
            format!("the {} must be in capitals: \"{upper}\"", what_en(*what))
        }
        RowProblem::BadCode { what, text } => format!(
            "{} \"{text}\" may hold only 1–32 capital letters without accents, digits, '-', '_' or '.'",
            what_en(*what)
        ),
        RowProblem::TooLong { what, max } => {
            format!("the {} is longer than {max} characters", what_en(*what))
        }
        RowProblem::ControlChars(what) => format!(
            "the {} holds a line break or a control character",
            what_en(*what)
        ),
        RowProblem::BadPrice { separators } => format!(
            "the price must be a whole, non-negative number of dong{}",
            if *separators {
                ", written without dots or commas (e.g. 125000)"
            } else {
                ""
            }
        ),
        RowProblem::PriceTooLarge(max) => format!("the price is above {max} dong"),
        RowProblem::BadRate => {
            "the VAT rate must be whole basis points from 0 to 10000 (800 = 8%)".into()
        }
        RowProblem::BadDate(text) => {
            format!("date \"{text}\" must be written YYYY-MM-DD, e.g. 2026-12-31")
        }
        RowProblem::BadFlag(text) => format!("\"{text}\" must be 0 or 1 (or yes/no)"),
        RowProblem::OutOfRange { what, text } => format!(
            "{} \"{text}\" is not valid: {} or empty",
            what_en(*what),
            if *what == What::Stars {
                "3 to 5"
            } else {
                "1 to 6"
            }
        ),
        RowProblem::BadPlu(max) => {
            format!("the scale item number must be a whole number from 1 to {max}")
        }
        RowProblem::VatAfterMissing => {
            "vat_until needs vat_after_bp (the rate from the day after)".into()
        }
        RowProblem::VatUntilMissing => {
            "vat_after_bp needs vat_until (the last day of vat_bp)".into()
        }
        RowProblem::CertDateMissing => "an OCOP decision number needs its date".into(),
        RowProblem::BadCertNo => {
            "the decision number is too long or holds a control character".into()
        }
        RowProblem::ProducerCodeMissing => {
            "the producer code is missing for the producer_… columns".into()
        }
        RowProblem::BadKind { text, valid } => {
            format!("producer kind \"{text}\" is not valid; use {valid}")
        }
        RowProblem::BadCommune(text) => format!("commune code \"{text}\" must have 5 digits"),
        RowProblem::BadTaxCode(text) => format!(
            "tax code \"{text}\" must have 10, 12 or 13 digits (or the form 0123456789-001)"
        ),
        RowProblem::Barcode(e) => barcode(e, lang),
        RowProblem::BarcodeRepeated(code) => format!("barcode {code} is repeated on the row"),
        RowProblem::FieldCount { fields, columns } => format!(
            "the row has {fields} fields but the header has {columns} columns (a separator missing or extra)"
        ),
        RowProblem::DuplicateCode { code, first } => {
            format!("product code {code} is also on line {first}")
        }
        RowProblem::BarcodeTwice { code, first, line } => {
            format!("barcode {code} is on line {first} and line {line}")
        }
        RowProblem::BarcodeTaken { code, holder } => format!(
            "barcode {code} already belongs to product {holder} in the catalogue (the file does not declare that product again)"
        ),
        RowProblem::PluTwice { plu, first, line } => {
            format!("scale item number {plu} is on line {first} and line {line}")
        }
        RowProblem::PluTaken { plu, holder } => format!(
            "scale item number {plu} already belongs to product {holder} in the catalogue (the file does not declare that product again)"
        ),
        RowProblem::ProducerDiffers { code, first } => {
            format!("producer {code} was declared differently on line {first}")
        }
        RowProblem::UnknownProducer(code) => {
            format!("no producer {code}: fill producer_name and producer_kind on at least one row")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::barcode::Error as BarcodeError;
    use crate::gui::i18n::errors;
    use crate::store::Error;

    fn every_problem() -> Vec<RowProblem> {
        let text = || "x1".to_owned();
        let whats = [
            What::ProductCode,
            What::ProducerCode,
            What::ProductName,
            What::Unit,
            What::ProducerName,
            What::Group,
            What::Stars,
        ];
        let mut all: Vec<RowProblem> = whats
            .iter()
            .flat_map(|&what| {
                [
                    RowProblem::Missing(what),
                    RowProblem::NotUpper {
                        what,
                        upper: "X1".into(),
                    },
                    RowProblem::BadCode { what, text: text() },
                    RowProblem::TooLong { what, max: 20 },
                    RowProblem::ControlChars(what),
                    RowProblem::OutOfRange { what, text: text() },
                ]
            })
            .collect();
        all.extend([
            RowProblem::BadPrice { separators: true },
            RowProblem::BadPrice { separators: false },
            RowProblem::PriceTooLarge(1_000_000_000),
            RowProblem::BadRate,
            RowProblem::BadDate("31/12/2026".into()),
            RowProblem::BadFlag("maybe".into()),
            RowProblem::BadPlu(999_999),
            RowProblem::VatAfterMissing,
            RowProblem::VatUntilMissing,
            RowProblem::CertDateMissing,
            RowProblem::BadCertNo,
            RowProblem::ProducerCodeMissing,
            RowProblem::BadKind {
                text: "cong_ty".into(),
                valid: "htx, company".into(),
            },
            RowProblem::BadCommune("123".into()),
            RowProblem::BadTaxCode("12".into()),
            RowProblem::Barcode(BarcodeError::CheckDigit {
                code: "8930000000001".into(),
                expected: 7,
            }),
            RowProblem::BarcodeRepeated("8930000000001".into()),
            RowProblem::FieldCount {
                fields: 3,
                columns: 5,
            },
            RowProblem::DuplicateCode {
                code: "TEA".into(),
                first: 2,
            },
            RowProblem::BarcodeTwice {
                code: "893".into(),
                first: 2,
                line: 7,
            },
            RowProblem::BarcodeTaken {
                code: "893".into(),
                holder: "TEA".into(),
            },
            RowProblem::PluTwice {
                plu: 102,
                first: 2,
                line: 7,
            },
            RowProblem::PluTaken {
                plu: 102,
                holder: "TEA".into(),
            },
            RowProblem::ProducerDiffers {
                code: "HTX-A".into(),
                first: 2,
            },
            RowProblem::UnknownProducer("HTX-A".into()),
        ]);
        all
    }

    #[test]
    fn every_catalogue_row_problem_reads_in_english() {
        for reason in every_problem() {
            let row = RowError {
                line: 7,
                column: "price_vnd".into(),
                reason,
            };
            let en = catalog_row(&row, Lang::En);
            assert!(en.starts_with("line 7, column price_vnd: "), "{en}");
            let foreign: String = en
                .chars()
                .filter(|c| !c.is_ascii() && !matches!(c, '–' | '…'))
                .collect();
            assert!(foreign.is_empty(), "{en:?} has {foreign:?}");
            assert_eq!(catalog_row(&row, Lang::Vi), row.to_string());
        }
        let rejected = Error::ImportRejected(vec![RowError {
            line: 3,
            column: String::new(),
            reason: RowProblem::FieldCount {
                fields: 3,
                columns: 5,
            },
        }]);
        assert_eq!(
            errors::store(&rejected, Lang::En),
            "the catalogue file has 1 errors, nothing was written; first error: line 3: the row has 3 fields but the header has 5 columns (a separator missing or extra)"
        );
    }
}
