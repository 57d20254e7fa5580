//! The sync status the settings show: what waits for the hub, since when, the last delivery and
//! the last error.

use rusqlite::Connection;

use crate::store::Error;

/// Where the daily summaries stand with the hub.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncStatus {
    /// Messages not yet delivered.
    pub waiting: u32,
    /// The oldest waiting message's subject (`POINT/YYYY-MM-DD`).
    pub oldest_waiting: Option<String>,
    /// When the hub last took a message (RFC 3339).
    pub last_delivered_at: Option<String>,
    /// The newest failure of a waiting message.
    pub last_error: Option<String>,
}

/// Reads the status from the outbox.
pub fn sync_status(conn: &Connection) -> Result<SyncStatus, Error> {
    let (waiting, oldest_waiting, last_delivered_at, last_error) = conn.query_row(
        "SELECT
             (SELECT COUNT(*) FROM outbox WHERE status = 'pending'),
             (SELECT subject FROM outbox WHERE status = 'pending' ORDER BY id LIMIT 1),
             (SELECT MAX(delivered_at) FROM outbox WHERE status = 'delivered'),
             (SELECT last_error FROM outbox WHERE status = 'pending' AND last_error <> ''
              ORDER BY id DESC LIMIT 1)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    Ok(SyncStatus {
        waiting,
        oldest_waiting,
        last_delivered_at,
        last_error,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store;

    #[test]
    fn counts_waiting_days_and_keeps_the_last_error_and_delivery() {
        let dir = tempfile::tempdir().unwrap();
        let conn = store::open(&dir.path().join("till.db")).unwrap();
        assert_eq!(sync_status(&conn).unwrap(), SyncStatus::default());
        conn.execute_batch(
            "INSERT INTO outbox (kind, subject, revision, body, created_at, status, delivered_at)
                 VALUES ('daily_summary', 'P/2026-11-01', 1, '{}', '2026-11-01T22:00:00+07:00',
                         'delivered', '2026-11-01T22:01:00+07:00');
             INSERT INTO outbox (kind, subject, revision, body, created_at, attempts, last_error)
                 VALUES ('daily_summary', 'P/2026-11-02', 1, '{}', '2026-11-02T22:00:00+07:00',
                         2, 'máy chủ không trả lời'),
                        ('daily_summary', 'P/2026-11-03', 1, '{}', '2026-11-03T22:00:00+07:00',
                         0, '');",
        )
        .unwrap();
        let status = sync_status(&conn).unwrap();
        assert_eq!(status.waiting, 2);
        assert_eq!(status.oldest_waiting.as_deref(), Some("P/2026-11-02"));
        assert_eq!(
            status.last_delivered_at.as_deref(),
            Some("2026-11-01T22:01:00+07:00")
        );
        assert_eq!(status.last_error.as_deref(), Some("máy chủ không trả lời"));
    }
}
