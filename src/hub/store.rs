//! The hub's SQLite file: opening it (WAL, foreign keys), its migrations under `migrations/hub/`,
//! and one file per table group: [`points`], [`days`], [`events`]; [`breakdown`], [`lift`],
//! [`period`] and [`tables`] read them.

pub mod breakdown;
pub mod catalogue;
pub mod days;
pub mod events;
pub mod lift;
pub mod logins;
pub mod period;
pub mod points;
pub mod staff;
pub mod tables;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

/// Every hub migration, in order. Append only: a merged migration is never edited.
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_points_and_days",
        include_str!("../../migrations/hub/0001_points_and_days.sql"),
    ),
    (
        "0002_catalogue",
        include_str!("../../migrations/hub/0002_catalogue.sql"),
    ),
    (
        "0003_staff",
        include_str!("../../migrations/hub/0003_staff.sql"),
    ),
    (
        "0004_promotion_events",
        include_str!("../../migrations/hub/0004_promotion_events.sql"),
    ),
    (
        "0005_login_lockout",
        include_str!("../../migrations/hub/0005_login_lockout.sql"),
    ),
    (
        "0006_day_lines_clustered",
        include_str!("../../migrations/hub/0006_day_lines_clustered.sql"),
    ),
];

/// Why the hub's database refused something.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// SQLite failed.
    #[error("lỗi cơ sở dữ liệu của máy chủ tỉnh: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A migration failed; the database is as it was before.
    #[error("không áp dụng được bản nâng cấp {name}: {source}")]
    Migration {
        /// The migration's file name.
        name: String,
        /// Why SQLite refused it.
        source: rusqlite::Error,
    },
    /// The file was made by a newer hub.
    #[error("cơ sở dữ liệu ở phiên bản {found}, bản này chỉ biết đến {known}")]
    SchemaVersion {
        /// `user_version` found.
        found: i64,
        /// The newest this build knows.
        known: usize,
    },
    /// The data folder could not be created.
    #[error("không tạo được thư mục dữ liệu {path}: {source}")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A point with this code is registered already.
    #[error("điểm bán {0} đã được đăng ký")]
    PointExists(String),
    /// No point has this code.
    #[error("không có điểm bán {0}")]
    UnknownPoint(String),
    /// A point's field holds a value the hub does not accept.
    #[error("trường {field} không hợp lệ: {reason}")]
    Invalid {
        /// The field, e.g. `province`.
        field: &'static str,
        /// What is wrong.
        reason: &'static str,
    },
    /// A row of a catalogue CSV is wrong; nothing was imported.
    #[error("dòng {line}, cột {column}: {reason}")]
    Csv {
        /// 1-based line in the file.
        line: u64,
        /// The column's header.
        column: String,
        /// What is wrong.
        reason: String,
    },
    /// The system random source failed.
    #[error("không lấy được số ngẫu nhiên: {0}")]
    Random(String),
}

/// Opens (creating if needed) the hub database at `path` and applies pending migrations.
pub fn open(path: &Path) -> Result<Connection, Error> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| Error::Folder {
            path: parent.to_owned(),
            source,
        })?;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// The database file inside a data folder.
pub fn path_in(data_dir: &Path) -> PathBuf {
    data_dir.join("hub.db")
}

/// Applies every pending migration in one transaction, recording the count in `user_version`.
pub fn migrate(conn: &mut Connection) -> Result<usize, Error> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let current = usize::try_from(found).unwrap_or(usize::MAX);
    if current > MIGRATIONS.len() {
        return Err(Error::SchemaVersion {
            found,
            known: MIGRATIONS.len(),
        });
    }
    if current == MIGRATIONS.len() {
        return Ok(current);
    }
    let tx = conn.transaction()?;
    for (name, sql) in &MIGRATIONS[current..] {
        tx.execute_batch(sql).map_err(|source| Error::Migration {
            name: (*name).to_owned(),
            source,
        })?;
    }
    tx.pragma_update(None, "user_version", MIGRATIONS.len() as i64)?;
    tx.commit()?;
    Ok(MIGRATIONS.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_once_and_refuses_a_newer_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = path_in(dir.path());
        drop(open(&path).unwrap());
        let mut conn = open(&path).unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), MIGRATIONS.len());
        conn.pragma_update(None, "user_version", 99).unwrap();
        assert!(matches!(
            migrate(&mut conn),
            Err(Error::SchemaVersion { found: 99, .. })
        ));
    }

    #[test]
    fn clustering_day_lines_keeps_every_line_and_its_cascade() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = Connection::open(path_in(dir.path())).unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        let before = MIGRATIONS.len() - 1;
        assert_eq!(MIGRATIONS[before].0, "0006_day_lines_clustered");
        for (_, sql) in &MIGRATIONS[..before] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", before as i64)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO points VALUES ('P', 'P', 'sales-point', '49', '20335', x'00', 't', 't');
             INSERT INTO days VALUES ('P', '2026-11-01', 1, 1, 0, 5, 0, 0, 5, 0, '{}', 't');
             INSERT INTO day_lines VALUES ('P', '2026-11-01', 'A', '', 'Á', '', 1, 4, 'chai', 1000, 3, 0);
             INSERT INTO day_lines VALUES ('P', '2026-11-01', 'B', '', 'B', '', NULL, NULL, 'kg', 500, 2, 0);",
        )
        .unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), MIGRATIONS.len());
        let lines: Vec<(String, String, Option<i64>, i64)> = conn
            .prepare(
                "SELECT product_code, name, stars, qty_milli FROM day_lines ORDER BY product_code",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            lines,
            [
                ("A".to_owned(), "Á".to_owned(), Some(4), 1000),
                ("B".to_owned(), "B".to_owned(), None, 500)
            ]
        );
        conn.execute("DELETE FROM days", []).unwrap();
        let left: i64 = conn
            .query_row("SELECT COUNT(*) FROM day_lines", [], |r| r.get(0))
            .unwrap();
        assert_eq!(left, 0, "lines still go with their day");
        let orphan = conn.execute(
            "INSERT INTO day_lines VALUES ('P', '2026-11-02', 'A', '', 'A', '', 1, 4, 'chai', 1, 1, 0)",
            [],
        );
        assert!(orphan.is_err(), "a line still needs its day");
    }
}
