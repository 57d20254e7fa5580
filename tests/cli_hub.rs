//! `ocop-hub` admin commands: add-point prints a token once that works at its point only; bad
//! fields are refused naming them; rotate-token makes the old token useless; add-staff reads the
//! password from standard input.
#![cfg(feature = "hub")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use ocop_pos::hub::store::{self, points, staff};

const HUB: &str = env!("CARGO_BIN_EXE_ocop-hub");

fn hub(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(HUB)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn token_of(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.lines().last().unwrap().trim().to_owned()
}

#[test]
fn add_point_rotate_token_and_add_staff() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let add = [
        "add-point",
        "HOIAN-01",
        "--name",
        "Điểm Hội An",
        "--kind",
        "hotel-booth",
        "--province",
        "49",
        "--commune",
        "20335",
    ];
    let token = token_of(&hub(d, &add, ""));
    assert!(token.starts_with("ocop_") && token.len() == 69, "{token}");
    let again = hub(d, &add, "");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("đã được đăng ký"));
    for (field, args) in [
        (
            "kind",
            [
                "add-point",
                "X-1",
                "--name",
                "X",
                "--kind",
                "shop",
                "--province",
                "49",
                "--commune",
                "20335",
            ],
        ),
        (
            "province",
            [
                "add-point",
                "X-1",
                "--name",
                "X",
                "--kind",
                "fair-stall",
                "--province",
                "4",
                "--commune",
                "20335",
            ],
        ),
        (
            "commune",
            [
                "add-point",
                "X-1",
                "--name",
                "X",
                "--kind",
                "fair-stall",
                "--province",
                "49",
                "--commune",
                "2o335",
            ],
        ),
        (
            "code",
            [
                "add-point",
                "X'; --",
                "--name",
                "X",
                "--kind",
                "fair-stall",
                "--province",
                "49",
                "--commune",
                "20335",
            ],
        ),
    ] {
        let out = hub(d, &args, "");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.status.success() && err.contains(field),
            "{field}: {err}"
        );
    }
    let conn = store::open(&store::path_in(d)).unwrap();
    assert_eq!(
        points::access(&conn, "HOIAN-01", &token).unwrap(),
        points::Access::Granted
    );
    let stored: Vec<u8> = conn
        .query_row("SELECT token_hash FROM points", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        stored,
        ocop_pos::hub::auth::hash(&token),
        "only the hash is kept"
    );

    let rotated = token_of(&hub(d, &["rotate-token", "HOIAN-01"], ""));
    assert_ne!(rotated, token);
    assert_eq!(
        points::access(&conn, "HOIAN-01", &token).unwrap(),
        points::Access::Unknown
    );
    assert_eq!(
        points::access(&conn, "HOIAN-01", &rotated).unwrap(),
        points::Access::Granted
    );
    assert!(!hub(d, &["rotate-token", "NOPE"], "").status.success());

    assert!(hub(d, &["add-staff", "lan"], "ngắn\n").status.code() != Some(0));
    assert!(
        hub(d, &["add-staff", "lan"], "một mật khẩu dài\n")
            .status
            .success()
    );
    assert!(staff::check(&conn, "lan", "một mật khẩu dài").unwrap());
    assert!(!staff::check(&conn, "lan", "một mật khẩu dài\n").unwrap());
}
