//! Queuing the jobs people ask for: reprints, the test page, X and Z reports, product labels and
//! the manager's drawer kick.

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::{Deserialize, Serialize};

use super::{Kind, add};
use crate::domain::auth::{Approval, AuditAction, UserId};
use crate::domain::barcode;
use crate::domain::catalog::Stars;
use crate::domain::money::Vnd;
use crate::store::{Error, audit, catalog, sales, shifts};

/// Most labels one job prints.
pub const MAX_COPIES: u32 = 1000;

/// Why a print job was not queued.
#[derive(Debug, thiserror::Error)]
pub enum PrintJobError {
    /// Reprinting the last receipt before any sale.
    #[error("chưa có hóa đơn nào để in lại")]
    NoReceiptYet,
    /// Labels for a product without an in-store code.
    #[error(
        "sản phẩm {0} không có mã vạch nội bộ (đầu 20–29) nên không in tem; hàng có mã GS1 (893…) đã in sẵn mã vạch trên bao bì"
    )]
    NoInStoreCode(String),
    /// Labels for weighed goods: the scale prints theirs.
    #[error("sản phẩm {0} bán theo cân: tem do cân in, kèm khối lượng")]
    ByWeight(String),
    /// Labels for a product no longer sold.
    #[error("sản phẩm {0} đã ngừng bán, không in tem")]
    Inactive(String),
    /// A number of copies out of range.
    #[error("số tem {0} không hợp lệ: từ 1 đến {MAX_COPIES}")]
    Copies(u32),
}

/// The payload of a Z report job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZJob {
    /// The point.
    pub point_code: String,
    /// The Z number.
    pub z_no: i64,
}

/// The payload of a labels job: the label as it was when asked for, and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelJob {
    /// Product code.
    pub product_code: String,
    /// Product name.
    pub name: String,
    /// Selling unit.
    pub unit: String,
    /// OCOP stars.
    pub stars: Option<Stars>,
    /// Price per unit.
    pub price: Vnd,
    /// The in-store EAN-13.
    pub barcode: String,
    /// Labels to print.
    pub copies: u32,
}

/// Queues a copy of the receipt numbered `receipt_no`; returns the job id.
pub fn reprint(
    conn: &Connection,
    receipt_no: &str,
    at: DateTime<FixedOffset>,
) -> Result<i64, Error> {
    let header = sales::by_receipt(conn, receipt_no)?
        .ok_or_else(|| Error::UnknownReceipt(receipt_no.trim().to_owned()))?;
    add(conn, Kind::Reprint, Some(header.id), "", at)
}

/// Queues a copy of the point's latest receipt; returns the job id and the receipt number.
pub fn reprint_last(
    conn: &Connection,
    point_code: &str,
    at: DateTime<FixedOffset>,
) -> Result<(i64, String), Error> {
    let last: Option<(i64, String)> = conn
        .query_row(
            "SELECT id, receipt_no FROM sales WHERE point_code = ?1
             ORDER BY receipt_seq DESC LIMIT 1",
            params![point_code],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (sale_id, receipt_no) = last.ok_or(PrintJobError::NoReceiptYet)?;
    Ok((add(conn, Kind::Reprint, Some(sale_id), "", at)?, receipt_no))
}

/// Queues the printer test page.
pub fn test_page(conn: &Connection, at: DateTime<FixedOffset>) -> Result<i64, Error> {
    add(conn, Kind::TestPage, None, "", at)
}

/// Queues the X report of the point's open shift, with its figures as they are now.
pub fn x_report(
    conn: &Connection,
    point_code: &str,
    at: DateTime<FixedOffset>,
) -> Result<i64, Error> {
    let shift = shifts::current_or_refuse(conn, point_code)?;
    let figures = shifts::x_report(conn, &shift, at)?;
    add(
        conn,
        Kind::XReport,
        None,
        &serde_json::to_string(&figures)?,
        at,
    )
}

/// Queues the kept Z report number `z_no` of the point.
pub fn z_report(
    conn: &Connection,
    point_code: &str,
    z_no: i64,
    at: DateTime<FixedOffset>,
) -> Result<i64, Error> {
    // Refuses an unknown number now rather than failing at the printer.
    shifts::z_report(conn, point_code, z_no)?;
    let job = ZJob {
        point_code: point_code.to_owned(),
        z_no,
    };
    add(conn, Kind::ZReport, None, &serde_json::to_string(&job)?, at)
}

/// Queues `copies` labels of the product with code `product_code`, which must be sold by the
/// piece and have an in-store EAN-13 (prefix 20–29).
pub fn labels(
    conn: &Connection,
    product_code: &str,
    copies: u32,
    at: DateTime<FixedOffset>,
) -> Result<i64, Error> {
    if !(1..=MAX_COPIES).contains(&copies) {
        return Err(PrintJobError::Copies(copies).into());
    }
    let code = product_code.trim();
    let product =
        catalog::product(conn, code)?.ok_or_else(|| Error::UnknownCode(code.to_owned()))?;
    if !product.active {
        return Err(PrintJobError::Inactive(product.code).into());
    }
    if product.sold_by_weight {
        return Err(PrintJobError::ByWeight(product.code).into());
    }
    let barcode = product
        .barcodes
        .iter()
        .find(|b| barcode::is_in_store(b))
        .cloned()
        .ok_or_else(|| PrintJobError::NoInStoreCode(product.code.clone()))?;
    let job = LabelJob {
        product_code: product.code,
        name: product.name,
        unit: product.unit,
        stars: product.stars,
        price: product.price,
        barcode,
        copies,
    };
    add(conn, Kind::Labels, None, &serde_json::to_string(&job)?, at)
}

/// Opens the cash drawer outside a sale: a manager's approval, audited with `reason`, in the same
/// transaction as the drawer-only job. `user` is who asked (the clerk at the counter).
pub fn open_drawer(
    conn: &mut Connection,
    approval: Approval,
    user: Option<UserId>,
    reason: &str,
    at: DateTime<FixedOffset>,
) -> Result<i64, Error> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let manager = approval.manager();
    let id = add(&tx, Kind::Drawer, None, "", at)?;
    audit::record(
        &tx,
        &audit::Entry {
            at,
            user: Some(user.unwrap_or(manager)),
            approved_by: Some(manager),
            action: AuditAction::DrawerOpen,
            subject: "ngăn kéo",
            detail: reason.trim(),
        },
    )?;
    tx.commit()?;
    Ok(id)
}
