//! Sending: a draft transfer out, posted by drawing unexpired lots first-expiry-first-out.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use super::{
    OutLine, TransferError, TransferFile, code_of, export, line_error, our_point, refuse,
    valid_point_code,
};
use crate::domain::auth::{AuditAction, UserId};
use crate::domain::lot::{self, LotStock};
use crate::domain::money::Vnd;
use crate::domain::qty::{MAX_LINE_QTY, Qty};
use crate::store::documents::{
    self, DocKind, DocumentError, Header, Line, LineProblem, NewDocument, Shortage,
};
use crate::store::{Error, audit, stock};

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
        if let (Some(product_id), Some(lot_id)) = (id, line.lot_id) {
            let belongs: bool = tx
                .prepare_cached("SELECT COUNT(*) FROM lots WHERE id = ?1 AND product_id = ?2")?
                .query_row(params![lot_id, product_id], |r| r.get(0))?;
            if !belongs {
                errors.push(line_error(
                    line.line,
                    LineProblem::LotNotProducts {
                        lot_id,
                        code: line.product_code.trim().to_owned(),
                    },
                ));
            }
        }
        match id {
            Some(id) => ids.push(id),
            None => errors.push(line_error(
                line.line,
                LineProblem::UnknownProduct(line.product_code.trim().to_owned()),
            )),
        }
        if line.qty.0 <= 0 || line.qty > MAX_LINE_QTY {
            errors.push(line_error(line.line, LineProblem::QtyOutOfRange(line.qty)));
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
                lot_id: line.lot_id,
                ..Line::new(product_id, Some(line.qty))
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
type Drawn = Result<Vec<(Option<i64>, Qty)>, Shortage>;

/// Where `qty` of a product sent on `today` comes from: the `picked` lot, else unexpired lots
/// first-expiry-first-out, or no lot for a product never kept in lots. Expired goods are not sent, and neither is more than the
/// records hold: the reason is returned instead.
fn draw(
    conn: &Connection,
    product_id: i64,
    qty: Qty,
    today: NaiveDate,
    picked: Option<i64>,
) -> Result<Drawn, Error> {
    let lots = lots_of(conn, product_id)?;
    if let Some(lot) = picked.and_then(|id| lots.iter().find(|l| l.id == id)) {
        // A chosen lot gives what its records hold, never expired goods.
        if lot.is_expired(today) {
            return Ok(Err(Shortage::LotExpired(lot.lot_no.clone())));
        }
        if lot.qty < qty {
            return Ok(Err(Shortage::Lot {
                lot_no: lot.lot_no.clone(),
                left: lot.qty,
                qty,
            }));
        }
        return Ok(Ok(vec![(Some(lot.id), qty)]));
    }
    if lots.is_empty() {
        let on_hand = stock::on_hand(conn, product_id)?;
        if on_hand < qty {
            return Ok(Err(Shortage::OnHand { left: on_hand, qty }));
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
        return Ok(Err(Shortage::Fresh {
            fresh: Qty(fresh),
            qty,
            expired: Qty(expired),
        }));
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
        let parts = match draw(tx, draft.product_id, qty, at.date_naive(), draft.lot_id)? {
            Ok(parts) => parts,
            Err(reason) => {
                let code: String = tx.query_row(
                    "SELECT code FROM products WHERE id = ?1",
                    [draft.product_id],
                    |r| r.get(0),
                )?;
                errors.push(line_error(
                    source(draft.line_no),
                    LineProblem::Short {
                        code,
                        short: reason,
                    },
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
