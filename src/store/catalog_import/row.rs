//! Checks one catalogue CSV row on its own and turns it into a product (and maybe its producer).

use unicode_normalization::UnicodeNormalization;

use super::field::{Bad, Fields, Problems, code, date, flag, integer, label, rate};
use super::{Col, RowError, RowProblem, What};
use crate::domain::barcode;
use crate::domain::catalog::{
    Certificate, OcopGroup, Producer, ProducerKind, Product, Stars, valid_tax_code,
};
use crate::domain::money::Vnd;
use crate::domain::vat::VatSchedule;

/// Highest price a row may carry, in đồng.
const MAX_PRICE: u64 = 1_000_000_000;
/// Highest scale item number.
const MAX_PLU: u64 = 999_999;

/// A row that passed every check of its own.
#[derive(Debug, Clone)]
pub(super) struct Parsed {
    /// Its line in the file.
    pub line: u64,
    /// The product it describes.
    pub product: Product,
    /// The producer it describes, when it fills the producer columns beyond `producer_code`.
    pub producer: Option<Producer>,
}

/// Checks a row; every problem found is reported, not just the first.
pub(super) fn parse(fields: &Fields<'_>) -> Result<Parsed, Vec<RowError>> {
    let mut p = Problems {
        line: fields.line,
        list: Vec::new(),
    };
    let code = code(&mut p, fields, Col::Code, What::ProductCode);
    let name = label(&mut p, fields, Col::Name, What::ProductName, 200);
    let unit = label(&mut p, fields, Col::Unit, What::Unit, 20);
    let price = match integer(fields.get(Col::Price), MAX_PRICE) {
        Ok(Some(n)) => i64::try_from(n).ok().map(Vnd),
        Ok(None) | Err(Bad::NotInteger) => {
            let separators = fields.get(Col::Price).contains(['.', ',']);
            p.push(Col::Price, RowProblem::BadPrice { separators });
            None
        }
        Err(Bad::TooLarge) => {
            p.push(Col::Price, RowProblem::PriceTooLarge(MAX_PRICE));
            None
        }
    };
    let vat = vat(&mut p, fields);
    let group = optional_number(&mut p, fields, Col::Group, 6, OcopGroup::new);
    let stars = optional_number(&mut p, fields, Col::Stars, 5, Stars::new);
    let certificate = certificate(&mut p, fields);
    let (producer_code, producer) = producer(&mut p, fields);
    let barcodes = barcodes(&mut p, fields);
    let plu = match integer(fields.get(Col::Plu), MAX_PLU) {
        Ok(None) => None,
        Ok(Some(0)) | Err(_) => {
            p.push(Col::Plu, RowProblem::BadPlu(MAX_PLU));
            None
        }
        Ok(Some(n)) => u32::try_from(n).ok(),
    };
    let sold_by_weight = flag(&mut p, fields, Col::SoldByWeight, false);
    let active = flag(&mut p, fields, Col::Active, true);
    if !p.list.is_empty() {
        return Err(p.list);
    }
    match (code, name, unit, price, vat) {
        (Some(code), Some(name), Some(unit), Some(price), Some(vat)) => Ok(Parsed {
            line: fields.line,
            product: Product {
                code,
                name,
                unit,
                price,
                vat,
                group,
                stars,
                certificate,
                producer_code,
                barcodes,
                plu,
                sold_by_weight,
                active,
            },
            producer,
        }),
        // Every None above pushed a problem; this arm is unreachable but costs nothing.
        _ => Err(p.list),
    }
}

fn optional_number<T>(
    p: &mut Problems,
    f: &Fields<'_>,
    col: Col,
    max: u64,
    make: impl Fn(u8) -> Option<T>,
) -> Option<T> {
    let text = f.get(col);
    let value = match integer(text, max) {
        Ok(None) => return None,
        Ok(Some(n)) => u8::try_from(n).ok().and_then(make),
        Err(_) => None,
    };
    if value.is_none() {
        let what = if col == Col::Stars {
            What::Stars
        } else {
            What::Group
        };
        p.push(
            col,
            RowProblem::OutOfRange {
                what,
                text: text.to_owned(),
            },
        );
    }
    value
}

fn vat(p: &mut Problems, f: &Fields<'_>) -> Option<VatSchedule> {
    let rate_now = rate(p, f, Col::VatBp);
    match (
        f.get(Col::VatUntil).is_empty(),
        f.get(Col::VatAfterBp).is_empty(),
    ) {
        (true, true) => rate_now.map(VatSchedule::single),
        (false, false) => {
            let until = date(p, f, Col::VatUntil);
            let after = rate(p, f, Col::VatAfterBp);
            Some(VatSchedule::until_then(rate_now?, until?, after?))
        }
        (false, true) => {
            p.push(Col::VatAfterBp, RowProblem::VatAfterMissing);
            None
        }
        (true, false) => {
            p.push(Col::VatUntil, RowProblem::VatUntilMissing);
            None
        }
    }
}

/// The certificate; a decision number needs its date (the validity runs from it).
fn certificate(p: &mut Problems, f: &Fields<'_>) -> Option<Certificate> {
    if f.get(Col::CertDate).is_empty() {
        if !f.get(Col::CertNo).is_empty() {
            p.push(Col::CertDate, RowProblem::CertDateMissing);
        }
        return None;
    }
    let number: String = f.get(Col::CertNo).nfc().collect();
    if number.chars().count() > 100 || number.chars().any(char::is_control) {
        p.push(Col::CertNo, RowProblem::BadCertNo);
    }
    let date = date(p, f, Col::CertDate)?;
    Some(Certificate { number, date })
}

/// The producer code and, when the row fills the producer's other columns, the producer itself.
/// A row with only `producer_code` refers to a producer defined on another row or already stored.
fn producer(p: &mut Problems, f: &Fields<'_>) -> (Option<String>, Option<Producer>) {
    let details = [
        Col::ProducerName,
        Col::ProducerKind,
        Col::ProducerCommune,
        Col::ProducerTaxCode,
    ];
    let has_details = details.iter().any(|c| !f.get(*c).is_empty());
    if f.get(Col::ProducerCode).is_empty() {
        if has_details {
            p.push(Col::ProducerCode, RowProblem::ProducerCodeMissing);
        }
        return (None, None);
    }
    let code = code(p, f, Col::ProducerCode, What::ProducerCode);
    if !has_details {
        return (code, None);
    }
    let name = label(p, f, Col::ProducerName, What::ProducerName, 200);
    let kind_text = f.get(Col::ProducerKind);
    let kind = ProducerKind::parse(kind_text);
    if kind.is_none() {
        let all: Vec<&str> = ProducerKind::ALL.iter().map(|k| k.as_str()).collect();
        p.push(
            Col::ProducerKind,
            RowProblem::BadKind {
                text: kind_text.to_owned(),
                valid: all.join(", "),
            },
        );
    }
    let commune = f.get(Col::ProducerCommune);
    if !(commune.is_empty() || commune.len() == 5 && commune.bytes().all(|b| b.is_ascii_digit())) {
        p.push(
            Col::ProducerCommune,
            RowProblem::BadCommune(commune.to_owned()),
        );
    }
    let tax = f.get(Col::ProducerTaxCode);
    if !(tax.is_empty() || valid_tax_code(tax)) {
        p.push(Col::ProducerTaxCode, RowProblem::BadTaxCode(tax.to_owned()));
    }
    let producer = match (&code, name, kind) {
        (Some(code), Some(name), Some(kind)) => Some(Producer {
            code: code.clone(),
            name,
            kind,
            commune_code: commune.to_owned(),
            tax_code: tax.to_owned(),
        }),
        _ => None,
    };
    (code, producer)
}

fn barcodes(p: &mut Problems, f: &Fields<'_>) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for code in f.get(Col::Barcodes).split_whitespace() {
        if let Err(e) = barcode::validate(code) {
            p.push(Col::Barcodes, RowProblem::Barcode(e));
        } else if codes.iter().any(|c| c == code) {
            p.push(Col::Barcodes, RowProblem::BarcodeRepeated(code.to_owned()));
        } else {
            codes.push(code.to_owned());
        }
    }
    codes.sort();
    codes
}
