//! Daily summaries (design.md §5): built from one business day's sales and written to the outbox by
//! the end-of-day Z close — and by the next opening for a day nobody closed — in the same
//! transaction. A day that changed after it was summarised gets revision + 1; a day that did not
//! change gets nothing new.
//!
//! One database is one point: a day's summary covers every sale of that business date, exactly as
//! `report::day` does.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate, SubsecRound};
use rusqlite::{Connection, params};

use super::Error;
use super::outbox::{self, Kind, OutboxError};
use crate::domain::money::Vnd;
use crate::domain::payment;
use crate::domain::summary::{self, CURRENCY, DailySummary, Hour, Line, Method, Payment, SCHEMA};

/// The outbox subject of a point's day: `POINT/YYYY-MM-DD` (the hub's URL names both).
pub fn subject(point_code: &str, date: NaiveDate) -> String {
    format!("{point_code}/{date}")
}

fn corrupt(what: impl std::fmt::Display) -> Error {
    Error::Corrupt(what.to_string())
}

fn sum_i64(a: i64, b: i64) -> Result<i64, Error> {
    a.checked_add(b)
        .ok_or_else(|| Error::Overflow(crate::domain::money::Overflow))
}

/// Builds the summary of `date` as it stands in the database.
pub fn build(
    conn: &Connection,
    point_code: &str,
    date: NaiveDate,
    revision: u32,
    at: DateTime<FixedOffset>,
) -> Result<DailySummary, Error> {
    let d = date.to_string();
    // One pass over the day's sales grouped by hour gives both the hours and the day's totals.
    let mut stmt = conn.prepare_cached(
        "SELECT CAST(substr(completed_at, 12, 2) AS INTEGER) AS h,
                SUM(kind = 'sale'), SUM(kind = 'refund'),
                SUM(CASE WHEN kind = 'sale' THEN gross_vnd ELSE 0 END),
                SUM(CASE WHEN kind = 'sale' THEN discount_vnd ELSE 0 END),
                -SUM(CASE WHEN kind = 'refund' THEN total_vnd ELSE 0 END),
                SUM(total_vnd), SUM(vat_vnd)
         FROM sales WHERE business_date = ?1 GROUP BY h ORDER BY h",
    )?;
    let rows = stmt
        .query_map([&d], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                [
                    r.get::<_, i64>(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ],
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut totals = [0_i64; 7];
    let mut hours = Vec::with_capacity(rows.len());
    for (hour, figures) in rows {
        for (total, figure) in totals.iter_mut().zip(figures) {
            *total = sum_i64(*total, figure)?;
        }
        hours.push(Hour {
            hour: u8::try_from(hour).map_err(|_| corrupt(format!("giờ bán {hour} ngày {d}")))?,
            receipts: u32::try_from(figures[0]).map_err(|_| corrupt("số hóa đơn"))?,
            net_vnd: Vnd(figures[5]),
        });
    }
    let count = |n: i64| u32::try_from(n).map_err(|_| corrupt("số hóa đơn"));

    let mut by_method: BTreeMap<Method, i64> = BTreeMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT p.method, SUM(p.amount_vnd) FROM sales s JOIN payments p ON p.sale_id = s.id
         WHERE s.business_date = ?1 GROUP BY p.method",
    )?;
    for row in stmt.query_map([&d], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
        let (method, amount) = row?;
        let method = method
            .parse::<payment::Method>()
            .map_or(Method::Other, Method::from);
        let slot = by_method.entry(method).or_insert(0);
        *slot = sum_i64(*slot, amount)?;
    }
    let payments = by_method
        .into_iter()
        .map(|(method, amount)| Payment {
            method,
            amount_vnd: Vnd(amount),
        })
        .collect();

    // Name, unit and stars as sold on the day's latest line of the product (the bare columns come
    // from the row holding MAX(l.id)); group and producer from the catalogue, looked up once per
    // product rather than once per line.
    let mut stmt = conn.prepare_cached(
        "SELECT g.product_code, g.product_id, g.name, g.unit, g.stars, g.qty, g.net, g.vat,
                p.ocop_group, COALESCE(pr.code, '')
         FROM (SELECT l.product_code, MAX(l.id), l.product_id, l.name, l.unit, l.stars,
                      SUM(l.qty_milli) AS qty, SUM(l.net_vnd) AS net, SUM(l.vat_vnd) AS vat
               FROM sales s JOIN sale_lines l ON l.sale_id = s.id
               WHERE s.business_date = ?1 GROUP BY l.product_code) g
              LEFT JOIN products p ON p.id = g.product_id
              LEFT JOIN producers pr ON pr.id = p.producer_id
         ORDER BY g.product_code",
    )?;
    let mut codes =
        conn.prepare_cached("SELECT code FROM barcodes WHERE product_id = ?1 ORDER BY rowid")?;
    let mut lines = Vec::new();
    let rows = stmt.query_map([&d], |r| {
        Ok((
            r.get::<_, i64>(1)?,
            Line {
                product_code: r.get(0)?,
                gtin: String::new(),
                name: r.get(2)?,
                unit: r.get(3)?,
                stars: r.get(4)?,
                qty_milli: r.get(5)?,
                net_vnd: Vnd(r.get(6)?),
                vat_vnd: Vnd(r.get(7)?),
                ocop_group: r.get(8)?,
                producer_code: r.get(9)?,
            },
        ))
    })?;
    for row in rows {
        let (product_id, mut line) = row?;
        let barcodes: Vec<String> = codes
            .query_map([product_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        line.gtin = summary::first_gtin(barcodes.iter().map(String::as_str)).to_owned();
        lines.push(line);
    }

    Ok(DailySummary {
        schema: SCHEMA.to_owned(),
        point_code: point_code.to_owned(),
        business_date: date,
        revision,
        generated_at: at.trunc_subsecs(0),
        currency: CURRENCY.to_owned(),
        receipts: count(totals[0])?,
        refund_receipts: count(totals[1])?,
        gross_vnd: Vnd(totals[2]),
        discount_vnd: Vnd(totals[3]),
        refund_vnd: Vnd(totals[4]),
        net_vnd: Vnd(totals[5]),
        vat_vnd: Vnd(totals[6]),
        payments,
        lines,
        hours,
    })
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
