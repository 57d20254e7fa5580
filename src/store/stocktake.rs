//! Stock takes: open a count, record counts, show variances, post them as moves.
//!
//! Selling goes on during a count, so a line is measured against what was on hand when it was
//! counted: the on-hand now less every move made after its `counted_at`. Posting writes the
//! difference as `count` moves, so the on-hand becomes what was counted plus whatever moved after.

mod report;
mod value;

pub use report::{Report, ReportLine, Totals, show};
pub use value::ValueBasis;

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::{Deserialize, Serialize};

use super::documents::{self, DocKind, Header, Line, NewDocument};
use super::{Error, audit, catalog, stock};
use crate::domain::auth::{Approval, AuditAction, UserId};
use crate::domain::barcode::BarcodeRules;
use crate::domain::catalog::OcopGroup;
use crate::domain::money::Vnd;
use crate::domain::qty::{MAX_LINE_QTY, Qty};
use crate::domain::text::Query;

/// The note on a line for goods found outside the count's scope.
pub const FOUND_NOTE: &str = "hàng ngoài phạm vi kiểm kê";

/// Why a stocktake operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum StocktakeError {
    /// A count below zero.
    #[error("số đếm không được âm ({0}): nhập số lượng thực có trên kệ, 0 nếu không còn")]
    NegativeCount(Qty),
    /// A count beyond what a line holds.
    #[error("số đếm {0} quá lớn (tối đa 100.000)")]
    TooLarge(Qty),
    /// No active product matches the filter.
    #[error("không có sản phẩm đang bán nào thuộc phạm vi kiểm kê ({0})")]
    EmptyScope(String),
    /// Not an OCOP group number.
    #[error("nhóm OCOP {0} không tồn tại (chọn từ 1 đến 6)")]
    BadGroup(u8),
    /// The product is already on another count that is not posted.
    #[error(
        "sản phẩm {product} đang được kiểm kê trong phiếu {number} chưa ghi sổ: hãy ghi sổ hoặc hủy phiếu đó trước"
    )]
    AlreadyCounting {
        /// Product code.
        product: String,
        /// The other stock take.
        number: String,
    },
    /// Posting a count in which nothing was counted.
    #[error("phiếu kiểm kê {0} chưa đếm dòng nào: không có gì để ghi sổ")]
    NothingCounted(String),
    /// Posting (or counting into) a count already posted.
    #[error("phiếu kiểm kê {number} đã ghi sổ lúc {posted_at}: không đếm hay ghi sổ lại được")]
    AlreadyPosted {
        /// The stock take.
        number: String,
        /// When it was posted.
        posted_at: String,
    },
}

/// What a stock take covers; every field given must match (none: every active product).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filter {
    /// Products of this producer (code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub producer: Option<String>,
    /// Products of this OCOP group (1–6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<u8>,
    /// Products whose name or code holds every word, ignoring case and diacritics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
}

impl Filter {
    /// The filter in Vietnamese, as lists and reports show it.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(code) = &self.producer {
            parts.push(format!("nhà sản xuất {code}"));
        }
        if let Some(group) = self.group {
            match OcopGroup::new(group) {
                Some(g) => parts.push(format!("nhóm {group} ({})", g.name_vi())),
                None => parts.push(format!("nhóm {group}")),
            }
        }
        if let Some(text) = &self.search {
            parts.push(format!("tên có \"{text}\""));
        }
        if parts.is_empty() {
            "tất cả sản phẩm đang bán".to_owned()
        } else {
            parts.join(", ")
        }
    }

    /// The filter with blank entries dropped and the producer code upper-cased.
    fn normalised(&self) -> Filter {
        fn keep(s: &Option<String>) -> Option<&str> {
            s.as_deref().map(str::trim).filter(|t| !t.is_empty())
        }
        Filter {
            producer: keep(&self.producer).map(str::to_uppercase),
            group: self.group,
            search: keep(&self.search).map(str::to_owned),
        }
    }
}

/// Reads the filter stored in a stock take's `scope`.
pub(crate) fn stored_filter(scope: &str) -> Option<Filter> {
    serde_json::from_str(scope).ok()
}

/// A count just opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Opened {
    /// The stock take, e.g. KK-000001.
    pub header: Header,
    /// Products to count.
    pub lines: usize,
}

/// Product ids on stock takes not yet posted, with the stock take's number.
fn counting_elsewhere(conn: &Connection) -> Result<Vec<(i64, String)>, Error> {
    let rows = conn
        .prepare_cached(
            "SELECT l.product_id, d.number FROM documents d
             JOIN document_lines l ON l.document_id = d.id
             WHERE d.kind = 'stocktake' AND d.status = 'draft'",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

fn product_code(conn: &Connection, product_id: i64) -> Result<String, Error> {
    Ok(conn
        .prepare_cached("SELECT code FROM products WHERE id = ?1")?
        .query_row([product_id], |r| r.get(0))?)
}

/// Opens a count of every active product matching `filter`: one line per product, expecting what is
/// on hand now. A product already on another open count is refused.
pub fn open(
    conn: &mut Connection,
    filter: &Filter,
    user: Option<UserId>,
    at: DateTime<FixedOffset>,
) -> Result<Opened, Error> {
    let filter = filter.normalised();
    if let Some(group) = filter.group
        && OcopGroup::new(group).is_none()
    {
        return Err(StocktakeError::BadGroup(group).into());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let producer_id: Option<i64> = match &filter.producer {
        Some(code) => Some(
            tx.query_row("SELECT id FROM producers WHERE code = ?1", [code], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| Error::UnknownProducer(code.clone()))?,
        ),
        None => None,
    };
    let query = filter.search.as_deref().map(Query::new);
    let candidates: Vec<(i64, String)> = tx
        .prepare(
            "SELECT id, search_name FROM products
             WHERE active = 1 AND (?1 IS NULL OR producer_id = ?1) AND (?2 IS NULL OR ocop_group = ?2)
             ORDER BY code",
        )?
        .query_map(params![producer_id, filter.group], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<Result<_, _>>()?;
    let products: Vec<i64> = candidates
        .into_iter()
        .filter(|(_, folded)| query.as_ref().is_none_or(|q| q.matches(folded)))
        .map(|(id, _)| id)
        .collect();
    if products.is_empty() {
        return Err(StocktakeError::EmptyScope(filter.describe()).into());
    }
    let busy = counting_elsewhere(&tx)?;
    if let Some((id, number)) = busy.iter().find(|(id, _)| products.contains(id)) {
        return Err(StocktakeError::AlreadyCounting {
            product: product_code(&tx, *id)?,
            number: number.clone(),
        }
        .into());
    }
    let scope = serde_json::to_string(&filter)?;
    let header = documents::create(
        &tx,
        &NewDocument {
            kind: DocKind::Stocktake,
            producer_id,
            counterpart: "",
            external_ref: "",
            scope: &scope,
            note: "",
            user,
            at,
        },
    )?;
    for &product_id in &products {
        documents::add_line(
            &tx,
            header.id,
            &Line {
                expected: Some(stock::on_hand(&tx, product_id)?),
                ..blank_line(product_id)
            },
        )?;
    }
    tx.commit()?;
    Ok(Opened {
        header,
        lines: products.len(),
    })
}

fn blank_line(product_id: i64) -> Line {
    Line {
        id: 0,
        line_no: 0,
        product_id,
        qty: None,
        unit_cost: Vnd::ZERO,
        lot_no: String::new(),
        expiry: None,
        lot_id: None,
        reason: String::new(),
        expected: None,
        counted_at: None,
    }
}

/// The stock take `number`, refused unless it is a stock take still open for counting.
fn open_count(conn: &Connection, number: &str) -> Result<Header, Error> {
    let header = documents::by_number(conn, number)?;
    if header.kind == DocKind::Stocktake && header.status == "posted" {
        return Err(StocktakeError::AlreadyPosted {
            number: header.number,
            posted_at: header.posted_at.unwrap_or_default(),
        }
        .into());
    }
    documents::require_draft(&header, DocKind::Stocktake)?;
    Ok(header)
}

/// On hand of a product at `at` (RFC 3339): on hand now less every move made after `at`. Moves of
/// document `own` (a posted count's own moves) are left out wherever they fall. Times are compared
/// as instants, so offsets and fractions of a second do not matter.
pub(crate) fn on_hand_at(
    conn: &Connection,
    product_id: i64,
    at: &str,
    own: i64,
) -> Result<Qty, Error> {
    let now = stock::on_hand(conn, product_id)?;
    let after: i64 = conn
        .prepare_cached(
            "SELECT COALESCE(SUM(qty_milli), 0) FROM stock_moves
             WHERE product_id = ?1 AND (document_id IS ?3 OR julianday(created_at) > julianday(?2))",
        )?
        .query_row(params![product_id, at, own], |r| r.get(0))?;
    Ok(now.checked_sub(Qty(after))?)
}

/// How a count is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// The quantity counted, replacing what the line had.
    Set(Qty),
    /// One scan: adds one piece, or the weight of a scale label.
    Scan,
}

/// A count recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Counted {
    /// The stock take.
    pub number: String,
    /// Its line.
    pub line_no: i64,
    /// Product code.
    pub product_code: String,
    /// Product name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// What this entry added (a scan) or set.
    pub entered: Qty,
    /// The line's count now.
    pub counted: Qty,
    /// The product was outside the count's scope: a line was added for it.
    pub found: bool,
}

/// Finds the product a scanned or typed code stands for and what one scan of it adds. Goods no
/// longer sold (or lacking a VAT rate) are still on the shelf, so they are counted too.
fn resolve(
    conn: &Connection,
    code: &str,
    rules: &BarcodeRules,
    at: DateTime<FixedOffset>,
) -> Result<(i64, Qty), Error> {
    match catalog::resolve(conn, code, rules, at.date_naive()) {
        Ok(found) => Ok((found.item.product_id, found.qty)),
        Err(refused @ (Error::Inactive(_) | Error::NoVatRate { .. })) => {
            let code = code.trim();
            let id: Option<i64> = conn
                .prepare_cached(
                    "SELECT product_id FROM barcodes WHERE code = ?1
                     UNION ALL SELECT id FROM products WHERE code = upper(?1) LIMIT 1",
                )?
                .query_row([code], |r| r.get(0))
                .optional()?;
            id.map(|id| (id, Qty::ONE)).ok_or(refused)
        }
        Err(other) => Err(other),
    }
}

/// Records a count on stock take `number` for the product `code` stands for (barcode, scale label or
/// product code): a quantity that replaces the line's count, or a scan that adds one (a weighed
/// label adds its weight). A product outside the scope gets a line of its own (found goods).
pub fn count(
    conn: &mut Connection,
    number: &str,
    code: &str,
    entry: Entry,
    rules: &BarcodeRules,
    at: DateTime<FixedOffset>,
) -> Result<Counted, Error> {
    if let Entry::Set(qty) = entry {
        if qty.0 < 0 {
            return Err(StocktakeError::NegativeCount(qty).into());
        }
        if qty > MAX_LINE_QTY {
            return Err(StocktakeError::TooLarge(qty).into());
        }
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let header = open_count(&tx, number)?;
    let (product_id, scanned) = resolve(&tx, code, rules, at)?;
    let existing: Option<(i64, i64, Option<i64>)> = tx
        .prepare_cached(
            "SELECT id, line_no, qty_milli FROM document_lines
             WHERE document_id = ?1 AND product_id = ?2",
        )?
        .query_row(params![header.id, product_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let (line_id, line_no, before, found) = match existing {
        Some((id, line_no, qty)) => (id, line_no, Qty(qty.unwrap_or(0)), false),
        None => {
            if let Some((_, other)) = counting_elsewhere(&tx)?
                .into_iter()
                .find(|(id, _)| *id == product_id)
            {
                return Err(StocktakeError::AlreadyCounting {
                    product: product_code(&tx, product_id)?,
                    number: other,
                }
                .into());
            }
            let expected = on_hand_at(&tx, product_id, &header.created_at, header.id)?;
            let id = documents::add_line(
                &tx,
                header.id,
                &Line {
                    expected: Some(expected),
                    reason: FOUND_NOTE.to_owned(),
                    ..blank_line(product_id)
                },
            )?;
            let line_no: i64 = tx.query_row(
                "SELECT line_no FROM document_lines WHERE id = ?1",
                [id],
                |r| r.get(0),
            )?;
            (id, line_no, Qty::ZERO, true)
        }
    };
    let (entered, counted) = match entry {
        Entry::Set(qty) => (qty, qty),
        Entry::Scan => (scanned, before.checked_add(scanned)?),
    };
    if counted > MAX_LINE_QTY {
        return Err(StocktakeError::TooLarge(counted).into());
    }
    tx.prepare_cached("UPDATE document_lines SET qty_milli = ?2, counted_at = ?3 WHERE id = ?1")?
        .execute(params![line_id, counted.0, at.to_rfc3339()])?;
    let (product_code, name, unit): (String, String, String) = tx.query_row(
        "SELECT code, name, unit FROM products WHERE id = ?1",
        [product_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    tx.commit()?;
    Ok(Counted {
        number: header.number,
        line_no,
        product_code,
        name,
        unit,
        entered,
        counted,
        found,
    })
}

/// A stock take posted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Posted {
    /// The stock take.
    pub number: String,
    /// Lines counted (each set to its count).
    pub counted_lines: usize,
    /// Counted lines whose count differed from the stock at counting time.
    pub changed_lines: usize,
    /// Codes of the products not counted: their stock was left unchanged.
    pub uncounted: Vec<String>,
    /// Net value of the variances (negative: goods missing).
    pub net_value: Vnd,
}

/// Parts a shortage is taken from: lots with stock, earliest expiry first (expired goods first is
/// right here: that is the shrinkage); what no lot holds goes on the last lot drawn, or the newest
/// lot, or no lot for a product never kept in lots.
fn shrink_parts(
    conn: &Connection,
    product_id: i64,
    missing: Qty,
) -> Result<Vec<(Option<i64>, Qty)>, Error> {
    let lots: Vec<(i64, i64)> = conn
        .prepare_cached(
            "SELECT id, qty_milli FROM lots WHERE product_id = ?1 AND qty_milli > 0
             ORDER BY expiry IS NULL, expiry, id",
        )?
        .query_map([product_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut parts: Vec<(Option<i64>, Qty)> = Vec::new();
    let mut left = missing.0;
    for (id, qty) in lots {
        if left == 0 {
            break;
        }
        let take = left.min(qty);
        parts.push((Some(id), Qty(take)));
        left -= take;
    }
    if left > 0 {
        match parts.last_mut() {
            Some((_, q)) => *q = Qty(q.0 + left),
            None => parts.push((newest_lot(conn, product_id)?, Qty(left))),
        }
    }
    Ok(parts)
}

/// The lot goods found in excess go into: the product's newest lot, if it has any.
fn newest_lot(conn: &Connection, product_id: i64) -> Result<Option<i64>, Error> {
    Ok(conn
        .prepare_cached("SELECT MAX(id) FROM lots WHERE product_id = ?1")?
        .query_row([product_id], |r| r.get(0))?)
}

/// Posts stock take `number` with a manager's approval: in one transaction each counted line gets
/// `count` moves of its variance (counted − on hand when counted), so the on-hand becomes the count
/// plus whatever moved after counting; uncounted lines are left unchanged. Audited. A stock take
/// posted already is refused and nothing is written.
pub fn post(
    conn: &mut Connection,
    number: &str,
    approval: &Approval,
    user: Option<UserId>,
    at: DateTime<FixedOffset>,
) -> Result<Posted, Error> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let header = open_count(&tx, number)?;
    let lines = documents::lines(&tx, header.id)?;
    let mut posted = Posted {
        number: header.number.clone(),
        counted_lines: 0,
        changed_lines: 0,
        uncounted: Vec::new(),
        net_value: Vnd::ZERO,
    };
    for line in &lines {
        let (Some(counted), Some(counted_at)) = (line.qty, line.counted_at.as_deref()) else {
            posted.uncounted.push(product_code(&tx, line.product_id)?);
            continue;
        };
        posted.counted_lines += 1;
        let then = on_hand_at(&tx, line.product_id, counted_at, header.id)?;
        let variance = counted.checked_sub(then)?;
        let (unit_value, basis) = value::unit_value(&tx, line.product_id)?;
        tx.prepare_cached(
            "UPDATE document_lines SET unit_cost_vnd = ?2, value_basis = ?3 WHERE id = ?1",
        )?
        .execute(params![line.id, unit_value.0, basis.as_str()])?;
        posted.net_value = posted.net_value.checked_add(variance.times(unit_value)?)?;
        let parts = match variance.0.signum() {
            0 => continue,
            -1 => shrink_parts(&tx, line.product_id, Qty(-variance.0))?
                .into_iter()
                .map(|(lot, q)| (lot, Qty(-q.0)))
                .collect(),
            _ => vec![(newest_lot(&tx, line.product_id)?, variance)],
        };
        posted.changed_lines += 1;
        for (lot_id, qty) in parts {
            stock::apply(
                &tx,
                &stock::Move {
                    document_id: Some(header.id),
                    lot_id,
                    reference: &header.number,
                    user,
                    reason: "kiểm kê",
                    ..stock::Move::new(line.product_id, qty, stock::MoveKind::Count, at)
                },
            )?;
        }
    }
    if posted.counted_lines == 0 {
        return Err(StocktakeError::NothingCounted(header.number).into());
    }
    documents::mark_posted(&tx, &header, Some(approval.manager()), at)?;
    let detail = format!(
        "kiểm kê {}: {} dòng đã đếm, {} dòng chênh lệch, {} dòng chưa đếm giữ nguyên; giá trị chênh lệch {}",
        header.number,
        posted.counted_lines,
        posted.changed_lines,
        posted.uncounted.len(),
        posted.net_value
    );
    audit::record(
        &tx,
        &audit::Entry {
            at,
            user,
            approved_by: Some(approval.manager()),
            action: AuditAction::DocumentPosted,
            subject: &header.number,
            detail: &detail,
        },
    )?;
    tx.commit()?;
    Ok(posted)
}
