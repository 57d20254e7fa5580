//! Stock documents: receiving, consignment in and back, adjustments, stock takes and transfers.
//! A document is a draft until posted; posting writes its stock moves in the same transaction, and
//! a posted document never changes again (the schema's triggers refuse it).

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use super::{Error, audit};
use crate::domain::auth::{AuditAction, UserId};

mod goods;
mod line_problem;
mod lines;

pub use goods::{Goods, goods, producer_id};
pub use line_problem::{LineProblem, Shortage};
pub use lines::{Line, add_line, lines};

/// What a document does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// Goods bought from a producer.
    Receive,
    /// Goods left by a producer on consignment.
    ConsignIn,
    /// Unsold consigned goods given back to their producer.
    ConsignReturn,
    /// Stock corrected by hand with a reason.
    Adjust,
    /// A count of the shelves.
    Stocktake,
    /// Goods sent to another point.
    TransferOut,
    /// Goods received from another point.
    TransferIn,
}

impl DocKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Receive => "receive",
            DocKind::ConsignIn => "consign_in",
            DocKind::ConsignReturn => "consign_return",
            DocKind::Adjust => "adjust",
            DocKind::Stocktake => "stocktake",
            DocKind::TransferOut => "transfer_out",
            DocKind::TransferIn => "transfer_in",
        }
    }

    /// Reads a stored name.
    pub fn parse(text: &str) -> Option<DocKind> {
        [
            DocKind::Receive,
            DocKind::ConsignIn,
            DocKind::ConsignReturn,
            DocKind::Adjust,
            DocKind::Stocktake,
            DocKind::TransferOut,
            DocKind::TransferIn,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }

    /// The prefix of its numbers (Vietnamese abbreviations used on paper forms).
    pub fn prefix(self) -> &'static str {
        match self {
            DocKind::Receive => "PN",
            DocKind::ConsignIn => "KG",
            DocKind::ConsignReturn => "TKG",
            DocKind::Adjust => "DC",
            DocKind::Stocktake => "KK",
            DocKind::TransferOut => "XC",
            DocKind::TransferIn => "NC",
        }
    }

    /// Vietnamese name.
    pub fn label_vi(self) -> &'static str {
        match self {
            DocKind::Receive => "phiếu nhập hàng mua",
            DocKind::ConsignIn => "phiếu nhận hàng ký gửi",
            DocKind::ConsignReturn => "phiếu trả hàng ký gửi",
            DocKind::Adjust => "phiếu điều chỉnh kho",
            DocKind::Stocktake => "phiếu kiểm kê",
            DocKind::TransferOut => "phiếu xuất chuyển kho",
            DocKind::TransferIn => "phiếu nhận chuyển kho",
        }
    }
}

/// Why a document was refused.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// No document has this number.
    #[error("không có phiếu số \"{0}\"")]
    Unknown(String),
    /// Posting (or changing) a document already posted or cancelled.
    #[error("phiếu {0} đã ghi sổ hoặc đã hủy: không sửa hay ghi sổ lại được (hãy lập phiếu mới)")]
    NotDraft(String),
    /// Posting a document without lines.
    #[error("phiếu {0} không có dòng hàng nào")]
    Empty(String),
    /// The document is of another kind than the operation expects.
    #[error("phiếu {number} là {found}, không phải {expected}")]
    WrongKind {
        /// Its number.
        number: String,
        /// What it is.
        found: &'static str,
        /// What was expected.
        expected: &'static str,
    },
    /// A line broke the rules; `line` counts from 1 (the CSV's line when read from a file).
    #[error("dòng {line}: {reason}")]
    Line {
        /// The line.
        line: usize,
        /// Why.
        reason: LineProblem,
    },
    /// Several lines of a file broke the rules; nothing was written.
    #[error("tệp có {} lỗi, chưa ghi gì; lỗi đầu tiên: {}", .0.len(), .0.first().map(ToString::to_string).unwrap_or_default())]
    Lines(Vec<DocumentError>),
    /// The producer's delivery note was already received.
    #[error("phiếu giao hàng \"{note}\" của nhà sản xuất {producer} đã được nhập (phiếu {number})")]
    DuplicateDeliveryNote {
        /// Producer code.
        producer: String,
        /// Their delivery-note number.
        note: String,
        /// Our document that has it.
        number: String,
    },
    /// A consignment document without a producer.
    #[error("hàng ký gửi phải ghi rõ nhà sản xuất gửi hàng")]
    NeedsProducer,
}

/// A document's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Header {
    /// Database id.
    pub id: i64,
    /// What it does.
    pub kind: DocKind,
    /// Its number, e.g. PN-000012.
    pub number: String,
    /// draft, posted or cancelled.
    pub status: String,
    /// The producer (receiving and consignment).
    pub producer_id: Option<i64>,
    /// The other point of a transfer.
    pub counterpart: String,
    /// The producer's delivery-note number or the transfer's code.
    pub external_ref: String,
    /// What a stock take covers.
    pub scope: String,
    /// Free text.
    pub note: String,
    /// Who made it.
    pub user: Option<UserId>,
    /// When it was made.
    pub created_at: String,
    /// When it was posted.
    pub posted_at: Option<String>,
    /// When the receiving point confirmed a transfer out.
    pub delivered_at: Option<String>,
}

const HEADER: &str =
    "SELECT id, kind, number, status, producer_id, counterpart, external_ref, scope,
        note, user_id, created_at, posted_at, delivered_at FROM documents";

fn header_row(r: &Row<'_>) -> rusqlite::Result<Header> {
    let kind: String = r.get(1)?;
    Ok(Header {
        id: r.get(0)?,
        kind: DocKind::parse(&kind).unwrap_or(DocKind::Adjust),
        number: r.get(2)?,
        status: r.get(3)?,
        producer_id: r.get(4)?,
        counterpart: r.get(5)?,
        external_ref: r.get(6)?,
        scope: r.get(7)?,
        note: r.get(8)?,
        user: r.get::<_, Option<i64>>(9)?.map(UserId),
        created_at: r.get(10)?,
        posted_at: r.get(11)?,
        delivered_at: r.get(12)?,
    })
}

/// A document to create.
#[derive(Debug, Clone)]
pub struct NewDocument<'a> {
    /// What it does.
    pub kind: DocKind,
    /// The producer (receiving and consignment).
    pub producer_id: Option<i64>,
    /// The other point of a transfer.
    pub counterpart: &'a str,
    /// The producer's delivery-note number or the transfer's code.
    pub external_ref: &'a str,
    /// What a stock take covers.
    pub scope: &'a str,
    /// Free text.
    pub note: &'a str,
    /// Who makes it.
    pub user: Option<UserId>,
    /// When.
    pub at: DateTime<FixedOffset>,
}

/// Creates a draft and returns its header. Numbers run per kind without gaps among documents made.
pub fn create(conn: &Connection, doc: &NewDocument<'_>) -> Result<Header, Error> {
    let prefix = doc.kind.prefix();
    let seq: i64 = conn.query_row(
        "SELECT COALESCE(MAX(CAST(substr(number, ?2) AS INTEGER)), 0) + 1
         FROM documents WHERE kind = ?1",
        params![
            doc.kind.as_str(),
            i64::try_from(prefix.len() + 2).unwrap_or(0)
        ],
        |r| r.get(0),
    )?;
    let number = format!("{prefix}-{seq:06}");
    conn.execute(
        "INSERT INTO documents (kind, number, status, producer_id, counterpart, external_ref, scope,
             note, user_id, created_at)
         VALUES (?1, ?2, 'draft', ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            doc.kind.as_str(),
            number,
            doc.producer_id,
            doc.counterpart,
            doc.external_ref,
            doc.scope,
            doc.note,
            doc.user.map(|u| u.0),
            doc.at.to_rfc3339(),
        ],
    )?;
    let id = conn.last_insert_rowid();
    get(conn, id)?.ok_or_else(|| Error::Corrupt(format!("phiếu {number} vừa tạo đã mất")))
}

/// The document with this id.
pub fn get(conn: &Connection, id: i64) -> Result<Option<Header>, Error> {
    Ok(conn
        .query_row(&format!("{HEADER} WHERE id = ?1"), [id], header_row)
        .optional()?)
}

/// The document with this number, or an error naming it.
pub fn by_number(conn: &Connection, number: &str) -> Result<Header, Error> {
    let number = number.trim();
    conn.query_row(&format!("{HEADER} WHERE number = ?1"), [number], header_row)
        .optional()?
        .ok_or_else(|| DocumentError::Unknown(number.to_owned()).into())
}

/// Documents of a kind, newest first.
pub fn list(conn: &Connection, kind: DocKind) -> Result<Vec<Header>, Error> {
    let rows = conn
        .prepare(&format!("{HEADER} WHERE kind = ?1 ORDER BY id DESC"))?
        .query_map([kind.as_str()], header_row)?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Refuses anything but a draft of `kind`.
pub fn require_draft(header: &Header, kind: DocKind) -> Result<(), Error> {
    if header.kind != kind {
        return Err(DocumentError::WrongKind {
            number: header.number.clone(),
            found: header.kind.label_vi(),
            expected: kind.label_vi(),
        }
        .into());
    }
    if header.status != "draft" {
        return Err(DocumentError::NotDraft(header.number.clone()).into());
    }
    Ok(())
}

/// Marks a draft posted (inside the caller's transaction, after its moves are written).
pub fn mark_posted(
    conn: &Connection,
    header: &Header,
    approved_by: Option<UserId>,
    at: DateTime<FixedOffset>,
) -> Result<(), Error> {
    let changed = conn.execute(
        "UPDATE documents SET status = 'posted', posted_at = ?2, approved_by = ?3
         WHERE id = ?1 AND status = 'draft'",
        params![header.id, at.to_rfc3339(), approved_by.map(|u| u.0)],
    )?;
    if changed != 1 {
        return Err(DocumentError::NotDraft(header.number.clone()).into());
    }
    Ok(())
}

/// What a posting writes to the audit log.
#[derive(Debug, Clone, Copy)]
pub struct Posting<'a> {
    /// Who posts.
    pub user: UserId,
    /// The manager who approved, if the document needs one.
    pub approved_by: Option<UserId>,
    /// How the audit log names the act.
    pub action: AuditAction,
    /// A short account of what moved.
    pub detail: &'a str,
    /// When.
    pub at: DateTime<FixedOffset>,
}

/// Marks a draft posted and writes the audit row, inside the caller's transaction.
pub fn post_audited(
    conn: &Connection,
    header: &Header,
    posting: &Posting<'_>,
) -> Result<(), Error> {
    mark_posted(conn, header, posting.approved_by, posting.at)?;
    audit::record(
        conn,
        &audit::Entry {
            at: posting.at,
            user: Some(posting.user),
            approved_by: posting.approved_by,
            action: posting.action,
            subject: &header.number,
            detail: posting.detail,
        },
    )
}

/// Cancels a draft; a posted document cannot be cancelled (make a correcting document instead).
pub fn cancel(conn: &Connection, number: &str) -> Result<(), Error> {
    let header = by_number(conn, number)?;
    let changed = conn.execute(
        "UPDATE documents SET status = 'cancelled' WHERE id = ?1 AND status = 'draft'",
        [header.id],
    )?;
    if changed != 1 {
        return Err(DocumentError::NotDraft(header.number).into());
    }
    Ok(())
}
