//! The products tab of the back office, driven through the real window over a real database:
//! the form refuses a bad certificate date with a message naming the field and saves a good one,
//! a scan adds a barcode, labels are queued, a CSV import shows its bad rows before writing
//! anything, and an export writes the catalogue to the file named.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/gui_till.rs"]
mod gui_till;

use chrono::{Months, NaiveDate};
use gui_till::Ui;
use ocop_pos::gui::app::Message;
use ocop_pos::gui::office::Msg;
use ocop_pos::gui::office::products::{Field, Msg as P, ProducerField};

fn send(ui: &mut Ui, msg: P) {
    ui.send(Message::Office(Msg::Products(msg)));
}

fn type_in(ui: &mut Ui, field: Field, value: &str) {
    send(ui, P::Input(field, value.into()));
}

fn today() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono::FixedOffset::east_opt(7 * 3600).unwrap())
        .date_naive()
}

const CODE: &str = "MO-RUNG-TEST";

#[test]
fn a_product_is_refused_an_impossible_certificate_date_then_saved_with_a_scanned_barcode() {
    let mut ui = Ui::in_office();
    // The list opens on the first products by code, and search ignores diacritics.
    assert!(ui.shows("DS-CAO-DUCHUY-100"), "{}", ui.notice());
    send(&mut ui, P::Search("cao dang sam".into()));
    assert!(ui.shows("Cao đảng sâm Tây Giang lọ 100 g"));
    assert!(!ui.shows("Rượu ba kích Chính Châu chai 500 ml"));

    ui.click("Thêm sản phẩm");
    type_in(&mut ui, Field::Code, CODE);
    type_in(&mut ui, Field::Name, "Mật ong rừng Tây Giang hũ 500 ml");
    type_in(&mut ui, Field::Unit, "hũ");
    type_in(&mut ui, Field::Price, "185.000");
    type_in(&mut ui, Field::Group, "1");
    type_in(&mut ui, Field::Stars, "3");
    type_in(&mut ui, Field::Producer, "HTX-DUCHUY");
    type_in(&mut ui, Field::CertNo, "777/QĐ-UBND");
    type_in(&mut ui, Field::CertDate, "31/02/2025");
    ui.click("Lưu (F2)");
    let refusal = "Ngày quyết định công nhận: \"31/02/2025\" không phải ngày hợp lệ (nhập ngày/tháng/năm, ví dụ 20/12/2024)";
    assert_eq!(ui.notice(), refusal);
    assert!(ui.shows(refusal));
    let stored = format!("SELECT COUNT(*) FROM products WHERE code = '{CODE}'");
    assert_eq!(ui.count(&stored), 0, "nothing written");

    // A scan while the form is open adds the barcode; a wrong check digit is refused.
    ui.scan("8934673577039", false);
    assert!(ui.notice().starts_with("Mã vạch:"), "{}", ui.notice());
    ui.scan("8934673577038", false);
    assert_eq!(ui.notice(), "Đã thêm mã vạch 8934673577038 (nhớ bấm Lưu)");
    assert!(ui.shows("8934673577038"));

    let decided = today().checked_sub_months(Months::new(12)).unwrap();
    type_in(
        &mut ui,
        Field::CertDate,
        &decided.format("%d/%m/%Y").to_string(),
    );
    ui.click("Lưu (F2)");
    assert_eq!(ui.notice(), format!("Đã lưu sản phẩm {CODE}"));
    let row: (String, i64, i64, String, String, String, String) = ui
        .conn()
        .query_row(
            "SELECT p.name, p.price_vnd, p.stars, p.cert_no, p.cert_date, p.cert_valid_until, pr.code
             FROM products p JOIN producers pr ON pr.id = p.producer_id WHERE p.code = ?1",
            [CODE],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
        )
        .unwrap();
    let until = decided.checked_add_months(Months::new(36)).unwrap();
    assert_eq!(
        row,
        (
            "Mật ong rừng Tây Giang hũ 500 ml".to_owned(),
            185_000,
            3,
            "777/QĐ-UBND".to_owned(),
            decided.to_string(),
            until.to_string(),
            "HTX-DUCHUY".to_owned()
        )
    );
    let barcodes = format!(
        "SELECT COUNT(*) FROM barcodes b JOIN products p ON p.id = b.product_id
         WHERE p.code = '{CODE}' AND b.code = '8934673577038'"
    );
    assert_eq!(ui.count(&barcodes), 1);
    assert_eq!(
        ui.count("SELECT rate_bp FROM product_vat v JOIN products p ON p.id = v.product_id WHERE p.code = 'MO-RUNG-TEST'"),
        800
    );
    let audited: String = ui
        .conn()
        .query_row(
            "SELECT detail FROM audit WHERE action = 'product_saved' AND subject = ?1",
            [CODE],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        audited,
        "thêm mới: Mật ong rừng Tây Giang hũ 500 ml, giá 185.000\u{a0}₫"
    );

    // An in-store code for shelf labels, then labels into the print queue.
    ui.click("Tạo mã nội bộ");
    assert!(
        ui.notice().starts_with("Đã thêm mã vạch 29"),
        "{}",
        ui.notice()
    );
    ui.click("Lưu (F2)");
    let in_store: String = ui
        .conn()
        .query_row(
            "SELECT b.code FROM barcodes b JOIN products p ON p.id = b.product_id
             WHERE p.code = ?1 AND b.code LIKE '29%'",
            [CODE],
            |r| r.get(0),
        )
        .unwrap();
    assert!(ocop_pos::domain::barcode::is_in_store(&in_store));
    type_in(&mut ui, Field::Copies, "3");
    ui.click("In tem");
    assert!(
        ui.notice().starts_with("Đã gửi 3 tem vào hàng đợi in"),
        "{}",
        ui.notice()
    );
    let job: String = ui
        .conn()
        .query_row(
            "SELECT payload FROM print_jobs WHERE kind = 'labels'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(job.contains(&in_store) && job.contains(CODE), "{job}");

    // A certificate ending soon is flagged on saving and in the list.
    let ending = today()
        .checked_sub_months(Months::new(36))
        .unwrap()
        .checked_add_days(chrono::Days::new(10))
        .unwrap();
    type_in(
        &mut ui,
        Field::CertDate,
        &ending.format("%d/%m/%Y").to_string(),
    );
    ui.click("Lưu (F2)");
    assert!(ui.notice().contains("sắp hết hạn"), "{}", ui.notice());
    ui.click("Đóng");
    send(&mut ui, P::Search("mat ong rung".into()));
    let flag = format!(
        "Chứng nhận OCOP sắp hết hạn: {} (còn 10 ngày)",
        ending
            .checked_add_months(Months::new(36))
            .unwrap()
            .format("%d/%m/%Y")
    );
    assert!(ui.shows(&flag), "{flag}");

    // Outside the form, a scan opens the product that has the code.
    ui.scan("2900000000018", false);
    assert!(
        ui.shows("Sửa sản phẩm DS-CAO-DUCHUY-100"),
        "{}",
        ui.notice()
    );
    assert!(ui.shows("Lịch thuế suất: 8% → 31/12/2026, 10% (sửa ô thuế suất sẽ thay cả lịch)"));
    ui.click("Đóng");

    // A new product may not take an existing code.
    ui.click("Thêm sản phẩm");
    type_in(&mut ui, Field::Code, CODE);
    type_in(&mut ui, Field::Name, "Trùng mã");
    type_in(&mut ui, Field::Unit, "hũ");
    type_in(&mut ui, Field::Price, "1000");
    ui.click("Lưu (F2)");
    assert_eq!(
        ui.notice(),
        format!("Mã sản phẩm: {CODE} đã có trong danh mục, hãy chọn mã khác")
    );
    assert_eq!(
        ui.count("SELECT COUNT(*) FROM products WHERE name = 'Trùng mã'"),
        0
    );
}

#[test]
fn a_producer_lists_its_products_and_a_new_one_is_checked_then_saved() {
    let mut ui = Ui::in_office();
    ui.click("Nhà sản xuất");
    assert!(ui.shows("HTX Dệt thổ cẩm Cơ Tu Za Ra"));
    // (The list is longer than the test window: pick the producer as its row would.)
    send(
        &mut ui,
        P::PickProducer("HTX-ZARA".into(), "HTX Dệt thổ cẩm Cơ Tu Za Ra".into()),
    );
    assert!(ui.shows("Sản phẩm của HTX Dệt thổ cẩm Cơ Tu Za Ra: 2"));
    assert!(ui.shows("Túi xách thổ cẩm A Đhir Za Ra"));
    assert!(!ui.shows("Cao đảng sâm Tây Giang lọ 100 g"));

    // A new cooperative: the tax code is checked, then it is saved and can own products.
    ui.click("Nhà sản xuất");
    ui.click("Thêm nhà sản xuất");
    let field = |ui: &mut Ui, f: ProducerField, v: &str| send(ui, P::ProducerInput(f, v.into()));
    field(&mut ui, ProducerField::Code, "HTX-MATONG-TG");
    field(&mut ui, ProducerField::Name, "HTX Mật ong Tây Giang");
    field(&mut ui, ProducerField::Commune, "20470");
    field(&mut ui, ProducerField::TaxCode, "40012345");
    ui.click("Lưu nhà sản xuất");
    assert_eq!(
        ui.notice(),
        "Mã số thuế: \"40012345\" phải có 10, 12 hoặc 13 chữ số (hoặc dạng 0123456789-001)"
    );
    assert_eq!(
        ui.count("SELECT COUNT(*) FROM producers WHERE code = 'HTX-MATONG-TG'"),
        0
    );
    field(&mut ui, ProducerField::TaxCode, "4001234567");
    ui.click("Lưu nhà sản xuất");
    assert_eq!(ui.notice(), "Đã lưu nhà sản xuất HTX-MATONG-TG");
    let row: (String, String, String, String) = ui
        .conn()
        .query_row(
            "SELECT name, kind, commune_code, tax_code FROM producers WHERE code = 'HTX-MATONG-TG'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        row,
        (
            "HTX Mật ong Tây Giang".to_owned(),
            "htx".to_owned(),
            "20470".to_owned(),
            "4001234567".to_owned()
        )
    );
    // The same code again is refused rather than overwriting the first.
    ui.click("Thêm nhà sản xuất");
    field(&mut ui, ProducerField::Code, "HTX-MATONG-TG");
    field(&mut ui, ProducerField::Name, "Khác");
    ui.click("Lưu nhà sản xuất");
    assert_eq!(
        ui.notice(),
        "Mã nhà sản xuất: HTX-MATONG-TG đã có, hãy chọn mã khác"
    );
    assert_eq!(
        ui.count("SELECT COUNT(*) FROM producers WHERE name = 'HTX Mật ong Tây Giang'"),
        1
    );
}

#[test]
fn a_csv_import_shows_bad_rows_and_writes_nothing_then_a_good_file_imports_and_export_writes_the_file()
 {
    let mut ui = Ui::in_office();
    let imports = "SELECT COUNT(*) FROM audit WHERE action = 'catalogue_import'";
    let before = ui.count(imports);
    ui.click("Nhập/xuất CSV");
    let bad = ui.dir.path().join("xau.csv");
    std::fs::write(
        &bad,
        "code,name,unit,price_vnd,vat_bp\nMIEN-1,Miến dong,gói,30000,800\nMIEN-2,Miến sắn,gói,ba mươi,800\n",
    )
    .unwrap();
    send(&mut ui, P::ImportPath(bad.display().to_string()));
    ui.click("Kiểm tra tệp");
    assert_eq!(
        ui.notice(),
        "Đã kiểm tra tệp, chưa ghi gì: 1 dòng tốt (1 mới, 0 cập nhật), 1 dòng lỗi"
    );
    assert!(ui.shows("Dòng 3, cột price_vnd"));
    assert!(
        !ui.shows("Nhập 1 dòng"),
        "no plain import while rows are bad"
    );
    assert_eq!(
        ui.count("SELECT COUNT(*) FROM products WHERE code LIKE 'MIEN-%'"),
        0
    );
    assert_eq!(ui.count(imports), before);

    // A good file, named relative to the data folder.
    std::fs::write(
        ui.dir.path().join("tot.csv"),
        "code,name,unit,price_vnd,vat_bp,barcodes\nMIEN-1,Miến dong,gói,30000,800,\nMIEN-2,Miến sắn,gói,28000,500,8934673577038\n",
    )
    .unwrap();
    send(&mut ui, P::ImportPath("tot.csv".into()));
    ui.click("Kiểm tra tệp");
    assert_eq!(
        ui.notice(),
        "Đã kiểm tra tệp, chưa ghi gì: 2 dòng tốt (2 mới, 0 cập nhật), 0 dòng lỗi"
    );
    ui.click("Nhập 2 dòng");
    assert_eq!(
        ui.notice(),
        "Đã nhập danh mục: 2 sản phẩm mới, 0 cập nhật, 0 dòng lỗi bỏ qua"
    );
    assert_eq!(
        ui.count("SELECT price_vnd FROM products WHERE code = 'MIEN-2'"),
        28_000
    );
    assert_eq!(ui.count(imports), before + 1);

    send(&mut ui, P::ExportPath("xuat/danh-muc.csv".into()));
    ui.click("Xuất CSV");
    assert!(ui.notice().starts_with("lỗi tệp"), "{}", ui.notice());
    send(&mut ui, P::ExportPath("danh-muc.csv".into()));
    ui.click("Xuất CSV");
    let path = ui.dir.path().join("danh-muc.csv");
    let total = ui.count("SELECT COUNT(*) FROM products");
    assert_eq!(
        ui.notice(),
        format!("Đã xuất {total} sản phẩm vào {}", path.display())
    );
    assert!(ui.shows(&format!("Đã ghi: {}", path.display())));
    let written = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = written.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len() as i64, total + 1);
    assert!(lines[0].starts_with("code,name,unit,price_vnd,vat_bp"));
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("MIEN-2,Miến sắn,gói,28000,500,") && l.contains("8934673577038")),
        "{written}"
    );
}
