//! Settings: point profile, printer, scanner test, hub connection, language, users and PINs, backup
//! and restore. Anyone in the back office sees them; only an admin changes them (audited).

mod devices;
mod devices_view;
mod people;
mod view;

use std::sync::Arc;

use iced::Task;

use crate::domain::auth::Role;
use crate::gui::app::{App, Message};
use crate::gui::i18n::Lang;
use crate::store::outbox::{self, SyncStatus};
use crate::store::settings::{self, PointProfile};
use crate::store::users::{self, User};

pub use devices::{DevicesMsg, PrinterForm, ScanSeen, preview_lines};
pub use people::PeopleMsg;
pub use view::view;

/// A part of the settings, one shown at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Section {
    /// The point's profile and the language.
    #[default]
    Point,
    /// The printer, the hub and the scanner test.
    Devices,
    /// Users and PINs.
    Users,
    /// Backup and restore.
    Backup,
}

impl Section {
    /// Every section, in the order of the bar.
    pub const ALL: [Section; 4] = [
        Section::Point,
        Section::Devices,
        Section::Users,
        Section::Backup,
    ];

    /// The section's label.
    pub fn label(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Vi, Section::Point) => "Điểm bán",
            (Lang::Vi, Section::Devices) => "Máy in, máy chủ, máy quét",
            (Lang::Vi, Section::Users) => "Người dùng",
            (Lang::Vi, Section::Backup) => "Sao lưu",
            (Lang::En, Section::Point) => "Sales point",
            (Lang::En, Section::Devices) => "Printer, hub, scanner",
            (Lang::En, Section::Users) => "Users",
            (Lang::En, Section::Backup) => "Backup",
        }
    }
}

/// What the settings read from the database.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The point's profile.
    pub profile: Option<PointProfile>,
    /// Active users.
    pub users: Vec<User>,
    /// Where the daily summaries stand with the hub.
    pub sync: SyncStatus,
}

/// What the tab keeps while the back office is open.
#[derive(Debug, Default)]
pub struct State {
    /// The section shown.
    pub section: Section,
    /// The profile being edited.
    pub profile: PointProfile,
    /// Users, the new-user form and the PIN reset.
    pub people: people::People,
    /// The printer and hub form (from the configuration).
    pub devices: PrinterForm,
    /// The sync status read last.
    pub sync: SyncStatus,
    /// The receipt preview's lines.
    pub preview: Vec<String>,
    /// What the scanner test saw, newest first.
    pub scans: Vec<ScanSeen>,
    /// When the scanner test last saw something.
    pub last_seen: Option<std::time::Instant>,
    /// The restore file typed, and whether the admin confirmed.
    pub restore_file: String,
    /// The restore was asked once and waits for the confirmation click.
    pub restore_armed: bool,
    /// Whether the form was filled from the database and configuration.
    pub loaded: bool,
}

/// What the tab reacts to.
#[derive(Debug, Clone)]
pub enum Msg {
    /// Load the tab's data again.
    Refresh,
    /// Show a section.
    Section(Section),
    /// The database answered.
    Loaded(Arc<Loaded>),
    /// A profile field changed: name, address or tax code.
    ProfileName(String),
    /// The address changed.
    ProfileAddress(String),
    /// The tax code changed.
    ProfileTaxCode(String),
    /// Save the profile.
    SaveProfile,
    /// The profile was saved.
    ProfileSaved(PointProfile),
    /// The printer and hub form.
    Devices(DevicesMsg),
    /// Users and PINs.
    People(PeopleMsg),
    /// Switch the window's language.
    Language,
    /// Back the database up now.
    BackupNow,
    /// The backup was written.
    BackedUp(String),
    /// The restore file changed.
    RestoreFile(String),
    /// Restore (asks for a confirmation first).
    Restore,
    /// The database was restored: what the log says.
    Restored(String),
}

/// "Only an admin…" in the window's language.
pub fn admin_only(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Chỉ quản trị viên được thay đổi cài đặt",
        Lang::En => "Only an admin may change the settings",
    }
}

impl App {
    /// Whether the logged-in user is an admin.
    pub(crate) fn is_admin(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.role == Role::Admin)
    }

    /// Refuses (with the notice) when the user is not an admin.
    pub(crate) fn settings_refused(&mut self) -> bool {
        if self.is_admin() {
            return false;
        }
        self.say(false, admin_only(self.lang));
        true
    }

    /// The tab was shown: the profile, users and sync status; the form from the configuration.
    pub(crate) fn settings_opened(&mut self) -> Task<Message> {
        // A restore is confirmed on the spot, never by a click left armed from before.
        self.office.settings.restore_armed = false;
        // Typed but unsaved printer and hub fields survive a reload.
        if !self.office.settings.loaded {
            self.office.settings.devices = PrinterForm::from_config(&self.launch.config);
        }
        self.office_job(
            |conn| {
                Ok(Loaded {
                    profile: settings::point(conn)?,
                    users: users::list(conn)?,
                    sync: outbox::sync_status(conn)?,
                })
            },
            |loaded| super::Msg::Settings(Msg::Loaded(Arc::new(loaded))),
        )
    }

    /// A message of the tab.
    pub(crate) fn settings_msg(&mut self, msg: Msg) -> Task<Message> {
        let state = &mut self.office.settings;
        match msg {
            Msg::Refresh => self.settings_opened(),
            Msg::Section(section) => {
                state.section = section;
                Task::none()
            }
            Msg::Loaded(loaded) => {
                state.profile = loaded.profile.clone().unwrap_or_default();
                state.people.users = loaded.users.clone();
                state.sync = loaded.sync.clone();
                state.loaded = true;
                Task::none()
            }
            Msg::ProfileName(v) => {
                state.profile.name = v;
                Task::none()
            }
            Msg::ProfileAddress(v) => {
                state.profile.address = v;
                Task::none()
            }
            Msg::ProfileTaxCode(v) => {
                state.profile.tax_code = v;
                Task::none()
            }
            Msg::SaveProfile => self.save_profile(),
            Msg::ProfileSaved(profile) => {
                self.point = Some(profile);
                let text = match self.lang {
                    Lang::Vi => "Đã lưu thông tin điểm bán",
                    Lang::En => "The point's profile is saved",
                };
                self.say(true, text);
                Task::none()
            }
            Msg::Devices(m) => self.devices_msg(m),
            Msg::People(m) => self.people_msg(m),
            Msg::Language => {
                self.lang = self.lang.other();
                Task::none()
            }
            Msg::BackupNow => self.backup_now(),
            Msg::BackedUp(file) => {
                let text = match self.lang {
                    Lang::Vi => format!("Đã sao lưu vào {file}"),
                    Lang::En => format!("Backed up to {file}"),
                };
                self.say(true, text);
                Task::none()
            }
            Msg::RestoreFile(v) => {
                state.restore_file = v;
                state.restore_armed = false;
                Task::none()
            }
            Msg::Restore => self.restore(),
            Msg::Restored(detail) => {
                self.office.settings.restore_armed = false;
                let text = match self.lang {
                    Lang::Vi => format!("Đã khôi phục: {detail}. Hãy đăng nhập lại."),
                    Lang::En => format!("Restored: {detail}. Please log in again."),
                };
                // Users, shifts and the point may all differ now: back to the start.
                self.user = None;
                self.shift = None;
                let task = self.boot();
                self.say(true, text);
                task
            }
        }
    }

    fn save_profile(&mut self) -> Task<Message> {
        if self.settings_refused() {
            return Task::none();
        }
        let Some(by) = self.user.as_ref().map(|u| u.id) else {
            return Task::none();
        };
        let mut profile = self.office.settings.profile.clone();
        if let Some(point) = &self.point {
            profile.code = point.code.clone();
        }
        let at = self.now();
        self.office_job(
            move |conn| {
                settings::change_point(conn, &profile, by, at)?;
                Ok(settings::point(conn)?.unwrap_or(profile))
            },
            |saved| super::Msg::Settings(Msg::ProfileSaved(saved)),
        )
    }

    fn backup_now(&mut self) -> Task<Message> {
        if self.settings_refused() {
            return Task::none();
        }
        let at = self.now();
        let file = crate::store::backup::folder(&self.launch.data_dir)
            .join(format!("till-manual-{}.db", at.format("%Y%m%d-%H%M%S")));
        self.office_job(
            move |conn| {
                crate::store::backup::backup_to(conn, &file)?;
                Ok(file.display().to_string())
            },
            |file| super::Msg::Settings(Msg::BackedUp(file)),
        )
    }

    fn restore(&mut self) -> Task<Message> {
        if self.settings_refused() {
            return Task::none();
        }
        let typed = self.office.settings.restore_file.trim().to_owned();
        if typed.is_empty() {
            let text = match self.lang {
                Lang::Vi => "Nhập đường dẫn tệp sao lưu cần khôi phục",
                Lang::En => "Type the path of the backup file to restore",
            };
            self.say(false, text);
            return Task::none();
        }
        if !self.office.settings.restore_armed {
            self.office.settings.restore_armed = true;
            let text = match self.lang {
                Lang::Vi => {
                    "Khôi phục sẽ thay toàn bộ dữ liệu bằng bản sao lưu (dữ liệu hiện tại được sao lại trước). Bấm \"Xác nhận khôi phục\" để tiếp tục."
                }
                Lang::En => {
                    "Restoring replaces all data with the backup (the current data is copied first). Click \"Confirm restore\" to go on."
                }
            };
            self.say(false, text);
            return Task::none();
        }
        let data_dir = self.launch.data_dir.clone();
        let file = std::path::PathBuf::from(typed);
        let at = self.now();
        self.office_job(
            move |conn| {
                let restored = crate::store::backup::restore(conn, &data_dir, &file, false, at)?;
                Ok(restored.safety_copy.display().to_string())
            },
            |detail| super::Msg::Settings(Msg::Restored(detail)),
        )
    }
}
