//! Daily summaries (design.md §5): built from one business day's sales and written to the outbox by
//! the end-of-day Z close — and by the next opening for a day nobody closed — in the same
//! transaction. A day that changed after it was summarised gets revision + 1; a day that did not
//! change gets nothing new.
//!
//! One database is one point: a day's summary covers every sale of that business date, exactly as
//! `report::day` does.

mod build;

pub use build::build;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{Connection, params};

use super::Error;
use super::outbox::{self, Kind, OutboxError};
use crate::domain::summary::DailySummary;

/// The outbox subject of a point's day: `POINT/YYYY-MM-DD` (the hub's URL names both).
pub fn subject(point_code: &str, date: NaiveDate) -> String {
    format!("{point_code}/{date}")
}

fn corrupt(what: impl std::fmt::Display) -> Error {
    Error::Corrupt(what.to_string())
}

/// A summary read back from the outbox, with the revision of its row.
fn parse(message: &outbox::Message) -> Result<DailySummary, Error> {
    serde_json::from_str(&message.body).map_err(|e| {
        corrupt(format!(
            "bản tổng hợp {} (bản {}) trong hộp thư đi không đọc được: {e}",
            message.subject, message.revision
        ))
    })
}

/// The latest revision written for the point's day, if the day was ever closed.
pub fn latest(
    conn: &Connection,
    point_code: &str,
    date: NaiveDate,
) -> Result<Option<DailySummary>, Error> {
    outbox::latest(conn, Kind::DailySummary, &subject(point_code, date))?
        .map(|m| parse(&m))
        .transpose()
}

/// Receipts (sales and refunds) of the day. Sales are only ever added, so an unchanged count means
/// an unchanged day.
fn receipts_of(conn: &Connection, date: &str) -> Result<i64, Error> {
    Ok(conn
        .prepare_cached("SELECT COUNT(*) FROM sales WHERE business_date = ?1")?
        .query_row([date], |r| r.get(0))?)
}

fn unchanged_since(conn: &Connection, summary: &DailySummary) -> Result<bool, Error> {
    let count = receipts_of(conn, &summary.business_date.to_string())?;
    Ok(count == i64::from(summary.receipts) + i64::from(summary.refund_receipts))
}

/// Whether a day's summary was sent, and whether the day changed since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// The latest revision in the outbox is the day as it stands.
    Closed,
    /// Sales or refunds were made on the day after its latest revision: the next end-of-day close
    /// (or the next day's opening) writes a new one.
    ChangedSinceClose,
    /// The day was never closed: the summary shown was built just now and is not in the outbox.
    NotClosed,
}

/// A summary to show, with its state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// The summary.
    pub summary: DailySummary,
    /// Where it stands.
    pub state: State,
}

/// The day's latest revision from the outbox, or — if the day was never closed — the summary it
/// would have if it were closed at `at`.
pub fn show(
    conn: &Connection,
    point_code: &str,
    date: NaiveDate,
    at: DateTime<FixedOffset>,
) -> Result<Shown, Error> {
    match latest(conn, point_code, date)? {
        Some(summary) => {
            let state = if unchanged_since(conn, &summary)? {
                State::Closed
            } else {
                State::ChangedSinceClose
            };
            Ok(Shown { summary, state })
        }
        None => Ok(Shown {
            summary: build(conn, point_code, date, 1, at)?,
            state: State::NotClosed,
        }),
    }
}

/// A summary written to the outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// The day.
    pub business_date: NaiveDate,
    /// Its revision.
    pub revision: u32,
    /// The outbox row.
    pub outbox_id: i64,
}

/// Writes the summary of `date` if the day has none yet or changed since its latest one (inside
/// the caller's transaction). A summary that does not add up is refused, and nothing is written.
fn write_if_changed(
    conn: &Connection,
    point_code: &str,
    date: NaiveDate,
    at: DateTime<FixedOffset>,
) -> Result<Option<Written>, Error> {
    let subject = subject(point_code, date);
    let previous = match outbox::latest(conn, Kind::DailySummary, &subject)? {
        Some(message) => {
            let summary = parse(&message)?;
            if unchanged_since(conn, &summary)? {
                return Ok(None);
            }
            Some((message.revision, summary))
        }
        None => None,
    };
    let revision = previous.as_ref().map_or(1, |(r, _)| r.saturating_add(1));
    let summary = build(conn, point_code, date, revision, at)?;
    summary.verify().map_err(OutboxError::from)?;
    if previous
        .as_ref()
        .is_some_and(|(_, before)| before.same_content(&summary))
    {
        return Ok(None);
    }
    let body = serde_json::to_string(&summary).map_err(corrupt)?;
    let outbox_id = outbox::enqueue(conn, Kind::DailySummary, &subject, revision, &body, at)?;
    Ok(Some(Written {
        business_date: date,
        revision,
        outbox_id,
    }))
}

/// Which days a write has to look at.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Due {
    /// A shift opening on this date: earlier days with sales that were never summarised, or that
    /// changed since (a clerk forgot the end-of-day close).
    Before(NaiveDate),
    /// An end-of-day close of this shift: its own business date, every date its sales fall on, and
    /// any later unsummarised day.
    EndOfDay {
        /// The shift.
        shift_id: i64,
        /// Its first sale id (its sales are a rowid range).
        first_sale_id: i64,
        /// The date it opened on.
        business_date: NaiveDate,
    },
}

fn parse_date(text: &str) -> Result<NaiveDate, Error> {
    text.parse()
        .map_err(|_| corrupt(format!("ngày kinh doanh \"{text}\" không hợp lệ")))
}

/// The latest day summarised for the point, or the first day it ever opened a shift; None before
/// the first shift (sales made before shifts existed are not summarised by themselves).
fn start_of_unsummarised(conn: &Connection, point_code: &str) -> Result<Option<NaiveDate>, Error> {
    // Subjects of one point sort by date; '0' is the character after '/'.
    let latest: Option<String> = conn
        .prepare_cached(
            "SELECT MAX(subject) FROM outbox
             WHERE kind = 'daily_summary' AND subject > ?1 AND subject < ?2",
        )?
        .query_row(
            params![format!("{point_code}/"), format!("{point_code}0")],
            |r| r.get(0),
        )?;
    if let Some(subject) = latest {
        let date = subject.rsplit('/').next().unwrap_or_default();
        return parse_date(date).map(Some);
    }
    let first: Option<String> = conn
        .prepare_cached("SELECT MIN(business_date) FROM shifts WHERE point_code = ?1")?
        .query_row([point_code], |r| r.get(0))?;
    first.as_deref().map(parse_date).transpose()
}

fn dates(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<String>, Error> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Writes every summary `due` calls for (inside the caller's transaction), oldest day first.
pub(crate) fn write_due(
    conn: &Connection,
    point_code: &str,
    due: Due,
    at: DateTime<FixedOffset>,
) -> Result<Vec<Written>, Error> {
    let start = start_of_unsummarised(conn, point_code)?;
    let mut days: Vec<String> = Vec::new();
    match due {
        Due::Before(date) => {
            if let Some(start) = start.filter(|s| *s < date) {
                days = dates(
                    conn,
                    "SELECT DISTINCT business_date FROM sales
                     WHERE business_date >= ?1 AND business_date < ?2",
                    params![start.to_string(), date.to_string()],
                )?;
            }
        }
        Due::EndOfDay {
            shift_id,
            first_sale_id,
            business_date,
        } => {
            days.push(business_date.to_string());
            days.extend(dates(
                conn,
                // NOT INDEXED: the rowid range, not a walk of the whole date index.
                "SELECT DISTINCT business_date FROM sales NOT INDEXED
                 WHERE id >= ?1 AND shift_id = ?2",
                params![first_sale_id, shift_id],
            )?);
            if let Some(start) = start {
                days.extend(dates(
                    conn,
                    "SELECT DISTINCT business_date FROM sales WHERE business_date >= ?1",
                    [start.to_string()],
                )?);
            }
        }
    }
    days.sort_unstable();
    days.dedup();
    let mut written = Vec::new();
    for day in days {
        if let Some(w) = write_if_changed(conn, point_code, parse_date(&day)?, at)? {
            written.push(w);
        }
    }
    Ok(written)
}
