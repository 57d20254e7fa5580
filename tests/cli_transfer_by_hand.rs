//! A booth receives goods by typing the sender's delivery note: the code and the lines. The same
//! code cannot come in twice, and a code that is not a transfer code is refused.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use common::{ok, refused};

fn on_hand(dir: &std::path::Path, code: &str) -> i64 {
    let conn = ocop_pos::store::open(&dir.join("till.db")).unwrap();
    conn.query_row(
        "SELECT COALESCE(SUM(m.qty_milli), 0) FROM stock_moves m
         JOIN products p ON p.id = m.product_id WHERE p.code = ?1",
        [code],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn a_transfer_typed_from_the_delivery_note_is_received_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(
        d,
        &["init", "--sample", "--point-code", "DN-BOOTH"],
        "2580\n",
    );
    let lines = d.join("phieu.csv");
    std::fs::write(
        &lines,
        "product_code,qty\nDS-RUOU-DUCHUY-500,4\nGAO-ANLO-KG;x\n",
    )
    .unwrap();
    let lines = lines.to_str().unwrap();
    let args = [
        "transfer",
        "in-by-hand",
        "DN-01-XC-000007",
        "--lines",
        lines,
    ];
    // A bad quantity names its line and writes nothing.
    let bad = refused(d, &args, "");
    assert!(bad.contains("dòng 3"), "{bad}");
    assert_eq!(on_hand(d, "DS-RUOU-DUCHUY-500"), 0);

    std::fs::write(
        d.join("phieu.csv"),
        "product_code,qty\nDS-RUOU-DUCHUY-500,4\nGAO-ANLO-KG,\"2,5\"\n",
    )
    .unwrap();
    let out = ok(d, &args, "");
    assert!(
        out.contains("DN-01-XC-000007") && out.contains("2 dòng"),
        "{out}"
    );
    assert_eq!(
        (on_hand(d, "DS-RUOU-DUCHUY-500"), on_hand(d, "GAO-ANLO-KG")),
        (4_000, 2_500)
    );
    let twice = refused(d, &args, "");
    assert!(twice.contains("DN-01-XC-000007"), "{twice}");
    assert_eq!(on_hand(d, "DS-RUOU-DUCHUY-500"), 4_000);
    let not_a_code = refused(
        d,
        &["transfer", "in-by-hand", "GH-12", "--lines", lines],
        "",
    );
    assert!(not_a_code.contains("GH-12"), "{not_a_code}");
    assert!(ok(d, &["check"], "").contains("ổn định"));
}
