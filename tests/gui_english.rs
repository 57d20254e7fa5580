//! With English chosen, the window's refusals are in English too, those from the store included:
//! unknown codes, receipts and users, wrong PINs and the lockout, shift and cart refusals.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/gui_till.rs"]
mod gui_till;

use gui_till::{ADMIN, PIN, Ui};
use ocop_pos::domain::money::Vnd;
use ocop_pos::gui::app::Screen;
use ocop_pos::gui::keys::Press;

/// Cao đảng sâm Tây Giang lọ 100 g, 450.000 ₫.
const CAO: &str = "2900000000018";

/// The notice, which must also be on screen.
fn said(ui: &Ui) -> String {
    let notice = ui.notice();
    assert!(ui.shows(&notice), "not on screen: {notice}");
    notice
}

#[test]
fn counter_refusals_are_in_english() {
    let mut ui = Ui::at_counter();
    ui.click("English");

    ui.scan("8934563138165", false);
    assert_eq!(said(&ui), "no product with the code \"8934563138165\"");
    ui.enter("12345678");
    assert_eq!(
        said(&ui),
        "barcode 12345678 has a wrong check digit (it should be 0)"
    );
    ui.key(Press::F(9));
    assert_eq!(said(&ui), "the cart is empty, nothing to park");

    ui.scan(CAO, false);
    ui.key(Press::F(4));
    ui.enter("abc");
    assert_eq!(said(&ui), "quantity \"abc\" is not valid (e.g. 2 or 0,25)");
    ui.key(Press::F(3));
    ui.enter("150%");
    assert_eq!(said(&ui), "discount percentage \"150%\" is not valid");
    ui.key(Press::F(3));
    ui.enter("30%");
    assert_eq!(
        said(&ui),
        "Beyond the clerk's limit: approving manager's name then Enter (10%)"
    );
    assert!(ui.shows("Approve discount/price: manager's name then Enter: "));
    ui.enter("Nobody");
    ui.enter("1111");
    assert_eq!(said(&ui), "no user \"Nobody\"");
    assert!(ui.shows(&format!("TOTAL {}", Vnd(450_000))));

    ui.key(Press::F(12));
    ui.enter("12x");
    assert_eq!(said(&ui), "invalid character in the amount: 'x'");
    ui.key(Press::Escape);

    ui.key(Press::F(8));
    ui.enter("DIEM-BAN-01-000999");
    ui.enter(ADMIN);
    ui.enter("9999");
    assert_eq!(said(&ui), "wrong PIN (4 tries left)");
    ui.key(Press::F(8));
    ui.enter("DIEM-BAN-01-000999");
    ui.enter(ADMIN);
    ui.enter(PIN);
    assert_eq!(
        said(&ui),
        "no sale with receipt number \"DIEM-BAN-01-000999\""
    );

    ui.key(Press::F(11));
    ui.human("9000000");
    ui.key(Press::F(6));
    assert_eq!(
        said(&ui),
        format!(
            "cannot take out {}: not enough cash in the drawer",
            Vnd(9_000_000)
        )
    );
    assert_eq!(ui.count("SELECT COUNT(*) FROM cash_moves"), 0);
    ui.human("100000");
    ui.key(Press::F(12));
    assert_eq!(
        said(&ui),
        format!(
            "cash is short (difference {}), beyond the allowed {}: a manager must enter their PIN to close",
            Vnd(-400_000),
            Vnd(50_000)
        )
    );
    assert!(ui.shows("Close: approving manager's name then Enter"));
    ui.key(Press::Escape);
    assert_eq!(
        ui.count("SELECT COUNT(*) FROM shifts WHERE z_no IS NOT NULL"),
        0
    );
    assert_eq!(ui.count("SELECT COUNT(*) FROM sales"), 0);
}

#[test]
fn the_lockout_is_told_in_english() {
    let mut ui = Ui::new();
    ui.set_up();
    ui.click("English");
    ui.enter("0000");
    assert_eq!(said(&ui), "wrong PIN (4 tries left)");
    for _ in 0..4 {
        ui.enter("0000");
    }
    ui.enter(PIN);
    assert_eq!(ui.app.screen(), Screen::Login);
    assert!(
        said(&ui).starts_with("account locked until "),
        "{}",
        ui.notice()
    );
}
