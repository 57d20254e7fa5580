//! How dashboard logins are guarded: the lockout after wrong passwords (counted in the database)
//! and the session cookie's attributes (`Secure` when the hub sits behind a TLS proxy). Every
//! attempt is logged for the audit trail, never with the password.

use axum::http::{HeaderValue, header};
use axum::response::Response;
use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::api::ApiError;
use super::store::{logins, staff};

/// The dashboard's login security settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Security {
    /// Mark the session cookie `Secure`, so browsers send it only over HTTPS. Set it when a TLS
    /// proxy sits in front of the hub (the hub itself speaks plain HTTP).
    pub secure_cookies: bool,
    /// Wrong passwords before a lock, and the lock's length.
    pub lockout: logins::Policy,
}

/// What a login form came to.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// A new session: its cookie token.
    Session(String),
    /// Wrong name or password.
    Denied,
    /// The user is locked out until then.
    Locked(DateTime<Utc>),
}

/// Checks a login form under `security`, opening a session when it is right.
pub(crate) fn attempt(
    conn: &mut Connection,
    username: &str,
    password: &str,
    security: Security,
) -> Result<Outcome, ApiError> {
    let now = Utc::now();
    match logins::attempt(conn, username, password, now, security.lockout)? {
        logins::Attempt::Granted => {
            let (token, _) = staff::open_session(conn, username, now)?;
            tracing::info!(user = username, "dashboard login");
            Ok(Outcome::Session(token))
        }
        logins::Attempt::Denied => {
            tracing::warn!(
                user = username,
                "dashboard login refused: wrong name or password"
            );
            Ok(Outcome::Denied)
        }
        logins::Attempt::Locked { until } => {
            tracing::warn!(user = username, %until, "dashboard login refused: user locked out");
            Ok(Outcome::Locked(until))
        }
    }
}

/// The `Set-Cookie` value of a new session.
pub(crate) fn session_cookie(security: Security, name: &str, token: &str) -> String {
    let secure = if security.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    format!(
        "{name}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{secure}",
        staff::SESSION_HOURS * 3600
    )
}

fn seconds_left(until: DateTime<Utc>) -> i64 {
    (until - Utc::now()).num_seconds().max(1)
}

/// The Vietnamese message for a user locked out until `until`, with the minutes left (rounded
/// up).
pub(crate) fn locked_message(until: DateTime<Utc>, english: bool) -> String {
    let minutes = (seconds_left(until) + 59) / 60;
    if english {
        return format!(
            "This account is locked after too many wrong passwords. \
             Try again in {minutes} min, or ask an administrator to set a new password."
        );
    }
    format!(
        "Tài khoản đang tạm khoá vì nhập sai mật khẩu quá nhiều lần. \
         Hãy thử lại sau {minutes} phút, hoặc nhờ quản trị viên đặt lại mật khẩu."
    )
}

/// The refusal page of a locked-out user, with `Retry-After`.
pub(crate) fn locked_page(mut page: Response, until: DateTime<Utc>) -> Response {
    page.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(seconds_left(until)));
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_is_secure_only_when_asked() {
        let plain = session_cookie(Security::default(), "s", "t");
        assert_eq!(
            plain,
            "s=t; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200"
        );
        let secure = Security {
            secure_cookies: true,
            ..Security::default()
        };
        assert!(session_cookie(secure, "s", "t").ends_with("; Max-Age=43200; Secure"));
    }

    #[test]
    fn the_lock_message_rounds_minutes_up() {
        let later = Utc::now() + chrono::Duration::seconds(14 * 60 + 30);
        let msg = locked_message(later, false);
        assert!(msg.contains("sau 15 phút"), "{msg}");
        assert!(locked_message(Utc::now(), false).contains("sau 1 phút"));
        assert!(locked_message(Utc::now(), true).contains("in 1 min"));
    }
}
