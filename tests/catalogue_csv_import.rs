//! The catalogue CSV imports: the sample whole, export round-trips byte for byte, re-import
//! updates in place, and a failure halfway leaves the database as it was.
// Setup helpers outside #[test] functions fail loudly on purpose.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, FixedOffset, NaiveDate};
use ocop_pos::domain::barcode::BarcodeRules;
use ocop_pos::domain::catalog::ProducerKind;
use ocop_pos::domain::vat::VatRate;
use ocop_pos::store::catalog_export::{HEADER, export_on};
use ocop_pos::store::catalog_import::{ImportMode, ImportReport, import};
use ocop_pos::store::{self, Error, audit, catalog};
use rusqlite::Connection;
use tempfile::TempDir;

const SAMPLE: &[u8] = include_bytes!("../assets/sample/catalogue.csv");

fn db() -> (TempDir, Connection) {
    let dir = tempfile::tempdir().unwrap();
    let conn = store::open(&dir.path().join("till.db")).unwrap();
    (dir, conn)
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-30T09:00:00+07:00").unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn run(conn: &mut Connection, bytes: &[u8], mode: ImportMode) -> Result<ImportReport, Error> {
    import(conn, bytes, mode, None, now())
}

fn export_bytes(conn: &Connection) -> Vec<u8> {
    let mut out = Vec::new();
    export_on(conn, &mut out, date(2026, 11, 30)).unwrap();
    out
}

#[test]
fn sample_catalogue_imports_cleanly() {
    let (_dir, mut conn) = db();
    let report = run(&mut conn, SAMPLE, ImportMode::Strict).unwrap();
    assert_eq!(
        (report.added, report.updated, report.producers),
        (75, 0, 60)
    );
    assert!(report.skipped.is_empty());
    assert_eq!(count(&conn, "products"), 75);
    assert_eq!(count(&conn, "producers"), 60);
    assert_eq!(count(&conn, "barcodes"), 78);

    let mam = catalog::product(&conn, "NM-BINHMINH-500").unwrap().unwrap();
    assert_eq!(mam.name, "Nước mắm nhĩ Bình Minh chai 500 ml");
    assert_eq!(mam.price.0, 150_000);
    assert_eq!(mam.vat.rate_on(date(2026, 11, 30)), Some(VatRate::EIGHT));
    assert_eq!(mam.vat.rate_on(date(2027, 1, 1)), Some(VatRate::TEN));
    assert_eq!(mam.stars.map(|s| s.count()), Some(4));
    assert_eq!(mam.group.map(|g| g.number()), Some(1));
    let cert = mam.certificate.clone().unwrap();
    assert_eq!(cert.number, "712/QĐ-UBND");
    assert_eq!(cert.valid_until(), date(2027, 3, 15));
    let stored_until: String = conn
        .query_row(
            "SELECT cert_valid_until FROM products WHERE code = 'NM-BINHMINH-500'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored_until, "2027-03-15");
    assert_eq!(mam.barcodes, ["2900000000292", "2900000009028"]);
    assert_eq!(mam.producer_code.as_deref(), Some("HTX-MAMBINHMINH"));
    let hit = catalog::resolve(
        &conn,
        "2900000009028",
        &BarcodeRules::default(),
        date(2026, 11, 30),
    )
    .unwrap();
    assert_eq!(hit.item.code, "NM-BINHMINH-500");
    assert_eq!(hit.item.vat, VatRate::EIGHT);

    // Liquor pays excise, so it never had the 8% reduction.
    let ruou = catalog::product(&conn, "DS-RUOU-DUCHUY-500")
        .unwrap()
        .unwrap();
    assert_eq!(ruou.vat.periods().len(), 1);
    assert_eq!(ruou.vat.rate_on(date(2026, 11, 30)), Some(VatRate::TEN));
    assert_eq!(ruou.vat.rate_on(date(2027, 1, 1)), Some(VatRate::TEN));

    let gao = catalog::product(&conn, "GAO-ANLO-KG").unwrap().unwrap();
    assert_eq!((gao.plu, gao.sold_by_weight), (Some(101), true));
    assert_eq!(gao.vat.rate_on(date(2026, 11, 30)), Some(VatRate::FIVE));
    let tour = catalog::product(&conn, "TOUR-TANTHANH").unwrap().unwrap();
    assert!(!tour.active);
    let phusinh = catalog::producers(&conn)
        .unwrap()
        .into_iter()
        .find(|p| p.code == "CTY-PHUSINH")
        .unwrap();
    assert_eq!(phusinh.kind, ProducerKind::DoanhNghiep);
    assert_eq!(phusinh.commune_code, "21548");

    let log = audit::recent(&conn, 5).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].action, "catalogue_import");
    assert_eq!(
        log[0].detail,
        "75 added, 0 updated, 0 skipped, 60 producers"
    );
}

#[test]
fn export_import_export_is_byte_identical() {
    let (_a, mut first) = db();
    run(&mut first, SAMPLE, ImportMode::Strict).unwrap();
    let exported = export_bytes(&first);

    // The sample is already in canonical form: export gives its rows back, in code order.
    let sample = std::str::from_utf8(SAMPLE).unwrap();
    let mut rows: Vec<&str> = sample.split_inclusive("\r\n").skip(1).collect();
    rows.sort_by_key(|r| r.split(',').next().unwrap_or(""));
    let expected = format!("{}\r\n{}", HEADER.join(","), rows.concat());
    assert_eq!(std::str::from_utf8(&exported).unwrap(), expected);

    let (_b, mut second) = db();
    let report = run(&mut second, &exported, ImportMode::Strict).unwrap();
    assert_eq!((report.added, report.producers), (75, 60));
    assert_eq!(export_bytes(&second), exported);
}

#[test]
fn minimal_semicolon_file_imports_with_defaults() {
    let (_dir, mut conn) = db();
    let bytes =
        "vat_bp;code;name;unit;price_vnd;active\r\n500;GAO-1;Gạo;kg;20000;không\r\n;;;;;\r\n";
    let report = run(&mut conn, bytes.as_bytes(), ImportMode::Strict).unwrap();
    assert_eq!((report.added, report.producers), (1, 0));
    let gao = catalog::product(&conn, "GAO-1").unwrap().unwrap();
    assert_eq!(gao.price.0, 20_000);
    assert_eq!(gao.vat.rate_on(date(2030, 1, 1)), Some(VatRate::FIVE));
    assert_eq!(
        (gao.active, gao.sold_by_weight, gao.plu),
        (false, false, None)
    );
    assert_eq!(
        (gao.stars, gao.certificate, gao.producer_code),
        (None, None, None)
    );
    assert!(gao.barcodes.is_empty());
}

#[test]
fn reimport_updates_prices_without_duplicating() {
    let (_dir, mut conn) = db();
    run(&mut conn, SAMPLE, ImportMode::Strict).unwrap();
    let text = std::str::from_utf8(SAMPLE).unwrap();
    let old = "Nước mắm nhĩ Bình Minh chai 500 ml,chai,150000,";
    assert!(text.contains(old));
    let changed = text.replace(old, "Nước mắm nhĩ Bình Minh chai 500 ml,chai,155000,");
    let report = run(&mut conn, changed.as_bytes(), ImportMode::Strict).unwrap();
    assert_eq!(
        (report.added, report.updated, report.producers),
        (0, 75, 60)
    );
    assert_eq!(count(&conn, "products"), 75);
    assert_eq!(count(&conn, "producers"), 60);
    assert_eq!(count(&conn, "barcodes"), 78);
    // One period per product, plus the 8% → 10% change of the 61 rows with vat_until.
    assert_eq!(count(&conn, "product_vat"), 75 + 61);
    let mam = catalog::product(&conn, "NM-BINHMINH-500").unwrap().unwrap();
    assert_eq!(mam.price.0, 155_000);
    assert_eq!(
        audit::recent(&conn, 1).unwrap()[0].detail,
        "0 added, 75 updated, 0 skipped, 60 producers"
    );
}

#[test]
fn a_failure_midway_rolls_everything_back() {
    let (_dir, mut conn) = db();
    // The last product of the sample fails to insert, after 74 others and 60 producers went in.
    conn.execute_batch(
        "CREATE TEMP TRIGGER fail BEFORE INSERT ON main.products WHEN NEW.code = 'GAO-HUUCO-QT-KG'
         BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;",
    )
    .unwrap();
    let err = run(&mut conn, SAMPLE, ImportMode::Strict).unwrap_err();
    assert!(matches!(err, Error::Sqlite(_)), "{err:?}");
    assert_eq!(count(&conn, "products"), 0);
    assert_eq!(count(&conn, "producers"), 0);
    assert_eq!(count(&conn, "barcodes"), 0);
    assert_eq!(count(&conn, "audit"), 0);
}
