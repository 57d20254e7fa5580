//! `check` finds what SQLite alone cannot: a Z number skipped, a daily summary in the outbox that no
//! longer adds up, a lot whose figure differs from its moves.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use chrono::{DateTime, FixedOffset};
use ocop_pos::domain::money::Vnd;
use ocop_pos::setup::{self, FirstRun};
use ocop_pos::store::settings::PointProfile;
use ocop_pos::store::shifts::{self, Closing, Opening};
use ocop_pos::store::{self, check, users};

fn at(hour: u32) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2026-11-30T{hour:02}:00:00+07:00")).unwrap()
}

#[test]
fn check_names_skipped_z_numbers_broken_summaries_and_lot_drift() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = store::open(&dir.path().join("till.db")).unwrap();
    let first = FirstRun {
        point: PointProfile {
            code: "HUE-01".into(),
            name: "Điểm Huế".into(),
            ..Default::default()
        },
        admin_name: "admin".into(),
        admin_pin: "9999".into(),
        sample: true,
    };
    setup::first_run(&mut conn, &first, at(7)).unwrap();
    let admin = users::find_by_name(&conn, "admin").unwrap().unwrap().id;
    for (open, close) in [(8, 12), (13, 21)] {
        let opening = Opening {
            point_code: "HUE-01".into(),
            user: admin,
            float: Vnd(0),
            at: at(open),
        };
        shifts::open(&mut conn, &opening).unwrap();
        let closing = Closing {
            point_code: "HUE-01".into(),
            user: admin,
            counted: Vnd(0),
            end_of_day: close == 21,
            approval: None,
            max_difference: Vnd(0),
            at: at(close),
        };
        shifts::close(&mut conn, &closing).unwrap();
    }
    assert_eq!(check::run(&conn).unwrap(), Vec::<String>::new());

    // Tampering, as a broken disk or a hand-edited file might.
    conn.execute_batch(
        "DROP TRIGGER shifts_closed_frozen;
         UPDATE shifts SET z_no = 3 WHERE z_no = 2;
         UPDATE outbox SET body = json_set(body, '$.net_vnd', 5) WHERE kind = 'daily_summary';
         INSERT INTO lots (product_id, owner, unit_cost_vnd, received_at, qty_milli)
             VALUES (1, 'owned', 0, '2026-11-30T08:00:00+07:00', 4000);",
    )
    .unwrap();
    let problems = check::run(&conn).unwrap();
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(problems[0].contains("tồn kho lô"), "{}", problems[0]);
    assert!(
        problems[1].contains("số báo cáo Z của HUE-01"),
        "{}",
        problems[1]
    );
    assert!(
        problems[2].contains("báo cáo ngày HUE-01/2026-11-30 bản 1 hỏng"),
        "{}",
        problems[2]
    );
}
