//! The back office in the till window, for centre managers: products, receiving, stock, stock
//! takes, transfers, consignment, shifts, reports and settings. Every tab needs a manager or an
//! admin; a clerk is refused before anything is loaded.
//!
//! Each tab is a module with its own `State`, `Msg`, `view` (an `Element` of its own `Msg`) and an
//! `impl App` handler: `update` here only routes. Database work goes through [`App::office_job`],
//! whose answer comes back as the tab's `Msg`.

pub mod consignment;
pub mod products;
pub mod receiving;
pub mod reports;
pub mod settings;
pub mod shifts;
pub mod stock;
pub mod stocktake;
pub mod transfers;

use iced::widget::{button, column, container, row, text};
use iced::{Element, Fill, Task};
use rusqlite::Connection;

use super::app::{App, Done, Message, Screen};
use super::i18n::Lang;
use super::keys::Press;
use crate::store;

/// A tab of the back office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// Products and producers.
    #[default]
    Products,
    /// Goods received.
    Receiving,
    /// Stock on hand, lots, low stock, expiry, moves, adjustments.
    Stock,
    /// Stock takes.
    Stocktake,
    /// Transfers out and in.
    Transfers,
    /// Consignment settlements.
    Consignment,
    /// Shifts and days: Z history, reprints.
    Shifts,
    /// Sales reports.
    Reports,
    /// Settings.
    Settings,
}

impl Tab {
    /// Every tab, in the order of the tab bar.
    pub const ALL: [Tab; 9] = [
        Tab::Products,
        Tab::Receiving,
        Tab::Stock,
        Tab::Stocktake,
        Tab::Transfers,
        Tab::Consignment,
        Tab::Shifts,
        Tab::Reports,
        Tab::Settings,
    ];

    /// The tab's label.
    pub fn label(self, lang: Lang) -> &'static str {
        let (vi, en) = match self {
            Tab::Products => ("Sản phẩm", "Products"),
            Tab::Receiving => ("Nhập hàng", "Receiving"),
            Tab::Stock => ("Tồn kho", "Stock"),
            Tab::Stocktake => ("Kiểm kê", "Stock take"),
            Tab::Transfers => ("Chuyển kho", "Transfers"),
            Tab::Consignment => ("Ký gửi", "Consignment"),
            Tab::Shifts => ("Ca & ngày", "Shifts & days"),
            Tab::Reports => ("Báo cáo", "Reports"),
            Tab::Settings => ("Cài đặt", "Settings"),
        };
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// The back office's state: the tab shown and each tab's own state (kept while switching tabs).
#[derive(Debug, Default)]
pub struct Office {
    /// The tab shown.
    pub tab: Tab,
    /// Products and producers.
    pub products: products::State,
    /// Goods received.
    pub receiving: receiving::State,
    /// Stock.
    pub stock: stock::State,
    /// Stock takes.
    pub stocktake: stocktake::State,
    /// Transfers.
    pub transfers: transfers::State,
    /// Consignment.
    pub consignment: consignment::State,
    /// Shifts and days.
    pub shifts: shifts::State,
    /// Reports.
    pub reports: reports::State,
    /// Settings.
    pub settings: settings::State,
}

/// What the back office reacts to.
#[derive(Debug, Clone)]
pub enum Msg {
    /// Show a tab (opening the back office if needed).
    Open(Tab),
    /// Back to the counter (or the opening float when no shift is open).
    Close,
    /// Products and producers.
    Products(products::Msg),
    /// Goods received.
    Receiving(receiving::Msg),
    /// Stock.
    Stock(stock::Msg),
    /// Stock takes.
    Stocktake(stocktake::Msg),
    /// Transfers.
    Transfers(transfers::Msg),
    /// Consignment.
    Consignment(consignment::Msg),
    /// Shifts and days.
    Shifts(shifts::Msg),
    /// Reports.
    Reports(reports::Msg),
    /// Settings.
    Settings(settings::Msg),
}

impl App {
    /// Whether the logged-in user may use the back office.
    pub(crate) fn may_manage(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.role.can_approve())
    }

    /// Handles a back-office message; a clerk (or nobody) is refused every one of them.
    pub(crate) fn office_msg(&mut self, msg: Msg) -> Task<Message> {
        if !self.may_manage() {
            // Locked: a job that was still running comes back to nobody; drop it quietly.
            if self.user.is_some() {
                self.say(false, refused(self.lang));
            }
            return Task::none();
        }
        match msg {
            Msg::Open(tab) => {
                self.screen = Screen::Office;
                self.office.tab = tab;
                self.notice = None;
                self.entry.clear();
                self.tab_opened(tab)
            }
            Msg::Close => {
                self.screen = if self.shift.is_some() {
                    Screen::Counter
                } else {
                    Screen::Float
                };
                self.notice = None;
                Task::none()
            }
            Msg::Products(m) => self.products_msg(m),
            Msg::Receiving(m) => self.receiving_msg(m),
            Msg::Stock(m) => self.stock_msg(m),
            Msg::Stocktake(m) => self.stocktake_msg(m),
            Msg::Transfers(m) => self.transfers_msg(m),
            Msg::Consignment(m) => self.consignment_msg(m),
            Msg::Shifts(m) => self.shifts_msg(m),
            Msg::Reports(m) => self.reports_msg(m),
            Msg::Settings(m) => self.settings_msg(m),
        }
    }

    /// What a tab loads when it is shown.
    fn tab_opened(&mut self, tab: Tab) -> Task<Message> {
        match tab {
            Tab::Products => self.products_opened(),
            Tab::Receiving => self.receiving_opened(),
            Tab::Stock => self.stock_opened(),
            Tab::Stocktake => self.stocktake_opened(),
            Tab::Transfers => self.transfers_opened(),
            Tab::Consignment => self.consignment_opened(),
            Tab::Shifts => self.shifts_opened(),
            Tab::Reports => self.reports_opened(),
            Tab::Settings => self.settings_opened(),
        }
    }

    /// A key on the back office: Escape leaves it; other keys go to the tab shown.
    pub(crate) fn office_key(&mut self, press: Press) -> Task<Message> {
        match (self.office.tab, press) {
            (_, Press::Escape) => self.office_msg(Msg::Close),
            (Tab::Receiving, press) => self.receiving_key(press),
            (Tab::Stocktake, press) => self.stocktake_key(press),
            (Tab::Products, press) => self.products_key(press),
            (Tab::Settings, Press::Enter) if !self.entry.is_empty() => {
                let typed = std::mem::take(&mut self.entry);
                self.settings_seen(false, typed)
            }
            _ => Task::none(),
        }
    }

    /// A scanner's code while the back office is shown: to the tab that takes scans.
    pub(crate) fn office_scanned(&mut self, code: String) -> Task<Message> {
        match self.office.tab {
            Tab::Products => self.products_scanned(code),
            Tab::Receiving => self.receiving_scanned(code),
            Tab::Stocktake => self.stocktake_scanned(code),
            Tab::Settings => self.settings_seen(true, code),
            _ => Task::none(),
        }
    }

    /// Runs `work` on the database worker; its result comes back as the back-office message
    /// `wrap` makes of it (a failure becomes the notice).
    pub(crate) fn office_job<T, W, F>(&mut self, work: W, wrap: F) -> Task<Message>
    where
        T: Send + 'static,
        W: FnOnce(&mut Connection) -> Result<T, store::Error> + Send + 'static,
        F: FnOnce(T) -> Msg + Send + 'static,
    {
        self.job(move |conn| Ok(Done::Office(Box::new(wrap(work(conn)?)))))
    }
}

/// The refusal a clerk sees.
pub fn refused(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Chỉ quản lý hoặc quản trị viên được vào phần quản lý",
        Lang::En => "Only a manager or an admin may use the back office",
    }
}

/// The back office: the tab bar, the tab, a way back to the counter.
pub fn view(app: &App) -> Element<'_, Message> {
    let lang = app.lang;
    let back = match lang {
        Lang::Vi => "Về quầy (Esc)",
        Lang::En => "Back to the counter (Esc)",
    };
    let mut bar = row![
        button(text(back).size(15))
            .padding([6, 10])
            .on_press(Message::Office(Msg::Close))
    ]
    .spacing(6);
    for tab in Tab::ALL {
        // The tab shown stays pressable: pressing it again reloads it.
        let style = if tab == app.office.tab {
            button::primary
        } else {
            button::secondary
        };
        bar = bar.push(
            button(text(tab.label(lang)).size(15))
                .padding([6, 10])
                .style(style)
                .on_press(Message::Office(Msg::Open(tab))),
        );
    }
    let body: Element<'_, Message> = match app.office.tab {
        Tab::Products => products::view(app).map(|m| Message::Office(Msg::Products(m))),
        Tab::Receiving => receiving::view(app).map(|m| Message::Office(Msg::Receiving(m))),
        Tab::Stock => stock::view(app).map(|m| Message::Office(Msg::Stock(m))),
        Tab::Stocktake => stocktake::view(app).map(|m| Message::Office(Msg::Stocktake(m))),
        Tab::Transfers => transfers::view(app).map(|m| Message::Office(Msg::Transfers(m))),
        Tab::Consignment => consignment::view(app).map(|m| Message::Office(Msg::Consignment(m))),
        Tab::Shifts => shifts::view(app).map(|m| Message::Office(Msg::Shifts(m))),
        Tab::Reports => reports::view(app).map(|m| Message::Office(Msg::Reports(m))),
        Tab::Settings => settings::view(app).map(|m| Message::Office(Msg::Settings(m))),
    };
    // On a narrow screen the tabs wrap onto a second line rather than hide behind a scrollbar.
    column![
        bar.wrap().vertical_spacing(6),
        container(body).width(Fill).height(Fill),
    ]
    .spacing(10)
    .into()
}
