//! The provincial registry: `ocop-hub import-catalogue` takes a CSV whole or refuses it naming line
//! and column; `GET /api/v1/catalogue` serves it to point tokens only; applying it at a till updates
//! OCOP group, stars and certificate of matching products and leaves prices and stock alone.
#![cfg(feature = "hub")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use std::process::Command;

use ocop_pos::store::registry;
use ocop_pos::sync::client::Error;

use common::hub::{client, hub_data};
use common::shift_till::{CAO_GTIN, till};

const HUB: &str = env!("CARGO_BIN_EXE_ocop-hub");
const HEADER: &str = "product_code,gtin,name,producer_code,producer_name,ocop_group,stars,cert_no,cert_date,cert_valid_until\n";

fn import(dir: &std::path::Path, csv: &str) -> std::process::Output {
    let file = dir.join("registry.csv");
    std::fs::write(&file, csv).unwrap();
    Command::new(HUB)
        .arg("--data-dir")
        .arg(dir)
        .arg("import-catalogue")
        .arg(&file)
        .output()
        .unwrap()
}

#[test]
fn the_registry_updates_ocop_fields_and_nothing_else() {
    let data = hub_data();
    let bad =
        format!("{HEADER}DS-CAO-DUCHUY-100,,Cao,HTX,HTX,3,5,1/QĐ,2026-01-05,\nX-1,,Y,P,P,3,7,,,\n");
    let out = import(data.dir.path(), &bad);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("dòng 3") && err.contains("stars"), "{err}");
    assert_eq!(data.count("SELECT COUNT(*) FROM catalogue"), 0);

    let good = format!(
        "{HEADER}DS-CAO-DUCHUY-100,,Cao đảng sâm,HTX-DUCHUY,HTX Đức Huy,3,5,88/QĐ-UBND,2026-01-05,2029-01-04\n\
         REG-TRA-01,{CAO_GTIN},Cao (mã tỉnh),HTX-DUCHUY,HTX Đức Huy,3,5,88/QĐ-UBND,2026-01-05,2029-01-04\n\
         NOT-HERE-9,,Mắm cá cơm,CS-NAMO,Cơ sở Nam Ô,1,4,12/QĐ,2025-03-01,\n"
    );
    let out = import(data.dir.path(), &good);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(data.count("SELECT COUNT(*) FROM catalogue"), 3);

    let hub = data.start();
    let refused = client(&hub.url(), "ocop_wrong").catalogue().unwrap_err();
    assert!(
        matches!(refused, Error::Refused { status: 401, .. }),
        "{refused:?}"
    );
    let registry_now = client(&hub.url(), &data.other_token).catalogue().unwrap();
    assert_eq!(registry_now.products.len(), 3);

    let mut t = till();
    // The cao also carries a real GS1 code: the registry's second row finds it by that.
    t.conn
        .execute(
            "INSERT INTO barcodes (code, product_id)
             SELECT ?1, id FROM products WHERE code = 'DS-CAO-DUCHUY-100'",
            [CAO_GTIN],
        )
        .unwrap();
    let price_and_stock =
        |t: &common::shift_till::Till| -> Vec<(String, i64, Option<i64>, String)> {
            let mut stmt = t
                .conn
                .prepare("SELECT code, price_vnd, stars, cert_no FROM products ORDER BY code")
                .unwrap();
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
    let stock_before = t.count("SELECT COALESCE(SUM(qty_milli), 0) FROM stock_moves");
    let before = price_and_stock(&t);
    let applied = registry::apply(&mut t.conn, &registry_now.products).unwrap();
    assert_eq!(
        (applied.updated, applied.unchanged, applied.not_here),
        (1, 1, 1)
    );
    let after = price_and_stock(&t);
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!((&b.0, b.1), (&a.0, a.1), "prices stay");
        if a.0 == "DS-CAO-DUCHUY-100" {
            assert_eq!((a.2, a.3.as_str()), (Some(5), "88/QĐ-UBND"));
        } else {
            assert_eq!(b, a);
        }
    }
    assert_eq!(
        t.count("SELECT COALESCE(SUM(qty_milli), 0) FROM stock_moves"),
        stock_before
    );
    let again = registry::apply(&mut t.conn, &registry_now.products).unwrap();
    assert_eq!((again.updated, again.unchanged), (0, 2));
}
