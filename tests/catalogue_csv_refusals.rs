//! The catalogue CSV refusals: every bad row is reported with its line and column, a strict import
//! of a bad file writes nothing, and foreign encodings, unknown columns and huge files are refused.
// Setup helpers outside #[test] functions fail loudly on purpose.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, FixedOffset};
use ocop_pos::domain::barcode::gs1_check_digit;
use ocop_pos::store::catalog_export::HEADER;
use ocop_pos::store::catalog_import::{ImportMode, ImportReport, RowError, import};
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

fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn run(conn: &mut Connection, bytes: &[u8], mode: ImportMode) -> Result<ImportReport, Error> {
    import(conn, bytes, mode, None, now())
}

/// A valid in-store EAN-13 from its 12 data digits.
fn ean(data: &str) -> String {
    format!("{data}{}", gs1_check_digit(data).unwrap())
}

fn header() -> String {
    HEADER.join(",")
}

/// A valid row with `code`, price and barcode data digits; fields are then overridden by name.
fn row(code: &str, barcode_data: &str, overrides: &[(&str, &str)]) -> String {
    let barcode = ean(barcode_data);
    let mut fields: Vec<String> = [
        code,
        "Sản phẩm thử",
        "hộp",
        "100000",
        "800",
        "2026-12-31",
        "1000",
        "1",
        "4",
        "12/QĐ-UBND",
        "2024-03-15",
        "HTX-THU",
        "HTX Thử",
        "htx",
        "",
        "0401234567-001",
        &barcode,
        "",
        "0",
        "1",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for (column, value) in overrides {
        let at = HEADER.iter().position(|h| h == column).unwrap();
        fields[at] = value.to_string();
    }
    fields.join(",")
}

fn file(rows: &[String]) -> Vec<u8> {
    format!("{}\n{}\n", header(), rows.join("\n")).into_bytes()
}

fn where_(errors: &[RowError]) -> Vec<(u64, &str)> {
    errors.iter().map(|e| (e.line, e.column.as_str())).collect()
}

#[test]
fn strict_import_reports_every_bad_row_and_writes_nothing() {
    let bytes = file(&[
        row("GOOD-1", "290000010001", &[]),
        row(
            "BAD-CHECK",
            "290000010002",
            &[("barcodes", "2900000100029")],
        ),
        row("BAD-NEG", "290000010003", &[("price_vnd", "-1")]),
        row(
            "BAD-BIG",
            "290000010004",
            &[("price_vnd", "99999999999999999999")],
        ),
        row("BAD-STARS", "290000010005", &[("stars", "6")]),
        row("BAD-DUP", "290000010001", &[]),
        row(
            "BAD-KIND",
            "290000010007",
            &[("producer_kind", "cong_ty"), ("producer_code", "CTY-KHAC")],
        ),
        row("nm-thu", "290000010008", &[]),
        row("BAD-DEC", "290000010009", &[("price_vnd", "12.5")]),
        row("GOOD-3", "290000010010", &[]),
    ]);
    let (_dir, mut conn) = db();
    let Err(Error::ImportRejected(errors)) = run(&mut conn, &bytes, ImportMode::Strict) else {
        panic!("the file should be rejected");
    };
    assert_eq!(
        where_(&errors),
        [
            (3, "barcodes"),
            (4, "price_vnd"),
            (5, "price_vnd"),
            (6, "stars"),
            (7, "barcodes"),
            (8, "producer_kind"),
            (9, "code"),
            (10, "price_vnd"),
        ]
    );
    let bad_check = ean("290000010002");
    assert_eq!(
        errors[0].to_string(),
        format!(
            "dòng 3, cột barcodes: mã vạch 2900000100029 sai số kiểm tra (phải là {})",
            &bad_check[12..]
        )
    );
    assert_eq!(
        errors[1].to_string(),
        "dòng 4, cột price_vnd: giá phải là số nguyên đồng không âm"
    );
    assert!(
        errors[2].reason.to_string().contains("vượt quá"),
        "{}",
        errors[2]
    );
    assert!(
        errors[4].reason.to_string().contains("dòng 2 và dòng 7"),
        "{}",
        errors[4]
    );
    assert!(
        errors[5].reason.to_string().contains("cong_ty"),
        "{}",
        errors[5]
    );
    assert!(
        errors[6].reason.to_string().contains("\"NM-THU\""),
        "{}",
        errors[6]
    );
    assert!(
        errors[7].reason.to_string().contains("không dấu chấm"),
        "{}",
        errors[7]
    );
    assert_eq!(count(&conn, "products"), 0);
    assert_eq!(count(&conn, "producers"), 0);
    assert_eq!(count(&conn, "audit"), 0);

    let report = run(&mut conn, &bytes, ImportMode::SkipBadRows).unwrap();
    assert_eq!((report.added, report.updated, report.producers), (2, 0, 1));
    assert_eq!(where_(&report.skipped), where_(&errors));
    assert_eq!(catalog::product_codes(&conn).unwrap(), ["GOOD-1", "GOOD-3"]);
    let log = audit::recent(&conn, 1).unwrap();
    assert_eq!(log[0].detail, "2 added, 0 updated, 8 skipped, 1 producers");
}

#[test]
fn rows_are_checked_against_each_other_and_the_database() {
    let (_dir, mut conn) = db();
    run(&mut conn, SAMPLE, ImportMode::Strict).unwrap();
    let bytes = file(&[
        row(
            "NEW-1",
            "290000020001",
            &[("plu", "7"), ("sold_by_weight", "có")],
        ),
        row("NEW-1", "290000020002", &[]),
        row("NEW-3", "290000020003", &[("plu", "7")]),
        row("NEW-4", "290000020004", &[("producer_name", "HTX Khác")]),
        row("NEW-5", "290000000001", &[("barcodes", "2900000000018")]),
        row("NEW-6", "290000020006", &[("plu", "101")]),
        "NEW-7,Thiếu cột,hộp".to_owned(),
        row("NEW-8", "290000020008", &[("vat_after_bp", "")]),
        row(
            "NEW-9",
            "290000020009",
            &[
                ("producer_code", "HTX-MOI"),
                ("producer_name", ""),
                ("producer_kind", ""),
                ("producer_tax_code", ""),
            ],
        ),
    ]);
    let Err(Error::ImportRejected(errors)) = run(&mut conn, &bytes, ImportMode::Strict) else {
        panic!("the file should be rejected");
    };
    assert_eq!(
        where_(&errors),
        [
            (3, "code"),
            (4, "plu"),
            (5, "producer_name"),
            (6, "barcodes"),
            (7, "plu"),
            (8, ""),
            (9, "vat_after_bp"),
            (10, "producer_code"),
        ]
    );
    assert!(
        errors[0].reason.to_string().contains("dòng 2"),
        "{}",
        errors[0]
    );
    assert!(
        errors[2].reason.to_string().contains("HTX-THU")
            && errors[2].reason.to_string().contains("dòng 2")
    );
    assert!(
        errors[3].reason.to_string().contains("DS-CAO-DUCHUY-100"),
        "{}",
        errors[3]
    );
    assert!(
        errors[4].reason.to_string().contains("GAO-ANLO-KG"),
        "{}",
        errors[4]
    );
    assert!(
        errors[7].reason.to_string().contains("HTX-MOI"),
        "{}",
        errors[7]
    );
    assert_eq!(count(&conn, "products"), 75);
}

#[test]
fn foreign_encodings_and_bad_headers_are_refused() {
    let (_dir, mut conn) = db();
    // "Nước mắm" as Windows-1258 writes it: ư = FD, ơ = F5, combining acute = EC, ă = E3.
    let mut cp1258 = format!("{}\n{}\n", header(), row("OK-1", "290000030001", &[])).into_bytes();
    cp1258.extend_from_slice(b"CP-1,N\xFD\xF5\xECc m\xE3\xECm,chai,1000,800\n");
    let err = run(&mut conn, &cp1258, ImportMode::SkipBadRows).unwrap_err();
    assert!(matches!(err, Error::NotUtf8 { line: 3 }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "tệp không phải UTF-8 (dòng 3); trong Excel hãy chọn Lưu dưới dạng CSV UTF-8 \
         (CSV UTF-8 (Comma delimited))"
    );
    let latin1 = b"code,name,unit,price_vnd,vat_bp\nCAFE-1,Caf\xE9,ly,30000,800\n";
    assert!(matches!(
        run(&mut conn, latin1, ImportMode::Strict),
        Err(Error::NotUtf8 { line: 2 })
    ));

    let text = std::str::from_utf8(SAMPLE).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert!(matches!(
        run(&mut conn, &utf16, ImportMode::Strict),
        Err(Error::NotUtf8 { line: 1 })
    ));
    let no_bom: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert!(matches!(
        run(&mut conn, &no_bom, ImportMode::Strict),
        Err(Error::NotUtf8 { line: 1 })
    ));

    let extra = format!(
        "{},ghi_chu\n{},hàng mới\n",
        header(),
        row("X-1", "290000030002", &[])
    );
    let err = run(&mut conn, extra.as_bytes(), ImportMode::Strict).unwrap_err();
    assert!(
        matches!(&err, Error::UnknownColumn(c) if c == "ghi_chu"),
        "{err:?}"
    );
    assert!(err.to_string().contains("cột lạ \"ghi_chu\""));
    let missing = "code,name,unit,price_vnd\nX-1,Tên,hộp,1000\n";
    let err = run(&mut conn, missing.as_bytes(), ImportMode::Strict).unwrap_err();
    assert!(
        matches!(&err, Error::MissingColumn(c) if c == "vat_bp"),
        "{err:?}"
    );
    assert_eq!(count(&conn, "products"), 0);

    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(SAMPLE);
    let report = run(&mut conn, &bom, ImportMode::Strict).unwrap();
    assert_eq!(report.added, 75);
    assert!(
        catalog::product(&conn, "DS-CAO-DUCHUY-100")
            .unwrap()
            .is_some()
    );
}

#[test]
fn oversized_files_are_refused() {
    let (_dir, mut conn) = db();
    let huge = vec![b'a'; ocop_pos::store::catalog_import::MAX_BYTES + 1];
    let err = run(&mut conn, &huge, ImportMode::Strict).unwrap_err();
    assert!(matches!(err, Error::FileTooLarge { .. }), "{err:?}");
    let mut many = String::from("code,name,unit,price_vnd,vat_bp\n");
    many.push_str(&"X,Y,Z,1,0\n".repeat(200_001));
    let err = run(&mut conn, many.as_bytes(), ImportMode::SkipBadRows).unwrap_err();
    assert!(
        matches!(err, Error::TooManyRows { max: 200_000 }),
        "{err:?}"
    );
    assert_eq!(count(&conn, "products"), 0);
}
