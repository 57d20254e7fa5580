//! Opening and counting a stock take on a real till database: a search or filter picks the products
//! (ignoring diacritics and case; a product already on an open count is refused), each scan adds
//! one and a typed quantity replaces the scans; an empty scope, an unknown producer, code or count
//! is refused with nothing written, and a cancelled count cannot be posted but frees its products.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::qty::Qty;
use ocop_pos::store::documents::DocumentError;
use ocop_pos::store::stocktake::{self, Entry, Filter, StocktakeError, ValueBasis};
use ocop_pos::store::users::LockoutPolicy;
use ocop_pos::store::{self, check, users};

use common::stocktake_till::{CAOTOIDEN, TOI, TOIDEN, TOIDEN_BARCODE, Till, at, date};

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
