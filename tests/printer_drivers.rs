//! The drivers on their own: status answers over TCP, a serial port that is not there, and on
//! Unix a FIFO standing in for a device file that blocks — nobody reading it, so opening it
//! waits, or a reader that never reads, so writing it fills the pipe — each ending in a timeout
//! instead of a hung worker.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

#[path = "common/printer.rs"]
mod printer;

use std::time::{Duration, Instant};

use ocop_pos::device::printer::{self as driver, Address, Error, Status, Timeouts};

use printer::{Mode, Printer};

fn timeouts() -> Timeouts {
    Timeouts {
        connect: Duration::from_millis(400),
        write: Duration::from_millis(400),
        status: Duration::from_millis(400),
    }
}

fn address(text: &str) -> Address {
    text.parse().unwrap()
}

#[test]
fn the_status_of_a_network_printer_is_read() {
    for (mode, expected) in [
        (Mode::Ready, Status::Ready),
        (Mode::PaperOut, Status::PaperOut),
        (Mode::Silent, Status::Unknown),
    ] {
        let fake = Printer::start(mode);
        let got = driver::status(&address(&fake.address()), timeouts()).unwrap();
        assert_eq!(got, expected, "{mode:?}");
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let err = driver::status(&address(&format!("tcp://127.0.0.1:{port}")), timeouts());
    assert!(matches!(err, Err(Error::Connect { .. })));
}

#[test]
fn a_serial_printer_that_is_not_there_fails_to_connect() {
    let err = driver::print(
        &address("serial:///dev/ocop-no-such-port?baud=19200"),
        timeouts(),
        b"x",
    )
    .unwrap_err();
    assert!(matches!(err, Error::Connect { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("serial:///dev/ocop-no-such-port?baud=19200")
    );
}

#[test]
fn a_file_printer_collects_the_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lp0");
    let at = address(&format!("file://{}", path.display()));
    driver::print(&at, timeouts(), b"\x1b@first").unwrap();
    driver::print(&at, timeouts(), b"\x1b@second").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"\x1b@first\x1b@second");
}

#[cfg(unix)]
#[test]
fn a_device_that_blocks_times_out_on_open_and_on_write() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("usblp");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let at = address(&format!("file://{}", fifo.display()));
    // Nobody has it open for reading: opening for writing waits.
    let started = Instant::now();
    let err = driver::print(&at, timeouts(), b"x").unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(3));
    assert!(
        err.to_string().contains("không mở được trong 400 ms"),
        "{err}"
    );
    // A reader that never reads: a megabyte fills the pipe and the write times out.
    let reader = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&fifo)
        .unwrap();
    let started = Instant::now();
    let err = driver::print(&at, timeouts(), &vec![0u8; 1 << 20]).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(3));
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    // Letting go of the pipe frees the abandoned writer thread.
    drop(reader);
}
