//! The receiving point posts a transfer in from a transfer file (or lines typed by hand): lots are
//! rebuilt with their number, expiry, cost and owner, and `transfer_in` moves are written.

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;

use super::file::sender_of;
use super::{SCHEMA, TransferError, TransferFile, VERSION, line_error, our_point, refuse};
use crate::domain::auth::{AuditAction, UserId};
use crate::domain::lot::Owner;
use crate::domain::money::Vnd;
use crate::domain::qty::{MAX_LINE_QTY, Qty};
use crate::store::documents::{self, DocKind, Header, Line, LineProblem, NewDocument};
use crate::store::lots::{self, NewLot};
use crate::store::{Error, audit, stock};

/// A transfer received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Received {
    /// Our transfer-in document (posted).
    pub header: Header,
    /// Lines posted.
    pub lines: usize,
    /// Lots created.
    pub lots: usize,
}

/// A line checked against our catalogue, ready to write.
struct Checked {
    product_id: i64,
    qty: Qty,
    lot: Option<(NewLotOwned, Vnd)>,
}

struct NewLotOwned {
    lot_no: String,
    expiry: Option<chrono::NaiveDate>,
    owner: Owner,
    producer_id: Option<i64>,
}

fn id_of(conn: &Connection, sql: &str, code: &str) -> Result<Option<i64>, Error> {
    Ok(conn
        .prepare_cached(sql)?
        .query_row([code], |r| r.get(0))
        .optional()?)
}

/// Posts a transfer in from `file`: it must be for this point, its code not received before, every
/// product (and the producer of consigned goods) known here; every bad line is reported with its
/// number and nothing is written. Lots are created as the sender had them (consigned goods stay
/// consigned to the same producer), all in one transaction, audited.
pub fn receive(
    conn: &mut Connection,
    file: &TransferFile,
    user: Option<UserId>,
    at: DateTime<FixedOffset>,
) -> Result<Received, Error> {
    if file.schema != SCHEMA || file.version != VERSION {
        return Err(TransferError::Unsupported {
            schema: file.schema.clone(),
            version: file.version,
        }
        .into());
    }
    let code = file.code.trim();
    if sender_of(code) != Some(file.from_point.as_str()) {
        return Err(TransferError::BadCode(code.to_owned()).into());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let ours = our_point(&tx)?;
    if file.to_point != ours.code {
        return Err(TransferError::WrongPoint {
            code: code.to_owned(),
            to: file.to_point.clone(),
            ours: ours.code,
        }
        .into());
    }
    if file.from_point == ours.code {
        return Err(TransferError::SamePoint(ours.code).into());
    }
    let earlier: Option<String> = tx
        .query_row(
            "SELECT number FROM documents WHERE kind = 'transfer_in' AND status = 'posted'
             AND external_ref = ?1",
            [code],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(number) = earlier {
        return Err(TransferError::AlreadyReceived {
            code: code.to_owned(),
            number,
        }
        .into());
    }
    if file.lines.is_empty() {
        return Err(TransferError::NoLines.into());
    }
    let mut errors = Vec::new();
    let mut checked = Vec::with_capacity(file.lines.len());
    for line in &file.lines {
        let n = usize::try_from(line.line_no).unwrap_or(0);
        let product = id_of(
            &tx,
            "SELECT id FROM products WHERE code = ?1",
            line.product_code.trim(),
        )?;
        if product.is_none() {
            errors.push(line_error(
                n,
                LineProblem::UnknownProductHere(line.product_code.clone()),
            ));
        }
        let qty = Qty(line.qty_milli);
        if qty.0 <= 0 || qty > MAX_LINE_QTY {
            errors.push(line_error(n, LineProblem::QtyOutOfRange(qty)));
        }
        let mut lot = None;
        if let Some(l) = &line.lot {
            let cost = Vnd(l.unit_cost_vnd);
            if cost.is_negative() || !cost.is_within_limit() {
                errors.push(line_error(n, LineProblem::BadCost(cost)));
            }
            let producer_id = match l.producer_code.as_deref().map(str::trim) {
                Some(code) if !code.is_empty() => {
                    let id = id_of(&tx, "SELECT id FROM producers WHERE code = ?1", code)?;
                    if id.is_none() && l.owner == Owner::Consigned {
                        errors.push(line_error(
                            n,
                            LineProblem::ConsignedUnknownProducer(code.to_owned()),
                        ));
                    }
                    id
                }
                _ => {
                    if l.owner == Owner::Consigned {
                        errors.push(line_error(n, LineProblem::ConsignedNoProducer));
                    }
                    None
                }
            };
            lot = Some((
                NewLotOwned {
                    lot_no: l.lot_no.trim().to_owned(),
                    expiry: l.expiry,
                    owner: l.owner,
                    producer_id,
                },
                cost,
            ));
        }
        if let Some(product_id) = product {
            checked.push(Checked {
                product_id,
                qty,
                lot,
            });
        }
    }
    refuse(errors)?;
    let header = documents::create(
        &tx,
        &NewDocument {
            kind: DocKind::TransferIn,
            producer_id: None,
            counterpart: &file.from_point,
            external_ref: code,
            scope: "",
            note: format!(
                "phiếu {} của {} {}",
                file.number, file.from_point, file.from_name
            )
            .trim(),
            user,
            at,
        },
    )?;
    let mut lots_made = 0;
    for line in &checked {
        let (lot_id, lot_no, expiry, unit_cost) = match &line.lot {
            Some((l, cost)) => {
                let id = lots::create(
                    &tx,
                    &NewLot {
                        product_id: line.product_id,
                        lot_no: &l.lot_no,
                        expiry: l.expiry,
                        owner: l.owner,
                        producer_id: l.producer_id,
                        unit_cost: *cost,
                        document_id: Some(header.id),
                        at,
                    },
                )?;
                lots_made += 1;
                (Some(id), l.lot_no.clone(), l.expiry, *cost)
            }
            None => (None, String::new(), None, Vnd::ZERO),
        };
        documents::add_line(
            &tx,
            header.id,
            &Line {
                unit_cost,
                lot_no,
                expiry,
                lot_id,
                ..Line::new(line.product_id, Some(line.qty))
            },
        )?;
        stock::apply(
            &tx,
            &stock::Move {
                document_id: Some(header.id),
                lot_id,
                reference: code,
                user,
                ..stock::Move::new(line.product_id, line.qty, stock::MoveKind::TransferIn, at)
            },
        )?;
    }
    documents::mark_posted(&tx, &header, None, at)?;
    audit::record(
        &tx,
        &audit::Entry {
            at,
            user,
            approved_by: None,
            action: AuditAction::DocumentPosted,
            subject: &header.number,
            detail: &format!("nhận chuyển kho {code} từ điểm {}", file.from_point),
        },
    )?;
    let header = documents::get(&tx, header.id)?
        .ok_or_else(|| Error::Corrupt(format!("phiếu {} vừa tạo đã mất", header.number)))?;
    tx.commit()?;
    Ok(Received {
        header,
        lines: checked.len(),
        lots: lots_made,
    })
}
