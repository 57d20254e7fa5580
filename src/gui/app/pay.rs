//! The payment keys: cash with change, exact cash, VietQR with its code on screen, card, e-wallet,
//! split payments; the sale is saved on the database worker once nothing is due.

use iced::Task;
use iced::widget::qr_code;

use super::counter::Overlay;
use super::jobs::Done;
use super::{App, Message};
use crate::domain::money::Vnd;
use crate::domain::payment::Method;
use crate::gui::i18n::errors;
use crate::gui::keys::Press;
use crate::receipt::vietqr;
use crate::store::sales;

impl App {
    pub(crate) fn pay_key(&mut self, press: Press) -> Task<Message> {
        let typed = std::mem::take(&mut self.entry);
        let amount = match typed.trim() {
            "" => None,
            t => match t.parse::<Vnd>() {
                Ok(v) => Some(v),
                Err(err) => {
                    self.say(false, errors::vnd(&err, self.lang));
                    return Task::none();
                }
            },
        };
        let Overlay::Pay { qr, .. } = &mut self.overlay else {
            return Task::none();
        };
        match press {
            Press::Escape if qr.is_some() => *qr = None,
            Press::Escape => {
                self.cart.clear_payments();
                self.overlay = Overlay::None;
            }
            Press::Enter if self.busy => {}
            Press::Enter => match qr.take() {
                Some((_, asked)) => return self.take(Method::Vietqr, Some(asked)),
                None => return self.take(Method::Cash, amount),
            },
            Press::F(5) => return self.show_qr(amount),
            Press::F(6) => return self.take(Method::Card, amount),
            Press::F(7) => return self.take(Method::Ewallet, amount),
            _ => {}
        }
        Task::none()
    }

    fn show_qr(&mut self, amount: Option<Vnd>) -> Task<Message> {
        let due = match self.cart.due() {
            Ok(due) => due,
            Err(err) => {
                self.say(false, errors::cart(&err, self.lang));
                return Task::none();
            }
        };
        let asked = amount.unwrap_or(due);
        let bank = &self.launch.config.bank;
        if bank.bank_bin.is_empty() {
            self.say(false, self.lang.strings().no_bank);
            return Task::none();
        }
        let account = vietqr::Account {
            bin: bank.bank_bin.clone(),
            number: bank.account_no.clone(),
        };
        let lang = self.lang;
        let data = vietqr::payload(&account, Some(asked), &self.cart.id)
            .map_err(|e| errors::vietqr(&e, lang))
            .and_then(|p| qr_code::Data::new(p).map_err(|e| e.to_string()));
        match data {
            Ok(data) => {
                if let Overlay::Pay { qr, .. } = &mut self.overlay {
                    *qr = Some((data, asked));
                }
            }
            Err(err) => self.say(false, err),
        }
        Task::none()
    }

    /// Takes a payment; once nothing is due, saves the sale on the worker.
    fn take(&mut self, method: Method, amount: Option<Vnd>) -> Task<Message> {
        let nothing_due = self.cart.due().is_ok_and(|d| d == Vnd::ZERO);
        if !nothing_due {
            match self.cart.pay(method, amount) {
                Ok(change) => {
                    if let Overlay::Pay { change: shown, .. } = &mut self.overlay {
                        *shown = change;
                    }
                }
                Err(err) => {
                    self.say(false, errors::cart(&err, self.lang));
                    return Task::none();
                }
            }
        }
        if self.cart.ready().is_err() {
            return Task::none();
        }
        let (Some(user), Some(point)) = (&self.user, &self.point) else {
            return Task::none();
        };
        let ctx = sales::Context {
            point_code: point.code.clone(),
            user: user.id,
            at: self.now(),
        };
        let cart = self.cart.clone();
        self.say(true, self.lang.strings().saving);
        self.job(move |conn| Ok(Done::Sold(sales::complete(conn, &cart, &ctx)?)))
    }
}
