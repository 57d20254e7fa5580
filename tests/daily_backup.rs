//! The daily backup keeps one file a day for the days asked, writes nothing more later the same
//! day, and prunes only its own files.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use std::path::PathBuf;

use chrono::NaiveDate;
use ocop_pos::store::backup::{self};

use common::backup_till::{at, sell, till};

#[test]
fn the_daily_backup_keeps_one_file_a_day_and_prunes_only_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let (mut conn, clerk) = till(&data.join("till.db"));
    let folder = backup::folder(data);
    std::fs::create_dir_all(&folder).unwrap();
    let others = [
        "notes.txt",
        "till-manual-20261101-101010.db",
        "till-before-restore-20261101-101010.db",
        "till-2026-1-5.db",
        "till-2025-01-01.db.bak",
        "till-2027-01-01.db",
    ];
    for name in others {
        std::fs::write(folder.join(name), name).unwrap();
    }
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    for d in 1..=20 {
        sell(&mut conn, clerk, i64::from(d), at(d, 9, 0));
        let done = backup::ensure_daily(&conn, data, 14, day(d)).unwrap();
        assert_eq!(done.written, Some(backup::daily_file(data, day(d))));
        let expected: Vec<PathBuf> = if d > 14 {
            vec![backup::daily_file(data, day(d - 14))]
        } else {
            Vec::new()
        };
        assert_eq!(done.pruned, expected, "day {d}");
        // Later the same day: nothing more is written.
        sell(&mut conn, clerk, 100 + i64::from(d), at(d, 15, 0));
        let again = backup::ensure_daily(&conn, data, 14, day(d)).unwrap();
        assert_eq!(again, backup::Daily::default(), "day {d}");
    }
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<String> = (7..=20)
        .map(|d| format!("till-2026-11-{d:02}.db"))
        .collect();
    expected.extend(others.iter().map(|n| (*n).to_owned()));
    expected.sort();
    assert_eq!(names, expected);
    for name in others {
        assert_eq!(std::fs::read_to_string(folder.join(name)).unwrap(), name);
    }
    // The file of the 20th holds the day's morning: 19 days of two sales, plus one.
    let info = backup::inspect(&backup::daily_file(data, day(20))).unwrap();
    assert_eq!(info.sales, 19 * 2 + 1);
    // keep_days = 1 keeps today's only.
    let done = backup::ensure_daily(&conn, data, 1, day(21)).unwrap();
    assert_eq!(done.pruned.len(), 14);
    assert!(backup::daily_file(data, day(21)).exists());
}
