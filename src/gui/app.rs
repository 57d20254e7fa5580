//! The window's state and its `update`: every key and button becomes a [`Message`]; database work
//! goes to the `store::Db` worker and comes back as [`Message::Done`].

pub mod approve;
pub mod counter;
mod devices;
mod done;
mod first_run;
mod input;
mod jobs;
mod pay;
mod session;
pub mod shift;
mod timers;
pub mod windows;

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Utc};
use iced::{Element, Subscription, Task, Theme, event, keyboard};
use rusqlite::Connection;

use super::Launch;
use super::i18n::{Lang, errors};
use super::keys::{self, Press};
use crate::device::print_worker::{self, Worker};
use crate::device::wedge::{self, Decided, Detector, WedgeConfig};
use crate::domain::cart::Cart;
use crate::store::settings::PointProfile;
use crate::store::shifts::Shift;
use crate::store::users::User;
use crate::store::{self, Db};

pub use devices::Workers;
pub use first_run::{Field, SetupForm};
pub use jobs::Done;

/// Which screen is up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Reading the database.
    Loading,
    /// First run: create the point and its admin.
    Setup,
    /// Choose a user, type the PIN.
    Login,
    /// No open shift: ask for the opening float.
    Float,
    /// Selling.
    Counter,
    /// The back office (managers and admins).
    Office,
}

/// What the window reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// A key press; `captured` when a focused widget (a text box) also took it.
    Key(Press, bool),
    /// A key press at a given moment since start (what `Key` becomes; tests set the timing).
    KeyAt(Press, bool, Duration),
    /// The scan detector's timer.
    Tick,
    /// Time to read the print worker's and the pusher's state (polled).
    PrinterPoll,
    /// The search box changed.
    SearchInput(String),
    /// A first-run field changed.
    SetupInput(Field, String),
    /// The sample-catalogue checkbox.
    SetupSample(bool),
    /// A button that does what its key does.
    Button(Press),
    /// Choose a user on the login screen.
    PickUser(usize),
    /// Create the point (first run).
    CreatePoint,
    /// Switch the language.
    SwitchLanguage,
    /// A database job finished.
    Done(Box<Done>),
    /// The back office.
    Office(super::office::Msg),
    /// A window closed (with the customer display, the till has two).
    WindowClosed(iced::window::Id),
}

/// A notice under the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Good news (green) or a problem (red).
    pub good: bool,
    /// What to tell the clerk.
    pub text: String,
}

/// The till window.
pub struct App {
    pub(crate) launch: Launch,
    pub(crate) db: Db,
    inline: bool,
    pub(crate) lang: Lang,
    pub(crate) screen: Screen,
    /// What the clerk typed outside any text box: a code, a PIN, an amount, a quantity.
    pub(crate) entry: String,
    pub(crate) notice: Option<Notice>,
    pub(crate) users: Vec<User>,
    pub(crate) user_sel: usize,
    pub(crate) user: Option<User>,
    pub(crate) shift: Option<Shift>,
    pub(crate) point: Option<PointProfile>,
    pub(crate) setup: SetupForm,
    pub(crate) cart: Cart,
    pub(crate) selected: Option<usize>,
    pub(crate) overlay: counter::Overlay,
    pub(crate) busy: bool,
    /// The back office's tabs.
    pub(crate) office: super::office::Office,
    /// Flipped when the screen's layout changes, to have the whole window repainted (see
    /// [`App::style`]).
    repaint: bool,
    printer: Option<Arc<Worker>>,
    /// Pushes closed days to the provincial hub in the background (when `[sync]` is set).
    pub(crate) pusher: Option<Arc<crate::sync::worker::Worker>>,
    pub(crate) printer_state: Option<print_worker::State>,
    /// What the pusher last reported (polled with the printer).
    pub(crate) sync_state: Option<crate::sync::worker::State>,
    /// The till's and the customer display's windows, when there are two.
    pub(crate) windows: windows::Windows,
    /// The last sale's total and change, for the customer display until the next scan.
    pub(crate) thanks: Option<windows::Thanks>,
    wedge: Detector,
    /// When the last key reached the detector.
    last_key_at: Duration,
    /// A character released as typing just before what may be a scan's burst, and whether the
    /// next key came close enough after it.
    burst_lead: Option<(char, bool)>,
    started: Instant,
}

impl App {
    /// A window over the database at `launch.db_path` (opened on its worker thread).
    pub fn open(launch: &Launch) -> Result<App, store::Error> {
        let db = Db::open(&launch.db_path)?;
        Ok(App::new(launch.clone(), db, false))
    }

    /// A window over `db`; `inline` runs database jobs at once instead of on a task (for tests
    /// driving `update` directly) and starts no print worker.
    pub fn new(launch: Launch, db: Db, inline: bool) -> App {
        let printer = if inline {
            None
        } else {
            let setup = print_worker::Setup::from_config(&launch.config);
            match print_worker::spawn(&launch.db_path, setup) {
                Ok(worker) => Some(Arc::new(worker)),
                Err(err) => {
                    tracing::error!("không khởi động được máy in: {err}");
                    None
                }
            }
        };
        let pusher = if inline {
            None
        } else {
            crate::sync::worker::start(&launch.config, &launch.db_path).map(Arc::new)
        };
        App {
            pusher,
            launch,
            db,
            inline,
            lang: Lang::Vi,
            screen: Screen::Loading,
            entry: String::new(),
            notice: None,
            users: Vec::new(),
            user_sel: 0,
            user: None,
            shift: None,
            point: None,
            setup: SetupForm {
                point_name: "Điểm bán sản phẩm OCOP".into(),
                point_code: "DIEM-BAN-01".into(),
                admin_name: "admin".into(),
                sample: true,
                ..SetupForm::default()
            },
            cart: Cart::new(new_id()),
            selected: None,
            overlay: counter::Overlay::None,
            busy: false,
            office: super::office::Office::default(),
            repaint: false,
            printer,
            printer_state: None,
            sync_state: None,
            windows: windows::Windows::default(),
            thanks: None,
            wedge: Detector::new(WedgeConfig::default()),
            last_key_at: Duration::ZERO,
            burst_lead: None,
            started: Instant::now(),
        }
    }

    /// The first task: whether setup is needed and who may log in. (The daily backup is taken
    /// before the window opens, before any migration, as for every command.)
    pub fn boot(&mut self) -> Task<Message> {
        self.job(jobs::start)
    }

    /// The business clock (configured UTC offset).
    pub(crate) fn now(&self) -> DateTime<FixedOffset> {
        Utc::now().with_timezone(&self.launch.config.business.utc_offset.0)
    }

    /// Replaces the background pusher (a test starts one against its own hub).
    pub fn set_pusher(&mut self, pusher: crate::sync::worker::Worker) {
        self.pusher = Some(Arc::new(pusher));
    }

    /// The cart being built.
    pub fn cart(&self) -> &Cart {
        &self.cart
    }

    /// The screen shown.
    pub fn screen(&self) -> Screen {
        self.screen
    }

    /// The notice shown, if any.
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// The window title.
    pub fn title(&self) -> String {
        self.lang.strings().title.to_owned()
    }

    /// The theme.
    pub fn theme(&self) -> Theme {
        Theme::Light
    }

    pub(crate) fn say(&mut self, good: bool, text: impl Into<String>) {
        self.notice = Some(Notice {
            good,
            text: text.into(),
        });
    }

    /// Runs `work` on the database worker; its result comes back through `update`.
    pub(crate) fn job<F>(&mut self, work: F) -> Task<Message>
    where
        F: FnOnce(&mut Connection) -> Result<Done, store::Error> + Send + 'static,
    {
        self.busy = true;
        let db = self.db.clone();
        if self.inline {
            let message = jobs::run(&db, work, self.lang);
            return self.update(message);
        }
        // The job waits on a thread of its own, never on one of the executor's.
        let lang = self.lang;
        let (tx, rx) = iced::futures::channel::oneshot::channel();
        let spawned = std::thread::Builder::new()
            .name("ocop-job".into())
            .spawn(move || {
                let _ = tx.send(jobs::run(&db, work, lang));
            });
        if let Err(err) = spawned {
            return self.update(Message::Done(Box::new(Done::Failed(err.to_string()))));
        }
        Task::perform(rx, move |answer| {
            answer.unwrap_or_else(|_| {
                let gone = store::Error::Worker(store::worker::WorkerGone);
                Message::Done(Box::new(Done::Failed(errors::store(&gone, lang))))
            })
        })
    }

    /// Handles one message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        let before = self.layout();
        let task = self.handle(message);
        if self.layout() != before {
            self.repaint = !self.repaint;
        }
        task
    }

    /// What decides the window's layout: the screen, the back-office tab, the panel over the
    /// counter, whether a notice shows, the language.
    fn layout(
        &self,
    ) -> (
        Screen,
        super::office::Tab,
        std::mem::Discriminant<counter::Overlay>,
        bool,
        Lang,
    ) {
        (
            self.screen,
            self.office.tab,
            std::mem::discriminant(&self.overlay),
            self.notice.is_some(),
            self.lang,
        )
    }

    /// The window's base colours. The software renderer repaints only what it finds changed, and
    /// Vietnamese stacked diacritics reach above a text's box, so a screen change left marks of the
    /// old one; a background that differs from the last frame's (invisibly) makes it repaint all.
    // A colour nudge, never an amount: the crate-wide float ban is about money and quantities.
    #[allow(clippy::float_arithmetic)]
    pub fn style(&self, theme: &Theme) -> iced::theme::Style {
        let mut style = iced::theme::Base::base(theme);
        if self.repaint {
            let blue = style.background_color.b;
            style.background_color.b = if blue > 0.5 { blue - 1e-4 } else { blue + 1e-4 };
        }
        style
    }

    fn handle(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::Key(press, captured) => {
                let at = self.started.elapsed();
                self.key(press, captured, at)
            }
            Message::KeyAt(press, captured, at) => self.key(press, captured, at),
            Message::Button(press) => self.act(press),
            Message::Tick => {
                if let Some(decided) = self.wedge.tick(self.started.elapsed()) {
                    if let Decided::Typed(keys) = &decided {
                        self.burst_lead = match keys.last() {
                            Some(wedge::Key::Char(c)) => Some((*c, false)),
                            _ => None,
                        };
                    }
                    return self.decided(decided);
                }
                Task::none()
            }
            Message::PrinterPoll => {
                self.printer_state = self.printer.as_ref().map(|p| p.state());
                self.sync_state = self.pusher.as_ref().map(|p| p.state());
                Task::none()
            }
            Message::SearchInput(query) => self.search(query),
            Message::SetupInput(field, value) => {
                let form = &mut self.setup;
                let slot = match field {
                    Field::PointName => &mut form.point_name,
                    Field::PointCode => &mut form.point_code,
                    Field::Address => &mut form.address,
                    Field::TaxCode => &mut form.tax_code,
                    Field::AdminName => &mut form.admin_name,
                    Field::AdminPin => &mut form.admin_pin,
                };
                *slot = value;
                Task::none()
            }
            Message::SetupSample(on) => {
                self.setup.sample = on;
                Task::none()
            }
            Message::CreatePoint => self.create_point(),
            Message::PickUser(i) => {
                self.user_sel = i;
                self.entry.clear();
                Task::none()
            }
            Message::SwitchLanguage => {
                self.lang = self.lang.other();
                Task::none()
            }
            Message::Done(done) => {
                self.busy = false;
                self.done(*done)
            }
            Message::Office(msg) => self.office_msg(msg),
            Message::WindowClosed(id) => self.window_closed(id),
        }
    }

    /// Key presses, the scan timer (while a burst is held) and the printer poll.
    pub fn subscription(&self) -> Subscription<Message> {
        let keys = event::listen_with(|event, status, _window| match event {
            iced::Event::Keyboard(keyboard::Event::KeyPressed {
                key,
                modifiers,
                text,
                ..
            }) => keys::press(&key, modifiers, text.as_deref())
                .map(|p| Message::Key(p, status == event::Status::Captured)),
            _ => None,
        });
        let mut all = vec![keys, Subscription::run(timers::printer_poll)];
        if self.wedge.is_holding() {
            all.push(Subscription::run(timers::ticks));
        }
        if self.windows.main.is_some() {
            all.push(iced::window::close_events().map(Message::WindowClosed));
        }
        Subscription::batch(all)
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        super::screen::view(self)
    }
}

/// A fresh random id for a cart (a sale is saved once per id).
pub(crate) fn new_id() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        // Without the OS's randomness, the clock still makes ids unique on one till.
        let nanos = Utc::now().timestamp_nanos_opt().unwrap_or_default();
        bytes[..8].copy_from_slice(&nanos.to_le_bytes());
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
