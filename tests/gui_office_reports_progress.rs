//! Long report exports with a progress indicator: years of sales saved through the normal sale path,
//! exported by day; the steps rise to the total and the file holds every day; the window shows the
//! bar and the count while rows are written and keeps the buttons off; a failed export leaves no
//! file and says why.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/gui_till.rs"]
mod gui_till;

use std::path::PathBuf;

use calamine::{Data, Reader, Xlsx};
use chrono::{Duration, FixedOffset, NaiveDate, Utc};
use gui_till::Ui;
use iced::futures::StreamExt;
use iced::futures::executor::block_on;
use ocop_pos::domain::auth::Role;
use ocop_pos::domain::barcode::BarcodeRules;
use ocop_pos::domain::cart::Cart;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::qty::Qty;
use ocop_pos::export::Format;
use ocop_pos::gui::app::{Message, Screen};
use ocop_pos::gui::i18n::Lang;
use ocop_pos::gui::keys::Press;
use ocop_pos::gui::office::reports::export::{self, Job, Step};
use ocop_pos::gui::office::{Msg, reports};
use ocop_pos::store::sales_report::{By, Period};
use ocop_pos::store::{self, Db, catalog, sales, settings, users};

/// Days of history.
const DAYS: u32 = 1_500;
/// Cao đảng sâm Tây Giang lọ 100 g, 450.000 ₫.
const CAO: &str = "2900000000018";
/// Rượu đảng sâm Đức Huy chai 500 ml, 250.000 ₫.
const RUOU: &str = "DS-RUOU-DUCHUY-500";

fn send(ui: &mut Ui, m: reports::Msg) {
    ui.send(Message::Office(Msg::Reports(m)));
}

fn today() -> NaiveDate {
    Utc::now()
        .with_timezone(&FixedOffset::east_opt(7 * 3600).unwrap())
        .date_naive()
}

/// The admin in the back office of a till with `DAYS` days of sales ending yesterday (the cao
/// then two of the rượu each day, by card, through the normal sale path); and the period.
fn history() -> (Ui, Period) {
    let mut ui = Ui::at_counter();
    let last = today() - Duration::days(1);
    let first = last - Duration::days(i64::from(DAYS) - 1);
    {
        let mut conn = store::open(&ui.dir.path().join("till.db")).unwrap();
        let point = settings::point(&conn).unwrap().unwrap();
        let admin = users::list(&conn)
            .unwrap()
            .into_iter()
            .find(|u| u.role == Role::Admin)
            .unwrap();
        let rules = BarcodeRules::default();
        for (n, day) in first.iter_days().take(DAYS as usize).enumerate() {
            for (i, (code, qty)) in [(CAO, 1), (RUOU, 2)].into_iter().enumerate() {
                let found = catalog::resolve(&conn, code, &rules, day).unwrap();
                let mut cart = Cart::new(format!("lich-su-{n}-{i}"));
                cart.add(found.item, Qty::units(qty), code).unwrap();
                cart.pay(Method::Card, None).unwrap();
                let at = day
                    .and_hms_opt(9 + u32::try_from(i).unwrap(), 30, 0)
                    .unwrap()
                    .and_local_timezone(FixedOffset::east_opt(7 * 3600).unwrap())
                    .unwrap();
                let ctx = sales::Context {
                    point_code: point.code.clone(),
                    user: admin.id,
                    at,
                };
                sales::complete(&mut conn, &cart, &ctx).unwrap();
            }
        }
    }
    ui.key(Press::F(1));
    assert_eq!(ui.app.screen(), Screen::Office, "{}", ui.notice());
    ui.click("Báo cáo");
    (ui, Period::new(first, last).unwrap())
}

/// The CSV's lines after the byte-order mark.
fn csv_lines(file: &PathBuf) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap();
    let text = text.strip_prefix('\u{feff}').unwrap().to_owned();
    text.lines().map(str::to_owned).collect()
}

#[test]
fn a_long_export_reports_rising_steps_up_to_its_total_and_writes_every_day() {
    let (mut ui, period) = history();
    assert_eq!(ui.count("SELECT COUNT(*) FROM sales"), 2 * i64::from(DAYS));
    let rows = DAYS as usize + 1; // a row a day, and the totals row
    let file = ui.dir.path().join("exports").join("theo-ngay.csv");
    let job = Job {
        by: By::Day,
        period,
        format: Format::Csv,
        file: file.clone(),
    };
    // A second handle on the database file: reads go through a store worker as in the window.
    let db = Db::open(&ui.dir.path().join("till.db")).unwrap();
    let mut steps = Vec::new();
    let answer = export::export(&db, &job, Lang::Vi, &mut |step| steps.push(step)).unwrap();
    assert_eq!(answer, (file.clone(), rows));
    assert_eq!(steps.first(), Some(&Step::Reading));
    assert_eq!(steps.last(), Some(&Step::Saving));
    let written: Vec<usize> = steps
        .iter()
        .filter_map(|s| match s {
            Step::Writing { written, total } => {
                assert_eq!(*total, rows);
                Some(*written)
            }
            _ => None,
        })
        .collect();
    assert_eq!(written.len(), steps.len() - 2, "{steps:?}");
    assert_eq!(written.first(), Some(&0));
    assert_eq!(written.last(), Some(&rows));
    assert!(written.windows(2).all(|w| w[0] < w[1]), "{written:?}");
    // Often enough for a bar to move, not once per row.
    assert!((50..=102).contains(&written.len()), "{}", written.len());

    // The file: headers, one line per day in order, the totals; the nets add up to the database's.
    let lines = csv_lines(&file);
    assert_eq!(lines.len(), 1 + rows);
    assert!(lines[0].starts_with("Ngày,Thứ,Số HĐ bán"), "{}", lines[0]);
    let mut dates = Vec::new();
    let mut net = 0_i64;
    for line in &lines[1..rows] {
        let cells: Vec<&str> = line.split(',').collect();
        dates.push(cells[0].parse::<NaiveDate>().unwrap());
        net += cells[7].parse::<i64>().unwrap();
    }
    let days: Vec<NaiveDate> = period.from().iter_days().take(DAYS as usize).collect();
    assert_eq!(dates, days);
    assert_eq!(dates.last(), Some(&period.to()));
    let totals: Vec<&str> = lines[rows].split(',').collect();
    assert_eq!(totals[0], "Tổng cộng");
    assert_eq!(totals[7].parse::<i64>().unwrap(), net);
    // 450.000 ₫ + 2 × 250.000 ₫ a day.
    assert_eq!(net, i64::from(DAYS) * 950_000);
    assert_eq!(net, ui.count("SELECT SUM(total_vnd) FROM sales"));
    assert!(!file.with_extension("tmp").exists());

    // The same as the window runs it: on a thread of its own, the messages through a channel.
    let book = file.with_extension("xlsx");
    let job = Job {
        format: Format::Xlsx,
        file: book.clone(),
        ..job
    };
    let msgs: Vec<reports::Msg> = block_on(export::spawn(db, job, Lang::Vi).unwrap().collect());
    let mut last = None;
    for m in &msgs[..msgs.len() - 2] {
        let reports::Msg::Progress(Format::Xlsx, step) = m else {
            panic!("{m:?}");
        };
        if let Step::Writing { written, .. } = step {
            assert!(last.is_none_or(|l| l < *written), "{msgs:?}");
            last = Some(*written);
        }
    }
    assert_eq!(last, Some(rows));
    assert!(matches!(
        &msgs[msgs.len() - 2],
        reports::Msg::Exported(Ok((f, n))) if *f == book && *n == rows
    ));
    assert!(matches!(msgs.last(), Some(reports::Msg::ExportEnded)));
    let mut workbook: Xlsx<_> = calamine::open_workbook(&book).unwrap();
    let name = workbook.sheet_names()[0].clone();
    let range = workbook.worksheet_range(&name).unwrap();
    assert_eq!(range.height(), 2 + rows); // title, headers, rows
    assert_eq!(
        range.get_value((2 + rows as u32 - 1, 7)).cloned(),
        Some(Data::Float(net as f64))
    );

    // The same through the window: the days typed, "Xuất CSV", the outcome and the file.
    send(
        &mut ui,
        reports::Msg::FromInput(period.from().format("%d/%m/%Y").to_string()),
    );
    send(
        &mut ui,
        reports::Msg::ToInput(period.to().format("%d/%m/%Y").to_string()),
    );
    ui.click("Xem");
    ui.click("Xuất CSV");
    let shown = ui.dir.path().join("exports").join(format!(
        "bao-cao-day-{}-{}.csv",
        period.from(),
        period.to()
    ));
    assert!((1_000..1_000_000).contains(&rows));
    let count = format!("{}.{:03}", rows / 1_000, rows % 1_000);
    assert_eq!(
        ui.notice(),
        format!("Đã xuất {count} dòng vào {}", shown.display())
    );
    assert!(ui.shows(&format!("Đã xuất {count} dòng: {}", shown.display())));
    assert_eq!(csv_lines(&shown), lines);
}

#[test]
fn the_window_shows_the_bar_and_the_count_while_rows_are_written() {
    let mut ui = Ui::in_office();
    ui.click("Báo cáo");
    send(&mut ui, reports::Msg::Progress(Format::Csv, Step::Reading));
    assert!(ui.shows("Đang xuất CSV…"));
    assert!(ui.shows("Đang đọc số liệu bán hàng của khoảng thời gian…"));
    send(
        &mut ui,
        reports::Msg::Progress(
            Format::Csv,
            Step::Writing {
                written: 1_000,
                total: 4_000,
            },
        ),
    );
    assert!(ui.shows("Đã xuất 1.000 / 4.000 dòng"));
    assert!(!ui.shows("Đang đọc số liệu bán hàng của khoảng thời gian…"));
    // Both buttons are off while it runs: pressing them starts nothing.
    ui.click("Xuất CSV");
    ui.click("Xuất Excel");
    assert!(ui.shows("Đã xuất 1.000 / 4.000 dòng"));
    assert!(!ui.dir.path().join("exports").exists());
    send(
        &mut ui,
        reports::Msg::Progress(
            Format::Csv,
            Step::Writing {
                written: 4_000,
                total: 4_000,
            },
        ),
    );
    assert!(ui.shows("Đã xuất 4.000 / 4.000 dòng"));
    send(&mut ui, reports::Msg::Progress(Format::Csv, Step::Saving));
    assert!(ui.shows("Đang lưu tệp CSV…"));
    // The export's thread ended without an outcome: a failure, said, and the buttons back.
    send(&mut ui, reports::Msg::ExportEnded);
    assert_eq!(
        ui.notice(),
        "Xuất tệp bị dừng giữa chừng; không có tệp nào được ghi"
    );
    assert!(!ui.shows("Đang xuất CSV…"));
    ui.click("Xuất CSV");
    assert!(
        ui.notice().starts_with("Đã xuất 1 dòng vào"),
        "{}",
        ui.notice()
    );

    ui.key(Press::Escape);
    ui.send(Message::SwitchLanguage);
    ui.key(Press::F(1));
    ui.click("Reports");
    send(
        &mut ui,
        reports::Msg::Progress(
            Format::Xlsx,
            Step::Writing {
                written: 1_000,
                total: 4_000,
            },
        ),
    );
    assert!(ui.shows("Exporting XLSX…"));
    assert!(ui.shows("Written 1,000 / 4,000 rows"));
}

#[test]
fn a_failed_export_leaves_no_file_and_says_why() {
    let mut ui = Ui::in_office();
    ui.click("Báo cáo");
    let today = today();
    let first = today.format("%Y-%m-01").to_string();
    let csv = ui
        .dir
        .path()
        .join("exports")
        .join(format!("bao-cao-day-{first}-{today}.csv"));
    // A folder where the file should go: every row is written, then the rename is refused.
    std::fs::create_dir_all(&csv).unwrap();
    ui.click("Xuất CSV");
    let notice = ui.notice();
    assert!(
        notice.starts_with(&format!("không ghi được {}: ", csv.display())),
        "{notice}"
    );
    assert!(!ui.app.notice().unwrap().good);
    assert!(csv.is_dir());
    assert_eq!(std::fs::read_dir(&csv).unwrap().count(), 0);
    let mut left: Vec<String> = std::fs::read_dir(ui.dir.path().join("exports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, [csv.file_name().unwrap().to_string_lossy()]);
    assert!(!ui.shows("Đang xuất CSV…"));
    // The buttons work again: the workbook goes through.
    ui.click("Xuất Excel");
    assert!(
        ui.notice().starts_with("Đã xuất 1 dòng vào"),
        "{}",
        ui.notice()
    );
    assert!(csv.with_extension("xlsx").is_file());
}
