//! The print worker: takes pending jobs oldest first, builds each document from the database,
//! encodes it for the configured printer and sends it. A printer failure leaves the job pending
//! with its error and one more attempt, and the worker waits (doubling up to a limit) before
//! trying again; selling never waits for it. Runs on a plain thread with its own connection.

mod job;
mod worker;

pub use job::{DRAWER_WINDOW, JobError, bytes};
pub use worker::{LockError, QueueLock, StartError, State, Worker, lock, spawn};

use std::time::Duration;

use chrono::{DateTime, FixedOffset, Utc};
use rusqlite::Connection;

use super::printer::{self, Address, Timeouts};
use crate::config::Config;
use crate::receipt::Profile;
use crate::receipt::document::Settings;
use crate::receipt::drawer::Pulse;
use crate::store::Error;
use crate::store::print_jobs::{self, Job};

/// Everything the worker needs to know.
#[derive(Debug, Clone)]
pub struct Setup {
    /// The printer; None leaves every job waiting.
    pub address: Option<Address>,
    /// The drivers' timeouts.
    pub timeouts: Timeouts,
    /// How documents are encoded.
    pub profile: Profile,
    /// Footer and bank account of receipts.
    pub settings: Settings,
    /// The drawer kick.
    pub pulse: Pulse,
    /// First wait after a failure.
    pub retry_min: Duration,
    /// Longest wait after failures.
    pub retry_max: Duration,
    /// How often an idle worker looks for jobs queued by another process.
    pub poll: Duration,
    /// The business offset, for the time jobs are marked printed.
    pub offset: FixedOffset,
}

impl Setup {
    /// The setup the configuration describes.
    pub fn from_config(config: &Config) -> Setup {
        let (retry_min, retry_max) = config.printer_retry();
        Setup {
            address: config.printer.address.clone(),
            timeouts: config.printer_timeouts(),
            profile: config.receipt_profile(),
            settings: config.receipt_settings(),
            pulse: config.drawer_pulse(),
            retry_min,
            retry_max,
            poll: Duration::from_secs(2),
            offset: config.business.utc_offset.0,
        }
    }

    /// The time now in the business offset.
    pub fn now(&self) -> DateTime<FixedOffset> {
        Utc::now().with_timezone(&self.offset)
    }

    /// The wait after `failures` failed rounds in a row.
    pub fn backoff(&self, failures: u32) -> Duration {
        let doubled = self
            .retry_min
            .saturating_mul(1 << failures.saturating_sub(1).min(16));
        doubled.min(self.retry_max.max(self.retry_min))
    }
}

/// What became of one job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Sent to the printer and marked printed.
    Printed,
    /// The printer failed: the job is still pending, with this error.
    Waiting(String),
    /// The job can never print and was marked failed, with this error.
    Failed(String),
}

/// Tries to print `job` once at `now` and records the result.
pub fn print_job(
    conn: &Connection,
    setup: &Setup,
    job: &Job,
    now: DateTime<FixedOffset>,
) -> Result<Outcome, Error> {
    let data = match bytes(conn, setup, job, now) {
        Ok(data) => data,
        Err(JobError::Broken(why)) => {
            print_jobs::mark_failed(conn, job.id, &why)?;
            return Ok(Outcome::Failed(why));
        }
        Err(JobError::Store(e)) => {
            let why = e.to_string();
            print_jobs::mark_retry(conn, job.id, &why)?;
            return Ok(Outcome::Waiting(why));
        }
    };
    let sent = match &setup.address {
        Some(address) => printer::print(address, setup.timeouts, &data),
        None => Err(printer::Error::NoPrinter),
    };
    match sent {
        Ok(()) => {
            print_jobs::mark_printed(conn, job.id, now)?;
            Ok(Outcome::Printed)
        }
        Err(e) => {
            let why = e.to_string();
            tracing::warn!(job = job.id, "print failed: {why}");
            print_jobs::mark_retry(conn, job.id, &why)?;
            Ok(Outcome::Waiting(why))
        }
    }
}

/// What one pass over the queue did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Round {
    /// Jobs printed, in order.
    pub printed: Vec<i64>,
    /// Jobs marked failed, with why.
    pub failed: Vec<(i64, String)>,
    /// The job the printer failed on, with why; the pass stopped there.
    pub waiting: Option<(i64, String)>,
}

/// Prints pending jobs oldest first until none is left or the printer fails (the rest then
/// waits, in order, for the next pass). `now` is the time of the pass.
pub fn drain(conn: &Connection, setup: &Setup, now: DateTime<FixedOffset>) -> Result<Round, Error> {
    let mut round = Round::default();
    let mut last = 0;
    while let Some(job) = print_jobs::next_pending(conn)? {
        if job.id <= last {
            return Err(Error::Corrupt(format!(
                "lệnh in #{} vẫn chờ in sau khi đã xử lý",
                job.id
            )));
        }
        last = job.id;
        match print_job(conn, setup, &job, now)? {
            Outcome::Printed => round.printed.push(job.id),
            Outcome::Failed(why) => round.failed.push((job.id, why)),
            Outcome::Waiting(why) => {
                round.waiting = Some((job.id, why));
                break;
            }
        }
    }
    Ok(round)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_limit() {
        let setup = Setup {
            retry_min: Duration::from_secs(2),
            retry_max: Duration::from_secs(60),
            ..Setup::from_config(&Config::default())
        };
        let waits: Vec<u64> = (1..=7).map(|n| setup.backoff(n).as_secs()).collect();
        assert_eq!(waits, [2, 4, 8, 16, 32, 60, 60]);
        assert_eq!(setup.backoff(u32::MAX).as_secs(), 60);
    }
}
