//! Running the hub: bind, serve until told to stop, finish the requests in flight. [`Handle`] runs
//! it on a thread of its own (tests, load runs), stopping when dropped.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;

use super::api::{self, AppState};
use super::store;

/// Where and how the hub serves.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Address to listen on (port 0: any free port).
    pub listen: SocketAddr,
    /// The folder holding `hub.db`.
    pub data_dir: PathBuf,
    /// The longest a request may take before it is answered 503.
    pub request_timeout: Duration,
    /// Dashboard logins: `Secure` cookies behind TLS, lockout after wrong passwords.
    pub security: super::login::Security,
}

/// Why the hub could not serve.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database could not be opened.
    #[error(transparent)]
    Store(#[from] store::Error),
    /// The address could not be bound, or serving failed.
    #[error("máy chủ tỉnh không chạy được trên {addr}: {source}")]
    Io {
        /// The listen address.
        addr: SocketAddr,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The server thread ended without saying why.
    #[error("luồng máy chủ tỉnh đã dừng bất ngờ")]
    Thread,
}

/// Binds `settings.listen`; returns the bound address and the server future, which runs until
/// `stop` resolves and then waits for requests in flight.
pub async fn bind(
    settings: &Settings,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<
    (
        SocketAddr,
        impl std::future::Future<Output = Result<(), Error>>,
    ),
    Error,
> {
    let path = store::path_in(&settings.data_dir);
    let conn = store::open(&path)?;
    let tokens = store::open(&path)?;
    let writer = store::open(&path)?;
    let state = AppState::new(conn, tokens, writer).with_security(settings.security);
    let app = api::router(state, settings.request_timeout);
    let io = |source| Error::Io {
        addr: settings.listen,
        source,
    };
    let listener = TcpListener::bind(settings.listen).await.map_err(io)?;
    let addr = listener.local_addr().map_err(io)?;
    tracing::info!(%addr, "ocop-hub listening");
    let serving = async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(stop)
            .await
            .map_err(|source| Error::Io { addr, source })
    };
    Ok((addr, serving))
}

/// A hub running on its own thread and runtime; dropping it stops the hub and waits for it.
pub struct Handle {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Handle {
    /// Starts the hub and returns once it listens.
    pub fn start(settings: Settings) -> Result<Handle, Error> {
        let (stop_tx, stop_rx) = oneshot::channel::<()>();
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            let runtime = match tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(source) => {
                    let _ = ready_tx.send(Err(Error::Io {
                        addr: settings.listen,
                        source,
                    }));
                    return;
                }
            };
            runtime.block_on(async move {
                let stop = async {
                    let _ = stop_rx.await;
                };
                match bind(&settings, stop).await {
                    Ok((addr, serving)) => {
                        let _ = ready_tx.send(Ok(addr));
                        if let Err(e) = serving.await {
                            tracing::error!(error = %e, "ocop-hub stopped");
                        }
                    }
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                    }
                }
            });
        });
        let addr = ready_rx.recv().map_err(|_| Error::Thread)??;
        Ok(Handle {
            addr,
            stop: Some(stop_tx),
            thread: Some(thread),
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://ADDR`, for clients.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
