//! The bytes of one job: its document rebuilt from what the database holds, encoded for the
//! printer's profile, with the drawer kick where it belongs.

use chrono::{DateTime, FixedOffset, TimeDelta};
use rusqlite::Connection;

use super::Setup;
use crate::domain::money::Vnd;
use crate::domain::payment::Method;
use crate::domain::shift::ShiftReport;
use crate::receipt::{self, document};
use crate::store::consignment::Statement;
use crate::store::print_jobs::{Job, Kind, LabelJob, ZJob};
use crate::store::{self, receipt_data, settings, shifts};

/// Why a job has no bytes.
#[derive(Debug, thiserror::Error)]
pub enum JobError {
    /// The job can never print (its sale is gone, its payload unreadable, its document does not
    /// encode): it is marked failed.
    #[error("{0}")]
    Broken(String),
    /// The database failed for now: the job waits.
    #[error(transparent)]
    Store(#[from] store::Error),
}

fn broken(what: impl std::fmt::Display) -> JobError {
    JobError::Broken(what.to_string())
}

fn payload<T: serde::de::DeserializeOwned>(job: &Job) -> Result<T, JobError> {
    serde_json::from_str(&job.payload)
        .map_err(|e| broken(format!("nội dung lệnh in #{} không đọc được: {e}", job.id)))
}

/// Whether any money changed hands in cash (taken, or paid back on a refund).
fn paid_in_cash(receipt: &receipt_data::SaleReceipt) -> bool {
    receipt
        .payments
        .iter()
        .any(|p| p.method == Method::Cash && p.amount != Vnd::ZERO)
}

/// How long after a sale (or a manager's order) the drawer may still be kicked open: a job that
/// waited longer for a repaired printer must not open the drawer after the customer has left.
pub const DRAWER_WINDOW: TimeDelta = TimeDelta::minutes(2);

/// Whether `job`, printed at `now`, is still close enough to its cause to open the drawer.
fn drawer_due(job: &Job, now: DateTime<FixedOffset>) -> bool {
    DateTime::parse_from_rfc3339(&job.created_at)
        .is_ok_and(|created| now.signed_duration_since(created) <= DRAWER_WINDOW)
}

/// What `job` sends to the printer when printed at `now`.
pub fn bytes(
    conn: &Connection,
    setup: &Setup,
    job: &Job,
    now: DateTime<FixedOffset>,
) -> Result<Vec<u8>, JobError> {
    let encode = |doc: &document::Document| receipt::encode(doc, &setup.profile).map_err(broken);
    let point = || -> Result<_, JobError> { Ok(settings::point(conn)?.unwrap_or_default()) };
    match job.kind {
        Kind::Receipt | Kind::Reprint => {
            let sale_id = job
                .sale_id
                .ok_or_else(|| broken(format!("lệnh in #{} không gắn với hóa đơn nào", job.id)))?;
            let sale = receipt_data::load(conn, sale_id)?
                .ok_or_else(|| broken(format!("không còn hóa đơn mã số {sale_id}")))?;
            if job.kind == Kind::Reprint {
                return encode(&document::reprint(&sale, &setup.settings));
            }
            let mut out = Vec::new();
            if paid_in_cash(&sale) && drawer_due(job, now) {
                out.extend_from_slice(&setup.pulse.bytes());
            }
            out.extend(encode(&document::sale(&sale, &setup.settings))?);
            Ok(out)
        }
        Kind::XReport => {
            let figures: ShiftReport = payload(job)?;
            encode(&document::x_report(&point()?, &figures))
        }
        Kind::ZReport => {
            let z: ZJob = payload(job)?;
            let report = match shifts::z_report(conn, &z.point_code, z.z_no) {
                Ok(report) => report,
                Err(store::Error::Shift(e)) => return Err(broken(e)),
                Err(e) => return Err(e.into()),
            };
            encode(&document::z_report(&point()?, &report))
        }
        Kind::TestPage => encode(&document::test_page(&point()?, &setup.profile)),
        Kind::Labels => {
            let job: LabelJob = payload(job)?;
            let label = document::Label {
                name: job.name,
                unit: job.unit,
                stars: job.stars,
                price: job.price,
                code: job.barcode,
            };
            // Drawn once and repeated: a thousand labels cost one rendering.
            let one = encode(&document::label(&label))?;
            Ok(one.repeat(usize::try_from(job.copies).unwrap_or(1)))
        }
        Kind::ConsignmentStatement => {
            let statement: Statement = payload(job)?;
            encode(&document::consignment_statement(&point()?, &statement))
        }
        Kind::Drawer if drawer_due(job, now) => Ok(setup.pulse.bytes().to_vec()),
        Kind::Drawer => Err(broken(format!(
            "lệnh mở ngăn kéo đã chờ quá {} phút nên bỏ, không mở nữa",
            DRAWER_WINDOW.num_minutes()
        ))),
    }
}
