//! The Z close against a real SQLite file: a blind count within the limit closes alone, one over it
//! is refused without a manager with nothing written, a closed shift is frozen, and Z numbers run
//! 1, 2, 3 without gaps, each kept as printed.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::store::shifts::{self, ShiftError};
use ocop_pos::store::users::LockoutPolicy;
use ocop_pos::store::{self, audit, check, users};

use common::shift_till::{CAO, LIMIT, POINT, RUOU, TRA, at, till};

#[test]
fn blind_count_over_the_limit_needs_a_manager_and_z_numbers_have_no_gaps() {
    let mut t = till();
    // Z 1: 30.000 short, within the 50.000 limit: the clerk closes alone.
    t.open(500_000, at(0, 7, 30));
    t.sell("a1", &[CAO], &[(Method::Cash, None)], at(0, 8, 0));
    let z1 = t.close(920_000, false, None, at(0, 12, 0)).unwrap();
    assert_eq!(z1.z_no, 1);
    assert_eq!(
        (z1.count.expected, z1.count.counted, z1.count.difference),
        (Vnd(950_000), Vnd(920_000), Vnd(-30_000))
    );
    assert_eq!(
        (z1.closed_by.as_str(), z1.approved_by.as_deref()),
        ("Lan", None)
    );
    assert!(!z1.end_of_day && z1.summaries.is_empty());
    let closed = t.count("SELECT COUNT(*) FROM shifts WHERE closed_at IS NOT NULL");
    assert_eq!(closed, 1);
    // A closed shift is frozen, and no shift is ever deleted.
    let frozen = t
        .conn
        .execute(
            "UPDATE shifts SET counted_cash_vnd = 950000 WHERE z_no = 1",
            [],
        )
        .unwrap_err();
    assert!(
        frozen.to_string().contains("closed shifts are immutable"),
        "{frozen}"
    );
    assert!(t.conn.execute("DELETE FROM shifts", []).is_err());
    // Without a shift no refund either.
    let refused = t
        .refund("r0", "HOIAN-01-000001", Vec::new(), at(0, 12, 5))
        .unwrap_err();
    assert!(
        matches!(refused, store::Error::Shift(ShiftError::NoOpenShift)),
        "{refused}"
    );

    // Z 2: 60.000 short. Without a manager: refused, showing the difference, nothing written.
    t.open(500_000, at(0, 12, 30));
    t.sell("a2", &[RUOU], &[(Method::Cash, None)], at(0, 13, 0));
    let before = (
        t.count("SELECT COUNT(*) FROM audit"),
        t.count("SELECT COUNT(*) FROM outbox"),
        t.count("SELECT total_changes()"),
    );
    let refused = t.close(690_000, true, None, at(0, 18, 0)).unwrap_err();
    match &refused {
        store::Error::Shift(ShiftError::NeedsManager { difference, limit }) => {
            assert_eq!((*difference, *limit), (Vnd(-60_000), LIMIT));
        }
        other => panic!("expected NeedsManager, got {other:?}"),
    }
    let message = refused.to_string();
    assert!(
        message.contains("thiếu 60.000\u{a0}₫")
            && message.contains("-60.000\u{a0}₫")
            && message.contains("50.000\u{a0}₫")
            && message.contains("quản lý"),
        "{message}"
    );
    let after = (
        t.count("SELECT COUNT(*) FROM audit"),
        t.count("SELECT COUNT(*) FROM outbox"),
        t.count("SELECT total_changes()"),
    );
    assert_eq!(before, after);
    let still_open = shifts::current(&t.conn, POINT).unwrap().unwrap();
    assert_eq!(still_open.z_no, None);
    // A clerk cannot approve; a manager can.
    assert!(matches!(
        users::approve(
            &t.conn,
            "Lan",
            "2468",
            LockoutPolicy::default(),
            at(0, 18, 1)
        ),
        Err(store::Error::NotManager(_))
    ));
    let approval = t.approval(at(0, 18, 2));
    let z2 = t
        .close(690_000, false, Some(approval), at(0, 18, 2))
        .unwrap();
    assert_eq!((z2.z_no, z2.count.difference), (2, Vnd(-60_000)));
    assert_eq!(z2.approved_by.as_deref(), Some("Minh"));
    let row = audit::recent(&t.conn, 1).unwrap().remove(0);
    assert_eq!(
        (row.action.as_str(), row.subject.as_str()),
        ("shift_closed", "Z-000002")
    );
    assert_eq!(row.approved_by, Some(approval.manager()));
    assert_eq!(
        row.detail,
        "đếm 690.000\u{a0}₫, sổ 750.000\u{a0}₫, chênh lệch -60.000\u{a0}₫ (thiếu 60.000\u{a0}₫)"
    );

    // Z 3: exactly 50.000 over is still within the limit; a count below zero is refused.
    t.open(0, at(0, 18, 30));
    t.sell("a3", &[TRA], &[(Method::Cash, Some(200_000))], at(0, 19, 0));
    assert!(matches!(
        t.close(-1, false, None, at(0, 20, 0)),
        Err(store::Error::Shift(ShiftError::BadCount(_)))
    ));
    let z3 = t.close(170_000, false, None, at(0, 20, 0)).unwrap();
    assert_eq!((z3.z_no, z3.count.difference), (3, Vnd(50_000)));
    assert!(matches!(
        t.close(0, false, None, at(0, 20, 1)),
        Err(store::Error::Shift(ShiftError::NoOpenShift))
    ));

    // Numbers run 1, 2, 3 with no gap, and each Z is kept as printed.
    let numbers: Vec<i64> = t
        .conn
        .prepare("SELECT z_no FROM shifts ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(numbers, [1, 2, 3]);
    for z in [&z1, &z2, &z3] {
        assert_eq!(&shifts::z_report(&t.conn, POINT, z.z_no).unwrap(), z);
    }
    assert_eq!(
        z2.figures.receipt_range,
        Some(("HOIAN-01-000002".into(), "HOIAN-01-000002".into()))
    );
    assert!(matches!(
        shifts::z_report(&t.conn, POINT, 4),
        Err(store::Error::Shift(ShiftError::UnknownZ(4)))
    ));
    assert!(shifts::z_report(&t.conn, "OTHER-01", 1).is_err());
    assert_eq!(check::run(&t.conn).unwrap(), Vec::<String>::new());
}
