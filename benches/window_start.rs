//! Budget B7 of design.md §7: from start to the window's first frame over a database of 100,000
//! products and 1,000,000 sale lines, and the peak memory of that start.
//!
//! The fixture is written with bulk INSERTs (as in `reports.rs`). The start is then measured in a
//! fresh process (this binary again, with `B7_DB` set), so the fixture's own memory does not count:
//! open and migrate the database, start its worker, the first job (setup needed? users, point), and
//! the first frame — the login screen laid out and drawn by the tiny-skia renderer headless
//! (`iced_test`), exactly the pixels a window would show. Peak RSS is the process's `VmHWM`.

// A bench is test code: a broken fixture should stop the run loudly, so unwrap/expect are allowed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::path::Path;
use std::time::Instant;

use ocop_pos::config::Config;
use ocop_pos::demo::Rng;
use ocop_pos::gui::app::Screen;
use ocop_pos::gui::{App, Launch};
use ocop_pos::setup::{self, FirstRun};
use ocop_pos::store::settings::PointProfile;
use ocop_pos::store::{self, Db};
use rusqlite::params;

const PRODUCTS: i64 = 100_000;
const SALE_LINES: i64 = 1_000_000;
/// Two or three lines a sale: 400,000 sales make the million lines.
const SALES: i64 = SALE_LINES * 2 / 5;

fn build(path: &Path) {
    let started = Instant::now();
    let mut conn = store::open(path).unwrap();
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-30T07:00:00+07:00").unwrap();
    setup::first_run(
        &mut conn,
        &FirstRun {
            point: PointProfile {
                code: "BENCH-01".into(),
                name: "Điểm bán B7".into(),
                ..PointProfile::default()
            },
            admin_name: "admin".into(),
            admin_pin: "1234".into(),
            sample: false,
        },
        now,
    )
    .unwrap();
    let tx = conn.transaction().unwrap();
    tx.pragma_update(None, "defer_foreign_keys", "ON").unwrap();
    let mut rng = Rng::new(7);
    {
        let mut product = tx
            .prepare(
                "INSERT INTO products (id, code, name, search_name, unit, price_vnd)
                 VALUES (?1, ?2, ?3, ?4, 'hộp', ?5)",
            )
            .unwrap();
        for p in 1..=PRODUCTS {
            let name = format!("Sản phẩm OCOP số {p}");
            let code = format!("SP-{p:06}");
            let price = 10_000 * (1 + i64::try_from(rng.below(60)).unwrap());
            product
                .execute(params![
                    p,
                    code,
                    name,
                    store::catalog::search_text(&name, &code),
                    price
                ])
                .unwrap();
        }
        let mut sale = tx
            .prepare(
                "INSERT INTO sales (id, cart_id, point_code, receipt_seq, receipt_no, kind,
                     business_date, completed_at, user_id, gross_vnd, discount_vnd, total_vnd,
                     vat_vnd, tendered_vnd, change_vnd)
                 VALUES (?1, ?2, 'BENCH-01', ?1, ?3, 'sale', '2026-11-29',
                     '2026-11-29T10:00:00+07:00', 1, ?4, 0, ?4, 0, ?4, 0)",
            )
            .unwrap();
        let mut line = tx
            .prepare(
                "INSERT INTO sale_lines (sale_id, line_no, product_id, product_code, name, unit,
                     qty_milli, list_price_vnd, unit_price_vnd, gross_vnd, line_discount_vnd,
                     order_discount_vnd, net_vnd, vat_bp, vat_vnd)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'hộp', 1000, 50000, 50000, 50000, 0, 0, 50000, 0, 0)",
            )
            .unwrap();
        let mut payment = tx
            .prepare(
                "INSERT INTO payments (sale_id, seq, method, amount_vnd) VALUES (?1, 1, 'cash', ?2)",
            )
            .unwrap();
        let mut lines = 0;
        for id in 1..=SALES {
            let count = if lines + 3 * (SALES - id + 1) <= SALE_LINES {
                3
            } else {
                2
            };
            for no in 1..=count {
                let p = 1 + i64::try_from(rng.below(PRODUCTS as u64)).unwrap();
                line.execute(params![
                    id,
                    no,
                    p,
                    format!("SP-{p:06}"),
                    format!("Sản phẩm OCOP số {p}")
                ])
                .unwrap();
            }
            lines += count;
            sale.execute(params![
                id,
                format!("cart-{id}"),
                format!("BENCH-01-{id:06}"),
                50_000 * count
            ])
            .unwrap();
            payment.execute(params![id, 50_000 * count]).unwrap();
        }
    }
    tx.commit().unwrap();
    let lines: i64 = conn
        .query_row("SELECT COUNT(*) FROM sale_lines", [], |r| r.get(0))
        .unwrap();
    eprintln!(
        "fixture: {PRODUCTS} products, {SALES} sales, {lines} lines, built in {:?}",
        started.elapsed()
    );
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn measure(path: &Path) {
    let started = Instant::now();
    let launch = Launch {
        config: Config::default(),
        data_dir: path.parent().unwrap().to_path_buf(),
        db_path: path.to_path_buf(),
        config_file: None,
    };
    let db = Db::open(path).unwrap();
    let mut app = App::new(launch, db, true);
    let _ = app.boot();
    assert_eq!(app.screen(), Screen::Login);
    let mut ui = iced_test::simulator(app.view());
    let _frame = ui.snapshot(&iced::Theme::Light).unwrap();
    let took = started.elapsed();
    println!(
        "B7 start to first frame: {took:.1?} (budget ≤ 1 s); peak RSS {} MiB (budget ≤ 200 MB)",
        peak_rss_kib().map_or("?".into(), |k| (k / 1024).to_string())
    );
}

fn main() {
    if let Some(db) = std::env::var_os("B7_DB") {
        measure(Path::new(&db));
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("till.db");
    build(&path);
    for _ in 0..3 {
        let status = std::process::Command::new(std::env::current_exe().unwrap())
            .env("B7_DB", &path)
            .status()
            .unwrap();
        assert!(status.success());
    }
}
