//! Producers, products, their VAT schedules and barcodes; look-ups for the counter and search.

pub mod listing;
mod resolve;
mod save;
mod search;

pub use resolve::{Resolved, resolve};
pub use save::{save_producer, save_product};
pub use search::{Hit, search};

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::Error;
use crate::domain::barcode;
use crate::domain::cart::Item;
use crate::domain::catalog::{Certificate, OcopGroup, Producer, ProducerKind, Product, Stars};
use crate::domain::money::Vnd;
use crate::domain::text;
use crate::domain::vat::{VatPeriod, VatRate, VatSchedule};

/// Inserts or updates a producer by code; returns its id.
pub fn upsert_producer(conn: &Connection, p: &Producer) -> Result<i64, Error> {
    conn.prepare_cached(
        "INSERT INTO producers (code, name, kind, commune_code, tax_code) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind,
             commune_code = excluded.commune_code, tax_code = excluded.tax_code",
    )?
    .execute(params![p.code, p.name, p.kind.as_str(), p.commune_code, p.tax_code])?;
    Ok(
        conn.query_row("SELECT id FROM producers WHERE code = ?1", [&p.code], |r| {
            r.get(0)
        })?,
    )
}

/// Every producer, by code.
pub fn producers(conn: &Connection) -> Result<Vec<Producer>, Error> {
    let mut stmt = conn
        .prepare("SELECT code, name, kind, commune_code, tax_code FROM producers ORDER BY code")?;
    let rows = stmt.query_map([], |r| {
        let kind: String = r.get(2)?;
        Ok(Producer {
            code: r.get(0)?,
            name: r.get(1)?,
            kind: ProducerKind::parse(&kind).unwrap_or(ProducerKind::HoKinhDoanh),
            commune_code: r.get(3)?,
            tax_code: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The folded text product search runs over: name and code.
pub fn search_text(name: &str, code: &str) -> String {
    format!("{} {}", text::fold(name), text::fold(code))
}

/// Inserts or updates a product by code, replacing its VAT schedule and barcodes; returns its id.
/// A barcode or PLU already used by another product is refused.
pub fn upsert_product(conn: &Connection, p: &Product) -> Result<i64, Error> {
    let producer_id: Option<i64> = match &p.producer_code {
        Some(code) => Some(
            conn.query_row("SELECT id FROM producers WHERE code = ?1", [code], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| Error::UnknownProducer(code.clone()))?,
        ),
        None => None,
    };
    if let Some(plu) = p.plu {
        let holder: Option<String> = conn
            .query_row(
                "SELECT code FROM products WHERE plu = ?1 AND code <> ?2",
                params![plu, p.code],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(holder) = holder {
            return Err(Error::DuplicatePlu { plu, holder });
        }
    }
    let cert_date = p.certificate.as_ref().map(|c| c.date.to_string());
    let valid_until = p.certificate.as_ref().map(|c| c.valid_until().to_string());
    conn.prepare_cached(
        "INSERT INTO products (code, name, search_name, unit, price_vnd, ocop_group, stars, cert_no,
             cert_date, cert_valid_until, producer_id, plu, sold_by_weight, active)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, search_name = excluded.search_name,
             unit = excluded.unit, price_vnd = excluded.price_vnd, ocop_group = excluded.ocop_group,
             stars = excluded.stars, cert_no = excluded.cert_no, cert_date = excluded.cert_date,
             cert_valid_until = excluded.cert_valid_until, producer_id = excluded.producer_id,
             plu = excluded.plu, sold_by_weight = excluded.sold_by_weight, active = excluded.active",
    )?
    .execute(params![
        p.code,
        p.name,
        search_text(&p.name, &p.code),
        p.unit,
        p.price.0,
        p.group.map(OcopGroup::number),
        p.stars.map(Stars::count),
        p.certificate.as_ref().map(|c| c.number.as_str()).unwrap_or(""),
        cert_date,
        valid_until,
        producer_id,
        p.plu,
        p.sold_by_weight,
        p.active,
    ])?;
    let id: i64 = conn.query_row("SELECT id FROM products WHERE code = ?1", [&p.code], |r| {
        r.get(0)
    })?;
    conn.execute("DELETE FROM product_vat WHERE product_id = ?1", [id])?;
    for period in p.vat.periods() {
        conn.prepare_cached(
            "INSERT INTO product_vat (product_id, valid_from, valid_until, rate_bp) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            id,
            period.from.map(|d| d.to_string()),
            period.until.map(|d| d.to_string()),
            period.rate.0
        ])?;
    }
    conn.execute("DELETE FROM barcodes WHERE product_id = ?1", [id])?;
    for code in &p.barcodes {
        let holder: Option<String> = conn
            .query_row(
                "SELECT p.code FROM barcodes b JOIN products p ON p.id = b.product_id WHERE b.code = ?1",
                [code],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(holder) = holder {
            return Err(Error::DuplicateBarcode {
                code: code.clone(),
                holder,
            });
        }
        conn.prepare_cached("INSERT INTO barcodes (code, product_id) VALUES (?1, ?2)")?
            .execute(params![code, id])?;
    }
    Ok(id)
}

fn parse_date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| t.parse().ok())
}

/// The VAT schedule stored for a product.
fn vat_schedule(conn: &Connection, product_id: i64) -> Result<VatSchedule, Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT valid_from, valid_until, rate_bp FROM product_vat WHERE product_id = ?1
         ORDER BY valid_from IS NOT NULL, valid_from",
    )?;
    let periods = stmt
        .query_map([product_id], |r| {
            Ok(VatPeriod {
                from: parse_date(r.get(0)?),
                until: parse_date(r.get(1)?),
                rate: VatRate(r.get(2)?),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    VatSchedule::new(periods)
        .map_err(|e| Error::Corrupt(format!("VAT of product {product_id}: {e}")))
}

/// The product with this code, with everything the catalogue holds about it.
pub fn product(conn: &Connection, code: &str) -> Result<Option<Product>, Error> {
    let row = conn
        .query_row(
            "SELECT p.id, p.code, p.name, p.unit, p.price_vnd, p.ocop_group, p.stars, p.cert_no,
                    p.cert_date, pr.code, p.plu, p.sold_by_weight, p.active
             FROM products p LEFT JOIN producers pr ON pr.id = p.producer_id WHERE p.code = ?1",
            [code],
            |r| {
                let cert_no: String = r.get(7)?;
                let certificate = parse_date(r.get(8)?).map(|date| Certificate {
                    number: cert_no,
                    date,
                });
                Ok((
                    r.get::<_, i64>(0)?,
                    Product {
                        code: r.get(1)?,
                        name: r.get(2)?,
                        unit: r.get(3)?,
                        price: Vnd(r.get(4)?),
                        vat: VatSchedule::single(VatRate::ZERO),
                        group: r.get::<_, Option<u8>>(5)?.and_then(OcopGroup::new),
                        stars: r.get::<_, Option<u8>>(6)?.and_then(Stars::new),
                        certificate,
                        producer_code: r.get(9)?,
                        barcodes: Vec::new(),
                        plu: r.get(10)?,
                        sold_by_weight: r.get(11)?,
                        active: r.get(12)?,
                    },
                ))
            },
        )
        .optional()?;
    let Some((id, mut product)) = row else {
        return Ok(None);
    };
    product.vat = vat_schedule(conn, id)?;
    let mut stmt =
        conn.prepare_cached("SELECT code FROM barcodes WHERE product_id = ?1 ORDER BY code")?;
    product.barcodes = stmt
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(Some(product))
}

/// Every product code, in code order (for exports and checks).
pub fn product_codes(conn: &Connection) -> Result<Vec<String>, Error> {
    let mut stmt = conn.prepare("SELECT code FROM products ORDER BY code")?;
    let codes = stmt.query_map([], |r| r.get(0))?;
    Ok(codes.collect::<Result<_, _>>()?)
}

/// What the cart needs of product `id` on `date`; an inactive product is refused.
pub fn sale_item(conn: &Connection, id: i64, date: NaiveDate) -> Result<Item, Error> {
    let (code, name, unit, price, stars, by_weight, active): (String, String, String, i64, Option<u8>, bool, bool) =
        conn.prepare_cached(
            "SELECT code, name, unit, price_vnd, stars, sold_by_weight, active FROM products WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
        })?;
    if !active {
        return Err(Error::Inactive(name));
    }
    let vat = vat_schedule(conn, id)?
        .rate_on(date)
        .ok_or_else(|| Error::NoVatRate {
            code: code.clone(),
            date,
        })?;
    Ok(Item {
        product_id: id,
        code,
        name,
        unit,
        price: Vnd(price),
        vat,
        stars,
        sold_by_weight: by_weight,
    })
}

/// The next unused internal in-store code with `prefix` (20–29), for a product without a GS1 code.
pub fn next_internal_code(conn: &Connection, prefix: u8) -> Result<String, Error> {
    let low = format!("{prefix}0000000000");
    let high = format!("{prefix}9999999999");
    let last: Option<String> = conn.query_row(
        "SELECT MAX(code) FROM barcodes WHERE length(code) = 13 AND substr(code, 1, 12) BETWEEN ?1 AND ?2",
        params![low, high],
        |r| r.get(0),
    )?;
    let next_seq = match last {
        Some(code) => {
            code.get(2..12)
                .and_then(|s| s.parse::<u64>().ok())
                .unwrap_or(0)
                + 1
        }
        None => 1,
    };
    Ok(barcode::internal_code(prefix, next_seq)?)
}

/// A product on sale, as the demo history and label printing pick it: a code to scan, and the
/// scale item number when it is weighed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sellable {
    /// Its first barcode, or its product code when it has none.
    pub barcode: String,
    /// The scale item number of weighed goods.
    pub plu: Option<u32>,
}

/// Every active product with a price, in code order.
pub fn sellable(conn: &Connection) -> Result<Vec<Sellable>, Error> {
    let mut stmt = conn.prepare(
        "SELECT (SELECT MIN(code) FROM barcodes b WHERE b.product_id = p.id), p.code, p.plu,
                p.sold_by_weight
         FROM products p WHERE p.active = 1 AND p.price_vnd > 0 ORDER BY p.code",
    )?;
    let rows = stmt.query_map([], |r| {
        let barcode: Option<String> = r.get(0)?;
        let code: String = r.get(1)?;
        let plu: Option<u32> = r.get(2)?;
        let weighed: bool = r.get(3)?;
        Ok(Sellable {
            barcode: barcode.unwrap_or(code),
            plu: plu.filter(|_| weighed),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
