//! Parked carts (they survive a restart) and voided carts (logged in the audit).

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, OptionalExtension, params};

use super::{Error, audit};
use crate::domain::auth::{Approval, AuditAction, UserId};
use crate::domain::cart::Cart;
use crate::domain::money::Vnd;

/// A parked cart as the recall list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parked {
    /// Row id, used to recall it.
    pub id: i64,
    /// The clerk's label (customer name, table…).
    pub label: String,
    /// Who parked it.
    pub user: String,
    /// When (RFC 3339).
    pub parked_at: String,
    /// Number of lines.
    pub lines: usize,
    /// Its total.
    pub total: Vnd,
}

/// Parks `cart` (replacing an earlier parking of the same cart). A cart with payments taken cannot
/// be parked: the money would be left hanging.
pub fn park(
    conn: &Connection,
    cart: &Cart,
    user: UserId,
    label: &str,
    at: DateTime<FixedOffset>,
) -> Result<i64, Error> {
    if cart.is_empty() {
        return Err(Error::Park("giỏ hàng trống, không có gì để tạm giữ"));
    }
    if !cart.payments.is_empty() {
        return Err(Error::Park(
            "đã nhận thanh toán: hãy hoàn tất hoặc hủy thanh toán trước",
        ));
    }
    let json = serde_json::to_string(cart)?;
    conn.execute(
        "INSERT INTO parked_carts (cart_id, user_id, label, cart_json, parked_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (cart_id) DO UPDATE SET user_id = excluded.user_id, label = excluded.label,
             cart_json = excluded.cart_json, parked_at = excluded.parked_at",
        params![cart.id, user.0, label.trim(), json, at.to_rfc3339()],
    )?;
    Ok(conn.query_row(
        "SELECT id FROM parked_carts WHERE cart_id = ?1",
        [&cart.id],
        |r| r.get(0),
    )?)
}

/// Every parked cart, oldest first.
pub fn list(conn: &Connection) -> Result<Vec<Parked>, Error> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.label, u.name, p.parked_at, p.cart_json
         FROM parked_carts p JOIN users u ON u.id = p.user_id ORDER BY p.parked_at, p.id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<Result<Vec<(i64, String, String, String, String)>, _>>()?;
    rows.into_iter()
        .map(|(id, label, user, parked_at, json)| {
            let cart: Cart = serde_json::from_str(&json)?;
            Ok(Parked {
                id,
                label,
                user,
                parked_at,
                lines: cart.lines.len(),
                total: cart.totals()?.total,
            })
        })
        .collect()
}

/// Takes a parked cart back to the counter (it leaves the parked list).
pub fn recall(conn: &mut Connection, id: i64) -> Result<Cart, Error> {
    let tx = conn.transaction()?;
    let json: String = tx
        .query_row(
            "SELECT cart_json FROM parked_carts WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(Error::UnknownParked(id))?;
    let cart: Cart = serde_json::from_str(&json)?;
    tx.execute("DELETE FROM parked_carts WHERE id = ?1", [id])?;
    tx.commit()?;
    Ok(cart)
}

/// Abandons a cart that has lines: a manager approves, and the audit log keeps what was in it.
pub fn void(
    conn: &mut Connection,
    cart: &Cart,
    user: UserId,
    approval: Approval,
    reason: &str,
    at: DateTime<FixedOffset>,
) -> Result<(), Error> {
    let tx = conn.transaction()?;
    let total = cart.totals()?.total;
    let lines: Vec<String> = cart
        .lines
        .iter()
        .map(|l| {
            format!(
                "{} × {} {}",
                l.qty,
                l.item.code,
                l.gross().unwrap_or(Vnd::ZERO)
            )
        })
        .collect();
    let detail = format!("{}; tổng {total}; {}", reason.trim(), lines.join(", "));
    audit::record(
        &tx,
        &audit::Entry {
            at,
            user: Some(user),
            approved_by: Some(approval.manager),
            action: AuditAction::VoidCart,
            subject: &cart.id,
            detail: &detail,
        },
    )?;
    tx.execute("DELETE FROM parked_carts WHERE cart_id = ?1", [&cart.id])?;
    tx.commit()?;
    Ok(())
}
