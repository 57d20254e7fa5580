//! A centre manager receives goods, checks lots, adjusts stock and reads a consignment statement
//! from the terminal; a delivery note received twice and a bad file are refused with nothing written.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use std::path::Path;

use chrono::{Days, Utc};
use common::{ok, refused};

fn moves(dir: &Path) -> i64 {
    let conn = ocop_pos::store::open(&dir.join("till.db")).unwrap();
    conn.query_row("SELECT COUNT(*) FROM stock_moves", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn receiving_lots_adjustments_and_statements_from_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok(d, &["init", "--sample", "--point-code", "DN-01"], "2580\n");
    ok(d, &["users", "add", "Lan", "--role", "clerk"], "1111\n");
    ok(d, &["users", "add", "Minh", "--role", "manager"], "1357\n");

    let soon = Utc::now()
        .date_naive()
        .checked_add_days(Days::new(10))
        .unwrap();
    let file = d.join("giao-hang.csv");
    std::fs::write(
        &file,
        format!(
            "product,qty,unit_cost,lot_no,expiry\n\
             DS-CAO-DUCHUY-100,10,300.000,A1,{}\n\
             2900000000025,6,160000,R1,31/12/2099\n",
            soon.format("%d/%m/%Y")
        ),
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let args = [
        "receive",
        file,
        "--producer",
        "HTX-DUCHUY",
        "--consignment",
        "--delivery-note",
        "GH-7",
        "--user",
        "Lan",
    ];
    let out = ok(d, &args, "1111\n");
    assert_eq!(
        out,
        "Đã ghi sổ KG-000001: 2 dòng, số lượng 16, giá trị 3.960.000\u{a0}₫\n"
    );
    let before = moves(d);
    let again = refused(d, &args, "1111\n");
    assert!(
        again.contains("GH-7") && again.contains("KG-000001"),
        "{again}"
    );
    // A wrong PIN writes nothing either.
    let mut other_note = args;
    other_note[6] = "GH-8";
    assert!(refused(d, &other_note, "0000\n").contains("sai mã PIN"));
    assert_eq!(moves(d), before);

    let expiring = ok(d, &["lots", "expiring", "--days", "30"], "");
    assert!(
        expiring.contains("DS-CAO-DUCHUY-100") && expiring.contains("lô A1"),
        "{expiring}"
    );
    assert!(!expiring.contains("R1"), "{expiring}");
    let of = ok(d, &["lots", "of", "2900000000025"], "");
    assert!(of.contains("lô R1\tHSD 31/12/2099\t6\thàng ký gửi"), "{of}");

    // A manager writes off two broken jars; a clerk cannot approve.
    let adjust = [
        "adjust",
        "DS-CAO-DUCHUY-100",
        "-2",
        "--reason",
        "damaged",
        "--note",
        "vỡ",
        "--manager",
    ];
    let clerk = refused(d, &[&adjust[..], &["Lan"]].concat(), "1111\n");
    assert!(clerk.contains("không có quyền quản lý"), "{clerk}");
    let out = ok(d, &[&adjust[..], &["Minh"]].concat(), "1357\n");
    assert!(out.starts_with("Đã ghi sổ DC-000001"), "{out}");
    let shown = ok(d, &["document", "show", "DC-000001"], "");
    assert!(shown.contains("DS-CAO-DUCHUY-100\t-2"), "{shown}");

    let today = Utc::now().date_naive().to_string();
    let statement = [
        "consignment",
        "statement",
        "--producer",
        "HTX-DUCHUY",
        "--from",
        "2020-01-01",
        "--to",
        &today,
        "--format",
    ];
    let json = ok(d, &[&statement[..], &["json"]].concat(), "");
    let table: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows = table["rows"].as_array().unwrap();
    // Two products, then the total.
    assert_eq!(rows.len(), 3);
    let cao = rows
        .iter()
        .find(|l| l["product"] == "DS-CAO-DUCHUY-100")
        .unwrap();
    assert_eq!(
        (
            cao["received_milli"].as_i64(),
            cao["shrinkage_milli"].as_i64()
        ),
        (Some(10_000), Some(2_000))
    );
    assert_eq!(cao["closing_milli"].as_i64(), Some(8_000));
    assert_eq!(rows[2]["product"], "Tổng cộng");
    assert_eq!(rows[2]["amount_vnd"].as_i64(), Some(0));
    // A spreadsheet needs a file; with one it is written.
    assert!(refused(d, &[&statement[..], &["xlsx"]].concat(), "").contains("--output"));
    let xlsx = d.join("bang-ke.xlsx");
    let args = [
        &statement[..],
        &["xlsx", "--output", xlsx.to_str().unwrap()],
    ]
    .concat();
    assert!(ok(d, &args, "").contains("Đã xuất 3 dòng"));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));

    // Returning more than the producer has here is refused; a right return posts.
    let back = d.join("tra.csv");
    std::fs::write(&back, "product,qty\nDS-CAO-DUCHUY-100,9\n").unwrap();
    let ret = [
        "consignment",
        "return",
        "--producer",
        "HTX-DUCHUY",
        "--lines",
        back.to_str().unwrap(),
        "--user",
        "Lan",
    ];
    assert!(refused(d, &ret, "1111\n").contains("chỉ còn 8"));
    std::fs::write(&back, "product,qty\nDS-CAO-DUCHUY-100,8\n").unwrap();
    assert!(ok(d, &ret, "1111\n").starts_with("Đã ghi sổ TKG-000001"));
    assert!(ok(d, &["check"], "").contains("ổn định"));
}
