//! Users and PINs in the settings: the list, adding a user with a role and PIN, resetting a PIN.
//! Only an admin does either; both are audited by the store.

use iced::Task;

use crate::domain::auth::Role;
use crate::gui::app::{App, Message};
use crate::gui::i18n::Lang;
use crate::store::users::{self, User};

/// The users and the two forms.
#[derive(Debug, Default)]
pub struct People {
    /// Active users, by name.
    pub users: Vec<User>,
    /// The new user's name.
    pub name: String,
    /// The new user's role.
    pub role: Option<Role>,
    /// The new user's PIN.
    pub pin: String,
    /// Whose PIN is being reset.
    pub reset_for: Option<String>,
    /// The new PIN.
    pub reset_pin: String,
}

/// What the users part reacts to.
#[derive(Debug, Clone)]
pub enum PeopleMsg {
    /// The new user's name changed.
    Name(String),
    /// The new user's role.
    Role(Role),
    /// The new user's PIN changed.
    Pin(String),
    /// Add the user.
    Add,
    /// The user was added; the users now.
    Added(String, Vec<User>),
    /// Choose whose PIN to reset.
    ResetFor(String),
    /// The new PIN changed.
    ResetPin(String),
    /// Reset the PIN.
    Reset,
    /// The PIN was reset.
    WasReset(String),
}

/// A role's name on screen.
pub fn role_label(role: Role, lang: Lang) -> &'static str {
    match (lang, role) {
        (Lang::Vi, Role::Clerk) => "Thu ngân",
        (Lang::Vi, Role::Manager) => "Quản lý",
        (Lang::Vi, Role::Admin) => "Quản trị viên",
        (Lang::En, Role::Clerk) => "Clerk",
        (Lang::En, Role::Manager) => "Manager",
        (Lang::En, Role::Admin) => "Admin",
    }
}

fn wrap(m: PeopleMsg) -> crate::gui::office::Msg {
    crate::gui::office::Msg::Settings(super::Msg::People(m))
}

impl App {
    pub(crate) fn people_msg(&mut self, msg: PeopleMsg) -> Task<Message> {
        let people = &mut self.office.settings.people;
        match msg {
            PeopleMsg::Name(v) => people.name = v,
            PeopleMsg::Role(r) => people.role = Some(r),
            PeopleMsg::Pin(v) => people.pin = v,
            PeopleMsg::ResetFor(name) => {
                people.reset_for = Some(name);
                people.reset_pin.clear();
            }
            PeopleMsg::ResetPin(v) => people.reset_pin = v,
            PeopleMsg::Add => return self.add_user(),
            PeopleMsg::Reset => return self.reset_pin(),
            PeopleMsg::Added(name, list) => {
                people.users = list.clone();
                people.name.clear();
                people.pin.clear();
                // The login screen lists the new user too.
                self.users = list;
                let text = match self.lang {
                    Lang::Vi => format!("Đã thêm người dùng {name}"),
                    Lang::En => format!("User {name} added"),
                };
                self.say(true, text);
            }
            PeopleMsg::WasReset(name) => {
                people.reset_for = None;
                people.reset_pin.clear();
                let text = match self.lang {
                    Lang::Vi => format!("Đã đặt lại mã PIN của {name}"),
                    Lang::En => format!("{name}'s PIN was reset"),
                };
                self.say(true, text);
            }
        }
        Task::none()
    }

    fn add_user(&mut self) -> Task<Message> {
        if self.settings_refused() {
            return Task::none();
        }
        let by = self.user.as_ref().map(|u| u.id);
        let people = &self.office.settings.people;
        let Some(role) = people.role else {
            let text = match self.lang {
                Lang::Vi => "Chọn vai trò cho người dùng mới",
                Lang::En => "Choose the new user's role",
            };
            self.say(false, text);
            return Task::none();
        };
        let (name, pin) = (people.name.trim().to_owned(), people.pin.clone());
        let at = self.now();
        self.office_job(
            move |conn| {
                users::add(conn, &name, role, &pin, by, at)?;
                Ok((name, users::list(conn)?))
            },
            |(name, list)| wrap(PeopleMsg::Added(name, list)),
        )
    }

    fn reset_pin(&mut self) -> Task<Message> {
        if self.settings_refused() {
            return Task::none();
        }
        let Some(by) = self.user.clone() else {
            return Task::none();
        };
        let people = &self.office.settings.people;
        let Some(name) = people.reset_for.clone() else {
            return Task::none();
        };
        let pin = people.reset_pin.clone();
        let at = self.now();
        self.office_job(
            move |conn| {
                users::reset_pin(conn, &by, &name, &pin, at)?;
                Ok(name)
            },
            |name| wrap(PeopleMsg::WasReset(name)),
        )
    }
}
