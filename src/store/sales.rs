//! Completing a sale: one SQLite transaction writes the sale, its lines and payments, stock moves,
//! the receipt number, audit rows and the print job — or nothing at all.

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::{Error, audit, lots, shifts, stock};
use crate::domain::auth::{AuditAction, UserId};
use crate::domain::cart::Cart;
use crate::domain::money::Vnd;
use crate::domain::qty::Qty;

/// Who sells where and when.
#[derive(Debug, Clone)]
pub struct Context {
    /// The point's code; receipt numbers are counted per point.
    pub point_code: String,
    /// The clerk.
    pub user: UserId,
    /// The moment of completion, in the business offset (its date is the business date).
    pub at: DateTime<FixedOffset>,
}

/// A sale (or refund) safely committed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completed {
    /// Database id.
    pub sale_id: i64,
    /// The printed receipt number, gap-free per point.
    pub receipt_no: String,
    /// Amount paid (negative for a refund).
    pub total: Vnd,
    /// Change to hand back.
    pub change: Vnd,
    /// True when this cart had already been saved: nothing new was written.
    pub already_saved: bool,
}

/// The receipt number of sequence `seq` at `point_code`.
pub fn receipt_no(point_code: &str, seq: i64) -> String {
    format!("{point_code}-{seq:06}")
}

/// Takes the next receipt number for the point, inside the caller's write transaction (which
/// serialises writers, so two sales can never take the same number and none is skipped).
pub(crate) fn next_receipt(conn: &Connection, point_code: &str) -> Result<(i64, String), Error> {
    let seq: i64 = conn
        .prepare_cached(
            "SELECT COALESCE(MAX(receipt_seq), 0) + 1 FROM sales WHERE point_code = ?1",
        )?
        .query_row([point_code], |r| r.get(0))?;
    Ok((seq, receipt_no(point_code, seq)))
}

/// A sale already saved under this cart id, if any.
pub(crate) fn existing(conn: &Connection, cart_id: &str) -> Result<Option<Completed>, Error> {
    Ok(conn
        .prepare_cached(
            "SELECT id, receipt_no, total_vnd, change_vnd FROM sales WHERE cart_id = ?1",
        )?
        .query_row([cart_id], |r| {
            Ok(Completed {
                sale_id: r.get(0)?,
                receipt_no: r.get(1)?,
                total: Vnd(r.get(2)?),
                change: Vnd(r.get(3)?),
                already_saved: true,
            })
        })
        .optional()?)
}

/// Queues the receipt of `sale_id` for the printer (inside the caller's transaction).
pub(crate) fn queue_receipt(
    conn: &Connection,
    sale_id: i64,
    at: DateTime<FixedOffset>,
) -> Result<(), Error> {
    conn.prepare_cached(
        "INSERT INTO print_jobs (kind, sale_id, created_at) VALUES ('receipt', ?1, ?2)",
    )?
    .execute(params![sale_id, at.to_rfc3339()])?;
    Ok(())
}

/// Saves a fully paid cart as a sale. Returns only after the commit; saving the same cart again
/// returns the first sale and writes nothing.
pub fn complete(conn: &mut Connection, cart: &Cart, ctx: &Context) -> Result<Completed, Error> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if let Some(done) = existing(&tx, &cart.id)? {
        return Ok(done);
    }
    let totals = cart.ready()?;
    let change = cart.change()?;
    let shift_id = shifts::require_open(&tx, &ctx.point_code)?;
    let tendered = Vnd::checked_sum(cart.payments.iter().map(|p| p.tendered))?;
    let (seq, receipt) = next_receipt(&tx, &ctx.point_code)?;
    let approved_by = cart
        .lines
        .iter()
        .filter_map(|l| l.approved_by)
        .chain(cart.order_discount_approved_by)
        .next();
    tx.prepare_cached(
        "INSERT INTO sales (cart_id, point_code, receipt_seq, receipt_no, kind, business_date,
             completed_at, user_id, approved_by, gross_vnd, discount_vnd, total_vnd, vat_vnd,
             tendered_vnd, change_vnd, shift_id)
         VALUES (?1, ?2, ?3, ?4, 'sale', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
        cart.id,
        ctx.point_code,
        seq,
        receipt,
        ctx.at.date_naive().to_string(),
        ctx.at.to_rfc3339(),
        ctx.user.0,
        approved_by.map(|u| u.0),
        totals.gross.0,
        totals.discount.0,
        totals.total.0,
        totals.vat.0,
        tendered.0,
        change.0,
        shift_id,
    ])?;
    let sale_id = tx.last_insert_rowid();
    for (i, (line, priced)) in cart.lines.iter().zip(&totals.lines).enumerate() {
        tx.prepare_cached(
            "INSERT INTO sale_lines (sale_id, line_no, product_id, product_code, name, unit, stars,
                 barcode, qty_milli, list_price_vnd, unit_price_vnd, gross_vnd, line_discount_vnd,
                 order_discount_vnd, net_vnd, vat_bp, vat_vnd)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        )?
        .execute(params![
            sale_id,
            i64::try_from(i + 1).unwrap_or(i64::MAX),
            line.item.product_id,
            line.item.code,
            line.item.name,
            line.item.unit,
            line.item.stars,
            line.barcode,
            line.qty.0,
            line.item.price.0,
            line.unit_price.0,
            priced.gross.0,
            priced.line_discount.0,
            priced.order_discount.0,
            priced.net.0,
            line.item.vat.0,
            priced.vat.0,
        ])?;
        let line_id = tx.last_insert_rowid();
        let (parts, uses_expired) = lots::draw(
            &tx,
            line.item.product_id,
            line.qty,
            ctx.at.date_naive(),
            line.lot.lot_id,
            line.lot.expired_approved_by.is_some(),
        )?;
        for (lot_id, qty) in parts {
            stock::apply(
                &tx,
                &stock::Move {
                    sale_id: Some(sale_id),
                    sale_line_id: Some(line_id),
                    lot_id,
                    reference: &receipt,
                    user: Some(ctx.user),
                    ..stock::Move::new(
                        line.item.product_id,
                        Qty(-qty.0),
                        stock::MoveKind::Sale,
                        ctx.at,
                    )
                },
            )?;
        }
        if uses_expired {
            let detail = format!("dòng {}: {} {}", i + 1, line.item.name, line.qty);
            let manager = line.lot.expired_approved_by;
            audit_sale(
                &tx,
                ctx,
                manager,
                AuditAction::ExpiredLotSale,
                &receipt,
                &detail,
            )?;
        }
        if let Some(manager) = line.approved_by {
            let detail = format!(
                "dòng {}: giá niêm yết {}, giá bán {}, chiết khấu {}",
                i + 1,
                line.item.price,
                line.unit_price,
                priced.line_discount
            );
            let action = if line.is_overridden() {
                AuditAction::PriceOverride
            } else {
                AuditAction::DiscountOverLimit
            };
            audit_sale(&tx, ctx, Some(manager), action, &receipt, &detail)?;
        }
    }
    if let Some(manager) = cart.order_discount_approved_by {
        let detail = format!("chiết khấu đơn hàng {}", totals.order_discount);
        audit_sale(
            &tx,
            ctx,
            Some(manager),
            AuditAction::DiscountOverLimit,
            &receipt,
            &detail,
        )?;
    }
    for (seq, payment) in (1_i64..).zip(&cart.payments) {
        tx.prepare_cached(
            "INSERT INTO payments (sale_id, seq, method, amount_vnd, reference)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            sale_id,
            seq,
            payment.method.as_str(),
            payment.amount.0,
            payment.reference
        ])?;
    }
    queue_receipt(&tx, sale_id, ctx.at)?;
    // A recalled parked cart is done with once it is sold.
    tx.prepare_cached("DELETE FROM parked_carts WHERE cart_id = ?1")?
        .execute([&cart.id])?;
    tx.commit()?;
    Ok(Completed {
        sale_id,
        receipt_no: receipt,
        total: totals.total,
        change,
        already_saved: false,
    })
}

fn audit_sale(
    conn: &Connection,
    ctx: &Context,
    approved_by: Option<UserId>,
    action: AuditAction,
    subject: &str,
    detail: &str,
) -> Result<(), Error> {
    audit::record(
        conn,
        &audit::Entry {
            at: ctx.at,
            user: Some(ctx.user),
            approved_by,
            action,
            subject,
            detail,
        },
    )
}

/// A sale header as reports and reprints need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Database id.
    pub id: i64,
    /// Receipt number.
    pub receipt_no: String,
    /// "sale" or "refund".
    pub kind: String,
    /// Business date (YYYY-MM-DD).
    pub business_date: String,
    /// Total paid (negative for refunds).
    pub total: Vnd,
    /// VAT contained.
    pub vat: Vnd,
}

/// The sale with this receipt number (`POINT-000123`), found through its point and sequence.
pub fn by_receipt(conn: &Connection, receipt_no: &str) -> Result<Option<Header>, Error> {
    let Some((point, seq)) = receipt_no
        .trim()
        .rsplit_once('-')
        .and_then(|(point, seq)| Some((point, seq.parse::<i64>().ok()?)))
    else {
        return Ok(None);
    };
    Ok(conn
        .query_row(
            "SELECT id, receipt_no, kind, business_date, total_vnd, vat_vnd FROM sales
             WHERE point_code = ?1 AND receipt_seq = ?2",
            params![point, seq],
            |r| {
                Ok(Header {
                    id: r.get(0)?,
                    receipt_no: r.get(1)?,
                    kind: r.get(2)?,
                    business_date: r.get(3)?,
                    total: Vnd(r.get(4)?),
                    vat: Vnd(r.get(5)?),
                })
            },
        )
        .optional()?)
}
