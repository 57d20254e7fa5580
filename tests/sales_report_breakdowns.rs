//! Period sales reports over a small dataset whose every figure is worked out here by hand: five
//! sales and a refund across two business days, two clerks, split payments, five products of two
//! producers, three OCOP groups and three star levels (and one product with none). Every
//! breakdown's rows and totals are asserted to the đồng, and the totals of all breakdowns equal
//! each other and the day reports; a period that ends before it starts is refused.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::qty::Qty;
use ocop_pos::store::report;
use ocop_pos::store::sales_report::{self, By, Period, Row};

use common::shop::{date, period, shop};

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
