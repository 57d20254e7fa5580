//! Period sales reports and stock valuation over a small dataset whose every figure is worked out
//! here by hand: five sales and a refund across two business days, two clerks, split payments,
//! five products of two producers, three OCOP groups and three star levels (and one product with
//! none), bought and consigned lots, stock without lots. Every breakdown's rows and totals are
//! asserted to the đồng, the totals of all breakdowns equal each other and the day reports, and
//! the exports are read back: CSV bytes, XLSX through a spreadsheet reader, JSON.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

// A crate root looks for modules beside it, so the fixture's folder is named.
#[path = "reports/shop.rs"]
mod shop;

use std::io::Read;

use calamine::{Data, Reader, Xlsx};
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::qty::Qty;
use ocop_pos::store::sales_report::{self, By, Period, Row};
use ocop_pos::store::{report, valuation, valuation::Line};

use shop::{date, shop};

/// key, label, receipts, refund receipts, qty, gross, discount, refunds, net, VAT.
#[rustfmt::skip]
type Expect = (&'static str, &'static str, u32, u32, Option<i64>, Option<i64>, Option<i64>, i64, i64, Option<i64>);

fn row(e: Expect) -> Row {
    Row {
        key: e.0.into(),
        label: e.1.into(),
        receipts: e.2,
        refund_receipts: e.3,
        qty: e.4.map(Qty),
        gross: e.5.map(Vnd),
        discount: e.6.map(Vnd),
        refunds: Vnd(e.7),
        net: Vnd(e.8),
        vat: e.9.map(Vnd),
    }
}

fn period() -> Period {
    Period::new(date(28), date(29)).unwrap()
}

#[rustfmt::skip]
fn expected(by: By) -> Vec<Row> {
    let rows: Vec<Expect> = match by {
        By::Day => vec![
            ("2026-11-28", "Thứ Bảy", 3, 0, None, Some(1_535_000), Some(55_000), 0, 1_480_000, Some(117_537)),
            ("2026-11-29", "Chủ Nhật", 2, 1, None, Some(1_060_000), Some(0), 225_000, 835_000, Some(58_737)),
        ],
        By::Product => vec![
            ("CAO-SAM", "Cao đảng sâm", 2, 0, Some(3_000), Some(1_350_000), Some(0), 0, 1_350_000, Some(100_000)),
            ("NUOC-MAM", "Nước mắm Nam Ô", 2, 0, Some(3_000), Some(360_000), Some(0), 0, 360_000, Some(26_667)),
            ("MUC-KG", "Mực một nắng", 1, 0, Some(500), Some(325_000), Some(4_710), 0, 320_290, Some(23_725)),
            ("RUOU-SAM", "Rượu đảng sâm", 1, 1, Some(1_000), Some(500_000), Some(50_000), 225_000, 225_000, Some(20_454)),
            ("TUI-VAI", "Túi vải đựng quà", 2, 0, Some(3_000), Some(60_000), Some(290), 0, 59_710, Some(5_428)),
        ],
        By::Producer => vec![
            ("HTX-DUCHUY", "HTX Sâm Đức Huy", 3, 1, None, Some(1_850_000), Some(50_000), 225_000, 1_575_000, Some(120_454)),
            ("DN-NAMO", "Công ty Nước mắm Nam Ô", 3, 0, None, Some(685_000), Some(4_710), 0, 680_290, Some(50_392)),
            ("", "Không rõ nhà sản xuất", 2, 0, None, Some(60_000), Some(290), 0, 59_710, Some(5_428)),
        ],
        By::Group => vec![
            ("1", "Thực phẩm", 3, 0, None, Some(685_000), Some(4_710), 0, 680_290, Some(50_392)),
            ("2", "Đồ uống", 1, 1, None, Some(500_000), Some(50_000), 225_000, 225_000, Some(20_454)),
            ("3", "Dược liệu và sản phẩm từ dược liệu", 2, 0, None, Some(1_350_000), Some(0), 0, 1_350_000, Some(100_000)),
            ("", "Chưa phân nhóm OCOP", 2, 0, None, Some(60_000), Some(290), 0, 59_710, Some(5_428)),
        ],
        By::Stars => vec![
            ("3", "3 sao", 1, 0, None, Some(325_000), Some(4_710), 0, 320_290, Some(23_725)),
            ("4", "4 sao", 3, 0, None, Some(1_710_000), Some(0), 0, 1_710_000, Some(126_667)),
            ("5", "5 sao", 1, 1, None, Some(500_000), Some(50_000), 225_000, 225_000, Some(20_454)),
            ("", "Chưa xếp hạng sao", 2, 0, None, Some(60_000), Some(290), 0, 59_710, Some(5_428)),
        ],
        By::Method => vec![
            ("cash", "Tiền mặt", 3, 1, None, None, None, 25_000, 1_415_000, None),
            ("vietqr", "Chuyển khoản VietQR", 1, 1, None, None, None, 200_000, 0, None),
            ("card", "Thẻ", 2, 0, None, None, None, 0, 740_000, None),
            ("ewallet", "Ví điện tử", 1, 0, None, None, None, 0, 160_000, None),
        ],
        By::Clerk => vec![
            ("Lan", "Lan", 3, 0, None, Some(1_935_000), Some(5_000), 0, 1_930_000, Some(143_295)),
            ("Minh", "Minh", 2, 1, None, Some(660_000), Some(50_000), 225_000, 385_000, Some(32_979)),
        ],
        By::Hour => vec![
            ("08", "08:00–08:59", 1, 0, None, Some(160_000), Some(0), 0, 160_000, Some(12_525)),
            ("09", "09:00–09:59", 1, 0, None, Some(690_000), Some(0), 0, 690_000, Some(51_111)),
            ("10", "10:00–10:59", 2, 0, None, Some(845_000), Some(55_000), 0, 790_000, Some(66_426)),
            ("14", "14:00–14:59", 1, 0, None, Some(900_000), Some(0), 0, 900_000, Some(66_667)),
            ("16", "16:00–16:59", 0, 1, None, Some(0), Some(0), 225_000, -225_000, Some(-20_455)),
        ],
    };
    rows.into_iter().map(row).collect()
}

#[rustfmt::skip]
const TOTALS: Expect = (
    "*", "Tổng cộng", 5, 1, None, Some(2_595_000), Some(55_000), 225_000, 2_315_000, Some(176_274),
);

fn sum(rows: &[Row], f: impl Fn(&Row) -> Option<Vnd>) -> Option<Vnd> {
    rows.iter().map(f).sum::<Option<Vnd>>()
}

#[test]
fn every_breakdown_is_exact_and_all_totals_agree_with_the_day_reports() {
    let shop = shop();
    let days: Vec<report::Day> = [28, 29]
        .into_iter()
        .map(|d| report::day(&shop.conn, date(d)).unwrap())
        .collect();
    let day_sum = |f: fn(&report::Day) -> i64| days.iter().map(f).sum::<i64>();
    let from_days = row((
        "*",
        "Tổng cộng",
        days.iter().map(|d| d.receipts).sum(),
        days.iter().map(|d| d.refund_receipts).sum(),
        None,
        Some(day_sum(|d| d.gross_vnd.0)),
        Some(day_sum(|d| d.discount_vnd.0)),
        day_sum(|d| d.refund_vnd.0),
        day_sum(|d| d.net_vnd.0),
        Some(day_sum(|d| d.vat_vnd.0)),
    ));
    assert_eq!(from_days, row(TOTALS));
    for by in By::ALL {
        let report = sales_report::sales(&shop.conn, by, period()).unwrap();
        assert_eq!(report.rows, expected(by), "{by:?}");
        assert_eq!(report.totals, from_days, "{by:?}");
        // The money of the rows adds up to the totals (methods carry no gross, discount or VAT).
        let rows = &report.rows;
        assert_eq!(
            sum(rows, |r| Some(r.net)),
            Some(report.totals.net),
            "{by:?}"
        );
        assert_eq!(
            sum(rows, |r| Some(r.refunds)),
            Some(report.totals.refunds),
            "{by:?}"
        );
        if by != By::Method {
            assert_eq!(sum(rows, |r| r.gross), report.totals.gross, "{by:?}");
            assert_eq!(sum(rows, |r| r.discount), report.totals.discount, "{by:?}");
            assert_eq!(sum(rows, |r| r.vat), report.totals.vat, "{by:?}");
        }
    }
    // The sale of the 30th shows up only when the period reaches it.
    let three_days = Period::new(date(28), date(30)).unwrap();
    let report = sales_report::sales(&shop.conn, By::Day, three_days).unwrap();
    assert_eq!(report.rows.len(), 3);
    assert_eq!(report.totals.net, Vnd(2_335_000));
    let empty = Period::new(date(1), date(27)).unwrap();
    let report = sales_report::sales(&shop.conn, By::Product, empty).unwrap();
    assert!(report.rows.is_empty());
    assert_eq!(report.totals.net, Vnd(0));
    assert_eq!(report.totals.receipts, 0);
}

#[test]
fn a_period_that_ends_before_it_starts_is_refused() {
    let err = Period::new(date(29), date(28)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "khoảng thời gian không hợp lệ: ngày bắt đầu 29/11/2026 sau ngày kết thúc 28/11/2026"
    );
    assert!(
        "tuan"
            .parse::<By>()
            .unwrap_err()
            .to_string()
            .contains("\"tuan\"")
    );
    assert_eq!("producer".parse::<By>().unwrap(), By::Producer);
}

#[test]
fn csv_export_is_exact_bytes_with_a_bom() {
    let shop = shop();
    let report = sales_report::sales(&shop.conn, By::Method, period()).unwrap();
    let mut bytes = Vec::new();
    report.table().write_csv(&mut bytes).unwrap();
    let expected = "\u{feff}Mã phương thức,Phương thức thanh toán,Số HĐ bán,Số HĐ hoàn,\
                    Doanh thu gộp,Chiết khấu,Hoàn trả,Doanh thu thuần,Thuế GTGT\r\n\
                    cash,Tiền mặt,3,1,,,25000,1415000,\r\n\
                    vietqr,Chuyển khoản VietQR,1,1,,,200000,0,\r\n\
                    card,Thẻ,2,0,,,0,740000,\r\n\
                    ewallet,Ví điện tử,1,0,,,0,160000,\r\n\
                    Tổng cộng,,5,1,2595000,55000,225000,2315000,176274\r\n";
    assert_eq!(String::from_utf8(bytes.clone()).unwrap(), expected);
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF");
    let report = sales_report::sales(&shop.conn, By::Product, period()).unwrap();
    let mut bytes = Vec::new();
    report.table().write_csv(&mut bytes).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains("\r\nMUC-KG,Mực một nắng,1,0,0.5,325000,4710,0,320290,23725\r\n"),
        "{text}"
    );
}

#[test]
fn xlsx_export_reads_back_with_vietnamese_text_numbers_and_formats() {
    let shop = shop();
    let report = sales_report::sales(&shop.conn, By::Product, period()).unwrap();
    let bytes = report.table().to_xlsx().unwrap();
    let mut book = Xlsx::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let names = book.sheet_names();
    assert_eq!(names, ["Doanh thu theo sản phẩm"]);
    let range = book.worksheet_range(&names[0]).unwrap();
    let text = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap();
    assert_eq!(
        text(0, 0),
        Data::String("Doanh thu theo sản phẩm 28/11/2026 – 29/11/2026".into())
    );
    assert_eq!((range.height(), range.width()), (8, 10));
    let headers: Vec<Data> = (0..10).map(|c| text(1, c)).collect();
    let expected_headers = [
        "Mã sản phẩm",
        "Tên sản phẩm",
        "Số HĐ bán",
        "Số HĐ hoàn",
        "Số lượng",
        "Doanh thu gộp",
        "Chiết khấu",
        "Hoàn trả",
        "Doanh thu thuần",
        "Thuế GTGT",
    ];
    assert_eq!(headers, expected_headers.map(|h| Data::String(h.into())));
    // Row 4 of the sheet is the third product: 0,5 kg of squid.
    let squid: Vec<Data> = (0..10).map(|c| text(4, c)).collect();
    assert_eq!(
        squid,
        [
            Data::String("MUC-KG".into()),
            Data::String("Mực một nắng".into()),
            Data::Float(1.0),
            Data::Float(0.0),
            Data::Float(0.5),
            Data::Float(325_000.0),
            Data::Float(4_710.0),
            Data::Float(0.0),
            Data::Float(320_290.0),
            Data::Float(23_725.0),
        ]
    );
    assert_eq!(text(7, 0), Data::String("Tổng cộng".into()));
    assert_eq!(text(7, 4), Data::Empty);
    assert_eq!(text(7, 8), Data::Float(2_315_000.0));

    // Money cells carry the "#,##0" format and the headers are bold.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut styles = String::new();
    zip.by_name("xl/styles.xml")
        .unwrap()
        .read_to_string(&mut styles)
        .unwrap();
    assert!(styles.contains("formatCode=\"#,##0\""), "{styles}");
    assert!(styles.contains("<b/>"), "{styles}");
}

#[test]
fn json_export_keys_rows_by_column_with_integer_money() {
    let shop = shop();
    let report = sales_report::sales(&shop.conn, By::Stars, period()).unwrap();
    let mut bytes = Vec::new();
    report.table().write_json(&mut bytes).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(json["columns"][0]["key"], "stars");
    assert_eq!(json["rows"][1]["stars"], "4");
    assert_eq!(json["rows"][1]["label"], "4 sao");
    assert_eq!(json["rows"][1]["net_vnd"], 1_710_000);
    assert_eq!(json["rows"][4]["stars"], "Tổng cộng");
    assert_eq!(json["rows"][4]["vat_vnd"], 176_274);
}

#[allow(clippy::too_many_arguments)]
fn line(
    code: &str,
    name: &str,
    unit: &str,
    on_hand: i64,
    owned: (i64, i64),
    unlotted: (i64, i64),
    consigned: (i64, i64),
    price: i64,
    retail: i64,
) -> Line {
    Line {
        product_code: code.into(),
        name: name.into(),
        unit: unit.into(),
        on_hand: Qty(on_hand),
        owned_qty: Qty(owned.0),
        owned_cost: Vnd(owned.1),
        unlotted_qty: Qty(unlotted.0),
        unlotted_value: Vnd(unlotted.1),
        own_value: Vnd(owned.1 + unlotted.1),
        consigned_qty: Qty(consigned.0),
        consigned_value: Vnd(consigned.1),
        retail_price: Vnd(price),
        retail_value: Vnd(retail),
    }
}

#[test]
fn stock_valuation_is_exact() {
    let shop = shop();
    let value = valuation::value(&shop.conn).unwrap();
    #[rustfmt::skip]
    let expected = [
        // 3 sold first-expiry-first-out from A-01: 7 × 300.000 + 5 × 320.000.
        line("CAO-SAM", "Cao đảng sâm", "hũ", 12_000, (12_000, 3_700_000), (0, 0), (0, 0), 450_000, 5_400_000),
        // 1,5 kg × 333.333 = 499.999,5 → 500.000.
        line("MUC-KG", "Mực một nắng", "kg", 1_500, (1_500, 500_000), (0, 0), (0, 0), 650_000, 975_000),
        // No lot: 7 × 120.000 at the retail price.
        line("NUOC-MAM", "Nước mắm Nam Ô", "chai", 7_000, (0, 0), (7_000, 840_000), (0, 0), 120_000, 840_000),
        // Consigned: 6 in, 2 sold, 1 back = 5 × 180.000, the producer's.
        line("RUOU-SAM", "Rượu đảng sâm", "chai", 5_000, (0, 0), (0, 0), (5_000, 900_000), 250_000, 1_250_000),
        // Sold 4 never received: −4, shown rather than hidden.
        line("TUI-VAI", "Túi vải đựng quà", "cái", -4_000, (0, 0), (-4_000, -80_000), (0, 0), 20_000, -80_000),
    ];
    assert_eq!(value.lines, expected);
    assert_eq!(
        value.totals,
        valuation::Totals {
            owned_cost: Vnd(4_200_000),
            unlotted_value: Vnd(760_000),
            own_value: Vnd(4_960_000),
            consigned_value: Vnd(900_000),
            retail_value: Vnd(8_385_000),
        }
    );
    assert!(value.lines[2].valued_at_retail() && !value.lines[0].valued_at_retail());
    let mut csv = Vec::new();
    value.table().write_csv(&mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.contains(
            "\r\nNUOC-MAM,Nước mắm Nam Ô,chai,7,0,0,7,840000,840000,0,0,120000,840000,Không có lô: tính theo giá bán lẻ\r\n"
        ),
        "{csv}"
    );
    assert!(
        csv.ends_with("Tổng cộng,,,,,4200000,,760000,4960000,,900000,,8385000,\r\n"),
        "{csv}"
    );
}

const EXE: &str = env!("CARGO_BIN_EXE_ocop-pos");

fn cli(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(EXE)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"2580\n").unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn the_report_commands_export_what_the_library_reports() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let ok = |args: &[&str]| {
        let out = cli(d, args);
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

    let refused = cli(
        d,
        &[
            "report", "sales", "--by", "product", "--from", &from_s, "--format", "xlsx",
        ],
    );
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--output"));
    let backwards = cli(
        d,
        &[
            "report", "sales", "--by", "day", "--from", &to_s, "--to", &from_s,
        ],
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
