//! Reopening a saved receiving draft to finish it: its lines read back, then written again (or
//! written and posted) in one transaction, checked like a new delivery.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{Connection, TransactionBehavior, params};

use super::{Delivery, Posted, check, refuse_repeat, write_draft, write_lines, write_post};
use crate::domain::auth::UserId;
use crate::domain::money::Vnd;
use crate::domain::qty::Qty;
use crate::store::Error;
use crate::store::documents::{self, DocKind, DocumentError, Header};

/// A line of a reopened draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftLine {
    /// Product code.
    pub code: String,
    /// Name.
    pub name: String,
    /// OCOP group.
    pub ocop_group: Option<u8>,
    /// Quantity.
    pub qty: Qty,
    /// Unit cost or agreed consignment price.
    pub unit_cost: Vnd,
    /// Lot number.
    pub lot_no: String,
    /// Expiry.
    pub expiry: Option<NaiveDate>,
}

/// A receiving draft as it was saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// Its number.
    pub number: String,
    /// On consignment.
    pub consigned: bool,
    /// The producer's code.
    pub producer_code: String,
    /// The producer's delivery note.
    pub delivery_note: String,
    /// Free text.
    pub note: String,
    /// The lines.
    pub lines: Vec<DraftLine>,
}

/// The receiving draft with this number; anything else (posted, cancelled, another kind) is
/// refused with a message naming it.
fn draft_header(conn: &Connection, number: &str) -> Result<Header, Error> {
    let header = documents::by_number(conn, number)?;
    let kind = match header.kind {
        DocKind::ConsignIn => DocKind::ConsignIn,
        _ => DocKind::Receive,
    };
    documents::require_draft(&header, kind)?;
    Ok(header)
}

/// Reads a receiving draft back with its lines.
pub fn open_draft(conn: &Connection, number: &str) -> Result<Draft, Error> {
    let header = draft_header(conn, number)?;
    let producer_code: String = conn.query_row(
        "SELECT COALESCE((SELECT code FROM producers WHERE id = ?1), '')",
        [header.producer_id],
        |r| r.get(0),
    )?;
    let mut product =
        conn.prepare_cached("SELECT code, name, ocop_group FROM products WHERE id = ?1")?;
    let lines = documents::lines(conn, header.id)?
        .into_iter()
        .map(|l| {
            let (code, name, ocop_group) =
                product.query_row([l.product_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            Ok(DraftLine {
                code,
                name,
                ocop_group,
                qty: l.qty.unwrap_or(Qty(0)),
                unit_cost: l.unit_cost,
                lot_no: l.lot_no,
                expiry: l.expiry,
            })
        })
        .collect::<Result<_, Error>>()?;
    Ok(Draft {
        number: header.number,
        consigned: header.kind == DocKind::ConsignIn,
        producer_code,
        delivery_note: header.external_ref,
        note: header.note,
        lines,
    })
}

/// Replaces the draft `number` by `delivery` inside the caller's transaction. Switching between
/// bought and consigned cancels the draft and makes a new one (the number's prefix tells the
/// kind); returns the draft now holding the delivery.
fn rewrite(
    conn: &Connection,
    number: &str,
    delivery: &Delivery,
    user: UserId,
    at: DateTime<FixedOffset>,
) -> Result<Header, Error> {
    let header = draft_header(conn, number)?;
    let consigned = header.kind == DocKind::ConsignIn;
    if consigned != delivery.consigned {
        documents::cancel(conn, &header.number)?;
        return write_draft(conn, delivery, user, at);
    }
    let producer_id = documents::producer_id(conn, &delivery.producer_code)?;
    let ids = check(conn, delivery, producer_id, at.date_naive())?;
    refuse_repeat(conn, delivery, producer_id, Some(header.id))?;
    conn.execute(
        "UPDATE documents SET producer_id = ?2, external_ref = ?3, note = ?4
         WHERE id = ?1 AND status = 'draft'",
        params![
            header.id,
            producer_id,
            delivery.delivery_note.trim(),
            delivery.note
        ],
    )?;
    conn.execute(
        "DELETE FROM document_lines WHERE document_id = ?1",
        [header.id],
    )?;
    write_lines(conn, header.id, delivery, ids)?;
    documents::get(conn, header.id)?
        .ok_or_else(|| DocumentError::Unknown(header.number.clone()).into())
}

/// Saves `delivery` over the draft `number` and, with `post`, posts it, all in one transaction:
/// a refusal leaves the draft as it was.
pub fn rewrite_draft(
    conn: &mut Connection,
    number: &str,
    delivery: &Delivery,
    post: bool,
    user: UserId,
    at: DateTime<FixedOffset>,
) -> Result<(Header, Option<Posted>), Error> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let header = rewrite(&tx, number, delivery, user, at)?;
    let posted = if post {
        Some(write_post(&tx, &header, user, at)?)
    } else {
        None
    };
    tx.commit()?;
    Ok((header, posted))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::auth::Role;
    use crate::store::receiving::{Incoming, draft};

    fn at() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-30T09:00:00+07:00").unwrap()
    }

    fn bags(qty: i64, consigned: bool) -> Delivery {
        Delivery {
            consigned,
            producer_code: "HTX-ZARA".into(),
            delivery_note: "GH-1".into(),
            note: String::new(),
            lines: vec![Incoming {
                line: 1,
                product: "TUI-ADHIR-ZARA-L".into(),
                qty: Qty::units(qty),
                unit_cost: Vnd(250_000),
                lot_no: String::new(),
                expiry: None,
            }],
        }
    }

    #[test]
    fn a_draft_is_rewritten_in_place_refused_whole_or_replaced_when_its_kind_changes() {
        let (_dir, mut conn) = crate::store::test_support::sample_till(at());
        let user =
            crate::store::users::add(&conn, "minh", Role::Manager, "1357", None, at()).unwrap();
        let first = draft(&mut conn, &bags(2, false), user, at()).unwrap();
        // Its own delivery note does not count as received twice.
        let (same, posted) =
            rewrite_draft(&mut conn, &first.number, &bags(5, false), false, user, at()).unwrap();
        assert_eq!((same.id, posted), (first.id, None));
        assert_eq!(
            open_draft(&conn, &first.number).unwrap().lines[0].qty,
            Qty::units(5)
        );
        // A bad line refuses the whole rewrite: the draft keeps its lines.
        let mut bad = bags(1, false);
        bad.lines[0].product = "KHONG-CO".into();
        assert!(rewrite_draft(&mut conn, &first.number, &bad, false, user, at()).is_err());
        assert_eq!(
            open_draft(&conn, &first.number).unwrap().lines[0].qty,
            Qty::units(5)
        );
        // Bought → consigned: the old draft is cancelled, a KG draft holds the goods.
        let (moved, _) =
            rewrite_draft(&mut conn, &first.number, &bags(5, true), false, user, at()).unwrap();
        assert!(moved.number.starts_with("KG-"), "{}", moved.number);
        assert_eq!(
            documents::by_number(&conn, &first.number).unwrap().status,
            "cancelled"
        );
        assert!(open_draft(&conn, &first.number).is_err());
    }
}
