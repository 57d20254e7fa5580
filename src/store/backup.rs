//! Online backups with the SQLite backup API, and restores that check the file first.
//!
//! A backup copies the whole database in one step of the backup API, inside one read transaction:
//! in WAL mode the till keeps selling while it runs, and the copy is the database exactly as it was
//! when the step began. The copy is written beside its destination under a temporary name, switched
//! to a self-contained rollback journal, synced, and only then renamed into place, so a file with
//! the final name is always a whole backup.
//!
//! The daily backup lives in `backups/till-YYYY-MM-DD.db` under the data folder; pruning removes
//! only files of exactly that shape, so copies made before a restore and anything a person put
//! there are never touched.

mod restore;

pub use restore::{Inspected, Restored, inspect, latest_activity, restore};

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use super::Error;

/// Why a backup or restore was refused.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// A file or folder could not be read or written.
    #[error("lỗi tệp {path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The source database stayed locked while copying.
    #[error("cơ sở dữ liệu bận quá lâu, chưa sao lưu được; hãy thử lại")]
    Busy,
    /// The file to restore is not an SQLite database at all.
    #[error("{0} không phải là tệp cơ sở dữ liệu (SQLite)")]
    NotADatabase(PathBuf),
    /// The file is a damaged database.
    #[error("tệp sao lưu {path} bị hỏng ({detail}); không khôi phục từ tệp này")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What SQLite found.
        detail: String,
    },
    /// An SQLite database, but not the till's.
    #[error("{0} không phải cơ sở dữ liệu của phần mềm bán hàng OCOP")]
    NotATill(PathBuf),
    /// A backup written by a newer version of the till.
    #[error(
        "tệp sao lưu {path} ở phiên bản cơ sở dữ liệu {found}, phần mềm này chỉ biết đến {known}: hãy cập nhật phần mềm trước khi khôi phục"
    )]
    NewerSchema {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest this build knows.
        known: usize,
    },
    /// The current database holds activity newer than the backup.
    #[error(
        "cơ sở dữ liệu hiện tại có dữ liệu mới hơn bản sao lưu (hiện tại đến {}, bản sao lưu đến {}); khôi phục sẽ mất dữ liệu đó. Dùng --force nếu chắc chắn",
        when(&Some(*.current)), when(.backup)
    )]
    NewerData {
        /// The latest activity in the current database.
        current: DateTime<FixedOffset>,
        /// The latest activity in the backup (None: it holds none).
        backup: Option<DateTime<FixedOffset>>,
    },
    /// Restoring the database from itself.
    #[error("{0} chính là cơ sở dữ liệu đang dùng")]
    SameFile(PathBuf),
}

fn when(at: &Option<DateTime<FixedOffset>>) -> String {
    match at {
        Some(at) => at.format("%H:%M:%S %d/%m/%Y").to_string(),
        None => "chưa có giao dịch".to_owned(),
    }
}

pub(crate) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| {
        BackupError::Io {
            path: path.to_owned(),
            source,
        }
        .into()
    }
}

/// How often a busy step is retried before giving up, and the pause between tries.
const BUSY_TRIES: u32 = 200;
const BUSY_PAUSE: Duration = Duration::from_millis(25);

/// Copies `from` into `to` with the backup API, all pages in one step.
pub(crate) fn copy(from: &Connection, to: &mut Connection) -> Result<(), Error> {
    let backup = Backup::new(from, to)?;
    for _ in 0..BUSY_TRIES {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked => std::thread::sleep(BUSY_PAUSE),
            _ => std::thread::sleep(BUSY_PAUSE),
        }
    }
    Err(BackupError::Busy.into())
}

/// Writes a consistent copy of the database behind `conn` to `file` while others keep writing.
/// The file is replaced only once the copy is complete and synced; the database itself is never
/// a destination.
pub fn backup_to(conn: &Connection, file: &Path) -> Result<(), Error> {
    if restore::is_database_of(conn, file) {
        return Err(BackupError::SameFile(file.to_owned()).into());
    }
    if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    let mut partial = file.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    if partial.exists() {
        std::fs::remove_file(&partial).map_err(io(&partial))?;
    }
    let written = write_copy(conn, &partial);
    if let Err(err) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(err);
    }
    std::fs::rename(&partial, file).map_err(io(file))?;
    Ok(())
}

fn write_copy(conn: &Connection, partial: &Path) -> Result<(), Error> {
    let mut dest = Connection::open(partial)?;
    copy(conn, &mut dest)?;
    // A backup is one file: no -wal beside it, readable by a read-only connection.
    let _mode: String = dest.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    dest.close().map_err(|(_, e)| e)?;
    std::fs::File::open(partial)
        .and_then(|f| f.sync_all())
        .map_err(io(partial))?;
    Ok(())
}

/// The folder of backups under the data folder.
pub fn folder(data_dir: &Path) -> PathBuf {
    data_dir.join("backups")
}

/// The daily backup file of `date`.
pub fn daily_file(data_dir: &Path, date: NaiveDate) -> PathBuf {
    folder(data_dir).join(format!("till-{date}.db"))
}

/// The date of a daily backup file name (`till-2026-11-30.db`), or None for any other name.
pub fn daily_date(name: &str) -> Option<NaiveDate> {
    let date = name.strip_prefix("till-")?.strip_suffix(".db")?;
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    // Exactly the name this module writes: no "till-2026-1-5.db" look-alikes.
    (format!("till-{date}.db") == name).then_some(date)
}

/// What the daily backup did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Daily {
    /// The file written, or None when today's backup already existed.
    pub written: Option<PathBuf>,
    /// Daily backups deleted for being older than `keep_days`.
    pub pruned: Vec<PathBuf>,
}

/// Makes today's backup unless it exists, then deletes daily backups older than `keep_days` days
/// (today counts as one; at least today's is always kept). Other files in the folder stay.
pub fn ensure_daily(
    conn: &Connection,
    data_dir: &Path,
    keep_days: u16,
    today: NaiveDate,
) -> Result<Daily, Error> {
    let mut done = Daily::default();
    let file = daily_file(data_dir, today);
    if !file.exists() {
        backup_to(conn, &file)?;
        done.written = Some(file);
    }
    let keep = u64::from(keep_days.max(1));
    let Some(oldest_kept) = today.checked_sub_days(Days::new(keep - 1)) else {
        return Ok(done);
    };
    let dir = folder(data_dir);
    let mut old: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(io(&dir))?
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .filter(|entry| {
            entry
                .file_name()
                .to_str()
                .and_then(daily_date)
                .is_some_and(|date| date < oldest_kept)
        })
        .map(|entry| entry.path())
        .collect();
    old.sort();
    for path in old {
        std::fs::remove_file(&path).map_err(io(&path))?;
        done.pruned.push(path);
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_exact_daily_names_are_daily_backups() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(daily_date("till-2026-11-30.db"), Some(d));
        for name in [
            "till-2026-1-5.db",
            "till-2026-11-30.db.partial",
            "till-before-restore-20261130-101010.db",
            "till-2026-13-01.db",
            "xtill-2026-11-30.db",
            "till-2026-11-30.DB",
        ] {
            assert_eq!(daily_date(name), None, "{name}");
        }
    }
}
