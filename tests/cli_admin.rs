//! The `ocop-pos` command line as an administrator meets it: init with the sample catalogue, users,
//! catalogue import that refuses bad files whole, reports, check, and a config file with a typo.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use std::path::Path;

use common::{run, text};

fn product_count(dir: &Path) -> i64 {
    let conn = ocop_pos::store::open(&dir.join("till.db")).unwrap();
    conn.query_row("SELECT COUNT(*) FROM products", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn an_admin_sets_up_sells_and_checks_from_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = run(
        d,
        &[
            "init",
            "--sample",
            "--point-code",
            "HUE-01",
            "--point-name",
            "Điểm OCOP Huế",
        ],
        "2580\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("75 sản phẩm"),
        "{}",
        text(&out.stdout)
    );
    // A second init is refused: the point exists.
    let again = run(d, &["init"], "2580\n");
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("đã được khởi tạo"),
        "{}",
        text(&again.stderr)
    );

    let out = run(d, &["users", "add", "Lan", "--role", "clerk"], "1111\n");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = run(d, &["users", "add", "Hoa", "--role", "clerk"], "12\n");
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("mã PIN phải gồm 4 đến 8 chữ số"),
        "{}",
        text(&out.stderr)
    );
    let out = run(d, &["users", "list"], "");
    assert_eq!(text(&out.stdout), "Lan\tThu ngân\nadmin\tQuản trị\n");

    let out = run(
        d,
        &["demo-sales", "--days", "2", "--per-day", "5", "--seed", "7"],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let receipts: Vec<String> = text(&out.stdout).lines().map(str::to_owned).collect();
    assert_eq!(receipts.len(), 10);
    assert!(receipts.iter().all(|r| r.starts_with("HUE-01-")));

    let today = chrono::Utc::now().with_timezone(&chrono::FixedOffset::east_opt(7 * 3600).unwrap());
    let date = today.date_naive().to_string();
    let out = run(d, &["report", "day", "--date", &date, "--json"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let day: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let receipts_today =
        day["receipts"].as_u64().unwrap() + day["refund_receipts"].as_u64().unwrap();
    assert_eq!(receipts_today, 5);
    let paid: i64 = day["payments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["amount_vnd"].as_i64().unwrap())
        .sum();
    assert_eq!(paid, day["net_vnd"].as_i64().unwrap());

    let out = run(d, &["check"], "");
    assert!(
        out.status.success(),
        "{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );

    // Export, then a bad file: refused whole, nothing written; the export still imports.
    let csv = d.join("catalogue.csv");
    let out = run(d, &["export-catalogue", csv.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let exported = std::fs::read_to_string(&csv).unwrap();
    let bad = exported
        .replacen("2900000000018", "2900000000019", 1)
        .replacen(",450000,", ",-5,", 1);
    let bad_file = d.join("bad.csv");
    std::fs::write(&bad_file, bad).unwrap();
    let before = product_count(d);
    let out = run(d, &["import-catalogue", bad_file.to_str().unwrap()], "");
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("price_vnd") && err.contains("barcodes") && err.contains("dòng"),
        "{err}"
    );
    assert_eq!(product_count(d), before);
    let out = run(d, &["import-catalogue", csv.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("0 thêm mới, 75 cập nhật"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_config_typo_names_the_key_and_line_and_nothing_runs() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[sales]\nclerk_discount_limit_percent = 10\n\n[printer]\nadress = \"tcp://x\"\n",
    )
    .unwrap();
    let out = run(dir.path(), &["users", "list"], "");
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("config.toml") && err.contains("line 5") && err.contains("adress"),
        "{err}"
    );
    assert!(
        !dir.path().join("till.db").exists(),
        "a bad config must stop before the database is touched"
    );
    std::fs::write(&config, "[security]\nmax_pin_failures = 0\n").unwrap();
    let err = text(&run(dir.path(), &["users", "list"], "").stderr);
    assert!(
        err.contains("line 2") && err.contains("max_pin_failures"),
        "{err}"
    );
}

#[test]
fn without_a_subcommand_and_without_a_display_it_says_why_the_window_cannot_open() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(common::EXE)
        .arg("--data-dir")
        .arg(dir.path())
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    let err = text(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("không có màn hình"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
