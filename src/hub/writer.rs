//! Group commit: one thread owns the hub's writing connection and stores the summaries that
//! arrive together in one transaction (each in its own savepoint), so a burst of tills costs one
//! fsync per batch instead of one per summary, with `synchronous=FULL` kept.

use std::sync::mpsc;

use chrono::Utc;
use rusqlite::Connection;
use tokio::sync::oneshot;

use super::store::{self, days};
use crate::domain::summary::DailySummary;

/// Most summaries committed together.
pub const MAX_BATCH: usize = 128;

type Answer = oneshot::Sender<Result<days::Put, store::Error>>;

/// A verified summary and its JSON as sent.
type Job = (DailySummary, String, Answer);

/// A handle to the writer thread; cloning it is cheap. The thread ends when every handle is gone.
#[derive(Clone)]
pub struct Writer {
    jobs: mpsc::Sender<Job>,
}

impl Writer {
    /// Starts the writer thread on `conn`.
    pub fn start(conn: Connection) -> Writer {
        let (jobs, queue) = mpsc::channel();
        std::thread::spawn(move || run(conn, &queue));
        Writer { jobs }
    }

    /// Stores `summary`, kept as `body` (its JSON as sent); answers once its batch is committed.
    pub async fn put(
        &self,
        summary: DailySummary,
        body: String,
    ) -> Option<Result<days::Put, store::Error>> {
        let (answer, answered) = oneshot::channel();
        self.jobs.send((summary, body, answer)).ok()?;
        answered.await.ok()
    }
}

fn run(mut conn: Connection, queue: &mpsc::Receiver<Job>) {
    while let Ok(first) = queue.recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let (summaries, answers): (Vec<_>, Vec<_>) = batch
            .into_iter()
            .map(|(summary, body, answer)| ((summary, body), answer))
            .unzip();
        let results = commit(&mut conn, &summaries);
        for (answer, result) in answers.into_iter().zip(results) {
            // A client that went away does not stop the others.
            let _ = answer.send(result);
        }
    }
}

/// Stores every summary in one transaction; a summary that fails is rolled back alone. If the
/// commit fails, every summary of the batch gets the error (none is stored).
fn commit(
    conn: &mut Connection,
    summaries: &[(DailySummary, String)],
) -> Vec<Result<days::Put, store::Error>> {
    let fail = |e: rusqlite::Error| {
        tracing::error!(error = %e, "hub writer");
        summaries
            .iter()
            .map(|_| {
                Err(store::Error::Invalid {
                    field: "database",
                    reason: "không ghi được lô bản tổng hợp",
                })
            })
            .collect()
    };
    let mut tx = match conn.transaction() {
        Ok(tx) => tx,
        Err(e) => return fail(e),
    };
    let now = Utc::now();
    let mut results = Vec::with_capacity(summaries.len());
    for (summary, body) in summaries {
        let result = tx.savepoint().map_err(store::Error::from).and_then(|sp| {
            let put = days::put_in(&sp, summary, body, now)?;
            sp.commit()?;
            Ok(put)
        });
        results.push(result);
    }
    match tx.commit() {
        Ok(()) => results,
        Err(e) => fail(e),
    }
}
