//! Backup and restore through the `ocop-pos` command line: the first command of the day backs up,
//! a manual copy, a newer database and a junk file refused, a forced restore that keeps a copy of
//! what it replaced.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use std::path::{Path, PathBuf};

use chrono::{FixedOffset, TimeZone};
use ocop_pos::store::backup::{self};
use ocop_pos::store::{self, users};
use rusqlite::Connection;

use common::backup_till::{POINT, count, sell};
use common::{run, text};

#[test]
fn backup_and_restore_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sales_in = |d: &Path| {
        count(
            &Connection::open(d.join("till.db")).unwrap(),
            "SELECT COUNT(*) FROM sales",
        )
    };
    let out = run(d, &["init", "--sample", "--point-code", POINT], "2580\n");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!backup::folder(d).exists(), "init takes no backup");
    let out = run(d, &["demo-sales", "--days", "1", "--per-day", "5"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    // The first command of the day backed up the database before selling.
    let today = chrono::Utc::now()
        .with_timezone(&FixedOffset::east_opt(7 * 3600).unwrap())
        .date_naive();
    let daily = backup::daily_file(d, today);
    assert_eq!(backup::inspect(&daily).unwrap().sales, 0);
    let file = d.join("copy.db");
    let out = run(d, &["backup", "--to", file.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Đã sao lưu vào"),
        "{}",
        text(&out.stdout)
    );
    let saved = sales_in(d);
    assert!(saved >= 5);
    // Two more sales, tomorrow: the database is now newer than the copy.
    {
        let mut conn = store::open(&d.join("till.db")).unwrap();
        let admin = users::find_by_name(&conn, "admin").unwrap().unwrap().id;
        let tomorrow = today.succ_opt().unwrap().and_hms_opt(10, 0, 0).unwrap();
        let when = FixedOffset::east_opt(7 * 3600)
            .unwrap()
            .from_local_datetime(&tomorrow)
            .unwrap();
        sell(&mut conn, admin, 1001, when);
        sell(&mut conn, admin, 1002, when);
    }
    let grown = sales_in(d);
    assert_eq!(grown, saved + 2);

    let out = run(d, &["restore", file.to_str().unwrap()], "");
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("mới hơn") && err.contains("--force"), "{err}");
    assert_eq!(sales_in(d), grown);
    let junk = d.join("junk.bin");
    std::fs::write(&junk, b"PK\x03\x04 not a database").unwrap();
    let out = run(d, &["restore", junk.to_str().unwrap()], "");
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("không phải là tệp cơ sở dữ liệu"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(sales_in(d), grown);

    let out = run(d, &["restore", file.to_str().unwrap(), "--force"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Đã khôi phục"),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(sales_in(d), saved);
    let out = run(d, &["check"], "");
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let copies: Vec<PathBuf> = std::fs::read_dir(backup::folder(d))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("till-before-restore-"))
        .collect();
    assert_eq!(copies.len(), 1);
    assert_eq!(backup::inspect(&copies[0]).unwrap().sales, grown);
    // Without --to, a manual copy lands in backups/.
    let out = run(d, &["backup"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("till-manual-"),
        "{}",
        text(&out.stdout)
    );
}
