//! The outbox: messages for the hub (daily summaries) written in the transaction that makes them,
//! then pushed by a worker that marks each one delivered, or records the failure and when to try
//! again. Rows are never deleted: the outbox is also the till's record of what it reported.

mod status;

pub use status::{SyncStatus, sync_status};

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::Error;

/// Why an outbox operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum OutboxError {
    /// No message has this id.
    #[error("không có thư số {0} trong hộp thư đi")]
    UnknownMessage(i64),
    /// The message was delivered already; it is not sent again.
    #[error("thư số {0} đã được gửi")]
    AlreadyDelivered(i64),
    /// A daily summary built from the database does not add up; nothing was written.
    #[error(transparent)]
    Summary(#[from] crate::domain::summary::SummaryError),
}

/// What a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A daily summary (`ocop.daily-summary.v1`) for `PUT /api/v1/points/{point}/days/{date}`.
    DailySummary,
}

impl Kind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::DailySummary => "daily_summary",
        }
    }
}

/// A stored message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Database id (increasing: older messages first).
    pub id: i64,
    /// The stored kind name.
    pub kind: String,
    /// What it is about; for a daily summary `POINT/YYYY-MM-DD`.
    pub subject: String,
    /// Revision of the subject, from 1.
    pub revision: u32,
    /// The JSON body to send.
    pub body: String,
    /// When it was written.
    pub created_at: String,
    /// Whether the hub has it.
    pub delivered: bool,
    /// Failed attempts so far.
    pub attempts: u32,
    /// The last failure, "" if none.
    pub last_error: String,
    /// Not to be tried before this time (UTC, RFC 3339), if a failure set one.
    pub next_attempt_at: Option<String>,
}

const MESSAGE: &str = "SELECT id, kind, subject, revision, body, created_at, status, attempts,
                              last_error, next_attempt_at FROM outbox";

fn message_row(r: &Row<'_>) -> rusqlite::Result<Message> {
    Ok(Message {
        id: r.get(0)?,
        kind: r.get(1)?,
        subject: r.get(2)?,
        revision: r.get(3)?,
        body: r.get(4)?,
        created_at: r.get(5)?,
        delivered: r.get::<_, String>(6)? == "delivered",
        attempts: r.get(7)?,
        last_error: r.get(8)?,
        next_attempt_at: r.get(9)?,
    })
}

/// Times compared as text must share one zone and one format: UTC, whole seconds, `Z`.
fn utc_text(at: DateTime<FixedOffset>) -> String {
    at.with_timezone(&Utc)
        .to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Writes a message inside the caller's transaction; returns its id.
pub(crate) fn enqueue(
    conn: &Connection,
    kind: Kind,
    subject: &str,
    revision: u32,
    body: &str,
    at: DateTime<FixedOffset>,
) -> Result<i64, Error> {
    conn.prepare_cached(
        "INSERT INTO outbox (kind, subject, revision, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        kind.as_str(),
        subject,
        revision,
        body,
        at.to_rfc3339_opts(SecondsFormat::Secs, false)
    ])?;
    Ok(conn.last_insert_rowid())
}

/// The message with this id.
pub fn get(conn: &Connection, id: i64) -> Result<Message, Error> {
    conn.prepare_cached(&format!("{MESSAGE} WHERE id = ?1"))?
        .query_row([id], message_row)
        .optional()?
        .ok_or_else(|| OutboxError::UnknownMessage(id).into())
}

/// The highest revision written for `subject`, if any.
pub fn latest(conn: &Connection, kind: Kind, subject: &str) -> Result<Option<Message>, Error> {
    Ok(conn
        .prepare_cached(&format!(
            "{MESSAGE} WHERE kind = ?1 AND subject = ?2 ORDER BY revision DESC LIMIT 1"
        ))?
        .query_row(params![kind.as_str(), subject], message_row)
        .optional()?)
}

/// Messages waiting to be sent and due at `now` (never tried, or their retry time has come),
/// oldest first, at most `limit`.
pub fn pending(
    conn: &Connection,
    now: DateTime<FixedOffset>,
    limit: u32,
) -> Result<Vec<Message>, Error> {
    let mut stmt = conn.prepare_cached(&format!(
        "{MESSAGE} WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?1)
         ORDER BY id LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![utc_text(now), limit], message_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many messages are not yet delivered (the "chưa đồng bộ" count), due now or later.
pub fn pending_count(conn: &Connection) -> Result<u32, Error> {
    Ok(conn
        .prepare_cached("SELECT COUNT(*) FROM outbox WHERE status = 'pending'")?
        .query_row([], |r| r.get(0))?)
}

/// Records that the hub accepted message `id` (or already had it: a 409 counts as delivered).
/// Marking a delivered message again changes nothing.
pub fn mark_delivered(conn: &Connection, id: i64, at: DateTime<FixedOffset>) -> Result<(), Error> {
    let message = get(conn, id)?;
    if message.delivered {
        return Ok(());
    }
    conn.prepare_cached(
        "UPDATE outbox SET status = 'delivered', delivered_at = ?2, next_attempt_at = NULL
         WHERE id = ?1",
    )?
    .execute(params![id, at.to_rfc3339_opts(SecondsFormat::Secs, false)])?;
    Ok(())
}

/// Records a failed attempt at message `id`: the error, one more attempt, and the time before
/// which it is not tried again (the caller's backoff).
pub fn record_failure(
    conn: &Connection,
    id: i64,
    error: &str,
    next_attempt_at: DateTime<FixedOffset>,
) -> Result<(), Error> {
    let message = get(conn, id)?;
    if message.delivered {
        return Err(OutboxError::AlreadyDelivered(id).into());
    }
    // A hostile or chatty server must not fill the disk through error texts.
    let error: String = error.chars().take(500).collect();
    conn.prepare_cached(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?2, next_attempt_at = ?3
         WHERE id = ?1",
    )?
    .execute(params![id, error, utc_text(next_attempt_at)])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn at(hour: u32) -> DateTime<FixedOffset> {
        FixedOffset::east_opt(7 * 3600)
            .unwrap()
            .with_ymd_and_hms(2026, 11, 30, hour, 0, 0)
            .unwrap()
    }

    #[test]
    fn messages_wait_fail_retry_later_and_are_delivered_once() {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::store::open(&dir.path().join("till.db")).unwrap();
        let kind = Kind::DailySummary;
        let first = enqueue(&conn, kind, "P-01/2026-11-29", 1, "{}", at(21)).unwrap();
        let second = enqueue(&conn, kind, "P-01/2026-11-30", 1, "{}", at(21)).unwrap();
        let third = enqueue(&conn, kind, "P-01/2026-11-30", 2, "{\"r\":2}", at(22)).unwrap();
        assert!(enqueue(&conn, kind, "P-01/2026-11-30", 2, "{}", at(22)).is_err());
        assert_eq!(
            latest(&conn, kind, "P-01/2026-11-30").unwrap().unwrap().id,
            third
        );
        assert_eq!(latest(&conn, kind, "P-01/2026-12-01").unwrap(), None);
        assert_eq!(pending_count(&conn).unwrap(), 3);

        // The hub is down: the first message is retried after 10 minutes, not before.
        record_failure(
            &conn,
            first,
            "connection refused",
            at(22) + Duration::minutes(10),
        )
        .unwrap();
        let ids = |now| -> Vec<i64> {
            pending(&conn, now, 10)
                .unwrap()
                .into_iter()
                .map(|m| m.id)
                .collect()
        };
        assert_eq!(ids(at(22)), [second, third]);
        // The same instant written in UTC compares the same way.
        let utc =
            (at(22) + Duration::minutes(10)).with_timezone(&FixedOffset::east_opt(0).unwrap());
        assert_eq!(ids(utc), [first, second, third]);
        let failed = get(&conn, first).unwrap();
        assert_eq!(
            (failed.attempts, failed.last_error.as_str()),
            (1, "connection refused")
        );
        assert_eq!(
            failed.next_attempt_at.as_deref(),
            Some("2026-11-30T15:10:00Z")
        );

        mark_delivered(&conn, first, at(23)).unwrap();
        mark_delivered(&conn, first, at(23)).unwrap();
        assert!(get(&conn, first).unwrap().delivered);
        assert_eq!(ids(at(23)), [second, third]);
        assert_eq!(pending_count(&conn).unwrap(), 2);
        assert!(matches!(
            record_failure(&conn, first, "late", at(23)),
            Err(Error::Outbox(OutboxError::AlreadyDelivered(_)))
        ));
        assert!(matches!(
            mark_delivered(&conn, 999, at(23)),
            Err(Error::Outbox(OutboxError::UnknownMessage(999)))
        ));
        assert_eq!(pending(&conn, at(23), 1).unwrap().len(), 1);
    }
}
