//! Budget B4, part 1, of design.md §7: the Z report of a 2,000-sale day, ≤ 50 ms.
//!
//! The fixture sells through `sales::complete` (and refunds through `refund::refund`): a 500-product
//! catalogue, a few earlier days each closed with an end-of-day Z, then one day of 2,000 receipts in
//! one open shift. Measured:
//!
//! - `x_report` — the Z report's figures (what the close freezes), read only;
//! - `summary::build` — the day's `ocop.daily-summary.v1`, read only;
//! - `close_end_of_day` — the whole durable Z close: blind count, figures, Z number, daily summary
//!   written to the outbox, shift frozen, audit row, commit with `synchronous=FULL`. Each run
//!   closes a fresh copy of the database (copied outside the timing, its cache warmed as on a till
//!   that sold all day); the same close with `synchronous=OFF` shows what is disk wait.
//!
//! Criterion reports means; manual loops print p50/p99/max on stderr.

// A bench is test code: a broken fixture should stop the run loudly, so unwrap/expect are allowed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs::File;
use std::hint::black_box;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use criterion::{BatchSize, Criterion};
use ocop_pos::demo::Rng;
use ocop_pos::domain::auth::{Approval, Role, UserId};
use ocop_pos::domain::barcode::{self, BarcodeRules};
use ocop_pos::domain::cart::Cart;
use ocop_pos::domain::catalog::{OcopGroup, Producer, ProducerKind, Product, Stars};
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::qty::Qty;
use ocop_pos::domain::vat::{VatRate, VatSchedule, standard_schedule};
use ocop_pos::store::users::LockoutPolicy;
use ocop_pos::store::{self, catalog, refund, sales, shifts, summary, users};
use rusqlite::Connection;

/// Receipts on the measured day (design.md §7).
const DAY_SALES: u32 = 2_000;
/// Products in the catalogue: an OCOP centre's range.
const PRODUCTS: u64 = 500;
/// Producers the products come from.
const PRODUCERS: u64 = 40;
/// Earlier days, each closed with an end-of-day Z (override with OCOP_B4_HISTORY_DAYS).
const HISTORY_DAYS: u32 = 6;
/// Single calls timed by the manual loops.
const MANUAL_RUNS: usize = 60;
const POINT: &str = "B4-01";

struct Fixture {
    /// Keeps the folder and the databases in it alive.
    dir: tempfile::TempDir,
    /// The database with the day's shift still open.
    master: PathBuf,
    /// A connection to it, for the read-only measurements.
    conn: Connection,
    /// The day's open shift.
    shift: shifts::Shift,
    /// The day.
    day: NaiveDate,
    /// The clerk.
    clerk: UserId,
    /// When the day closes.
    close_at: DateTime<FixedOffset>,
}

fn offset() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).unwrap()
}

/// The `n`-th product: an in-store code, and a GS1 number for two in three of them.
fn product(rng: &mut Rng, n: u64) -> Product {
    let units = ["chai", "hộp", "gói", "lọ", "túi", "hũ"];
    let unit = units[usize::try_from(n % 6).unwrap()];
    let group = 1 + u8::try_from(n % 6).unwrap();
    let mut barcodes = vec![barcode::internal_code(29, n).unwrap()];
    if !n.is_multiple_of(3) {
        let data = format!("893{:09}", 100_000 + n);
        barcodes.push(format!(
            "{data}{}",
            barcode::gs1_check_digit(&data).unwrap()
        ));
    }
    Product {
        code: format!("OCOP{n:04}"),
        name: format!("Sản phẩm OCOP số {n} {unit}"),
        unit: unit.to_owned(),
        price: Vnd(i64::try_from(20 + rng.below(480)).unwrap() * 1_000),
        vat: match n % 10 {
            0 => standard_schedule(true),
            1 => VatSchedule::single(VatRate::FIVE),
            _ => standard_schedule(false),
        },
        group: OcopGroup::new(group),
        stars: Stars::new(3 + u8::try_from(n % 3).unwrap()),
        certificate: None,
        producer_code: Some(format!("NSX{:03}", 1 + n % PRODUCERS)),
        barcodes,
        plu: None,
        sold_by_weight: false,
        active: true,
    }
}

/// A paid basket of 1–4 products by their in-store codes, paid by a mix of methods.
fn basket(conn: &Connection, rng: &mut Rng, id: String, date: NaiveDate) -> Cart {
    let rules = BarcodeRules::default();
    let mut cart = Cart::new(id);
    for _ in 0..1 + rng.below(4) {
        let code = barcode::internal_code(29, 1 + rng.below(PRODUCTS)).unwrap();
        let found = catalog::resolve(conn, &code, &rules, date).unwrap();
        let qty = if rng.chance(80) {
            found.qty
        } else {
            Qty::units(2)
        };
        cart.add(found.item, qty, &code).unwrap();
    }
    match rng.below(10) {
        0..=4 => {
            let due = cart.due().unwrap();
            cart.pay(Method::Cash, Some(Vnd((due.0 + 49_999) / 50_000 * 50_000)))
                .unwrap();
        }
        5..=6 => {
            cart.pay(Method::Vietqr, None).unwrap();
        }
        7 => {
            cart.pay(Method::Card, None).unwrap();
        }
        8 => {
            cart.pay(Method::Ewallet, None).unwrap();
        }
        _ => {
            let half = Vnd((cart.due().unwrap().0 / 2).max(1));
            cart.pay(Method::Vietqr, Some(half)).unwrap();
            cart.pay(Method::Cash, None).unwrap();
        }
    }
    cart
}

/// One business day of `receipts` receipts (about 3% refunds) in a shift opened at 07:00.
fn sell_day(
    conn: &mut Connection,
    rng: &mut Rng,
    clerk: UserId,
    approval: Approval,
    date: NaiveDate,
    receipts: u32,
) -> shifts::Shift {
    let at = |seconds: u32| {
        offset()
            .from_local_datetime(&date.and_hms_opt(0, 0, 0).unwrap())
            .unwrap()
            + chrono::Duration::seconds(i64::from(seconds))
    };
    let opening = shifts::Opening {
        point_code: POINT.into(),
        user: clerk,
        float: Vnd(2_000_000),
        at: at(7 * 3600),
    };
    let shift = shifts::open(conn, &opening).unwrap();
    let mut recent: Vec<String> = Vec::new();
    let mut made = 0;
    while made < receipts {
        // 07:00 to 21:00.
        let ctx = sales::Context {
            point_code: POINT.into(),
            user: clerk,
            at: at(7 * 3600 + 14 * 3600 * made / receipts),
        };
        if !recent.is_empty() && rng.chance(3) {
            let original = recent[usize::try_from(rng.below(recent.len() as u64)).unwrap()].clone();
            let request = refund::Request {
                refund_id: rng.id(),
                original_receipt: original,
                lines: vec![(1, Qty::ONE)],
                payout: Vec::new(),
                reason: "khách đổi ý".into(),
            };
            match refund::refund(conn, &request, &ctx, approval) {
                Ok(_) => made += 1,
                Err(store::Error::RefundQty { .. } | store::Error::NothingToRefund(_)) => {}
                Err(e) => panic!("{e}"),
            }
            continue;
        }
        let id = rng.id();
        let cart = basket(conn, rng, id, date);
        let done = sales::complete(conn, &cart, &ctx).unwrap();
        recent.push(done.receipt_no);
        if recent.len() > 100 {
            recent.remove(0);
        }
        made += 1;
    }
    shift
}

/// Closes the point's open shift, counting exactly what is expected.
fn close(
    conn: &mut Connection,
    clerk: UserId,
    end_of_day: bool,
    at: DateTime<FixedOffset>,
) -> ocop_pos::domain::shift::ZReport {
    let shift = shifts::current(conn, POINT).unwrap().unwrap();
    let counted = shifts::x_report(conn, &shift, at)
        .unwrap()
        .expected_cash_vnd;
    let closing = shifts::Closing {
        point_code: POINT.into(),
        user: clerk,
        counted,
        end_of_day,
        approval: None,
        max_difference: Vnd(50_000),
        at,
    };
    shifts::close(conn, &closing).unwrap()
}

impl Fixture {
    fn build() -> Fixture {
        let started = Instant::now();
        let history: u32 = std::env::var("OCOP_B4_HISTORY_DAYS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(HISTORY_DAYS);
        let dir = tempfile::tempdir().unwrap();
        let master = dir.path().join("till.db");
        let mut conn = store::open(&master).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let setup_at = offset().with_ymd_and_hms(2026, 11, 1, 7, 0, 0).unwrap();
        let mut rng = Rng::new(0xB4);
        let tx = conn.transaction().unwrap();
        store::settings::set_point(
            &tx,
            &store::settings::PointProfile {
                code: POINT.into(),
                name: "Trung tâm OCOP".into(),
                address: String::new(),
                tax_code: String::new(),
            },
        )
        .unwrap();
        for n in 1..=PRODUCERS {
            let producer = Producer {
                code: format!("NSX{n:03}"),
                name: format!("HTX Nông nghiệp số {n}"),
                kind: ProducerKind::Htx,
                commune_code: String::new(),
                tax_code: String::new(),
            };
            catalog::upsert_producer(&tx, &producer).unwrap();
        }
        for n in 1..=PRODUCTS {
            catalog::upsert_product(&tx, &product(&mut rng, n)).unwrap();
        }
        let clerk = users::add(&tx, "Lan", Role::Clerk, "2468", None, setup_at).unwrap();
        users::add(&tx, "Minh", Role::Manager, "1357", None, setup_at).unwrap();
        tx.commit().unwrap();
        let approval =
            users::approve(&conn, "Minh", "1357", LockoutPolicy::default(), setup_at).unwrap();
        // Building the history durably would only wait for the disk; the measured close is FULL.
        conn.pragma_update(None, "synchronous", "OFF").unwrap();
        for back in (1..=i64::from(history)).rev() {
            let date = day - chrono::Duration::days(back);
            sell_day(&mut conn, &mut rng, clerk, approval, date, DAY_SALES);
            let at = offset()
                .from_local_datetime(&date.and_hms_opt(21, 30, 0).unwrap())
                .unwrap();
            close(&mut conn, clerk, true, at);
        }
        let shift = sell_day(&mut conn, &mut rng, clerk, approval, day, DAY_SALES);
        conn.pragma_update(None, "synchronous", "FULL").unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
        let sales: i64 = conn
            .query_row("SELECT COUNT(*) FROM sales", [], |r| r.get(0))
            .unwrap();
        let day_lines: i64 = conn
            .query_row(
                "SELECT COUNT(*) FROM sale_lines WHERE sale_id >= ?1",
                [shift.first_sale_id],
                |r| r.get(0),
            )
            .unwrap();
        eprintln!(
            "fixture: {PRODUCTS} products, {history} earlier days closed, {sales} receipts in all; \
             the day: {DAY_SALES} receipts, {day_lines} lines; built in {:.1?}",
            started.elapsed()
        );
        Fixture {
            dir,
            master,
            conn,
            shift,
            day,
            clerk,
            close_at: offset()
                .from_local_datetime(&day.and_hms_opt(21, 30, 0).unwrap())
                .unwrap(),
        }
    }

    /// A fresh copy of the database with the day's shift open. Its page cache is warmed by one X
    /// report and one summary of the day, as on a till whose connection sold all day.
    fn copy(&self, n: usize) -> (PathBuf, Connection) {
        let path = self.dir.path().join(format!("copy-{n}.db"));
        std::fs::copy(&self.master, &path).unwrap();
        let conn = store::open(&path).unwrap();
        let shift = shifts::current(&conn, POINT).unwrap().unwrap();
        black_box(shifts::x_report(&conn, &shift, self.close_at).unwrap());
        black_box(summary::build(&conn, POINT, self.day, 1, self.close_at).unwrap());
        (path, conn)
    }

    /// The blind count a clerk would enter: exactly what is expected.
    fn counted(&self) -> Vnd {
        shifts::x_report(&self.conn, &self.shift, self.close_at)
            .unwrap()
            .expected_cash_vnd
    }

    fn closing(&self, counted: Vnd) -> shifts::Closing {
        shifts::Closing {
            point_code: POINT.into(),
            user: self.clerk,
            counted,
            end_of_day: true,
            approval: None,
            max_difference: Vnd(50_000),
            at: self.close_at,
        }
    }
}

/// A 4 KiB block written over the start of a file and forced to disk: what one durable commit
/// waits for at least.
struct BareFile {
    file: File,
    block: Vec<u8>,
}

impl BareFile {
    fn new(dir: &Path) -> BareFile {
        BareFile {
            file: File::create(dir.join("bare.bin")).unwrap(),
            block: vec![0xA5; 4096],
        }
    }

    fn write_sync(&mut self) {
        self.block[0] = self.block[0].wrapping_add(1);
        self.file.seek(SeekFrom::Start(0)).unwrap();
        self.file.write_all(&self.block).unwrap();
        self.file.sync_all().unwrap();
    }
}

fn remove(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// p50, p99 and max of single-call timings.
fn percentiles(mut times: Vec<Duration>) -> (Duration, Duration, Duration) {
    times.sort_unstable();
    let at = |q: usize| times[(times.len() * q / 100).min(times.len() - 1)];
    (at(50), at(99), times[times.len() - 1])
}

fn report(label: &str, times: Vec<Duration>, budget: &str) {
    let n = times.len();
    let (p50, p99, max) = percentiles(times);
    eprintln!("{label}: n={n} p50={p50:.2?} p99={p99:.2?} max={max:.2?} (budget {budget})");
}

fn bench(c: &mut Criterion, f: &Fixture) {
    let counted = f.counted();
    // What the close will write, checked once: the summary adds up and covers the whole day.
    let summary = summary::build(&f.conn, POINT, f.day, 1, f.close_at).unwrap();
    summary.verify().unwrap();
    assert_eq!(
        summary.receipts + summary.refund_receipts,
        DAY_SALES,
        "the day has {DAY_SALES} receipts"
    );
    eprintln!(
        "B4 day: {} sales + {} refunds, {} products, net {}",
        summary.receipts,
        summary.refund_receipts,
        summary.lines.len(),
        summary.net_vnd
    );

    let mut group = c.benchmark_group("B4_z_report_2000_sales");
    group.bench_function("x_report", |b| {
        b.iter(|| black_box(shifts::x_report(&f.conn, &f.shift, f.close_at).unwrap()));
    });
    group.bench_function("summary_build", |b| {
        b.iter(|| black_box(summary::build(&f.conn, POINT, f.day, 1, f.close_at).unwrap()));
    });
    let mut n = 0;
    group.bench_function("close_end_of_day", |b| {
        b.iter_batched(
            || {
                n += 1;
                f.copy(n)
            },
            |(path, mut conn)| {
                let z = shifts::close(&mut conn, &f.closing(counted)).unwrap();
                assert_eq!((z.count.difference, z.summaries.len()), (Vnd::ZERO, 1));
                (path, conn)
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
    for i in 1..=n {
        remove(&f.dir.path().join(format!("copy-{i}.db")));
    }

    let x = (0..MANUAL_RUNS)
        .map(|_| {
            let t = Instant::now();
            black_box(shifts::x_report(&f.conn, &f.shift, f.close_at).unwrap());
            t.elapsed()
        })
        .collect();
    report("B4 x_report (manual)", x, "part of ≤ 50 ms");
    let build = (0..MANUAL_RUNS)
        .map(|_| {
            let t = Instant::now();
            black_box(summary::build(&f.conn, POINT, f.day, 1, f.close_at).unwrap());
            t.elapsed()
        })
        .collect();
    report("B4 summary::build (manual)", build, "part of ≤ 50 ms");
    let yesterday = f.day - chrono::Duration::days(1);
    let read_back = (0..MANUAL_RUNS)
        .map(|_| {
            let t = Instant::now();
            black_box(summary::latest(&f.conn, POINT, yesterday).unwrap());
            t.elapsed()
        })
        .collect();
    report(
        "B4 yesterday's summary read back from the outbox (manual)",
        read_back,
        "context",
    );
    let encode = (0..MANUAL_RUNS)
        .map(|_| {
            let t = Instant::now();
            summary.verify().unwrap();
            black_box(serde_json::to_string(&summary).unwrap());
            t.elapsed()
        })
        .collect();
    report("B4 summary verify + JSON (manual)", encode, "context");
    let mut bare = BareFile::new(f.dir.path());
    let fsync = (0..MANUAL_RUNS)
        .map(|_| {
            let t = Instant::now();
            bare.write_sync();
            t.elapsed()
        })
        .collect();
    report(
        "B4 bare 4 KiB write+fsync, same disk (manual)",
        fsync,
        "context",
    );
    let closes = (0..MANUAL_RUNS)
        .map(|i| {
            let (path, mut conn) = f.copy(10_000 + i);
            let t = Instant::now();
            let z = shifts::close(&mut conn, &f.closing(counted)).unwrap();
            let elapsed = t.elapsed();
            assert_eq!(z.summaries.len(), 1);
            drop(conn);
            remove(&path);
            elapsed
        })
        .collect();
    report(
        "B4 Z close with end of day, durable (manual)",
        closes,
        "≤ 50 ms",
    );
    let no_sync = (0..MANUAL_RUNS)
        .map(|i| {
            let (path, mut conn) = f.copy(20_000 + i);
            conn.pragma_update(None, "synchronous", "OFF").unwrap();
            let t = Instant::now();
            black_box(shifts::close(&mut conn, &f.closing(counted)).unwrap());
            let elapsed = t.elapsed();
            drop(conn);
            remove(&path);
            elapsed
        })
        .collect();
    report(
        "B4 Z close with end of day, synchronous=OFF (manual)",
        no_sync,
        "context",
    );
}

fn main() {
    let fixture = Fixture::build();
    let mut c = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .configure_from_args();
    bench(&mut c, &fixture);
    c.final_summary();
}
