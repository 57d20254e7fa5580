//! What the terminal asks of people: PINs on standard input, sign-in, a manager's approval, and
//! times as people read them.

use std::io::{self, BufRead, IsTerminal};

use anyhow::{Context as _, Result};
use chrono::{DateTime, FixedOffset, Utc};

use ocop_pos::config::Config;
use ocop_pos::domain::auth::{Approval, UserId};
use ocop_pos::store::users;

/// Now, in the business offset.
pub fn now(config: &Config) -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&config.business.utc_offset.0)
}

/// Checks the PIN (read from standard input) of the user called `name`.
pub fn sign_in(conn: &rusqlite::Connection, name: &str, config: &Config) -> Result<UserId> {
    let user = users::find_by_name(conn, name)?
        .with_context(|| format!("không có người dùng \"{name}\""))?;
    let pin = read_pin()?;
    Ok(users::verify(conn, user.id, &pin, config.lockout(), now(config))?.id)
}

/// A manager's approval: the PIN of `name` read from standard input.
pub fn approve(conn: &rusqlite::Connection, name: &str, config: &Config) -> Result<Approval> {
    let pin = read_pin()?;
    Ok(users::approve(
        conn,
        name,
        &pin,
        config.lockout(),
        now(config),
    )?)
}

/// An RFC 3339 time as people read it: `14:05 01/12/2026` (the text itself if it is not one).
pub fn local_time(text: &str) -> String {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.format("%H:%M %d/%m/%Y").to_string())
        .unwrap_or_else(|_| text.to_owned())
}

pub fn read_pin() -> Result<String> {
    if io::stdin().is_terminal() {
        eprint!("Nhập mã PIN (4–8 chữ số): ");
    }
    let mut line = String::new();
    io::stdin()
        .lock()
        .read_line(&mut line)
        .context("không đọc được mã PIN")?;
    Ok(line.trim().to_owned())
}
