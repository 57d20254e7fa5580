//! Driving the real till window (`gui::App`) over a real SQLite file: keys with their timing, the
//! screen's texts through `iced_test`, the database afterwards.
#![allow(dead_code)] // each gui test file uses its own part

use std::time::Duration;

use iced_test::simulator;
use ocop_pos::config::Config;
use ocop_pos::domain::barcode::{self, BarcodeRules};
use ocop_pos::gui::app::{Message, Screen};
use ocop_pos::gui::keys::Press;
use ocop_pos::gui::{App, Launch};
use ocop_pos::store::Db;
use rusqlite::Connection;
use tempfile::TempDir;

/// A window over a fresh data folder, with the point's bank account configured for VietQR.
pub struct Ui {
    pub app: App,
    pub dir: TempDir,
    clock: Duration,
}

/// The admin created by `set_up`, and their PIN.
pub const ADMIN: &str = "admin";
pub const PIN: &str = "1234";

/// A weight label of the sample catalogue: PLU 102 (tỏi Lý Sơn, 180.000 ₫/kg), 750 g.
pub fn garlic_750g() -> String {
    let rules = BarcodeRules::default();
    barcode::encode_in_store(rules.layout(20).unwrap(), 102, 750).unwrap()
}

impl Ui {
    /// The window at start on a new database: the first-run screen.
    pub fn new() -> Ui {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::default();
        config.bank.bank_bin = "970436".into();
        config.bank.account_no = "0123456789".into();
        config.bank.account_name = "DIEM BAN OCOP".into();
        config.backup.enabled = false;
        let launch = Launch {
            config,
            data_dir: dir.path().to_path_buf(),
            db_path: dir.path().join("till.db"),
            config_file: None,
        };
        let db = Db::open(&launch.db_path).unwrap();
        let mut app = App::new(launch, db, true);
        let _ = app.boot();
        Ui {
            app,
            dir,
            clock: Duration::from_secs(1),
        }
    }

    /// Sends one message.
    pub fn send(&mut self, message: Message) {
        let _ = self.app.update(message);
    }

    /// A key pressed by a person (well apart from the previous one); `captured` when a text box has
    /// focus.
    pub fn key_in(&mut self, press: Press, captured: bool) {
        self.clock += Duration::from_millis(250);
        self.send(Message::KeyAt(press, captured, self.clock));
    }

    /// A key pressed by a person, no text box focused.
    pub fn key(&mut self, press: Press) {
        self.key_in(press, false);
    }

    /// Text typed by a person.
    pub fn human(&mut self, text: &str) {
        for c in text.chars() {
            self.key(Press::Char(c));
        }
    }

    /// Text typed by a person, then Enter.
    pub fn enter(&mut self, text: &str) {
        self.human(text);
        self.key(Press::Enter);
    }

    /// A scanner's burst: 5 ms per key, then Enter.
    pub fn scan(&mut self, code: &str, captured: bool) {
        self.clock += Duration::from_millis(500);
        for c in code.chars() {
            self.clock += Duration::from_millis(5);
            self.send(Message::KeyAt(Press::Char(c), captured, self.clock));
        }
        self.clock += Duration::from_millis(5);
        self.send(Message::KeyAt(Press::Enter, captured, self.clock));
    }

    /// A scanner's burst into a focused text box whose first key reached the window late (a frame
    /// was drawn after it): 45 ms, then 5 ms per key; the box's value follows every key.
    pub fn late_scan_into(&mut self, code: &str, mut value: String) {
        self.clock += Duration::from_millis(500);
        for (i, c) in code.chars().enumerate() {
            self.clock += Duration::from_millis(if i == 1 { 45 } else { 5 });
            value.push(c);
            self.send(Message::KeyAt(Press::Char(c), true, self.clock));
            self.send(Message::SearchInput(value.clone()));
        }
        self.clock += Duration::from_millis(5);
        self.send(Message::KeyAt(Press::Enter, true, self.clock));
    }

    /// Whether a text widget (or text box) on screen shows exactly `text`.
    pub fn shows(&self, text: &str) -> bool {
        let mut ui = simulator(self.app.view());
        ui.find(text).is_ok()
    }

    /// Clicks the button (or other widget) showing `text`, and sends what it produced.
    pub fn click(&mut self, text: &str) {
        let mut ui = simulator(self.app.view());
        ui.click(text).unwrap();
        let messages: Vec<Message> = ui.into_messages().collect();
        for m in messages {
            self.send(m);
        }
    }

    /// The notice shown.
    pub fn notice(&self) -> String {
        self.app
            .notice()
            .map(|n| n.text.clone())
            .unwrap_or_default()
    }

    /// A second connection to the database file, to check what was committed.
    pub fn conn(&self) -> Connection {
        Connection::open(self.dir.path().join("till.db")).unwrap()
    }

    /// A number the database answers.
    pub fn count(&self, sql: &str) -> i64 {
        self.conn().query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// First run with the sample catalogue and the admin's PIN.
    pub fn set_up(&mut self) {
        assert_eq!(self.app.screen(), Screen::Setup);
        assert!(self.shows("Thiết lập lần đầu"));
        self.send(Message::SetupInput(
            ocop_pos::gui::app::Field::AdminPin,
            PIN.into(),
        ));
        self.click("Tạo điểm bán");
        assert_eq!(self.app.screen(), Screen::Login, "{}", self.notice());
    }

    /// Set up, logged in, shift opened with a 500.000 ₫ float: the counter.
    pub fn at_counter() -> Ui {
        let mut ui = Ui::new();
        ui.set_up();
        ui.enter(PIN);
        assert_eq!(ui.app.screen(), Screen::Float, "{}", ui.notice());
        ui.enter("500000");
        assert_eq!(ui.app.screen(), Screen::Counter, "{}", ui.notice());
        ui
    }
}

impl Ui {
    /// Adds a user straight into the database (as `users add` would).
    pub fn add_user(&mut self, name: &str, role: ocop_pos::domain::auth::Role, pin: &str) {
        let conn = self.conn();
        let now = chrono::Utc::now().fixed_offset();
        ocop_pos::store::users::add(&conn, name, role, pin, None, now).unwrap();
    }

    /// Locks the window, reloads the user list and logs in as `name`; lands on the counter (or on
    /// the opening float when no shift is open).
    pub fn login_as(&mut self, name: &str, pin: &str) {
        self.key(Press::Lock);
        let _ = self.app.boot();
        assert_eq!(self.app.screen(), Screen::Login);
        self.click(name);
        self.enter(pin);
        assert!(
            matches!(self.app.screen(), Screen::Counter | Screen::Float),
            "{}",
            self.notice()
        );
    }

    /// The counter, then F1: the back office as the admin.
    pub fn in_office() -> Ui {
        let mut ui = Ui::at_counter();
        ui.key(Press::F(1));
        assert_eq!(ui.app.screen(), Screen::Office, "{}", ui.notice());
        ui
    }
}
