//! The back office's product and producer lists: a page of rows with what a manager scans for
//! (price, OCOP data, certificate end, producer), never the whole catalogue at once.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};

use super::search;
use crate::domain::catalog::ProducerKind;
use crate::domain::money::Vnd;
use crate::store::Error;

/// A product as the back office lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductRow {
    /// Product code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Selling unit.
    pub unit: String,
    /// Retail price.
    pub price: Vnd,
    /// OCOP group number.
    pub group: Option<u8>,
    /// OCOP stars.
    pub stars: Option<u8>,
    /// Certificate decision number ("" if none).
    pub cert_no: String,
    /// The certificate's decision date.
    pub cert_date: Option<NaiveDate>,
    /// The producer's name.
    pub producer: Option<String>,
    /// Offered for sale.
    pub active: bool,
}

const ROW: &str = "SELECT p.code, p.name, p.unit, p.price_vnd, p.ocop_group, p.stars, p.cert_no,
        p.cert_date, pr.name, p.active
    FROM products p LEFT JOIN producers pr ON pr.id = p.producer_id";

fn product_row(r: &Row<'_>) -> rusqlite::Result<ProductRow> {
    let cert_date: Option<String> = r.get(7)?;
    Ok(ProductRow {
        code: r.get(0)?,
        name: r.get(1)?,
        unit: r.get(2)?,
        price: Vnd(r.get(3)?),
        group: r.get(4)?,
        stars: r.get(5)?,
        cert_no: r.get(6)?,
        cert_date: cert_date.and_then(|t| t.parse().ok()),
        producer: r.get(8)?,
        active: r.get(9)?,
    })
}

/// At most `limit` products: of the producer with code `producer` by name; else matching `query`
/// through the counter's search (a product whose code is exactly the query first, even when it
/// no longer sells); else the first by code.
pub fn products(
    conn: &Connection,
    query: &str,
    producer: Option<&str>,
    limit: usize,
) -> Result<Vec<ProductRow>, Error> {
    let limit_sql = i64::try_from(limit).unwrap_or(i64::MAX);
    if let Some(producer) = producer {
        let rows = conn
            .prepare_cached(&format!(
                "{ROW} WHERE pr.code = ?1 ORDER BY p.name LIMIT ?2"
            ))?
            .query_map(rusqlite::params![producer, limit_sql], product_row)?
            .collect::<Result<_, _>>()?;
        return Ok(rows);
    }
    if query.trim().is_empty() {
        let rows = conn
            .prepare_cached(&format!("{ROW} ORDER BY p.code LIMIT ?1"))?
            .query_map([limit_sql], product_row)?
            .collect::<Result<_, _>>()?;
        return Ok(rows);
    }
    let mut stmt = conn.prepare_cached(&format!("{ROW} WHERE p.code = ?1"))?;
    let mut rows: Vec<ProductRow> = stmt
        .query_row([query.trim().to_uppercase()], product_row)
        .optional()?
        .into_iter()
        .collect();
    for hit in search(conn, query, limit)? {
        if rows.len() >= limit {
            break;
        }
        if rows.iter().any(|r| r.code == hit.code) {
            continue;
        }
        if let Some(row) = stmt.query_row([&hit.code], product_row).optional()? {
            rows.push(row);
        }
    }
    Ok(rows)
}

/// How many products the catalogue holds.
pub fn product_count(conn: &Connection) -> Result<i64, Error> {
    Ok(conn.query_row("SELECT COUNT(*) FROM products", [], |r| r.get(0))?)
}

/// A producer with how many products it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProducerRow {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Legal form.
    pub kind: ProducerKind,
    /// 5-digit commune code ("" if unknown).
    pub commune_code: String,
    /// Tax code ("" if unknown).
    pub tax_code: String,
    /// Products of the producer.
    pub products: i64,
    /// Of them, still offered for sale.
    pub active: i64,
}

/// Every producer by name, with its product counts.
pub fn producer_rows(conn: &Connection) -> Result<Vec<ProducerRow>, Error> {
    let rows = conn
        .prepare(
            "SELECT pr.code, pr.name, pr.kind, COUNT(p.id), COALESCE(SUM(p.active), 0),
                    pr.commune_code, pr.tax_code
             FROM producers pr LEFT JOIN products p ON p.producer_id = pr.id
             GROUP BY pr.id ORDER BY pr.name",
        )?
        .query_map([], |r| {
            let kind: String = r.get(2)?;
            Ok(ProducerRow {
                code: r.get(0)?,
                name: r.get(1)?,
                kind: ProducerKind::parse(&kind).unwrap_or(ProducerKind::HoKinhDoanh),
                products: r.get(3)?,
                active: r.get(4)?,
                commune_code: r.get(5)?,
                tax_code: r.get(6)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (tempfile::TempDir, Connection) {
        let now = crate::store::test_support::nine_am();
        let (dir, conn) = crate::store::test_support::sample_till(now);
        (dir, conn)
    }

    #[test]
    fn lists_a_page_by_code_by_search_and_by_producer() {
        let (_dir, conn) = sample();
        let total = product_count(&conn).unwrap();
        assert!(total > 50, "{total}");
        let first = products(&conn, "", None, 10).unwrap();
        assert_eq!(first.len(), 10);
        assert!(first.windows(2).all(|w| w[0].code < w[1].code));
        let found = products(&conn, "dang sam", None, 50).unwrap();
        assert!(!found.is_empty());
        assert!(
            found
                .iter()
                .all(|r| crate::domain::text::fold(&r.name).contains("dang sam")),
            "{found:?}"
        );
        let exact = products(&conn, "ds-cao-duchuy-100", None, 5).unwrap();
        assert_eq!(exact[0].code, "DS-CAO-DUCHUY-100");
        assert_eq!(exact[0].stars, Some(4));
        assert_eq!(exact[0].cert_date, NaiveDate::from_ymd_opt(2021, 12, 20));
        let duchuy = products(&conn, "", Some("HTX-DUCHUY"), 50).unwrap();
        assert!(duchuy.iter().any(|r| r.code == "DS-RUOU-DUCHUY-500"));
        assert!(
            duchuy
                .iter()
                .all(|r| r.producer.as_deref() == Some("HTX Dược liệu Đức Huy Tây Giang"))
        );
        let producers = producer_rows(&conn).unwrap();
        let row = producers.iter().find(|p| p.code == "HTX-DUCHUY").unwrap();
        assert_eq!(row.products, i64::try_from(duchuy.len()).unwrap());
    }
}
