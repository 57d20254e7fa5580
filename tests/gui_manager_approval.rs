//! A discount or price change beyond the clerk's limit at the counter asks for a manager's name and
//! PIN: a clerk or a wrong PIN is refused and changes nothing; a manager's PIN applies it, and the
//! sale's audit rows name the manager.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/gui_till.rs"]
mod gui_till;

use gui_till::{ADMIN, PIN, Ui};
use ocop_pos::domain::auth::Role;
use ocop_pos::domain::money::Vnd;
use ocop_pos::gui::keys::Press;
use ocop_pos::store::users;

/// Cao đảng sâm Tây Giang lọ 100 g, 450.000 ₫.
const CAO: &str = "2900000000018";
/// Rượu đảng sâm Đức Huy chai 500 ml, 250.000 ₫.
const RUOU: &str = "DS-RUOU-DUCHUY-500";

fn with_clerk_lan(ui: &Ui) {
    let now = chrono::Utc::now().fixed_offset();
    users::add(&ui.conn(), "Lan", Role::Clerk, "2468", None, now).unwrap();
}

#[test]
fn an_over_limit_discount_waits_for_a_managers_pin_and_is_audited() {
    let mut ui = Ui::at_counter();
    with_clerk_lan(&ui);
    ui.scan(CAO, false);
    ui.key(Press::F(3));
    ui.enter("50%");
    assert!(
        ui.shows("Duyệt giảm giá/đổi giá: tên quản lý rồi Enter: "),
        "{}",
        ui.notice()
    );
    assert!(ui.notice().contains("Vượt hạn mức"), "{}", ui.notice());
    assert!(ui.shows(&format!("TỔNG CỘNG {}", Vnd(450_000))));

    // A clerk's own PIN does not approve.
    ui.enter("Lan");
    ui.human("2468");
    assert!(ui.shows("Duyệt giảm giá/đổi giá: mã PIN của quản lý rồi Enter: ●●●●"));
    ui.key(Press::Enter);
    assert_eq!(
        ui.notice(),
        "Lan không có quyền quản lý để duyệt thao tác này"
    );
    assert!(ui.shows(&ui.notice()));
    assert!(ui.shows(&format!("TỔNG CỘNG {}", Vnd(450_000))));
    assert_eq!(ui.app.cart().lines[0].discount, None);

    // A manager's wrong PIN is refused and counts toward the lockout.
    ui.key(Press::F(3));
    ui.enter("50%");
    ui.enter(ADMIN);
    ui.enter("9999");
    assert!(ui.notice().contains("sai mã PIN"), "{}", ui.notice());
    assert_eq!(ui.app.cart().lines[0].discount, None);
    assert_eq!(
        ui.count("SELECT failed_attempts FROM users WHERE name = 'admin'"),
        1
    );

    // The right PIN applies it.
    ui.key(Press::F(3));
    ui.enter("50%");
    ui.enter(ADMIN);
    ui.enter(PIN);
    assert_eq!(ui.notice(), "Đã được duyệt bởi quản lý admin");
    assert!(ui.shows(&format!("TỔNG CỘNG {}", Vnd(225_000))));
    assert!(ui.shows("★★★★ −50%"));

    ui.key(Press::F(12));
    ui.key(Press::Enter);
    assert!(ui.notice().starts_with("Đã lưu hóa đơn"), "{}", ui.notice());
    assert_eq!(
        ui.count("SELECT line_discount_vnd FROM sale_lines"),
        225_000
    );
    let admin = ui.count("SELECT id FROM users WHERE name = 'admin'");
    assert_eq!(
        ui.count(
            "SELECT approved_by FROM audit WHERE action = 'discount_over_limit' \
             AND subject = (SELECT receipt_no FROM sales)"
        ),
        admin
    );
    assert_eq!(ui.count("SELECT approved_by FROM sales"), admin);
    let detail: String = ui
        .conn()
        .query_row(
            "SELECT detail FROM audit WHERE action = 'discount_over_limit'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(detail.contains(&Vnd(225_000).to_string()), "{detail}");
}

#[test]
fn an_over_limit_price_change_is_approved_and_audited() {
    let mut ui = Ui::at_counter();
    ui.enter(RUOU);
    ui.key(Press::F(3));
    // 5% under the list price: the clerk may.
    ui.enter("=237500");
    assert!(
        ui.shows(&format!("TỔNG CỘNG {}", Vnd(237_500))),
        "{}",
        ui.notice()
    );
    ui.key(Press::F(3));
    ui.enter("=200000");
    assert!(ui.notice().contains("Vượt hạn mức"), "{}", ui.notice());
    assert_eq!(ui.app.cart().lines[0].unit_price, Vnd(237_500));
    ui.enter(ADMIN);
    ui.enter(PIN);
    assert!(
        ui.shows(&format!("TỔNG CỘNG {}", Vnd(200_000))),
        "{}",
        ui.notice()
    );
    ui.key(Press::F(12));
    ui.key(Press::Enter);
    assert_eq!(ui.count("SELECT unit_price_vnd FROM sale_lines"), 200_000);
    assert_eq!(
        ui.count(
            "SELECT COUNT(*) FROM audit WHERE action = 'price_override' AND approved_by IS NOT NULL"
        ),
        1
    );
}

#[test]
fn escape_drops_a_pending_approval() {
    let mut ui = Ui::at_counter();
    ui.scan(CAO, false);
    ui.key(Press::F(3));
    ui.enter("40%");
    ui.enter(ADMIN);
    ui.key(Press::Escape);
    ui.human(PIN);
    ui.key(Press::Enter);
    assert_eq!(ui.app.cart().lines[0].discount, None);
    assert!(ui.shows(&format!("TỔNG CỘNG {}", Vnd(450_000))));
}
