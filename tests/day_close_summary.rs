//! The end-of-day daily summary against a real SQLite file: equal to the sum of its lines, of its
//! payments and to the day's sales report, refused together with the Z close when it would not add
//! up, revision 2 after a late refund, nothing new for an unchanged day, and a forgotten day close
//! caught up at the next opening.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use std::collections::BTreeMap;

use chrono::{NaiveDate, Timelike};
use ocop_pos::domain::barcode::{self, BarcodeRules};
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::qty::Qty;
use ocop_pos::domain::summary::DailySummary;
use ocop_pos::store::shifts;
use ocop_pos::store::summary::{self, State};
use ocop_pos::store::{check, outbox};

use common::shift_till::{
    CAO, CAO_GTIN, MUC_PLU, POINT, RUOU, TRA, assert_agrees_with_day_report, at, date, till, vat_in,
};

#[test]
fn the_end_of_day_summary_adds_up_and_a_late_refund_makes_revision_two() {
    let mut t = till();
    // The cao also carries a real GS1 code, added after its in-store one: the summary sends it.
    let cao_id: i64 = t
        .conn
        .query_row(
            "SELECT product_id FROM barcodes WHERE code = ?1",
            [CAO],
            |r| r.get(0),
        )
        .unwrap();
    t.conn
        .execute(
            "INSERT INTO barcodes (code, product_id) VALUES (?1, ?2)",
            rusqlite::params![CAO_GTIN, cao_id],
        )
        .unwrap();
    let weight = *BarcodeRules::default().layout(20).unwrap();
    t.open(1_000_000, at(0, 7, 30));
    let mut hours: BTreeMap<u32, (u32, i64)> = BTreeMap::new();
    let mut receipts = Vec::new();
    let pays: [&[(Method, Option<i64>)]; 5] = [
        &[(Method::Cash, Some(2_000_000))],
        &[(Method::Vietqr, None)],
        &[(Method::Card, None)],
        &[(Method::Ewallet, None)],
        &[(Method::Vietqr, Some(100_000)), (Method::Cash, None)],
    ];
    for i in 0..20_u32 {
        let when = at(0, 8 + i / 2, (5 * i) % 60);
        let muc = barcode::encode_in_store(&weight, MUC_PLU, 250 + 10 * i64::from(i)).unwrap();
        let codes: Vec<&str> = match i % 4 {
            0 => vec![CAO],
            1 => vec![RUOU, TRA],
            2 => vec![muc.as_str(), TRA],
            _ => vec![CAO, RUOU, RUOU],
        };
        let done = t.sell(&format!("d{i}"), &codes, pays[i as usize % 5], when);
        let slot = hours.entry(when.hour()).or_default();
        *slot = (slot.0 + 1, slot.1 + done.total.0);
        receipts.push(done.receipt_no);
    }
    // A partial refund the same afternoon: one of the two bottles of receipt 4.
    let back = t
        .refund("r1", &receipts[3], vec![(2, Qty::ONE)], at(0, 18, 10))
        .unwrap();
    hours.entry(18).or_default().1 += back.total.0;

    // A summary that would not add up is refused, and the Z close with it: one transaction.
    let line_id: i64 =
        t.count("SELECT MAX(id) FROM sale_lines WHERE product_code = 'DS-TRA-TAYGIANG-20'");
    t.conn
        .execute(
            "UPDATE sale_lines SET net_vnd = net_vnd + 1 WHERE id = ?1",
            [line_id],
        )
        .unwrap();
    let expected = t.expected(at(0, 21, 0));
    let spoiled = t.close(expected, true, None, at(0, 21, 0)).unwrap_err();
    assert!(spoiled.to_string().contains("net_vnd"), "{spoiled}");
    assert!(shifts::current(&t.conn, POINT).unwrap().is_some());
    assert_eq!(t.count("SELECT COUNT(*) FROM outbox"), 0);
    assert_eq!(
        t.count("SELECT COUNT(*) FROM shifts WHERE z_no IS NOT NULL"),
        0
    );
    t.conn
        .execute(
            "UPDATE sale_lines SET net_vnd = net_vnd - 1 WHERE id = ?1",
            [line_id],
        )
        .unwrap();

    let z = t.close(expected, true, None, at(0, 21, 0)).unwrap();
    assert!(z.end_of_day);
    assert_eq!(z.summaries.len(), 1);
    assert_eq!(
        (z.summaries[0].business_date, z.summaries[0].revision),
        (date(0), 1)
    );
    let rows = t.outbox();
    assert_eq!(rows.len(), 1);
    let (subject, revision, first) = &rows[0];
    assert_eq!((subject.as_str(), *revision), ("HOIAN-01/2026-11-30", 1));
    assert_eq!(first.schema, "ocop.daily-summary.v1");
    assert_eq!(
        (
            first.point_code.as_str(),
            first.business_date,
            first.revision
        ),
        (POINT, date(0), 1)
    );
    assert_eq!(first.generated_at, at(0, 21, 0));
    assert_eq!((first.receipts, first.refund_receipts), (20, 1));
    assert_eq!(first.net_vnd, Vnd(z.figures.net_vnd.0));
    assert_agrees_with_day_report(&t.conn, first);
    let by_hour: BTreeMap<u32, (u32, i64)> = first
        .hours
        .iter()
        .map(|h| (u32::from(h.hour), (h.receipts, h.net_vnd.0)))
        .collect();
    assert_eq!(by_hour, hours);
    let cao = first
        .lines
        .iter()
        .find(|l| l.product_code == "DS-CAO-DUCHUY-100")
        .unwrap();
    assert_eq!(cao.gtin, CAO_GTIN);
    assert_eq!(
        (
            cao.producer_code.as_str(),
            cao.ocop_group,
            cao.stars,
            cao.unit.as_str()
        ),
        ("HTX-DUCHUY", Some(3), Some(4), "lọ")
    );
    assert_eq!(cao.qty_milli, 10_000);
    assert_eq!(cao.net_vnd, Vnd(10 * 450_000));
    assert_eq!(cao.vat_vnd, Vnd(10 * vat_in(450_000, 800)));
    let muc = first
        .lines
        .iter()
        .find(|l| l.product_code == "MUC1NANG-CLC-KG")
        .unwrap();
    let grams: i64 = (0..20).filter(|i| i % 4 == 2).map(|i| 250 + 10 * i).sum();
    assert_eq!(
        (muc.gtin.as_str(), muc.unit.as_str(), muc.qty_milli),
        ("", "kg", grams)
    );
    // The body in the outbox is the protocol's JSON, waiting for the hub.
    let pending = outbox::pending(&t.conn, at(0, 21, 1), 10).unwrap();
    assert_eq!(pending.len(), 1);
    let json: serde_json::Value = serde_json::from_str(&pending[0].body).unwrap();
    assert_eq!(json["business_date"], "2026-11-30");
    assert_eq!(
        json["lines"][0]["product_code"],
        first.lines[0].product_code
    );
    assert_eq!(
        shifts::z_report(&t.conn, POINT, z.z_no).unwrap().summaries,
        z.summaries
    );
    let shown = summary::show(&t.conn, POINT, date(0), at(0, 21, 5)).unwrap();
    assert_eq!((shown.state, &shown.summary), (State::Closed, first));

    // Evening: a customer returns a whole receipt. A new shift, the refund, another day close.
    let late = t.open(0, at(0, 21, 30));
    assert_eq!(late.summaries, []);
    let back = t
        .refund("r2", &receipts[0], Vec::new(), at(0, 21, 40))
        .unwrap();
    assert_eq!(back.total, Vnd(-450_000)); // receipt 1 was one cao, paid in cash
    assert_eq!(
        summary::show(&t.conn, POINT, date(0), at(0, 21, 45))
            .unwrap()
            .state,
        State::ChangedSinceClose
    );
    let approval = t.approval(at(0, 22, 0));
    let z_late = t.close(0, true, Some(approval), at(0, 22, 0)).unwrap();
    assert_eq!(z_late.count.difference, Vnd(450_000)); // the cash went out of an empty drawer
    assert_eq!(z_late.summaries.len(), 1);
    assert_eq!(
        (
            z_late.summaries[0].business_date,
            z_late.summaries[0].revision
        ),
        (date(0), 2)
    );
    let rows = t.outbox();
    assert_eq!(rows.len(), 2);
    let second = &rows[1].2;
    assert_eq!(
        (rows[1].0.as_str(), rows[1].1, second.revision),
        ("HOIAN-01/2026-11-30", 2, 2)
    );
    assert_eq!((second.receipts, second.refund_receipts), (20, 2));
    assert_eq!(second.refund_vnd, Vnd(first.refund_vnd.0 + 450_000));
    assert_eq!(second.net_vnd, Vnd(first.net_vnd.0 - 450_000));
    assert_agrees_with_day_report(&t.conn, second);
    // Revision 1 was not yet delivered: both wait, in order; the hub keeps the higher.
    let pending: Vec<u32> = outbox::pending(&t.conn, at(0, 22, 1), 10)
        .unwrap()
        .into_iter()
        .map(|m| m.revision)
        .collect();
    assert_eq!(pending, [1, 2]);

    // Closing the day again with nothing new writes no new revision.
    t.open(0, at(0, 22, 30));
    let z_same = t.close(0, true, None, at(0, 22, 45)).unwrap();
    assert_eq!(z_same.summaries, []);
    assert_eq!(t.outbox().len(), 2);
    let numbers: Vec<i64> = [&z, &z_late, &z_same].iter().map(|z| z.z_no).collect();
    assert_eq!(numbers, [1, 2, 3]);
    let shown = summary::show(&t.conn, POINT, date(0), at(0, 23, 0)).unwrap();
    assert_eq!((shown.state, shown.summary.revision), (State::Closed, 2));
    assert_eq!(check::run(&t.conn).unwrap(), Vec::<String>::new());
}

#[test]
fn a_forgotten_day_close_is_summarised_when_the_next_day_opens() {
    let mut t = till();
    // Day 0: sales, the shift closed without ending the day.
    t.open(200_000, at(0, 7, 30));
    t.sell("f1", &[CAO], &[(Method::Cash, None)], at(0, 9, 0));
    let s2 = t.sell("f2", &[RUOU, TRA], &[(Method::Vietqr, None)], at(0, 15, 0));
    let z = t.close(650_000, false, None, at(0, 20, 0)).unwrap();
    assert!(z.summaries.is_empty());
    assert_eq!(t.outbox().len(), 0);
    let not_closed = summary::show(&t.conn, POINT, date(0), at(0, 20, 5)).unwrap();
    assert_eq!(not_closed.state, State::NotClosed);
    assert_eq!(
        (not_closed.summary.receipts, not_closed.summary.net_vnd),
        (2, Vnd(820_000))
    );
    assert_agrees_with_day_report(&t.conn, &not_closed.summary);

    // Day 1 opens: day 0 is summarised in the opening's transaction.
    let opened = t.open(200_000, at(1, 7, 30));
    assert_eq!(opened.summaries.len(), 1);
    assert_eq!(
        (
            opened.summaries[0].business_date,
            opened.summaries[0].revision
        ),
        (date(0), 1)
    );
    let rows = t.outbox();
    assert_eq!((rows[0].0.as_str(), rows[0].1), ("HOIAN-01/2026-11-30", 1));
    assert_eq!(rows[0].2.generated_at, at(1, 7, 30));
    let mut without_time = not_closed.summary.clone();
    without_time.generated_at = rows[0].2.generated_at;
    assert_eq!(rows[0].2, without_time);

    // Day 1 closes properly: only day 1 is written; day 0 has not changed.
    t.sell("f3", &[TRA], &[(Method::Card, None)], at(1, 10, 0));
    let z = t.close(200_000, true, None, at(1, 20, 0)).unwrap();
    let written: Vec<(NaiveDate, u32)> = z
        .summaries
        .iter()
        .map(|s| (s.business_date, s.revision))
        .collect();
    assert_eq!(written, [(date(1), 1)]);
    // A late refund on day 1 in a shift closed without ending the day again…
    t.open(0, at(1, 20, 30));
    t.refund("f4", "HOIAN-01-000003", Vec::new(), at(1, 20, 40))
        .unwrap();
    t.close(0, false, None, at(1, 21, 0)).unwrap();
    // …day 2 has no sales at all…
    let opened = t.open(100_000, at(2, 7, 30));
    let written: Vec<(NaiveDate, u32)> = opened
        .summaries
        .iter()
        .map(|s| (s.business_date, s.revision))
        .collect();
    // …so day 2's opening sends day 1's revision 2, and nothing for day 0.
    assert_eq!(written, [(date(1), 2)]);
    t.close(100_000, false, None, at(2, 20, 0)).unwrap();
    // Day 3: nothing is due (day 2 sold nothing).
    t.open(100_000, at(3, 7, 30));
    let subjects: Vec<(String, u32)> = t.outbox().into_iter().map(|(s, r, _)| (s, r)).collect();
    assert_eq!(
        subjects,
        [
            ("HOIAN-01/2026-11-30".to_owned(), 1),
            ("HOIAN-01/2026-12-01".to_owned(), 1),
            ("HOIAN-01/2026-12-01".to_owned(), 2),
        ]
    );
    // The latest revision of each day says what the day's report says now.
    let latest: BTreeMap<String, DailySummary> = t
        .outbox()
        .into_iter()
        .map(|(subject, _, s)| (subject, s))
        .collect();
    assert_eq!(latest.len(), 2);
    for s in latest.values() {
        assert_agrees_with_day_report(&t.conn, s);
    }
    let day1 = summary::latest(&t.conn, POINT, date(1)).unwrap().unwrap();
    assert_eq!(
        (day1.revision, day1.net_vnd, day1.refund_receipts),
        (2, Vnd(0), 1)
    );
    assert_eq!(summary::latest(&t.conn, POINT, date(2)).unwrap(), None);
    assert_eq!(s2.total, Vnd(370_000));
    assert_eq!(check::run(&t.conn).unwrap(), Vec::<String>::new());
}
