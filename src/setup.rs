//! First-run setup shared by `ocop-pos init` and the window's setup screen: the point profile, the
//! admin user and, optionally, the sample OCOP catalogue — in one transaction.

use chrono::{DateTime, FixedOffset};
use rusqlite::Connection;

use crate::domain::auth::{Role, UserId};
use crate::store::catalog_import::{self, ImportMode, ImportReport};
use crate::store::settings::{self, PointProfile};
use crate::store::{Error, users};

/// The sample catalogue of real OCOP products of Đà Nẵng (incl. former Quảng Nam) and neighbours.
pub const SAMPLE_CATALOGUE: &[u8] = include_bytes!("../assets/sample/catalogue.csv");

/// What the first run asks for.
#[derive(Debug, Clone)]
pub struct FirstRun {
    /// The point's profile.
    pub point: PointProfile,
    /// The admin's name.
    pub admin_name: String,
    /// The admin's PIN.
    pub admin_pin: String,
    /// Load the sample OCOP catalogue.
    pub sample: bool,
}

/// What the setup did.
#[derive(Debug, Clone)]
pub struct Done {
    /// The admin created.
    pub admin: UserId,
    /// The sample import, if asked for.
    pub sample: Option<ImportReport>,
}

/// Whether the database still needs its first-run setup.
pub fn needed(conn: &Connection) -> Result<bool, Error> {
    Ok(settings::point(conn)?.is_none() || !users::any_exist(conn)?)
}

/// Performs the first-run setup; refuses a database that is already set up.
pub fn first_run(
    conn: &mut Connection,
    input: &FirstRun,
    now: DateTime<FixedOffset>,
) -> Result<Done, Error> {
    if !needed(conn)? {
        return Err(Error::Setting("điểm bán đã được khởi tạo"));
    }
    settings::validate(&input.point)?;
    let tx = conn.transaction()?;
    settings::set_point(&tx, &input.point)?;
    let admin = users::add(
        &tx,
        &input.admin_name,
        Role::Admin,
        &input.admin_pin,
        None,
        now,
    )?;
    tx.commit()?;
    let sample = if input.sample {
        Some(catalog_import::import(
            conn,
            SAMPLE_CATALOGUE,
            ImportMode::Strict,
            Some(admin),
            now,
        )?)
    } else {
        None
    };
    Ok(Done { admin, sample })
}
