//! The outbox pusher: sends every due daily summary, marks it delivered on success or on a 409,
//! and otherwise records the error and when to try again (exponential backoff with jitter). All
//! its state is in the outbox table, so it survives restarts.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use rusqlite::Connection;

use super::client::{Client, Delivery, Error};
use crate::store::{self, outbox};

/// First retry after this many seconds; doubled each failure.
pub const BACKOFF_MIN_SECONDS: i64 = 30;
/// Retries are at most this far apart.
pub const BACKOFF_MAX_SECONDS: i64 = 6 * 3600;
/// A refusal (401, 403, 422) waits this long before the worker tries again on its own; the manager
/// fixes the cause and runs `ocop-pos sync push`, which tries at once.
pub const REFUSED_WAIT_SECONDS: i64 = 24 * 3600;

/// How long to wait after the `attempt`-th failure (1, 2, …): `30 s · 2^(attempt−1)` capped at
/// 6 h, then a random point in its upper half, so tills that lost the hub together do not all come
/// back at the same second. `random` is any uniformly random number.
pub fn backoff(attempt: u32, random: u64) -> Duration {
    let shift = attempt.saturating_sub(1).min(20);
    let full = BACKOFF_MIN_SECONDS
        .saturating_mul(1_i64 << shift)
        .min(BACKOFF_MAX_SECONDS);
    let half = full / 2;
    let spread = u64::try_from(full - half + 1).unwrap_or(1);
    Duration::seconds(half + i64::try_from(random % spread).unwrap_or(0))
}

/// A random number from the system, 0 if it fails (the delay is then its shortest).
pub fn system_random() -> u64 {
    let mut bytes = [0_u8; 8];
    match getrandom::fill(&mut bytes) {
        Ok(()) => u64::from_le_bytes(bytes),
        Err(_) => 0,
    }
}

/// What one round did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Round {
    /// Accepted by the hub (stored, replaced, or already there).
    pub delivered: u32,
    /// 409: the hub keeps a higher revision; counted as delivered.
    pub conflicts: u32,
    /// Refused (401, 403, 422…): errors for the manager.
    pub refused: Vec<String>,
    /// Hub unreachable or busy: waiting for the next attempt.
    pub waiting: u32,
}

/// Which messages a round sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// Only those whose retry time has come (the background worker).
    Due,
    /// Every undelivered one (the manager's `sync push`).
    All,
}

fn subject_parts(subject: &str) -> Option<(&str, NaiveDate)> {
    let (point, date) = subject.rsplit_once('/')?;
    Some((point, date.parse().ok()?))
}

/// Sends the outbox's pending daily summaries, oldest first. Stops at the first transient failure:
/// when the hub is down, one attempt per round is enough.
pub fn round(
    conn: &Connection,
    client: &Client,
    which: Which,
    now: DateTime<FixedOffset>,
    random: &mut dyn FnMut() -> u64,
) -> Result<Round, store::Error> {
    let horizon = match which {
        Which::Due => now,
        Which::All => now + Duration::days(365 * 100),
    };
    let mut done = Round::default();
    for message in outbox::pending(conn, horizon, 10_000)? {
        if message.kind != outbox::Kind::DailySummary.as_str() {
            continue;
        }
        let Some((point, date)) = subject_parts(&message.subject) else {
            let why = format!("thư số {} có chủ đề lạ '{}'", message.id, message.subject);
            let later = now + Duration::seconds(REFUSED_WAIT_SECONDS);
            outbox::record_failure(conn, message.id, &why, later)?;
            done.refused.push(why);
            continue;
        };
        match client.put_day(point, date, &message.body) {
            Ok(Delivery::Accepted(_)) => {
                outbox::mark_delivered(conn, message.id, now)?;
                done.delivered += 1;
            }
            Ok(Delivery::Conflict(why)) => {
                tracing::warn!(subject = %message.subject, %why, "hub keeps a higher revision");
                outbox::mark_delivered(conn, message.id, now)?;
                done.conflicts += 1;
            }
            Err(e) if e.is_transient() => {
                let later = now + backoff(message.attempts + 1, random());
                outbox::record_failure(conn, message.id, &e.to_string(), later)?;
                done.waiting += 1;
                break;
            }
            Err(e) => {
                let why = format!("{}: {e}", message.subject);
                let later = now + Duration::seconds(REFUSED_WAIT_SECONDS);
                outbox::record_failure(conn, message.id, &refused_text(&e), later)?;
                done.refused.push(why);
            }
        }
    }
    Ok(done)
}

/// The error kept in the outbox for a refusal: marked so `sync status` can tell it from an outage.
fn refused_text(e: &Error) -> String {
    format!("cần sửa: {e}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_caps_and_jitters_within_the_upper_half() {
        assert_eq!(backoff(1, 0), Duration::seconds(15));
        assert_eq!(
            backoff(1, u64::MAX),
            Duration::seconds(15 + (u64::MAX % 16) as i64)
        );
        assert_eq!(backoff(2, 0), Duration::seconds(30));
        assert_eq!(backoff(3, 30), Duration::seconds(60 + 30));
        assert_eq!(backoff(40, 0), Duration::seconds(BACKOFF_MAX_SECONDS / 2));
        for r in 0..1000 {
            let d = backoff(5, r * 7919).num_seconds();
            assert!((240..=480).contains(&d), "{d}");
        }
    }

    #[test]
    fn subjects_split_at_the_last_slash() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(
            subject_parts("HOIAN-01/2026-11-30"),
            Some(("HOIAN-01", date))
        );
        assert_eq!(subject_parts("HOIAN-01"), None);
        assert_eq!(subject_parts("X/2026-13-01"), None);
    }
}
