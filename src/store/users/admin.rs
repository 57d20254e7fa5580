//! What only an admin does to other users: resetting a PIN (which also lifts a lockout).

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, params};

use super::{User, hash_pin};
use crate::domain::auth::{self, AuditAction, Role};
use crate::store::{Error, audit};

/// Sets a new PIN for the user named `name` and clears their wrong-PIN count and lockout; only an
/// admin (`by`) may. Audited, without the PIN.
pub fn reset_pin(
    conn: &Connection,
    by: &User,
    name: &str,
    pin: &str,
    now: DateTime<FixedOffset>,
) -> Result<(), Error> {
    if by.role != Role::Admin {
        return Err(Error::Setting(
            "chỉ quản trị viên được đặt lại mã PIN / only an admin may reset a PIN",
        ));
    }
    auth::validate_pin(pin)?;
    let hash = hash_pin(pin)?;
    let changed = conn.execute(
        "UPDATE users SET pin_hash = ?2, failed_attempts = 0, locked_until = NULL
         WHERE name = ?1 AND active = 1",
        params![name, hash],
    )?;
    if changed != 1 {
        return Err(Error::UnknownUser(name.to_owned()));
    }
    audit::record(
        conn,
        &audit::Entry {
            at: now,
            user: Some(by.id),
            approved_by: None,
            action: AuditAction::PinReset,
            subject: name,
            detail: "",
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{self, users};

    #[test]
    fn an_admin_resets_a_pin_a_manager_may_not() {
        let dir = tempfile::tempdir().unwrap();
        let conn = store::open(&dir.path().join("till.db")).unwrap();
        let now = chrono::Utc::now().fixed_offset();
        let admin_id = users::add(&conn, "admin", Role::Admin, "1234", None, now).unwrap();
        let lan = users::add(&conn, "lan", Role::Clerk, "2468", None, now).unwrap();
        let boss = users::add(&conn, "hoa", Role::Manager, "1357", None, now).unwrap();
        let admin = User {
            id: admin_id,
            name: "admin".into(),
            role: Role::Admin,
        };
        let manager = User {
            id: boss,
            name: "hoa".into(),
            role: Role::Manager,
        };
        let policy = users::LockoutPolicy::default();
        assert!(matches!(
            reset_pin(&conn, &manager, "lan", "9999", now),
            Err(Error::Setting(_))
        ));
        assert!(matches!(
            reset_pin(&conn, &admin, "lan", "12", now),
            Err(Error::Auth(_))
        ));
        assert!(matches!(
            reset_pin(&conn, &admin, "nobody", "9999", now),
            Err(Error::UnknownUser(_))
        ));
        reset_pin(&conn, &admin, "lan", "9999", now).unwrap();
        assert!(users::verify(&conn, lan, "2468", policy, now).is_err());
        assert_eq!(
            users::verify(&conn, lan, "9999", policy, now).unwrap().name,
            "lan"
        );
        let audited: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM audit WHERE action = 'pin_reset' AND subject = 'lan'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(audited, 1);
    }
}
