//! The serial scanner reader: a thread that reads a scanner on a serial port (RS-232, or USB in
//! CDC-ACM mode), splits what it sends into codes at CR, LF or CRLF, and delivers them through a
//! `std::sync::mpsc` channel. An unplugged scanner is reopened every few seconds; the thread ends
//! when the [`Scanner`] holding the receiver is dropped.

use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::thread;
use std::time::{Duration, Instant};

/// Longest code kept; a longer run without a line end is noise and is dropped.
pub const MAX_CODE: usize = 256;
/// How often a quiet port is checked for the reader having been dropped.
const TICK: Duration = Duration::from_millis(100);

/// Where the serial scanner is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SerialSettings {
    /// Port name: `/dev/ttyACM0`, `COM4`.
    pub path: String,
    /// Bits per second.
    pub baud: u32,
    /// Wait between attempts to reopen the port.
    pub retry: Duration,
}

/// What the reader reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The port is open.
    Connected,
    /// A scanned code.
    Code(String),
    /// The port closed or cannot be opened (reported once per outage), with why.
    Disconnected(String),
}

/// Splits a byte stream into codes at CR, LF or CRLF.
#[derive(Debug, Default)]
pub struct Splitter {
    line: Vec<u8>,
    too_long: bool,
}

impl Splitter {
    /// Adds `bytes` and returns the codes they complete (empty lines skipped).
    pub fn push(&mut self, bytes: &[u8]) -> Vec<String> {
        let mut codes = Vec::new();
        for &b in bytes {
            if b == b'\r' || b == b'\n' {
                let line = std::mem::take(&mut self.line);
                if !std::mem::take(&mut self.too_long) {
                    let code: String = String::from_utf8_lossy(&line)
                        .chars()
                        .filter(|c| !c.is_control())
                        .collect();
                    let code = code.trim();
                    if !code.is_empty() {
                        codes.push(code.to_owned());
                    }
                }
            } else if self.line.len() >= MAX_CODE {
                self.line.clear();
                self.too_long = true;
            } else if !self.too_long {
                self.line.push(b);
            }
        }
        codes
    }

    /// Forgets a half-received code (the port closed in the middle of it).
    pub fn reset(&mut self) {
        self.line.clear();
        self.too_long = false;
    }
}

/// The running reader and the receiving end of its channel; dropping it stops the thread.
pub struct Scanner {
    events: Receiver<Event>,
    stop: Arc<AtomicBool>,
}

impl Scanner {
    /// The channel the codes arrive on.
    pub fn events(&self) -> &Receiver<Event> {
        &self.events
    }

    /// The next event, waiting at most `timeout`.
    pub fn recv_timeout(&self, timeout: Duration) -> Result<Event, RecvTimeoutError> {
        self.events.recv_timeout(timeout)
    }

    /// The next event if one is waiting.
    pub fn try_recv(&self) -> Result<Event, TryRecvError> {
        self.events.try_recv()
    }
}

impl Drop for Scanner {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Sleeps `total` in ticks; false when told to stop meanwhile.
fn pause(total: Duration, stop: &AtomicBool) -> bool {
    let end = Instant::now() + total;
    while !stop.load(Ordering::Relaxed) {
        let now = Instant::now();
        if now >= end {
            return true;
        }
        thread::sleep(TICK.min(end - now));
    }
    false
}

/// Reads `stream` until it ends; Err(why) when it closes, Ok(()) when the reader must stop.
fn read_codes(
    stream: &mut impl Read,
    splitter: &mut Splitter,
    events: &Sender<Event>,
    stop: &AtomicBool,
) -> Result<(), String> {
    let mut buf = [0u8; 256];
    loop {
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        match stream.read(&mut buf) {
            Ok(0) => return Err("máy quét đã ngắt kết nối".to_owned()),
            Ok(n) => {
                for code in splitter.push(&buf[..n]) {
                    if events.send(Event::Code(code)).is_err() {
                        return Ok(());
                    }
                }
            }
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::TimedOut
                        | io::ErrorKind::WouldBlock
                        | io::ErrorKind::Interrupted
                ) => {}
            Err(e) => return Err(format!("máy quét đã ngắt kết nối: {e}")),
        }
    }
}

/// The reader's loop: open, read codes, and on any failure report it once and retry.
fn run<R: Read, F: FnMut() -> io::Result<R>>(
    mut open: F,
    retry: Duration,
    events: Sender<Event>,
    stop: Arc<AtomicBool>,
) {
    let mut splitter = Splitter::default();
    let mut reported = false;
    while !stop.load(Ordering::Relaxed) {
        let why = match open() {
            Ok(mut stream) => {
                reported = false;
                if events.send(Event::Connected).is_err() {
                    return;
                }
                splitter.reset();
                match read_codes(&mut stream, &mut splitter, &events, &stop) {
                    Ok(()) => return,
                    Err(why) => why,
                }
            }
            Err(e) => format!("không mở được máy quét: {e}"),
        };
        if !reported && events.send(Event::Disconnected(why)).is_err() {
            return;
        }
        reported = true;
        if !pause(retry, &stop) {
            return;
        }
    }
}

/// Starts a reader on whatever `open` returns — a serial port, or in tests a pipe or a cursor —
/// calling it again `retry` after each failure.
pub fn spawn<R, F>(open: F, retry: Duration) -> io::Result<Scanner>
where
    R: Read,
    F: FnMut() -> io::Result<R> + Send + 'static,
{
    let (events, receiver) = mpsc::channel();
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    thread::Builder::new()
        .name("ocop-scanner".into())
        .spawn(move || run(open, retry, events, flag))?;
    Ok(Scanner {
        events: receiver,
        stop,
    })
}

/// Opens the serial port of `settings`, with a short read timeout so the reader can notice it
/// was dropped.
pub fn open_serial(settings: &SerialSettings) -> io::Result<Box<dyn serialport::SerialPort>> {
    serialport::new(settings.path.as_str(), settings.baud)
        .timeout(TICK)
        .open()
        .map_err(super::printer::serial_io_error)
}

/// Starts the reader on the serial scanner of `settings`.
pub fn spawn_serial(settings: SerialSettings) -> io::Result<Scanner> {
    let retry = settings.retry;
    spawn(move || open_serial(&settings), retry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_at_cr_lf_and_crlf_across_reads() {
        let mut s = Splitter::default();
        assert_eq!(s.push(b"8934563"), Vec::<String>::new());
        assert_eq!(
            s.push(b"138165\r\n2900000000018\n"),
            ["8934563138165", "2900000000018"]
        );
        assert_eq!(s.push(b"\r\n\r ABC-1 \rx"), ["ABC-1"]);
        s.reset();
        assert_eq!(s.push(b"\n"), Vec::<String>::new());
        let mut long = vec![b'9'; MAX_CODE + 10];
        long.extend_from_slice(b"\r123\r");
        assert_eq!(s.push(&long), ["123"]);
        assert_eq!(s.push(b"\x0212\x0334\r"), ["1234"]);
    }
}
