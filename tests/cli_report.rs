//! The report commands of `ocop-pos` export what the library reports: a sales report as CSV and as
//! a table, refusals for a missing output file and a backwards period, and the stock value as XLSX
//! and JSON.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use calamine::{Data, Reader, Xlsx};
use ocop_pos::store::sales_report::{self, By, Period};
use ocop_pos::store::valuation;

use common::run;

#[test]
fn the_report_commands_export_what_the_library_reports() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ok = |args: &[&str]| {
        let out = run(d, args, "2580\n");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    ok(&["init", "--sample", "--point-code", "HUE-01"]);
    ok(&[
        "demo-sales",
        "--days",
        "3",
        "--per-day",
        "12",
        "--seed",
        "4",
    ]);
    let today = chrono::Utc::now()
        .with_timezone(&chrono::FixedOffset::east_opt(7 * 3600).unwrap())
        .date_naive();
    let from = today.pred_opt().unwrap().pred_opt().unwrap();
    let (from_s, to_s) = (from.to_string(), today.to_string());
    let conn = ocop_pos::store::open(&d.join("till.db")).unwrap();
    let library =
        sales_report::sales(&conn, By::Method, Period::new(from, today).unwrap()).unwrap();
    assert_eq!(library.totals.receipts + library.totals.refund_receipts, 36);

    let csv = d.join("method.csv");
    let said = ok(&[
        "report",
        "sales",
        "--by",
        "method",
        "--from",
        &from_s,
        "--to",
        &to_s,
        "--format",
        "csv",
        "--output",
        csv.to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&said).contains("Đã xuất"));
    let mut expected = Vec::new();
    library.table().write_csv(&mut expected).unwrap();
    assert_eq!(std::fs::read(&csv).unwrap(), expected);

    let printed = ok(&[
        "report", "sales", "--by", "method", "--from", &from_s, "--to", &to_s,
    ]);
    let mut table = Vec::new();
    library.table().write_text(&mut table).unwrap();
    assert_eq!(printed, table);

    let refused = run(
        d,
        &[
            "report", "sales", "--by", "product", "--from", &from_s, "--format", "xlsx",
        ],
        "2580\n",
    );
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--output"));
    let backwards = run(
        d,
        &[
            "report", "sales", "--by", "day", "--from", &to_s, "--to", &from_s,
        ],
        "2580\n",
    );
    assert!(!backwards.status.success());
    assert!(String::from_utf8_lossy(&backwards.stderr).contains("ngày bắt đầu"));

    let xlsx = d.join("stock.xlsx");
    ok(&[
        "report",
        "stock-value",
        "--format",
        "xlsx",
        "--output",
        xlsx.to_str().unwrap(),
    ]);
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let range = book.worksheet_range("Giá trị tồn kho").unwrap();
    assert_eq!(
        range.get_value((1, 0)),
        Some(&Data::String("Mã sản phẩm".into()))
    );
    let json = ok(&["report", "stock-value", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let value = valuation::value(&conn).unwrap();
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), value.lines.len() + 1);
    assert_eq!(
        rows.last().unwrap()["retail_value_vnd"],
        value.totals.retail_value.0
    );
}
