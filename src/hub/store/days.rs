//! Daily summaries as received: one per point and day, replaced only by a higher revision
//! (design.md §5). The body is kept as sent; totals, lines and payments are also kept in columns for
//! the dashboard.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::Error;
use crate::domain::summary::DailySummary;
pub use crate::sync::protocol::Outcome;

/// What storing a summary did, or the revision that made it refuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Put {
    /// Accepted.
    Done(Outcome),
    /// A higher revision, or the same revision with other content, is kept: nothing changed.
    Conflict {
        /// The revision kept.
        kept: u32,
    },
}

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Stores `summary` (already verified, its point registered) in one transaction.
pub fn put(conn: &mut Connection, summary: &DailySummary, at: DateTime<Utc>) -> Result<Put, Error> {
    let body = serde_json::to_string(summary).map_err(|_| Error::Invalid {
        field: "body",
        reason: "không ghi lại được",
    })?;
    let tx = conn.transaction()?;
    let put = put_in(&tx, summary, &body, at)?;
    tx.commit()?;
    Ok(put)
}

/// Stores `summary`, whose JSON as sent is `body`, inside the caller's transaction (or
/// savepoint); the caller commits.
pub fn put_in(
    tx: &Connection,
    summary: &DailySummary,
    body: &str,
    at: DateTime<Utc>,
) -> Result<Put, Error> {
    // Bound once: each of the day's rows carries it.
    let date = summary.business_date.to_string();
    let kept: Option<(u32, String)> = tx
        .prepare_cached(
            "SELECT revision, body FROM days WHERE point_code = ?1 AND business_date = ?2",
        )?
        .query_row(params![summary.point_code, date], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let outcome = match kept {
        None => Outcome::Stored,
        Some((revision, _)) if summary.revision > revision => Outcome::Replaced,
        Some((revision, body)) if summary.revision == revision => {
            let same = serde_json::from_str::<DailySummary>(&body).is_ok_and(|k| &k == summary);
            return Ok(if same {
                Put::Done(Outcome::Unchanged)
            } else {
                Put::Conflict { kept: revision }
            });
        }
        Some((revision, _)) => return Ok(Put::Conflict { kept: revision }),
    };
    let key = params![summary.point_code, date];
    // Lines and payments go with the day (ON DELETE CASCADE).
    tx.prepare_cached("DELETE FROM days WHERE point_code = ?1 AND business_date = ?2")?
        .execute(key)?;
    tx.prepare_cached(
        "INSERT INTO days (point_code, business_date, revision, receipts, refund_receipts, gross_vnd,
                           discount_vnd, refund_vnd, net_vnd, vat_vnd, body, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        summary.point_code,
        date,
        summary.revision,
        summary.receipts,
        summary.refund_receipts,
        summary.gross_vnd.0,
        summary.discount_vnd.0,
        summary.refund_vnd.0,
        summary.net_vnd.0,
        summary.vat_vnd.0,
        body,
        stamp(at)
    ])?;
    {
        let mut line = tx.prepare_cached(
            "INSERT INTO day_lines (point_code, business_date, product_code, gtin, name,
                                    producer_code, ocop_group, stars, unit, qty_milli, net_vnd, vat_vnd)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        for l in &summary.lines {
            line.execute(params![
                summary.point_code,
                date,
                l.product_code,
                l.gtin,
                l.name,
                l.producer_code,
                l.ocop_group,
                l.stars,
                l.unit,
                l.qty_milli,
                l.net_vnd.0,
                l.vat_vnd.0
            ])?;
        }
        let mut pay = tx.prepare_cached(
            "INSERT INTO day_payments (point_code, business_date, method, amount_vnd)
             VALUES (?1, ?2, ?3, ?4)",
        )?;
        for p in &summary.payments {
            let method = serde_json::to_value(p.method)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            pay.execute(params![summary.point_code, date, method, p.amount_vnd.0])?;
        }
    }
    Ok(Put::Done(outcome))
}

/// The summary kept for a point's day.
pub fn get(conn: &Connection, point: &str, date: NaiveDate) -> Result<Option<DailySummary>, Error> {
    let body: Option<String> = conn
        .prepare_cached("SELECT body FROM days WHERE point_code = ?1 AND business_date = ?2")?
        .query_row(params![point, date.to_string()], |r| r.get(0))
        .optional()?;
    Ok(body.and_then(|b| serde_json::from_str(&b).ok()))
}

/// What the hub knows of a point (`GET /api/v1/points/{point_code}/status`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    /// The point.
    pub point_code: String,
    /// The latest business day received, if any.
    pub last_business_date: Option<NaiveDate>,
    /// Its revision.
    pub last_revision: Option<u32>,
    /// When it arrived (UTC).
    pub last_received_at: Option<String>,
    /// How many days are kept for the point.
    pub days_received: u32,
}

/// The point's status.
pub fn status(conn: &Connection, point: &str) -> Result<Status, Error> {
    let days_received: u32 = conn
        .prepare_cached("SELECT COUNT(*) FROM days WHERE point_code = ?1")?
        .query_row([point], |r| r.get(0))?;
    let last: Option<(String, u32, String)> = conn
        .prepare_cached(
            "SELECT business_date, revision, received_at FROM days WHERE point_code = ?1
             ORDER BY business_date DESC LIMIT 1",
        )?
        .query_row([point], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let (date, revision, received) = match last {
        Some((d, r, at)) => (d.parse().ok(), Some(r), Some(at)),
        None => (None, None, None),
    };
    Ok(Status {
        point_code: point.to_owned(),
        last_business_date: date,
        last_revision: revision,
        last_received_at: received,
        days_received,
    })
}

/// The latest business day any point has reported, if any.
pub fn latest(conn: &Connection) -> Result<Option<NaiveDate>, Error> {
    let latest: Option<String> = conn
        .prepare_cached("SELECT MAX(business_date) FROM days")?
        .query_row([], |r| r.get(0))?;
    Ok(latest.and_then(|d| d.parse().ok()))
}
