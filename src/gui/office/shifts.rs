//! Shifts and days: the Z history, reprints of X and Z reports, cash differences over time.

use iced::widget::{column, text};
use iced::{Element, Task};

use crate::gui::app::{App, Message};
use crate::gui::i18n::Lang;

/// What the tab keeps while the back office is open.
#[derive(Debug, Default)]
pub struct State {}

/// What the tab reacts to.
#[derive(Debug, Clone)]
pub enum Msg {
    /// Load the tab's data again.
    Refresh,
}

impl App {
    /// The tab was shown.
    pub(crate) fn shifts_opened(&mut self) -> Task<Message> {
        Task::none()
    }

    /// A message of the tab.
    pub(crate) fn shifts_msg(&mut self, msg: Msg) -> Task<Message> {
        match msg {
            Msg::Refresh => self.shifts_opened(),
        }
    }
}

/// The tab.
pub fn view(app: &App) -> Element<'_, Msg> {
    let title = match app.lang {
        Lang::Vi => "Ca và ngày",
        Lang::En => "Shifts and days",
    };
    column![text(title).size(24)].spacing(10).into()
}
