//! Budget B5 of design.md §7: a raster receipt on 80 mm paper with 20 sale lines and a VietQR
//! code encodes in ≤ 10 ms and ≤ 60 KB.
//!
//! The 20 lines are the first 20 products of the sample catalogue (real OCOP names, most of them
//! too long for one row), half with a line discount, paid partly by transfer (so the receipt
//! carries its QR code) and partly in cash with change. Criterion times `receipt::encode` of the
//! built document (layout, drawing, banding) with the glyph cache warm, as it is at a till after
//! its first receipt; the first, cold encode and the bytes per receipt are printed on stderr.

// A bench is test code: a broken fixture should stop the run loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{FixedOffset, TimeZone};
use criterion::Criterion;
use ocop_pos::domain::catalog::Stars;
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::qty::Qty;
use ocop_pos::domain::vat::{VatRate, vat_included};
use ocop_pos::receipt::document::{self, BankAccount, Settings};
use ocop_pos::receipt::{self, Profile, Width, vietqr};
use ocop_pos::store::receipt_data::{Line, Payment, SaleReceipt};
use ocop_pos::store::settings::PointProfile;

/// Sale lines on the benchmark receipt (design.md §7, B5).
const LINES: usize = 20;
/// B5's budgets.
const BUDGET_MS: u128 = 10;
const BUDGET_BYTES: usize = 60 * 1024;

fn sale() -> SaleReceipt {
    let mut reader =
        csv::Reader::from_reader(include_str!("../assets/sample/catalogue.csv").as_bytes());
    let mut lines = Vec::new();
    for (i, row) in reader.records().take(LINES).enumerate() {
        let row = row.unwrap();
        let price = Vnd(row[3].parse().unwrap());
        let rate = VatRate::new(row[4].parse().unwrap()).unwrap();
        let qty = Qty::units(1 + (i as i64 % 3));
        let gross = qty.times(price).unwrap();
        let line_discount = if i % 2 == 0 {
            Vnd(gross.0 / 10)
        } else {
            Vnd::ZERO
        };
        let net = Vnd(gross.0 - line_discount.0);
        lines.push(Line {
            line_no: i as u32 + 1,
            name: row[1].to_owned(),
            unit: row[2].to_owned(),
            stars: row[8].parse().ok().and_then(Stars::new),
            qty,
            unit_price: price,
            gross,
            line_discount,
            order_discount: Vnd::ZERO,
            net,
            vat_rate: rate,
            vat: vat_included(net, rate).unwrap(),
        });
    }
    let gross = lines.iter().map(|l| l.gross).sum::<Vnd>();
    let discount = lines.iter().map(|l| l.line_discount).sum::<Vnd>();
    let total = Vnd(gross.0 - discount.0);
    let transfer = Vnd(total.0 / 2);
    let cash = Vnd(total.0 - transfer.0);
    let change = Vnd(1_000_000 - cash.0 % 1_000_000);
    SaleReceipt {
        point: PointProfile {
            code: "HOIAN-01".into(),
            name: "Điểm bán sản phẩm OCOP Hội An".into(),
            address: "12 Trần Phú, phường Hội An, TP Đà Nẵng".into(),
            tax_code: "0401234567".into(),
        },
        receipt_no: "HOIAN-01-000123".into(),
        refund_of: None,
        completed_at: FixedOffset::east_opt(7 * 3600)
            .unwrap()
            .with_ymd_and_hms(2026, 11, 30, 9, 41, 0)
            .unwrap(),
        clerk: "Nguyễn Thị Lan".into(),
        vat: lines.iter().map(|l| l.vat).sum(),
        lines,
        gross,
        discount,
        total,
        tendered: Vnd(transfer.0 + cash.0 + change.0),
        change,
        payments: vec![
            Payment {
                method: Method::Vietqr,
                amount: transfer,
                reference: String::new(),
            },
            Payment {
                method: Method::Cash,
                amount: cash,
                reference: String::new(),
            },
        ],
        note: String::new(),
    }
}

fn settings() -> Settings {
    Settings {
        footer: "Cảm ơn quý khách. Hẹn gặp lại!\nHàng OCOP chính hãng – đổi trả trong 7 ngày"
            .into(),
        bank: Some(BankAccount {
            account: vietqr::Account {
                bin: "970436".into(),
                number: "0011001234567".into(),
            },
            name: "HTX DICH VU OCOP HOI AN".into(),
        }),
    }
}

fn main() {
    let doc = document::sale(&sale(), &settings());
    let profile = Profile {
        width: Width::Mm80,
        ..Profile::default()
    };
    let start = Instant::now();
    let bytes = receipt::encode(&doc, &profile).unwrap();
    let cold = start.elapsed();
    let rows = receipt::raster::render(&doc, Width::Mm80).unwrap().height;
    eprintln!(
        "B5 raster receipt, 80 mm, {LINES} lines + QR: {} bytes ({:.1} KiB, budget {} KiB), \
         {rows} dot rows of paper, first (cold) encode {cold:.2?}",
        bytes.len(),
        bytes.len() as f64 / 1024.0,
        BUDGET_BYTES / 1024
    );
    // B5_PNG=path writes the receipt as a PNG, to look at.
    if let Ok(path) = std::env::var("B5_PNG") {
        std::fs::write(path, receipt::preview::document(&doc, Width::Mm80).unwrap()).unwrap();
    }
    // The same lines without discounts, paid by transfer alone: a more usual receipt.
    let mut plain = sale();
    for line in &mut plain.lines {
        line.line_discount = Vnd::ZERO;
        line.net = line.gross;
    }
    plain.discount = Vnd::ZERO;
    plain.total = plain.gross;
    plain.payments.truncate(1);
    plain.payments[0].amount = plain.total;
    plain.change = Vnd::ZERO;
    let plain_bytes = receipt::encode(&document::sale(&plain, &settings()), &profile).unwrap();
    eprintln!(
        "B5 the same 20 lines without discounts, paid by transfer alone: {} bytes",
        plain_bytes.len()
    );
    let mut c = Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    c.bench_function(
        "B5 raster receipt 80 mm, 20 lines + QR (budget 10 ms)",
        |b| b.iter(|| receipt::encode(black_box(&doc), &profile).unwrap()),
    );
    c.bench_function("B5 document built from the sale, then encoded", |b| {
        b.iter(|| receipt::encode(&document::sale(black_box(&sale()), &settings()), &profile))
    });
    c.final_summary();
    let runs = 50;
    let start = Instant::now();
    for _ in 0..runs {
        black_box(receipt::encode(&doc, &profile).unwrap());
    }
    let mean = start.elapsed() / runs;
    eprintln!(
        "B5 mean of {runs} warm encodes: {mean:.2?} (budget {BUDGET_MS} ms); {} bytes{}",
        bytes.len(),
        if mean.as_millis() < BUDGET_MS && bytes.len() <= BUDGET_BYTES {
            ""
        } else {
            " — OVER BUDGET"
        }
    );
}
