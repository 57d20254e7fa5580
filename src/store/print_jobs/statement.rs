//! Queuing a producer's consignment statement for the receipt printer.

use chrono::{DateTime, FixedOffset};
use rusqlite::Connection;

use super::{Kind, add};
use crate::store::Error;
use crate::store::consignment::Statement;

/// Queues `statement` as shown (the printed copy is the one the manager read); returns the job id.
pub fn consignment_statement(
    conn: &Connection,
    statement: &Statement,
    at: DateTime<FixedOffset>,
) -> Result<i64, Error> {
    add(
        conn,
        Kind::ConsignmentStatement,
        None,
        &serde_json::to_string(statement)?,
        at,
    )
}
