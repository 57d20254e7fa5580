//! Product search for the counter: every word of the query, ignoring case and diacritics, best
//! matches first.

use std::collections::BinaryHeap;

use rusqlite::Connection;

use crate::domain::money::Vnd;
use crate::domain::text::{self, Query};
use crate::store::Error;

/// A search hit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Product id.
    pub id: i64,
    /// Product code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Price per unit.
    pub price: Vnd,
    /// OCOP stars.
    pub stars: Option<u8>,
}

/// Active products whose name or code contains every word of `query`, in any order, ignoring case
/// and diacritics ("nuoc mam" finds "Nước mắm"); names starting with the first word first, at most
/// `limit`.
pub fn search(conn: &Connection, query: &str, limit: usize) -> Result<Vec<Hit>, Error> {
    let query = Query::new(query);
    if query.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    // `search_name` is already folded, so a byte search (instr) is exact and cheaper than LIKE.
    let tokens: Vec<&String> = query.tokens().iter().take(MAX_SEARCH_WORDS).collect();
    let mut sql = String::from(
        "SELECT rowid, search_name FROM products INDEXED BY products_search WHERE active = 1",
    );
    for i in 1..=tokens.len() {
        sql.push_str(&format!(" AND instr(search_name, ?{i}) > 0"));
    }
    let mut stmt = conn.prepare_cached(&sql)?;
    // A common word matches thousands of products: keep only the best `limit` as (rank, folded
    // name, id) in a max-heap whose top is the worst kept, and read the rest for those alone.
    let mut best: BinaryHeap<(u8, String, i64)> = BinaryHeap::with_capacity(limit + 1);
    let mut rows = stmt.query(rusqlite::params_from_iter(tokens.iter()))?;
    while let Some(row) = rows.next()? {
        let folded = row
            .get_ref(1)?
            .as_str()
            .map_err(|e| Error::Corrupt(e.to_string()))?;
        let rank = text::rank(&query, folded);
        let id: i64 = row.get(0)?;
        if best.len() == limit
            && best
                .peek()
                .is_some_and(|worst| (rank, folded, id) >= (worst.0, worst.1.as_str(), worst.2))
        {
            continue;
        }
        best.push((rank, folded.to_owned(), id));
        if best.len() > limit {
            best.pop();
        }
    }
    let mut detail = conn
        .prepare_cached("SELECT code, name, unit, price_vnd, stars FROM products WHERE id = ?1")?;
    best.into_sorted_vec()
        .into_iter()
        .map(|(_, _, id)| {
            Ok(detail.query_row([id], |r| {
                Ok(Hit {
                    id,
                    code: r.get(0)?,
                    name: r.get(1)?,
                    unit: r.get(2)?,
                    price: Vnd(r.get(3)?),
                    stars: r.get(4)?,
                })
            })?)
        })
        .collect()
}

/// Words of a search beyond this many are ignored.
const MAX_SEARCH_WORDS: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_ignores_diacritics_case_and_word_order() {
        let now = crate::store::test_support::nine_am();
        let (_dir, conn) = crate::store::test_support::sample_till(now);
        let names = |q: &str| -> Vec<String> {
            search(&conn, q, 50)
                .unwrap()
                .into_iter()
                .map(|h| h.name)
                .collect()
        };
        let nuoc_mam = names("nuoc mam");
        assert!(!nuoc_mam.is_empty());
        assert!(
            nuoc_mam.iter().all(|n| text::fold(n).contains("nuoc mam")),
            "{nuoc_mam:?}"
        );
        assert_eq!(
            names("MAM NUOC"),
            nuoc_mam,
            "word order and case do not matter"
        );
        assert_eq!(names("Nước Mắm"), nuoc_mam);
        let dang_sam = names("dang sam");
        assert!(
            dang_sam.iter().any(|n| n.contains("đảng sâm")),
            "{dang_sam:?}"
        );
        // Names starting with the first word come first.
        let tra = names("tra");
        let first_other = tra.iter().position(|n| !text::fold(n).starts_with("tra"));
        if let Some(i) = first_other {
            assert!(
                tra[i..].iter().all(|n| !text::fold(n).starts_with("tra")),
                "{tra:?}"
            );
        }
        assert_eq!(search(&conn, "tra", 3).unwrap().len(), 3);
        assert!(names("khong co mon nay").is_empty());
        assert!(names("   ").is_empty());
        assert!(
            names("100%_").is_empty(),
            "LIKE wildcards are plain characters"
        );
    }
}
