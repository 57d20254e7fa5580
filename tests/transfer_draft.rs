//! A draft transfer moves nothing and is not in transit; posting it moves the stock once, and
//! posting it again is refused with nothing written.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use ocop_pos::domain::qty::Qty;
use ocop_pos::store::documents::DocumentError;
use ocop_pos::store::transfer::{self};
use ocop_pos::store::{self, check};

use common::transfer_till::{RUOU, Till, at};

#[test]
fn a_draft_transfer_is_posted_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut centre = Till::new(dir.path(), "DN-HOIAN-01");
    centre.put(RUOU, 5_000, None);
    let lines = [transfer::OutLine {
        line: 1,
        product_code: RUOU.into(),
        qty: Qty(1_500),
        lot_id: None,
    }];
    let draft =
        transfer::create_out(&mut centre.conn, "dn-booth-02", &lines, None, at(1, 9, 0)).unwrap();
    assert_eq!(
        (draft.number.as_str(), draft.status.as_str()),
        ("XC-000001", "draft")
    );
    assert_eq!(draft.external_ref, "DN-HOIAN-01-XC-000001");
    assert_eq!(draft.counterpart, "DN-BOOTH-02");
    // A draft is not in transit and moves nothing.
    assert!(transfer::in_transit(&centre.conn).unwrap().is_empty());
    assert_eq!(centre.on_hand(RUOU), Qty(5_000));
    let file = transfer::post_out(&mut centre.conn, "XC-000001", None, at(1, 9, 5)).unwrap();
    assert_eq!(file.lines[0].qty_milli, 1_500);
    assert_eq!(centre.on_hand(RUOU), Qty(3_500));
    let before = centre.footprint();
    let twice = transfer::post_out(&mut centre.conn, "XC-000001", None, at(1, 9, 6)).unwrap_err();
    assert!(
        matches!(twice, store::Error::Document(DocumentError::NotDraft(_))),
        "{twice:?}"
    );
    assert_eq!(centre.footprint(), before);
    assert_eq!(centre.on_hand(RUOU), Qty(3_500));
    assert_eq!(check::run(&centre.conn).unwrap(), Vec::<String>::new());
}
