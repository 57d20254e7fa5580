//! Trade-promotion lift (design.md §6): mean daily net sales of the event's points during the event
//! against the same points' baseline window just before it, and against the points not in the
//! event over the same two windows (difference in differences).
//!
//! Means are per reported point-day (a point that sent no summary for a day is left out of that
//! day, not counted as zero), in whole đồng; ratios are integer basis points, no floats. When the
//! event names products, a point-day's sales are those products' lines only (zero if it sold none).

use chrono::{Duration, NaiveDate};
use rusqlite::{Connection, params_from_iter};
use serde::Serialize;

use super::Error;
use crate::domain::money::Vnd;

/// A promotion event to measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// First day of the event.
    pub start: NaiveDate,
    /// Last day of the event (inclusive).
    pub end: NaiveDate,
    /// The points taking part.
    pub points: Vec<String>,
    /// The products promoted; empty means every product (the day's net sales).
    pub products: Vec<String>,
}

impl Event {
    /// The baseline window: as many days as the event, ending the day before it starts.
    pub fn baseline(&self) -> (NaiveDate, NaiveDate) {
        let days = (self.end - self.start).num_days() + 1;
        (
            self.start - Duration::days(days),
            self.start - Duration::days(1),
        )
    }
}

/// Mean daily net sales of one group in the two windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Group {
    /// Mean per reported point-day before the event.
    pub baseline: Vnd,
    /// Mean per reported point-day during the event.
    pub during: Vnd,
    /// `during / baseline − 1` in basis points (3000 = +30%); `None` without a baseline.
    pub lift_bp: Option<i64>,
}

/// What an event did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Lift {
    /// The event's points.
    pub event: Group,
    /// Every other point.
    pub comparison: Group,
    /// Event lift minus comparison lift, in basis points.
    pub diff_in_diff_bp: Option<i64>,
    /// `(event during − baseline) − (comparison during − baseline)`, per point-day.
    pub diff_in_diff: Vnd,
}

fn ratio_bp(during: i128, baseline: i128) -> Option<i64> {
    if baseline <= 0 {
        return None;
    }
    // Rounded half away from zero.
    let scaled = (during - baseline) * 10_000;
    let rounded = if scaled >= 0 {
        (scaled + baseline / 2) / baseline
    } else {
        (scaled - baseline / 2) / baseline
    };
    i64::try_from(rounded).ok()
}

/// One reported point-day's sales, as a SQL expression over `days d`: the day's net sales, or
/// the chosen products' lines.
fn day_sales(products: usize) -> String {
    if products == 0 {
        return "d.net_vnd".to_owned();
    }
    format!(
        "(SELECT COALESCE(SUM(l.net_vnd), 0) FROM day_lines l
          WHERE l.point_code = d.point_code AND l.business_date = d.business_date
            AND l.product_code IN ({}))",
        vec!["?"; products].join(", ")
    )
}

/// Sum and count of point-days per business day in `from..=to`, inside or outside the points.
fn per_day(
    conn: &Connection,
    event: &Event,
    inside: bool,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(String, i64, i64)>, Error> {
    let marks = vec!["?"; event.points.len()].join(", ");
    let op = if inside { "IN" } else { "NOT IN" };
    let sql = format!(
        "SELECT d.business_date, COALESCE(SUM({sales}), 0), COUNT(*) FROM days d
         WHERE d.business_date BETWEEN ? AND ? AND d.point_code {op} ({marks})
         GROUP BY d.business_date ORDER BY d.business_date",
        sales = day_sales(event.products.len())
    );
    let mut args = event.products.clone();
    args.extend([from.to_string(), to.to_string()]);
    args.extend(event.points.iter().cloned());
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn rounded_mean(sum: i128, count: i128) -> i128 {
    if count == 0 {
        0
    } else {
        (sum + count / 2) / count
    }
}

fn mean(
    conn: &Connection,
    event: &Event,
    inside: bool,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<i128, Error> {
    let (sum, count) = per_day(conn, event, inside, from, to)?
        .into_iter()
        .fold((0_i128, 0_i128), |(s, c), (_, sum, count)| {
            (s + i128::from(sum), c + i128::from(count))
        });
    Ok(rounded_mean(sum, count))
}

/// One day of the event's chart: mean sales per reporting point in each group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayMeans {
    /// The business day.
    pub date: NaiveDate,
    /// Whether it lies in the event (else in the baseline window).
    pub during: bool,
    /// Mean over the event's points that reported that day.
    pub event: Option<Vnd>,
    /// Mean over the other points that reported that day.
    pub comparison: Option<Vnd>,
}

/// Day by day over the baseline window and the event, for the chart and its table.
pub fn daily(conn: &Connection, event: &Event) -> Result<Vec<DayMeans>, Error> {
    let (from, _) = event.baseline();
    let group = |inside| -> Result<std::collections::HashMap<String, Vnd>, Error> {
        Ok(per_day(conn, event, inside, from, event.end)?
            .into_iter()
            .map(|(d, sum, count)| (d, vnd(rounded_mean(i128::from(sum), i128::from(count)))))
            .collect())
    };
    let (inside, outside) = (group(true)?, group(false)?);
    Ok(from
        .iter_days()
        .take_while(|d| *d <= event.end)
        .map(|date| {
            let key = date.to_string();
            DayMeans {
                date,
                during: date >= event.start,
                event: inside.get(&key).copied(),
                comparison: outside.get(&key).copied(),
            }
        })
        .collect())
}

fn vnd(v: i128) -> Vnd {
    Vnd(i64::try_from(v).unwrap_or(i64::MAX))
}

/// Measures `event` from the summaries kept.
pub fn measure(conn: &Connection, event: &Event) -> Result<Lift, Error> {
    let (base_from, base_to) = event.baseline();
    let group = |inside: bool| -> Result<(i128, i128), Error> {
        Ok((
            mean(conn, event, inside, base_from, base_to)?,
            mean(conn, event, inside, event.start, event.end)?,
        ))
    };
    let (eb, ed) = group(true)?;
    let (cb, cd) = group(false)?;
    let event_lift = ratio_bp(ed, eb);
    let comparison_lift = ratio_bp(cd, cb);
    Ok(Lift {
        event: Group {
            baseline: vnd(eb),
            during: vnd(ed),
            lift_bp: event_lift,
        },
        comparison: Group {
            baseline: vnd(cb),
            during: vnd(cd),
            lift_bp: comparison_lift,
        },
        diff_in_diff_bp: event_lift.zip(comparison_lift).map(|(e, c)| e - c),
        diff_in_diff: vnd((ed - eb) - (cd - cb)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_round_and_need_a_baseline() {
        assert_eq!(ratio_bp(130, 100), Some(3000));
        assert_eq!(ratio_bp(2, 3), Some(-3333));
        assert_eq!(ratio_bp(100, 0), None);
    }
}
