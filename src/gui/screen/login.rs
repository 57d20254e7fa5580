//! Login (user list, PIN) and the opening float.

use iced::widget::{button, column, container, row, text};
use iced::{Element, Fill};

use super::hints;
use crate::gui::app::{App, Message};
use crate::gui::keys::Press;
use crate::gui::theme;

/// The user list and the PIN typed so far (as dots).
pub fn view(app: &App) -> Element<'_, Message> {
    let w = app.lang.strings();
    let mut users = column![].spacing(6);
    for (i, user) in app.users.iter().enumerate() {
        let label = text(user.name.clone()).size(24);
        let pick = button(label)
            .width(360)
            .padding(10)
            .on_press(Message::PickUser(i));
        users = users.push(if i == app.user_sel {
            container(pick).style(theme::highlight).padding(4)
        } else {
            container(pick).padding(4)
        });
    }
    let dots = "●".repeat(app.entry.chars().count());
    column![
        text(w.login).size(30),
        users,
        text(format!("PIN: {dots}")).size(28),
        button(text("Enter").size(22))
            .padding(10)
            .on_press(Message::Button(Press::Enter)),
        container(hints(w.login_hint)).width(Fill),
    ]
    .spacing(12)
    .into()
}

/// The opening float.
pub fn float(app: &App) -> Element<'_, Message> {
    let w = app.lang.strings();
    let mut buttons = row![
        button(text("Enter").size(22))
            .padding(10)
            .on_press(Message::Button(Press::Enter))
    ]
    .spacing(10);
    if app.may_manage() {
        buttons = buttons.push(
            button(text(w.office).size(22))
                .padding(10)
                .on_press(Message::Button(Press::F(1))),
        );
    }
    column![
        text(w.float).size(30),
        text(format!("{} ₫", app.entry)).size(36),
        buttons,
        hints(w.float_hint),
    ]
    .spacing(12)
    .into()
}
