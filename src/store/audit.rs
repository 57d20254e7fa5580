//! The append-only audit log. Rows are only ever inserted; triggers in the schema refuse UPDATE and
//! DELETE, so not even a bug here could rewrite history.

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, params};

use super::Error;
use crate::domain::auth::{AuditAction, UserId};

/// One act to record.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// When it happened.
    pub at: DateTime<FixedOffset>,
    /// Who did it (None for the system itself).
    pub user: Option<UserId>,
    /// The manager who approved it, if one had to.
    pub approved_by: Option<UserId>,
    /// What was done.
    pub action: AuditAction,
    /// What it was done to: a receipt number, a product code, a user name.
    pub subject: &'a str,
    /// Details as JSON or free text.
    pub detail: &'a str,
}

/// Appends `entry` (inside the caller's transaction, when there is one).
pub fn record(conn: &Connection, entry: &Entry<'_>) -> Result<(), Error> {
    conn.prepare_cached(
        "INSERT INTO audit (at, user_id, approved_by, action, subject, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        entry.at.to_rfc3339(),
        entry.user.map(|u| u.0),
        entry.approved_by.map(|u| u.0),
        entry.action.as_str(),
        entry.subject,
        entry.detail,
    ])?;
    Ok(())
}

/// A stored audit row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Its id (increasing).
    pub id: i64,
    /// RFC 3339 time.
    pub at: String,
    /// The acting user.
    pub user: Option<UserId>,
    /// The approving manager.
    pub approved_by: Option<UserId>,
    /// The stored action name.
    pub action: String,
    /// The subject.
    pub subject: String,
    /// The details.
    pub detail: String,
}

/// The newest `limit` rows, newest first.
pub fn recent(conn: &Connection, limit: u32) -> Result<Vec<Row>, Error> {
    let mut stmt = conn.prepare(
        "SELECT id, at, user_id, approved_by, action, subject, detail
         FROM audit ORDER BY id DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        Ok(Row {
            id: r.get(0)?,
            at: r.get(1)?,
            user: r.get::<_, Option<i64>>(2)?.map(UserId),
            approved_by: r.get::<_, Option<i64>>(3)?.map(UserId),
            action: r.get(4)?,
            subject: r.get(5)?,
            detail: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
