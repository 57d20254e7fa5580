//! The reports tab of the back office: real sales at the counter, the report for this month on
//! screen (figures worked out here), bad dates refused, exports written to the data folder.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/gui_till.rs"]
mod gui_till;

use calamine::{Data, Reader, Xlsx};
use chrono::{Datelike, FixedOffset, Utc};
use gui_till::Ui;
use ocop_pos::domain::money::Vnd;
use ocop_pos::gui::app::{Message, Screen};
use ocop_pos::gui::keys::Press;
use ocop_pos::gui::office::{Msg, reports};
use ocop_pos::store::sales_report::Period;

/// Cao đảng sâm Tây Giang lọ 100 g, 450.000 ₫.
const CAO: &str = "2900000000018";
/// Rượu đảng sâm Đức Huy chai 500 ml, 250.000 ₫.
const RUOU: &str = "DS-RUOU-DUCHUY-500";

fn send(ui: &mut Ui, m: reports::Msg) {
    ui.send(Message::Office(Msg::Reports(m)));
}

/// Two cash sales: cao + rượu (700.000 ₫), then cao alone (450.000 ₫); the back office after.
fn two_sales() -> Ui {
    let mut ui = Ui::at_counter();
    ui.scan(CAO, false);
    ui.enter(RUOU);
    ui.key(Press::F(12));
    ui.enter("700000");
    assert!(ui.notice().starts_with("Đã lưu hóa đơn"), "{}", ui.notice());
    ui.scan(CAO, false);
    ui.key(Press::F(12));
    ui.enter("450000");
    assert!(ui.notice().starts_with("Đã lưu hóa đơn"), "{}", ui.notice());
    ui.key(Press::F(1));
    assert_eq!(ui.app.screen(), Screen::Office);
    ui.click("Báo cáo");
    ui
}

fn this_month() -> Period {
    let today = Utc::now()
        .with_timezone(&FixedOffset::east_opt(7 * 3600).unwrap())
        .date_naive();
    Period::new(today.with_day(1).unwrap(), today).unwrap()
}

#[test]
fn this_months_report_shows_the_sales_by_day_and_by_product() {
    let mut ui = two_sales();
    let net = Vnd(700_000 + 450_000);
    let vat = Vnd(ui.count("SELECT SUM(vat_vnd) FROM sales"));
    assert!(vat.0 > 0);
    let totals = format!(
        "{}: doanh thu thuần {net}, 2 hóa đơn bán, 0 hóa đơn hoàn, chiết khấu {}, hoàn trả {}, thuế GTGT {vat}",
        this_month(),
        Vnd(0),
        Vnd(0)
    );
    assert!(ui.shows(&totals), "{}", ui.notice());
    // By day: one row, today's, named by its date and weekday, with both receipts.
    assert!(ui.shows("Doanh thu thuần"));
    let today = this_month().to();
    let weekday = [
        "Thứ Hai",
        "Thứ Ba",
        "Thứ Tư",
        "Thứ Năm",
        "Thứ Sáu",
        "Thứ Bảy",
        "Chủ Nhật",
    ][today.weekday().num_days_from_monday() as usize];
    assert!(
        ui.shows(&format!("{} {weekday}", today.format("%d/%m/%Y"))),
        "the day's row names its date"
    );
    ui.click("Theo sản phẩm");
    assert!(ui.shows(&totals));
    assert!(ui.shows("DS-CAO-DUCHUY-100 Cao đảng sâm Tây Giang lọ 100 g"));
    assert!(ui.shows(&Vnd(2 * 450_000).to_string()));
    assert!(ui.shows("DS-RUOU-DUCHUY-500 Rượu đảng sâm Đức Huy chai 500 ml"));
    assert!(ui.shows(&Vnd(250_000).to_string()));
    ui.click("Theo thanh toán");
    // Cash is the whole of it: 100,0 %.
    assert!(ui.shows(&format!("{net} (100,0%)")), "{}", ui.notice());
}

#[test]
fn bad_dates_are_refused_with_a_message_naming_them() {
    let mut ui = two_sales();
    send(&mut ui, reports::Msg::FromInput("31/02/2026".into()));
    ui.click("Xem");
    assert_eq!(
        ui.notice(),
        "Ngày bắt đầu \"31/02/2026\" không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 05/11/2026"
    );
    send(&mut ui, reports::Msg::FromInput("10/11/2026".into()));
    send(&mut ui, reports::Msg::ToInput("01/11/2026".into()));
    ui.click("Xem");
    assert_eq!(
        ui.notice(),
        "khoảng thời gian không hợp lệ: ngày bắt đầu 10/11/2026 sau ngày kết thúc 01/11/2026"
    );
    send(&mut ui, reports::Msg::FromInput("2020-01-01".into()));
    send(&mut ui, reports::Msg::ToInput("31/01/2020".into()));
    ui.click("Xem");
    assert!(ui.shows("Không có bán hàng trong khoảng này"));
}

#[test]
fn exports_land_in_the_data_folder_with_the_figures() {
    let mut ui = two_sales();
    ui.click("Theo sản phẩm");
    ui.click("Xuất CSV");
    let period = this_month();
    let csv = ui.dir.path().join("exports").join(format!(
        "bao-cao-product-{}-{}.csv",
        period.from(),
        period.to()
    ));
    assert_eq!(ui.notice(), format!("Đã xuất 3 dòng vào {}", csv.display()));
    assert!(ui.shows(&format!("Đã xuất 3 dòng: {}", csv.display())));
    let text = std::fs::read_to_string(&csv).unwrap();
    let text = text.strip_prefix('\u{feff}').unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("Mã sản phẩm,Tên sản phẩm,Số HĐ bán"));
    let cao: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(
        cao[..3],
        ["DS-CAO-DUCHUY-100", "Cao đảng sâm Tây Giang lọ 100 g", "2"]
    );
    assert_eq!(cao[4..9], ["2", "900000", "0", "0", "900000"]);
    let totals: Vec<&str> = lines[3].split(',').collect();
    assert_eq!(totals[..3], ["Tổng cộng", "", "2"]);
    assert_eq!(totals[8], "1150000");
    assert!(!csv.with_extension("tmp").exists());

    ui.click("Xuất Excel");
    let xlsx = csv.with_extension("xlsx");
    assert!(
        ui.notice().ends_with(&xlsx.display().to_string()),
        "{}",
        ui.notice()
    );
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    // Title, headers, two products, totals.
    assert_eq!(range.height(), 5);
    assert_eq!(
        range.get_value((2, 0)).cloned(),
        Some(Data::String("DS-CAO-DUCHUY-100".into()))
    );
    assert_eq!(
        range.get_value((4, 8)).cloned(),
        Some(Data::Float(1_150_000.0))
    );
}
