//! Keys, in order: the scan detector first (a burst goes to the cart whatever has focus), then the
//! screen's meaning of the key.

use std::time::Duration;

use iced::Task;

use super::counter::Overlay;
use super::{App, Message, Screen};
use crate::device::wedge::{self, Decided};
use crate::gui::keys::Press;

/// Longest gap between a burst's first key and its second that drawing a frame can cause.
const LEAD_GAP: Duration = Duration::from_millis(120);

impl App {
    /// A key: first to the scan detector (a burst goes to the cart whatever has focus), then to the
    /// screen.
    pub(crate) fn key(&mut self, press: Press, captured: bool, at: Duration) -> Task<Message> {
        let fed = match press {
            Press::Char(c) => Some(wedge::Key::Char(c)),
            Press::Enter => Some(wedge::Key::Enter),
            _ => None,
        };
        if let Some(key) = fed {
            let since_last = at.saturating_sub(self.last_key_at);
            self.last_key_at = at;
            let close = since_last <= LEAD_GAP;
            // A lead released by the timer is confirmed by the key right after it.
            if let Some((_, confirmed)) = &mut self.burst_lead
                && !*confirmed
            {
                if close {
                    *confirmed = true;
                } else {
                    self.burst_lead = None;
                }
            }
            for decided in self.wedge.key(key, at) {
                match decided {
                    Decided::Scan(code) => {
                        let code = match self.burst_lead.take() {
                            Some((lead, true)) => format!("{lead}{code}"),
                            _ => code,
                        };
                        return self.scanned(code);
                    }
                    // The window times keys when it handles them, not when they were pressed: a
                    // frame drawn between a burst's first two keys makes the first look typed.
                    // Kept aside, it rejoins the scan if one follows.
                    Decided::Typed(keys) => {
                        self.burst_lead = match keys.last() {
                            Some(wedge::Key::Char(c)) if close => Some((*c, true)),
                            _ => None,
                        };
                    }
                }
            }
        }
        match press {
            Press::Char(c) if !captured => {
                self.entry.push(c);
                Task::none()
            }
            Press::Char(_) => Task::none(),
            Press::Backspace if !captured => {
                self.entry.pop();
                Task::none()
            }
            Press::Backspace => Task::none(),
            other => self.act(other),
        }
    }

    pub(crate) fn decided(&mut self, decided: Decided) -> Task<Message> {
        match decided {
            Decided::Scan(code) => self.scanned(code),
            // Typed keys already reached their field.
            Decided::Typed(_) => Task::none(),
        }
    }

    /// What a key or its button does on the current screen.
    pub(crate) fn act(&mut self, press: Press) -> Task<Message> {
        if press == Press::Lock && self.user.is_some() {
            return self.lock();
        }
        match self.screen {
            Screen::Loading | Screen::Setup => Task::none(),
            Screen::Counter | Screen::Float if press == Press::F(1) && self.overlay_free() => {
                self.office_msg(crate::gui::office::Msg::Open(self.office.tab))
            }
            Screen::Login => self.login_key(press),
            Screen::Float => match press {
                Press::Enter => self.open_shift(),
                Press::Escape => {
                    self.entry.clear();
                    Task::none()
                }
                _ => Task::none(),
            },
            Screen::Counter => self.counter_key(press),
            Screen::Office => self.office_key(press),
        }
    }

    /// Whether nothing is open over the counter (the back office opens only from the bare counter).
    fn overlay_free(&self) -> bool {
        matches!(self.overlay, Overlay::None)
    }

    fn login_key(&mut self, press: Press) -> Task<Message> {
        match press {
            Press::Up => {
                self.user_sel = self.user_sel.saturating_sub(1);
                self.entry.clear();
            }
            Press::Down => {
                if self.user_sel + 1 < self.users.len() {
                    self.user_sel += 1;
                }
                self.entry.clear();
            }
            Press::Escape => self.entry.clear(),
            Press::Enter => return self.login(),
            _ => {}
        }
        Task::none()
    }

    fn lock(&mut self) -> Task<Message> {
        self.user = None;
        self.entry.clear();
        self.overlay = Overlay::None;
        self.screen = Screen::Login;
        Task::none()
    }
}
