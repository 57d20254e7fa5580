//! Unit tests of the cart.
use super::*;
use crate::domain::auth::Approval;
use crate::domain::payment::Method;

const POLICY: Policy = Policy {
    clerk_limit_bp: 1000,
};

fn item(id: i64, price: i64, by_weight: bool) -> Item {
    Item {
        product_id: id,
        code: format!("P{id}"),
        name: format!("Sản phẩm {id}"),
        unit: if by_weight { "kg" } else { "chai" }.into(),
        price: Vnd(price),
        vat: VatRate(800),
        stars: Some(4),
        sold_by_weight: by_weight,
    }
}

#[test]
fn repeat_scans_merge_weighed_goods_do_not() {
    let mut cart = Cart::new("c1".into());
    assert_eq!(
        cart.add(item(1, 125_000, false), Qty::ONE, "2900000000010"),
        Ok(0)
    );
    assert_eq!(
        cart.add(item(1, 125_000, false), Qty::ONE, "2900000000010"),
        Ok(0)
    );
    assert_eq!(cart.lines[0].qty, Qty::units(2));
    assert_eq!(
        cart.add(item(2, 180_000, true), Qty(250), "2000123002504"),
        Ok(1)
    );
    assert_eq!(
        cart.add(item(2, 180_000, true), Qty(300), "2000123003006"),
        Ok(2)
    );
    assert_eq!(cart.totals().unwrap().total, Vnd(250_000 + 45_000 + 54_000));
    // A priced label costs exactly its printed price whatever the weight works out to.
    assert_eq!(
        cart.add_labelled(item(2, 185_000, true), Qty(333), Vnd(61_600), "x"),
        Ok(3)
    );
    assert_eq!(
        cart.totals().unwrap().total,
        Vnd(250_000 + 45_000 + 54_000 + 61_600)
    );
    assert_eq!(cart.set_qty(3, Qty(400)), Err(CartError::LabelFixed));
}

#[test]
fn refuses_bad_quantities() {
    let mut cart = Cart::new("c1".into());
    assert_eq!(
        cart.add(item(1, 1_000, false), Qty(500), "x"),
        Err(CartError::WholeUnitsOnly("Sản phẩm 1".into()))
    );
    assert_eq!(
        cart.add(item(1, 1_000, false), Qty(0), "x"),
        Err(CartError::BadQty(Qty(0)))
    );
    assert_eq!(
        cart.add(item(1, 1_000, false), Qty(-1000), "x"),
        Err(CartError::BadQty(Qty(-1000)))
    );
    assert_eq!(
        cart.add(item(1, 1_000, false), Qty::units(100_001), "x"),
        Err(CartError::BadQty(Qty::units(100_001)))
    );
    cart.add(item(1, 1_000, false), Qty::ONE, "x").unwrap();
    assert_eq!(cart.set_qty(3, Qty::ONE), Err(CartError::NoSuchLine(3)));
    assert!(!cart.is_empty() && cart.lines[0].qty == Qty::ONE);
}

#[test]
fn discounts_over_the_limit_need_a_manager() {
    let mut cart = Cart::new("c1".into());
    cart.add(item(1, 100_000, false), Qty::ONE, "x").unwrap();
    cart.set_line_discount(0, Some(Discount::Percent(1000)), POLICY, None)
        .unwrap();
    assert_eq!(cart.lines[0].approved_by, None);
    assert_eq!(
        cart.set_line_discount(0, Some(Discount::Percent(1500)), POLICY, None),
        Err(CartError::NeedsManager { limit_pct: 10 })
    );
    assert_eq!(cart.lines[0].discount, Some(Discount::Percent(1000)));
    let boss = Approval { manager: UserId(9) };
    cart.set_line_discount(0, Some(Discount::Percent(1500)), POLICY, Some(boss))
        .unwrap();
    assert_eq!(cart.lines[0].approved_by, Some(UserId(9)));
    assert_eq!(cart.totals().unwrap().total, Vnd(85_000));

    assert_eq!(
        cart.override_price(0, Vnd(80_000), POLICY, None),
        Err(CartError::NeedsManager { limit_pct: 10 })
    );
    cart.override_price(0, Vnd(95_000), POLICY, None).unwrap();
    assert_eq!(
        cart.set_order_discount(Some(Discount::Amount(Vnd(20_000))), POLICY, None),
        Err(CartError::NeedsManager { limit_pct: 10 })
    );
    cart.set_order_discount(Some(Discount::Amount(Vnd(8_000))), POLICY, None)
        .unwrap();
    // 95.000 − 15% = 80.750; − 8.000 = 72.750.
    assert_eq!(cart.totals().unwrap().total, Vnd(72_750));
}

#[test]
fn split_payment_then_cash_change() {
    let mut cart = Cart::new("c1".into());
    cart.add(item(1, 125_000, false), Qty::units(2), "x")
        .unwrap();
    assert_eq!(cart.ready(), Err(CartError::NotPaid(Vnd(250_000))));
    assert_eq!(cart.pay(Method::Vietqr, Some(Vnd(100_000))), Ok(Vnd::ZERO));
    assert_eq!(
        cart.add(item(3, 1, false), Qty::ONE, "y"),
        Err(CartError::HasPayments)
    );
    assert_eq!(cart.pay(Method::Cash, Some(Vnd(200_000))), Ok(Vnd(50_000)));
    assert_eq!(cart.change(), Ok(Vnd(50_000)));
    assert_eq!(cart.ready().unwrap().total, Vnd(250_000));
    assert_eq!(
        cart.pay(Method::Cash, None),
        Err(CartError::Payment(PaymentError::NothingDue))
    );
}
