//! `ocop-hub export` as a real process over a hub that received real summaries over HTTP: days,
//! product lines, points and the catalogue come out to the byte as CSV, JSON and XLSX; bad dates,
//! an unknown point or a file that cannot be written are refused with nothing half-written.
#![cfg(feature = "hub")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use std::path::Path;
use std::process::{Command, Output};

use calamine::{Data, Reader, Xlsx};
use chrono::DateTime;
use ocop_pos::domain::money::Vnd;
use ocop_pos::sync::client::Delivery;
use ocop_pos::sync::protocol::{CURRENCY, DailySummary, Hour, Line, Method, Payment, SCHEMA};

use common::hub::{OTHER, client, hub_data};

const HUB: &str = env!("CARGO_BIN_EXE_ocop-hub");

fn hub(dir: &Path, args: &[&str]) -> Output {
    Command::new(HUB)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .output()
        .unwrap()
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn refused(out: &Output, words: &[&str]) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "accepted: {err}");
    for word in words {
        assert!(err.contains(word), "{word:?} not in {err}");
    }
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// (code, name, producer, group, stars, unit, qty_milli, net, vat)
type Sold = (
    &'static str,
    &'static str,
    &'static str,
    Option<u8>,
    Option<u8>,
    &'static str,
    i64,
    i64,
    i64,
);

const NUOC_MAM: Sold = (
    "NM-01",
    "Nước mắm Nam Ô",
    "HTX-NAMO",
    Some(1),
    Some(4),
    "chai",
    0,
    0,
    0,
);
const TRA: Sold = (
    "TRA-02",
    "Trà, sen Tây Hồ",
    "HTX-TAYHO",
    Some(1),
    Some(5),
    "hộp",
    0,
    0,
    0,
);

fn sold(base: Sold, qty_milli: i64, net: i64, vat: i64) -> Sold {
    (
        base.0, base.1, base.2, base.3, base.4, base.5, qty_milli, net, vat,
    )
}

fn summary(
    point: &str,
    date: &str,
    revision: u32,
    receipts: u32,
    refund: i64,
    sold: &[Sold],
) -> DailySummary {
    let lines: Vec<Line> = sold
        .iter()
        .map(|s| Line {
            product_code: s.0.into(),
            gtin: String::new(),
            name: s.1.into(),
            producer_code: s.2.into(),
            ocop_group: s.3,
            stars: s.4,
            unit: s.5.into(),
            qty_milli: s.6,
            net_vnd: Vnd(s.7),
            vat_vnd: Vnd(s.8),
        })
        .collect();
    let net: i64 = sold.iter().map(|s| s.7).sum();
    let vat: i64 = sold.iter().map(|s| s.8).sum();
    DailySummary {
        schema: SCHEMA.into(),
        point_code: point.into(),
        business_date: date.parse().unwrap(),
        revision,
        generated_at: DateTime::parse_from_rfc3339("2026-11-30T21:05:00+07:00").unwrap(),
        currency: CURRENCY.into(),
        receipts,
        refund_receipts: u32::from(refund > 0),
        gross_vnd: Vnd(net + refund),
        discount_vnd: Vnd(0),
        refund_vnd: Vnd(refund),
        net_vnd: Vnd(net),
        vat_vnd: Vnd(vat),
        payments: vec![Payment {
            method: Method::Cash,
            amount_vnd: Vnd(net),
        }],
        lines,
        hours: vec![Hour {
            hour: 10,
            receipts,
            net_vnd: Vnd(net),
        }],
    }
}

/// A hub that received, over HTTP, two points' days around 1–3 November 2026 (one replaced by a
/// late refund's revision 2), and a third point that sent nothing; the hub is stopped again.
fn hub_with_days() -> common::hub::HubData {
    let data = hub_data();
    let served = data.start();
    let hoi_an = client(&served.url(), &data.token);
    let da_nang = client(&served.url(), &data.other_token);
    let banh = ("BANH-03", "Bánh khô mè", "", None, None, "gói", 0, 0, 0);
    let pushes = [
        (
            &hoi_an,
            summary(
                "HOIAN-01",
                "2026-11-01",
                1,
                3,
                0,
                &[
                    sold(NUOC_MAM, 2_000, 300_000, 27_273),
                    sold(TRA, 1_000, 150_000, 13_636),
                ],
            ),
        ),
        (
            &hoi_an,
            summary(
                "HOIAN-01",
                "2026-11-02",
                1,
                2,
                0,
                &[sold(NUOC_MAM, 2_000, 300_000, 27_273)],
            ),
        ),
        (
            &hoi_an,
            summary(
                "HOIAN-01",
                "2026-11-02",
                2,
                2,
                30_000,
                &[sold(NUOC_MAM, 1_000, 150_000, 13_636)],
            ),
        ),
        (
            &da_nang,
            summary(
                OTHER,
                "2026-10-31",
                1,
                1,
                0,
                &[sold(NUOC_MAM, 9_000, 900_000, 81_818)],
            ),
        ),
        (
            &da_nang,
            summary(
                OTHER,
                "2026-11-01",
                1,
                4,
                0,
                &[
                    sold(NUOC_MAM, 4_000, 600_000, 54_545),
                    sold(banh, 500, 20_000, 1_818),
                ],
            ),
        ),
        (
            &da_nang,
            summary(
                OTHER,
                "2026-11-04",
                1,
                1,
                0,
                &[sold(TRA, 1_000, 150_000, 13_636)],
            ),
        ),
    ];
    for (client, day) in pushes {
        // Pretty-printed, to see that the hub keeps the body exactly as sent.
        let body = serde_json::to_string_pretty(&day).unwrap();
        let answer = client
            .put_day(&day.point_code, day.business_date, &body)
            .unwrap();
        assert!(matches!(answer, Delivery::Accepted(_)), "{answer:?}");
        let kept: String = data
            .db()
            .query_row(
                "SELECT body FROM days WHERE point_code = ?1 AND business_date = ?2",
                [&day.point_code, &day.business_date.to_string()],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(kept, body);
    }
    drop(served);
    let add = [
        "add-point",
        "HUE-03",
        "--name",
        "Gian hàng Huế",
        "--kind",
        "fair-stall",
        "--province",
        "46",
        "--commune",
        "19753",
    ];
    ok(&hub(data.dir.path(), &add));
    data
}

const PERIOD: [&str; 4] = ["--from", "2026-11-01", "--to", "2026-11-03"];

fn export(dir: &Path, what: &str, extra: &[&str]) -> Output {
    let mut args = vec!["export", what];
    if what != "catalogue" {
        args.extend(PERIOD);
    }
    args.extend(extra);
    hub(dir, &args)
}

#[test]
fn days_lines_and_points_come_out_exactly_as_csv_json_and_xlsx() {
    let data = hub_with_days();
    let d = data.dir.path();
    assert_eq!(
        ok(&export(d, "days", &[])),
        "\u{feff}Ngày,Mã điểm,Tên điểm,Bản,Hóa đơn,Hóa đơn hoàn,Doanh thu gộp,Chiết khấu,Hoàn trả,Doanh thu thuần,Thuế GTGT\r\n\
         2026-11-01,DANANG-02,Điểm DANANG-02,1,4,0,620000,0,0,620000,56363\r\n\
         2026-11-01,HOIAN-01,Điểm HOIAN-01,1,3,0,450000,0,0,450000,40909\r\n\
         2026-11-02,HOIAN-01,Điểm HOIAN-01,2,2,1,180000,0,30000,150000,13636\r\n"
    );
    let lines_header = "\u{feff}Mã sản phẩm,Tên sản phẩm,Mã chủ thể,Nhóm OCOP,Số sao,Đơn vị,Số lượng,Doanh thu thuần,Thuế GTGT,Số điểm bán,Số ngày-điểm\r\n";
    assert_eq!(
        ok(&export(d, "lines", &[])),
        format!(
            "{lines_header}NM-01,Nước mắm Nam Ô,HTX-NAMO,1,4,chai,7,1050000,95454,2,3\r\n\
             TRA-02,\"Trà, sen Tây Hồ\",HTX-TAYHO,1,5,hộp,1,150000,13636,1,1\r\n\
             BANH-03,Bánh khô mè,,,,gói,0.5,20000,1818,1,1\r\n"
        )
    );
    assert_eq!(
        ok(&export(
            d,
            "lines",
            &["--point", "HOIAN-01", "--format", "csv"]
        )),
        format!(
            "{lines_header}NM-01,Nước mắm Nam Ô,HTX-NAMO,1,4,chai,3,450000,40909,1,2\r\n\
             TRA-02,\"Trà, sen Tây Hồ\",HTX-TAYHO,1,5,hộp,1,150000,13636,1,1\r\n"
        )
    );
    assert_eq!(
        ok(&export(d, "points", &[])),
        "\u{feff}Mã điểm,Tên điểm,Loại,Tỉnh,Xã,Số ngày đã gửi,Hóa đơn,Doanh thu thuần,Thuế GTGT,Ngày gửi gần nhất trong kỳ\r\n\
         DANANG-02,Điểm DANANG-02,ocop-centre,49,20335,1,4,620000,56363,2026-11-01\r\n\
         HOIAN-01,Điểm HOIAN-01,sales-point,49,20335,2,5,600000,54545,2026-11-02\r\n\
         HUE-03,Gian hàng Huế,fair-stall,46,19753,0,0,0,0,\r\n"
    );

    let json: serde_json::Value = serde_json::from_str(&ok(&export(
        d,
        "points",
        &["--point", "HUE-03", "--format", "json"],
    )))
    .unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "title": "Điểm bán 01/11/2026 – 03/11/2026, điểm HUE-03",
            "columns": [
                {"key": "code", "header": "Mã điểm"}, {"key": "name", "header": "Tên điểm"},
                {"key": "kind", "header": "Loại"}, {"key": "province", "header": "Tỉnh"},
                {"key": "commune", "header": "Xã"}, {"key": "days_reported", "header": "Số ngày đã gửi"},
                {"key": "receipts", "header": "Hóa đơn"}, {"key": "net_vnd", "header": "Doanh thu thuần"},
                {"key": "vat_vnd", "header": "Thuế GTGT"},
                {"key": "last_business_date", "header": "Ngày gửi gần nhất trong kỳ"}
            ],
            "rows": [{"code": "HUE-03", "name": "Gian hàng Huế", "kind": "fair-stall", "province": "46",
                      "commune": "19753", "days_reported": 0, "receipts": 0, "net_vnd": 0,
                      "vat_vnd": 0, "last_business_date": null}]
        })
    );

    // XLSX from the file's extension, replacing a file that was there.
    let file = d.join("ngay.xlsx");
    std::fs::write(&file, "cũ").unwrap();
    let said = ok(&export(
        d,
        "days",
        &["--point", "HOIAN-01", "--out", file.to_str().unwrap()],
    ));
    assert_eq!(said, format!("Đã xuất 2 dòng vào {}\n", file.display()));
    let mut book = Xlsx::new(std::io::Cursor::new(std::fs::read(&file).unwrap())).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).unwrap();
    let cell = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap();
    assert_eq!(
        cell(0, 0),
        Data::String("Tổng hợp ngày theo điểm 01/11/2026 – 03/11/2026, điểm HOIAN-01".into())
    );
    assert_eq!((range.height(), range.width()), (4, 11));
    let second: Vec<Data> = (0..11).map(|c| cell(3, c)).collect();
    assert_eq!(
        second,
        [
            Data::String("2026-11-02".into()),
            Data::String("HOIAN-01".into()),
            Data::String("Điểm HOIAN-01".into()),
            Data::Float(2.0),
            Data::Float(2.0),
            Data::Float(1.0),
            Data::Float(180_000.0),
            Data::Float(0.0),
            Data::Float(30_000.0),
            Data::Float(150_000.0),
            Data::Float(13_636.0),
        ]
    );
}

#[test]
fn the_catalogue_exports_in_the_layout_it_imports_from() {
    let data = hub_with_days();
    let d = data.dir.path();
    let csv = "product_code,gtin,name,producer_code,producer_name,ocop_group,stars,cert_no,cert_date,cert_valid_until\r\n\
               NM-01,8935049500018,Nước mắm Nam Ô,HTX-NAMO,\"HTX Nam Ô, Đà Nẵng\",1,4,QĐ 12/2025,2025-03-01,2028-03-01\r\n\
               TRA-02,,Trà sen Tây Hồ,HTX-TAYHO,HTX Tây Hồ,,,,,\r\n";
    let source = d.join("danh-muc.csv");
    std::fs::write(&source, csv).unwrap();
    ok(&hub(d, &["import-catalogue", source.to_str().unwrap()]));
    let exported = ok(&export(d, "catalogue", &[]));
    assert_eq!(exported, format!("\u{feff}{csv}"));
    let again = d.join("lai.csv");
    ok(&export(d, "catalogue", &["--out", again.to_str().unwrap()]));
    assert_eq!(
        ok(&hub(d, &["import-catalogue", again.to_str().unwrap()])),
        "Đã nhập 2 sản phẩm OCOP vào danh mục tỉnh\n"
    );
    assert_eq!(ok(&export(d, "catalogue", &[])), exported);
}

#[test]
fn bad_requests_are_refused_and_nothing_is_half_written() {
    let data = hub_with_days();
    let d = data.dir.path();
    let out_dir = tempfile::tempdir().unwrap();
    let kept = out_dir.path().join("giu.csv");
    std::fs::write(&kept, "dữ liệu cũ").unwrap();
    let kept_arg = kept.to_str().unwrap();

    for (from, to, bad) in [
        ("2026-02-30", "2026-03-01", "--from"),
        ("2026-11-01", "30/11/2026", "--to"),
    ] {
        let out = hub(
            d,
            &[
                "export", "days", "--from", from, "--to", to, "--out", kept_arg,
            ],
        );
        refused(&out, &[bad, "YYYY-MM-DD"]);
    }
    let backwards = hub(
        d,
        &[
            "export",
            "lines",
            "--from",
            "2026-11-03",
            "--to",
            "2026-11-01",
            "--out",
            kept_arg,
        ],
    );
    refused(&backwards, &["--to", "ngày cuối trước ngày đầu"]);
    refused(
        &export(d, "points", &["--point", "NOPE", "--out", kept_arg]),
        &["không có điểm bán NOPE"],
    );
    refused(
        &export(d, "days", &["--format", "xlsx"]),
        &["xlsx", "--out"],
    );
    refused(&export(d, "days", &["--format", "pdf"]), &["pdf"]);
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "dữ liệu cũ");

    let missing = out_dir.path().join("khong-co").join("ngay.csv");
    refused(
        &export(d, "days", &["--out", missing.to_str().unwrap()]),
        &["không ghi được tệp", "khong-co"],
    );
    let folder = out_dir.path().join("thu-muc.csv");
    std::fs::create_dir(&folder).unwrap();
    refused(
        &export(d, "days", &["--out", folder.to_str().unwrap()]),
        &["không ghi được tệp", "thu-muc.csv"],
    );
    let mut left: Vec<String> = std::fs::read_dir(out_dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    left.sort();
    assert_eq!(
        left,
        ["giu.csv", "thu-muc.csv"],
        "no partial file stays behind"
    );
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 0);

    let empty = tempfile::tempdir().unwrap();
    refused(
        &export(empty.path(), "days", &[]),
        &["không có cơ sở dữ liệu", "--data-dir"],
    );
    assert!(
        !empty.path().join("hub.db").exists(),
        "an export creates no database"
    );
}
