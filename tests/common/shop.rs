//! The shop the report tests read: catalogue, lots, stock and the sales of 28–29/11/2026.
#![allow(dead_code)] // each test file uses its own part

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use ocop_pos::domain::auth::{Role, UserId};
use ocop_pos::domain::cart::{Cart, Policy};
use ocop_pos::domain::catalog::{OcopGroup, Producer, ProducerKind, Product, Stars};
use ocop_pos::domain::lot::Owner;
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::pricing::Discount;
use ocop_pos::domain::qty::Qty;
use ocop_pos::domain::vat::{VatRate, VatSchedule};
use ocop_pos::setup::{self, FirstRun};
use ocop_pos::store::sales_report::Period;
use ocop_pos::store::settings::PointProfile;
use ocop_pos::store::users::LockoutPolicy;
use ocop_pos::store::{self, catalog, check, lots, refund, sales, shifts, stock, users};
use rusqlite::Connection;

const POINT: &str = "DANANG-01";

/// `d`/11/2026.
pub fn date(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// The reported period: 28–29/11/2026.
pub fn period() -> Period {
    Period::new(date(28), date(29)).unwrap()
}

fn at(d: u32, hour: u32, minute: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(7 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, d, hour, minute, 0)
        .unwrap()
}

/// The shop's database in a temporary folder.
pub struct Shop {
    _dir: tempfile::TempDir,
    /// The database.
    pub conn: Connection,
    ids: std::collections::HashMap<&'static str, i64>,
}

#[allow(clippy::too_many_arguments)]
fn product(
    code: &str,
    name: &str,
    unit: &str,
    price: i64,
    vat_bp: u16,
    group: Option<u8>,
    stars: Option<u8>,
    producer: Option<&str>,
) -> Product {
    Product {
        code: code.into(),
        name: name.into(),
        unit: unit.into(),
        price: Vnd(price),
        vat: VatSchedule::single(VatRate::new(vat_bp).unwrap()),
        group: group.and_then(OcopGroup::new),
        stars: stars.and_then(Stars::new),
        certificate: None,
        producer_code: producer.map(Into::into),
        barcodes: Vec::new(),
        plu: None,
        sold_by_weight: unit == "kg",
        active: true,
    }
}

/// The catalogue, the stock and the sales of 28–29/11/2026 (plus one sale on the 30th, outside
/// the reported period).
pub fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = store::open(&dir.path().join("till.db")).unwrap();
    setup::first_run(
        &mut conn,
        &FirstRun {
            point: PointProfile {
                code: POINT.into(),
                name: "Trung tâm OCOP Đà Nẵng".into(),
                address: String::new(),
                tax_code: String::new(),
            },
            admin_name: "admin".into(),
            admin_pin: "9999".into(),
            sample: false,
        },
        at(27, 7, 0),
    )
    .unwrap();
    for (code, name, kind) in [
        ("HTX-DUCHUY", "HTX Sâm Đức Huy", ProducerKind::Htx),
        (
            "DN-NAMO",
            "Công ty Nước mắm Nam Ô",
            ProducerKind::DoanhNghiep,
        ),
    ] {
        catalog::upsert_producer(
            &conn,
            &Producer {
                code: code.into(),
                name: name.into(),
                kind,
                commune_code: String::new(),
                tax_code: String::new(),
            },
        )
        .unwrap();
    }
    #[rustfmt::skip]
    let products = [
        ("A", product("CAO-SAM", "Cao đảng sâm", "hũ", 450_000, 800, Some(3), Some(4), Some("HTX-DUCHUY"))),
        ("B", product("RUOU-SAM", "Rượu đảng sâm", "chai", 250_000, 1000, Some(2), Some(5), Some("HTX-DUCHUY"))),
        ("C", product("NUOC-MAM", "Nước mắm Nam Ô", "chai", 120_000, 800, Some(1), Some(4), Some("DN-NAMO"))),
        ("D", product("TUI-VAI", "Túi vải đựng quà", "cái", 20_000, 1000, None, None, None)),
        ("E", product("MUC-KG", "Mực một nắng", "kg", 650_000, 800, Some(1), Some(3), Some("DN-NAMO"))),
        ("F", product("KHONG-BAN", "Chưa nhập hàng", "cái", 10_000, 800, None, None, None)),
    ];
    let mut ids = std::collections::HashMap::new();
    for (key, p) in &products {
        ids.insert(*key, catalog::upsert_product(&conn, p).unwrap());
    }
    let producer = |code: &str| -> i64 {
        conn.query_row("SELECT id FROM producers WHERE code = ?1", [code], |r| {
            r.get(0)
        })
        .unwrap()
    };
    // Stock: A in two bought lots, B consigned by its producer, C an opening balance without lots,
    // E one bought lot at a cost that makes 1,5 kg round (499.999,5 → 500.000).
    #[rustfmt::skip]
    let lots_in = [
        ("A", "A-01", 1, Owner::Owned, None, 300_000, Qty::units(10)),
        ("A", "A-02", 2, Owner::Owned, None, 320_000, Qty::units(5)),
        ("B", "B-01", 1, Owner::Consigned, Some(producer("HTX-DUCHUY")), 180_000, Qty::units(6)),
        ("E", "E-01", 0, Owner::Owned, None, 333_333, Qty(2_000)),
    ];
    for (key, lot_no, year_after, owner, producer_id, cost, qty) in lots_in {
        let expiry = if year_after == 0 {
            NaiveDate::from_ymd_opt(2026, 12, 10)
        } else {
            NaiveDate::from_ymd_opt(2026 + year_after, 6, 30)
        };
        let lot = lots::create(
            &conn,
            &lots::NewLot {
                product_id: ids[key],
                lot_no,
                expiry,
                owner,
                producer_id,
                unit_cost: Vnd(cost),
                document_id: None,
                at: at(27, 8, 0),
            },
        )
        .unwrap();
        let kind = match owner {
            Owner::Owned => stock::MoveKind::Receive,
            Owner::Consigned => stock::MoveKind::ConsignIn,
        };
        stock::apply(
            &conn,
            &stock::Move {
                lot_id: Some(lot),
                ..stock::Move::new(ids[key], qty, kind, at(27, 8, 0))
            },
        )
        .unwrap();
    }
    stock::apply(
        &conn,
        &stock::Move::new(
            ids["C"],
            Qty::units(10),
            stock::MoveKind::Opening,
            at(27, 8, 0),
        ),
    )
    .unwrap();

    let lan = users::add(&conn, "Lan", Role::Clerk, "2468", None, at(27, 7, 0)).unwrap();
    let minh = users::add(&conn, "Minh", Role::Clerk, "1357", None, at(27, 7, 0)).unwrap();
    users::add(&conn, "Hoa", Role::Manager, "8642", None, at(27, 7, 0)).unwrap();
    shifts::open(
        &mut conn,
        &shifts::Opening {
            point_code: POINT.into(),
            user: lan,
            float: Vnd(1_000_000),
            at: at(28, 8, 0),
        },
    )
    .unwrap();

    let mut shop = Shop {
        _dir: dir,
        conn,
        ids,
    };
    let policy = Policy {
        clerk_limit_bp: 1000,
    };
    // S1 28/11 09:15 Lan: 1 A + 2 C = 690.000, cash 700.000.
    let mut cart = shop.cart("s1", &[("A", 1000), ("C", 2000)], 28);
    cart.pay(Method::Cash, Some(Vnd(700_000))).unwrap();
    shop.sell(&cart, lan, at(28, 9, 15));
    // S2 28/11 10:40 Minh: 2 B less 10% = 450.000, VietQR 200.000 + cash 250.000.
    let mut cart = shop.cart("s2", &[("B", 2000)], 28);
    cart.set_line_discount(0, Some(Discount::Percent(1000)), policy, None)
        .unwrap();
    cart.pay(Method::Vietqr, Some(Vnd(200_000))).unwrap();
    cart.pay(Method::Cash, None).unwrap();
    shop.sell(&cart, minh, at(28, 10, 40));
    // S3 28/11 10:55 Lan: 0,5 kg E + 1 D = 345.000 less 5.000 on the order, by card.
    let mut cart = shop.cart("s3", &[("E", 500), ("D", 1000)], 28);
    cart.set_order_discount(Some(Discount::Amount(Vnd(5_000))), policy, None)
        .unwrap();
    cart.pay(Method::Card, None).unwrap();
    shop.sell(&cart, lan, at(28, 10, 55));
    // S4 29/11 08:05 Minh: 1 C + 2 D = 160.000 by e-wallet.
    let mut cart = shop.cart("s4", &[("C", 1000), ("D", 2000)], 29);
    cart.pay(Method::Ewallet, None).unwrap();
    shop.sell(&cart, minh, at(29, 8, 5));
    // S5 29/11 14:30 Lan: 2 A = 900.000, cash 500.000 + card 400.000.
    let mut cart = shop.cart("s5", &[("A", 2000)], 29);
    cart.pay(Method::Cash, Some(Vnd(500_000))).unwrap();
    cart.pay(Method::Card, None).unwrap();
    shop.sell(&cart, lan, at(29, 14, 30));
    // R1 29/11 16:00 Minh, approved by Hoa: one bottle of S2 back, 225.000, paid back VietQR first.
    let approval = users::approve(
        &shop.conn,
        "Hoa",
        "8642",
        LockoutPolicy::default(),
        at(29, 16, 0),
    )
    .unwrap();
    let back = refund::refund(
        &mut shop.conn,
        &refund::Request {
            refund_id: "r1".into(),
            original_receipt: format!("{POINT}-000002"),
            lines: vec![(1, Qty::ONE)],
            payout: Vec::new(),
            reason: "khách đổi ý".into(),
        },
        &sales::Context {
            point_code: POINT.into(),
            user: minh,
            at: at(29, 16, 0),
        },
        approval,
    )
    .unwrap();
    assert_eq!(back.total, Vnd(-225_000));
    // S6 30/11 09:00 Lan: 1 D, outside the period reported.
    let mut cart = shop.cart("s6", &[("D", 1000)], 30);
    cart.pay(Method::Cash, None).unwrap();
    shop.sell(&cart, lan, at(30, 9, 0));
    assert_eq!(check::run(&shop.conn).unwrap(), Vec::<String>::new());
    shop
}

impl Shop {
    fn cart(&self, id: &str, lines: &[(&str, i64)], day: u32) -> Cart {
        let mut cart = Cart::new(id.into());
        for (key, milli) in lines {
            let item = catalog::sale_item(&self.conn, self.ids[key], date(day)).unwrap();
            cart.add(item, Qty(*milli), "").unwrap();
        }
        cart
    }

    fn sell(&mut self, cart: &Cart, user: UserId, at: DateTime<FixedOffset>) {
        let ctx = sales::Context {
            point_code: POINT.into(),
            user,
            at,
        };
        sales::complete(&mut self.conn, cart, &ctx).unwrap();
    }
}
