//! Schema migrations: plain SQL files under `migrations/till/`, applied in order inside one
//! transaction, with `PRAGMA user_version` recording how many have run.

use rusqlite::Connection;

use super::Error;

/// Every till migration, in order. Append only: a merged migration is never edited.
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_catalogue",
        include_str!("../../migrations/till/0001_catalogue.sql"),
    ),
    (
        "0002_sales",
        include_str!("../../migrations/till/0002_sales.sql"),
    ),
    (
        "0003_search_index",
        include_str!("../../migrations/till/0003_search_index.sql"),
    ),
    (
        "0004_operations",
        include_str!("../../migrations/till/0004_operations.sql"),
    ),
    (
        "0005_stock_ops",
        include_str!("../../migrations/till/0005_stock_ops.sql"),
    ),
    (
        "0006_print_queue",
        include_str!("../../migrations/till/0006_print_queue.sql"),
    ),
    (
        "0007_producer_listing",
        include_str!("../../migrations/till/0007_producer_listing.sql"),
    ),
];

/// The schema version a fully migrated database has.
pub fn latest_version() -> usize {
    MIGRATIONS.len()
}

/// The schema version of `conn` (`PRAGMA user_version`).
pub fn current_version(conn: &Connection) -> Result<usize, Error> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    usize::try_from(version).map_err(|_| Error::SchemaVersion {
        found: version,
        known: latest_version(),
    })
}

/// Brings `conn` up to `target` migrations (at most `latest_version()`), all in one transaction: a
/// failure leaves the database exactly as it was.
pub fn migrate_to(conn: &mut Connection, target: usize) -> Result<usize, Error> {
    let current = current_version(conn)?;
    if current > latest_version() {
        return Err(Error::SchemaVersion {
            found: i64::try_from(current).unwrap_or(i64::MAX),
            known: latest_version(),
        });
    }
    let target = target.min(latest_version());
    if current >= target {
        return Ok(current);
    }
    let tx = conn.transaction()?;
    for (name, sql) in &MIGRATIONS[current..target] {
        tx.execute_batch(sql).map_err(|source| Error::Migration {
            name: (*name).to_owned(),
            source,
        })?;
    }
    tx.pragma_update(None, "user_version", target as i64)?;
    tx.commit()?;
    Ok(target)
}
