//! A manager's approval at the counter: a line discount or price change beyond the clerk's limit
//! asks for a manager's name and PIN (checked by `store::users`, wrong PINs counting toward the
//! lockout); the approval stays on the line, and the sale's audit rows name the manager.

use iced::Task;

use super::counter::{Overlay, parse_discount};
use super::jobs::Done;
use super::{App, Message};
use crate::domain::auth::Approval;
use crate::domain::cart::CartError;
use crate::domain::money::Vnd;
use crate::domain::pricing::Discount;
use crate::gui::i18n::Lang;
use crate::store::users;

/// What the clerk asked to change on a line (F3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineChange {
    /// A discount; None clears it.
    Discount(Option<Discount>),
    /// A new unit price instead of the list price.
    Price(Vnd),
}

/// Where the manager's approval is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApproveStep {
    /// The manager's name is typed.
    Manager,
    /// The manager's PIN is typed.
    Pin {
        /// The name typed.
        manager: String,
    },
}

/// "=380000" → the unit price 380.000 ₫; otherwise a discount as [`parse_discount`] reads it.
pub fn parse_change(typed: &str, lang: Lang) -> Result<LineChange, String> {
    match typed.trim().strip_prefix('=') {
        Some(price) => price
            .trim()
            .parse::<Vnd>()
            .map(LineChange::Price)
            .map_err(|e| crate::gui::i18n::errors::vnd(&e, lang)),
        None => parse_discount(typed, lang).map(LineChange::Discount),
    }
}

impl App {
    /// Changes line `i`; beyond the clerk's limit, asks for a manager instead of refusing.
    pub(crate) fn change_line(&mut self, i: usize, change: LineChange) {
        match self.apply_change(i, change, None) {
            Ok(()) => {}
            Err(CartError::NeedsManager { limit_pct }) => {
                let words = self.lang.strings();
                self.say(false, format!("{} ({limit_pct}%)", words.approve_needed));
                self.overlay = Overlay::Approve {
                    line: i,
                    change,
                    step: ApproveStep::Manager,
                };
            }
            Err(err) => {
                let text = crate::gui::i18n::errors::cart(&err, self.lang);
                self.say(false, text);
            }
        }
    }

    fn apply_change(
        &mut self,
        i: usize,
        change: LineChange,
        approval: Option<Approval>,
    ) -> Result<(), CartError> {
        let policy = self.launch.config.cart_policy();
        match change {
            LineChange::Discount(d) => self.cart.set_line_discount(i, d, policy, approval),
            LineChange::Price(p) => self.cart.override_price(i, p, policy, approval),
        }
    }

    /// Enter on the approval panel: the name, then the PIN, checked on the database worker.
    pub(crate) fn approve_enter(&mut self, typed: String) -> Task<Message> {
        let Overlay::Approve { line, change, step } = &mut self.overlay else {
            return Task::none();
        };
        match step {
            ApproveStep::Manager => {
                *step = ApproveStep::Pin {
                    manager: typed.trim().to_owned(),
                };
                Task::none()
            }
            ApproveStep::Pin { manager } => {
                let (line, change, manager) = (*line, *change, manager.clone());
                // Closed before the check: a refusal leaves the line as it was.
                self.overlay = Overlay::None;
                let (policy, at) = (self.launch.config.lockout(), self.now());
                self.job(move |conn| {
                    let approval = users::approve(conn, &manager, &typed, policy, at)?;
                    Ok(Done::Approved {
                        line,
                        change,
                        approval,
                        manager,
                    })
                })
            }
        }
    }

    /// The manager's PIN was right: the change goes on the line with the approval.
    pub(crate) fn approved(
        &mut self,
        line: usize,
        change: LineChange,
        approval: Approval,
        manager: &str,
    ) {
        match self.apply_change(line, change, Some(approval)) {
            Ok(()) => {
                let words = self.lang.strings();
                self.say(true, format!("{} {manager}", words.approved_by));
            }
            Err(err) => {
                let text = crate::gui::i18n::errors::cart(&err, self.lang);
                self.say(false, text);
            }
        }
    }
}
