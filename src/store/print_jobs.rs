//! The print queue: every receipt, reprint, report, label and drawer kick is a row of
//! `print_jobs`, written in the transaction of whatever caused it and printed later by the print
//! worker (`device::print_worker`). A printer that fails leaves its job pending with the error
//! and one more attempt; a job whose document cannot be built is marked failed.

mod enqueue;
mod statement;

pub use enqueue::{
    LabelJob, MAX_COPIES, PrintJobError, ZJob, labels, open_drawer, reprint, reprint_last,
    test_page, x_report, z_report,
};
pub use statement::consignment_statement;

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::Error;

/// What a job prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The receipt of a sale or refund just completed (with the drawer kick on cash).
    Receipt,
    /// A receipt printed again, marked as a copy.
    Reprint,
    /// An X report; the payload holds its figures as taken.
    XReport,
    /// A Z report; the payload holds its number.
    ZReport,
    /// The printer test page.
    TestPage,
    /// Product labels; the payload holds the label and the copies.
    Labels,
    /// Only the drawer kick.
    Drawer,
    /// A producer's consignment statement; the payload holds it as shown.
    ConsignmentStatement,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 8] = [
        Kind::Receipt,
        Kind::Reprint,
        Kind::XReport,
        Kind::ZReport,
        Kind::TestPage,
        Kind::Labels,
        Kind::Drawer,
        Kind::ConsignmentStatement,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Receipt => "receipt",
            Kind::Reprint => "reprint",
            Kind::XReport => "x_report",
            Kind::ZReport => "z_report",
            Kind::TestPage => "test_page",
            Kind::Labels => "labels",
            Kind::Drawer => "drawer",
            Kind::ConsignmentStatement => "consignment_statement",
        }
    }

    /// The name people read.
    pub fn label_vi(self) -> &'static str {
        match self {
            Kind::Receipt => "Hóa đơn",
            Kind::Reprint => "In lại hóa đơn",
            Kind::XReport => "Báo cáo X",
            Kind::ZReport => "Báo cáo Z",
            Kind::TestPage => "Trang in thử",
            Kind::Labels => "Tem sản phẩm",
            Kind::Drawer => "Mở ngăn kéo",
            Kind::ConsignmentStatement => "Bảng kê ký gửi",
        }
    }

    fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// Where a job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Waiting for the printer (perhaps after failed attempts).
    Pending,
    /// Sent to the printer.
    Printed,
    /// Cannot be printed (its document cannot be built); not retried.
    Failed,
}

impl Status {
    /// The name people read.
    pub fn label_vi(self) -> &'static str {
        match self {
            Status::Pending => "chờ in",
            Status::Printed => "đã in",
            Status::Failed => "lỗi",
        }
    }
}

/// A stored job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// Its id (increasing: the print order).
    pub id: i64,
    /// What it prints.
    pub kind: Kind,
    /// The sale or refund, for receipts and reprints.
    pub sale_id: Option<i64>,
    /// That sale's receipt number.
    pub receipt_no: Option<String>,
    /// What rebuilds the document (JSON), for reports and labels.
    pub payload: String,
    /// Where it stands.
    pub status: Status,
    /// Attempts that failed so far.
    pub attempts: u32,
    /// Why the last attempt failed (empty if none did).
    pub last_error: String,
    /// When it was queued (RFC 3339).
    pub created_at: String,
    /// When it printed (RFC 3339).
    pub printed_at: Option<String>,
}

impl Job {
    /// What the job is about, for lists: the receipt number, the Z number, the product labelled.
    pub fn subject(&self) -> String {
        match self.kind {
            Kind::Receipt | Kind::Reprint => self.receipt_no.clone().unwrap_or_default(),
            Kind::ZReport => serde_json::from_str::<ZJob>(&self.payload)
                .map(|z| crate::domain::shift::z_label(z.z_no))
                .unwrap_or_default(),
            Kind::XReport => "giữa ca".to_owned(),
            Kind::Labels => serde_json::from_str::<LabelJob>(&self.payload)
                .map(|l| format!("{} × {}", l.product_code, l.copies))
                .unwrap_or_default(),
            Kind::ConsignmentStatement => {
                serde_json::from_str::<crate::store::consignment::Statement>(&self.payload)
                    .map(|s| {
                        format!(
                            "{} {} – {}",
                            s.producer_code,
                            s.from.format("%d/%m/%Y"),
                            s.to.format("%d/%m/%Y")
                        )
                    })
                    .unwrap_or_default()
            }
            Kind::TestPage | Kind::Drawer => String::new(),
        }
    }
}

const SELECT: &str =
    "SELECT j.id, j.kind, j.sale_id, s.receipt_no, j.payload, j.status, j.attempts,
        j.last_error, j.created_at, j.printed_at
     FROM print_jobs j LEFT JOIN sales s ON s.id = j.sale_id";

fn job_row(r: &Row<'_>) -> rusqlite::Result<Job> {
    let kind: String = r.get(1)?;
    let status: String = r.get(5)?;
    let bad = |column: usize, what: String| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            Box::<dyn std::error::Error + Send + Sync>::from(what),
        )
    };
    Ok(Job {
        id: r.get(0)?,
        kind: Kind::parse(&kind).ok_or_else(|| bad(1, format!("loại lệnh in \"{kind}\"")))?,
        sale_id: r.get(2)?,
        receipt_no: r.get(3)?,
        payload: r.get(4)?,
        status: match status.as_str() {
            "pending" => Status::Pending,
            "printed" => Status::Printed,
            "failed" => Status::Failed,
            other => return Err(bad(5, format!("trạng thái lệnh in \"{other}\""))),
        },
        attempts: r.get(6)?,
        last_error: r.get(7)?,
        created_at: r.get(8)?,
        printed_at: r.get(9)?,
    })
}

/// Queues a job (inside the caller's transaction, when there is one) and returns its id.
pub fn add(
    conn: &Connection,
    kind: Kind,
    sale_id: Option<i64>,
    payload: &str,
    at: DateTime<FixedOffset>,
) -> Result<i64, Error> {
    conn.prepare_cached(
        "INSERT INTO print_jobs (kind, sale_id, payload, created_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![kind.as_str(), sale_id, payload, at.to_rfc3339()])?;
    Ok(conn.last_insert_rowid())
}

/// The job with this id.
pub fn get(conn: &Connection, id: i64) -> Result<Option<Job>, Error> {
    Ok(conn
        .prepare_cached(&format!("{SELECT} WHERE j.id = ?1"))?
        .query_row([id], job_row)
        .optional()?)
}

/// The oldest pending job, the next to print.
pub fn next_pending(conn: &Connection) -> Result<Option<Job>, Error> {
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE j.status = 'pending' ORDER BY j.id LIMIT 1"
        ))?
        .query_row([], job_row)
        .optional()?)
}

/// Pending jobs.
pub fn pending_count(conn: &Connection) -> Result<u32, Error> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM print_jobs WHERE status = 'pending'",
        [],
        |r| r.get(0),
    )?)
}

/// Jobs oldest first: pending and failed ones, or with `all` the printed ones too.
pub fn list(conn: &Connection, all: bool) -> Result<Vec<Job>, Error> {
    let filter = if all {
        ""
    } else {
        " WHERE j.status IN ('pending', 'failed')"
    };
    let mut stmt = conn.prepare(&format!("{SELECT}{filter} ORDER BY j.id"))?;
    let jobs = stmt.query_map([], job_row)?.collect::<Result<_, _>>()?;
    Ok(jobs)
}

/// Marks a job printed.
pub fn mark_printed(conn: &Connection, id: i64, at: DateTime<FixedOffset>) -> Result<(), Error> {
    conn.prepare_cached(
        "UPDATE print_jobs SET status = 'printed', printed_at = ?2, last_error = ''
         WHERE id = ?1",
    )?
    .execute(params![id, at.to_rfc3339()])?;
    Ok(())
}

/// Records a failed attempt: the job stays pending, to be tried again.
pub fn mark_retry(conn: &Connection, id: i64, error: &str) -> Result<(), Error> {
    conn.prepare_cached(
        "UPDATE print_jobs SET attempts = attempts + 1, last_error = ?2
         WHERE id = ?1 AND status = 'pending'",
    )?
    .execute(params![id, error])?;
    Ok(())
}

/// Marks a job that can never print failed, with why.
pub fn mark_failed(conn: &Connection, id: i64, error: &str) -> Result<(), Error> {
    conn.prepare_cached(
        "UPDATE print_jobs SET status = 'failed', attempts = attempts + 1, last_error = ?2
         WHERE id = ?1",
    )?
    .execute(params![id, error])?;
    Ok(())
}
