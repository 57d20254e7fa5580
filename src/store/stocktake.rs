//! Stock takes: open a count, record counts, show variances, post them as moves.
//!
//! Selling goes on during a count, so a line is measured against what was on hand when it was
//! counted: the on-hand now less every move made after its `counted_at`. Posting writes the
//! difference as `count` moves, so the on-hand becomes what was counted plus whatever moved after.

mod at_count;
mod count;
mod post;
mod report;
mod value;

pub use count::{Counted, Entry, count};
pub use post::{Posted, post};
pub use report::{Report, ReportLine, Totals, show, show_page};
pub use value::ValueBasis;

use at_count::{at_count, on_hand_at};

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde::{Deserialize, Serialize};

use super::documents::{self, DocKind, Header, Line, NewDocument};
use super::{Error, stock};
use crate::domain::auth::UserId;
use crate::domain::catalog::OcopGroup;
use crate::domain::qty::Qty;
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
                ..Line::new(product_id, None)
            },
        )?;
    }
    tx.commit()?;
    Ok(Opened {
        header,
        lines: products.len(),
    })
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

/// Cancels stock take `number` while it is open (its lines are kept, it no longer blocks its
/// products from another count); a posted count cannot be cancelled.
pub fn cancel(conn: &Connection, number: &str) -> Result<Header, Error> {
    let header = open_count(conn, number)?;
    documents::cancel(conn, &header.number)?;
    documents::by_number(conn, &header.number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_drop_blanks_and_read_back_from_the_scope() {
        let typed = Filter {
            producer: Some(" htx-duchuy ".into()),
            group: Some(3),
            search: Some("   ".into()),
        };
        let clean = typed.normalised();
        assert_eq!(clean.producer.as_deref(), Some("HTX-DUCHUY"));
        assert_eq!(clean.search, None);
        assert!(
            clean
                .describe()
                .starts_with("nhà sản xuất HTX-DUCHUY, nhóm 3 (")
        );
        assert_eq!(Filter::default().describe(), "tất cả sản phẩm đang bán");
        let scope = serde_json::to_string(&clean).unwrap();
        assert_eq!(scope, r#"{"producer":"HTX-DUCHUY","group":3}"#);
        assert_eq!(stored_filter(&scope), Some(clean));
        assert_eq!(stored_filter("not json"), None);
    }
}
