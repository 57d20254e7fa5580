//! The shift from the counter (F11): cash in and out, the X report, the Z close with a blind count
//! and, when the count is off by more than a clerk may close with, the manager's PIN.

use iced::Task;

use super::counter::Overlay;
use super::jobs::Done;
use super::{App, Message, Screen};
use crate::domain::money::Vnd;
use crate::domain::shift::CashMoveKind;
use crate::gui::i18n::{Lang, errors};
use crate::gui::keys::Press;
use crate::store::shifts::{self, ShiftError};
use crate::store::{self, print_jobs, users};

/// Where the Z close is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZStep {
    /// The panel's keys; no close under way.
    Menu,
    /// The count was off: the manager's name is typed.
    Manager {
        /// The cash counted.
        counted: Vnd,
    },
    /// The manager's PIN is typed.
    Pin {
        /// The cash counted.
        counted: Vnd,
        /// The manager's name.
        manager: String,
    },
}

impl App {
    pub(crate) fn shift_key(&mut self, press: Press) -> Task<Message> {
        let Overlay::Shift(step) = &mut self.overlay else {
            return Task::none();
        };
        let typed = std::mem::take(&mut self.entry);
        match (step.clone(), press) {
            (_, Press::Escape) => {
                self.overlay = Overlay::None;
                Task::none()
            }
            (ZStep::Manager { counted }, Press::Enter) => {
                *step = ZStep::Pin {
                    counted,
                    manager: typed.trim().to_owned(),
                };
                Task::none()
            }
            (ZStep::Pin { counted, manager }, Press::Enter) => {
                self.close_shift(counted, Some((manager, typed)))
            }
            (ZStep::Menu, Press::F(5)) => self.cash(CashMoveKind::In, &typed),
            (ZStep::Menu, Press::F(6)) => self.cash(CashMoveKind::Out, &typed),
            (ZStep::Menu, Press::F(7)) => {
                let (point, at) = (self.point_code(), self.now());
                self.job(move |conn| {
                    let shift = shifts::current_or_refuse(conn, &point)?;
                    let figures = shifts::x_report(conn, &shift, at)?;
                    print_jobs::x_report(conn, &point, at)?;
                    Ok(Done::XReport(Box::new(figures)))
                })
            }
            (ZStep::Menu, Press::F(12)) => match parse_amount(&typed, self.lang) {
                Ok(counted) => self.close_shift(counted, None),
                Err(err) => {
                    self.say(false, err);
                    Task::none()
                }
            },
            _ => Task::none(),
        }
    }

    fn point_code(&self) -> String {
        self.point
            .as_ref()
            .map(|p| p.code.clone())
            .unwrap_or_default()
    }

    fn cash(&mut self, kind: CashMoveKind, typed: &str) -> Task<Message> {
        let amount = match parse_amount(typed, self.lang) {
            Ok(amount) => amount,
            Err(err) => {
                self.say(false, err);
                return Task::none();
            }
        };
        let Some(user) = &self.user else {
            return Task::none();
        };
        let cash = shifts::CashMove {
            point_code: self.point_code(),
            kind,
            amount,
            reason: kind.label_vi().to_owned(),
            user: user.id,
            approval: None,
            at: self.now(),
        };
        self.job(move |conn| {
            shifts::move_cash(conn, &cash)?;
            Ok(Done::CashMoved(kind, amount))
        })
    }

    fn close_shift(&mut self, counted: Vnd, manager: Option<(String, String)>) -> Task<Message> {
        let Some(user) = &self.user else {
            return Task::none();
        };
        let (point, user, at) = (self.point_code(), user.id, self.now());
        let (policy, limit) = (
            self.launch.config.lockout(),
            self.launch.config.shifts.max_cash_difference_vnd,
        );
        let lang = self.lang;
        self.job(move |conn| {
            let approval = match manager {
                Some((name, pin)) => Some(users::approve(conn, &name, &pin, policy, at)?),
                None => None,
            };
            let closing = shifts::Closing {
                point_code: point.clone(),
                user,
                counted,
                end_of_day: false,
                approval,
                max_difference: limit,
                at,
            };
            match shifts::close(conn, &closing) {
                Ok(z) => {
                    print_jobs::z_report(conn, &point, z.z_no, at)?;
                    Ok(Done::ZClosed(Box::new(z)))
                }
                Err(store::Error::Shift(err @ ShiftError::NeedsManager { .. })) => {
                    Ok(Done::ZNeedsManager(errors::shift(&err, lang), counted))
                }
                Err(err) => Err(err),
            }
        })
    }

    pub(crate) fn shift_done(&mut self, done: Done) {
        let words = self.lang.strings();
        match done {
            Done::CashMoved(kind, amount) => {
                let label = match kind {
                    CashMoveKind::In => words.cash_in,
                    CashMoveKind::Out => words.cash_out,
                };
                self.say(true, format!("{label}: {amount}"));
            }
            Done::XReport(x) => self.say(
                true,
                format!(
                    "{} · {} {} · {}",
                    words.x_done, x.receipts, words.receipts, x.net_vnd
                ),
            ),
            Done::ZNeedsManager(problem, counted) => {
                self.say(false, problem);
                self.overlay = Overlay::Shift(ZStep::Manager { counted });
            }
            Done::ZClosed(z) => {
                self.say(
                    true,
                    format!(
                        "{} Z{} · {}: {}",
                        words.z_done, z.z_no, words.difference, z.count.difference
                    ),
                );
                self.overlay = Overlay::None;
                self.shift = None;
                self.screen = Screen::Float;
                self.wake_printer();
                if z.end_of_day {
                    self.wake_pusher();
                }
            }
            _ => {}
        }
    }
}

fn parse_amount(typed: &str, lang: Lang) -> Result<Vnd, String> {
    typed
        .trim()
        .parse::<Vnd>()
        .map_err(|e| errors::vnd(&e, lang))
}
