//! Backups are consistent: one taken while another thread keeps selling restores to a sound database
//! holding every sale committed before it began, and one taken in the middle of a write
//! transaction holds none of it.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::Duration;

use ocop_pos::store::backup::{self};
use ocop_pos::store::{self, check};
use rusqlite::Connection;

use common::backup_till::{POINT, at, count, sell, till};

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
