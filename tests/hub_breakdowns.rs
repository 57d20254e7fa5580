//! The dashboard's breakdowns over summaries pushed through the real API: the overview by day,
//! week and month, by point, commune, producer, product, OCOP group and star level, the points
//! gone silent and one point's history show exactly the pushed amounts; every table downloads as
//! CSV and XLSX; every page needs a login; `?lang=en` switches to English and a cookie keeps it.
#![cfg(feature = "hub")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use calamine::{Data, DataType, Reader, Xlsx};
use chrono::NaiveDate;
use ocop_pos::hub::store::{catalogue, points::Kind};
use ocop_pos::sync::protocol::CatalogueEntry;
use reqwest::header::{LOCATION, SET_COOKIE};

use common::dashboard::{Browser, Sold, add_point, http, push, row, rows, sign_in, summary, vnd};
use common::hub::{HubData, OTHER, hub_data};

const PERIOD: &str = "from=2026-11-27&to=2026-11-29";

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn producer(code: &str, producer: &str, name: &str) -> CatalogueEntry {
    CatalogueEntry {
        product_code: code.into(),
        gtin: String::new(),
        name: code.into(),
        producer_code: producer.into(),
        producer_name: name.into(),
        ocop_group: None,
        stars: None,
        cert_no: String::new(),
        cert_date: None,
        cert_valid_until: None,
    }
}

/// Five points: three report in 27–29 November, OLD-05 reported on the 1st only, SILENT-04 never.
fn fixture() -> (HubData, ocop_pos::hub::Handle, Browser) {
    let data = hub_data();
    let hue = add_point(&data, "HUE-03", Kind::HotelBooth, "19999");
    add_point(&data, "SILENT-04", Kind::FairStall, "19999");
    let old = add_point(&data, "OLD-05", Kind::SalesPoint, "20335");
    catalogue::replace(
        &mut data.db(),
        &[
            producer("TRA", "P1", "HTX Trà Đảng Sâm"),
            producer("MAT", "P2", "Cơ sở Mật Ong Rừng"),
        ],
    )
    .unwrap();
    let hub = data.start();
    let url = hub.url();
    let tra = |qty, net| Sold("TRA", "P1", Some(2), Some(4), qty, net);
    let mat = |qty, net| Sold("MAT", "P2", Some(1), Some(3), qty, net);
    let nuocmam = Sold("NUOCMAM", "P2", Some(1), Some(5), 4, 400_000);
    let gom = Sold("GOM", "", None, None, 1, 250_000);
    let hoian = &data.token;
    push(
        &url,
        hoian,
        &summary("HOIAN-01", day(27), 5, &[tra(2, 300_000), mat(1, 200_000)]),
    );
    push(
        &url,
        hoian,
        &summary("HOIAN-01", day(29), 2, &[tra(1, 150_000)]),
    );
    let danang = &data.other_token;
    push(
        &url,
        danang,
        &summary(OTHER, day(28), 4, &[tra(1, 100_000), nuocmam]),
    );
    push(&url, &hue, &summary("HUE-03", day(29), 1, &[gom]));
    push(
        &url,
        &old,
        &summary("OLD-05", day(1), 9, &[mat(5, 1_000_000)]),
    );
    let browser = sign_in(&data, &url);
    (data, hub, browser)
}

#[test]
fn overview_and_breakdowns_show_the_pushed_amounts_and_export_them() {
    let (_data, _hub, browser) = fixture();

    let (status, html) = browser.get(&format!("/?{PERIOD}"));
    assert_eq!(status, 200);
    assert!(html.contains("<svg") && !html.contains("<script"));
    assert!(html.contains(&vnd(1_400_000)), "period total");
    assert_eq!(
        row(&html, "2026-11-27"),
        ["2026-11-27", &vnd(500_000), &vnd(0), "5", "0", "1"]
    );
    assert_eq!(
        row(&html, "2026-11-28"),
        ["2026-11-28", &vnd(500_000), &vnd(0), "4", "0", "1"]
    );
    assert_eq!(
        row(&html, "2026-11-29"),
        ["2026-11-29", &vnd(400_000), &vnd(0), "3", "0", "2"]
    );
    assert!(rows(&html, "2026-11-01").is_empty(), "outside the period");
    // Points: the last day ever reported, then the days and sales within the period.
    assert_eq!(
        row(&html, "OLD-05"),
        [
            "OLD-05",
            "Điểm OLD-05",
            "Điểm bán",
            "2026-11-01",
            "0",
            &vnd(0)
        ]
    );
    assert_eq!(row(&html, "SILENT-04")[3], "chưa gửi");
    assert_eq!(
        row(&html, "HOIAN-01")[3..],
        ["2026-11-29", "2", &vnd(650_000)]
    );
    // Top products, largest first.
    let top: Vec<String> = ["TRA", "NUOCMAM", "GOM", "MAT"].map(String::from).to_vec();
    let order: Vec<usize> = top
        .iter()
        .map(|p| html.find(&format!("<td>{p}</td>")).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");

    let (_, weekly) = browser.get(&format!("/?{PERIOD}&by=week"));
    assert_eq!(
        row(&weekly, "2026-11-23")[1],
        vnd(1_400_000),
        "the week from Monday 23rd"
    );
    let (_, monthly) = browser.get("/?from=2026-11-01&to=2026-11-30&by=month");
    assert_eq!(
        row(&monthly, "2026-11"),
        ["2026-11", &vnd(2_400_000), &vnd(0), "21", "0", "4"]
    );

    let (_, by_point) = browser.get(&format!("/by/point?{PERIOD}"));
    let kind = "Điểm bán";
    assert_eq!(
        row(&by_point, "HOIAN-01"),
        [
            "HOIAN-01",
            "Điểm HOIAN-01",
            kind,
            "2",
            "7",
            &vnd(650_000),
            &vnd(0),
            "46,42\u{a0}%"
        ]
    );
    assert_eq!(row(&by_point, "HUE-03")[5], vnd(250_000));
    assert_eq!(row(&by_point, "OLD-05")[3..6], ["0", "0", &vnd(0)]);
    assert!(by_point.contains("href=\"/points/HOIAN-01\""));

    let (_, by_commune) = browser.get(&format!("/by/commune?{PERIOD}"));
    assert_eq!(
        row(&by_commune, "20335"),
        [
            "20335",
            "49",
            "2",
            "11",
            &vnd(1_150_000),
            &vnd(0),
            "82,14\u{a0}%"
        ]
    );
    assert_eq!(row(&by_commune, "19999")[4], vnd(250_000));

    let (_, by_producer) = browser.get(&format!("/by/producer?{PERIOD}"));
    assert_eq!(
        row(&by_producer, "P1")[..4],
        ["P1", "HTX Trà Đảng Sâm", "2", &vnd(550_000)]
    );
    assert_eq!(
        row(&by_producer, "P2")[..4],
        ["P2", "Cơ sở Mật Ong Rừng", "2", &vnd(600_000)]
    );
    assert_eq!(row(&by_producer, "(chưa rõ)")[3], vnd(250_000));

    let (_, by_product) = browser.get(&format!("/by/product?{PERIOD}"));
    assert_eq!(
        row(&by_product, "TRA")[..7],
        [
            "TRA",
            "Sản phẩm TRA",
            "hộp",
            "2",
            "4",
            &vnd(550_000),
            &vnd(0)
        ]
    );
    assert_eq!(
        row(&by_product, "MAT")[5],
        vnd(200_000),
        "OLD-05's honey is outside"
    );

    let (_, by_group) = browser.get(&format!("/by/group?{PERIOD}"));
    assert_eq!(row(&by_group, "Nhóm 2 – Đồ uống")[2], vnd(550_000));
    assert_eq!(row(&by_group, "Nhóm 1 – Thực phẩm")[2], vnd(600_000));
    assert_eq!(row(&by_group, "(chưa phân nhóm)")[2], vnd(250_000));

    let (_, by_stars) = browser.get(&format!("/by/stars?{PERIOD}"));
    for (stars, net) in [("3 ★", 200_000), ("4 ★", 550_000), ("5 ★", 400_000)] {
        assert_eq!(row(&by_stars, stars)[2], vnd(net), "{stars}");
    }
    assert_eq!(row(&by_stars, "(chưa xếp hạng)")[2], vnd(250_000));

    // Every table downloads: CSV with whole đồng, XLSX with numbers.
    let csv = browser
        .fetch(&format!("/by/product?{PERIOD}&format=csv"))
        .text()
        .unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines,
        [
            "Mã sản phẩm,Tên,Đơn vị,Điểm có bán,Số lượng,Doanh thu thuần,Thuế GTGT,Tỷ trọng",
            "TRA,Sản phẩm TRA,hộp,2,4,550000,0,\"39,28\u{a0}%\"",
            "NUOCMAM,Sản phẩm NUOCMAM,hộp,1,4,400000,0,\"28,57\u{a0}%\"",
            "GOM,Sản phẩm GOM,hộp,1,1,250000,0,\"17,85\u{a0}%\"",
            "MAT,Sản phẩm MAT,hộp,1,1,200000,0,\"14,28\u{a0}%\"",
        ]
    );
    let answer = browser.fetch(&format!("/?{PERIOD}&format=xlsx&table=points"));
    assert!(
        answer.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("overview-points.xlsx")
    );
    let mut book = Xlsx::new(std::io::Cursor::new(answer.bytes().unwrap().to_vec())).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let cells: Vec<&Data> = sheet.used_cells().map(|(_, _, c)| c).collect();
    assert!(cells.contains(&&Data::String("SILENT-04".into())));
    assert!(
        cells
            .iter()
            .any(|c| matches!(c, Data::Float(v) if *v == 650_000.0))
    );
    for page in [
        "/by/point",
        "/by/commune",
        "/by/producer",
        "/by/product",
        "/by/group",
        "/by/stars",
    ] {
        let answer = browser.fetch(&format!("{page}?{PERIOD}&format=xlsx"));
        assert_eq!(answer.status().as_u16(), 200, "{page}");
        let mut book = Xlsx::new(std::io::Cursor::new(answer.bytes().unwrap().to_vec())).unwrap();
        let sheet = book.worksheet_range_at(0).unwrap().unwrap();
        let total: f64 = sheet
            .rows()
            .skip(2)
            .filter_map(|r| r.iter().rev().nth(2).and_then(|c| c.get_float()))
            .sum();
        assert_eq!(total, 1_400_000.0, "{page}: the period's net sales, split");
    }
    let (status, _) = browser.get(&format!("/?{PERIOD}&format=pdf"));
    assert_eq!(status, 404);
    let (status, wrong) = browser.get("/?from=2026-11-30&to=2026-11-01");
    assert_eq!(status, 400);
    assert!(wrong.contains("phải trước hoặc bằng"), "{wrong}");
    let (status, _) = browser.get("/by/colour");
    assert_eq!(status, 404);
}

#[test]
fn silent_points_and_a_points_history() {
    let (_data, _hub, browser) = fixture();
    let (status, html) = browser.get("/silent?days=3&on=2026-11-30");
    assert_eq!(status, 200);
    let listed: Vec<String> = rows(&html, "OLD-05")
        .into_iter()
        .chain(rows(&html, "SILENT-04"))
        .map(|r| r.join("|"))
        .collect();
    assert_eq!(
        listed,
        [
            "OLD-05|Điểm OLD-05|Điểm bán|20335|2026-11-01|29",
            "SILENT-04|Điểm SILENT-04|Quầy hội chợ|19999|chưa gửi|"
        ]
    );
    for reporting in ["HOIAN-01", OTHER, "HUE-03"] {
        assert!(rows(&html, reporting).is_empty(), "{reporting} reported");
    }
    let (_, two) = browser.get("/silent?days=2&on=2026-11-30");
    assert_eq!(row(&two, OTHER)[5], "2", "DANANG-02 last sent the 28th");
    assert!(rows(&two, "HOIAN-01").is_empty());
    let csv = browser
        .fetch("/silent?days=3&on=2026-11-30&format=csv")
        .text()
        .unwrap();
    assert_eq!(
        csv.trim_start_matches('\u{feff}').lines().count(),
        3,
        "{csv}"
    );
    let (status, bad) = browser.get("/silent?days=abc");
    assert_eq!(status, 400);
    assert!(bad.contains("days"), "{bad}");

    let (status, history) = browser.get("/points/HOIAN-01?from=2026-11-01&to=2026-11-30");
    assert_eq!(status, 200);
    assert!(history.contains("<svg") && history.contains(&vnd(650_000)));
    assert_eq!(
        row(&history, "2026-11-29")[1..8],
        [
            "1",
            "2",
            "0",
            &vnd(150_000),
            &vnd(0),
            &vnd(0),
            &vnd(150_000)
        ]
    );
    assert_eq!(row(&history, "2026-11-27")[7], vnd(500_000));
    let (status, _) = browser.get("/points/NOPE");
    assert_eq!(status, 404);
}

#[test]
fn every_page_needs_a_login_and_english_is_one_click_away() {
    let (_data, hub, browser) = fixture();
    let anonymous = http();
    for path in [
        "/",
        "/by/point",
        "/by/stars",
        "/silent",
        "/points/HOIAN-01",
        "/events",
        "/events/new",
        "/events/1",
        "/by/product?format=csv",
    ] {
        let answer = anonymous
            .get(format!("{}{path}", hub.url()))
            .send()
            .unwrap();
        assert_eq!(answer.status().as_u16(), 303, "{path}");
        assert_eq!(answer.headers()[LOCATION], "/login", "{path}");
    }

    let (_, vi) = browser.get(&format!("/by/group?{PERIOD}"));
    assert!(vi.contains("<html lang=\"vi\"") && vi.contains("Theo nhóm OCOP"));
    let answer = browser.fetch(&format!("/by/group?{PERIOD}&lang=en"));
    let set = answer.headers()[SET_COOKIE].to_str().unwrap().to_owned();
    assert!(set.starts_with("ocop_lang=en"), "{set}");
    let en = answer.text().unwrap();
    assert!(
        en.contains("<html lang=\"en\"") && en.contains("By OCOP group"),
        "{en}"
    );
    assert_eq!(
        row(&en, "Group 2 – Drinks")[2],
        vnd(550_000),
        "amounts stay in đồng"
    );
    assert!(en.contains("Tiếng Việt") && !en.contains("Doanh thu thuần"));

    // The cookie keeps English on the next page, until Vietnamese is chosen again.
    let english = Browser {
        cookie: format!("{}; ocop_lang=en", browser.cookie),
        ..browser
    };
    let (_, home) = english.get(&format!("/?{PERIOD}"));
    assert!(
        home.contains("Net sales by day") && home.contains("Sign out"),
        "{home}"
    );
    let csv = english
        .fetch(&format!("/by/stars?{PERIOD}&format=csv"))
        .text()
        .unwrap();
    assert!(
        csv.contains("Stars,Points selling,Net sales,VAT,Share"),
        "{csv}"
    );
    let (_, back) = english.get("/?lang=vi");
    assert!(back.contains("Doanh thu thuần theo ngày"));
}
