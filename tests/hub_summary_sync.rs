//! A real till pushing its daily summaries to the real hub over loopback HTTP: a week arrives and
//! agrees with the till's day reports to the đồng; a week of outage ends with every summary there
//! exactly once; a retry after a lost answer does not double-count; a late refund's revision 2
//! replaces revision 1; refusals are kept for the manager, not retried blindly.
#![cfg(feature = "hub")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use chrono::Duration;
use ocop_pos::domain::payment::Method;
use ocop_pos::hub::store::days;
use ocop_pos::store::{outbox, report};
use ocop_pos::sync::client::Delivery;
use ocop_pos::sync::protocol::Outcome;
use ocop_pos::sync::push::{self, Which};

use common::hub::{client, hub_data};
use common::shift_till::{CAO, POINT, RUOU, TRA, Till, at, date, till};

/// Sells a few receipts on `day` (more each day) and closes the day.
fn trade_day(t: &mut Till, day: i64) {
    t.open(500_000, at(day, 7, 30));
    for i in 0..(3 + day) {
        let codes: &[&str] = match i % 3 {
            0 => &[CAO],
            1 => &[RUOU, TRA],
            _ => &[TRA, TRA],
        };
        let pay: &[(Method, Option<i64>)] = if i % 2 == 0 {
            &[(Method::Cash, None)]
        } else {
            &[(Method::Vietqr, None)]
        };
        let minute = u32::try_from(i * 7 % 60).unwrap();
        t.sell(
            &format!("d{day}-{i}"),
            codes,
            pay,
            at(day, 9 + (i as u32 % 8), minute),
        );
    }
    let when = at(day, 20, 0);
    let counted = t.expected(when);
    t.close(counted, true, None, when).unwrap();
}

fn no_jitter() -> u64 {
    0
}

#[test]
fn a_week_of_summaries_reaches_the_hub_equal_to_the_tills_reports() {
    let data = hub_data();
    let hub = data.start();
    let mut t = till();
    for day in 0..7 {
        trade_day(&mut t, day);
    }
    assert_eq!(outbox::pending_count(&t.conn).unwrap(), 7);
    let c = client(&hub.url(), &data.token);
    let round = push::round(&t.conn, &c, Which::Due, at(6, 21, 0), &mut no_jitter).unwrap();
    assert_eq!(
        (round.delivered, round.waiting, round.refused.len()),
        (7, 0, 0)
    );
    assert_eq!(outbox::pending_count(&t.conn).unwrap(), 0);

    let hub_db = data.db();
    let mut week_net = 0;
    for day in 0..7 {
        let kept = days::get(&hub_db, POINT, date(day)).unwrap().unwrap();
        let (_, _, sent) = t.outbox().into_iter().nth(day as usize).unwrap();
        assert_eq!(kept, sent);
        let till_day = report::day(&t.conn, date(day)).unwrap();
        let (net, gross, vat, receipts): (i64, i64, i64, u32) = hub_db
            .query_row(
                "SELECT net_vnd, gross_vnd, vat_vnd, receipts FROM days
                 WHERE point_code = ?1 AND business_date = ?2",
                rusqlite::params![POINT, date(day).to_string()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap();
        assert_eq!(
            (net, gross, vat, receipts),
            (
                till_day.net_vnd.0,
                till_day.gross_vnd.0,
                till_day.vat_vnd.0,
                till_day.receipts
            )
        );
        let lines: i64 = hub_db
            .query_row(
                "SELECT SUM(net_vnd) FROM day_lines WHERE point_code = ?1 AND business_date = ?2",
                rusqlite::params![POINT, date(day).to_string()],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(lines, till_day.net_vnd.0);
        week_net += till_day.net_vnd.0;
    }
    assert!(week_net > 0);
    assert_eq!(data.count("SELECT SUM(net_vnd) FROM days"), week_net);
    let status: serde_json::Value = serde_json::from_str(&c.status(POINT).unwrap()).unwrap();
    assert_eq!(status["last_business_date"], date(6).to_string());
    assert_eq!(status["days_received"], 7);
}

#[test]
fn a_week_of_outage_ends_with_every_summary_there_exactly_once() {
    let data = hub_data();
    // The hub is down: nothing listens on port 1, and no test's hub (bound to port 0) can get it.
    let down_url = "http://127.0.0.1:1";
    let down = client(down_url, &data.token);
    let mut t = till();
    for day in 0..7 {
        trade_day(&mut t, day);
        // The worker tries after each close and fails: one attempt per round, then backoff.
        let now = at(day, 20, 5);
        let round = push::round(&t.conn, &down, Which::Due, now, &mut no_jitter).unwrap();
        assert!(round.waiting <= 1 && round.delivered == 0, "{round:?}");
    }
    assert_eq!(outbox::pending_count(&t.conn).unwrap(), 7);
    let tried = outbox::get(&t.conn, 1).unwrap();
    assert!(tried.attempts >= 2, "{tried:?}");
    assert!(
        tried.last_error.contains("không kết nối được"),
        "{}",
        tried.last_error
    );
    assert!(tried.next_attempt_at.is_some());

    // The hub is back (a new process on the same database); the till's worker resumes from the
    // outbox table alone, once the backoff has passed.
    let hub = data.start();
    let up = client(&hub.url(), &data.token);
    // The oldest summary, tried each evening, waits for its backoff; the six never tried go now.
    let now = at(6, 20, 5);
    let first = push::round(&t.conn, &up, Which::Due, now, &mut no_jitter).unwrap();
    assert_eq!((first.delivered, first.waiting), (6, 0));
    assert!(!outbox::get(&t.conn, 1).unwrap().delivered);
    let later = now + Duration::hours(7);
    let round = push::round(&t.conn, &up, Which::Due, later, &mut no_jitter).unwrap();
    assert_eq!((round.delivered, round.waiting), (1, 0));
    let again = push::round(&t.conn, &up, Which::All, later, &mut no_jitter).unwrap();
    assert_eq!(again.delivered, 0);
    assert_eq!(data.count("SELECT COUNT(*) FROM days"), 7);
    let till_week: i64 = (0..7)
        .map(|d| report::day(&t.conn, date(d)).unwrap().net_vnd.0)
        .sum();
    assert_eq!(data.count("SELECT SUM(net_vnd) FROM days"), till_week);
}

#[test]
fn a_retry_after_a_lost_answer_does_not_double_count() {
    let data = hub_data();
    let hub = data.start();
    let mut t = till();
    trade_day(&mut t, 0);
    let c = client(&hub.url(), &data.token);
    let message = outbox::pending(&t.conn, at(0, 21, 0), 10)
        .unwrap()
        .remove(0);
    // The hub stores it, but the answer never reaches the till: the outbox still has it pending.
    let first = c.put_day(POINT, date(0), &message.body).unwrap();
    assert!(matches!(first, Delivery::Accepted(a) if a.outcome == Outcome::Stored));
    let round = push::round(&t.conn, &c, Which::Due, at(0, 21, 0), &mut no_jitter).unwrap();
    assert_eq!(round.delivered, 1);
    let second = c.put_day(POINT, date(0), &message.body).unwrap();
    assert!(matches!(second, Delivery::Accepted(a) if a.outcome == Outcome::Unchanged));
    assert_eq!(data.count("SELECT COUNT(*) FROM days"), 1);
    let net = report::day(&t.conn, date(0)).unwrap().net_vnd.0;
    assert_eq!(data.count("SELECT SUM(net_vnd) FROM days"), net);
    assert_eq!(
        data.count("SELECT SUM(net_vnd) FROM day_lines"),
        net,
        "lines are not kept twice"
    );
}

#[test]
fn a_late_refunds_revision_two_replaces_revision_one_and_a_lower_one_is_a_conflict() {
    let data = hub_data();
    let hub = data.start();
    let mut t = till();
    trade_day(&mut t, 0);
    let c = client(&hub.url(), &data.token);
    push::round(&t.conn, &c, Which::Due, at(0, 20, 30), &mut no_jitter).unwrap();
    let revision_one = t.outbox().remove(0).2;

    t.open(1_000_000, at(0, 21, 0));
    let receipt = "HOIAN-01-000001";
    let back = t
        .refund("late", receipt, Vec::new(), at(0, 21, 10))
        .unwrap();
    assert!(back.total.0 < 0);
    let counted = t.expected(at(0, 21, 30));
    t.close(counted, true, None, at(0, 21, 30)).unwrap();
    let round = push::round(&t.conn, &c, Which::Due, at(0, 21, 31), &mut no_jitter).unwrap();
    assert_eq!(round.delivered, 1);
    let kept = days::get(&data.db(), POINT, date(0)).unwrap().unwrap();
    assert_eq!(kept.revision, 2);
    assert_eq!(kept.net_vnd.0, revision_one.net_vnd.0 + back.total.0);
    assert_eq!(kept.net_vnd, report::day(&t.conn, date(0)).unwrap().net_vnd);
    assert_eq!(data.count("SELECT SUM(net_vnd) FROM days"), kept.net_vnd.0);
    assert_eq!(
        data.count("SELECT SUM(net_vnd) FROM day_lines"),
        kept.net_vnd.0
    );

    // Revision 1 arriving late (say from a restored backup) is refused with 409; the till counts
    // it as delivered, and the hub keeps revision 2.
    let late = serde_json::to_string(&revision_one).unwrap();
    assert!(matches!(
        c.put_day(POINT, date(0), &late).unwrap(),
        Delivery::Conflict(_)
    ));
    assert_eq!(
        days::get(&data.db(), POINT, date(0)).unwrap().unwrap(),
        kept
    );
}

#[test]
fn refusals_are_kept_for_the_manager_and_not_retried_blindly() {
    let data = hub_data();
    let hub = data.start();
    let mut t = till();
    trade_day(&mut t, 0);
    // The other point's token: 403, then a wrong one: 401.
    let wrong = client(&hub.url(), &data.other_token);
    let round = push::round(&t.conn, &wrong, Which::Due, at(0, 21, 0), &mut no_jitter).unwrap();
    assert_eq!((round.delivered, round.refused.len()), (0, 1));
    let message = outbox::get(&t.conn, 1).unwrap();
    assert!(
        message.last_error.starts_with("cần sửa:"),
        "{}",
        message.last_error
    );
    assert!(message.last_error.contains("403"), "{}", message.last_error);
    // The background worker leaves it alone for a day…
    let soon = at(0, 21, 0) + Duration::hours(1);
    let round = push::round(&t.conn, &wrong, Which::Due, soon, &mut no_jitter).unwrap();
    assert_eq!(round, push::Round::default());
    assert_eq!(outbox::get(&t.conn, 1).unwrap().attempts, 1);
    // …until the manager fixes the token and pushes by hand.
    let right = client(&hub.url(), &data.token);
    let round = push::round(&t.conn, &right, Which::All, soon, &mut no_jitter).unwrap();
    assert_eq!(round.delivered, 1);
    assert_eq!(data.count("SELECT COUNT(*) FROM days"), 1);
}
