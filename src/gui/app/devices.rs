//! Restarting the background workers after the back office changed their settings.

use std::sync::Arc;

use super::App;
use crate::config::Config;
use crate::device::print_worker;

impl App {
    /// Takes `config` as the window's configuration and starts a print worker and a pusher for it
    /// (also in a window started without them). The old print worker stops after the job in hand,
    /// on a thread of its own so the window never waits for it; the new one prints once it holds
    /// the queue.
    pub(crate) fn apply_config(&mut self, config: Config) -> Result<(), String> {
        let old = self.printer.take();
        if let Some(old) = old {
            std::thread::spawn(move || {
                if let Ok(worker) = Arc::try_unwrap(old) {
                    worker.stop();
                }
            });
        }
        self.pusher = crate::sync::worker::start(&config, &self.launch.db_path).map(Arc::new);
        let setup = print_worker::Setup::from_config(&config);
        self.launch.config = config;
        let worker = print_worker::spawn(&self.launch.db_path, setup).map_err(|e| e.to_string())?;
        worker.wake();
        self.printer = Some(Arc::new(worker));
        self.printer_state = self.printer.as_ref().map(|p| p.state());
        Ok(())
    }

    /// Whether a print worker runs in this window.
    pub(crate) fn has_printer(&self) -> bool {
        self.printer.is_some()
    }
}
