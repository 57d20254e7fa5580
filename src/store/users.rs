//! Users, their argon2-hashed PINs and lockout after repeated wrong PINs.

mod admin;

pub use admin::reset_pin;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::{DateTime, Duration, FixedOffset};
use rusqlite::{Connection, OptionalExtension, params};

use super::{Error, audit};
use crate::domain::auth::{self, Approval, AuditAction, Role, UserId};

/// How many wrong PINs lock a user out, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LockoutPolicy {
    /// Wrong PINs in a row that lock the user.
    pub max_failures: u32,
    /// Minutes the user stays locked.
    pub lock_minutes: u32,
}

impl Default for LockoutPolicy {
    fn default() -> Self {
        LockoutPolicy {
            max_failures: 5,
            lock_minutes: 15,
        }
    }
}

/// A user as the login screen lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Database id.
    pub id: UserId,
    /// Display and login name.
    pub name: String,
    /// What they may do.
    pub role: Role,
}

/// Hashes a PIN with argon2id and a random salt.
fn hash_pin(pin: &str) -> Result<String, Error> {
    let mut salt = [0_u8; 16];
    getrandom::fill(&mut salt).map_err(|e| Error::Crypto(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| Error::Crypto(e.to_string()))?;
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Crypto(e.to_string()))
}

fn pin_matches(pin: &str, stored: &str) -> Result<bool, Error> {
    let parsed = PasswordHash::new(stored).map_err(|e| Error::Crypto(e.to_string()))?;
    Ok(Argon2::default()
        .verify_password(pin.as_bytes(), &parsed)
        .is_ok())
}

/// Creates a user; the name must be new and the PIN 4–8 digits. Audited.
pub fn add(
    conn: &Connection,
    name: &str,
    role: Role,
    pin: &str,
    by: Option<UserId>,
    now: DateTime<FixedOffset>,
) -> Result<UserId, Error> {
    let name = auth::validate_user_name(name)?;
    auth::validate_pin(pin)?;
    if find_by_name(conn, name)?.is_some() {
        return Err(Error::DuplicateUser(name.to_owned()));
    }
    let hash = hash_pin(pin)?;
    conn.execute(
        "INSERT INTO users (name, role, pin_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![name, role.as_str(), hash, now.to_rfc3339()],
    )?;
    let id = UserId(conn.last_insert_rowid());
    audit::record(
        conn,
        &audit::Entry {
            at: now,
            user: by,
            approved_by: None,
            action: AuditAction::UserAdded,
            subject: name,
            detail: role.as_str(),
        },
    )?;
    Ok(id)
}

fn role_from_db(text: &str) -> rusqlite::Result<Role> {
    text.parse().map_err(|e: auth::AuthError| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Reads a user from a row of `id, name, role`.
fn user_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        id: UserId(r.get(0)?),
        name: r.get(1)?,
        role: role_from_db(&r.get::<_, String>(2)?)?,
    })
}

/// Active users, by name.
pub fn list(conn: &Connection) -> Result<Vec<User>, Error> {
    let mut stmt =
        conn.prepare("SELECT id, name, role FROM users WHERE active = 1 ORDER BY name")?;
    let users = stmt.query_map([], user_from_row)?;
    Ok(users.collect::<Result<_, _>>()?)
}

/// The user with this name, if any.
pub fn find_by_name(conn: &Connection, name: &str) -> Result<Option<User>, Error> {
    Ok(conn
        .query_row(
            "SELECT id, name, role FROM users WHERE name = ?1 AND active = 1",
            [name.trim()],
            user_from_row,
        )
        .optional()?)
}

/// Whether any user exists (the first run creates the admin).
pub fn any_exist(conn: &Connection) -> Result<bool, Error> {
    Ok(conn.query_row("SELECT EXISTS (SELECT 1 FROM users)", [], |r| r.get(0))?)
}

/// Checks `pin` for `user`, counting wrong PINs toward a lockout. A locked user is refused even with
/// the right PIN until the lock ends.
pub fn verify(
    conn: &Connection,
    user: UserId,
    pin: &str,
    policy: LockoutPolicy,
    now: DateTime<FixedOffset>,
) -> Result<User, Error> {
    let row: Option<(String, String, String, i64, Option<String>)> = conn
        .query_row(
            "SELECT name, role, pin_hash, failed_attempts, locked_until
             FROM users WHERE id = ?1 AND active = 1",
            [user.0],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((name, role, hash, failures, locked_until)) = row else {
        return Err(Error::UnknownUser(user.0.to_string()));
    };
    if let Some(until) = locked_until
        .as_deref()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .filter(|until| *until > now)
    {
        return Err(Error::Locked { until });
    }
    if pin_matches(pin, &hash)? {
        conn.execute(
            "UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?1",
            [user.0],
        )?;
        return Ok(User {
            id: user,
            name,
            role: role_from_db(&role)?,
        });
    }
    let failures = u32::try_from(failures)
        .unwrap_or(u32::MAX)
        .saturating_add(1);
    if failures >= policy.max_failures {
        let until = now + Duration::minutes(i64::from(policy.lock_minutes));
        conn.execute(
            "UPDATE users SET failed_attempts = 0, locked_until = ?2 WHERE id = ?1",
            params![user.0, until.to_rfc3339()],
        )?;
        audit::record(
            conn,
            &audit::Entry {
                at: now,
                user: Some(user),
                approved_by: None,
                action: AuditAction::PinLockout,
                subject: &name,
                detail: &format!("{failures} wrong PINs"),
            },
        )?;
        return Err(Error::Locked { until });
    }
    conn.execute(
        "UPDATE users SET failed_attempts = ?2 WHERE id = ?1",
        params![user.0, failures],
    )?;
    Err(Error::WrongPin {
        remaining: policy.max_failures - failures,
    })
}

/// A manager's (or admin's) approval: their name and PIN, checked like a login.
pub fn approve(
    conn: &Connection,
    manager_name: &str,
    pin: &str,
    policy: LockoutPolicy,
    now: DateTime<FixedOffset>,
) -> Result<Approval, Error> {
    let user = find_by_name(conn, manager_name)?
        .ok_or_else(|| Error::UnknownUser(manager_name.trim().to_owned()))?;
    let user = verify(conn, user.id, pin, policy, now)?;
    if !user.role.can_approve() {
        return Err(Error::NotManager(user.name));
    }
    Ok(Approval { manager: user.id })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<FixedOffset> {
        FixedOffset::east_opt(7 * 3600)
            .unwrap()
            .with_ymd_and_hms(2026, 11, 30, 9, 0, 0)
            .unwrap()
    }

    fn db() -> (tempfile::TempDir, Connection) {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::store::open(&dir.path().join("till.db")).unwrap();
        (dir, conn)
    }

    #[test]
    fn pins_are_hashed_and_checked() {
        let (_dir, conn) = db();
        let id = add(&conn, "Lan", Role::Clerk, "2468", None, now()).unwrap();
        let stored: String = conn
            .query_row("SELECT pin_hash FROM users WHERE id = ?1", [id.0], |r| {
                r.get(0)
            })
            .unwrap();
        assert!(stored.starts_with("$argon2id$"), "{stored}");
        assert!(!stored.contains("2468"));
        let user = verify(&conn, id, "2468", LockoutPolicy::default(), now()).unwrap();
        assert_eq!((user.name.as_str(), user.role), ("Lan", Role::Clerk));
        assert!(matches!(
            add(&conn, " Lan ", Role::Admin, "1111", None, now()),
            Err(Error::DuplicateUser(_))
        ));
        assert!(matches!(
            add(&conn, "Hoa", Role::Admin, "12", None, now()),
            Err(Error::Auth(auth::AuthError::BadPin))
        ));
    }

    #[test]
    fn five_wrong_pins_lock_out_then_the_lock_expires() {
        let (_dir, conn) = db();
        let policy = LockoutPolicy {
            max_failures: 5,
            lock_minutes: 15,
        };
        let id = add(&conn, "Minh", Role::Manager, "1357", None, now()).unwrap();
        for expected_left in (1..=4).rev() {
            match verify(&conn, id, "0000", policy, now()) {
                Err(Error::WrongPin { remaining }) => assert_eq!(remaining, expected_left),
                other => panic!("expected WrongPin, got {other:?}"),
            }
        }
        assert!(matches!(
            verify(&conn, id, "0000", policy, now()),
            Err(Error::Locked { .. })
        ));
        // Even the right PIN is refused while locked.
        let later = now() + Duration::minutes(14);
        assert!(matches!(
            verify(&conn, id, "1357", policy, later),
            Err(Error::Locked { .. })
        ));
        let after = now() + Duration::minutes(16);
        assert!(verify(&conn, id, "1357", policy, after).is_ok());
        let actions: Vec<String> = audit::recent(&conn, 10)
            .unwrap()
            .into_iter()
            .map(|r| r.action)
            .collect();
        assert_eq!(actions, ["pin_lockout", "user_added"]);
    }

    #[test]
    fn only_managers_approve() {
        let (_dir, conn) = db();
        add(&conn, "Lan", Role::Clerk, "2468", None, now()).unwrap();
        let boss = add(&conn, "Minh", Role::Manager, "1357", None, now()).unwrap();
        let policy = LockoutPolicy::default();
        assert!(matches!(
            approve(&conn, "Lan", "2468", policy, now()),
            Err(Error::NotManager(_))
        ));
        assert_eq!(
            approve(&conn, "Minh", "1357", policy, now()).unwrap(),
            Approval { manager: boss }
        );
        assert!(matches!(
            approve(&conn, "Ai", "1357", policy, now()),
            Err(Error::UnknownUser(_))
        ));
    }
}
