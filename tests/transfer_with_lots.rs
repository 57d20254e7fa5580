//! A transfer between two points, each with its own database: the centre sends goods drawn from lots
//! first-expiry-first-out (never expired ones), the booth imports the file and gets the same lots —
//! lot numbers, expiry, cost, and consigned goods still the producer's. A code is received once; a
//! file for another point, unknown products and short stock are refused with nothing written; the
//! sender sees the goods in transit until it marks them delivered.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use ocop_pos::domain::barcode::BarcodeRules;
use ocop_pos::domain::cart::Cart;
use ocop_pos::domain::lot::Owner;
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::qty::Qty;
use ocop_pos::store::documents::DocumentError;
use ocop_pos::store::transfer::{self, FileLine, FileLot, HandLine, TransferError};
use ocop_pos::store::{self, catalog, check, sales};

use common::transfer_till::{Put, QUE, RUOU, TOIDEN, Till, at, date, lot};

#[test]
fn goods_go_from_the_centre_to_a_booth_with_their_lots() {
    let dir_a = tempfile::tempdir().unwrap();
    let dir_b = tempfile::tempdir().unwrap();
    let mut centre = Till::new(dir_a.path(), "DN-HOIAN-01");
    let mut booth = Till::new(dir_b.path(), "DN-BOOTH-02");
    let owned = |lot_no, expiry, cost| Put {
        lot_no,
        expiry,
        owner: Owner::Owned,
        producer: "CTY-PHUSINH",
        cost,
    };
    centre.put(
        TOIDEN,
        2_000,
        Some(owned("D-00", date(2026, 11, 20), 240_000)),
    ); // expired
    centre.put(
        TOIDEN,
        8_000,
        Some(owned("D-01", date(2027, 5, 1), 250_000)),
    );
    centre.put(
        TOIDEN,
        4_000,
        Some(owned("D-02", date(2027, 2, 1), 260_000)),
    );
    let consigned = Put {
        lot_no: "Q-01",
        expiry: date(2028, 1, 1),
        owner: Owner::Consigned,
        producer: "HTX-QUEMINHPHUC",
        cost: 45_000,
    };
    centre.put(QUE, 10_000, Some(consigned));
    centre.put(RUOU, 20_000, None);

    // Bad requests are refused before anything is written.
    let before = centre.footprint();
    let short = transfer::parse_lines_csv(
        b"product_code,qty\nDS-RUOU-DUCHUY-500,1\nTOIDEN-CODON-PS-250,13\n",
    )
    .unwrap();
    let refused =
        transfer::send(&mut centre.conn, "DN-BOOTH-02", &short, None, at(1, 13, 0)).unwrap_err();
    // 14 jars on record, but 2 are expired and never sent: 12 cannot cover 13.
    let text = refused.to_string();
    assert!(
        text.contains("dòng 3") && text.contains("đã hết hạn"),
        "{text}"
    );
    let unknown =
        transfer::parse_lines_csv(b"product_code,qty\nKHONG-CO,1\nTOIDEN-CODON-PS-250,1\nXYZ,2\n")
            .unwrap();
    let refused = transfer::send(
        &mut centre.conn,
        "DN-BOOTH-02",
        &unknown,
        None,
        at(1, 13, 0),
    )
    .unwrap_err();
    let store::Error::Document(DocumentError::Lines(errors)) = &refused else {
        panic!("{refused:?}");
    };
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "dòng 2: không có sản phẩm mã \"KHONG-CO\"",
            "dòng 4: không có sản phẩm mã \"XYZ\""
        ]
    );
    assert!(matches!(
        transfer::send(&mut centre.conn, "dn-hoian-01", &short, None, at(1, 13, 0)),
        Err(store::Error::Transfer(TransferError::SamePoint(_)))
    ));
    assert!(matches!(
        transfer::send(&mut centre.conn, "ĐIỂM LẠ", &short, None, at(1, 13, 0)),
        Err(store::Error::Transfer(TransferError::BadPoint(_)))
    ));
    assert_eq!(centre.footprint(), before);

    // 14:00: the centre sends 6 jars of tỏi đen, 3 bottles of consigned tinh dầu quế and 2 of rượu.
    let csv =
        "product_code,qty\nTOIDEN-CODON-PS-250,6\nTDQUE-MINHPHUC-10,3\nDS-RUOU-DUCHUY-500,2\n";
    let lines = transfer::parse_lines_csv(csv.as_bytes()).unwrap();
    let file = transfer::send(&mut centre.conn, "DN-BOOTH-02", &lines, None, at(1, 14, 0)).unwrap();
    assert_eq!(file.schema, "ocop.transfer");
    assert_eq!(file.version, 1);
    assert_eq!(file.code, "DN-HOIAN-01-XC-000001");
    assert_eq!(
        (file.from_point.as_str(), file.to_point.as_str()),
        ("DN-HOIAN-01", "DN-BOOTH-02")
    );
    assert_eq!(file.number, "XC-000001");
    let sent: Vec<(u32, &str, i64, Option<FileLot>)> = file
        .lines
        .iter()
        .map(|l: &FileLine| {
            (
                l.line_no,
                l.product_code.as_str(),
                l.qty_milli,
                l.lot.clone(),
            )
        })
        .collect();
    assert_eq!(
        sent,
        [
            // First expiry first: D-02 (Feb 2027) is emptied, D-01 gives the rest; D-00 is expired.
            (
                1,
                TOIDEN,
                4_000,
                Some(lot(
                    "D-02",
                    date(2027, 2, 1),
                    Owner::Owned,
                    "CTY-PHUSINH",
                    260_000
                ))
            ),
            (
                2,
                TOIDEN,
                2_000,
                Some(lot(
                    "D-01",
                    date(2027, 5, 1),
                    Owner::Owned,
                    "CTY-PHUSINH",
                    250_000
                ))
            ),
            (
                3,
                QUE,
                3_000,
                Some(lot(
                    "Q-01",
                    date(2028, 1, 1),
                    Owner::Consigned,
                    "HTX-QUEMINHPHUC",
                    45_000
                ))
            ),
            (4, RUOU, 2_000, None),
        ]
    );
    assert_eq!(centre.on_hand(TOIDEN), Qty(8_000));
    assert_eq!(centre.on_hand(QUE), Qty(7_000));
    assert_eq!(centre.on_hand(RUOU), Qty(18_000));
    let centre_lots: Vec<(String, Qty)> = centre
        .lots(TOIDEN)
        .into_iter()
        .map(|l| (l.0, l.5))
        .collect();
    assert_eq!(
        centre_lots,
        [
            ("D-00".into(), Qty(2_000)),
            ("D-01".into(), Qty(6_000)),
            ("D-02".into(), Qty(0))
        ]
    );
    let moved: (i64, i64) = centre
        .conn
        .query_row(
            "SELECT COUNT(*), SUM(qty_milli) FROM stock_moves
             WHERE kind = 'transfer_out' AND reference = 'DN-HOIAN-01-XC-000001'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(moved, (4, -11_000));
    // It can be exported again, identical.
    assert_eq!(transfer::export(&centre.conn, "XC-000001").unwrap(), file);

    // In transit on the centre until the booth confirms.
    let transit = transfer::in_transit(&centre.conn).unwrap();
    assert_eq!(transit.len(), 1);
    assert_eq!(transit[0].code, "DN-HOIAN-01-XC-000001");
    assert_eq!(transit[0].to_point, "DN-BOOTH-02");
    let qty: Vec<(&str, Qty)> = transit[0]
        .lines
        .iter()
        .map(|l| (l.product_code.as_str(), l.qty))
        .collect();
    assert_eq!(
        qty,
        [(TOIDEN, Qty(6_000)), (QUE, Qty(3_000)), (RUOU, Qty(2_000))]
    );

    // The file travels on a USB stick.
    let path = dir_a.path().join("chuyen-kho.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&file).unwrap()).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(json["schema"], "ocop.transfer");
    assert_eq!(json["lines"][2]["lot"]["owner"], "consigned");
    let arrived = transfer::parse_file(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(arrived, file);

    // The booth refuses a file meant for another point.
    let mut elsewhere = arrived.clone();
    elsewhere.to_point = "DN-FAIR-03".into();
    let before = booth.footprint();
    let refused = transfer::receive(&mut booth.conn, &elsewhere, None, at(2, 9, 0)).unwrap_err();
    assert!(
        matches!(
            refused,
            store::Error::Transfer(TransferError::WrongPoint { .. })
        ),
        "{refused:?}"
    );
    assert!(refused.to_string().contains("DN-FAIR-03"), "{refused}");
    assert_eq!(booth.footprint(), before);

    // 2 December, 09:00: the booth receives it.
    let received = transfer::receive(&mut booth.conn, &arrived, None, at(2, 9, 0)).unwrap();
    assert_eq!(received.header.number, "NC-000001");
    assert_eq!(received.header.status, "posted");
    assert_eq!(received.header.external_ref, "DN-HOIAN-01-XC-000001");
    assert_eq!(received.header.counterpart, "DN-HOIAN-01");
    assert_eq!((received.lines, received.lots), (4, 3));
    assert_eq!(booth.on_hand(TOIDEN), Qty(6_000));
    assert_eq!(booth.on_hand(QUE), Qty(3_000));
    assert_eq!(booth.on_hand(RUOU), Qty(2_000));
    assert_eq!(
        booth.lots(TOIDEN),
        [
            (
                "D-02".into(),
                Some(date(2027, 2, 1)),
                Owner::Owned,
                "CTY-PHUSINH".into(),
                Vnd(260_000),
                Qty(4_000)
            ),
            (
                "D-01".into(),
                Some(date(2027, 5, 1)),
                Owner::Owned,
                "CTY-PHUSINH".into(),
                Vnd(250_000),
                Qty(2_000)
            ),
        ]
    );
    // Consigned goods are still the producer's, at the agreed price.
    assert_eq!(
        booth.lots(QUE),
        [(
            "Q-01".into(),
            Some(date(2028, 1, 1)),
            Owner::Consigned,
            "HTX-QUEMINHPHUC".into(),
            Vnd(45_000),
            Qty(3_000)
        )]
    );
    assert!(booth.lots(RUOU).is_empty());

    // The booth sells a jar: first expiry first, from the February lot it received.
    let rules = BarcodeRules::default();
    let found = catalog::resolve(&booth.conn, TOIDEN, &rules, date(2026, 12, 2)).unwrap();
    let mut cart = Cart::new("booth-1".into());
    cart.add(found.item, Qty::ONE, TOIDEN).unwrap();
    cart.pay(Method::Cash, None).unwrap();
    let ctx = sales::Context {
        point_code: "DN-BOOTH-02".into(),
        user: booth.clerk,
        at: at(2, 10, 0),
    };
    sales::complete(&mut booth.conn, &cart, &ctx).unwrap();
    let left: Vec<Qty> = booth.lots(TOIDEN).into_iter().map(|l| l.5).collect();
    assert_eq!(left, [Qty(3_000), Qty(2_000)]);

    // The same code again — the file re-imported, or typed by hand — is refused, naming NC-000001.
    let before = booth.footprint();
    let twice = transfer::receive(&mut booth.conn, &arrived, None, at(2, 11, 0)).unwrap_err();
    assert!(
        matches!(&twice, store::Error::Transfer(TransferError::AlreadyReceived { number, .. }) if number == "NC-000001"),
        "{twice:?}"
    );
    assert!(twice.to_string().contains("NC-000001"), "{twice}");
    let typed = transfer::by_hand(
        &booth.conn,
        "dn-hoian-01-xc-000001",
        &[HandLine {
            product_code: RUOU.into(),
            qty_milli: 2_000,
            lot: None,
        }],
    )
    .unwrap();
    let twice = transfer::receive(&mut booth.conn, &typed, None, at(2, 11, 0)).unwrap_err();
    assert!(twice.to_string().contains("NC-000001"), "{twice}");
    assert_eq!(booth.footprint(), before);
    assert_eq!(booth.on_hand(RUOU), Qty(2_000));

    // Unknown products in a file are named by line, and nothing is written.
    let mut strange = arrived.clone();
    strange.code = "DN-HOIAN-01-XC-000002".into();
    strange.lines[0].product_code = "KHONG-CO".into();
    strange.lines[2].product_code = "XYZ".into();
    let refused = transfer::receive(&mut booth.conn, &strange, None, at(2, 12, 0)).unwrap_err();
    let store::Error::Document(DocumentError::Lines(errors)) = &refused else {
        panic!("{refused:?}");
    };
    let named: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(named.len(), 2, "{named:?}");
    assert!(
        named[0].starts_with("dòng 1: ") && named[0].contains("KHONG-CO"),
        "{named:?}"
    );
    assert!(
        named[1].starts_with("dòng 3: ") && named[1].contains("XYZ"),
        "{named:?}"
    );
    assert_eq!(booth.footprint(), before);

    // A transfer typed by hand from a paper note: consigned goods need their producer.
    let no_producer = transfer::by_hand(
        &booth.conn,
        "DN-HOIAN-01-XC-000007",
        &[HandLine {
            product_code: QUE.into(),
            qty_milli: 1_000,
            lot: Some(FileLot {
                producer_code: None,
                ..lot("Q-09", date(2028, 6, 1), Owner::Consigned, "", 45_000)
            }),
        }],
    )
    .unwrap();
    let refused = transfer::receive(&mut booth.conn, &no_producer, None, at(2, 12, 0)).unwrap_err();
    assert!(refused.to_string().contains("dòng 1"), "{refused}");
    assert_eq!(booth.footprint(), before);
    assert!(matches!(
        transfer::by_hand(&booth.conn, "XC-000007", &[]),
        Err(store::Error::Transfer(TransferError::BadCode(_)))
    ));
    let by_hand = transfer::by_hand(
        &booth.conn,
        "DN-HOIAN-01-XC-000007",
        &[HandLine {
            product_code: QUE.into(),
            qty_milli: 1_000,
            lot: Some(lot(
                "Q-09",
                date(2028, 6, 1),
                Owner::Consigned,
                "HTX-QUEMINHPHUC",
                45_000,
            )),
        }],
    )
    .unwrap();
    let received = transfer::receive(&mut booth.conn, &by_hand, None, at(2, 12, 0)).unwrap();
    assert_eq!(received.header.number, "NC-000002");
    assert_eq!(booth.on_hand(QUE), Qty(4_000));

    // The centre marks the transfer delivered: nothing is in transit any more.
    let delivered =
        transfer::mark_delivered(&centre.conn, "DN-HOIAN-01-XC-000001", at(2, 15, 0)).unwrap();
    assert_eq!(
        delivered.delivered_at.as_deref(),
        Some("2026-12-02T15:00:00+07:00")
    );
    assert!(transfer::in_transit(&centre.conn).unwrap().is_empty());
    assert!(matches!(
        transfer::mark_delivered(&centre.conn, "DN-HOIAN-01-XC-000001", at(2, 16, 0)),
        Err(store::Error::Transfer(
            TransferError::AlreadyDelivered { .. }
        ))
    ));
    assert!(matches!(
        transfer::mark_delivered(&centre.conn, "DN-HOIAN-01-XC-000099", at(2, 16, 0)),
        Err(store::Error::Transfer(TransferError::UnknownCode(_)))
    ));

    assert_eq!(check::run(&centre.conn).unwrap(), Vec::<String>::new());
    assert_eq!(check::run(&booth.conn).unwrap(), Vec::<String>::new());
}
