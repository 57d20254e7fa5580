use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn filled() -> Form {
    Form {
        code: "MO-TEST-1".into(),
        name: "Mật ong rừng".into(),
        unit: "hũ".into(),
        price: "125.000".into(),
        group: "1".into(),
        stars: "4".into(),
        producer: "HTX-A".into(),
        cert_no: "12/QĐ-UBND".into(),
        cert_date: "20/12/2024".into(),
        ..Form::new_product()
    }
}

#[test]
fn a_filled_form_reads_as_a_product() {
    let today = day(2026, 11, 30);
    let p = filled()
        .product(&["HTX-A".into()], today, Lang::Vi)
        .unwrap();
    assert_eq!(p.price, Vnd(125_000));
    assert_eq!(p.vat.rate_on(today), Some(VatRate(800)));
    assert_eq!(p.stars.map(Stars::count), Some(4));
    assert_eq!(p.certificate.unwrap().date, day(2024, 12, 20));
    assert_eq!(p.producer_code.as_deref(), Some("HTX-A"));
}

#[test]
fn each_refusal_names_its_field() {
    let today = day(2026, 11, 30);
    let producers = ["HTX-A".to_owned()];
    let refused = |change: &dyn Fn(&mut Form)| {
        let mut form = filled();
        change(&mut form);
        form.product(&producers, today, Lang::Vi).unwrap_err()
    };
    assert!(refused(&|f| f.code = "mo 1".into()).starts_with("Mã sản phẩm:"));
    assert!(refused(&|f| f.name = " ".into()).starts_with("Tên sản phẩm:"));
    assert!(refused(&|f| f.price = "12a".into()).starts_with("Giá bán:"));
    assert!(refused(&|f| f.vat = "101".into()).starts_with("Thuế suất GTGT:"));
    assert!(refused(&|f| f.group = "7".into()).starts_with("Nhóm OCOP:"));
    assert!(refused(&|f| f.stars = "2".into()).starts_with("Số sao OCOP:"));
    assert!(refused(&|f| f.producer = "X".into()).starts_with("Nhà sản xuất:"));
    assert_eq!(
        refused(&|f| f.cert_date = "31/02/2025".into()),
        "Ngày quyết định công nhận: \"31/02/2025\" không phải ngày hợp lệ (nhập ngày/tháng/năm, ví dụ 20/12/2024)"
    );
    assert!(refused(&|f| f.cert_date = "01/01/2027".into()).contains("tương lai"));
    assert!(refused(&|f| f.cert_no.clear()).starts_with("Số quyết định công nhận:"));
}

#[test]
fn vat_is_read_as_a_percentage_and_a_planned_change_is_kept() {
    let today = day(2026, 11, 30);
    let mut form = filled();
    form.vat = "5,25%".into();
    let p = form.product(&["HTX-A".into()], today, Lang::Vi).unwrap();
    assert_eq!(p.vat.rate_on(today), Some(VatRate(525)));
    let planned = VatSchedule::until_then(VatRate(800), day(2026, 12, 31), VatRate(1000));
    let stored = Product {
        vat: planned.clone(),
        ..p
    };
    let again = Form::of(stored, today);
    assert_eq!(again.vat, "8");
    let kept = again.product(&["HTX-A".into()], today, Lang::Vi).unwrap();
    assert_eq!(kept.vat, planned);
}

#[test]
fn barcodes_need_their_check_digit_and_come_once() {
    let mut form = Form::new_product();
    assert!(form.add_barcode("8934673577038", Lang::Vi).is_ok());
    assert!(form.add_barcode("8934673577038", Lang::Vi).is_err());
    let wrong = form.add_barcode("8934673577039", Lang::Vi).unwrap_err();
    assert!(wrong.starts_with("Mã vạch:"), "{wrong}");
    assert_eq!(form.barcodes, ["8934673577038"]);
}

#[test]
fn certificates_ending_are_flagged() {
    let cert = Certificate {
        number: "1".into(),
        date: day(2023, 12, 20),
    };
    assert_eq!(
        certificate_warning(&cert, day(2026, 11, 30), 90, Lang::Vi).as_deref(),
        Some("Chứng nhận OCOP sắp hết hạn: 20/12/2026 (còn 20 ngày)")
    );
    assert_eq!(
        certificate_warning(&cert, day(2027, 1, 1), 90, Lang::Vi).as_deref(),
        Some("Chứng nhận OCOP hết hạn 20/12/2026")
    );
    assert_eq!(
        certificate_warning(&cert, day(2025, 1, 1), 90, Lang::Vi),
        None
    );
}
