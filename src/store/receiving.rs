//! Receiving goods from a producer, bought or on consignment: a document whose posting creates one
//! lot per line and writes its stock moves in one transaction.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;

use super::documents::{self, DocKind, DocumentError, Header, LineProblem, NewDocument};
use super::{Error, lots, stock};
use crate::domain::auth::{AuditAction, UserId};
use crate::domain::lot::{Owner, needs_lot};
use crate::domain::money::Vnd;
use crate::domain::qty::{MAX_LINE_QTY, Qty};

mod csv_lines;
mod draft;
mod list;

pub use csv_lines::{COLUMNS, parse_csv, parse_date, parse_return_csv};
pub use draft::{Draft, DraftLine, open_draft, rewrite_draft};
pub use list::{DocRow, documents};

/// One line of a delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    /// Where it came from (the CSV line, or the position in a form), for messages.
    pub line: usize,
    /// Product code or barcode.
    pub product: String,
    /// Quantity received.
    pub qty: Qty,
    /// Cost per unit (bought) or the agreed consignment price.
    pub unit_cost: Vnd,
    /// The producer's lot number.
    pub lot_no: String,
    /// Last day the goods may be sold.
    pub expiry: Option<NaiveDate>,
}

/// A producer's delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// On consignment (the producer owns the goods until sold) rather than bought.
    pub consigned: bool,
    /// The producer's code.
    pub producer_code: String,
    /// The producer's delivery-note number ("" if none); a note is received only once.
    pub delivery_note: String,
    /// Free text.
    pub note: String,
    /// What came.
    pub lines: Vec<Incoming>,
}

/// A posted document, summed up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Posted {
    /// Its number.
    pub number: String,
    /// Lines posted.
    pub lines: usize,
    /// Quantity over all lines.
    pub qty: Qty,
    /// Cost (or consignment value) over all lines.
    pub value: Vnd,
}

/// Checks every line of `delivery` against the catalogue and returns the product ids, or every
/// problem found (by line) so a file can be fixed in one go.
fn check(
    conn: &Connection,
    delivery: &Delivery,
    producer_id: i64,
    today: NaiveDate,
) -> Result<Vec<i64>, Error> {
    if delivery.lines.is_empty() {
        return Err(DocumentError::Empty(delivery.delivery_note.clone()).into());
    }
    let mut ids = Vec::with_capacity(delivery.lines.len());
    let mut problems = Vec::new();
    for incoming in &delivery.lines {
        let problem = |reason: LineProblem| DocumentError::Line {
            line: incoming.line,
            reason,
        };
        let Some(goods) = documents::goods(conn, &incoming.product)? else {
            problems.push(problem(LineProblem::UnknownProduct(
                incoming.product.trim().to_owned(),
            )));
            continue;
        };
        let name = &goods.name;
        if incoming.qty.0 <= 0 || incoming.qty > MAX_LINE_QTY {
            problems.push(problem(LineProblem::BadQtyOf {
                qty: incoming.qty,
                name: name.clone(),
            }));
        } else if !goods.sold_by_weight && !incoming.qty.is_whole() {
            problems.push(problem(LineProblem::WholeOnly(name.clone())));
        }
        if incoming.unit_cost.0 < 0 || !incoming.unit_cost.is_within_limit() {
            problems.push(problem(LineProblem::BadCost(incoming.unit_cost)));
        }
        if goods.producer_id.is_some_and(|p| p != producer_id) {
            problems.push(problem(LineProblem::NotProducers {
                name: name.clone(),
                producer: delivery.producer_code.trim().to_owned(),
            }));
        }
        if needs_lot(goods.ocop_group) {
            if incoming.lot_no.trim().is_empty() {
                problems.push(problem(LineProblem::NeedsLotNo(name.clone())));
            }
            if incoming.expiry.is_none() {
                problems.push(problem(LineProblem::NeedsExpiry(name.clone())));
            }
        }
        if let Some(expiry) = incoming.expiry.filter(|e| *e < today) {
            problems.push(problem(LineProblem::Expired {
                lot_no: incoming.lot_no.trim().to_owned(),
                name: name.clone(),
                expiry,
            }));
        }
        if incoming.lot_no.chars().count() > 40 {
            problems.push(problem(LineProblem::LotNoTooLong));
        }
        ids.push(goods.id);
    }
    match problems.len() {
        0 => Ok(ids),
        1 => Err(problems.remove(0).into()),
        _ => Err(DocumentError::Lines(problems).into()),
    }
}

/// Refuses a delivery note already received from the producer (on another document than `except`).
fn refuse_repeat(
    conn: &Connection,
    delivery: &Delivery,
    producer_id: i64,
    except: Option<i64>,
) -> Result<(), Error> {
    let note = delivery.delivery_note.trim();
    if note.is_empty() {
        return Ok(());
    }
    let earlier: Option<String> = conn
        .query_row(
            "SELECT number FROM documents
             WHERE producer_id = ?1 AND kind IN ('receive', 'consign_in') AND external_ref = ?2
               AND status <> 'cancelled' AND id IS NOT ?3",
            params![producer_id, note, except],
            |r| r.get(0),
        )
        .optional()?;
    match earlier {
        Some(number) => Err(DocumentError::DuplicateDeliveryNote {
            producer: delivery.producer_code.trim().to_owned(),
            note: note.to_owned(),
            number,
        }
        .into()),
        None => Ok(()),
    }
}

/// Writes `delivery` as a draft inside the caller's transaction.
fn write_draft(
    conn: &Connection,
    delivery: &Delivery,
    user: UserId,
    at: DateTime<FixedOffset>,
) -> Result<Header, Error> {
    let producer_id = documents::producer_id(conn, &delivery.producer_code)?;
    let ids = check(conn, delivery, producer_id, at.date_naive())?;
    refuse_repeat(conn, delivery, producer_id, None)?;
    let kind = if delivery.consigned {
        DocKind::ConsignIn
    } else {
        DocKind::Receive
    };
    let header = documents::create(
        conn,
        &NewDocument {
            kind,
            producer_id: Some(producer_id),
            counterpart: "",
            external_ref: delivery.delivery_note.trim(),
            scope: "",
            note: &delivery.note,
            user: Some(user),
            at,
        },
    )?;
    write_lines(conn, header.id, delivery, ids)?;
    Ok(header)
}

/// Writes the lines of `delivery` (checked: `ids` are their products) onto a draft.
fn write_lines(
    conn: &Connection,
    document_id: i64,
    delivery: &Delivery,
    ids: Vec<i64>,
) -> Result<(), Error> {
    for (incoming, product_id) in delivery.lines.iter().zip(ids) {
        documents::add_line(
            conn,
            document_id,
            &documents::Line {
                unit_cost: incoming.unit_cost,
                lot_no: incoming.lot_no.trim().to_owned(),
                expiry: incoming.expiry,
                ..documents::Line::new(product_id, Some(incoming.qty))
            },
        )?;
    }
    Ok(())
}

/// Posts a draft receiving document inside the caller's transaction: a lot per line, the moves,
/// the document frozen, an audit row.
fn write_post(
    conn: &Connection,
    header: &Header,
    user: UserId,
    at: DateTime<FixedOffset>,
) -> Result<Posted, Error> {
    let (owner, move_kind) = match header.kind {
        DocKind::Receive => (Owner::Owned, stock::MoveKind::Receive),
        DocKind::ConsignIn => (Owner::Consigned, stock::MoveKind::ConsignIn),
        other => {
            return Err(DocumentError::WrongKind {
                number: header.number.clone(),
                found: other.label_vi(),
                expected: DocKind::Receive.label_vi(),
            }
            .into());
        }
    };
    if header.status != "draft" {
        return Err(DocumentError::NotDraft(header.number.clone()).into());
    }
    let lines = documents::lines(conn, header.id)?;
    if lines.is_empty() {
        return Err(DocumentError::Empty(header.number.clone()).into());
    }
    let mut total_qty = Qty(0);
    let mut value = Vnd::ZERO;
    for line in &lines {
        let qty = line.qty.unwrap_or(Qty(0));
        let lot_id = lots::create(
            conn,
            &lots::NewLot {
                product_id: line.product_id,
                lot_no: &line.lot_no,
                expiry: line.expiry,
                owner,
                producer_id: header.producer_id,
                unit_cost: line.unit_cost,
                document_id: Some(header.id),
                at,
            },
        )?;
        conn.execute(
            "UPDATE document_lines SET lot_id = ?2 WHERE id = ?1",
            params![line.id, lot_id],
        )?;
        stock::apply(
            conn,
            &stock::Move {
                document_id: Some(header.id),
                lot_id: Some(lot_id),
                reference: &header.number,
                user: Some(user),
                ..stock::Move::new(line.product_id, qty, move_kind, at)
            },
        )?;
        total_qty = total_qty.checked_add(qty)?;
        value = value.checked_add(qty.times(line.unit_cost)?)?;
    }
    let detail = format!("{} dòng, giá trị {value}", lines.len());
    let posting = documents::Posting {
        user,
        approved_by: None,
        action: AuditAction::DocumentPosted,
        detail: &detail,
        at,
    };
    documents::post_audited(conn, header, &posting)?;
    Ok(Posted {
        number: header.number.clone(),
        lines: lines.len(),
        qty: total_qty,
        value,
    })
}

/// Saves a delivery as a draft to be checked and posted later.
pub fn draft(
    conn: &mut Connection,
    delivery: &Delivery,
    user: UserId,
    at: DateTime<FixedOffset>,
) -> Result<Header, Error> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let header = write_draft(&tx, delivery, user, at)?;
    tx.commit()?;
    Ok(header)
}

/// Posts the draft with this number. A posted document is never posted again.
pub fn post(
    conn: &mut Connection,
    number: &str,
    user: UserId,
    at: DateTime<FixedOffset>,
) -> Result<Posted, Error> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let header = documents::by_number(&tx, number)?;
    let posted = write_post(&tx, &header, user, at)?;
    tx.commit()?;
    Ok(posted)
}

/// Receives a delivery and posts it at once, all in one transaction.
pub fn receive(
    conn: &mut Connection,
    delivery: &Delivery,
    user: UserId,
    at: DateTime<FixedOffset>,
) -> Result<Posted, Error> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let header = write_draft(&tx, delivery, user, at)?;
    let posted = write_post(&tx, &header, user, at)?;
    tx.commit()?;
    Ok(posted)
}
