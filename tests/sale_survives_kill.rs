//! Kill the till with SIGKILL at random moments while it sells: every receipt number it printed
//! (it prints only after the commit) is in the database, no half sale exists, the database passes
//! `integrity_check`, and stock equals the sum of its moves.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose
#![cfg(unix)]

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use ocop_pos::demo::Rng;
use ocop_pos::store::{self, check};

const EXE: &str = env!("CARGO_BIN_EXE_ocop-pos");

fn init(dir: &Path) {
    let mut child = Command::new(EXE)
        .args(["--data-dir"])
        .arg(dir)
        .args(["init", "--sample", "--point-code", "KILL-01"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"1234\n").unwrap();
    assert!(child.wait().unwrap().success());
}

#[test]
fn every_printed_sale_survives_sigkill() {
    let rounds: u64 = std::env::var("OCOP_KILL_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let mut rng = Rng::new(0x0C0B);
    let mut printed_total = 0_usize;
    let mut killed_mid_stream = 0_u64;
    for round in 0..rounds {
        let mut child = Command::new(EXE)
            .arg("--data-dir")
            .arg(dir.path())
            .args(["demo-sales", "--days", "3650", "--per-day", "200", "--seed"])
            .arg((round + 1).to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let printed = Arc::new(Mutex::new(Vec::<String>::new()));
        let sink = Arc::clone(&printed);
        let reader = thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                match line {
                    Ok(line) => sink.lock().unwrap().push(line),
                    Err(_) => break,
                }
            }
        });
        // Wait until the child has sold something (or a while), then a random extra moment.
        let started = Instant::now();
        while printed.lock().unwrap().is_empty() && started.elapsed() < Duration::from_secs(10) {
            thread::sleep(Duration::from_millis(2));
        }
        thread::sleep(Duration::from_millis(rng.below(120)));
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        reader.join().unwrap();
        if !status.success() {
            killed_mid_stream += 1;
        }
        let printed = printed.lock().unwrap().clone();
        assert!(!printed.is_empty(), "round {round}: the child sold nothing");
        printed_total += printed.len();

        let conn = store::open(&dir.path().join("till.db")).unwrap();
        assert_eq!(
            check::run(&conn).unwrap(),
            Vec::<String>::new(),
            "round {round}"
        );
        let mut stmt = conn
            .prepare("SELECT COUNT(*) FROM sales WHERE receipt_no = ?1")
            .unwrap();
        for receipt in &printed {
            let found: i64 = stmt.query_row([receipt], |r| r.get(0)).unwrap();
            assert_eq!(
                found, 1,
                "round {round}: printed receipt {receipt} is missing"
            );
        }
        let half_sales: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM sales s WHERE NOT EXISTS (SELECT 1 FROM sale_lines WHERE sale_id = s.id)
                    OR NOT EXISTS (SELECT 1 FROM print_jobs WHERE sale_id = s.id)",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(half_sales, 0, "round {round}");
    }
    assert!(
        killed_mid_stream >= rounds / 2,
        "only {killed_mid_stream} of {rounds} kills hit a running till"
    );
    assert!(printed_total > 0);
}
