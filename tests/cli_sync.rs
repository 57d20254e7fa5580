//! `ocop-pos sync status` and `sync push` against the real hub: demo days closed at a till are
//! pushed, the hub has each once, and a missing or wrong configuration is refused naming the fix.
#![cfg(feature = "hub")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use common::hub::hub_data;
use common::{ok, refused};

#[test]
fn sync_push_sends_the_closed_days_and_status_shows_none_waiting() {
    let data = hub_data();
    let hub = data.start();
    let till = tempfile::tempdir().unwrap();
    let dir = till.path();
    ok(
        dir,
        &["init", "--sample", "--point-code", "HOIAN-01"],
        "9999\n9999\n",
    );
    ok(dir, &["demo-sales", "--days", "4", "--per-day", "5"], "");
    let status = ok(dir, &["sync", "status"], "");
    assert!(status.contains("chưa cấu hình"), "{status}");
    let waiting: usize = status
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("Chưa đồng bộ: "))
        .unwrap()
        .parse()
        .unwrap();
    assert!(waiting >= 3, "{status}");
    let err = refused(dir, &["sync", "push"], "");
    assert!(err.contains("hub_url"), "{err}");

    // The other point's token: refused, kept for the manager, the exit code says so.
    let config = |token: &str| {
        format!(
            "[sync]\nhub_url = \"{}\"\npoint_token = \"{token}\"\n",
            hub.url()
        )
    };
    std::fs::write(dir.join("config.toml"), config(&data.other_token)).unwrap();
    let err = refused(dir, &["sync", "push"], "");
    assert!(err.contains("từ chối"), "{err}");
    assert_eq!(data.count("SELECT COUNT(*) FROM days"), 0);
    let status = ok(dir, &["sync", "status"], "");
    assert!(status.contains("cần sửa"), "{status}");

    std::fs::write(dir.join("config.toml"), config(&data.token)).unwrap();
    let pushed = ok(dir, &["sync", "push"], "");
    assert!(pushed.contains(&format!("Đã gửi: {waiting},")), "{pushed}");
    assert_eq!(data.count("SELECT COUNT(*) FROM days"), waiting as i64);
    let status = ok(dir, &["sync", "status"], "");
    assert!(status.starts_with("Chưa đồng bộ: 0\n"), "{status}");
    assert!(
        status.contains(&format!("\"days_received\":{waiting}")),
        "{status}"
    );
    let again = ok(dir, &["sync", "push"], "");
    assert!(again.contains("Đã gửi: 0,"), "{again}");
}
