//! Refunds, whole or partial, against an original receipt: a sale of kind `refund` with negative
//! amounts, stock returned, money paid out by method, approved by a manager and audited.

use rusqlite::{Connection, TransactionBehavior, params};

use super::sales::{self, Completed, Context};
use super::{Error, audit, shifts, stock};
use crate::domain::auth::{Approval, AuditAction};
use crate::domain::money::{Vnd, div_round_half_away};
use crate::domain::payment::Method;
use crate::domain::qty::Qty;

/// What to refund.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// A unique id for this refund (saving it twice refunds once).
    pub refund_id: String,
    /// Receipt number of the original sale.
    pub original_receipt: String,
    /// (line number on the original receipt, quantity) — empty refunds everything not yet refunded.
    pub lines: Vec<(u32, Qty)>,
    /// How the money goes back — empty pays back by the original methods, non-cash first.
    pub payout: Vec<(Method, Vnd)>,
    /// Why (shown in the audit log).
    pub reason: String,
}

/// An original line with what is left to refund.
struct Original {
    id: i64,
    line_no: u32,
    product_id: i64,
    code: String,
    name: String,
    unit: String,
    stars: Option<u8>,
    list_price: i64,
    unit_price: i64,
    vat_bp: i64,
    sold: [i64; 6],     // qty, gross, line discount, order discount, net, vat
    refunded: [i64; 6], // the same, summed over earlier refunds (as positive numbers)
}

fn originals(conn: &Connection, sale_id: i64) -> Result<Vec<Original>, Error> {
    let mut stmt = conn.prepare(
        "SELECT l.id, l.line_no, l.product_id, l.product_code, l.name, l.unit, l.stars,
                l.list_price_vnd, l.unit_price_vnd, l.vat_bp,
                l.qty_milli, l.gross_vnd, l.line_discount_vnd, l.order_discount_vnd, l.net_vnd, l.vat_vnd,
                COALESCE(-SUM(r.qty_milli), 0), COALESCE(-SUM(r.gross_vnd), 0),
                COALESCE(-SUM(r.line_discount_vnd), 0), COALESCE(-SUM(r.order_discount_vnd), 0),
                COALESCE(-SUM(r.net_vnd), 0), COALESCE(-SUM(r.vat_vnd), 0)
         FROM sale_lines l LEFT JOIN sale_lines r ON r.original_line_id = l.id
         WHERE l.sale_id = ?1 GROUP BY l.id ORDER BY l.line_no",
    )?;
    let rows = stmt.query_map([sale_id], |r| {
        let mut sold = [0; 6];
        let mut refunded = [0; 6];
        for k in 0..6 {
            sold[k] = r.get(10 + k)?;
            refunded[k] = r.get(16 + k)?;
        }
        Ok(Original {
            id: r.get(0)?,
            line_no: r.get(1)?,
            product_id: r.get(2)?,
            code: r.get(3)?,
            name: r.get(4)?,
            unit: r.get(5)?,
            stars: r.get(6)?,
            list_price: r.get(7)?,
            unit_price: r.get(8)?,
            vat_bp: r.get(9)?,
            sold,
            refunded,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The amounts (gross, discounts, net, vat) refunded for `qty` of `line`: proportional, and exactly
/// what is left when the rest of the line goes back, so refunds never drift from the sale.
fn refund_amounts(line: &Original, qty: i64) -> Result<[i64; 6], Error> {
    let remaining_qty = line.sold[0] - line.refunded[0];
    let mut out = [qty, 0, 0, 0, 0, 0];
    for ((slot, sold), refunded) in out.iter_mut().zip(line.sold).zip(line.refunded).skip(1) {
        *slot = if qty == remaining_qty {
            sold - refunded
        } else {
            let exact =
                div_round_half_away(i128::from(sold) * i128::from(qty), i128::from(line.sold[0]));
            i64::try_from(exact).map_err(|_| crate::domain::money::Overflow)?
        };
    }
    Ok(out)
}

/// Payments of the original sale still refundable, by method (non-cash first, then cash).
fn refundable_by_method(conn: &Connection, sale_id: i64) -> Result<Vec<(Method, Vnd)>, Error> {
    let mut stmt = conn.prepare(
        "SELECT method, SUM(amount_vnd) FROM payments
         WHERE sale_id = ?1 OR sale_id IN (SELECT id FROM sales WHERE original_sale_id = ?1)
         GROUP BY method",
    )?;
    let mut out: Vec<(Method, Vnd)> = stmt
        .query_map([sale_id], |r| Ok((r.get::<_, String>(0)?, Vnd(r.get(1)?))))?
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter_map(|(m, v)| m.parse().ok().map(|m| (m, v)))
        .filter(|(_, v): &(Method, Vnd)| v.0 > 0)
        .collect();
    out.sort_by_key(|(m, _)| (*m == Method::Cash, *m));
    Ok(out)
}

/// Refunds lines of an original receipt. Needs a manager's approval; returns after the commit.
pub fn refund(
    conn: &mut Connection,
    request: &Request,
    ctx: &Context,
    approval: Approval,
) -> Result<Completed, Error> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if let Some(done) = sales::existing(&tx, &request.refund_id)? {
        return Ok(done);
    }
    let original = sales::by_receipt(&tx, &request.original_receipt)?
        .filter(|h| h.kind == "sale")
        .ok_or_else(|| Error::UnknownReceipt(request.original_receipt.trim().to_owned()))?;
    let lines = originals(&tx, original.id)?;
    let mut chosen: Vec<(&Original, [i64; 6])> = Vec::new();
    if request.lines.is_empty() {
        for line in &lines {
            let left = line.sold[0] - line.refunded[0];
            if left > 0 {
                chosen.push((line, refund_amounts(line, left)?));
            }
        }
    } else {
        for &(line_no, qty) in &request.lines {
            let line = lines
                .iter()
                .find(|l| l.line_no == line_no)
                .ok_or(Error::NoSuchReceiptLine(line_no))?;
            let left = line.sold[0] - line.refunded[0];
            if qty.0 <= 0 || qty.0 > left || chosen.iter().any(|(l, _)| l.id == line.id) {
                return Err(Error::RefundQty {
                    line_no,
                    asked: qty,
                    left: Qty(left),
                });
            }
            chosen.push((line, refund_amounts(line, qty.0)?));
        }
    }
    if chosen.is_empty() {
        return Err(Error::NothingToRefund(original.receipt_no));
    }
    let total = Vnd(chosen.iter().map(|(_, a)| a[4]).sum());
    let payout = if request.payout.is_empty() {
        default_payout(&refundable_by_method(&tx, original.id)?, total)?
    } else {
        request.payout.clone()
    };
    let paid_out = Vnd::checked_sum(payout.iter().map(|(_, v)| *v))?;
    if paid_out != total || payout.iter().any(|(_, v)| v.0 <= 0) {
        return Err(Error::PayoutMismatch {
            payout: paid_out,
            refund: total,
        });
    }
    let shift_id = shifts::require_open(&tx, &ctx.point_code)?;
    let sum = |k: usize| -> i64 { -chosen.iter().map(|(_, a)| a[k]).sum::<i64>() };
    let (seq, receipt) = sales::next_receipt(&tx, &ctx.point_code)?;
    tx.execute(
        "INSERT INTO sales (cart_id, point_code, receipt_seq, receipt_no, kind, original_sale_id,
             business_date, completed_at, user_id, approved_by, gross_vnd, discount_vnd, total_vnd,
             vat_vnd, tendered_vnd, change_vnd, note, shift_id)
         VALUES (?1, ?2, ?3, ?4, 'refund', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?12, 0, ?14, ?15)",
        params![
            request.refund_id,
            ctx.point_code,
            seq,
            receipt,
            original.id,
            ctx.at.date_naive().to_string(),
            ctx.at.to_rfc3339(),
            ctx.user.0,
            approval.manager.0,
            sum(1),
            sum(2) + sum(3),
            sum(4),
            sum(5),
            request.reason,
            shift_id,
        ],
    )?;
    let sale_id = tx.last_insert_rowid();
    for (i, (line, a)) in chosen.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO sale_lines (sale_id, line_no, product_id, product_code, name, unit, stars,
                 qty_milli, list_price_vnd, unit_price_vnd, gross_vnd, line_discount_vnd,
                 order_discount_vnd, net_vnd, vat_bp, vat_vnd, original_line_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        )?
        .execute(params![
            sale_id,
            i64::try_from(i + 1).unwrap_or(i64::MAX),
            line.product_id,
            line.code,
            line.name,
            line.unit,
            line.stars,
            -a[0],
            line.list_price,
            line.unit_price,
            -a[1],
            -a[2],
            -a[3],
            -a[4],
            line.vat_bp,
            -a[5],
            line.id,
        ])?;
        let refund_line_id = tx.last_insert_rowid();
        for (lot_id, qty) in lots_to_return(&tx, line, a[0])? {
            stock::apply(
                &tx,
                &stock::Move {
                    sale_id: Some(sale_id),
                    sale_line_id: Some(refund_line_id),
                    lot_id,
                    reference: &receipt,
                    user: Some(ctx.user),
                    reason: &request.reason,
                    ..stock::Move::new(line.product_id, Qty(qty), stock::MoveKind::Refund, ctx.at)
                },
            )?;
        }
    }
    for (seq, (method, amount)) in (1_i64..).zip(&payout) {
        tx.prepare_cached(
            "INSERT INTO payments (sale_id, seq, method, amount_vnd) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![sale_id, seq, method.as_str(), -amount.0])?;
    }
    let detail = format!(
        "hoàn {total} cho hóa đơn {}: {}",
        original.receipt_no, request.reason
    );
    audit::record(
        &tx,
        &audit::Entry {
            at: ctx.at,
            user: Some(ctx.user),
            approved_by: Some(approval.manager),
            action: AuditAction::Refund,
            subject: &receipt,
            detail: &detail,
        },
    )?;
    sales::queue_receipt(&tx, sale_id, ctx.at)?;
    tx.commit()?;
    Ok(Completed {
        sale_id,
        receipt_no: receipt,
        total: Vnd(-total.0),
        change: Vnd::ZERO,
        already_saved: false,
    })
}

/// The lots `qty` of an original line goes back to: those it was drawn from and not yet returned,
/// the last drawn first. Stock sold before lots were kept goes back without a lot.
fn lots_to_return(
    conn: &Connection,
    line: &Original,
    qty: i64,
) -> Result<Vec<(Option<i64>, i64)>, Error> {
    let mut out_standing: Vec<(Option<i64>, i64)> = conn
        .prepare_cached(
            "SELECT lot_id, -SUM(qty_milli), MAX(id) FROM stock_moves
             WHERE product_id = ?1
               AND sale_line_id IN (SELECT ?2 UNION ALL
                                    SELECT id FROM sale_lines WHERE original_line_id = ?2)
             GROUP BY lot_id ORDER BY MAX(id) DESC",
        )?
        .query_map(params![line.product_id, line.id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<Result<_, _>>()?;
    out_standing.retain(|(_, q)| *q > 0);
    let mut left = qty;
    let mut parts = Vec::new();
    for (lot_id, available) in &out_standing {
        if left == 0 {
            break;
        }
        let take = left.min(*available);
        parts.push((*lot_id, take));
        left -= take;
    }
    if left > 0 {
        match parts.last_mut() {
            Some((_, q)) => *q += left,
            None => parts.push((None, left)),
        }
    }
    Ok(parts)
}

/// Pays `total` back over the original methods in order, each up to what it paid; whatever those
/// cannot cover goes back in cash.
fn default_payout(refundable: &[(Method, Vnd)], total: Vnd) -> Result<Vec<(Method, Vnd)>, Error> {
    let mut left = total;
    let mut payout: Vec<(Method, Vnd)> = Vec::new();
    for &(method, available) in refundable {
        if left.0 <= 0 {
            break;
        }
        let take = available.min(left);
        payout.push((method, take));
        left = left.checked_sub(take)?;
    }
    if left.0 > 0 {
        match payout.iter_mut().find(|(m, _)| *m == Method::Cash) {
            Some((_, v)) => *v = v.checked_add(left)?,
            None => payout.push((Method::Cash, left)),
        }
    }
    Ok(payout)
}
