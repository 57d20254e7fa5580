//! Stock adjustments by hand: damaged, lost, samples, corrections. Each is a posted document with
//! a reason, approved by a manager and written to the audit log.

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, TransactionBehavior};

use super::documents::{self, DocKind, DocumentError, LineProblem, NewDocument};
use super::receiving::Posted;
use super::{Error, lots, stock};
use crate::domain::auth::{Approval, AuditAction, UserId};
use crate::domain::money::Vnd;
use crate::domain::qty::{MAX_LINE_QTY, Qty};
use crate::domain::stock::AdjustReason;

/// One product to adjust.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Product code or barcode.
    pub product: String,
    /// Signed quantity: negative takes stock away.
    pub qty: Qty,
    /// The lot concerned, if known; otherwise first-expiry-first-out (or the newest lot for goods
    /// put back).
    pub lot_id: Option<i64>,
}

/// An adjustment to post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adjustment {
    /// Why.
    pub reason: AdjustReason,
    /// Free text (what happened).
    pub note: String,
    /// What changes.
    pub changes: Vec<Change>,
}

/// Posts an adjustment: one document, its moves, the manager's approval and an audit row, in one
/// transaction.
pub fn adjust(
    conn: &mut Connection,
    adjustment: &Adjustment,
    user: UserId,
    approval: Approval,
    at: DateTime<FixedOffset>,
) -> Result<Posted, Error> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if adjustment.changes.is_empty() {
        return Err(DocumentError::Empty(DocKind::Adjust.label_vi().to_owned()).into());
    }
    let reason = adjustment.reason;
    let mut checked = Vec::with_capacity(adjustment.changes.len());
    for (n, change) in adjustment.changes.iter().enumerate() {
        let line = n + 1;
        let refuse = |reason: LineProblem| -> Error { DocumentError::Line { line, reason }.into() };
        let goods = documents::goods(&tx, &change.product)?.ok_or_else(|| {
            refuse(LineProblem::UnknownProduct(
                change.product.trim().to_owned(),
            ))
        })?;
        if change.qty.0 == 0 || change.qty.0.abs() > MAX_LINE_QTY.0 {
            return Err(refuse(LineProblem::BadQty(change.qty)));
        }
        if !goods.sold_by_weight && !change.qty.is_whole() {
            return Err(refuse(LineProblem::AdjustWholeOnly(goods.name.clone())));
        }
        if reason.only_removes() && change.qty.0 > 0 {
            return Err(refuse(LineProblem::OnlyRemoves(reason)));
        }
        if let Some(lot_id) = change.lot_id {
            let belongs = lots::get(&tx, lot_id)?.is_some_and(|l| l.product_code == goods.code);
            if !belongs {
                return Err(refuse(LineProblem::LotOfOther {
                    lot_id,
                    name: goods.name.clone(),
                }));
            }
        }
        checked.push((goods, change));
    }
    let header = documents::create(
        &tx,
        &NewDocument {
            kind: DocKind::Adjust,
            producer_id: None,
            counterpart: "",
            external_ref: "",
            scope: reason.as_str(),
            note: &adjustment.note,
            user: Some(user),
            at,
        },
    )?;
    let mut value = Vnd::ZERO;
    let mut total = Qty(0);
    for (goods, change) in &checked {
        let parts = if change.qty.0 < 0 {
            lots::draw(
                &tx,
                goods.id,
                Qty(-change.qty.0),
                at.date_naive(),
                change.lot_id,
                true,
            )?
            .0
            .into_iter()
            .map(|(lot, q)| (lot, Qty(-q.0)))
            .collect()
        } else {
            vec![(
                lots::put_back_lot(&tx, goods.id, change.lot_id)?,
                change.qty,
            )]
        };
        for (lot_id, qty) in parts {
            let lot = match lot_id {
                Some(id) => lots::get(&tx, id)?,
                None => None,
            };
            // Goods outside any lot are valued at retail price: their cost is unknown.
            let unit_cost = lot.as_ref().map_or(goods.price, |l| l.unit_cost);
            documents::add_line(
                &tx,
                header.id,
                &documents::Line {
                    unit_cost,
                    lot_no: lot.as_ref().map(|l| l.lot_no.clone()).unwrap_or_default(),
                    expiry: lot.as_ref().and_then(|l| l.expiry),
                    lot_id,
                    reason: reason.as_str().to_owned(),
                    ..documents::Line::new(goods.id, Some(qty))
                },
            )?;
            stock::apply(
                &tx,
                &stock::Move {
                    document_id: Some(header.id),
                    lot_id,
                    reference: &header.number,
                    user: Some(user),
                    reason: reason.label_vi(),
                    ..stock::Move::new(goods.id, qty, stock::MoveKind::Adjust, at)
                },
            )?;
            value = value.checked_add(qty.times(unit_cost)?)?;
            total = total.checked_add(qty)?;
        }
    }
    let detail = format!(
        "{}: {} dòng, số lượng {total}, giá trị {value}. {}",
        reason.label_vi(),
        checked.len(),
        adjustment.note
    );
    let posting = documents::Posting {
        user,
        approved_by: Some(approval.manager()),
        action: AuditAction::StockAdjust,
        detail: detail.trim_end(),
        at,
    };
    documents::post_audited(&tx, &header, &posting)?;
    tx.commit()?;
    Ok(Posted {
        number: header.number,
        lines: checked.len(),
        qty: total,
        value,
    })
}
