//! Budget B4, part 2, of design.md §7: a sales report over a year of 700,000 sales (≤ 1 s), for
//! every breakdown, plus the stock valuation over the same database.
//!
//! The fixture is written with bulk INSERTs in one transaction: 700,000 sales through
//! `sales::complete` (one durable transaction each, with stock moves, audit and print jobs) would
//! take about an hour. The rows have the shape `complete` and `refund` give them — sales with
//! 1–4 lines and 1–2 payments, 1% refunds with negative amounts — without the stock moves, print
//! jobs and audit rows the reports never read. After criterion's means, a manual loop times single
//! runs and prints median and max against the budget on stderr.

// A bench is test code: a broken fixture should stop the run loudly, so unwrap/expect are allowed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use criterion::Criterion;
use ocop_pos::demo::Rng;
use ocop_pos::store::sales_report::{self, By, Period};
use ocop_pos::store::{self, valuation};
use rusqlite::{Connection, params};

/// Sales in the year (design.md §7).
const SALES: i64 = 700_000;
/// Business days they spread over.
const DAYS: i64 = 365;
const PRODUCTS: i64 = 2_000;
const PRODUCERS: i64 = 200;
const CLERKS: i64 = 6;
/// Single runs timed by the manual loop.
const MANUAL_RUNS: usize = 5;
const METHODS: [&str; 4] = ["cash", "vietqr", "card", "ewallet"];

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 1).unwrap()
}

/// A number in `0..n`.
fn below(rng: &mut Rng, n: i64) -> i64 {
    rng.below(n as u64) as i64
}

/// VAT inside a VAT-inclusive amount (half up), as the till extracts it.
fn vat_in(net: i64, bp: i64) -> i64 {
    (2 * net * bp + (10_000 + bp)) / (2 * (10_000 + bp))
}

fn build(conn: &mut Connection) {
    let started = Instant::now();
    let tx = conn.transaction().unwrap();
    // Lines go in before their sale (whose totals they make), so keys are checked at commit.
    tx.pragma_update(None, "defer_foreign_keys", "ON").unwrap();
    let mut rng = Rng::new(2026);
    for p in 1..=PRODUCERS {
        tx.execute(
            "INSERT INTO producers (id, code, name, kind) VALUES (?1, ?2, ?3, 'htx')",
            params![p, format!("NSX-{p:04}"), format!("HTX sản xuất số {p}")],
        )
        .unwrap();
    }
    let mut prices = Vec::new();
    for p in 1..=PRODUCTS {
        let price = 10_000 * (1 + below(&mut rng, 60));
        let vat = if rng.chance(10) { 1000 } else { 800 };
        prices.push((price, vat, 3 + below(&mut rng, 3)));
        tx.execute(
            "INSERT INTO products (id, code, name, search_name, unit, price_vnd, ocop_group, stars,
                 producer_id)
             VALUES (?1, ?2, ?3, ?3, 'hộp', ?4, ?5, ?6, ?7)",
            params![
                p,
                format!("SP-{p:05}"),
                format!("Sản phẩm OCOP số {p}"),
                price,
                1 + below(&mut rng, 6),
                prices.last().unwrap().2,
                1 + below(&mut rng, PRODUCERS)
            ],
        )
        .unwrap();
    }
    for u in 1..=CLERKS {
        tx.execute(
            "INSERT INTO users (id, name, role, pin_hash, created_at)
             VALUES (?1, ?2, 'clerk', 'x', '2025-11-30T07:00:00+07:00')",
            params![u, format!("thu-ngan-{u}")],
        )
        .unwrap();
    }
    let mut sale = tx
        .prepare(
            "INSERT INTO sales (id, cart_id, point_code, receipt_seq, receipt_no, kind,
                 original_sale_id, business_date, completed_at, user_id, gross_vnd, discount_vnd,
                 total_vnd, vat_vnd, tendered_vnd, change_vnd)
             VALUES (?1, ?2, 'BENCH-01', ?1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?11, 0)",
        )
        .unwrap();
    let mut line = tx
        .prepare(
            "INSERT INTO sale_lines (sale_id, line_no, product_id, product_code, name, unit, stars,
                 qty_milli, list_price_vnd, unit_price_vnd, gross_vnd, line_discount_vnd,
                 order_discount_vnd, net_vnd, vat_bp, vat_vnd)
             VALUES (?1, ?2, ?3, ?4, ?5, 'hộp', ?6, ?7, ?8, ?8, ?9, ?10, 0, ?11, ?12, ?13)",
        )
        .unwrap();
    let mut payment = tx
        .prepare("INSERT INTO payments (sale_id, seq, method, amount_vnd) VALUES (?1, ?2, ?3, ?4)")
        .unwrap();
    for id in 1..=SALES {
        let day = first_day() + Days::new((id * DAYS / (SALES + 1)) as u64);
        let at = format!(
            "{day}T{:02}:{:02}:00+07:00",
            8 + below(&mut rng, 13),
            below(&mut rng, 60)
        );
        // 1% of receipts refund the whole of an earlier sale of the same day.
        let refund_of = (id > 100 && rng.chance(1)).then(|| id - 1 - below(&mut rng, 50));
        let sign = if refund_of.is_some() { -1 } else { 1 };
        let mut totals = [0_i64; 4]; // gross, discount, net, vat
        for no in 1..=1 + below(&mut rng, 4) {
            let p = 1 + below(&mut rng, PRODUCTS);
            let (price, vat_bp, stars) = prices[(p - 1) as usize];
            let qty = 1 + below(&mut rng, 3);
            let gross = price * qty;
            let discount = if rng.chance(10) { gross / 10 } else { 0 };
            let net = gross - discount;
            let vat = vat_in(net, vat_bp);
            line.execute(params![
                id,
                no,
                p,
                format!("SP-{p:05}"),
                format!("Sản phẩm OCOP số {p}"),
                stars,
                sign * qty * 1000,
                price,
                sign * gross,
                sign * discount,
                sign * net,
                vat_bp,
                sign * vat
            ])
            .unwrap();
            for (t, v) in totals.iter_mut().zip([gross, discount, net, vat]) {
                *t += sign * v;
            }
        }
        sale.execute(params![
            id,
            format!("cart-{id}"),
            format!("BENCH-01-{id:06}"),
            if refund_of.is_some() {
                "refund"
            } else {
                "sale"
            },
            refund_of,
            day.to_string(),
            at,
            1 + below(&mut rng, CLERKS),
            totals[0],
            totals[1],
            totals[2],
            totals[3]
        ])
        .unwrap();
        let first = METHODS[below(&mut rng, 4) as usize];
        if rng.chance(10) && totals[2].abs() > 1 {
            let part = totals[2] / 2;
            payment.execute(params![id, 1, "vietqr", part]).unwrap();
            payment
                .execute(params![id, 2, "cash", totals[2] - part])
                .unwrap();
        } else {
            payment.execute(params![id, 1, first, totals[2]]).unwrap();
        }
    }
    drop((sale, line, payment));
    tx.commit().unwrap();
    eprintln!(
        "fixture: {SALES} sales over {DAYS} days, {} lines, built in {:?}",
        conn.query_row("SELECT COUNT(*) FROM sale_lines", [], |r| r
            .get::<_, i64>(0))
            .unwrap(),
        started.elapsed()
    );
}

fn year() -> Period {
    let last = first_day() + Days::new(DAYS as u64 - 1);
    Period::new(first_day(), last).unwrap()
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = store::open(&dir.path().join("till.db")).unwrap();
    build(&mut conn);
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8))
        .configure_from_args();
    let mut group = c.benchmark_group("B4 sales report, one year of 700,000 sales");
    for by in By::ALL {
        group.bench_function(by.as_str(), |b| {
            b.iter(|| black_box(sales_report::sales(&conn, by, year()).unwrap()))
        });
    }
    group.finish();
    c.bench_function("stock valuation, 2,000 products", |b| {
        b.iter(|| black_box(valuation::value(&conn).unwrap()))
    });
    c.final_summary();

    for by in By::ALL {
        let mut times: Vec<Duration> = (0..MANUAL_RUNS)
            .map(|_| {
                let start = Instant::now();
                let report = sales_report::sales(&conn, by, year()).unwrap();
                let took = start.elapsed();
                assert_eq!(
                    i64::from(report.totals.receipts) + i64::from(report.totals.refund_receipts),
                    SALES
                );
                took
            })
            .collect();
        times.sort();
        eprintln!(
            "B4 year report by {:<8} median {:>7.1?}  max {:>7.1?}  (budget ≤ 1 s)",
            by.as_str(),
            times[times.len() / 2],
            times[times.len() - 1]
        );
    }
}
