//! The transfer file a sending point exports and the receiving point imports (`ocop.transfer` v1),
//! and the same thing typed by hand from a paper delivery note.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::{TransferError, valid_point_code};
use crate::domain::lot::Owner;
use crate::store::documents::{self, DocKind, DocumentError};
use crate::store::{Error, settings};

/// The schema name a transfer file carries.
pub const SCHEMA: &str = "ocop.transfer";
/// The version of the schema this till writes and reads.
pub const VERSION: u64 = 1;

/// The lot a line's goods came from at the sending point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileLot {
    /// The producer's lot number ("" if none).
    pub lot_no: String,
    /// Last day the goods may be sold.
    pub expiry: Option<NaiveDate>,
    /// Bought, or still the producer's (consigned).
    pub owner: Owner,
    /// The producer who delivered (required for consigned goods).
    pub producer_code: Option<String>,
    /// Cost per unit (bought) or the price agreed with the producer (consigned).
    pub unit_cost_vnd: i64,
}

/// One line of a transfer: a quantity of a product from one lot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileLine {
    /// Position, from 1 (named in errors).
    pub line_no: u32,
    /// Product code, the same at every point of the province.
    pub product_code: String,
    /// Product name (for people reading the file).
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Quantity in thousandths of the unit.
    pub qty_milli: i64,
    /// The lot, or `None` for goods the sender does not keep in lots.
    pub lot: Option<FileLot>,
}

/// A transfer as it travels between points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferFile {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// Always [`VERSION`] for files this till writes.
    pub version: u64,
    /// The transfer code, e.g. `DN-HOIAN-01-XC-000003`.
    pub code: String,
    /// The sending point's code.
    pub from_point: String,
    /// The sending point's name.
    pub from_name: String,
    /// The receiving point's code.
    pub to_point: String,
    /// The sender's document number.
    pub number: String,
    /// When the sender posted it (RFC 3339).
    pub sent_at: String,
    /// The goods.
    pub lines: Vec<FileLine>,
}

/// Reads a transfer file: JSON of schema [`SCHEMA`] and version [`VERSION`].
pub fn parse_file(bytes: &[u8]) -> Result<TransferFile, Error> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| TransferError::BadFile(e.to_string()))?;
    let schema = value
        .get("schema")
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default();
    let version = value
        .get("version")
        .and_then(serde_json::Value::as_u64)
        .unwrap_or(0);
    if schema != SCHEMA || version != VERSION {
        return Err(TransferError::Unsupported {
            schema: schema.to_owned(),
            version,
        }
        .into());
    }
    Ok(serde_json::from_value(value).map_err(|e| TransferError::BadFile(e.to_string()))?)
}

/// The file of posted transfer out `number`, as sent (it can be exported again at any time).
pub fn export(conn: &Connection, number: &str) -> Result<TransferFile, Error> {
    let header = documents::by_number(conn, number)?;
    if header.kind != DocKind::TransferOut {
        return Err(DocumentError::WrongKind {
            number: header.number,
            found: header.kind.label_vi(),
            expected: DocKind::TransferOut.label_vi(),
        }
        .into());
    }
    let Some(sent_at) = header.posted_at else {
        return Err(TransferError::NotSent(header.number).into());
    };
    let point = settings::point(conn)?.ok_or(TransferError::NoPoint)?;
    let lines = conn
        .prepare(
            "SELECT l.line_no, p.code, p.name, p.unit, l.qty_milli, l.lot_id, l.lot_no, l.expiry,
                    lo.owner, pr.code, l.unit_cost_vnd
             FROM document_lines l JOIN products p ON p.id = l.product_id
             LEFT JOIN lots lo ON lo.id = l.lot_id
             LEFT JOIN producers pr ON pr.id = lo.producer_id
             WHERE l.document_id = ?1 ORDER BY l.line_no",
        )?
        .query_map([header.id], |r| {
            let lot_id: Option<i64> = r.get(5)?;
            let expiry: Option<String> = r.get(7)?;
            let owner: Option<String> = r.get(8)?;
            let lot = match lot_id {
                Some(_) => Some(FileLot {
                    lot_no: r.get(6)?,
                    expiry: expiry.and_then(|e| e.parse().ok()),
                    owner: owner
                        .as_deref()
                        .and_then(Owner::parse)
                        .unwrap_or(Owner::Owned),
                    producer_code: r.get(9)?,
                    unit_cost_vnd: r.get(10)?,
                }),
                None => None,
            };
            Ok(FileLine {
                line_no: r.get(0)?,
                product_code: r.get(1)?,
                name: r.get(2)?,
                unit: r.get(3)?,
                qty_milli: r.get::<_, Option<i64>>(4)?.unwrap_or(0),
                lot,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(TransferFile {
        schema: SCHEMA.to_owned(),
        version: VERSION,
        code: header.external_ref,
        from_point: point.code,
        from_name: point.name,
        to_point: header.counterpart,
        number: header.number,
        sent_at,
        lines,
    })
}

/// A line typed by hand from the sender's delivery note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandLine {
    /// Product code.
    pub product_code: String,
    /// Quantity in thousandths.
    pub qty_milli: i64,
    /// The lot as printed on the note, if any.
    pub lot: Option<FileLot>,
}

/// Splits a transfer code `POINT-XC-000001` into the sending point and its document number.
fn split_code(code: &str) -> Option<(&str, &str)> {
    let at = code.rfind("-XC-")?;
    let (point, number) = (&code[..at], &code[at + 1..]);
    let digits = &number[3..];
    (valid_point_code(point) && digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then_some((point, number))
}

/// The transfer a receiving point types by hand: the code from the delivery note and its lines.
/// The sending point and its document number are read from the code; the file is for this point.
pub fn by_hand(conn: &Connection, code: &str, lines: &[HandLine]) -> Result<TransferFile, Error> {
    let code = code.trim().to_uppercase();
    let (from, number) = split_code(&code).ok_or_else(|| TransferError::BadCode(code.clone()))?;
    let ours = settings::point(conn)?.ok_or(TransferError::NoPoint)?;
    let lines = lines
        .iter()
        .zip(1_u32..)
        .map(|(l, line_no)| FileLine {
            line_no,
            product_code: l.product_code.trim().to_owned(),
            name: String::new(),
            unit: String::new(),
            qty_milli: l.qty_milli,
            lot: l.lot.clone(),
        })
        .collect();
    Ok(TransferFile {
        schema: SCHEMA.to_owned(),
        version: VERSION,
        code: code.clone(),
        from_point: from.to_owned(),
        from_name: String::new(),
        to_point: ours.code,
        number: number.to_owned(),
        sent_at: String::new(),
        lines,
    })
}

/// The sending point of a well-formed transfer code.
pub(super) fn sender_of(code: &str) -> Option<&str> {
    split_code(code).map(|(point, _)| point)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_split_into_point_and_number() {
        assert_eq!(
            split_code("DN-HOIAN-01-XC-000003"),
            Some(("DN-HOIAN-01", "XC-000003"))
        );
        assert_eq!(split_code("DN-HOIAN-01-XC-3"), None);
        assert_eq!(split_code("dn-hoian-01-XC-000003"), None);
        assert_eq!(split_code("XC-000003"), None);
        assert_eq!(split_code("DN-HOIAN-01-NC-000003"), None);
    }

    #[test]
    fn files_of_another_schema_or_version_are_refused() {
        let refused = |json: &str| parse_file(json.as_bytes()).unwrap_err().to_string();
        assert!(refused("{").contains("không đọc được"));
        assert!(refused(r#"{"schema":"ocop.transfer","version":2}"#).contains("phiên bản 2"));
        assert!(refused(r#"{"schema":"ocop.daily-summary.v1"}"#).contains("ocop.daily-summary"));
        assert!(
            refused(r#"{"schema":"ocop.transfer","version":1,"code":"X"}"#)
                .contains("không đọc được")
        );
    }
}
