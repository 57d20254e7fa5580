//! The Consignment tab of the back office: a producer's statement for a period with its exact
//! figures, printed through the print queue, exported, and settled once (twice is refused).
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/gui_till.rs"]
mod gui_till;
#[path = "common/office_goods.rs"]
mod office_goods;

use gui_till::Ui;
use ocop_pos::config::Config;
use ocop_pos::device::print_worker::{self, Setup};
use ocop_pos::domain::money::Vnd;
use ocop_pos::gui::app::Message;
use ocop_pos::gui::office::{Msg, Tab, consignment};
use ocop_pos::receipt::Encoding;
use ocop_pos::receipt::decode;
use ocop_pos::store::consignment::Statement;
use ocop_pos::store::print_jobs;
use office_goods::{CAO_DANG_SAM, days_ago, in_days, line, today};

fn send(ui: &mut Ui, msg: consignment::Msg) {
    ui.send(Message::Office(Msg::Consignment(msg)));
}

fn day(n: u64) -> String {
    days_ago(n).format("%d/%m/%Y").to_string()
}

#[test]
fn a_statement_shows_exact_figures_prints_exports_and_settles_once() {
    let mut ui = Ui::in_office();
    {
        let mut conn = ui.conn();
        office_goods::receive(
            &mut conn,
            "HTX-DUCHUY",
            true,
            vec![line(CAO_DANG_SAM, 10, 300_000, "DS-11", in_days(400))],
            days_ago(5),
        );
        office_goods::sell(&mut conn, "DIEM-BAN-01", CAO_DANG_SAM, 3, days_ago(2));
    }
    ui.send(Message::Office(Msg::Open(Tab::Consignment)));
    ui.click("HTX-DUCHUY · HTX Dược liệu Đức Huy Tây Giang");

    send(&mut ui, consignment::Msg::From("32/13/2026".into()));
    ui.click("Xem bảng kê");
    assert!(
        ui.notice()
            .starts_with("Ngày bắt đầu \"32/13/2026\" không hợp lệ"),
        "{}",
        ui.notice()
    );
    send(&mut ui, consignment::Msg::From(day(1)));
    send(&mut ui, consignment::Msg::To(day(6)));
    ui.click("Xem bảng kê");
    assert!(
        ui.notice().contains("ngày bắt đầu sau ngày kết thúc"),
        "{}",
        ui.notice()
    );

    send(&mut ui, consignment::Msg::From(day(6)));
    send(&mut ui, consignment::Msg::To(day(1)));
    ui.click("Xem bảng kê");
    let owed = Vnd(3 * 300_000);
    assert!(ui.shows(&format!(
        "DS-CAO-DUCHUY-100 · Cao đảng sâm Tây Giang lọ 100 g (lọ) · {}",
        Vnd(300_000)
    )));
    assert!(ui.shows(&format!(
        "    đầu kỳ 0 · nhận 10 · đã bán 3 · trả 0 · hao hụt 0 · chuyển 0 · cuối kỳ 7 · thành tiền {owed}"
    )));
    assert!(ui.shows(&format!("Tổng phải trả: {owed}")));

    // Printed: a job in the queue holding the statement, which the print worker can encode.
    ui.click("In bảng kê");
    assert!(
        ui.notice().starts_with("Đã gửi bảng kê tới máy in"),
        "{}",
        ui.notice()
    );
    let conn = ui.conn();
    let job_id = ui.count("SELECT id FROM print_jobs WHERE kind = 'consignment_statement'");
    let job = print_jobs::get(&conn, job_id).unwrap().unwrap();
    let printed: Statement = serde_json::from_str(&job.payload).unwrap();
    assert_eq!(
        (printed.producer_code.as_str(), printed.total),
        ("HTX-DUCHUY", owed)
    );
    // Encoded in a text code page here, so that the printed words can be read back.
    let mut setup = Setup::from_config(&Config::default());
    setup.profile.encoding = Encoding::Wpc1258;
    let bytes = print_worker::bytes(&conn, &setup, &job, office_goods::now()).unwrap();
    let commands = decode::parse(&bytes).unwrap();
    let lines: Vec<String> = decode::text_lines(&commands, &setup.profile.pages)
        .into_iter()
        .map(|l| l.text)
        .collect();
    let printed = lines.join("\n");
    assert!(printed.contains("BẢNG KÊ HÀNG KÝ GỬI"), "{printed}");
    assert!(
        printed.contains("Cao đảng sâm Tây Giang lọ 100 g (lọ)"),
        "{printed}"
    );
    let total = lines
        .iter()
        .find(|l| l.starts_with("TỔNG PHẢI TRẢ"))
        .expect(&printed);
    assert!(total.ends_with(&owed.to_string()), "{total}");

    // Exported to CSV in the data folder, then to an XLSX at a typed path.
    ui.click("Xuất CSV");
    let csv = ui.dir.path().join(format!(
        "bang-ke-ky-gui-HTX-DUCHUY-{}-{}.csv",
        days_ago(6).date_naive(),
        days_ago(1).date_naive()
    ));
    assert_eq!(
        ui.notice(),
        format!("Đã xuất bảng kê ra tệp: {}", csv.display())
    );
    assert!(ui.shows(&format!("Tệp: {}", csv.display())));
    let text = String::from_utf8(std::fs::read(&csv).unwrap()).unwrap();
    assert!(text.contains("DS-CAO-DUCHUY-100"), "{text}");
    assert!(text.contains(",900000"), "{text}");
    let xlsx = ui.dir.path().join("ky-gui.xlsx");
    send(&mut ui, consignment::Msg::Path(xlsx.display().to_string()));
    ui.click("Xuất XLSX");
    assert_eq!(
        ui.notice(),
        format!("Đã xuất bảng kê ra tệp: {}", xlsx.display())
    );
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));

    // A period still running cannot be settled.
    send(
        &mut ui,
        consignment::Msg::To(today().format("%d/%m/%Y").to_string()),
    );
    ui.click("Xem bảng kê");
    ui.click("Đánh dấu đã thanh toán");
    assert!(
        ui.notice().contains("phải kết thúc trước hôm nay"),
        "{}",
        ui.notice()
    );
    assert_eq!(ui.count("SELECT COUNT(*) FROM consignment_settlements"), 0);

    send(&mut ui, consignment::Msg::To(day(1)));
    ui.click("Xem bảng kê");
    ui.click("Đánh dấu đã thanh toán");
    assert_eq!(
        ui.notice(),
        format!(
            "Đã ghi nhận thanh toán ký gửi HTX-DUCHUY {} – {}: {owed}",
            day(6),
            day(1)
        )
    );
    let (amount, from, to, approved): (i64, String, String, i64) = conn
        .query_row(
            "SELECT amount_vnd, period_from, period_to, approved_by FROM consignment_settlements",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(amount, owed.0);
    assert_eq!(from, days_ago(6).date_naive().to_string());
    assert_eq!(to, days_ago(1).date_naive().to_string());
    assert_eq!(approved, office_goods::admin(&conn).0);
    assert_eq!(
        ui.count("SELECT COUNT(*) FROM audit WHERE action = 'consignment_settled' AND subject = 'HTX-DUCHUY'"),
        1
    );
    assert!(ui.shows(&format!("{} – {} · {owed} · {}", day(6), day(1), today())));

    // The same period again (or one overlapping it) is refused and nothing is written.
    send(&mut ui, consignment::Msg::From(day(3)));
    ui.click("Đánh dấu đã thanh toán");
    assert!(
        ui.notice()
            .contains("đã được thanh toán trước đó (trùng kỳ)"),
        "{}",
        ui.notice()
    );
    assert_eq!(ui.count("SELECT COUNT(*) FROM consignment_settlements"), 1);
}
