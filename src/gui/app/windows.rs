//! The windows when the customer display is configured: the till's own and the one facing the
//! customer, opened together; closing the till's window ends the program.

use iced::{Element, Size, Task, window};

use super::{App, Message};
use crate::domain::money::Vnd;

/// The open windows (none are tracked with a single window).
#[derive(Debug, Default)]
pub struct Windows {
    /// The clerk's window.
    pub main: Option<window::Id>,
    /// The customer display.
    pub customer: Option<window::Id>,
}

/// What the customer display shows after a sale until the next scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thanks {
    /// What the sale came to.
    pub total: Vnd,
    /// The change handed back.
    pub change: Vnd,
}

impl App {
    /// Opens the till's window and the customer display (the daemon's first task).
    pub fn open_windows(&mut self) -> Task<Message> {
        let (main, opened_main) = window::open(window::Settings {
            size: Size::new(1024.0, 700.0),
            exit_on_close_request: true,
            ..window::Settings::default()
        });
        let (customer, opened_customer) = window::open(window::Settings {
            size: Size::new(800.0, 600.0),
            ..window::Settings::default()
        });
        self.windows = Windows {
            main: Some(main),
            customer: Some(customer),
        };
        Task::batch([opened_main.discard(), opened_customer.discard()])
    }

    /// A window closed: the till's ends the program, the customer's just goes away.
    pub(crate) fn window_closed(&mut self, id: window::Id) -> Task<Message> {
        if self.windows.customer == Some(id) {
            self.windows.customer = None;
            return Task::none();
        }
        if self.windows.main == Some(id) {
            return iced::exit();
        }
        Task::none()
    }

    /// The view of one window: the customer display's, or the till's.
    pub fn view_window(&self, id: window::Id) -> Element<'_, Message> {
        if self.windows.customer == Some(id) {
            self.view_customer()
        } else {
            self.view()
        }
    }

    /// The title of one window.
    pub fn title_window(&self, id: window::Id) -> String {
        if self.windows.customer == Some(id) {
            self.lang.strings().customer_title.to_owned()
        } else {
            self.title()
        }
    }

    /// The customer display's window, while it is open.
    pub fn customer_window(&self) -> Option<window::Id> {
        self.windows.customer
    }

    /// What the customer display shows.
    pub fn view_customer(&self) -> Element<'_, Message> {
        crate::gui::screen::customer::view(self)
    }
}
