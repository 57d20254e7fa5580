//! A handle to the database that any thread can use: one worker thread owns the connection and runs
//! the jobs sent to it in order, so the window and background workers never share a `Connection`.

use std::path::Path;
use std::sync::mpsc;
use std::thread;

use rusqlite::Connection;

use super::Error;

type Job = Box<dyn FnOnce(&mut Connection) + Send>;

/// A cloneable, thread-safe handle to the database worker.
#[derive(Clone)]
pub struct Db {
    jobs: mpsc::Sender<Job>,
}

/// The worker is gone (its thread ended, for instance after a panic in a job).
#[derive(Debug, Clone, Copy, thiserror::Error)]
#[error("tiến trình cơ sở dữ liệu đã dừng")]
pub struct WorkerGone;

impl Db {
    /// Opens the database at `path` (migrating it) and starts its worker thread.
    pub fn open(path: &Path) -> Result<Db, Error> {
        let conn = super::open(path)?;
        Ok(Db::start(conn))
    }

    /// Starts a worker that owns `conn`; it stops when the last handle is dropped.
    pub fn start(mut conn: Connection) -> Db {
        let (jobs, queue) = mpsc::channel::<Job>();
        // The thread ends when every sender is dropped: `recv` then fails.
        let spawned = thread::Builder::new()
            .name("ocop-db".into())
            .spawn(move || {
                while let Ok(job) = queue.recv() {
                    job(&mut conn);
                }
            });
        if let Err(err) = spawned {
            tracing::error!("cannot start the database thread: {err}");
        }
        Db { jobs }
    }

    /// Runs `job` on the worker and waits for its result.
    pub fn call<T, E, F>(&self, job: F) -> Result<T, E>
    where
        T: Send + 'static,
        E: From<WorkerGone> + Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, E> + Send + 'static,
    {
        let (reply, answer) = mpsc::sync_channel(1);
        let boxed: Job = Box::new(move |conn| {
            // The caller may have stopped waiting; then nobody needs the answer.
            let _ = reply.send(job(conn));
        });
        self.jobs.send(boxed).map_err(|_| E::from(WorkerGone))?;
        answer.recv().map_err(|_| E::from(WorkerGone))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    enum TestError {
        Gone,
        Sql(String),
    }
    impl From<WorkerGone> for TestError {
        fn from(_: WorkerGone) -> Self {
            TestError::Gone
        }
    }

    #[test]
    fn jobs_from_many_threads_run_in_order_on_one_connection() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("till.db")).unwrap();
        db.call(|c| {
            c.execute_batch("CREATE TABLE t (n INTEGER)")
                .map_err(|e| TestError::Sql(e.to_string()))
        })
        .unwrap();
        let handles: Vec<_> = (0..4)
            .map(|i| {
                let db = db.clone();
                thread::spawn(move || {
                    for n in 0..25 {
                        db.call(move |c| {
                            c.execute("INSERT INTO t VALUES (?1)", [i * 100 + n])
                                .map_err(|e| TestError::Sql(e.to_string()))
                        })
                        .unwrap();
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        let count: i64 = db
            .call(|c| {
                c.query_row("SELECT COUNT(*) FROM t", [], |r| r.get(0))
                    .map_err(|e| TestError::Sql(e.to_string()))
            })
            .unwrap();
        assert_eq!(count, 100);
        assert!(matches!(
            db.call(|c| c.execute("INSERT INTO nope VALUES (1)", []).map_err(|e| TestError::Sql(e.to_string()))),
            Err(TestError::Sql(msg)) if msg.contains("no such table")
        ));
    }
}
