//! What the store's unit tests share: a till database in a temporary folder with the sample OCOP
//! catalogue loaded.

use chrono::{DateTime, FixedOffset};
use rusqlite::Connection;
use tempfile::TempDir;

use super::catalog_import::{self, ImportMode};

/// 30 November 2026, 09:00 in Vietnam: the tests' clock.
pub(crate) fn nine_am() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-30T09:00:00+07:00").unwrap()
}

/// A migrated till database in a fresh folder with the sample catalogue imported at `at`.
pub(crate) fn sample_till(at: DateTime<FixedOffset>) -> (TempDir, Connection) {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = super::open(&dir.path().join("till.db")).unwrap();
    catalog_import::import(
        &mut conn,
        crate::setup::SAMPLE_CATALOGUE,
        ImportMode::Strict,
        None,
        at,
    )
    .unwrap();
    (dir, conn)
}
