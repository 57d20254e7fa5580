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

/// The schema name of `GET /api/v1/catalogue`.
pub const CATALOGUE_SCHEMA: &str = "ocop.catalogue.v1";

/// The province's OCOP registry as the hub serves it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    /// Always [`CATALOGUE_SCHEMA`].
    pub schema: String,
    /// Every registered product.
    pub products: Vec<CatalogueEntry>,
}

/// One OCOP product of the provincial registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueEntry {
    /// The product code tills use.
    pub product_code: String,
    /// Its GS1 trade item number, "" when none.
    pub gtin: String,
    /// Registered name.
    pub name: String,
    /// Producer's code.
    pub producer_code: String,
    /// Producer's name.
    pub producer_name: String,
    /// OCOP product group 1–6.
    pub ocop_group: Option<u8>,
    /// OCOP stars 3–5.
    pub stars: Option<u8>,
    /// Certificate (decision) number.
    pub cert_no: String,
    /// Certificate date.
    pub cert_date: Option<chrono::NaiveDate>,
    /// Last day the certificate is valid.
    pub cert_valid_until: Option<chrono::NaiveDate>,
}
