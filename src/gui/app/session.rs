//! Getting to the counter: first-run setup, login, opening the shift.

use iced::Task;

use super::jobs::Done;
use super::{App, Message};
use crate::domain::money::Vnd;
use crate::store::{self, shifts, users};

impl App {
    pub(crate) fn login(&mut self) -> Task<Message> {
        let Some(user) = self.users.get(self.user_sel).cloned() else {
            return Task::none();
        };
        let pin = std::mem::take(&mut self.entry);
        let (policy, now) = (self.launch.config.lockout(), self.now());
        let point = self
            .point
            .as_ref()
            .map(|p| p.code.clone())
            .unwrap_or_default();
        self.job(move |conn| {
            let user = users::verify(conn, user.id, &pin, policy, now)?;
            let shift = shifts::current(conn, &point)?;
            Ok(Done::LoggedIn(user, shift))
        })
    }

    pub(crate) fn open_shift(&mut self) -> Task<Message> {
        let typed = std::mem::take(&mut self.entry);
        let float = match typed.trim() {
            "" => Vnd::ZERO,
            t => match t.parse::<Vnd>() {
                Ok(v) => v,
                Err(err) => {
                    self.say(false, crate::gui::i18n::errors::vnd(&err, self.lang));
                    return Task::none();
                }
            },
        };
        let (Some(user), Some(point)) = (&self.user, &self.point) else {
            return Task::none();
        };
        let opening = shifts::Opening {
            point_code: point.code.clone(),
            user: user.id,
            float,
            at: self.now(),
        };
        self.job(move |conn| Ok(Done::ShiftOpened(shifts::open(conn, &opening)?)))
    }

    pub(crate) fn create_point(&mut self) -> Task<Message> {
        let form = self.setup.clone();
        let input = crate::setup::FirstRun {
            point: store::settings::PointProfile {
                code: form.point_code.trim().to_owned(),
                name: form.point_name.trim().to_owned(),
                address: form.address.trim().to_owned(),
                tax_code: form.tax_code.trim().to_owned(),
            },
            admin_name: form.admin_name.trim().to_owned(),
            admin_pin: form.admin_pin.trim().to_owned(),
            sample: form.sample,
        };
        let now = self.now();
        self.job(move |conn| {
            crate::setup::first_run(conn, &input, now)?;
            super::jobs::start(conn)
        })
    }
}
