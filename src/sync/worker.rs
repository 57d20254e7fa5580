//! The background pusher: a thread that, every little while, sends the outbox's due daily summaries
//! to the hub with its own database connection, and stops when its handle is dropped.

use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::{FixedOffset, Utc};

use super::client::Client;
use super::push::{self, Which};
use crate::config::Config;
use crate::store;

/// What the last round did, for the window's "chưa đồng bộ" count and error line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    /// Summaries still waiting for the hub.
    pub pending: u32,
    /// The last error (the hub unreachable, or a refusal the manager must fix).
    pub error: Option<String>,
    /// A round has run: before the first one, nothing is known yet.
    pub checked: bool,
}

/// A running pusher. Dropping it stops the thread after its current round.
pub struct Worker {
    wake: Sender<()>,
    state: Arc<Mutex<State>>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    /// Asks for a round now (after a day is closed).
    pub fn wake(&self) {
        let _ = self.wake.send(());
    }

    /// What the last round left.
    pub fn state(&self) -> State {
        self.state.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let (stop, _) = mpsc::channel();
        // Replacing the sender closes the channel, which ends the thread's wait.
        drop(std::mem::replace(&mut self.wake, stop));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// One round against the database at `db_path`; the outbox keeps each summary's retry time.
fn round(db_path: &Path, client: &Client, offset: FixedOffset) -> Result<State, store::Error> {
    let conn = store::open(db_path)?;
    let now = Utc::now().with_timezone(&offset);
    let done = push::round(&conn, client, Which::Due, now, &mut push::system_random)?;
    let pending = store::outbox::pending_count(&conn)?;
    let error = done.refused.first().cloned().or_else(|| {
        (done.waiting > 0).then(|| "chưa kết nối được máy chủ tỉnh, sẽ thử lại".to_owned())
    });
    Ok(State {
        pending,
        error,
        checked: true,
    })
}

/// Starts pushing the outbox of the database at `db_path` through `client`, a round every `every`
/// (and whenever woken), with business times in `offset`.
pub fn spawn(
    db_path: &Path,
    client: Client,
    every: Duration,
    offset: FixedOffset,
) -> std::io::Result<Worker> {
    let (wake, woken) = mpsc::channel::<()>();
    let state = Arc::new(Mutex::new(State::default()));
    let shared = Arc::clone(&state);
    let db_path = db_path.to_owned();
    let thread = std::thread::Builder::new()
        .name("ocop-sync".into())
        .spawn(move || {
            loop {
                let result = round(&db_path, &client, offset).unwrap_or_else(|e| State {
                    pending: 0,
                    error: Some(e.to_string()),
                    checked: true,
                });
                if let Ok(mut s) = shared.lock() {
                    *s = result;
                }
                match woken.recv_timeout(every) {
                    Ok(()) | Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => break,
                }
            }
        })?;
    Ok(Worker {
        wake,
        state,
        thread: Some(thread),
    })
}

/// How often the background pusher looks at the outbox; each summary also keeps its own retry time.
const PUSH_EVERY: Duration = Duration::from_secs(300);

/// Starts the background pusher when `[sync]` names the hub; without it, or if it cannot start
/// (logged), the till simply does not push.
pub fn start(config: &Config, db_path: &Path) -> Option<Worker> {
    let sync = &config.sync;
    if !sync.is_configured() {
        return None;
    }
    let timeout = Duration::from_secs(u64::from(sync.timeout_seconds));
    let started = Client::new(&sync.hub_url, &sync.point_token, timeout)
        .map_err(|e| e.to_string())
        .and_then(|client| {
            let offset = config.business.utc_offset.0;
            spawn(db_path, client, PUSH_EVERY, offset).map_err(|e| e.to_string())
        });
    started
        .map_err(|err| tracing::error!("không khởi động được việc đồng bộ với máy chủ tỉnh: {err}"))
        .ok()
}
