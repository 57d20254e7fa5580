//! Budgets B1–B3 of design.md §7 over a 100,000-product catalogue: scan → line in cart, name search
//! without diacritics, and a durable sale against a bare write + fsync on the same disk.
//!
//! Criterion reports the mean time per call; the budgets speak of p99, so each group is followed by
//! a manual loop that times single calls and prints p50/p99/max (and B3's ratio) on stderr.

// A bench is test code: a broken fixture should stop the run loudly, so unwrap/expect are allowed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs::File;
use std::hint::black_box;
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use criterion::{BatchSize, Criterion};
use ocop_pos::demo::Rng;
use ocop_pos::domain::auth::{Role, UserId};
use ocop_pos::domain::barcode::{self, BarcodeRules, InStoreLayout, ValueKind};
use ocop_pos::domain::cart::Cart;
use ocop_pos::domain::catalog::{Certificate, OcopGroup, Producer, ProducerKind, Product, Stars};
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::vat::{VatRate, VatSchedule, standard_schedule};
use ocop_pos::store::{self, catalog, sales, shifts, users};
use rusqlite::Connection;

/// Products in the benchmark catalogue (design.md §7).
const PRODUCTS: u64 = 100_000;
/// Producers the products are spread over.
const PRODUCERS: u64 = 200;
/// Scans pre-picked for B1.
const SCANS: usize = 10_000;
/// Single calls timed by the manual p99 loops of B2 and B3.
const MANUAL_RUNS: usize = 200;
/// Lines after which B1 starts a new cart, as a clerk would after a long basket.
const CART_RESET: usize = 40;
/// B2's queries: a common one, a rare one, and a single frequent word.
const QUERIES: [&str; 3] = ["nuoc mam", "que tra my", "tra"];

/// A product family: name stem, unit packs, OCOP group, VAT rate kind.
struct Family {
    /// Name stem with diacritics.
    stem: &'static str,
    /// Pack descriptions, with the unit word first ("chai 500 ml" → unit "chai").
    packs: &'static [&'static str],
    /// OCOP group 1–6.
    group: u8,
    /// Liquor: excise goods keep 10% VAT.
    excise: bool,
}

/// Families of OCOP goods; the stems and places mix into realistic names.
const FAMILIES: &[Family] = &[
    fam(
        "Nước mắm cá cơm",
        &["chai 500 ml", "chai 250 ml", "can 2 lít"],
        1,
        false,
    ),
    fam("Nước mắm nhĩ", &["chai 500 ml", "chai 750 ml"], 1, false),
    fam(
        "Trà đảng sâm",
        &["túi lọc", "hộp 20 gói", "gói 100 g"],
        3,
        false,
    ),
    fam("Trà shan tuyết", &["hộp 100 g", "túi 200 g"], 2, false),
    fam("Trà atiso", &["túi lọc", "hộp 50 gói"], 2, false),
    fam("Chè Tân Cương", &["túi 200 g", "hộp 500 g"], 2, false),
    fam(
        "Quế",
        &["thanh", "bó 500 g", "túi 200 g", "bột 100 g"],
        3,
        false,
    ),
    fam("Tinh dầu quế", &["lọ 10 ml", "lọ 50 ml"], 3, false),
    fam("Tinh dầu sả chanh", &["lọ 10 ml", "chai 100 ml"], 3, false),
    fam("Mật ong rừng", &["chai 500 ml", "hũ 1 kg"], 1, false),
    fam("Mật ong hoa nhãn", &["chai 350 ml", "hũ 500 g"], 1, false),
    fam("Cà phê rang xay", &["gói 250 g", "túi 500 g"], 2, false),
    fam("Cà phê Robusta", &["túi 500 g", "hộp 250 g"], 2, false),
    fam("Hạt điều rang muối", &["hũ 500 g", "túi 250 g"], 1, false),
    fam("Tiêu đen", &["hũ 100 g", "túi 500 g"], 1, false),
    fam(
        "Bánh tráng phơi sương",
        &["gói 500 g", "xấp 20 cái"],
        1,
        false,
    ),
    fam("Bánh pía sầu riêng", &["hộp 4 cái", "hộp 500 g"], 1, false),
    fam("Kẹo dừa", &["gói 400 g", "hộp 250 g"], 1, false),
    fam("Rượu đảng sâm", &["chai 500 ml", "bình 2 lít"], 2, true),
    fam("Rượu ba kích", &["chai 500 ml", "chai 750 ml"], 2, true),
    fam("Rượu cần", &["ché 5 lít", "bình 1 lít"], 2, true),
    fam("Gạo ST25", &["túi 5 kg", "túi 2 kg"], 1, false),
    fam("Gạo nếp cái hoa vàng", &["túi 2 kg", "túi 5 kg"], 1, false),
    fam("Miến dong", &["gói 500 g", "túi 1 kg"], 1, false),
    fam("Nấm linh chi", &["hộp 250 g", "túi 500 g"], 3, false),
    fam("Sâm Ngọc Linh", &["hộp 100 g", "củ tươi"], 3, false),
    fam("Yến sào", &["hộp 50 g", "hũ 70 ml"], 1, false),
    fam("Hồng treo gió", &["hộp 500 g", "túi 1 kg"], 1, false),
    fam("Mứt gừng", &["hộp 300 g", "túi 200 g"], 1, false),
    fam("Xoài sấy dẻo", &["túi 200 g", "hộp 500 g"], 1, false),
    fam("Muối tôm", &["hũ 200 g", "hũ 500 g"], 1, false),
    fam("Tỏi Lý Sơn", &["túi 500 g", "bó 1 kg"], 1, false),
    fam("Khô cá lóc", &["túi 500 g", "hộp 300 g"], 1, false),
    fam("Lạp xưởng tươi", &["túi 500 g", "gói 1 kg"], 1, false),
    fam("Chả cá thu", &["hộp 500 g", "túi 1 kg"], 1, false),
    fam("Mắm tôm chua", &["hũ 400 g", "hũ 200 g"], 1, false),
    fam("Tương ớt", &["chai 250 ml", "chai 500 ml"], 1, false),
    fam("Cao dược liệu", &["lọ 100 g", "hộp 200 g"], 3, false),
    fam("Bột nghệ nguyên chất", &["hũ 200 g", "túi 500 g"], 3, false),
    fam("Khăn thổ cẩm", &["chiếc", "bộ 2 chiếc"], 4, false),
    fam("Nón lá bài thơ", &["chiếc"], 4, false),
    fam("Giỏ mây tre đan", &["chiếc", "bộ 3 chiếc"], 4, false),
    fam("Lan hồ điệp", &["chậu", "chậu 3 cành"], 5, false),
    fam("Bưởi da xanh", &["quả", "hộp quà 2 quả"], 1, false),
];

/// `Family` in one line, for the table above.
const fn fam(
    stem: &'static str,
    packs: &'static [&'static str],
    group: u8,
    excise: bool,
) -> Family {
    Family {
        stem,
        packs,
        group,
        excise,
    }
}

/// Places of origin (with diacritics), added to most names.
const PLACES: &[&str] = &[
    "Nam Ô",
    "Phú Quốc",
    "Cát Hải",
    "Trà My",
    "Kon Tum",
    "Hà Giang",
    "Thái Nguyên",
    "Bến Tre",
    "Sóc Trăng",
    "Đà Lạt",
    "Mộc Châu",
    "Tây Ninh",
    "Hội An",
    "Phan Thiết",
    "Buôn Ma Thuột",
    "Sơn La",
    "Bắc Kạn",
    "Cao Bằng",
    "Hưng Yên",
    "Ninh Thuận",
    "Quảng Nam",
    "Long An",
    "Cần Thơ",
    "Huế",
    "Tam Kỳ",
    "Điện Bàn",
    "Hòa Vang",
    "Đồng Tháp",
    "Lâm Đồng",
    "Yên Bái",
    "Trà Vinh",
    "Cà Mau",
];

/// Qualities, added to some names.
const QUALITIES: &[&str] = &[
    "đặc biệt",
    "thượng hạng",
    "hữu cơ",
    "truyền thống",
    "loại 1",
    "cao cấp",
    "nguyên chất",
    "gia truyền",
];

/// Producer name prefixes by legal form.
const PRODUCER_KINDS: [(ProducerKind, &str); 4] = [
    (ProducerKind::Htx, "HTX Nông nghiệp"),
    (ProducerKind::DoanhNghiep, "Công ty TNHH"),
    (ProducerKind::HoKinhDoanh, "Hộ kinh doanh"),
    (ProducerKind::ToHopTac, "Tổ hợp tác"),
];

/// Everything the benchmarks share: the database, the scans to make, the clerk.
struct Fixture {
    /// Keeps the temporary folder (and the database in it) alive.
    dir: tempfile::TempDir,
    /// The till database, opened by `store::open` (WAL, synchronous=FULL).
    conn: Connection,
    /// Pre-picked scans: internal codes, and scale labels for weighed goods.
    scans: Vec<String>,
    /// The clerk who sells.
    user: UserId,
    /// Barcode layouts (defaults).
    rules: BarcodeRules,
    /// The business day of every scan and sale.
    date: NaiveDate,
    /// The moment of the sales.
    at: DateTime<FixedOffset>,
}

/// Picks one element of `items`.
fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[usize::try_from(rng.below(items.len() as u64)).unwrap()]
}

/// The `seq`-th generated product (1-based), sold by weight with PLU `plu` when given.
fn product(rng: &mut Rng, seq: u64, plu: Option<u32>) -> Product {
    let family = pick(rng, FAMILIES);
    let mut name = family.stem.to_owned();
    if rng.chance(75) {
        name.push(' ');
        name.push_str(pick::<&str>(rng, PLACES));
    }
    if rng.chance(30) {
        name.push(' ');
        name.push_str(pick::<&str>(rng, QUALITIES));
    }
    let unit = if plu.is_some() {
        "kg".to_owned()
    } else {
        let pack = *pick(rng, family.packs);
        name.push(' ');
        name.push_str(pack);
        pack.split(' ').next().unwrap_or(pack).to_owned()
    };
    // Prices in whole thousands of đồng, 15.000–1.500.000 ₫.
    let price = Vnd(i64::try_from(15 + rng.below(1_486)).unwrap() * 1_000);
    let vat = if family.group == 4 || family.group == 5 {
        VatSchedule::single(VatRate::FIVE)
    } else {
        standard_schedule(family.excise)
    };
    let cert_day = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap()
        + chrono::Duration::days(i64::try_from(rng.below(900)).unwrap());
    Product {
        code: format!("SP{seq:06}"),
        name,
        unit,
        price,
        vat,
        group: OcopGroup::new(family.group),
        stars: Stars::new(3 + u8::try_from(rng.below(3)).unwrap()),
        certificate: Some(Certificate {
            number: format!("{}/QĐ-UBND", 100 + rng.below(9_000)),
            date: cert_day,
        }),
        producer_code: Some(format!("NSX{:03}", 1 + rng.below(PRODUCERS))),
        barcodes: vec![barcode::internal_code(29, seq).unwrap()],
        plu,
        sold_by_weight: plu.is_some(),
        active: true,
    }
}

impl Fixture {
    /// Builds the 100,000-product database in one transaction, a clerk and the scan list.
    fn build() -> Fixture {
        let started = Instant::now();
        let dir = tempfile::tempdir().unwrap();
        let mut conn = store::open(&dir.path().join("till.db")).unwrap();
        let offset = FixedOffset::east_opt(7 * 3600).unwrap();
        let at = offset.with_ymd_and_hms(2026, 3, 14, 10, 30, 0).unwrap();
        let mut rng = Rng::new(0x0C0F_2026);
        let weight_layout = InStoreLayout {
            prefix: 20,
            item_digits: 5,
            value: ValueKind::WeightGrams,
        };
        // What each product scans as: its internal code, or a scale label for weighed goods.
        let mut plus: Vec<Option<u32>> = Vec::with_capacity(PRODUCTS as usize);
        let tx = conn.transaction().unwrap();
        for n in 1..=PRODUCERS {
            let (kind, prefix) = PRODUCER_KINDS[usize::try_from(n % 4).unwrap()];
            let producer = Producer {
                code: format!("NSX{n:03}"),
                name: format!("{prefix} {} {n}", pick(&mut rng, PLACES)),
                kind,
                commune_code: String::new(),
                tax_code: String::new(),
            };
            catalog::upsert_producer(&tx, &producer).unwrap();
        }
        let mut next_plu = 1_u32;
        for seq in 1..=PRODUCTS {
            let plu = rng.chance(2).then(|| {
                next_plu += 1;
                next_plu - 1
            });
            plus.push(plu);
            catalog::upsert_product(&tx, &product(&mut rng, seq, plu)).unwrap();
        }
        let user = users::add(&tx, "thu ngân 1", Role::Clerk, "2468", None, at).unwrap();
        tx.commit().unwrap();
        let opening = shifts::Opening {
            point_code: String::from("Q01"),
            user,
            float: Vnd(0),
            at,
        };
        shifts::open(&mut conn, &opening).unwrap();
        // Start from an empty WAL, as a till does after a quiet night.
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
        let scans = (0..SCANS)
            .map(|_| {
                let seq = 1 + rng.below(PRODUCTS);
                match plus[usize::try_from(seq - 1).unwrap()] {
                    Some(plu) => {
                        let grams = 100 + i64::try_from(rng.below(1_900)).unwrap();
                        barcode::encode_in_store(&weight_layout, plu, grams).unwrap()
                    }
                    None => barcode::internal_code(29, seq).unwrap(),
                }
            })
            .collect();
        let weighed = plus.iter().filter(|p| p.is_some()).count();
        eprintln!(
            "fixture: {PRODUCTS} products ({weighed} by weight), {PRODUCERS} producers in {:.1?}",
            started.elapsed()
        );
        Fixture {
            dir,
            conn,
            scans,
            user,
            rules: BarcodeRules::default(),
            date: at.date_naive(),
            at,
        }
    }

    /// Resolves one scan and adds it to `cart`, starting a new cart when it is long.
    fn scan(&self, cart: &mut Cart, code: &str) {
        if cart.lines.len() >= CART_RESET {
            *cart = Cart::new(String::from("b1"));
        }
        let found = catalog::resolve(&self.conn, code, &self.rules, self.date).unwrap();
        let index = cart.add(found.item, found.qty, code).unwrap();
        black_box(index);
    }

    /// A paid 3-line cash cart (ids are replaced before each sale).
    fn sale_cart(&self) -> Cart {
        let mut cart = Cart::new(String::new());
        for code in self.scans.iter().filter(|c| c.starts_with("29")).take(3) {
            let found = catalog::resolve(&self.conn, code, &self.rules, self.date).unwrap();
            cart.add(found.item, found.qty, code).unwrap();
        }
        let due = cart.due().unwrap();
        // Cash rounded up to the next 50.000 ₫ note.
        cart.pay(Method::Cash, Some(Vnd((due.0 + 49_999) / 50_000 * 50_000)))
            .unwrap();
        cart
    }
}

/// p50, p99 and max of single-call timings.
fn percentiles(mut times: Vec<Duration>) -> (Duration, Duration, Duration) {
    times.sort_unstable();
    let at = |q: usize| times[(times.len() * q / 100).min(times.len() - 1)];
    (at(50), at(99), times[times.len() - 1])
}

/// Prints one manual measurement line.
fn report(label: &str, times: Vec<Duration>, budget: &str) -> Duration {
    let n = times.len();
    let (p50, p99, max) = percentiles(times);
    eprintln!("{label}: n={n} p50={p50:.1?} p99={p99:.1?} max={max:.1?} (budget {budget})");
    p50
}

/// B1: scan → line in cart.
fn bench_scan(c: &mut Criterion, f: &Fixture) {
    let mut group = c.benchmark_group("B1_scan_to_cart");
    let mut cart = Cart::new(String::from("b1"));
    let mut next = 0_usize;
    group.bench_function("resolve_add_100k", |b| {
        b.iter(|| {
            f.scan(&mut cart, &f.scans[next % f.scans.len()]);
            next += 1;
        });
    });
    group.finish();
    let mut cart = Cart::new(String::from("b1"));
    let times = f
        .scans
        .iter()
        .map(|code| {
            let t = Instant::now();
            f.scan(&mut cart, code);
            t.elapsed()
        })
        .collect();
    report("B1 scan→cart (manual)", times, "p99 ≤ 1 ms");
}

/// B2: name search without diacritics, top 50.
fn bench_search(c: &mut Criterion, f: &Fixture) {
    let mut group = c.benchmark_group("B2_search");
    for query in QUERIES {
        let hits = catalog::search(&f.conn, query, 50).unwrap();
        eprintln!(
            "B2 \"{query}\": {} hits shown, first: {:?}",
            hits.len(),
            hits.first().map(|h| h.name.as_str())
        );
        group.bench_function(query, |b| {
            b.iter(|| black_box(catalog::search(&f.conn, black_box(query), 50).unwrap()));
        });
    }
    group.finish();
    for query in QUERIES {
        let times = (0..MANUAL_RUNS)
            .map(|_| {
                let t = Instant::now();
                black_box(catalog::search(&f.conn, query, 50).unwrap());
                t.elapsed()
            })
            .collect();
        report(&format!("B2 \"{query}\" (manual)"), times, "p99 ≤ 20 ms");
    }
}

/// The back office's product list over the same catalogue: the first page, a search page, and the
/// count and producers read when the tab opens (each keystroke reads only the page).
fn bench_office_list(c: &mut Criterion, f: &Fixture) {
    use ocop_pos::store::catalog::listing;
    let mut group = c.benchmark_group("office_products");
    group.bench_function("first_page", |b| {
        b.iter(|| black_box(listing::products(&f.conn, "", None, 50).unwrap()));
    });
    group.bench_function("search_page", |b| {
        b.iter(|| black_box(listing::products(&f.conn, black_box("mat ong"), None, 50).unwrap()));
    });
    group.bench_function("count_and_producers", |b| {
        b.iter(|| {
            black_box(listing::product_count(&f.conn).unwrap());
            black_box(listing::producer_rows(&f.conn).unwrap())
        });
    });
    group.finish();
}

/// A 4 KiB block written over the start of a file and forced to disk.
struct BareFile {
    /// The file, in the same folder as the database.
    file: File,
    /// What is written.
    block: Vec<u8>,
}

impl BareFile {
    /// Creates the file in `dir`.
    fn new(dir: &Path) -> BareFile {
        BareFile {
            file: File::create(dir.join("bare.bin")).unwrap(),
            block: vec![0xA5; 4096],
        }
    }

    /// One write + fsync.
    fn write_sync(&mut self) {
        self.block[0] = self.block[0].wrapping_add(1);
        self.file.write_all_at(&self.block, 0).unwrap();
        self.file.sync_all().unwrap();
    }
}

/// A separate WAL / synchronous=FULL database with one small table.
fn bare_sqlite(dir: &Path) -> Connection {
    let conn = Connection::open(dir.join("bare.db")).unwrap();
    let _mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .unwrap();
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT NOT NULL);",
    )
    .unwrap();
    conn
}

/// One autocommitted INSERT in the bare database.
fn bare_insert(conn: &Connection) {
    conn.prepare_cached("INSERT INTO t (body) VALUES ('ban hang 3 dong')")
        .unwrap()
        .execute([])
        .unwrap();
}

/// B3: a durable 3-line sale against a bare write + fsync (and a bare SQLite commit).
fn bench_sale(c: &mut Criterion, f: &mut Fixture) {
    let template = f.sale_cart();
    let ctx = sales::Context {
        point_code: String::from("Q01"),
        user: f.user,
        at: f.at,
    };
    let mut rng = Rng::new(3);
    let mut bare = BareFile::new(f.dir.path());
    let bare_db = bare_sqlite(f.dir.path());
    let mut group = c.benchmark_group("B3_durable_sale");
    group.bench_function("complete_3_lines", |b| {
        b.iter_batched(
            || {
                let mut cart = template.clone();
                cart.id = rng.id();
                cart
            },
            |cart| {
                let done = sales::complete(&mut f.conn, &cart, &ctx).unwrap();
                assert!(!done.already_saved);
            },
            BatchSize::SmallInput,
        );
    });
    group.bench_function("bare_write_4k_fsync", |b| b.iter(|| bare.write_sync()));
    group.bench_function("bare_sqlite_insert_commit", |b| {
        b.iter(|| bare_insert(&bare_db));
    });
    group.finish();
    // Interleaved so that both see the same disk at the same moments.
    let (mut sale, mut fsync, mut insert) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..MANUAL_RUNS {
        let mut cart = template.clone();
        cart.id = rng.id();
        let t = Instant::now();
        let done = sales::complete(&mut f.conn, &cart, &ctx).unwrap();
        sale.push(t.elapsed());
        assert!(!done.already_saved);
        let t = Instant::now();
        bare.write_sync();
        fsync.push(t.elapsed());
        let t = Instant::now();
        bare_insert(&bare_db);
        insert.push(t.elapsed());
    }
    let sale = report("B3 sale, 3 lines (manual)", sale, "≤ 2 × bare fsync");
    let fsync = report("B3 bare 4 KiB write+fsync (manual)", fsync, "baseline");
    let insert = report("B3 bare SQLite INSERT+commit (manual)", insert, "context");
    // Pages one sale appends to the WAL (frames of 24 header bytes + a page, after a 32-byte header).
    f.conn
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    let mut cart = template.clone();
    cart.id = rng.id();
    sales::complete(&mut f.conn, &cart, &ctx).unwrap();
    let wal = std::fs::metadata(f.dir.path().join("till.db-wal"))
        .unwrap()
        .len();
    let page: i64 = f
        .conn
        .pragma_query_value(None, "page_size", |r| r.get(0))
        .unwrap();
    eprintln!(
        "B3 one sale writes {} WAL frames of {page} B",
        wal.saturating_sub(32) / (u64::try_from(page).unwrap() + 24)
    );
    // The same sale without the fsync: what is CPU and page writing rather than waiting for the disk.
    f.conn.pragma_update(None, "synchronous", "OFF").unwrap();
    let no_sync = (0..MANUAL_RUNS)
        .map(|_| {
            let mut cart = template.clone();
            cart.id = rng.id();
            let t = Instant::now();
            sales::complete(&mut f.conn, &cart, &ctx).unwrap();
            t.elapsed()
        })
        .collect();
    f.conn.pragma_update(None, "synchronous", "FULL").unwrap();
    report(
        "B3 sale, 3 lines, synchronous=OFF (manual)",
        no_sync,
        "context",
    );
    // Ratios of medians in per-mille, so no floats are needed.
    let ratio = |a: Duration, b: Duration| a.as_nanos() * 1000 / b.as_nanos().max(1);
    let (r_sale, r_insert) = (ratio(sale, fsync), ratio(insert, fsync));
    eprintln!(
        "B3 ratio sale / bare fsync (medians) = {}.{:03}× (budget ≤ 2×); bare insert / bare fsync = {}.{:03}×",
        r_sale / 1000,
        r_sale % 1000,
        r_insert / 1000,
        r_insert % 1000
    );
}

fn main() {
    let mut fixture = Fixture::build();
    let mut c = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    bench_scan(&mut c, &fixture);
    bench_search(&mut c, &fixture);
    bench_office_list(&mut c, &fixture);
    bench_sale(&mut c, &mut fixture);
    c.final_summary();
}
