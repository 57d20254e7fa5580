//! Code the tests share: running the `ocop-pos` binary (a data folder, arguments and standard
//! input) here, and each theme's till, with the steps its tests repeat, in a module of its own.
#![allow(dead_code)] // each test file uses its own part

pub mod backup_till;
#[cfg(feature = "hub")]
pub mod dashboard;
#[cfg(feature = "hub")]
pub mod hub;
pub mod month_till;
pub mod receiving_till;
pub mod shift_till;
pub mod shop;
pub mod stocktake_till;
pub mod transfer_till;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The binary under test.
pub const EXE: &str = env!("CARGO_BIN_EXE_ocop-pos");

/// Runs `ocop-pos --data-dir DIR ARGS…` with `stdin` as standard input.
pub fn run(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(EXE)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that needs no input may exit before reading it: a closed pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

/// Lossy UTF-8 text of an output stream.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs a command that must succeed and returns its standard output.
pub fn ok(dir: &Path, args: &[&str], stdin: &str) -> String {
    text(&ok_output(dir, args, stdin).stdout)
}

/// Runs a command that must succeed and returns all it wrote, standard error included.
pub fn ok_output(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let out = run(dir, args, stdin);
    assert!(
        out.status.success(),
        "{args:?}: {}{}",
        text(&out.stderr),
        text(&out.stdout)
    );
    out
}

/// Runs a command that must fail and returns its standard error.
pub fn refused(dir: &Path, args: &[&str], stdin: &str) -> String {
    let out = run(dir, args, stdin);
    assert!(!out.status.success(), "{args:?} should fail");
    text(&out.stderr)
}
