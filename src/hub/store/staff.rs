//! Provincial staff (argon2id passwords) and their dashboard sessions: a random cookie token stored
//! hashed, with its CSRF token and expiry.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::Error;
use crate::hub::auth;

/// How long a session lasts.
pub const SESSION_HOURS: i64 = 12;

/// Shortest password accepted.
pub const MIN_PASSWORD: usize = 10;

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn crypto(e: impl std::fmt::Display) -> Error {
    Error::Random(e.to_string())
}

fn hash_password(password: &str) -> Result<String, Error> {
    let mut salt = [0_u8; 16];
    getrandom::fill(&mut salt).map_err(crypto)?;
    let salt = SaltString::encode_b64(&salt).map_err(crypto)?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(crypto)
}

/// Adds a staff account, or sets a new password for an existing one (lifting any lockout).
pub fn set(
    conn: &Connection,
    username: &str,
    password: &str,
    at: DateTime<Utc>,
) -> Result<(), Error> {
    if !super::points::valid_code(username) {
        return Err(Error::Invalid {
            field: "username",
            reason: "chỉ gồm 1–32 chữ, số, '-', '_' hoặc '.'",
        });
    }
    if password.chars().count() < MIN_PASSWORD {
        return Err(Error::Invalid {
            field: "password",
            reason: "phải có ít nhất 10 ký tự",
        });
    }
    conn.execute(
        "INSERT INTO staff (username, password_hash, created_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash",
        params![username, hash_password(password)?, stamp(at)],
    )?;
    // A new password from the administrator also lifts a login lockout.
    super::logins::clear(conn, username)?;
    Ok(())
}

/// Whether `password` is `username`'s. An unknown user costs the same argon2 work.
pub fn check(conn: &Connection, username: &str, password: &str) -> Result<bool, Error> {
    let stored: Option<String> = conn
        .prepare_cached("SELECT password_hash FROM staff WHERE username = ?1")?
        .query_row([username], |r| r.get(0))
        .optional()?;
    // A fixed hash of a random string keeps the timing of unknown users like known ones.
    let dummy = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0cEZRoCExHAEHdn4c9yhIhxrmeBnIiVzXn1iFn5ApYQ";
    let hash = stored.as_deref().unwrap_or(dummy);
    let matches = PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false);
    Ok(matches && stored.is_some())
}

/// A signed-in staff member's session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Who.
    pub username: String,
    /// The token every form must carry back.
    pub csrf: String,
}

/// Opens a session; returns the cookie token and the session.
pub fn open_session(
    conn: &Connection,
    username: &str,
    at: DateTime<Utc>,
) -> Result<(String, Session), Error> {
    let token = auth::new_token().map_err(crypto)?;
    let csrf = auth::new_token().map_err(crypto)?;
    conn.execute(
        "INSERT INTO sessions (token_hash, username, csrf, expires_at) VALUES (?1, ?2, ?3, ?4)",
        params![
            auth::hash(&token).as_slice(),
            username,
            csrf,
            stamp(at + Duration::hours(SESSION_HOURS))
        ],
    )?;
    Ok((
        token,
        Session {
            username: username.to_owned(),
            csrf,
        },
    ))
}

/// The live session of a cookie token.
pub fn session(
    conn: &Connection,
    token: &str,
    at: DateTime<Utc>,
) -> Result<Option<Session>, Error> {
    Ok(conn
        .prepare_cached(
            "SELECT username, csrf FROM sessions WHERE token_hash = ?1 AND expires_at > ?2",
        )?
        .query_row(params![auth::hash(token).as_slice(), stamp(at)], |r| {
            Ok(Session {
                username: r.get(0)?,
                csrf: r.get(1)?,
            })
        })
        .optional()?)
}

/// Ends a session.
pub fn close_session(conn: &Connection, token: &str) -> Result<(), Error> {
    conn.execute(
        "DELETE FROM sessions WHERE token_hash = ?1",
        [auth::hash(token).as_slice()],
    )?;
    Ok(())
}
