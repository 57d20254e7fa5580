//! The worker thread: holds the queue lock, drains the queue, waits (the poll interval, or the
//! backoff after a failure) and starts again when woken.

use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};

use rusqlite::Connection;

use super::{Setup, drain};
use crate::store::{self, Error, print_jobs};

/// Holds the print queue for one worker: two workers (the till window and `ocop-pos print-worker`)
/// would otherwise both print the same pending job. Released when dropped or when the process ends.
#[derive(Debug)]
pub struct QueueLock {
    _file: std::fs::File,
}

/// Another worker holds the queue, or the lock file cannot be opened.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another worker is printing.
    #[error(
        "một tiến trình in khác (cửa sổ bán hàng hoặc ocop-pos print-worker) đang xử lý hàng đợi in"
    )]
    Busy,
    /// The lock file failed.
    #[error("không mở được tệp khóa hàng đợi in {path}: {source}")]
    File {
        /// The lock file.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// Takes the print queue of the database at `db_path`, or says who has it.
pub fn lock(db_path: &Path) -> Result<QueueLock, LockError> {
    let path = db_path.with_extension("print-lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|source| LockError::File {
            path: path.clone(),
            source,
        })?;
    match file.try_lock() {
        Ok(()) => Ok(QueueLock { _file: file }),
        Err(std::fs::TryLockError::WouldBlock) => Err(LockError::Busy),
        Err(std::fs::TryLockError::Error(source)) => Err(LockError::File { path, source }),
    }
}

/// What the worker last saw, for the till's printer banner.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct State {
    /// Jobs printed since the worker started.
    pub printed: u64,
    /// Jobs waiting after the last pass.
    pub pending: u32,
    /// Why the last pass stopped (None when it emptied the queue).
    pub error: Option<String>,
}

enum Message {
    Wake,
    Stop,
}

/// The running worker. Dropping it stops the thread after the job in hand.
pub struct Worker {
    messages: Sender<Message>,
    state: Arc<Mutex<State>>,
    handle: Option<JoinHandle<()>>,
}

impl Worker {
    /// Looks at the queue now (after a sale, or when the clerk presses "retry").
    pub fn wake(&self) {
        let _ = self.messages.send(Message::Wake);
    }

    /// What the worker last saw.
    pub fn state(&self) -> State {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Stops the thread and waits for it (at most one job's timeouts).
    pub fn stop(mut self) {
        let _ = self.messages.send(Message::Stop);
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.messages.send(Message::Stop);
    }
}

/// Waits for the queue lock, retrying at each poll; None when told to stop meanwhile.
fn wait_for_lock(
    db_path: &Path,
    setup: &Setup,
    inbox: &mpsc::Receiver<Message>,
    state: &Mutex<State>,
) -> Option<QueueLock> {
    loop {
        match lock(db_path) {
            Ok(lock) => return Some(lock),
            Err(e) => {
                state.lock().unwrap_or_else(PoisonError::into_inner).error = Some(e.to_string())
            }
        }
        match inbox.recv_timeout(setup.poll) {
            Ok(Message::Wake) | Err(RecvTimeoutError::Timeout) => {}
            Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
}

fn run(
    db_path: &Path,
    conn: Connection,
    setup: Setup,
    inbox: mpsc::Receiver<Message>,
    state: Arc<Mutex<State>>,
) {
    let Some(_lock) = wait_for_lock(db_path, &setup, &inbox, &state) else {
        return;
    };
    let mut failures = 0;
    loop {
        let result = drain(&conn, &setup, setup.now());
        let pending = print_jobs::pending_count(&conn).unwrap_or(0);
        let error = match result {
            Ok(round) => {
                let mut s = state.lock().unwrap_or_else(PoisonError::into_inner);
                s.printed += round.printed.len() as u64;
                s.pending = pending;
                s.error = round.waiting.map(|(_, why)| why);
                s.error.clone()
            }
            Err(e) => {
                let mut s = state.lock().unwrap_or_else(PoisonError::into_inner);
                s.pending = pending;
                s.error = Some(e.to_string());
                s.error.clone()
            }
        };
        let wait = match error {
            Some(_) => {
                failures += 1;
                setup.backoff(failures)
            }
            None => {
                failures = 0;
                setup.poll
            }
        };
        match inbox.recv_timeout(wait) {
            Ok(Message::Wake) | Err(RecvTimeoutError::Timeout) => {}
            Ok(Message::Stop) | Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

/// The worker could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// Its database connection did not open.
    #[error(transparent)]
    Store(#[from] Error),
    /// The system refused a thread.
    #[error("không khởi động được tiến trình in: {0}")]
    Thread(#[from] std::io::Error),
}

/// Starts the worker on the database at `db_path` (its own connection). It prints once it holds
/// the queue ([`lock`]), waiting while another worker has it.
pub fn spawn(db_path: &Path, setup: Setup) -> Result<Worker, StartError> {
    let conn = store::open(db_path)?;
    let path = db_path.to_owned();
    let (messages, inbox) = mpsc::channel();
    let state = Arc::new(Mutex::new(State::default()));
    let shared = Arc::clone(&state);
    let handle = thread::Builder::new()
        .name("ocop-print".into())
        .spawn(move || run(&path, conn, setup, inbox, shared))?;
    Ok(Worker {
        messages,
        state,
        handle: Some(handle),
    })
}
