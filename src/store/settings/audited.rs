//! Settings changed from the back office: stored and written to the audit log with what changed.

use chrono::{DateTime, FixedOffset};
use rusqlite::Connection;

use super::{PointProfile, point, set_point};
use crate::domain::auth::{AuditAction, UserId};
use crate::store::{Error, audit};

/// Validates and stores `profile` in one transaction with its audit entry ("tên: A → B; …").
/// The point code cannot change here: shifts, receipts and the hub's records are keyed by it.
pub fn change_point(
    conn: &mut Connection,
    profile: &PointProfile,
    by: UserId,
    now: DateTime<FixedOffset>,
) -> Result<(), Error> {
    let tx = conn.transaction()?;
    let old = point(&tx)?.unwrap_or_default();
    if !old.code.is_empty() && old.code != profile.code {
        return Err(Error::Setting(
            "không đổi được mã điểm bán: ca, hóa đơn và dữ liệu gửi sở đều gắn với mã này",
        ));
    }
    set_point(&tx, profile)?;
    let mut changes = Vec::new();
    for (what, before, after) in [
        ("tên", &old.name, &profile.name),
        ("địa chỉ", &old.address, &profile.address),
        ("mã số thuế", &old.tax_code, &profile.tax_code),
    ] {
        if before.trim() != after.trim() {
            changes.push(format!("{what}: {} → {}", before.trim(), after.trim()));
        }
    }
    if !changes.is_empty() {
        record(&tx, by, now, "point", &changes.join("; "))?;
    }
    tx.commit()?;
    Ok(())
}

/// Records a settings change (e.g. of the configuration file) made by `by`.
pub fn record(
    conn: &Connection,
    by: UserId,
    now: DateTime<FixedOffset>,
    subject: &str,
    detail: &str,
) -> Result<(), Error> {
    audit::record(
        conn,
        &audit::Entry {
            at: now,
            user: Some(by),
            approved_by: None,
            action: AuditAction::SettingsChanged,
            subject,
            detail,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store;

    #[test]
    fn a_profile_change_is_audited_and_the_code_stays() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = store::open(&dir.path().join("till.db")).unwrap();
        let now = chrono::Utc::now().fixed_offset();
        conn.execute(
            "INSERT INTO users (id, name, role, pin_hash, created_at) VALUES (1, 'a', 'admin', 'x', ?1)",
            [now.to_rfc3339()],
        )
        .unwrap();
        let mut profile = PointProfile {
            code: "HOIAN-01".into(),
            name: "Điểm Hội An".into(),
            ..PointProfile::default()
        };
        set_point(&conn, &profile).unwrap();
        profile.name = "Điểm bán Hội An".into();
        change_point(&mut conn, &profile, UserId(1), now).unwrap();
        assert_eq!(point(&conn).unwrap().unwrap().name, "Điểm bán Hội An");
        let detail: String = conn
            .query_row(
                "SELECT detail FROM audit WHERE action = 'settings_changed'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(detail, "tên: Điểm Hội An → Điểm bán Hội An");
        profile.code = "HOIAN-02".into();
        assert!(matches!(
            change_point(&mut conn, &profile, UserId(1), now),
            Err(Error::Setting(_))
        ));
        profile.code = "HOIAN-01".into();
        profile.name = " ".into();
        assert!(change_point(&mut conn, &profile, UserId(1), now).is_err());
        assert_eq!(point(&conn).unwrap().unwrap().name, "Điểm bán Hội An");
    }
}
