//! The till's background pusher: started like the window starts it, it sends the closed days to
//! the real hub without anyone running `sync push`, reports what is left, and stops when dropped.
#![cfg(feature = "hub")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::FixedOffset;
use ocop_pos::config::Config;
use ocop_pos::domain::payment::Method;
use ocop_pos::store::outbox;
use ocop_pos::sync::worker;

use common::hub::{client, hub_data};
use common::shift_till::{CAO, at, till};

#[test]
fn closed_days_reach_the_hub_in_the_background() {
    let data = hub_data();
    let mut t = till();
    for day in 0..2 {
        t.open(0, at(day, 7, 30));
        t.sell(
            &format!("bg-{day}"),
            &[CAO],
            &[(Method::Cash, None)],
            at(day, 9, 0),
        );
        let when = at(day, 20, 0);
        let counted = t.expected(when);
        t.close(counted, true, None, when).unwrap();
    }
    assert_eq!(outbox::pending_count(&t.conn).unwrap(), 2);
    let db_path = Path::new(t.conn.path().unwrap()).to_owned();
    let offset = FixedOffset::east_opt(7 * 3600).unwrap();
    // A till without `[sync]` starts no pusher at all.
    assert!(worker::start(&Config::default(), &db_path).is_none());

    // The hub is up: the worker's first round delivers both, once, with nobody pushing.
    let hub = data.start();
    let up = client(&hub.url(), &data.token);
    let pusher = worker::spawn(&db_path, up, Duration::from_secs(3600), offset).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while outbox::pending_count(&t.conn).unwrap() > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(outbox::pending_count(&t.conn).unwrap(), 0);
    assert_eq!(data.count("SELECT COUNT(*) FROM days"), 2);
    // Dropping the handle ends the thread (this returns only once it has).
    drop(pusher);

    // A third day closes while the hub is unreachable: it waits, and the state says why.
    t.open(0, at(2, 7, 30));
    t.sell("bg-2", &[CAO], &[(Method::Cash, None)], at(2, 9, 0));
    let counted = t.expected(at(2, 20, 0));
    t.close(counted, true, None, at(2, 20, 0)).unwrap();
    let down = client("http://127.0.0.1:9", &data.token);
    let pusher = worker::spawn(&db_path, down, Duration::from_millis(50), offset).unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while pusher.state().error.is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let state = pusher.state();
    assert_eq!(state.pending, 1);
    assert!(state.error.unwrap().contains("máy chủ tỉnh"));
    drop(pusher);
    assert_eq!(data.count("SELECT COUNT(*) FROM days"), 2);
}
