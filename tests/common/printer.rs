//! A network printer stand-in on 127.0.0.1: it answers `DLE EOT` like a real one (or not), reads
//! every job and hands its bytes to the test; or misbehaves on purpose. Its thread stops by itself
//! when the value is dropped or after a deadline, so no test can hang on it.
#![allow(dead_code)] // each test file uses its own part

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// How the stand-in behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Online: answers every status request, reads jobs to the end.
    Ready,
    /// Reads jobs but never answers a status request (like many cheap printers).
    Silent,
    /// Answers "offline, paper end" and reads whatever comes.
    PaperOut,
    /// Accepts, answers the first status request, reads this many bytes in all, then drops the
    /// connection with the rest unread.
    DropAfter(usize),
    /// Accepts and never reads a byte.
    NeverReads,
}

/// How long any stand-in lives at most.
const LIFETIME: Duration = Duration::from_secs(60);

/// A running stand-in.
pub struct Printer {
    /// Its address.
    pub addr: SocketAddr,
    received: Receiver<Vec<u8>>,
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Printer {
    /// Starts on a free port.
    pub fn start(mode: Mode) -> Printer {
        Printer::on(TcpListener::bind("127.0.0.1:0").unwrap(), mode)
    }

    /// Starts on `port` (taken again after an earlier stand-in there was dropped).
    pub fn start_on(port: u16, mode: Mode) -> Printer {
        Printer::on(TcpListener::bind(("127.0.0.1", port)).unwrap(), mode)
    }

    fn on(listener: TcpListener, mode: Mode) -> Printer {
        let addr = listener.local_addr().unwrap();
        listener.set_nonblocking(true).unwrap();
        let (tx, received) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let handle = thread::spawn(move || serve(&listener, mode, &tx, &flag));
        Printer {
            addr,
            received,
            stop,
            handle: Some(handle),
        }
    }

    /// `tcp://127.0.0.1:PORT`.
    pub fn address(&self) -> String {
        format!("tcp://{}", self.addr)
    }

    /// The bytes of the next connection, status requests included, once it has ended.
    pub fn next(&self, timeout: Duration) -> Option<Vec<u8>> {
        self.received.recv_timeout(timeout).ok()
    }
}

impl Drop for Printer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }
}

fn serve(listener: &TcpListener, mode: Mode, tx: &Sender<Vec<u8>>, stop: &AtomicBool) {
    let end = Instant::now() + LIFETIME;
    while !stop.load(Ordering::Relaxed) && Instant::now() < end {
        match listener.accept() {
            Ok((stream, _)) => {
                stream.set_nonblocking(false).unwrap();
                let bytes = connection(stream, mode, stop, end);
                let _ = tx.send(bytes);
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => thread::sleep(Duration::from_millis(5)),
            Err(_) => return,
        }
    }
}

/// The answer to `DLE EOT n` in `mode`.
fn answer(mode: Mode, n: u8) -> Option<u8> {
    match (mode, n) {
        (Mode::Silent | Mode::NeverReads, _) => None,
        (Mode::PaperOut, 1) => Some(0x1A),
        (Mode::PaperOut, 2) => Some(0x32),
        (Mode::PaperOut, _) => Some(0x72),
        (_, _) => Some(0x12),
    }
}

fn connection(mut stream: TcpStream, mode: Mode, stop: &AtomicBool, end: Instant) -> Vec<u8> {
    let mut got = Vec::new();
    if mode == Mode::NeverReads {
        while !stop.load(Ordering::Relaxed) && Instant::now() < end {
            thread::sleep(Duration::from_millis(10));
        }
        return got;
    }
    stream
        .set_read_timeout(Some(Duration::from_millis(50)))
        .unwrap();
    let mut buf = vec![0u8; 64 * 1024];
    let mut answered = 0;
    while !stop.load(Ordering::Relaxed) && Instant::now() < end {
        let room = match mode {
            Mode::DropAfter(limit) => buf.len().min(limit - got.len()),
            _ => buf.len(),
        };
        match stream.read(&mut buf[..room]) {
            Ok(0) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => break,
        }
        // Answers each request that ends what has arrived so far (before, between and after
        // jobs); a drop-after printer answers only the first.
        if let [.., 0x10, 0x04, n] = got[..] {
            let first_only = matches!(mode, Mode::DropAfter(_)) && answered > 0;
            if got.len() > answered && !first_only {
                answered = got.len();
                if let Some(byte) = answer(mode, n) {
                    let _ = stream.write_all(&[byte]);
                }
            }
        }
        if let Mode::DropAfter(limit) = mode
            && got.len() >= limit
        {
            // Dropped with unread bytes: the kernel answers the sender with a reset.
            return got;
        }
    }
    got
}
