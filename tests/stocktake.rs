//! Stock takes on a real till database: a count opened for one producer while selling goes on, counts
//! typed and scanned (scale labels add their weight), goods found outside the scope, variances valued
//! at lot cost or retail price, and posting with a manager's approval — every figure worked out by
//! hand. Negative counts, posting twice and counting into a posted count are refused with nothing
//! written; the command line does a whole count.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use ocop_pos::domain::auth::{Role, UserId};
use ocop_pos::domain::barcode::{self, BarcodeRules};
use ocop_pos::domain::cart::Cart;
use ocop_pos::domain::lot::Owner;
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::qty::Qty;
use ocop_pos::setup::{self, FirstRun};
use ocop_pos::store::documents::DocumentError;
use ocop_pos::store::settings::PointProfile;
use ocop_pos::store::stocktake::{self, Entry, Filter, StocktakeError, ValueBasis};
use ocop_pos::store::users::LockoutPolicy;
use ocop_pos::store::{self, audit, catalog, check, lots, sales, shifts, stock, users};
use rusqlite::Connection;

const TOI: &str = "TOI-LYSON-PHUSINH-KG"; // Tỏi Lý Sơn, weighed (PLU 102), 180.000 ₫/kg
const TOI_PLU: u32 = 102;
const TOIDEN: &str = "TOIDEN-CODON-PS-250"; // Tỏi đen cô đơn, 380.000 ₫
const TOIDEN_BARCODE: &str = "2900000000452";
const CAOTOIDEN: &str = "CAOTOIDEN-PS-100"; // Cao tỏi đen, 450.000 ₫
const CAO_DANG_SAM: &str = "2900000000018"; // Cao đảng sâm (HTX-DUCHUY), 450.000 ₫

fn at(hour: u32, minute: u32, second: u32) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(7 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 12, 1, hour, minute, second)
        .unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

struct Till {
    conn: Connection,
    clerk: UserId,
    rules: BarcodeRules,
    carts: u32,
}

impl Till {
    fn new(dir: &Path) -> Till {
        let mut conn = store::open(&dir.join("till.db")).unwrap();
        setup::first_run(
            &mut conn,
            &FirstRun {
                point: PointProfile {
                    code: "DN-HOIAN-01".into(),
                    name: "Trung tâm OCOP Hội An".into(),
                    address: String::new(),
                    tax_code: String::new(),
                },
                admin_name: "admin".into(),
                admin_pin: "9999".into(),
                sample: true,
            },
            at(7, 0, 0),
        )
        .unwrap();
        let clerk = users::add(&conn, "Lan", Role::Clerk, "2468", None, at(7, 0, 0)).unwrap();
        users::add(&conn, "Minh", Role::Manager, "1357", None, at(7, 0, 0)).unwrap();
        shifts::open(
            &mut conn,
            &shifts::Opening {
                point_code: "DN-HOIAN-01".into(),
                user: clerk,
                float: Vnd(500_000),
                at: at(7, 30, 0),
            },
        )
        .unwrap();
        Till {
            conn,
            clerk,
            rules: BarcodeRules::default(),
            carts: 0,
        }
    }

    fn id(&self, code: &str) -> i64 {
        self.conn
            .query_row("SELECT id FROM products WHERE code = ?1", [code], |r| {
                r.get(0)
            })
            .unwrap()
    }

    /// Puts `qty` of a product on the shelf, in a new lot when `lot` is given.
    fn put(&mut self, code: &str, qty: i64, lot: Option<(&str, NaiveDate, i64)>) -> Option<i64> {
        let product_id = self.id(code);
        let tx = self.conn.transaction().unwrap();
        let lot_id = lot.map(|(lot_no, expiry, cost)| {
            lots::create(
                &tx,
                &lots::NewLot {
                    product_id,
                    lot_no,
                    expiry: Some(expiry),
                    owner: Owner::Owned,
                    producer_id: None,
                    unit_cost: Vnd(cost),
                    document_id: None,
                    at: at(7, 45, 0),
                },
            )
            .unwrap()
        });
        let kind = if lot.is_some() {
            stock::MoveKind::Receive
        } else {
            stock::MoveKind::Opening
        };
        stock::apply(
            &tx,
            &stock::Move {
                lot_id,
                ..stock::Move::new(product_id, Qty(qty), kind, at(7, 45, 0))
            },
        )
        .unwrap();
        tx.commit().unwrap();
        lot_id
    }

    /// Sells `qty` of what `code` (a barcode or a scale label) stands for, paid in cash.
    fn sell(&mut self, code: &str, qty: Option<Qty>, when: DateTime<FixedOffset>) {
        self.carts += 1;
        let mut cart = Cart::new(format!("cart-{}", self.carts));
        let found = catalog::resolve(&self.conn, code, &self.rules, when.date_naive()).unwrap();
        cart.add(found.item, qty.unwrap_or(found.qty), code)
            .unwrap();
        cart.pay(Method::Cash, None).unwrap();
        let ctx = sales::Context {
            point_code: "DN-HOIAN-01".into(),
            user: self.clerk,
            at: when,
        };
        sales::complete(&mut self.conn, &cart, &ctx).unwrap();
    }

    fn on_hand(&self, code: &str) -> Qty {
        stock::on_hand(&self.conn, self.id(code)).unwrap()
    }

    fn lot(&self, lot_id: i64) -> Qty {
        lots::get(&self.conn, lot_id).unwrap().unwrap().qty
    }

    fn count(&mut self, number: &str, code: &str, entry: Entry, when: DateTime<FixedOffset>) {
        stocktake::count(&mut self.conn, number, code, entry, &self.rules, when).unwrap();
    }

    fn rows(&self, sql: &str) -> i64 {
        self.conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }
}

fn weight_label(grams: i64) -> String {
    let rules = BarcodeRules::default();
    barcode::encode_in_store(rules.layout(20).unwrap(), TOI_PLU, grams).unwrap()
}

#[test]
fn a_count_with_sales_during_it_posts_to_the_exact_figures() {
    let dir = tempfile::tempdir().unwrap();
    let mut till = Till::new(dir.path());
    let garlic = till.put(TOI, 5_000, Some(("T-01", date(2027, 1, 15), 120_000)));
    let late = till.put(TOIDEN, 8_000, Some(("D-01", date(2027, 5, 1), 250_000)));
    let early = till.put(TOIDEN, 4_000, Some(("D-02", date(2027, 2, 1), 260_000)));
    till.put(CAOTOIDEN, 6_000, None);

    // 09:00: the count of producer CTY-PHUSINH opens with what is on hand.
    let filter = Filter {
        producer: Some("cty-phusinh".into()),
        ..Filter::default()
    };
    let opened = stocktake::open(&mut till.conn, &filter, Some(till.clerk), at(9, 0, 0)).unwrap();
    assert_eq!(opened.header.number, "KK-000001");
    assert_eq!(opened.lines, 3);
    let report = stocktake::show(&till.conn, "KK-000001").unwrap();
    assert_eq!(report.scope, "nhà sản xuất CTY-PHUSINH");
    let expected: Vec<(&str, Qty)> = report
        .lines
        .iter()
        .map(|l| (l.product_code.as_str(), l.expected_at_open))
        .collect();
    assert_eq!(
        expected,
        [
            (CAOTOIDEN, Qty(6_000)),
            (TOI, Qty(5_000)),
            (TOIDEN, Qty(12_000))
        ]
    );

    // 09:30, before anything is counted: two jars of tỏi đen and 0,75 kg of garlic are sold.
    till.sell(TOIDEN_BARCODE, Some(Qty(2_000)), at(9, 30, 0));
    till.sell(&weight_label(750), None, at(9, 31, 0));
    // 10:00: 9 jars of tỏi đen on the shelf, where the records hold 10.
    till.count("KK-000001", TOIDEN, Entry::Set(Qty(9_000)), at(10, 0, 0));
    // 10:10 and 10:11: two scale labels of garlic, 2,000 and 2,100 kg; 0,5 kg is sold between them,
    // so the line compares with the stock at its second count (3,75 kg), not its first.
    till.count(
        "KK-000001",
        &weight_label(2_000),
        Entry::Scan,
        at(10, 10, 0),
    );
    till.sell(&weight_label(500), None, at(10, 10, 30));
    till.count(
        "KK-000001",
        &weight_label(2_100),
        Entry::Scan,
        at(10, 11, 0),
    );
    // 10:15: a negative count is refused and changes nothing.
    let refused = stocktake::count(
        &mut till.conn,
        "KK-000001",
        TOIDEN,
        Entry::Set(Qty(-1_000)),
        &till.rules,
        at(10, 15, 0),
    )
    .unwrap_err();
    assert!(
        matches!(
            refused,
            store::Error::Stocktake(StocktakeError::NegativeCount(Qty(-1_000)))
        ),
        "{refused:?}"
    );
    assert!(refused.to_string().contains("không được âm"), "{refused}");
    // 10:20: a jar of cao đảng sâm (another producer's, nothing on record) is found on the shelf.
    let found = stocktake::count(
        &mut till.conn,
        "KK-000001",
        CAO_DANG_SAM,
        Entry::Scan,
        &till.rules,
        at(10, 20, 0),
    )
    .unwrap();
    assert!(found.found);
    assert_eq!((found.line_no, found.counted), (4, Qty(1_000)));
    // 11:00, after counting: 3 more jars and 1 kg of garlic are sold.
    till.sell(TOIDEN_BARCODE, Some(Qty(3_000)), at(11, 0, 0));
    till.sell(&weight_label(1_000), None, at(11, 5, 0));
    assert_eq!(till.on_hand(TOIDEN), Qty(7_000));
    assert_eq!(till.on_hand(TOI), Qty(2_750));
    // Sales drew first-expiry-first-out: D-02 is empty, D-01 gave one jar.
    assert_eq!(till.lot(early.unwrap()), Qty(0));
    assert_eq!(till.lot(late.unwrap()), Qty(7_000));

    let report = stocktake::show(&till.conn, "KK-000001").unwrap();
    let line = |code: &str| {
        report
            .lines
            .iter()
            .find(|l| l.product_code == code)
            .unwrap()
            .clone()
    };
    let toiden = line(TOIDEN);
    assert_eq!(toiden.counted, Some(Qty(9_000)));
    assert_eq!(toiden.expected_at_count, Some(Qty(10_000)));
    assert_eq!(toiden.variance, Some(Qty(-1_000)));
    // Valued at the cost of the lot still holding stock (D-01, 250.000 ₫).
    assert_eq!(
        (toiden.unit_value, toiden.value_basis),
        (Vnd(250_000), ValueBasis::Cost)
    );
    assert_eq!(toiden.variance_value, Some(Vnd(-250_000)));
    assert_eq!(
        toiden.counted_at.as_deref(),
        Some("2026-12-01T10:00:00+07:00")
    );
    let toi = line(TOI);
    assert_eq!(toi.counted, Some(Qty(4_100)));
    assert_eq!(toi.counted_at.as_deref(), Some("2026-12-01T10:11:00+07:00"));
    assert_eq!(toi.expected_at_count, Some(Qty(3_750)));
    assert_eq!(toi.variance, Some(Qty(350)));
    assert_eq!(toi.variance_value, Some(Vnd(42_000))); // 0,35 kg × 120.000 ₫
    let cao = line("DS-CAO-DUCHUY-100");
    assert!(cao.found);
    assert_eq!(cao.note, stocktake::FOUND_NOTE);
    assert_eq!(
        (cao.expected_at_open, cao.expected_at_count),
        (Qty(0), Some(Qty(0)))
    );
    // No lot of it has a cost: its retail price is used, and the report says so.
    assert_eq!(
        (cao.unit_value, cao.value_basis),
        (Vnd(450_000), ValueBasis::Retail)
    );
    assert_eq!(cao.variance_value, Some(Vnd(450_000)));
    let uncounted = line(CAOTOIDEN);
    assert_eq!((uncounted.counted, uncounted.variance), (None, None));
    assert_eq!(report.totals.counted_lines, 3);
    assert_eq!(report.totals.uncounted_lines, 1);
    assert_eq!(report.totals.found_lines, 1);
    assert_eq!(report.totals.shortage_value, Vnd(-250_000));
    assert_eq!(report.totals.surplus_value, Vnd(492_000));
    assert_eq!(report.totals.net_value, Vnd(242_000));
    assert_eq!(
        (report.totals.cost_lines, report.totals.retail_lines),
        (2, 1)
    );

    // Posting needs a manager; it writes the variances as count moves.
    let approval = users::approve(
        &till.conn,
        "Minh",
        "1357",
        LockoutPolicy::default(),
        at(12, 0, 0),
    )
    .unwrap();
    let posted =
        stocktake::post(&mut till.conn, "KK-000001", &approval, None, at(12, 0, 0)).unwrap();
    assert_eq!(posted.counted_lines, 3);
    assert_eq!(posted.changed_lines, 3);
    assert_eq!(posted.uncounted, [CAOTOIDEN]);
    assert_eq!(posted.net_value, Vnd(242_000));
    // On hand = counted − sold after counting; the uncounted product is untouched.
    assert_eq!(till.on_hand(TOIDEN), Qty(9_000 - 3_000));
    assert_eq!(till.on_hand(TOI), Qty(4_100 - 1_000));
    assert_eq!(till.on_hand("DS-CAO-DUCHUY-100"), Qty(1_000));
    assert_eq!(till.on_hand(CAOTOIDEN), Qty(6_000));
    // The missing jar came out of the lot holding stock; the extra garlic went into its lot.
    assert_eq!(till.lot(late.unwrap()), Qty(6_000));
    assert_eq!(till.lot(early.unwrap()), Qty(0));
    assert_eq!(till.lot(garlic.unwrap()), Qty(3_100));
    let moves: Vec<(i64, Option<i64>)> = till
        .conn
        .prepare(
            "SELECT qty_milli, lot_id FROM stock_moves WHERE kind = 'count'
             AND reference = 'KK-000001' ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(moves, [(350, garlic), (-1_000, late), (1_000, None)]);
    let audit = audit::recent(&till.conn, 1).unwrap().remove(0);
    assert_eq!(
        (audit.action.as_str(), audit.subject.as_str()),
        ("document_posted", "KK-000001")
    );
    assert_eq!(audit.approved_by, Some(approval.manager()));

    // The posted count shows the same figures, and says the uncounted line was left unchanged.
    let after = stocktake::show(&till.conn, "KK-000001").unwrap();
    assert_eq!(after.status, "posted");
    assert_eq!(after.totals, report.totals);
    let variances: Vec<Option<Qty>> = after.lines.iter().map(|l| l.variance).collect();
    assert_eq!(
        variances,
        report.lines.iter().map(|l| l.variance).collect::<Vec<_>>()
    );
    assert!(
        after.lines[0].note.contains("giữ nguyên"),
        "{:?}",
        after.lines[0]
    );

    // Posting twice, or counting into the posted count: refused, nothing written.
    let moves_before = till.rows("SELECT COUNT(*) FROM stock_moves");
    let audits_before = till.rows("SELECT COUNT(*) FROM audit");
    let twice =
        stocktake::post(&mut till.conn, "KK-000001", &approval, None, at(12, 5, 0)).unwrap_err();
    assert!(
        matches!(
            twice,
            store::Error::Stocktake(StocktakeError::AlreadyPosted { .. })
        ),
        "{twice:?}"
    );
    assert!(twice.to_string().contains("đã ghi sổ"), "{twice}");
    let late_count = stocktake::count(
        &mut till.conn,
        "KK-000001",
        TOIDEN,
        Entry::Scan,
        &till.rules,
        at(12, 6, 0),
    );
    assert!(late_count.is_err());
    assert_eq!(till.rows("SELECT COUNT(*) FROM stock_moves"), moves_before);
    assert_eq!(till.rows("SELECT COUNT(*) FROM audit"), audits_before);
    assert_eq!(till.on_hand(TOIDEN), Qty(6_000));
    assert_eq!(check::run(&till.conn).unwrap(), Vec::<String>::new());
}

#[test]
fn scans_add_one_filters_pick_the_products_and_bad_requests_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut till = Till::new(dir.path());
    let d1 = till.put(TOIDEN, 4_000, Some(("D-01", date(2027, 5, 1), 250_000)));
    till.put(TOIDEN, 6_000, Some(("D-02", date(2027, 6, 1), 300_000)));

    // A search ignores diacritics and case: "TOI DEN" finds the two Tỏi đen and the Cao tỏi đen.
    let search = Filter {
        search: Some("TOI DEN".into()),
        ..Filter::default()
    };
    let opened = stocktake::open(&mut till.conn, &search, None, at(9, 0, 0)).unwrap();
    assert_eq!(opened.lines, 3);
    let report = stocktake::show(&till.conn, "KK-000001").unwrap();
    let codes: Vec<&str> = report
        .lines
        .iter()
        .map(|l| l.product_code.as_str())
        .collect();
    assert_eq!(codes, [CAOTOIDEN, TOIDEN, "TOIDEN-DORI-200"]);
    // Those products are on an open count: a second count of them is refused.
    let again = stocktake::open(&mut till.conn, &Filter::default(), None, at(9, 1, 0)).unwrap_err();
    assert!(again.to_string().contains("KK-000001"), "{again}");
    // Nothing counted yet: nothing to post.
    let approval = users::approve(
        &till.conn,
        "Minh",
        "1357",
        LockoutPolicy::default(),
        at(9, 2, 0),
    )
    .unwrap();
    let empty = stocktake::post(&mut till.conn, "KK-000001", &approval, None, at(9, 2, 0));
    assert!(matches!(
        empty,
        Err(store::Error::Stocktake(StocktakeError::NothingCounted(_)))
    ));
    // Three scans of the barcode: three jars.
    for second in 0..3 {
        till.count("KK-000001", TOIDEN_BARCODE, Entry::Scan, at(9, 10, second));
    }
    let report = stocktake::show(&till.conn, "KK-000001").unwrap();
    let line = report
        .lines
        .iter()
        .find(|l| l.product_code == TOIDEN)
        .unwrap();
    assert_eq!(line.counted, Some(Qty(3_000)));
    assert_eq!(line.variance, Some(Qty(-7_000)));
    // Two costed lots on hand: (4 × 250.000 + 6 × 300.000) / 10 = 280.000 ₫ a jar.
    assert_eq!(
        (line.unit_value, line.value_basis),
        (Vnd(280_000), ValueBasis::Cost)
    );
    assert_eq!(line.variance_value, Some(Vnd(-1_960_000)));
    // A typed quantity replaces the scans; "1,5" style quantities reach here parsed.
    till.count(
        "KK-000001",
        TOIDEN,
        Entry::Set("10".parse().unwrap()),
        at(9, 20, 0),
    );
    let line_qty: i64 = till.rows(
        "SELECT qty_milli FROM document_lines l JOIN documents d ON d.id = l.document_id
         WHERE d.number = 'KK-000001' AND l.line_no = 2",
    );
    assert_eq!(line_qty, 10_000);
    let posted =
        stocktake::post(&mut till.conn, "KK-000001", &approval, None, at(9, 30, 0)).unwrap();
    assert_eq!((posted.counted_lines, posted.changed_lines), (1, 0));
    assert_eq!(
        till.rows("SELECT COUNT(*) FROM stock_moves WHERE kind = 'count'"),
        0
    );
    assert_eq!(till.lot(d1.unwrap()), Qty(4_000));

    // Filters: an OCOP group and a producer that does not exist; a group that does not exist.
    let group = Filter {
        group: Some(1),
        producer: Some("CTY-PHUSINH".into()),
        ..Filter::default()
    };
    let opened = stocktake::open(&mut till.conn, &group, None, at(10, 0, 0)).unwrap();
    assert_eq!(opened.header.number, "KK-000002");
    let report = stocktake::show(&till.conn, "KK-000002").unwrap();
    let codes: Vec<&str> = report
        .lines
        .iter()
        .map(|l| l.product_code.as_str())
        .collect();
    assert_eq!(codes, [TOI, TOIDEN]);
    assert!(report.scope.contains("nhóm 1"), "{}", report.scope);
    let unknown = Filter {
        producer: Some("KHONG-CO".into()),
        ..Filter::default()
    };
    assert!(matches!(
        stocktake::open(&mut till.conn, &unknown, None, at(10, 1, 0)),
        Err(store::Error::UnknownProducer(_))
    ));
    let bad_group = Filter {
        group: Some(9),
        ..Filter::default()
    };
    assert!(stocktake::open(&mut till.conn, &bad_group, None, at(10, 1, 0)).is_err());
    let nothing = Filter {
        search: Some("khong co mon nay".into()),
        ..Filter::default()
    };
    let empty = stocktake::open(&mut till.conn, &nothing, None, at(10, 1, 0)).unwrap_err();
    assert!(empty.to_string().contains("khong co mon nay"), "{empty}");
    // An unknown code counts nothing; an unknown count number is named.
    assert!(
        stocktake::count(
            &mut till.conn,
            "KK-000002",
            "KHONG-CO",
            Entry::Scan,
            &till.rules,
            at(10, 2, 0)
        )
        .is_err()
    );
    let missing = stocktake::show(&till.conn, "KK-000099").unwrap_err();
    assert!(matches!(
        missing,
        store::Error::Document(DocumentError::Unknown(_))
    ));
    assert_eq!(
        till.rows(
            "SELECT COUNT(*) FROM document_lines l JOIN documents d ON d.id = l.document_id
             WHERE d.number = 'KK-000002' AND l.qty_milli IS NOT NULL"
        ),
        0
    );
    assert_eq!(till.rows("SELECT COUNT(*) FROM documents"), 2);

    // A count given up is cancelled: it cannot be posted, and its products can be counted again.
    let cancelled = stocktake::cancel(&till.conn, "KK-000002").unwrap();
    assert_eq!(cancelled.status, "cancelled");
    let refused = stocktake::post(&mut till.conn, "KK-000002", &approval, None, at(10, 3, 0));
    assert!(matches!(
        refused,
        Err(store::Error::Document(DocumentError::NotDraft(_)))
    ));
    let reopened = stocktake::open(&mut till.conn, &group, None, at(10, 4, 0)).unwrap();
    assert_eq!(reopened.header.number, "KK-000003");
    assert!(matches!(
        stocktake::cancel(&till.conn, "KK-000001"),
        Err(store::Error::Stocktake(
            StocktakeError::AlreadyPosted { .. }
        ))
    ));
    assert_eq!(check::run(&till.conn).unwrap(), Vec::<String>::new());
}

#[test]
fn a_sale_stamped_at_the_count_came_before_it_and_a_late_clock_does_not_move_posted_figures() {
    let dir = tempfile::tempdir().unwrap();
    let mut till = Till::new(dir.path());
    till.put(TOIDEN, 5_000, None);
    let filter = Filter {
        search: Some("toi den co don".into()),
        ..Filter::default()
    };
    stocktake::open(&mut till.conn, &filter, None, at(9, 0, 0)).unwrap();
    // Sold at the very second of the count: the jar was already gone from the shelf.
    till.sell(TOIDEN_BARCODE, Some(Qty::ONE), at(10, 0, 0));
    till.count("KK-000001", TOIDEN, Entry::Set(Qty(3_000)), at(10, 0, 0));
    let line = stocktake::show(&till.conn, "KK-000001")
        .unwrap()
        .lines
        .remove(0);
    assert_eq!(line.expected_at_count, Some(Qty(4_000)));
    assert_eq!(line.variance, Some(Qty(-1_000)));
    // The till's clock was set back before posting: the count's own move is stamped before the
    // count, yet the figures stay those counted.
    let approval = users::approve(
        &till.conn,
        "Minh",
        "1357",
        LockoutPolicy::default(),
        at(9, 30, 0),
    )
    .unwrap();
    stocktake::post(&mut till.conn, "KK-000001", &approval, None, at(9, 30, 0)).unwrap();
    assert_eq!(till.on_hand(TOIDEN), Qty(3_000));
    let line = stocktake::show(&till.conn, "KK-000001")
        .unwrap()
        .lines
        .remove(0);
    assert_eq!(line.expected_at_count, Some(Qty(4_000)));
    assert_eq!(line.variance, Some(Qty(-1_000)));
    assert_eq!(check::run(&till.conn).unwrap(), Vec::<String>::new());
}

const EXE: &str = env!("CARGO_BIN_EXE_ocop-pos");

fn run(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(EXE)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that needs no input may exit before reading it: a closed pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_count_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(&run(
        d,
        &["init", "--sample", "--point-code", "DN-HOIAN-01"],
        "9999\n",
    ));
    ok(&run(
        d,
        &["users", "add", "Minh", "--role", "manager"],
        "1357\n",
    ));
    {
        let conn = store::open(&d.join("till.db")).unwrap();
        let id: i64 = conn
            .query_row("SELECT id FROM products WHERE code = ?1", [TOIDEN], |r| {
                r.get(0)
            })
            .unwrap();
        // Stamped well before the command line's own clock, so it comes before any count.
        let long_ago = FixedOffset::east_opt(7 * 3600)
            .unwrap()
            .with_ymd_and_hms(2020, 1, 1, 8, 0, 0)
            .unwrap();
        stock::apply(
            &conn,
            &stock::Move::new(id, Qty(5_000), stock::MoveKind::Opening, long_ago),
        )
        .unwrap();
    }
    let opened = ok(&run(
        d,
        &["stocktake", "open", "--producer", "CTY-PHUSINH"],
        "",
    ));
    assert!(opened.contains("KK-000001"), "{opened}");
    assert!(opened.contains("3 sản phẩm"), "{opened}");
    let scanned = ok(&run(
        d,
        &["stocktake", "count", "KK-000001", TOIDEN_BARCODE],
        "",
    ));
    assert!(scanned.contains("đã đếm 1"), "{scanned}");
    ok(&run(
        d,
        &["stocktake", "count", "KK-000001", TOIDEN_BARCODE],
        "",
    ));
    let typed = ok(&run(
        d,
        &["stocktake", "count", "KK-000001", TOI, "--qty", "1,5"],
        "",
    ));
    assert!(typed.contains("1,5"), "{typed}");
    let negative = run(
        d,
        &["stocktake", "count", "KK-000001", TOI, "--qty", "-2"],
        "",
    );
    assert!(!negative.status.success());
    assert!(String::from_utf8_lossy(&negative.stderr).contains("không được âm"));
    let table = ok(&run(d, &["stocktake", "show", "KK-000001"], ""));
    assert!(table.contains(TOIDEN) && table.contains("-3"), "{table}");
    assert!(table.contains("giá bán lẻ"), "{table}");
    let json = ok(&run(d, &["stocktake", "show", "KK-000001", "--json"], ""));
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["number"], "KK-000001");
    // 2 counted − 5 on hand = −3 jars at the retail 380.000 ₫; 1,5 kg garlic found at 180.000 ₫/kg.
    assert_eq!(report["totals"]["net_value"], -3 * 380_000 + 270_000);
    let wrong_pin = run(
        d,
        &["stocktake", "post", "KK-000001", "--manager", "Minh"],
        "0000\n",
    );
    assert!(!wrong_pin.status.success());
    let posted = ok(&run(
        d,
        &["stocktake", "post", "KK-000001", "--manager", "Minh"],
        "1357\n",
    ));
    assert!(posted.contains("KK-000001"), "{posted}");
    assert!(posted.contains("1 sản phẩm chưa đếm"), "{posted}");
    let twice = run(
        d,
        &["stocktake", "post", "KK-000001", "--manager", "Minh"],
        "1357\n",
    );
    assert!(!twice.status.success());
    assert!(String::from_utf8_lossy(&twice.stderr).contains("đã ghi sổ"));
    let conn = store::open(&d.join("till.db")).unwrap();
    let id: i64 = conn
        .query_row("SELECT id FROM products WHERE code = ?1", [TOIDEN], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(stock::on_hand(&conn, id).unwrap(), Qty(2_000));
    ok(&run(d, &["check"], ""));
}
