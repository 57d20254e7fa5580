//! Sync protocol v1, shared by the till and the hub: the daily summary (from
//! [`crate::domain::summary`]) and the hub's answers.

use serde::{Deserialize, Serialize};

pub use crate::domain::summary::{
    CURRENCY, DailySummary, Hour, Line, Method, Payment, SCHEMA, SummaryError,
};

/// The path of a point's day: `/api/v1/points/{point_code}/days/{business_date}`.
pub fn day_path(point_code: &str, business_date: chrono::NaiveDate) -> String {
    format!("/api/v1/points/{point_code}/days/{business_date}")
}

/// The path of a point's status.
pub fn status_path(point_code: &str) -> String {
    format!("/api/v1/points/{point_code}/status")
}

/// Every error answer of the hub.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Machine-readable, e.g. `totals_mismatch`, `unauthorized`, `revision_conflict`.
    pub code: String,
    /// For people, Vietnamese, naming the problem.
    pub message: String,
}

/// What storing a summary did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The first summary of this day.
    Stored,
    /// A higher revision replaced the one kept.
    Replaced,
    /// The same revision with the same content was there already: nothing changed.
    Unchanged,
}

/// The hub's answer to an accepted `PUT` of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PutAnswer {
    /// What happened.
    pub outcome: Outcome,
    /// The revision now kept.
    pub revision: u32,
}
