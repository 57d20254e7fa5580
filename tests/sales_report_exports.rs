//! The exports of a period sales report, read back: CSV as exact bytes with a BOM, XLSX through a
//! spreadsheet reader (Vietnamese text, numbers, formats), JSON keyed by column with integer money.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use std::io::Read;

use calamine::{Data, Reader, Xlsx};
use ocop_pos::store::sales_report::{self, By};

use common::shop::{period, shop};

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
