//! Stock valuation over the report tests' shop, every figure worked out by hand: bought lots at
//! their cost first-expiry-first-out, stock without lots at the retail price, consigned goods at the
//! producer's price, and stock sold but never received shown below zero.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::qty::Qty;
use ocop_pos::store::{valuation, valuation::Line};

use common::shop::shop;

#[allow(clippy::too_many_arguments)]
fn line(
    code: &str,
    name: &str,
    unit: &str,
    on_hand: i64,
    owned: (i64, i64),
    unlotted: (i64, i64),
    consigned: (i64, i64),
    price: i64,
    retail: i64,
) -> Line {
    Line {
        product_code: code.into(),
        name: name.into(),
        unit: unit.into(),
        on_hand: Qty(on_hand),
        owned_qty: Qty(owned.0),
        owned_cost: Vnd(owned.1),
        unlotted_qty: Qty(unlotted.0),
        unlotted_value: Vnd(unlotted.1),
        own_value: Vnd(owned.1 + unlotted.1),
        consigned_qty: Qty(consigned.0),
        consigned_value: Vnd(consigned.1),
        retail_price: Vnd(price),
        retail_value: Vnd(retail),
    }
}

#[test]
fn stock_valuation_is_exact() {
    let shop = shop();
    let value = valuation::value(&shop.conn).unwrap();
    #[rustfmt::skip]
    let expected = [
        // 3 sold first-expiry-first-out from A-01: 7 × 300.000 + 5 × 320.000.
        line("CAO-SAM", "Cao đảng sâm", "hũ", 12_000, (12_000, 3_700_000), (0, 0), (0, 0), 450_000, 5_400_000),
        // 1,5 kg × 333.333 = 499.999,5 → 500.000.
        line("MUC-KG", "Mực một nắng", "kg", 1_500, (1_500, 500_000), (0, 0), (0, 0), 650_000, 975_000),
        // No lot: 7 × 120.000 at the retail price.
        line("NUOC-MAM", "Nước mắm Nam Ô", "chai", 7_000, (0, 0), (7_000, 840_000), (0, 0), 120_000, 840_000),
        // Consigned: 6 in, 2 sold, 1 back = 5 × 180.000, the producer's.
        line("RUOU-SAM", "Rượu đảng sâm", "chai", 5_000, (0, 0), (0, 0), (5_000, 900_000), 250_000, 1_250_000),
        // Sold 4 never received: −4, shown rather than hidden.
        line("TUI-VAI", "Túi vải đựng quà", "cái", -4_000, (0, 0), (-4_000, -80_000), (0, 0), 20_000, -80_000),
    ];
    assert_eq!(value.lines, expected);
    assert_eq!(
        value.totals,
        valuation::Totals {
            owned_cost: Vnd(4_200_000),
            unlotted_value: Vnd(760_000),
            own_value: Vnd(4_960_000),
            consigned_value: Vnd(900_000),
            retail_value: Vnd(8_385_000),
        }
    );
    assert!(value.lines[2].valued_at_retail() && !value.lines[0].valued_at_retail());
    let mut csv = Vec::new();
    value.table().write_csv(&mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.contains(
            "\r\nNUOC-MAM,Nước mắm Nam Ô,chai,7,0,0,7,840000,840000,0,0,120000,840000,Không có lô: tính theo giá bán lẻ\r\n"
        ),
        "{csv}"
    );
    assert!(
        csv.ends_with("Tổng cộng,,,,,4200000,,760000,4960000,,900000,,8385000,\r\n"),
        "{csv}"
    );
}
