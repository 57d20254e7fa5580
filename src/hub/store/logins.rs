//! Dashboard login attempts with a lockout: after [`Policy::max_failures`] wrong passwords in a
//! row (within [`Policy::lock`] of the first), a staff user cannot log in until the lock ends. The
//! count lives in the database, so restarting the hub forgives nothing. Wrong names of no staff
//! user are not counted (there is nobody to lock) but cost the same argon2 work.

use chrono::{DateTime, Duration, SecondsFormat, SubsecRound, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::{Error, staff};

/// How many wrong passwords lock a user out, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Wrong passwords in a row that lock the user (at least 1).
    pub max_failures: u32,
    /// How long the lock lasts; also how far apart failures may be and still count together.
    pub lock: Duration,
}

impl Default for Policy {
    /// 5 wrong passwords, 15 minutes.
    fn default() -> Self {
        Policy {
            max_failures: 5,
            lock: Duration::minutes(15),
        }
    }
}

/// What a login attempt came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// The password is right: the failures are forgotten.
    Granted,
    /// Wrong name or password.
    Denied,
    /// The user is locked out until then (the password was not even checked, or this wrong one
    /// was the last allowed).
    Locked {
        /// When logins work again.
        until: DateTime<Utc>,
    },
}

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn parse(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// Checks `password` for `username` at `at` under `policy`, counting a wrong one.
pub fn attempt(
    conn: &mut Connection,
    username: &str,
    password: &str,
    at: DateTime<Utc>,
    policy: Policy,
) -> Result<Attempt, Error> {
    // To the millisecond, as stored, so a lock reads back as it was set.
    let at = at.trunc_subsecs(3);
    let tx = conn.transaction()?;
    let kept: Option<(u32, String, Option<String>)> = tx
        .prepare_cached(
            "SELECT failures, first_failed_at, locked_until FROM login_failures WHERE username = ?1",
        )?
        .query_row([username], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let locked_until = kept.as_ref().and_then(|k| k.2.as_deref()).and_then(parse);
    if let Some(until) = locked_until.filter(|until| *until > at) {
        return Ok(Attempt::Locked { until });
    }
    if staff::check(&tx, username, password)? {
        tx.execute("DELETE FROM login_failures WHERE username = ?1", [username])?;
        tx.commit()?;
        return Ok(Attempt::Granted);
    }
    let known = tx
        .prepare_cached("SELECT 1 FROM staff WHERE username = ?1")?
        .exists([username])?;
    if !known {
        return Ok(Attempt::Denied);
    }
    // Failures count together while the first is recent and no lock has ended since.
    let (failures, first) = match kept {
        Some((n, first, None)) if parse(&first).is_some_and(|f| at - f < policy.lock) => {
            (n.saturating_add(1), first)
        }
        _ => (1, stamp(at)),
    };
    let (failures, locked) = if failures >= policy.max_failures.max(1) {
        (0, Some(at + policy.lock))
    } else {
        (failures, None)
    };
    tx.execute(
        "INSERT INTO login_failures (username, failures, first_failed_at, locked_until)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (username) DO UPDATE SET failures = excluded.failures,
             first_failed_at = excluded.first_failed_at, locked_until = excluded.locked_until",
        params![username, failures, first, locked.map(stamp)],
    )?;
    tx.commit()?;
    Ok(locked.map_or(Attempt::Denied, |until| Attempt::Locked { until }))
}

/// Lifts a user's lock and forgets their failures (an administrator set a new password).
pub fn clear(conn: &Connection, username: &str) -> Result<(), Error> {
    conn.execute("DELETE FROM login_failures WHERE username = ?1", [username])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_wrong_passwords_lock_until_the_lock_ends() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = super::super::open(&super::super::path_in(dir.path())).unwrap();
        let t0 = Utc::now().trunc_subsecs(3);
        staff::set(&conn, "lan", "mật-khẩu-dài-1", t0).unwrap();
        let policy = Policy::default();
        let at = |s: i64| t0 + Duration::seconds(s);
        for s in 0..4 {
            assert_eq!(
                attempt(&mut conn, "lan", "sai", at(s), policy).unwrap(),
                Attempt::Denied
            );
        }
        let until = at(4) + policy.lock;
        assert_eq!(
            attempt(&mut conn, "lan", "sai", at(4), policy).unwrap(),
            Attempt::Locked { until }
        );
        assert_eq!(
            attempt(&mut conn, "lan", "mật-khẩu-dài-1", at(5), policy).unwrap(),
            Attempt::Locked { until }
        );
        let after = until + Duration::seconds(1);
        assert_eq!(
            attempt(&mut conn, "lan", "sai", after, policy).unwrap(),
            Attempt::Denied,
            "a new count starts after the lock"
        );
        assert_eq!(
            attempt(&mut conn, "lan", "mật-khẩu-dài-1", after, policy).unwrap(),
            Attempt::Granted
        );
        let left: i64 = conn
            .query_row("SELECT COUNT(*) FROM login_failures", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 0);
        // Failures further apart than the lock do not add up; unknown names are not counted.
        for s in 0..6 {
            let when = after + Duration::minutes(20 * s);
            assert_eq!(
                attempt(&mut conn, "lan", "sai", when, policy).unwrap(),
                Attempt::Denied
            );
            assert_eq!(
                attempt(&mut conn, "ai-do", "sai", when, policy).unwrap(),
                Attempt::Denied
            );
        }
    }
}
