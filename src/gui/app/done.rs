//! What the clerk sees once a database job is back.

use iced::Task;

use super::counter::Overlay;
use super::jobs::Done;
use super::{App, Message, Screen};

impl App {
    pub(crate) fn wake_printer(&self) {
        if let Some(printer) = &self.printer {
            printer.wake();
        }
    }

    /// Asks the background pusher to send a day just closed (no-op without `[sync]`).
    pub(crate) fn wake_pusher(&self) {
        if let Some(pusher) = &self.pusher {
            pusher.wake();
        }
    }

    pub(crate) fn done(&mut self, done: Done) -> Task<Message> {
        let words = self.lang.strings();
        match done {
            Done::Started {
                needs_setup,
                users,
                point,
            } => {
                self.users = users;
                self.point = point;
                self.user_sel = 0;
                self.screen = if needs_setup {
                    Screen::Setup
                } else {
                    Screen::Login
                };
            }
            Done::LoggedIn(user, shift) => {
                self.user = Some(user);
                self.notice = None;
                self.screen = if shift.is_some() {
                    Screen::Counter
                } else {
                    Screen::Float
                };
                self.shift = shift;
            }
            Done::ShiftOpened(shift) => {
                self.say(true, format!("{} ({})", words.shift_opened, shift.float));
                self.shift = Some(shift);
                self.screen = Screen::Counter;
            }
            Done::Resolved(code, resolved, qty) => self.add_resolved(&code, *resolved, qty),
            Done::Hits(query, found) => {
                if let Overlay::Search {
                    query: now,
                    hits,
                    sel,
                } = &mut self.overlay
                    && *now == query
                {
                    *hits = found;
                    *sel = 0;
                }
            }
            Done::Sold(sale) => {
                self.thanks = Some(super::windows::Thanks {
                    total: sale.total,
                    change: sale.change,
                });
                self.say(
                    true,
                    format!(
                        "{} {} · {} · {}: {}",
                        words.sale_done, sale.receipt_no, sale.total, words.change, sale.change
                    ),
                );
                self.new_cart();
                self.wake_printer();
            }
            Done::Parked => {
                self.say(true, words.parked_done);
                self.new_cart();
            }
            Done::ParkedList(list) => {
                if list.is_empty() {
                    self.say(false, words.nothing_parked);
                } else {
                    self.overlay = Overlay::Recall { list, sel: 0 };
                }
            }
            Done::Recalled(cart) => {
                if self.cart.is_empty() {
                    self.selected = cart.lines.len().checked_sub(1);
                    self.cart = *cart;
                } else {
                    // Both carts matter: keep the one on screen, park nothing away silently.
                    self.say(false, words.cart_not_empty);
                }
            }
            Done::Refunded(sale) => {
                self.say(
                    true,
                    format!("{} {} · {}", words.refund_done, sale.receipt_no, sale.total),
                );
                self.wake_printer();
            }
            Done::Approved {
                target,
                change,
                approval,
                manager,
            } => self.approved(&target, change, approval, &manager),
            Done::Failed(problem) => self.say(false, problem),
            Done::Office(msg) => return self.office_msg(*msg),
            other => self.shift_done(other),
        }
        Task::none()
    }
}
