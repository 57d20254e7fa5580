//! What each screen shows. Views only read the [`App`]; they never touch the database.

pub mod counter;
pub mod customer;
pub mod login;
pub mod payment;
pub mod setup;
pub mod status;

use iced::widget::{button, column, container, row, space, text};
use iced::{Element, Fill};

use super::app::{App, Message, Screen};
use super::theme;

/// The whole window: header, notice, the screen, the hint bar.
pub fn view(app: &App) -> Element<'_, Message> {
    let words = app.lang.strings();
    let who = match (&app.user, &app.point) {
        (Some(user), Some(point)) => format!("{} · {}", point.name, user.name),
        (None, Some(point)) => point.name.clone(),
        _ => String::new(),
    };
    let mut header = row![text(who).size(18), space::horizontal()].spacing(12);
    let configured = app.launch.config.printer.address.is_some();
    let banners = [
        status::sync(app.sync_state.as_ref(), app.lang),
        status::printer(configured, app.printer_state.as_ref(), app.lang),
    ];
    for (good, label) in banners.into_iter().flatten() {
        header = header.push(
            container(text(label).size(14))
                .padding(4)
                .style(theme::banner(good)),
        );
    }
    header = header.push(button(text(words.switch)).on_press(Message::SwitchLanguage));
    let mut page = column![header].spacing(10).padding(12);
    if let Some(notice) = &app.notice {
        page = page.push(
            container(text(notice.text.clone()).size(20))
                .padding(8)
                .width(Fill)
                .style(theme::banner(notice.good)),
        );
    }
    let body = match app.screen {
        Screen::Loading => text("…").into(),
        Screen::Setup => setup::view(app),
        Screen::Login => login::view(app),
        Screen::Float => login::float(app),
        Screen::Counter => counter::view(app),
        Screen::Office => super::office::view(app),
    };
    page.push(container(body).height(Fill)).into()
}

/// The hint bar at the bottom.
pub fn hints(keys: &str) -> Element<'_, Message> {
    container(text(keys).size(14)).padding(6).width(Fill).into()
}
