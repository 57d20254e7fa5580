//! A whole business day through the library: 50 sales (weighed goods by scale label, discounts
//! within and over the clerk's limit, a split payment, card and e-wallet) and a partial refund, with
//! totals, VAT, payments, stock and receipt numbers asserted to the đồng against figures worked out
//! here independently of the pricing code.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use ocop_pos::domain::auth::Role;
use ocop_pos::domain::barcode::{self, BarcodeRules};
use ocop_pos::domain::cart::{Cart, CartError, Policy};
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::pricing::Discount;
use ocop_pos::domain::qty::Qty;
use ocop_pos::setup::{self, FirstRun};
use ocop_pos::store::settings::PointProfile;
use ocop_pos::store::users::LockoutPolicy;
use ocop_pos::store::{self, audit, catalog, check, refund, report, sales, shifts, stock, users};

const CAO: &str = "2900000000018"; // Cao đảng sâm, 450.000 ₫, 8%
const RUOU: &str = "2900000000025"; // Rượu đảng sâm, 250.000 ₫, 10% (excise)
const TRA: &str = "2900000000032"; // Trà đảng sâm, 120.000 ₫, 8%
const MUC_PLU: u32 = 103; // Mực một nắng, 650.000 ₫/kg, 8%
const TOI_PLU: u32 = 102; // Tỏi Lý Sơn, 180.000 ₫/kg, 5%

/// VAT inside a VAT-inclusive amount, half up — written out independently of `domain::vat`.
fn vat_in(net: i64, bp: i64) -> i64 {
    assert!(net >= 0);
    (2 * net * bp + (10_000 + bp)) / (2 * (10_000 + bp))
}

fn at(hour: u32, minute: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(7 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 30, hour, minute, 0)
        .unwrap()
}

fn product_id(conn: &rusqlite::Connection, code: &str) -> i64 {
    conn.query_row("SELECT id FROM products WHERE code = ?1", [code], |r| {
        r.get(0)
    })
    .unwrap()
}

#[test]
fn fifty_sales_and_a_partial_refund_add_up_to_the_dong() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = store::open(&dir.path().join("till.db")).unwrap();
    setup::first_run(
        &mut conn,
        &FirstRun {
            point: PointProfile {
                code: "HOIAN-01".into(),
                name: "Điểm OCOP Hội An".into(),
                address: "Hội An, Đà Nẵng".into(),
                tax_code: String::new(),
            },
            admin_name: "admin".into(),
            admin_pin: "9999".into(),
            sample: true,
        },
        at(7, 0),
    )
    .unwrap();
    let clerk = users::add(&conn, "Lan", Role::Clerk, "2468", None, at(7, 0)).unwrap();
    users::add(&conn, "Minh", Role::Manager, "1357", None, at(7, 0)).unwrap();
    let rules = BarcodeRules::default();
    let weight = *rules.layout(20).unwrap();
    let policy = Policy {
        clerk_limit_bp: 1000,
    };
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();

    let mut expected_vat = 0_i64;
    let mut change_given = Vec::new();
    let mut receipts = Vec::new();
    for i in 0..50_u32 {
        let mut cart = Cart::new(format!("cart-{i}"));
        let add = |cart: &mut Cart, code: &str| {
            let found = catalog::resolve(&conn, code, &rules, today).unwrap();
            match found.label_price {
                Some(price) => cart
                    .add_labelled(found.item, found.qty, price, code)
                    .unwrap(),
                None => cart.add(found.item, found.qty, code).unwrap(),
            }
        };
        match i % 5 {
            0 => {
                let grams = 200 + 10 * i64::from(i);
                add(&mut cart, CAO);
                add(
                    &mut cart,
                    &barcode::encode_in_store(&weight, MUC_PLU, grams).unwrap(),
                );
                expected_vat += vat_in(450_000, 800) + vat_in(650 * grams, 800);
            }
            1 => {
                add(&mut cart, RUOU);
                add(&mut cart, RUOU); // a repeat scan adds to the same line
                assert_eq!(cart.lines.len(), 1);
                expected_vat += vat_in(500_000, 1000);
            }
            2 => {
                add(&mut cart, TRA);
                cart.set_line_discount(0, Some(Discount::Percent(1000)), policy, None)
                    .unwrap();
                expected_vat += vat_in(108_000, 800);
            }
            3 => {
                add(&mut cart, TRA);
                add(
                    &mut cart,
                    &barcode::encode_in_store(&weight, TOI_PLU, 500).unwrap(),
                );
                cart.set_order_discount(Some(Discount::Amount(Vnd(10_000))), policy, None)
                    .unwrap();
                // 10.000 spread over 120.000 and 90.000: 5.714,28… and 4.285,71…; the spare đồng
                // goes to the larger remainder, so the lines pay 114.286 (8%) and 85.714 (5%).
                let nets: Vec<i64> = cart
                    .totals()
                    .unwrap()
                    .lines
                    .iter()
                    .map(|l| l.net.0)
                    .collect();
                assert_eq!(nets, vec![114_286, 85_714]);
                expected_vat += vat_in(114_286, 800) + vat_in(85_714, 500);
            }
            _ => {
                add(&mut cart, CAO);
                let over = cart.set_line_discount(0, Some(Discount::Percent(2000)), policy, None);
                assert_eq!(over, Err(CartError::NeedsManager { limit_pct: 10 }));
                let approval =
                    users::approve(&conn, "Minh", "1357", LockoutPolicy::default(), at(8, 0))
                        .unwrap();
                cart.set_line_discount(0, Some(Discount::Percent(2000)), policy, Some(approval))
                    .unwrap();
                expected_vat += vat_in(360_000, 800);
            }
        }
        match i {
            7 => {
                cart.pay(Method::Vietqr, Some(Vnd(50_000))).unwrap();
                change_given.push(cart.pay(Method::Cash, Some(Vnd(100_000))).unwrap());
            }
            13 => change_given.push(cart.pay(Method::Card, None).unwrap()),
            24 => change_given.push(cart.pay(Method::Ewallet, None).unwrap()),
            2 => change_given.push(cart.pay(Method::Cash, Some(Vnd(200_000))).unwrap()),
            _ => change_given.push(cart.pay(Method::Cash, None).unwrap()),
        }
        let ctx = sales::Context {
            point_code: "HOIAN-01".into(),
            user: clerk,
            at: at(8 + i / 5, i % 60),
        };
        if i == 0 {
            // Selling needs an open shift.
            let refused = sales::complete(&mut conn, &cart, &ctx).unwrap_err();
            assert!(refused.to_string().contains("chưa mở ca"), "{refused}");
            let opening = shifts::Opening {
                point_code: "HOIAN-01".into(),
                user: clerk,
                float: Vnd(500_000),
                at: at(7, 55),
            };
            shifts::open(&mut conn, &opening).unwrap();
        }
        let done = sales::complete(&mut conn, &cart, &ctx).unwrap();
        assert!(!done.already_saved);
        // Saving the same cart again (a double click, a retry after a crash) makes no second sale.
        let again = sales::complete(&mut conn, &cart, &ctx).unwrap();
        assert!(again.already_saved);
        assert_eq!(again.receipt_no, done.receipt_no);
        receipts.push(done.receipt_no);
    }
    assert_eq!(change_given[2], Vnd(92_000)); // 200.000 for 108.000
    assert_eq!(change_given[7], Vnd(42_000)); // 50.000 by VietQR, then 100.000 cash for 58.000
    let numbers: Vec<String> = (1..=50).map(|n| format!("HOIAN-01-{n:06}")).collect();
    assert_eq!(receipts, numbers);

    // A customer brings back one of the two bottles of rượu from the second sale.
    let ctx = sales::Context {
        point_code: "HOIAN-01".into(),
        user: clerk,
        at: at(18, 30),
    };
    let approval =
        users::approve(&conn, "Minh", "1357", LockoutPolicy::default(), at(18, 30)).unwrap();
    let request = refund::Request {
        refund_id: "refund-1".into(),
        original_receipt: "HOIAN-01-000002".into(),
        lines: vec![(1, Qty::ONE)],
        payout: Vec::new(),
        reason: "chai bị móp".into(),
    };
    let back = refund::refund(&mut conn, &request, &ctx, approval).unwrap();
    assert_eq!(
        (back.receipt_no.as_str(), back.total),
        ("HOIAN-01-000051", Vnd(-250_000))
    );
    // The refund takes half of the line's 45.455 ₫ VAT, rounded half away: 22.728 ₫.
    let refund_vat = 22_728;
    // The last bottle can still go back, but not two.
    let too_many = refund::Request {
        refund_id: "refund-2".into(),
        lines: vec![(1, Qty::units(2))],
        ..request.clone()
    };
    assert!(matches!(
        refund::refund(&mut conn, &too_many, &ctx, approval),
        Err(store::Error::RefundQty { .. })
    ));

    let day = report::day(&conn, today).unwrap();
    let mut muc_grams = 0;
    for i in (0..50).step_by(5) {
        muc_grams += 200 + 10 * i;
    }
    assert_eq!(muc_grams, 4_250);
    let gross =
        10 * 450_000 + 650 * muc_grams + 10 * 500_000 + 10 * 120_000 + 10 * 210_000 + 10 * 450_000;
    assert_eq!(gross, 20_062_500);
    assert_eq!(day.receipts, 50);
    assert_eq!(day.refund_receipts, 1);
    assert_eq!(day.gross_vnd, Vnd(gross));
    assert_eq!(
        day.discount_vnd,
        Vnd(10 * 12_000 + 10 * 10_000 + 10 * 90_000)
    );
    assert_eq!(day.refund_vnd, Vnd(250_000));
    assert_eq!(day.net_vnd, Vnd(20_062_500 - 1_120_000 - 250_000));
    assert_eq!(day.vat_vnd, Vnd(expected_vat - refund_vat));
    let by_method: Vec<(String, Vnd)> = day
        .payments
        .iter()
        .map(|p| (p.method.clone(), p.amount_vnd))
        .collect();
    assert_eq!(
        by_method,
        vec![
            ("card".to_owned(), Vnd(200_000)),
            (
                "cash".to_owned(),
                Vnd(18_692_500 - 50_000 - 200_000 - 360_000)
            ),
            ("ewallet".to_owned(), Vnd(360_000)),
            ("vietqr".to_owned(), Vnd(50_000)),
        ]
    );
    assert_eq!(
        day.receipt_range,
        Some(("HOIAN-01-000001".into(), "HOIAN-01-000051".into()))
    );
    let rates: Vec<u16> = day.vat_by_rate.iter().map(|r| r.vat_bp).collect();
    assert_eq!(rates, vec![500, 800, 1000]);

    let on_hand = |code: &str| stock::on_hand(&conn, product_id(&conn, code)).unwrap();
    assert_eq!(on_hand("DS-CAO-DUCHUY-100"), Qty::units(-20));
    assert_eq!(on_hand("DS-RUOU-DUCHUY-500"), Qty::units(-19));
    assert_eq!(on_hand("DS-TRA-TAYGIANG-20"), Qty::units(-20));
    assert_eq!(on_hand("MUC1NANG-CLC-KG"), Qty(-4_250));
    assert_eq!(on_hand("TOI-LYSON-PHUSINH-KG"), Qty(-5_000));

    let actions: Vec<String> = audit::recent(&conn, 100)
        .unwrap()
        .into_iter()
        .map(|r| r.action)
        .collect();
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "discount_over_limit")
            .count(),
        10
    );
    assert_eq!(actions.iter().filter(|a| *a == "refund").count(), 1);
    let print_jobs: i64 = conn
        .query_row("SELECT COUNT(*) FROM print_jobs", [], |r| r.get(0))
        .unwrap();
    assert_eq!(print_jobs, 51);
    assert_eq!(check::run(&conn).unwrap(), Vec::<String>::new());
}
