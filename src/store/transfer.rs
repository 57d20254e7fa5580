//! Transfers between points: a transfer-out document with a code, and the transfer-in that receives it.
//!
//! The sender posts a transfer out: its lines are drawn from lots first-expiry-first-out, each part
//! keeping its lot number, expiry, cost and owner so that the receiver can rebuild the lots, and it is
//! exported as a JSON file (`ocop.transfer` version 1). The receiving till imports that file, or types
//! the lines by hand with the code, and posts a transfer in; a code is received once only. Until the
//! receiver confirms, the sender sees the goods as in transit.

mod file;
mod lines_csv;
mod receive;

pub use file::{
    FileLine, FileLot, HandLine, SCHEMA, TransferFile, VERSION, by_hand, export, parse_file,
};
pub use lines_csv::parse_lines_csv;
pub use receive::{Received, receive};

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use serde::Serialize;

use super::documents::{self, DocKind, DocumentError, Header, Line, NewDocument};
use super::{Error, audit, settings, stock};
use crate::domain::auth::{AuditAction, UserId};
use crate::domain::lot::{self, LotStock};
use crate::domain::money::Vnd;
use crate::domain::qty::{MAX_LINE_QTY, Qty};

/// Why a transfer operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    /// The till has no point profile yet.
    #[error("chưa đặt mã điểm bán: hãy chạy `ocop-pos init` trước")]
    NoPoint,
    /// The other point's code is malformed.
    #[error(
        "mã điểm bán \"{0}\" không hợp lệ: 2–24 chữ in hoa, chữ số hoặc dấu '-' (ví dụ DN-HOIAN-02)"
    )]
    BadPoint(String),
    /// Sending to, or receiving from, this very point.
    #[error("không thể chuyển kho giữa điểm {0} và chính nó")]
    SamePoint(String),
    /// A transfer without lines.
    #[error("chưa có dòng hàng nào để chuyển")]
    NoLines,
    /// A transfer code that is not `POINT-XC-000001`.
    #[error(
        "mã chuyển kho \"{0}\" không hợp lệ (dạng MÃ-ĐIỂM-XC-000001, ví dụ DN-HOIAN-01-XC-000003)"
    )]
    BadCode(String),
    /// The file is not a transfer file.
    #[error("tệp chuyển kho không đọc được: {0}")]
    BadFile(String),
    /// A transfer file of another schema or a newer version.
    #[error(
        "tệp dạng \"{schema}\" phiên bản {version}: phần mềm này chỉ đọc \"ocop.transfer\" phiên bản 1"
    )]
    Unsupported {
        /// The file's schema name.
        schema: String,
        /// The file's version.
        version: u64,
    },
    /// The file was made for another point.
    #[error("tệp chuyển kho {code} gửi cho điểm {to}, không phải điểm này ({ours}): không nhận")]
    WrongPoint {
        /// The transfer code.
        code: String,
        /// The point it is for.
        to: String,
        /// This point.
        ours: String,
    },
    /// The code was received already.
    #[error("mã chuyển kho {code} đã được nhận ở phiếu {number}: không nhận lần thứ hai")]
    AlreadyReceived {
        /// The transfer code.
        code: String,
        /// Our transfer-in that has it.
        number: String,
    },
    /// No transfer out has this code.
    #[error("không có phiếu xuất chuyển kho mã \"{0}\"")]
    UnknownCode(String),
    /// Confirming delivery of a transfer not posted.
    #[error("phiếu xuất chuyển kho {0} chưa ghi sổ: chưa gửi đi")]
    NotSent(String),
    /// Confirming delivery twice.
    #[error("chuyển kho {code} đã được xác nhận giao lúc {at}")]
    AlreadyDelivered {
        /// The transfer code.
        code: String,
        /// When it was confirmed.
        at: String,
    },
}

/// A line to send: a product and a quantity; `line` is where it came from (a CSV line), for errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutLine {
    /// Line number in the source (1-based; a CSV's header is line 1).
    pub line: usize,
    /// Product code.
    pub product_code: String,
    /// Quantity, above zero.
    pub qty: Qty,
}

/// The transfer code of document `number` sent from `point`: `DN-HOIAN-01-XC-000003`.
pub fn code_of(point: &str, number: &str) -> String {
    format!("{point}-{number}")
}

/// Whether `code` is a point code: 2–24 upper-case letters, digits or '-'.
pub fn valid_point_code(code: &str) -> bool {
    (2..=24).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
}

/// This till's point profile, or the refusal a transfer gets without one.
fn our_point(conn: &Connection) -> Result<settings::PointProfile, Error> {
    settings::point(conn)?.ok_or_else(|| TransferError::NoPoint.into())
}

fn line_error(line: usize, reason: impl Into<String>) -> DocumentError {
    DocumentError::Line {
        line,
        reason: reason.into(),
    }
}

/// Refuses a set of line errors at once: nothing is written.
fn refuse(errors: Vec<DocumentError>) -> Result<(), Error> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(DocumentError::Lines(errors).into())
    }
}

/// Writes a draft transfer out to point `to` inside `tx`; returns it with its lines' source numbers.
fn create_in(
    tx: &Connection,
    to: &str,
    lines: &[OutLine],
    user: Option<UserId>,
    at: DateTime<FixedOffset>,
) -> Result<Header, Error> {
    let ours = our_point(tx)?;
    let to = to.trim().to_uppercase();
    if !valid_point_code(&to) {
        return Err(TransferError::BadPoint(to).into());
    }
    if to == ours.code {
        return Err(TransferError::SamePoint(to).into());
    }
    if lines.is_empty() {
        return Err(TransferError::NoLines.into());
    }
    let mut errors = Vec::new();
    let mut ids = Vec::with_capacity(lines.len());
    for line in lines {
        let id: Option<i64> = tx
            .prepare_cached("SELECT id FROM products WHERE code = ?1")?
            .query_row([line.product_code.trim()], |r| r.get(0))
            .optional()?;
        match id {
            Some(id) => ids.push(id),
            None => errors.push(line_error(
                line.line,
                format!("không có sản phẩm mã \"{}\"", line.product_code.trim()),
            )),
        }
        if line.qty.0 <= 0 || line.qty > MAX_LINE_QTY {
            errors.push(line_error(
                line.line,
                format!("số lượng {} phải lớn hơn 0 và không quá 100.000", line.qty),
            ));
        }
    }
    refuse(errors)?;
    let header = documents::create(
        tx,
        &NewDocument {
            kind: DocKind::TransferOut,
            producer_id: None,
            counterpart: &to,
            external_ref: "",
            scope: "",
            note: "",
            user,
            at,
        },
    )?;
    let code = code_of(&ours.code, &header.number);
    tx.execute(
        "UPDATE documents SET external_ref = ?2 WHERE id = ?1",
        params![header.id, code],
    )?;
    for (line, product_id) in lines.iter().zip(ids) {
        documents::add_line(
            tx,
            header.id,
            &Line {
                id: 0,
                line_no: 0,
                product_id,
                qty: Some(line.qty),
                unit_cost: Vnd::ZERO,
                lot_no: String::new(),
                expiry: None,
                lot_id: None,
                reason: String::new(),
                expected: None,
                counted_at: None,
            },
        )?;
    }
    documents::get(tx, header.id)?
        .ok_or_else(|| Error::Corrupt(format!("phiếu {} vừa tạo đã mất", header.number)))
}

/// Makes a draft transfer out to point `to` with `lines` (each product must exist, each quantity be
/// above zero; every bad line is reported and nothing is written). Its code is
/// `{our point}-{number}`, kept in `external_ref`.
pub fn create_out(
    conn: &mut Connection,
    to: &str,
    lines: &[OutLine],
    user: Option<UserId>,
    at: DateTime<FixedOffset>,
) -> Result<Header, Error> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let header = create_in(&tx, to, lines, user, at)?;
    tx.commit()?;
    Ok(header)
}

/// Every lot of a product, as the allocation sees it.
fn lots_of(conn: &Connection, product_id: i64) -> Result<Vec<LotStock>, Error> {
    let rows = conn
        .prepare_cached("SELECT id, lot_no, expiry, qty_milli FROM lots WHERE product_id = ?1")?
        .query_map([product_id], |r| {
            let expiry: Option<String> = r.get(2)?;
            Ok(LotStock {
                id: r.get(0)?,
                lot_no: r.get(1)?,
                expiry: expiry.and_then(|e| e.parse().ok()),
                qty: Qty(r.get(3)?),
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Lot parts to draw, or why the stock cannot cover a line.
type Drawn = Result<Vec<(Option<i64>, Qty)>, String>;

/// Where `qty` of a product sent on `today` comes from: unexpired lots first-expiry-first-out, or no
/// lot for a product never kept in lots. Expired goods are not sent, and neither is more than the
/// records hold: the reason is returned instead.
fn draw(conn: &Connection, product_id: i64, qty: Qty, today: NaiveDate) -> Result<Drawn, Error> {
    let lots = lots_of(conn, product_id)?;
    if lots.is_empty() {
        let on_hand = stock::on_hand(conn, product_id)?;
        if on_hand < qty {
            return Ok(Err(format!("chỉ còn {on_hand}, không đủ {qty} để chuyển")));
        }
        return Ok(Ok(vec![(None, qty)]));
    }
    let fresh: i64 = lots
        .iter()
        .filter(|l| !l.is_expired(today) && l.qty.0 > 0)
        .map(|l| l.qty.0)
        .sum();
    if fresh < qty.0 {
        let expired: i64 = lots
            .iter()
            .filter(|l| l.is_expired(today) && l.qty.0 > 0)
            .map(|l| l.qty.0)
            .sum();
        let mut reason = format!("chỉ còn {} còn hạn, không đủ {qty} để chuyển", Qty(fresh));
        if expired > 0 {
            reason.push_str(&format!(
                " ({} đã hết hạn không được chuyển đi)",
                Qty(expired)
            ));
        }
        return Ok(Err(reason));
    }
    let allocation = lot::allocate(&lots, qty, today, None, false)?;
    Ok(Ok(allocation
        .parts
        .into_iter()
        .map(|(id, q)| (Some(id), q))
        .collect()))
}

/// A lot's number, expiry and cost, as a transfer line records them.
fn lot_details(conn: &Connection, lot_id: i64) -> Result<(String, Option<NaiveDate>, Vnd), Error> {
    let (lot_no, expiry, cost): (String, Option<String>, i64) = conn
        .prepare_cached("SELECT lot_no, expiry, unit_cost_vnd FROM lots WHERE id = ?1")?
        .query_row([lot_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok((lot_no, expiry.and_then(|e| e.parse().ok()), Vnd(cost)))
}

/// Posts the draft `header` inside `tx`: each line is drawn from lots and replaced by one line per
/// lot with its number, expiry and cost, and `transfer_out` moves are written. `source` maps a
/// draft line number to the number the user knows it by.
fn post_in(
    tx: &Transaction<'_>,
    header: &Header,
    source: &dyn Fn(i64) -> usize,
    user: Option<UserId>,
    at: DateTime<FixedOffset>,
) -> Result<TransferFile, Error> {
    documents::require_draft(header, DocKind::TransferOut)?;
    let drafts = documents::lines(tx, header.id)?;
    if drafts.is_empty() {
        return Err(DocumentError::Empty(header.number.clone()).into());
    }
    tx.execute(
        "DELETE FROM document_lines WHERE document_id = ?1",
        [header.id],
    )?;
    let mut errors = Vec::new();
    for draft in &drafts {
        let qty = draft.qty.unwrap_or_default();
        let parts = match draw(tx, draft.product_id, qty, at.date_naive())? {
            Ok(parts) => parts,
            Err(reason) => {
                let code: String = tx.query_row(
                    "SELECT code FROM products WHERE id = ?1",
                    [draft.product_id],
                    |r| r.get(0),
                )?;
                errors.push(line_error(
                    source(draft.line_no),
                    format!("{code}: {reason}"),
                ));
                continue;
            }
        };
        for (lot_id, part) in parts {
            let (lot_no, expiry, unit_cost) = match lot_id {
                Some(id) => lot_details(tx, id)?,
                None => (String::new(), None, Vnd::ZERO),
            };
            documents::add_line(
                tx,
                header.id,
                &Line {
                    qty: Some(part),
                    unit_cost,
                    lot_no,
                    expiry,
                    lot_id,
                    ..draft.clone()
                },
            )?;
            stock::apply(
                tx,
                &stock::Move {
                    document_id: Some(header.id),
                    lot_id,
                    reference: &header.external_ref,
                    user,
                    ..stock::Move::new(
                        draft.product_id,
                        Qty(-part.0),
                        stock::MoveKind::TransferOut,
                        at,
                    )
                },
            )?;
        }
    }
    refuse(errors)?;
    documents::mark_posted(tx, header, None, at)?;
    audit::record(
        tx,
        &audit::Entry {
            at,
            user,
            approved_by: None,
            action: AuditAction::DocumentPosted,
            subject: &header.number,
            detail: &format!(
                "xuất chuyển kho {} cho điểm {}",
                header.external_ref, header.counterpart
            ),
        },
    )?;
    export(tx, &header.number)
}

/// Posts draft transfer out `number`: draws every line from unexpired lots first-expiry-first-out,
/// records the lots on its lines and writes `transfer_out` moves, all in one transaction (a line
/// the stock cannot cover refuses the whole document). Returns the file for the receiving point.
pub fn post_out(
    conn: &mut Connection,
    number: &str,
    user: Option<UserId>,
    at: DateTime<FixedOffset>,
) -> Result<TransferFile, Error> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let header = documents::by_number(&tx, number)?;
    let line_no = |n: i64| usize::try_from(n).unwrap_or(0);
    let file = post_in(&tx, &header, &line_no, user, at)?;
    tx.commit()?;
    Ok(file)
}

/// Makes and posts a transfer out in one transaction (errors name the caller's line numbers).
pub fn send(
    conn: &mut Connection,
    to: &str,
    lines: &[OutLine],
    user: Option<UserId>,
    at: DateTime<FixedOffset>,
) -> Result<TransferFile, Error> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let header = create_in(&tx, to, lines, user, at)?;
    let source = |n: i64| {
        usize::try_from(n - 1)
            .ok()
            .and_then(|i| lines.get(i))
            .map_or(0, |l| l.line)
    };
    let file = post_in(&tx, &header, &source, user, at)?;
    tx.commit()?;
    Ok(file)
}

/// A product's quantity on its way to another point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TransitLine {
    /// Product code.
    pub product_code: String,
    /// Name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Quantity sent.
    pub qty: Qty,
}

/// A posted transfer out not yet confirmed delivered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InTransit {
    /// Our document.
    pub number: String,
    /// The transfer code.
    pub code: String,
    /// The receiving point.
    pub to_point: String,
    /// When it was sent.
    pub posted_at: String,
    /// What is on its way, per product.
    pub lines: Vec<TransitLine>,
}

/// Transfers sent and not yet confirmed delivered, oldest first, with their quantities per product.
pub fn in_transit(conn: &Connection) -> Result<Vec<InTransit>, Error> {
    let heads: Vec<(i64, String, String, String, String)> = conn
        .prepare(
            "SELECT id, number, external_ref, counterpart, posted_at FROM documents
             WHERE kind = 'transfer_out' AND status = 'posted' AND delivered_at IS NULL
             ORDER BY id",
        )?
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut lines = conn.prepare(
        "SELECT p.code, p.name, p.unit, SUM(l.qty_milli) FROM document_lines l
         JOIN products p ON p.id = l.product_id WHERE l.document_id = ?1
         GROUP BY l.product_id ORDER BY MIN(l.line_no)",
    )?;
    heads
        .into_iter()
        .map(|(id, number, code, to_point, posted_at)| {
            let lines = lines
                .query_map([id], |r| {
                    Ok(TransitLine {
                        product_code: r.get(0)?,
                        name: r.get(1)?,
                        unit: r.get(2)?,
                        qty: Qty(r.get(3)?),
                    })
                })?
                .collect::<Result<_, _>>()?;
            Ok(InTransit {
                number,
                code,
                to_point,
                posted_at,
                lines,
            })
        })
        .collect()
}

/// The document number of the transfer out with this code (or number).
pub fn number_of(conn: &Connection, code: &str) -> Result<String, Error> {
    let code = code.trim();
    conn.query_row(
        "SELECT number FROM documents WHERE kind = 'transfer_out' AND (external_ref = ?1 OR number = ?1)",
        [code],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| TransferError::UnknownCode(code.to_owned()).into())
}

/// Confirms that the transfer out with this code (or document number) reached its point: it leaves
/// the in-transit list. Returns its header.
pub fn mark_delivered(
    conn: &Connection,
    code: &str,
    at: DateTime<FixedOffset>,
) -> Result<Header, Error> {
    let header = documents::by_number(conn, &number_of(conn, code)?)?;
    if header.status != "posted" {
        return Err(TransferError::NotSent(header.number).into());
    }
    if let Some(at) = header.delivered_at {
        return Err(TransferError::AlreadyDelivered {
            code: header.external_ref,
            at,
        }
        .into());
    }
    conn.execute(
        "UPDATE documents SET delivered_at = ?2 WHERE id = ?1 AND delivered_at IS NULL",
        params![header.id, at.to_rfc3339()],
    )?;
    documents::get(conn, header.id)?
        .ok_or_else(|| Error::Corrupt(format!("phiếu {} đã mất", header.number)))
}
