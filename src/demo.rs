//! Realistic sales history made through the normal sale path, so managers can try reports before
//! going live: mixed baskets, weighed goods by scale label, discounts, every payment method, splits
//! and some refunds. Deterministic for a given seed.
//!
//! Each day runs in one shift: the first sale of a day closes the previous day's shift with an
//! end-of-day Z (the cash counted exactly as expected), which writes that day's summary to the
//! outbox, and opens the day's shift. The last day's shift stays open, as it would at the counter.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime};
use rusqlite::Connection;

use crate::domain::auth::{Approval, UserId};
use crate::domain::barcode::{self, BarcodeRules, ValueKind};
use crate::domain::cart::{Cart, Policy};
use crate::domain::money::Vnd;
use crate::domain::payment::Method;
use crate::domain::pricing::Discount;
use crate::store::sales::{self, Completed, Context};
use crate::store::{self, Error, catalog, refund, shifts};

/// A small, fast, seedable generator (SplitMix64): enough for plausible shop data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// A random 128-bit hex id (carts, refunds).
    pub fn id(&mut self) -> String {
        format!("{:016x}{:016x}", self.next_u64(), self.next_u64())
    }
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The last day of history (usually today).
    pub last_day: NaiveDate,
    /// Days of history, ending on `last_day`.
    pub days: u32,
    /// Sales per day.
    pub per_day: u32,
    /// Random seed.
    pub seed: u64,
    /// Business UTC offset.
    pub offset: FixedOffset,
    /// Point code for receipt numbers.
    pub point_code: String,
    /// The clerk who sells and the manager who approves refunds.
    pub user: UserId,
    /// Barcode layouts (weighed goods are scanned by scale label).
    pub rules: BarcodeRules,
}

/// Makes the sales of `plan`, calling `on_commit` after each commit; returns how many were made.
pub fn run(
    conn: &mut Connection,
    plan: &Plan,
    mut on_commit: impl FnMut(&Completed),
) -> Result<u64, Error> {
    let goods = catalog::sellable(conn)?;
    if goods.is_empty() {
        return Err(Error::Setting(
            "danh mục chưa có sản phẩm đang bán: hãy nhập danh mục trước",
        ));
    }
    let weight_layout = plan
        .rules
        .layouts
        .iter()
        .find(|l| l.value == ValueKind::WeightGrams)
        .copied();
    let policy = Policy {
        clerk_limit_bp: 10_000,
    };
    let mut rng = Rng::new(plan.seed);
    let mut made = 0_u64;
    let mut recent: Vec<String> = Vec::new();
    for day_back in (0..plan.days).rev() {
        let date = plan.last_day - Duration::days(i64::from(day_back));
        for n in 0..plan.per_day {
            // Spread sales from 08:00 to 20:00.
            let seconds = 8 * 3600
                + (12 * 3600 * u64::from(n)) / u64::from(plan.per_day.max(1))
                + rng.below(60);
            let time = NaiveTime::from_num_seconds_from_midnight_opt(
                u32::try_from(seconds).unwrap_or(0),
                0,
            )
            .unwrap_or(NaiveTime::MIN);
            let at: DateTime<FixedOffset> =
                match date.and_time(time).and_local_timezone(plan.offset).single() {
                    Some(at) => at,
                    None => continue,
                };
            let ctx = Context {
                point_code: plan.point_code.clone(),
                user: plan.user,
                at,
            };
            start_day(conn, plan, date)?;
            if !recent.is_empty() && rng.chance(3) {
                let receipt =
                    recent[usize::try_from(rng.below(recent.len() as u64)).unwrap_or(0)].clone();
                let request = refund::Request {
                    refund_id: rng.id(),
                    original_receipt: receipt,
                    lines: vec![(1, crate::domain::qty::Qty::ONE)],
                    payout: Vec::new(),
                    reason: "khách đổi ý".into(),
                };
                match refund::refund(conn, &request, &ctx, Approval::new(plan.user)) {
                    Ok(done) => {
                        made += 1;
                        on_commit(&done);
                    }
                    // Already refunded, or a weighed line: simply no refund this time.
                    Err(Error::RefundQty { .. } | Error::NothingToRefund(_)) => {}
                    Err(e) => return Err(e),
                }
                continue;
            }
            let cart = basket(
                conn,
                &goods,
                weight_layout.as_ref(),
                plan,
                policy,
                date,
                &mut rng,
            )?;
            let done = sales::complete(conn, &cart, &ctx)?;
            made += 1;
            recent.push(done.receipt_no.clone());
            if recent.len() > 50 {
                recent.remove(0);
            }
            on_commit(&done);
        }
    }
    Ok(made)
}

/// Float counted into the drawer each morning.
const FLOAT: Vnd = Vnd(1_000_000);

/// Makes sure the shift of `date` is open: closes an earlier (or later) day's shift with an
/// end-of-day Z at 21:00 of its own day, counting exactly what is expected, and opens `date`'s at
/// 07:30.
fn start_day(conn: &mut Connection, plan: &Plan, date: NaiveDate) -> Result<(), Error> {
    let local = |day: NaiveDate, h: u32, m: u32| {
        day.and_hms_opt(h, m, 0)
            .and_then(|t| t.and_local_timezone(plan.offset).single())
            .ok_or(Error::Setting("giờ mở/đóng ca không hợp lệ"))
    };
    if let Some(open) = shifts::current(conn, &plan.point_code)? {
        if open.business_date == date {
            return Ok(());
        }
        let at = local(open.business_date, 21, 0)?;
        let counted = shifts::x_report(conn, &open, at)?.expected_cash_vnd;
        let closing = shifts::Closing {
            point_code: plan.point_code.clone(),
            user: plan.user,
            counted,
            end_of_day: true,
            approval: None,
            max_difference: Vnd::ZERO,
            at,
        };
        shifts::close(conn, &closing)?;
    }
    let opening = shifts::Opening {
        point_code: plan.point_code.clone(),
        user: plan.user,
        float: FLOAT,
        at: local(date, 7, 30)?,
    };
    shifts::open(conn, &opening)?;
    Ok(())
}

fn basket(
    conn: &Connection,
    goods: &[catalog::Sellable],
    weight_layout: Option<&barcode::InStoreLayout>,
    plan: &Plan,
    policy: Policy,
    date: NaiveDate,
    rng: &mut Rng,
) -> Result<Cart, Error> {
    let mut cart = Cart::new(rng.id());
    let lines = 1 + rng.below(4);
    for _ in 0..lines {
        let pick = &goods[usize::try_from(rng.below(goods.len() as u64)).unwrap_or(0)];
        let code = match (pick.plu, weight_layout) {
            (Some(plu), Some(layout)) => {
                let grams = 100 + i64::try_from(rng.below(1900)).unwrap_or(0);
                barcode::encode_in_store(layout, plu, grams)?
            }
            _ => pick.barcode.clone(),
        };
        let found = catalog::resolve(conn, &code, &plan.rules, date)?;
        let qty = if found.item.sold_by_weight || rng.chance(80) {
            found.qty
        } else {
            crate::domain::qty::Qty::units(2)
        };
        cart.add(found.item, qty, &code)?;
    }
    if rng.chance(8) {
        cart.set_line_discount(0, Some(Discount::Percent(500)), policy, None)?;
    }
    if rng.chance(5) {
        cart.set_order_discount(Some(Discount::Amount(Vnd(5_000))), policy, None)
            .or_else(|_| cart.set_order_discount(None, policy, None))?;
    }
    let due = cart.due()?;
    match rng.below(10) {
        0..=4 => {
            // Cash, rounded up to the next 50.000 ₫ note as customers hand it over.
            let tendered = Vnd((due.0 + 49_999) / 50_000 * 50_000);
            cart.pay(Method::Cash, Some(tendered))?;
        }
        5..=6 => {
            cart.pay(Method::Vietqr, None)?;
        }
        7 => {
            cart.pay(Method::Card, None)?;
        }
        8 => {
            cart.pay(Method::Ewallet, None)?;
        }
        _ => {
            let part = Vnd((due.0 / 2).max(1));
            cart.pay(Method::Vietqr, Some(part))?;
            cart.pay(Method::Cash, None)?;
        }
    }
    Ok(cart)
}

/// Fails with a clear message when the database was never initialised.
pub fn require_point(conn: &Connection) -> Result<store::settings::PointProfile, Error> {
    store::settings::point(conn)?.ok_or(Error::Setting(
        "chưa khởi tạo điểm bán: hãy chạy `ocop-pos init` trước",
    ))
}
