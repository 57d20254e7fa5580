//! A shift's figures so far — the X report, which the Z close freezes — read from its sales (a
//! rowid range), their payments and lines, and its cash moves.

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, params};

use super::{Shift, time_column, user_name};
use crate::domain::money::Vnd;
use crate::domain::payment::Method;
use crate::domain::shift::{
    CashMoveKind, CashMoveLine, Drawer, MethodTotal, RateTotal, ShiftReport,
};
use crate::store::Error;
use crate::store::report::SALE_TOTALS;

fn conversion(i: usize, e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
}

/// Money by method over the shift's sales: net, taken on sales, paid back on refunds.
fn methods(conn: &Connection, shift: &Shift) -> Result<Vec<MethodTotal>, Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.method, SUM(p.amount_vnd),
                SUM(MAX(p.amount_vnd, 0)), -SUM(MIN(p.amount_vnd, 0))
         FROM sales s JOIN payments p ON p.sale_id = s.id
         WHERE s.id >= ?1 AND s.shift_id = ?2 GROUP BY p.method",
    )?;
    let mut out: Vec<MethodTotal> = stmt
        .query_map(params![shift.first_sale_id, shift.id], |r| {
            Ok(MethodTotal {
                method: r
                    .get::<_, String>(0)?
                    .parse::<Method>()
                    .map_err(|e| conversion(0, e))?,
                amount_vnd: Vnd(r.get(1)?),
                taken_vnd: Vnd(r.get(2)?),
                paid_back_vnd: Vnd(r.get(3)?),
            })
        })?
        .collect::<Result<_, _>>()?;
    out.sort_by_key(|m| m.method);
    Ok(out)
}

/// Cash put in and taken out during the shift, in order.
fn cash_moves(conn: &Connection, shift: &Shift) -> Result<Vec<CashMoveLine>, Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.at, m.kind, m.amount_vnd, m.reason, COALESCE(u.name, ''), a.name
         FROM cash_moves m LEFT JOIN users u ON u.id = m.user_id
              LEFT JOIN users a ON a.id = m.approved_by
         WHERE m.shift_id = ?1 ORDER BY m.id",
    )?;
    let rows = stmt.query_map([shift.id], |r| {
        Ok(CashMoveLine {
            at: time_column(r, 0)?,
            kind: r
                .get::<_, String>(1)?
                .parse::<CashMoveKind>()
                .map_err(|e| conversion(1, std::io::Error::other(e)))?,
            amount_vnd: Vnd(r.get(2)?),
            reason: r.get(3)?,
            user: r.get(4)?,
            approved_by: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What the drawer of `shift` went through and should hold now.
pub(super) fn drawer(conn: &Connection, shift: &Shift) -> Result<Drawer, Error> {
    drawer_with(conn, shift, &methods(conn, shift)?)
}

fn drawer_with(conn: &Connection, shift: &Shift, methods: &[MethodTotal]) -> Result<Drawer, Error> {
    let cash = methods.iter().find(|m| m.method == Method::Cash);
    let (cash_in, cash_out): (i64, i64) = conn
        .prepare_cached(
            "SELECT COALESCE(SUM(CASE WHEN kind = 'in' THEN amount_vnd END), 0),
                    COALESCE(SUM(CASE WHEN kind = 'out' THEN amount_vnd END), 0)
             FROM cash_moves WHERE shift_id = ?1",
        )?
        .query_row([shift.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(Drawer {
        float_vnd: shift.float,
        cash_sales_vnd: cash.map_or(Vnd::ZERO, |c| c.taken_vnd),
        cash_refunds_vnd: cash.map_or(Vnd::ZERO, |c| c.paid_back_vnd),
        cash_in_vnd: Vnd(cash_in),
        cash_out_vnd: Vnd(cash_out),
    })
}

/// The X report of `shift` at `at`: its figures so far. Reading only; any number of times.
pub fn x_report(
    conn: &Connection,
    shift: &Shift,
    at: DateTime<FixedOffset>,
) -> Result<ShiftReport, Error> {
    type Head = (
        u32,
        u32,
        i64,
        i64,
        i64,
        i64,
        i64,
        Option<String>,
        Option<String>,
    );
    // The sales are a rowid range: the first and last receipts are one lookup at each end.
    let head: Head = conn
        .prepare_cached(&format!(
            "SELECT {SALE_TOTALS},
                    (SELECT receipt_no FROM sales WHERE id >= ?1 AND shift_id = ?2
                     ORDER BY id LIMIT 1),
                    (SELECT receipt_no FROM sales WHERE id >= ?1 AND shift_id = ?2
                     ORDER BY id DESC LIMIT 1)
             FROM sales WHERE id >= ?1 AND shift_id = ?2"
        ))?
        .query_row(params![shift.first_sale_id, shift.id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ))
        })?;
    let mut stmt = conn.prepare_cached(
        "SELECT l.vat_bp, SUM(l.net_vnd), SUM(l.vat_vnd)
         FROM sales s JOIN sale_lines l ON l.sale_id = s.id
         WHERE s.id >= ?1 AND s.shift_id = ?2 GROUP BY l.vat_bp ORDER BY l.vat_bp",
    )?;
    let vat_by_rate = stmt
        .query_map(params![shift.first_sale_id, shift.id], |r| {
            Ok(RateTotal {
                vat_bp: r.get(0)?,
                net_vnd: Vnd(r.get(1)?),
                vat_vnd: Vnd(r.get(2)?),
            })
        })?
        .collect::<Result<_, _>>()?;
    let payments = methods(conn, shift)?;
    let drawer = drawer_with(conn, shift, &payments)?;
    Ok(ShiftReport {
        shift_id: shift.id,
        point_code: shift.point_code.clone(),
        clerk: user_name(conn, shift.user.0)?,
        opened_at: shift.opened_at,
        business_date: shift.business_date,
        taken_at: at,
        receipts: head.0,
        refund_receipts: head.1,
        receipt_range: head.7.zip(head.8),
        gross_vnd: Vnd(head.2),
        discount_vnd: Vnd(head.3),
        refund_vnd: Vnd(head.4),
        net_vnd: Vnd(head.5),
        vat_vnd: Vnd(head.6),
        vat_by_rate,
        payments,
        expected_cash_vnd: drawer.expected()?,
        drawer,
        cash_moves: cash_moves(conn, shift)?,
    })
}
