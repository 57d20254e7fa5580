//! Restarting the background workers after the back office changed their settings.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use super::App;
use crate::config::Config;
use crate::device::print_worker::{self, Worker};

/// A configuration and the workers started for it (off the window's thread: opening the print
/// worker's database connection is I/O).
#[derive(Clone)]
pub struct Workers {
    config: Config,
    printer: Result<Arc<Worker>, String>,
    pusher: Option<Arc<crate::sync::worker::Worker>>,
}

impl fmt::Debug for Workers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Workers")
            .field("printer", &self.printer.as_ref().map(|_| "running"))
            .field("pusher", &self.pusher.as_ref().map(|_| "running"))
            .finish_non_exhaustive()
    }
}

impl Workers {
    /// Starts a print worker (it prints once it holds the queue, after the old one let go) and,
    /// when `[sync]` is set, a pusher for `config` over the database at `db_path`.
    pub fn start(config: Config, db_path: &Path) -> Workers {
        let setup = print_worker::Setup::from_config(&config);
        let printer = print_worker::spawn(db_path, setup)
            .map(Arc::new)
            .map_err(|e| e.to_string());
        let pusher = crate::sync::worker::start(&config, db_path).map(Arc::new);
        Workers {
            config,
            printer,
            pusher,
        }
    }
}

impl App {
    /// Takes the configuration and the workers started for it (also in a window started without
    /// workers). The old print worker stops after the job in hand, on a thread of its own so the
    /// window never waits for it; so does the old pusher.
    pub(crate) fn apply_workers(&mut self, workers: Workers) -> Result<(), String> {
        if let Some(old) = self.printer.take() {
            std::thread::spawn(move || {
                if let Ok(worker) = Arc::try_unwrap(old) {
                    worker.stop();
                }
            });
        }
        // Dropping a pusher waits for its round (a request may take its timeout): not here.
        let old_pusher = std::mem::replace(&mut self.pusher, workers.pusher);
        if old_pusher.is_some() {
            std::thread::spawn(move || drop(old_pusher));
        }
        self.launch.config = workers.config;
        let printer = workers.printer?;
        printer.wake();
        self.printer_state = Some(printer.state());
        self.printer = Some(printer);
        Ok(())
    }

    /// Whether a print worker runs in this window.
    pub(crate) fn has_printer(&self) -> bool {
        self.printer.is_some()
    }
}
