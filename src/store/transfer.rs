//! Transfers between points: a transfer-out document with a code, and the transfer-in that receives it.
//!
//! The sender posts a transfer out: its lines are drawn from lots first-expiry-first-out, each part
//! keeping its lot number, expiry, cost and owner so that the receiver can rebuild the lots, and it is
//! exported as a JSON file (`ocop.transfer` version 1). The receiving till imports that file, or types
//! the lines by hand with the code, and posts a transfer in; a code is received once only. Until the
//! receiver confirms, the sender sees the goods as in transit.

mod file;
mod lines_csv;
mod receive;
mod send;
mod transit;

pub use file::{
    FileLine, FileLot, HandLine, SCHEMA, TransferFile, VERSION, by_hand, export, parse_file,
};
pub use lines_csv::parse_lines_csv;
pub use receive::{Received, receive};
pub use send::{create_out, post_out, send};
pub use transit::{InTransit, TransitLine, in_transit, mark_delivered, number_of};

use rusqlite::Connection;

use super::documents::{DocumentError, LineProblem};
use super::{Error, settings};
use crate::domain::qty::Qty;

/// Why a transfer operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    /// The till has no point profile yet.
    #[error("chưa đặt mã điểm bán: hãy chạy `ocop-pos init` trước")]
    NoPoint,
    /// The other point's code is malformed.
    #[error(
        "mã điểm bán \"{0}\" không hợp lệ: 2–24 chữ in hoa, chữ số hoặc dấu '-' (ví dụ DN-HOIAN-02)"
    )]
    BadPoint(String),
    /// Sending to, or receiving from, this very point.
    #[error("không thể chuyển kho giữa điểm {0} và chính nó")]
    SamePoint(String),
    /// A transfer without lines.
    #[error("chưa có dòng hàng nào để chuyển")]
    NoLines,
    /// A transfer code that is not `POINT-XC-000001`.
    #[error(
        "mã chuyển kho \"{0}\" không hợp lệ (dạng MÃ-ĐIỂM-XC-000001, ví dụ DN-HOIAN-01-XC-000003)"
    )]
    BadCode(String),
    /// The file is not a transfer file.
    #[error("tệp chuyển kho không đọc được: {0}")]
    BadFile(String),
    /// A transfer file of another schema or a newer version.
    #[error(
        "tệp dạng \"{schema}\" phiên bản {version}: phần mềm này chỉ đọc \"ocop.transfer\" phiên bản 1"
    )]
    Unsupported {
        /// The file's schema name.
        schema: String,
        /// The file's version.
        version: u64,
    },
    /// The file was made for another point.
    #[error("tệp chuyển kho {code} gửi cho điểm {to}, không phải điểm này ({ours}): không nhận")]
    WrongPoint {
        /// The transfer code.
        code: String,
        /// The point it is for.
        to: String,
        /// This point.
        ours: String,
    },
    /// The code was received already.
    #[error("mã chuyển kho {code} đã được nhận ở phiếu {number}: không nhận lần thứ hai")]
    AlreadyReceived {
        /// The transfer code.
        code: String,
        /// Our transfer-in that has it.
        number: String,
    },
    /// No transfer out has this code.
    #[error("không có phiếu xuất chuyển kho mã \"{0}\"")]
    UnknownCode(String),
    /// Confirming delivery of a transfer not posted.
    #[error("phiếu xuất chuyển kho {0} chưa ghi sổ: chưa gửi đi")]
    NotSent(String),
    /// Confirming delivery twice.
    #[error("chuyển kho {code} đã được xác nhận giao lúc {at}")]
    AlreadyDelivered {
        /// The transfer code.
        code: String,
        /// When it was confirmed.
        at: String,
    },
}

/// A line to send: a product and a quantity; `line` is where it came from (a CSV line), for errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutLine {
    /// Line number in the source (1-based; a CSV's header is line 1).
    pub line: usize,
    /// Product code.
    pub product_code: String,
    /// Quantity, above zero.
    pub qty: Qty,
    /// The lot to send it from (none: unexpired lots, earliest expiry first).
    pub lot_id: Option<i64>,
}

/// The transfer code of document `number` sent from `point`: `DN-HOIAN-01-XC-000003`.
pub fn code_of(point: &str, number: &str) -> String {
    format!("{point}-{number}")
}

/// Whether `code` is a point code: 2–24 upper-case letters, digits or '-'.
pub fn valid_point_code(code: &str) -> bool {
    (2..=24).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
}

/// This till's point profile, or the refusal a transfer gets without one.
fn our_point(conn: &Connection) -> Result<settings::PointProfile, Error> {
    settings::point(conn)?.ok_or_else(|| TransferError::NoPoint.into())
}

fn line_error(line: usize, reason: LineProblem) -> DocumentError {
    DocumentError::Line { line, reason }
}

/// Refuses a set of line errors at once: nothing is written.
fn refuse(errors: Vec<DocumentError>) -> Result<(), Error> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(DocumentError::Lines(errors).into())
    }
}
