//! The header's banners over the real window: "no printer configured" when there is none, and the
//! background push to the provincial hub — days still waiting and the last error while the hub is
//! unreachable, "synced" once the real hub (in-process) has them.
#![cfg(all(feature = "gui", feature = "hub"))]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::FixedOffset;
use iced_test::simulator;
use ocop_pos::config::Config;
use ocop_pos::domain::payment::Method;
use ocop_pos::gui::app::{Message, Screen};
use ocop_pos::gui::{App, Launch};
use ocop_pos::store::{Db, outbox};
use ocop_pos::sync::worker;

use common::hub::{client, hub_data};
use common::shift_till::{CAO, at, till};

fn shows(app: &App, text: &str) -> bool {
    simulator(app.view()).find(text).is_ok()
}

/// Polls like the window's timer until the header shows `text` (or ten seconds pass).
fn polled_until_shown(app: &mut App, text: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        let _ = app.update(Message::PrinterPoll);
        if shows(app, text) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

#[test]
fn the_header_shows_the_printer_and_the_days_waiting_for_the_hub() {
    let data = hub_data();
    let mut t = till();
    t.open(0, at(0, 7, 30));
    t.sell("banner-0", &[CAO], &[(Method::Cash, None)], at(0, 9, 0));
    let counted = t.expected(at(0, 20, 0));
    t.close(counted, true, None, at(0, 20, 0)).unwrap();
    assert_eq!(outbox::pending_count(&t.conn).unwrap(), 1);
    let db_path = Path::new(t.conn.path().unwrap()).to_owned();
    let offset = FixedOffset::east_opt(7 * 3600).unwrap();

    let launch = Launch {
        config: Config::default(),
        data_dir: db_path.parent().unwrap().to_owned(),
        config_file: None,
        db_path: db_path.clone(),
    };
    let mut app = App::new(launch, Db::open(&db_path).unwrap(), true);
    let _ = app.boot();
    assert_eq!(app.screen(), Screen::Login);
    assert!(shows(&app, "Chưa cấu hình máy in"));
    let _ = app.update(Message::SwitchLanguage);
    assert!(shows(&app, "No printer configured"));
    let _ = app.update(Message::SwitchLanguage);
    // Without [sync] there is no pusher and no sync banner.
    let _ = app.update(Message::PrinterPoll);
    assert!(!shows(&app, "Đã đồng bộ"));

    // The hub is unreachable: the day waits and the header says why.
    let down = client("http://127.0.0.1:9", &data.token);
    app.set_pusher(worker::spawn(&db_path, down, Duration::from_millis(50), offset).unwrap());
    let waiting = "1 ngày chưa đồng bộ · Lỗi đồng bộ:";
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut seen = None;
    while Instant::now() < deadline && seen.is_none() {
        let _ = app.update(Message::PrinterPoll);
        let mut sim = simulator(app.view());
        seen = sim
            .find(|c: iced_test::selector::Candidate<'_>| match c {
                iced_test::selector::Candidate::Text { content, .. }
                    if content.starts_with(waiting) =>
                {
                    Some(content.to_owned())
                }
                _ => None,
            })
            .ok();
        std::thread::sleep(Duration::from_millis(20));
    }
    let banner = seen.expect("the header shows the day waiting and the error");
    assert!(banner.contains("máy chủ tỉnh"), "{banner}");

    // The real hub is up: the pusher delivers, the header says so.
    let hub = data.start();
    let up = client(&hub.url(), &data.token);
    app.set_pusher(worker::spawn(&db_path, up, Duration::from_millis(50), offset).unwrap());
    // The failed day's retry time has come (the backoff is minutes; the test does not wait them).
    t.conn
        .execute("UPDATE outbox SET next_attempt_at = NULL", [])
        .unwrap();
    assert!(polled_until_shown(&mut app, "Đã đồng bộ"));
    assert_eq!(outbox::pending_count(&t.conn).unwrap(), 0);
    assert_eq!(data.count("SELECT COUNT(*) FROM days"), 1);
    let _ = app.update(Message::SwitchLanguage);
    assert!(shows(&app, "Synced"));
}
