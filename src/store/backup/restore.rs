//! Restoring a backup: check the file, refuse to go back in time without being told to, keep a copy
//! of what is replaced, copy with the backup API, migrate, and record it in the audit log.

use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::{BackupError, backup_to, copy, folder, io};
use crate::domain::auth::AuditAction;
use crate::store::{Error, audit, migrate, settings};

/// What a backup file holds, as checked before restoring it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspected {
    /// The file.
    pub path: PathBuf,
    /// Its schema version (`PRAGMA user_version`).
    pub schema_version: usize,
    /// The point it belongs to, if set up.
    pub point_code: Option<String>,
    /// Sales and refunds in it.
    pub sales: i64,
    /// Its latest activity (sale, stock move, audit row, document, shift…), if any.
    pub latest: Option<DateTime<FixedOffset>>,
}

/// A restore that went through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The backup restored.
    pub from: Inspected,
    /// The copy of the replaced database, in `backups/`.
    pub safety_copy: PathBuf,
    /// The schema version after migrating.
    pub schema_version: usize,
    /// Whether newer data was overwritten on purpose (`--force`).
    pub forced: bool,
}

/// Tables every till database has.
const TILL_TABLES: [&str; 8] = [
    "settings",
    "products",
    "users",
    "sales",
    "sale_lines",
    "payments",
    "stock_moves",
    "audit",
];

/// Where activity is timestamped (RFC 3339): (table, column).
const ACTIVITY: [(&str, &str); 11] = [
    ("sales", "completed_at"),
    ("stock_moves", "created_at"),
    ("audit", "at"),
    ("users", "created_at"),
    ("parked_carts", "parked_at"),
    ("documents", "created_at"),
    ("documents", "posted_at"),
    ("shifts", "opened_at"),
    ("shifts", "closed_at"),
    ("cash_moves", "at"),
    ("consignment_settlements", "settled_at"),
];

fn has_table(conn: &Connection, table: &str) -> Result<bool, Error> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
        [table],
        |r| r.get(0),
    )?)
}

/// The latest moment anything happened in the database behind `conn`.
pub fn latest_activity(conn: &Connection) -> Result<Option<DateTime<FixedOffset>>, Error> {
    let mut latest: Option<DateTime<FixedOffset>> = None;
    for (table, column) in ACTIVITY {
        if !has_table(conn, table)? {
            continue;
        }
        let max: Option<String> =
            conn.query_row(&format!("SELECT MAX({column}) FROM {table}"), [], |r| {
                r.get(0)
            })?;
        if let Some(at) = max.and_then(|m| DateTime::parse_from_rfc3339(&m).ok()) {
            latest = latest.max(Some(at));
        }
    }
    Ok(latest)
}

/// What SQLite's refusal means for a file to restore.
fn classify(path: &Path, err: rusqlite::Error) -> Error {
    match err.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => BackupError::NotADatabase(path.to_owned()).into(),
        Some(ErrorCode::DatabaseCorrupt) => BackupError::Corrupt {
            path: path.to_owned(),
            detail: err.to_string(),
        }
        .into(),
        _ => err.into(),
    }
}

fn open_read_only(path: &Path) -> Result<Connection, Error> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))
}

/// Checks a backup file without changing it: an SQLite file, `integrity_check` ok, the till's
/// tables, a schema version this build knows.
pub fn inspect(file: &Path) -> Result<Inspected, Error> {
    let mut header = [0_u8; 16];
    let mut handle = std::fs::File::open(file).map_err(io(file))?;
    // A file shorter than the header is no database either.
    let complete = match handle.read_exact(&mut header) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => false,
        Err(e) => return Err(io(file)(e)),
    };
    if !complete || &header != b"SQLite format 3\0" {
        return Err(BackupError::NotADatabase(file.to_owned()).into());
    }
    drop(handle);
    let conn = open_read_only(file)?;
    let integrity: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| classify(file, e))?;
    if integrity != ["ok"] {
        return Err(BackupError::Corrupt {
            path: file.to_owned(),
            detail: integrity.into_iter().take(3).collect::<Vec<_>>().join("; "),
        }
        .into());
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let known = migrate::latest_version();
    let schema_version = usize::try_from(version).unwrap_or(usize::MAX);
    if schema_version > known {
        return Err(BackupError::NewerSchema {
            path: file.to_owned(),
            found: version,
            known,
        }
        .into());
    }
    for table in TILL_TABLES {
        if !has_table(&conn, table)? {
            return Err(BackupError::NotATill(file.to_owned()).into());
        }
    }
    Ok(Inspected {
        path: file.to_owned(),
        schema_version,
        point_code: settings::point(&conn)?.map(|p| p.code),
        sales: conn.query_row("SELECT COUNT(*) FROM sales", [], |r| r.get(0))?,
        latest: latest_activity(&conn)?,
    })
}

/// A file name in `backups/` for the copy of the database a restore replaces.
fn safety_name(data_dir: &Path, at: DateTime<FixedOffset>) -> PathBuf {
    let stamp = at.format("%Y%m%d-%H%M%S");
    let dir = folder(data_dir);
    let mut path = dir.join(format!("till-before-restore-{stamp}.db"));
    let mut n = 1;
    while path.exists() {
        n += 1;
        path = dir.join(format!("till-before-restore-{stamp}-{n}.db"));
    }
    path
}

/// Whether `file` is the database file behind `conn`.
pub(super) fn is_database_of(conn: &Connection, file: &Path) -> bool {
    let current = conn.path().filter(|p| !p.is_empty()).map(Path::new);
    match (
        current.and_then(|p| p.canonicalize().ok()),
        file.canonicalize(),
    ) {
        (Some(current), Ok(file)) => current == file,
        _ => false,
    }
}

/// Replaces the database behind `conn` with the backup `file`.
///
/// Refused, with nothing written, when the file is not a sound till database of a known schema,
/// or when the current database has activity newer than the backup's latest (unless `force`).
/// Otherwise a copy of the current database goes to `backups/till-before-restore-….db`, the
/// backup is copied in with the backup API, migrated to this build's schema, and the restore is
/// recorded in the audit log at `at`.
pub fn restore(
    conn: &mut Connection,
    data_dir: &Path,
    file: &Path,
    force: bool,
    at: DateTime<FixedOffset>,
) -> Result<Restored, Error> {
    if is_database_of(conn, file) {
        return Err(BackupError::SameFile(file.to_owned()).into());
    }
    let from = inspect(file)?;
    if let Some(current) = latest_activity(conn)? {
        let newer = from.latest.is_none_or(|backup| current > backup);
        if newer && !force {
            return Err(BackupError::NewerData {
                current,
                backup: from.latest,
            }
            .into());
        }
    }
    let safety_copy = safety_name(data_dir, at);
    backup_to(conn, &safety_copy)?;
    let source = open_read_only(file)?;
    copy(&source, conn)?;
    drop(source);
    conn.flush_prepared_statement_cache();
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    let schema_version = migrate::migrate_to(conn, migrate::latest_version())?;
    let detail = format!(
        "khôi phục từ {} (dữ liệu đến {}, {} hóa đơn); bản sao cơ sở dữ liệu cũ: {}{}",
        file.display(),
        from.latest
            .map_or_else(|| "-".to_owned(), |t| t.to_rfc3339()),
        from.sales,
        safety_copy.display(),
        if force {
            "; ghi đè dữ liệu mới hơn (--force)"
        } else {
            ""
        }
    );
    let subject = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    audit::record(
        conn,
        &audit::Entry {
            at,
            user: None,
            approved_by: None,
            action: AuditAction::Restore,
            subject: &subject,
            detail: &detail,
        },
    )?;
    Ok(Restored {
        from,
        safety_copy,
        schema_version,
        forced: force,
    })
}
