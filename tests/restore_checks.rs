//! Restores: bad files and newer data are refused with the current database and the backups folder
//! left exactly as they were, a good backup comes back with receipts continuing from it, and an old
//! backup is migrated after restoring.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use std::path::Path;

use ocop_pos::store::backup::{self, BackupError};
use ocop_pos::store::{self, check, migrate};
use rusqlite::Connection;

use common::backup_till::{at, count, sell, till};

/// What must not change when a restore is refused: the rows that matter and the backups folder.
fn fingerprint(conn: &Connection, data_dir: &Path) -> (i64, i64, i64, i64, Vec<String>) {
    let mut files: Vec<String> = std::fs::read_dir(backup::folder(data_dir))
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    (
        count(conn, "SELECT COUNT(*) FROM sales"),
        count(conn, "SELECT COALESCE(SUM(total_vnd), 0) FROM sales"),
        count(conn, "SELECT COALESCE(MAX(id), 0) FROM audit"),
        count(conn, "SELECT COALESCE(SUM(qty_milli), 0) FROM stock"),
        files,
    )
}

#[test]
fn bad_files_and_newer_data_are_refused_and_the_database_is_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let (mut conn, clerk) = till(&data.join("till.db"));
    for n in 1..=3 {
        sell(&mut conn, clerk, n, at(2, 9, n as u32));
    }
    let good = data.join("good.db");
    backup::backup_to(&conn, &good).unwrap();
    for n in 4..=6 {
        sell(&mut conn, clerk, n, at(2, 10, n as u32));
    }
    let pages = std::fs::read(&good).unwrap();
    assert!(pages.len() >= 8 * 4096, "{} bytes", pages.len());

    // Every page after the first overwritten: the schema reads, the tables are garbage.
    let corrupt = data.join("corrupt.db");
    let mut bytes = pages.clone();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    for b in &mut bytes[4096..] {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        *b = seed as u8;
    }
    std::fs::write(&corrupt, &bytes).unwrap();
    let random = data.join("random.db");
    std::fs::write(&random, &bytes[4096..8192]).unwrap();
    let empty = data.join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let newer_schema = data.join("newer.db");
    std::fs::write(&newer_schema, &pages).unwrap();
    Connection::open(&newer_schema)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let stranger = data.join("stranger.db");
    Connection::open(&stranger)
        .unwrap()
        .execute_batch("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);")
        .unwrap();

    let before = fingerprint(&conn, data);
    let refusals: [(&Path, &str); 7] = [
        (&corrupt, "bị hỏng"),
        (&random, "không phải là tệp cơ sở dữ liệu"),
        (&empty, "không phải là tệp cơ sở dữ liệu"),
        (
            &newer_schema,
            "phiên bản cơ sở dữ liệu 99, phần mềm này chỉ biết đến",
        ),
        (
            &stranger,
            "không phải cơ sở dữ liệu của phần mềm bán hàng OCOP",
        ),
        (&good, "có dữ liệu mới hơn bản sao lưu"),
        (&data.join("till.db"), "chính là cơ sở dữ liệu đang dùng"),
    ];
    for (file, expected) in refusals {
        let err = backup::restore(&mut conn, data, file, false, at(3, 8, 0)).unwrap_err();
        assert!(
            matches!(err, store::Error::Backup(_)),
            "{}: {err:?}",
            file.display()
        );
        let message = err.to_string();
        assert!(message.contains(expected), "{}: {message}", file.display());
        assert_eq!(fingerprint(&conn, data), before, "{}", file.display());
    }
    // Nor is the database its own backup's destination.
    let err = backup::backup_to(&conn, &data.join("till.db")).unwrap_err();
    assert!(
        err.to_string().contains("chính là cơ sở dữ liệu đang dùng"),
        "{err}"
    );
    assert_eq!(fingerprint(&conn, data), before);
    let err = backup::restore(&mut conn, data, &good, false, at(3, 8, 0)).unwrap_err();
    assert!(matches!(
        err,
        store::Error::Backup(BackupError::NewerData { .. })
    ));
    assert!(err.to_string().contains("--force"), "{err}");

    // With --force: the backup's three sales, the six kept in a copy, the act in the audit log.
    let done = backup::restore(&mut conn, data, &good, true, at(3, 8, 0)).unwrap();
    assert!(done.forced);
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM sales"), 3);
    assert_eq!(check::run(&conn).unwrap(), Vec::<String>::new());
    let kept = Connection::open(&done.safety_copy).unwrap();
    assert_eq!(count(&kept, "SELECT COUNT(*) FROM sales"), 6);
    assert!(done.safety_copy.starts_with(backup::folder(data)));
    let (action, detail): (String, String) = conn
        .query_row(
            "SELECT action, detail FROM audit ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(action, "restore");
    assert!(
        detail.contains("good.db") && detail.contains("--force"),
        "{detail}"
    );
    // Selling goes on from the restored receipt numbers, without gaps.
    sell(&mut conn, clerk, 7, at(3, 9, 0));
    assert_eq!(
        count(&conn, "SELECT MAX(receipt_seq) FROM sales"),
        4,
        "receipts continue from the backup"
    );
    assert_eq!(check::run(&conn).unwrap(), Vec::<String>::new());
}

#[test]
fn an_older_schema_is_migrated_after_restoring() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.db");
    let mut conn = store::open_unmigrated(&old).unwrap();
    migrate::migrate_to(&mut conn, 3).unwrap();
    drop(conn);
    let info = backup::inspect(&old).unwrap();
    assert_eq!((info.schema_version, info.sales, info.latest), (3, 0, None));
    let data = dir.path().join("data");
    let mut current = store::open(&data.join("till.db")).unwrap();
    let done = backup::restore(&mut current, &data, &old, false, at(3, 8, 0)).unwrap();
    assert_eq!(done.schema_version, migrate::latest_version());
    assert_eq!(
        migrate::current_version(&current).unwrap(),
        migrate::latest_version()
    );
    assert_eq!(count(&current, "SELECT COUNT(*) FROM shifts"), 0);
    assert_eq!(
        count(
            &current,
            "SELECT COUNT(*) FROM audit WHERE action = 'restore'"
        ),
        1
    );
}
