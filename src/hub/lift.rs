//! Trade-promotion lift (design.md §6): mean daily net sales of the event's points during the event
//! against the same points' baseline window just before it, and against the points not in the
//! event over the same two windows (difference in differences).
//!
//! Means are per reported point-day (a point that sent no summary for a day is left out of that
//! day, not counted as zero), in whole đồng; ratios are integer basis points, no floats.

use chrono::{Duration, NaiveDate};
use rusqlite::{Connection, params_from_iter};
use serde::Serialize;

use super::store::Error;
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

fn mean(
    conn: &Connection,
    points: &[String],
    inside: bool,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<i128, Error> {
    let marks = vec!["?"; points.len()].join(", ");
    let op = if inside { "IN" } else { "NOT IN" };
    let sql = format!(
        "SELECT COALESCE(SUM(net_vnd), 0), COUNT(*) FROM days
         WHERE business_date BETWEEN ? AND ? AND point_code {op} ({marks})"
    );
    let mut args = vec![from.to_string(), to.to_string()];
    args.extend(points.iter().cloned());
    let (sum, count): (i64, i64) =
        conn.query_row(&sql, params_from_iter(args), |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(if count == 0 {
        0
    } else {
        let (sum, count) = (i128::from(sum), i128::from(count));
        (sum + count / 2) / count
    })
}

fn vnd(v: i128) -> Vnd {
    Vnd(i64::try_from(v).unwrap_or(i64::MAX))
}

/// Measures `event` from the summaries kept.
pub fn measure(conn: &Connection, event: &Event) -> Result<Lift, Error> {
    let (base_from, base_to) = event.baseline();
    let group = |inside: bool| -> Result<(i128, i128), Error> {
        Ok((
            mean(conn, &event.points, inside, base_from, base_to)?,
            mean(conn, &event.points, inside, event.start, event.end)?,
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
