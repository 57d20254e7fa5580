//! Products and producers: a searchable list, the edit form with OCOP data, barcodes and labels, CSV import with a preview, export.

use iced::widget::{column, text};
use iced::{Element, Task};

use crate::gui::app::{App, Message};
use crate::gui::i18n::Lang;
use crate::gui::keys::Press;

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
    pub(crate) fn products_opened(&mut self) -> Task<Message> {
        Task::none()
    }

    /// A message of the tab.
    pub(crate) fn products_msg(&mut self, msg: Msg) -> Task<Message> {
        match msg {
            Msg::Refresh => self.products_opened(),
        }
    }

    /// A key while the tab is shown.
    pub(crate) fn products_key(&mut self, _press: Press) -> Task<Message> {
        Task::none()
    }

    /// A scanned code while the tab is shown.
    pub(crate) fn products_scanned(&mut self, _code: String) -> Task<Message> {
        Task::none()
    }
}

/// The tab.
pub fn view(app: &App) -> Element<'_, Msg> {
    let title = match app.lang {
        Lang::Vi => "Sản phẩm và nhà sản xuất",
        Lang::En => "Products and producers",
    };
    column![text(title).size(24)].spacing(10).into()
}
