//! Parked carts survive a restart of the till, voids need a manager and are logged, and the audit log
//! cannot be edited or deleted even with plain SQL.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use chrono::{DateTime, FixedOffset, NaiveDate};
use ocop_pos::domain::auth::Role;
use ocop_pos::domain::barcode::BarcodeRules;
use ocop_pos::domain::cart::Cart;
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::qty::Qty;
use ocop_pos::setup::{self, FirstRun};
use ocop_pos::store::settings::PointProfile;
use ocop_pos::store::users::LockoutPolicy;
use ocop_pos::store::{self, audit, catalog, parked, sales, users};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-30T10:00:00+07:00").unwrap()
}

fn cart_with(conn: &rusqlite::Connection, id: &str, codes: &[&str]) -> Cart {
    let mut cart = Cart::new(id.into());
    let date = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    for code in codes {
        let found = catalog::resolve(conn, code, &BarcodeRules::default(), date).unwrap();
        cart.add(found.item, found.qty, code).unwrap();
    }
    cart
}

#[test]
fn parked_carts_survive_a_restart_and_voids_are_logged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("till.db");
    let clerk;
    {
        let mut conn = store::open(&path).unwrap();
        setup::first_run(
            &mut conn,
            &FirstRun {
                point: PointProfile {
                    code: "HUE-01".into(),
                    name: "Điểm Huế".into(),
                    ..Default::default()
                },
                admin_name: "admin".into(),
                admin_pin: "9999".into(),
                sample: true,
            },
            now(),
        )
        .unwrap();
        clerk = users::add(&conn, "Lan", Role::Clerk, "2468", None, now()).unwrap();
        let cart = cart_with(
            &conn,
            "park-1",
            &["2900000000018", "2900000000025", "2900000000025"],
        );
        parked::park(&conn, &cart, clerk, "chị Mai", now()).unwrap();
        // A cart with a payment taken cannot be parked: the money would be left hanging.
        let mut paid = cart_with(&conn, "park-2", &["2900000000032"]);
        paid.pay(Method::Vietqr, None).unwrap();
        assert!(matches!(
            parked::park(&conn, &paid, clerk, "x", now()),
            Err(store::Error::Park(_))
        ));
        assert!(matches!(
            parked::park(&conn, &Cart::new("empty".into()), clerk, "x", now()),
            Err(store::Error::Park(_))
        ));
    } // the till closes

    let mut conn = store::open(&path).unwrap();
    let list = parked::list(&conn).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].label.as_str(), list[0].user.as_str(), list[0].lines),
        ("chị Mai", "Lan", 2)
    );
    assert_eq!(list[0].total, Vnd(450_000 + 2 * 250_000));
    let mut cart = parked::recall(&mut conn, list[0].id).unwrap();
    assert_eq!(cart.lines[1].qty, Qty::units(2));
    assert!(parked::list(&conn).unwrap().is_empty());
    assert!(matches!(
        parked::recall(&mut conn, list[0].id),
        Err(store::Error::UnknownParked(_))
    ));

    // The customer changes their mind: voiding needs a manager, and the audit keeps the cart.
    users::add(&conn, "Minh", Role::Manager, "1357", None, now()).unwrap();
    let approval = users::approve(&conn, "Minh", "1357", LockoutPolicy::default(), now()).unwrap();
    parked::void(
        &mut conn,
        &cart,
        clerk,
        approval,
        "khách không mua nữa",
        now(),
    )
    .unwrap();
    let last = &audit::recent(&conn, 1).unwrap()[0];
    assert_eq!(last.action, "void_cart");
    assert_eq!(last.approved_by, Some(approval.manager()));
    assert!(
        last.detail.contains("khách không mua nữa") && last.detail.contains("950.000"),
        "{}",
        last.detail
    );

    // A recalled cart still sells normally afterwards.
    cart.id = "park-1-again".into();
    cart.pay(Method::Cash, Some(Vnd(1_000_000))).unwrap();
    let ctx = sales::Context {
        point_code: "HUE-01".into(),
        user: clerk,
        at: now(),
    };
    let opening = ocop_pos::store::shifts::Opening {
        point_code: "HUE-01".into(),
        user: clerk,
        float: Vnd(0),
        at: now(),
    };
    ocop_pos::store::shifts::open(&mut conn, &opening).unwrap();
    let done = sales::complete(&mut conn, &cart, &ctx).unwrap();
    assert_eq!(
        (done.receipt_no.as_str(), done.change),
        ("HUE-01-000001", Vnd(50_000))
    );
}

#[test]
fn the_audit_log_refuses_edits_and_deletions() {
    let dir = tempfile::tempdir().unwrap();
    let conn = store::open(&dir.path().join("till.db")).unwrap();
    users::add(&conn, "admin", Role::Admin, "9999", None, now()).unwrap();
    let before = audit::recent(&conn, 10).unwrap();
    assert_eq!(before.len(), 1);
    let update = conn.execute("UPDATE audit SET detail = 'nothing happened'", []);
    assert!(update.unwrap_err().to_string().contains("append-only"));
    let delete = conn.execute("DELETE FROM audit", []);
    assert!(delete.unwrap_err().to_string().contains("append-only"));
    assert_eq!(audit::recent(&conn, 10).unwrap(), before);
}
