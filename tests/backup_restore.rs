//! Backups and restores: a backup taken while another thread keeps selling restores to a sound
//! database holding every sale committed before it began; a backup taken in the middle of a write
//! transaction holds none of it; bad files and newer data are refused with the current database
//! left exactly as it was; an old backup is migrated; the daily backup keeps one file a day and
//! prunes only its own; and the command line does a round trip.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::Duration;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use ocop_pos::domain::auth::{Role, UserId};
use ocop_pos::domain::cart::Cart;
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::qty::Qty;
use ocop_pos::setup::{self, FirstRun};
use ocop_pos::store::backup::{self, BackupError};
use ocop_pos::store::settings::PointProfile;
use ocop_pos::store::{self, catalog, check, migrate, sales, shifts, users};
use rusqlite::Connection;

const POINT: &str = "HUE-01";

fn at(day: u32, hour: u32, minute: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(7 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, day, hour, minute, 0)
        .unwrap()
}

/// A till with the sample catalogue, a clerk and an open shift.
fn till(path: &Path) -> (Connection, UserId) {
    let mut conn = store::open(path).unwrap();
    setup::first_run(
        &mut conn,
        &FirstRun {
            point: PointProfile {
                code: POINT.into(),
                name: "Điểm OCOP Huế".into(),
                address: String::new(),
                tax_code: String::new(),
            },
            admin_name: "admin".into(),
            admin_pin: "9999".into(),
            sample: true,
        },
        at(1, 7, 0),
    )
    .unwrap();
    let clerk = users::add(&conn, "Lan", Role::Clerk, "2468", None, at(1, 7, 0)).unwrap();
    shifts::open(
        &mut conn,
        &shifts::Opening {
            point_code: POINT.into(),
            user: clerk,
            float: Vnd(0),
            at: at(1, 7, 30),
        },
    )
    .unwrap();
    (conn, clerk)
}

/// Sells one unit of a sample product (chosen by `n`) for cash at `when`.
fn sell(conn: &mut Connection, clerk: UserId, n: i64, when: DateTime<FixedOffset>) {
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM products WHERE sold_by_weight = 0 ORDER BY id LIMIT 5")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let item = catalog::sale_item(conn, ids[(n % 5) as usize], when.date_naive()).unwrap();
    let mut cart = Cart::new(format!("cart-{n}"));
    cart.add(item, Qty::ONE, "").unwrap();
    cart.pay(Method::Cash, None).unwrap();
    let ctx = sales::Context {
        point_code: POINT.into(),
        user: clerk,
        at: when,
    };
    sales::complete(conn, &cart, &ctx).unwrap();
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_backup_taken_while_sales_are_written_restores_sound_with_every_earlier_sale() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("till.db");
    let (conn, clerk) = till(&db);
    let committed = Arc::new(AtomicI64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (db, committed, stop) = (db.clone(), committed.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut conn = store::open(&db).unwrap();
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                n += 1;
                sell(&mut conn, clerk, n, at(2, 9, 0));
                committed.store(n, Ordering::SeqCst);
            }
            n
        })
    };
    let mut taken = Vec::new();
    let mut overlapped = 0;
    for round in 0..4 {
        while committed.load(Ordering::SeqCst) < 15 * (round + 1) {
            std::thread::sleep(Duration::from_millis(2));
        }
        let file = dir.path().join(format!("backup-{round}.db"));
        let before = committed.load(Ordering::SeqCst);
        backup::backup_to(&conn, &file).unwrap();
        if committed.load(Ordering::SeqCst) > before {
            overlapped += 1;
        }
        taken.push((file, before));
    }
    let last_before = taken.last().unwrap().1;
    while committed.load(Ordering::SeqCst) < last_before + 10 {
        std::thread::sleep(Duration::from_millis(2));
    }
    stop.store(true, Ordering::SeqCst);
    let written = writer.join().unwrap();
    assert!(written >= last_before + 10, "the writer kept selling");
    // Each backup fsyncs its copy, which takes a few sales' time: sales did commit meanwhile.
    assert!(overlapped > 0, "no sale was committed while a backup ran");
    assert_eq!(count(&conn, "SELECT COUNT(*) FROM sales"), written);

    for (file, before) in taken {
        // No -wal beside it: the backup is one self-contained file.
        let mut wal = file.clone().into_os_string();
        wal.push("-wal");
        assert!(!PathBuf::from(wal).exists());
        let restored_dir = tempfile::tempdir().unwrap();
        let mut restored = store::open(&restored_dir.path().join("till.db")).unwrap();
        let done = backup::restore(
            &mut restored,
            restored_dir.path(),
            &file,
            false,
            at(3, 8, 0),
        )
        .unwrap();
        assert_eq!(check::run(&restored).unwrap(), Vec::<String>::new());
        let in_backup = count(&restored, "SELECT COUNT(*) FROM sales");
        assert_eq!(done.from.sales, in_backup);
        assert!(in_backup >= before, "{in_backup} < {before}");
        // Every sale committed before the backup began, by its gap-free receipt number.
        let earlier = format!("SELECT COUNT(*) FROM sales WHERE receipt_seq <= {before}");
        assert_eq!(count(&restored, &earlier), before);
        assert!(in_backup <= written);
    }
}

#[test]
fn a_backup_in_the_middle_of_a_write_transaction_holds_none_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("till.db");
    let (mut conn, clerk) = till(&db);
    sell(&mut conn, clerk, 1, at(2, 9, 0));
    // Another connection is half-way through writing a sale: header written, no lines yet.
    let mut other = store::open(&db).unwrap();
    let tx = other
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .unwrap();
    tx.execute(
        "INSERT INTO sales (cart_id, point_code, receipt_seq, receipt_no, kind, business_date,
             completed_at, user_id, gross_vnd, discount_vnd, total_vnd, vat_vnd, tendered_vnd,
             change_vnd)
         VALUES ('half', ?1, 2, 'HUE-01-000002', 'sale', '2026-11-02', '2026-11-02T09:01:00+07:00',
             ?2, 100, 0, 100, 0, 100, 0)",
        rusqlite::params![POINT, clerk.0],
    )
    .unwrap();
    let file = dir.path().join("mid.db");
    backup::backup_to(&conn, &file).unwrap();
    tx.commit().unwrap();
    // Committed now, the half sale breaks the live database's checks, but not the backup's.
    assert!(!check::run(&conn).unwrap().is_empty());
    let copy = Connection::open(&file).unwrap();
    assert_eq!(count(&copy, "SELECT COUNT(*) FROM sales"), 1);
    assert_eq!(check::run(&copy).unwrap(), Vec::<String>::new());
}

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

const EXE: &str = env!("CARGO_BIN_EXE_ocop-pos");

fn run(dir: &Path, args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(EXE)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

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
