//! Saving one product from the back office: in one transaction with an audit row that says what
//! changed (a price, a certificate, a barcode), so a manager's edit can be traced.

use chrono::{DateTime, FixedOffset};
use rusqlite::Connection;

use crate::domain::auth::{AuditAction, UserId};
use crate::domain::catalog::{OcopGroup, Producer, Product, Stars};
use crate::store::{Error, audit};

/// Saves a product with its VAT schedule and barcodes, all or nothing, and audits it. With `new`,
/// a product code already in use is refused rather than overwritten: returns false then, having
/// written nothing.
pub fn save_product(
    conn: &mut Connection,
    product: &Product,
    new: bool,
    user: Option<UserId>,
    at: DateTime<FixedOffset>,
) -> Result<bool, Error> {
    let tx = conn.transaction()?;
    let old = super::product(&tx, &product.code)?;
    if new && old.is_some() {
        return Ok(false);
    }
    super::upsert_product(&tx, product)?;
    let detail = changes(old.as_ref(), product);
    audit::record(
        &tx,
        &audit::Entry {
            at,
            user,
            approved_by: None,
            action: AuditAction::ProductSaved,
            subject: &product.code,
            detail: &detail,
        },
    )?;
    tx.commit()?;
    Ok(true)
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(|| "-".to_owned(), |v| v.to_string())
}

/// What changed, in Vietnamese: `giá 120.000 ₫ → 125.000 ₫; sao 3 → 4`.
pub(crate) fn changes(old: Option<&Product>, new: &Product) -> String {
    let Some(old) = old else {
        return format!("thêm mới: {}, giá {}", new.name, new.price);
    };
    let mut said = Vec::new();
    let mut diff = |what: &str, before: String, after: String| {
        if before != after {
            said.push(format!("{what} {before} → {after}"));
        }
    };
    diff("tên", old.name.clone(), new.name.clone());
    diff("đơn vị", old.unit.clone(), new.unit.clone());
    diff("giá", old.price.to_string(), new.price.to_string());
    let rates = |p: &Product| {
        p.vat
            .periods()
            .iter()
            .map(|period| match period.until {
                Some(until) => format!("{} đến {until}", period.rate),
                None => period.rate.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    diff("thuế suất", rates(old), rates(new));
    diff(
        "nhóm",
        opt(old.group.map(OcopGroup::number)),
        opt(new.group.map(OcopGroup::number)),
    );
    diff(
        "sao",
        opt(old.stars.map(Stars::count)),
        opt(new.stars.map(Stars::count)),
    );
    let cert = |p: &Product| {
        p.certificate.as_ref().map_or_else(
            || "-".to_owned(),
            |c| format!("{} ngày {}", c.number, c.date),
        )
    };
    diff("chứng nhận", cert(old), cert(new));
    diff(
        "nhà sản xuất",
        opt(old.producer_code.clone()),
        opt(new.producer_code.clone()),
    );
    diff("mã vạch", old.barcodes.join(" "), new.barcodes.join(" "));
    diff(
        "bán theo cân",
        old.sold_by_weight.to_string(),
        new.sold_by_weight.to_string(),
    );
    diff("đang bán", old.active.to_string(), new.active.to_string());
    if said.is_empty() {
        "không đổi".to_owned()
    } else {
        said.join("; ")
    }
}

/// Saves a producer in one transaction. With `new`, a code already in use is refused rather than
/// overwritten: returns false then, having written nothing.
pub fn save_producer(conn: &mut Connection, producer: &Producer, new: bool) -> Result<bool, Error> {
    let tx = conn.transaction()?;
    let taken = tx
        .prepare_cached("SELECT 1 FROM producers WHERE code = ?1")?
        .exists([&producer.code])?;
    if taken && new {
        return Ok(false);
    }
    super::upsert_producer(&tx, producer)?;
    tx.commit()?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Vnd;

    fn at() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-30T09:00:00+07:00").unwrap()
    }

    fn sample() -> (tempfile::TempDir, Connection) {
        let (dir, conn) = crate::store::test_support::sample_till(at());
        (dir, conn)
    }

    fn audits(conn: &Connection) -> Vec<(String, String)> {
        conn.prepare("SELECT subject, detail FROM audit WHERE action = 'product_saved' ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn a_change_is_audited_with_what_changed() {
        let (_dir, mut conn) = sample();
        let mut p = super::super::product(&conn, "DS-CAO-DUCHUY-100")
            .unwrap()
            .unwrap();
        p.price = Vnd(470_000);
        p.active = false;
        assert!(save_product(&mut conn, &p, false, None, at()).unwrap());
        assert_eq!(
            audits(&conn),
            [(
                "DS-CAO-DUCHUY-100".to_owned(),
                "giá 450.000\u{a0}₫ → 470.000\u{a0}₫; đang bán true → false".to_owned()
            )]
        );
    }

    #[test]
    fn saving_refuses_a_taken_code_for_a_new_product_and_writes_nothing_half() {
        let (_dir, mut conn) = sample();
        let mut p = super::super::product(&conn, "DS-CAO-DUCHUY-100")
            .unwrap()
            .unwrap();
        assert!(!save_product(&mut conn, &p, true, None, at()).unwrap());
        // A barcode of another product: refused, and the product keeps its own barcodes.
        let before = p.barcodes.clone();
        p.barcodes.push("2900000000025".into());
        assert!(matches!(
            save_product(&mut conn, &p, false, None, at()),
            Err(Error::DuplicateBarcode { .. })
        ));
        let after = super::super::product(&conn, "DS-CAO-DUCHUY-100")
            .unwrap()
            .unwrap();
        assert_eq!(after.barcodes, before);
        assert!(
            audits(&conn).is_empty(),
            "nothing audited when nothing saved"
        );
    }
}
