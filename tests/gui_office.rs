//! The back office in the till window: only managers and admins get in, every tab opens, Escape
//! goes back to where the manager came from.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/gui_till.rs"]
mod gui_till;

use gui_till::Ui;
use ocop_pos::domain::auth::Role;
use ocop_pos::gui::app::{Message, Screen};
use ocop_pos::gui::keys::Press;
use ocop_pos::gui::office::{Msg, Tab};

#[test]
fn a_clerk_is_refused_every_tab_of_the_back_office() {
    let mut ui = Ui::at_counter();
    ui.add_user("lan", Role::Clerk, "2468");
    ui.login_as("lan", "2468");
    assert_eq!(ui.app.screen(), Screen::Counter);
    assert!(
        !ui.shows("F1 Quản lý"),
        "a clerk sees no back-office button"
    );
    ui.key(Press::F(1));
    assert_eq!(ui.app.screen(), Screen::Counter);
    assert_eq!(
        ui.notice(),
        "Chỉ quản lý hoặc quản trị viên được vào phần quản lý"
    );
    for tab in Tab::ALL {
        ui.send(Message::Office(Msg::Open(tab)));
        assert_eq!(ui.app.screen(), Screen::Counter, "{tab:?}");
        assert_eq!(
            ui.notice(),
            "Chỉ quản lý hoặc quản trị viên được vào phần quản lý"
        );
    }
}

#[test]
fn a_manager_opens_every_tab_and_escape_goes_back_to_the_counter() {
    let mut ui = Ui::at_counter();
    ui.add_user("hoa", Role::Manager, "1357");
    ui.login_as("hoa", "1357");
    ui.click("F1 Quản lý");
    assert_eq!(ui.app.screen(), Screen::Office, "{}", ui.notice());
    for tab in Tab::ALL {
        ui.click(tab.label(ocop_pos::gui::i18n::Lang::Vi));
        assert_eq!(ui.app.screen(), Screen::Office, "{tab:?}: {}", ui.notice());
    }
    ui.key(Press::Escape);
    assert_eq!(ui.app.screen(), Screen::Counter);
}

#[test]
fn locking_from_the_back_office_asks_for_a_pin_again() {
    let mut ui = Ui::in_office();
    ui.key(Press::Lock);
    assert_eq!(ui.app.screen(), Screen::Login);
    ui.send(Message::Office(Msg::Open(Tab::Reports)));
    assert_eq!(ui.app.screen(), Screen::Login);
    // A back-office answer arriving after the lock is dropped, not shown to the next person.
    ui.send(Message::Office(Msg::Close));
    assert_eq!(ui.app.screen(), Screen::Login);
    assert_eq!(ui.notice(), "");
}

#[test]
fn a_screen_change_makes_the_window_repaint_whole() {
    // The background differs from the last frame's whenever the layout changes, which makes the
    // software renderer repaint everything instead of leaving marks of the last screen.
    let mut ui = Ui::at_counter();
    let theme = ui.app.theme();
    let before = ui.app.style(&theme).background_color;
    ui.key(Press::F(1));
    let office = ui.app.style(&theme).background_color;
    assert_ne!(before, office);
    ui.click("Báo cáo");
    let reports = ui.app.style(&theme).background_color;
    assert_ne!(office, reports);
    // A message that changes nothing on the layout leaves it as it is.
    ui.send(Message::PrinterPoll);
    assert_eq!(reports, ui.app.style(&theme).background_color);
}
