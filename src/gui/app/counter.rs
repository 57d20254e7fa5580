//! The counter's keys: codes and scans into the cart, search, quantity, payment, park/recall and
//! refund. Domain rules stay in `domain::cart`; the database work goes to `jobs`.

use iced::Task;
use iced::widget::qr_code;

use super::jobs::Done;
use super::{App, Message, Screen, new_id};
use crate::domain::cart::Cart;
use crate::domain::money::Vnd;
use crate::domain::pricing::Discount;
use crate::domain::qty::Qty;
use crate::gui::i18n::{Lang, errors};
use crate::gui::keys::Press;
use crate::store::catalog::{Hit, Resolved};
use crate::store::parked::Parked;
use crate::store::{catalog, parked, refund, sales, users};

/// The search box's widget id (F2 focuses it).
pub const SEARCH_ID: &str = "search";

/// A panel over the counter.
#[derive(Default)]
pub enum Overlay {
    /// Just the cart.
    #[default]
    None,
    /// F2: search by name.
    Search {
        /// What is typed.
        query: String,
        /// Matches.
        hits: Vec<Hit>,
        /// The chosen match.
        sel: usize,
    },
    /// F4: the selected line's new quantity is typed.
    Qty,
    /// F12: taking payment; `qr` while a VietQR code is shown for `amount`.
    Pay {
        /// The VietQR code on screen and the amount it asks for.
        qr: Option<(qr_code::Data, Vnd)>,
        /// The change of the last cash payment.
        change: Vnd,
    },
    /// F10: choosing a parked cart.
    Recall {
        /// Parked carts.
        list: Vec<Parked>,
        /// The chosen one.
        sel: usize,
    },
    /// F3: the selected line's discount is typed ("10%" or an amount; empty clears it), or its
    /// new unit price ("=380000").
    Discount,
    /// A change beyond the clerk's limit waits for a manager's name and PIN.
    Approve {
        /// The line to change.
        line: usize,
        /// The change asked for.
        change: super::approve::LineChange,
        /// Name or PIN.
        step: super::approve::ApproveStep,
    },
    /// F11: the shift's cash moves, X report and Z close.
    Shift(super::shift::ZStep),
    /// F8: refund steps: receipt number, manager's name, manager's PIN.
    Refund {
        /// 0 receipt, 1 manager, 2 PIN.
        step: u8,
        /// The receipt typed.
        receipt: String,
        /// The manager typed.
        manager: String,
    },
}

/// "10%" → 10 percent, "20000" → 20.000 ₫ off, "" → no discount.
pub fn parse_discount(typed: &str, lang: Lang) -> Result<Option<Discount>, String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    match typed.strip_suffix('%') {
        Some(pct) => pct
            .trim()
            .parse::<u16>()
            .ok()
            .filter(|p| (1..=100).contains(p))
            .map(|p| Some(Discount::Percent(p * 100)))
            .ok_or_else(|| match lang {
                Lang::Vi => format!("phần trăm giảm giá \"{typed}\" không hợp lệ"),
                Lang::En => format!("discount percentage \"{typed}\" is not valid"),
            }),
        None => typed
            .parse::<Vnd>()
            .map(|v| Some(Discount::Amount(v)))
            .map_err(|e| errors::vnd(&e, lang)),
    }
}

/// `N*code` → (N, code); anything else → (None, the input).
pub fn split_qty(input: &str) -> (Option<Qty>, &str) {
    match input.split_once('*') {
        Some((n, code)) => (n.trim().parse::<Qty>().ok(), code.trim()),
        None => (None, input.trim()),
    }
}

impl App {
    pub(crate) fn counter_key(&mut self, press: Press) -> Task<Message> {
        if matches!(self.overlay, Overlay::Pay { .. }) {
            return self.pay_key(press);
        }
        if matches!(self.overlay, Overlay::Shift(_)) {
            return self.shift_key(press);
        }
        match press {
            Press::Enter => self.counter_enter(),
            Press::Escape => {
                self.overlay = Overlay::None;
                self.entry.clear();
                Task::none()
            }
            Press::Up | Press::Down => {
                self.move_selection(press == Press::Down);
                Task::none()
            }
            Press::Delete => {
                if let (Overlay::None, Some(i)) = (&self.overlay, self.selected) {
                    match self.cart.remove(i) {
                        Ok(_) => self.selected = self.cart.lines.len().checked_sub(1),
                        Err(err) => self.say(false, errors::cart(&err, self.lang)),
                    }
                }
                Task::none()
            }
            Press::F(2) => {
                self.overlay = Overlay::Search {
                    query: String::new(),
                    hits: Vec::new(),
                    sel: 0,
                };
                iced::widget::operation::focus(SEARCH_ID)
            }
            Press::F(3) if self.selected.is_some() => {
                self.overlay = Overlay::Discount;
                self.entry.clear();
                Task::none()
            }
            Press::F(4) if self.selected.is_some() => {
                self.overlay = Overlay::Qty;
                self.entry.clear();
                Task::none()
            }
            Press::F(12) if !self.cart.is_empty() => {
                self.overlay = Overlay::Pay {
                    qr: None,
                    change: Vnd::ZERO,
                };
                self.entry.clear();
                Task::none()
            }
            Press::F(9) => self.park(),
            Press::F(11) => {
                self.overlay = Overlay::Shift(super::shift::ZStep::Menu);
                self.entry.clear();
                Task::none()
            }
            // A recalled cart replaces nothing: the one on screen must be sold or parked first.
            Press::F(10) if self.cart.is_empty() => {
                self.job(|conn| Ok(Done::ParkedList(parked::list(conn)?)))
            }
            Press::F(8) => {
                self.overlay = Overlay::Refund {
                    step: 0,
                    receipt: String::new(),
                    manager: String::new(),
                };
                self.entry.clear();
                Task::none()
            }
            _ => Task::none(),
        }
    }

    fn move_selection(&mut self, down: bool) {
        let step = |sel: usize, len: usize| {
            if down {
                (sel + 1).min(len.saturating_sub(1))
            } else {
                sel.saturating_sub(1)
            }
        };
        match &mut self.overlay {
            Overlay::Search { hits, sel, .. } => *sel = step(*sel, hits.len()),
            Overlay::Recall { list, sel } => *sel = step(*sel, list.len()),
            _ => {
                let len = self.cart.lines.len();
                self.selected = (len > 0).then(|| step(self.selected.unwrap_or(len - 1), len));
            }
        }
    }

    fn counter_enter(&mut self) -> Task<Message> {
        let entry = std::mem::take(&mut self.entry);
        match &mut self.overlay {
            Overlay::None => {
                let (qty, code) = split_qty(&entry);
                if code.is_empty() {
                    return Task::none();
                }
                let code = code.to_owned();
                self.add_code(code, qty)
            }
            Overlay::Search { hits, sel, .. } => {
                let Some(code) = hits.get(*sel).map(|h| h.code.clone()) else {
                    return Task::none();
                };
                self.overlay = Overlay::None;
                self.add_code(code, None)
            }
            Overlay::Qty => {
                self.overlay = Overlay::None;
                let Some(i) = self.selected else {
                    return Task::none();
                };
                let lang = self.lang;
                let result = entry
                    .trim()
                    .parse::<Qty>()
                    .map_err(|e| errors::qty(&e, lang))
                    .and_then(|q| self.cart.set_qty(i, q).map_err(|e| errors::cart(&e, lang)));
                if let Err(err) = result {
                    self.say(false, err);
                }
                Task::none()
            }
            Overlay::Discount => {
                self.overlay = Overlay::None;
                let Some(i) = self.selected else {
                    return Task::none();
                };
                match super::approve::parse_change(&entry, self.lang) {
                    Ok(change) => self.change_line(i, change),
                    Err(err) => self.say(false, err),
                }
                Task::none()
            }
            Overlay::Approve { .. } => self.approve_enter(entry),
            Overlay::Recall { list, sel } => {
                let Some(id) = list.get(*sel).map(|p| p.id) else {
                    self.overlay = Overlay::None;
                    return Task::none();
                };
                self.overlay = Overlay::None;
                self.job(move |conn| Ok(Done::Recalled(Box::new(parked::recall(conn, id)?))))
            }
            Overlay::Refund {
                step,
                receipt,
                manager,
            } => match step {
                0 => {
                    *receipt = entry.trim().to_owned();
                    *step = 1;
                    Task::none()
                }
                1 => {
                    *manager = entry.trim().to_owned();
                    *step = 2;
                    Task::none()
                }
                _ => {
                    let (receipt, manager) = (receipt.clone(), manager.clone());
                    self.overlay = Overlay::None;
                    self.refund(receipt, manager, entry)
                }
            },
            Overlay::Pay { .. } | Overlay::Shift(_) => Task::none(),
        }
    }

    /// A scanner's burst: it goes to the cart whatever has focus, and leaves no trace in the field
    /// that had focus.
    pub(crate) fn scanned(&mut self, code: String) -> Task<Message> {
        if let Some(rest) = self.entry.strip_suffix(code.as_str()) {
            self.entry = rest.to_owned();
        }
        // The box searched for the code's digits as they came: search again for what is left.
        let mut refresh = Task::none();
        if let Overlay::Search { query, .. } = &self.overlay
            && let Some(rest) = query.strip_suffix(code.as_str())
        {
            refresh = self.search(rest.to_owned());
        }
        if self.screen == Screen::Office {
            return self.office_scanned(code);
        }
        let selling = self.screen == Screen::Counter
            && matches!(self.overlay, Overlay::None | Overlay::Search { .. });
        if !selling {
            return Task::none();
        }
        let (qty, _) = split_qty(&format!("{}{code}", std::mem::take(&mut self.entry)));
        Task::batch([refresh, self.add_code(code, qty)])
    }

    fn add_code(&mut self, code: String, qty: Option<Qty>) -> Task<Message> {
        let rules = self.launch.config.barcode.clone();
        let date = self.now().date_naive();
        self.job(move |conn| {
            let resolved = catalog::resolve(conn, &code, &rules, date)?;
            Ok(Done::Resolved(code, Box::new(resolved), qty))
        })
    }

    pub(crate) fn add_resolved(&mut self, code: &str, r: Resolved, qty: Option<Qty>) {
        let added = match r.label_price {
            Some(price) => self.cart.add_labelled(r.item, r.qty, price, code),
            None => {
                let qty = qty.filter(|_| r.qty == Qty::ONE).unwrap_or(r.qty);
                self.cart.add(r.item, qty, code)
            }
        };
        match added {
            Ok(i) => {
                self.selected = Some(i);
                self.notice = None;
                self.thanks = None;
            }
            Err(err) => self.say(false, errors::cart(&err, self.lang)),
        }
    }

    pub(crate) fn search(&mut self, text: String) -> Task<Message> {
        let Overlay::Search { query, .. } = &mut self.overlay else {
            return Task::none();
        };
        *query = text.clone();
        self.job(move |conn| {
            let hits = catalog::search(conn, &text, 20)?;
            Ok(Done::Hits(text, hits))
        })
    }

    fn park(&mut self) -> Task<Message> {
        let Some(user) = &self.user else {
            return Task::none();
        };
        let (cart, user, at) = (self.cart.clone(), user.id, self.now());
        let label = cart
            .lines
            .first()
            .map(|l| l.item.name.clone())
            .unwrap_or_default();
        self.job(move |conn| {
            parked::park(conn, &cart, user, &label, at)?;
            Ok(Done::Parked)
        })
    }

    fn refund(&mut self, receipt: String, manager: String, pin: String) -> Task<Message> {
        let (Some(user), Some(point)) = (&self.user, &self.point) else {
            return Task::none();
        };
        let ctx = sales::Context {
            point_code: point.code.clone(),
            user: user.id,
            at: self.now(),
        };
        let policy = self.launch.config.lockout();
        let request = refund::Request {
            refund_id: new_id(),
            original_receipt: receipt,
            lines: Vec::new(),
            payout: Vec::new(),
            reason: "Trả hàng tại quầy".into(),
        };
        self.job(move |conn| {
            let approval = users::approve(conn, &manager, &pin, policy, ctx.at)?;
            Ok(Done::Refunded(refund::refund(
                conn, &request, &ctx, approval,
            )?))
        })
    }

    pub(crate) fn new_cart(&mut self) {
        self.cart = Cart::new(new_id());
        self.selected = None;
        self.overlay = Overlay::None;
    }
}
