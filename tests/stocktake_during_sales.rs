//! Stock takes on a real till database while the counter sells: a count opened for one producer,
//! counts typed and scanned (scale labels add their weight), goods found outside the scope,
//! variances valued at lot cost or retail price, and posting with a manager's approval — every
//! figure worked out by hand. A negative count, posting twice and counting into a posted count are
//! refused with nothing written; a sale stamped at the very second of a count came before it, and a
//! clock set back does not move the posted figures.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::qty::Qty;
use ocop_pos::store::stocktake::{self, Entry, Filter, StocktakeError, ValueBasis};
use ocop_pos::store::users::LockoutPolicy;
use ocop_pos::store::{self, audit, check, users};

use common::stocktake_till::{
    CAO_DANG_SAM, CAOTOIDEN, TOI, TOIDEN, TOIDEN_BARCODE, Till, at, date, weight_label,
};

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
