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

/// The line an approval is for: the cart, the position and the product there when it was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineTarget {
    cart: String,
    line: usize,
    product: Option<i64>,
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
                let target = self.line_target(line);
                // Closed before the check: a refusal leaves the line as it was.
                self.overlay = Overlay::None;
                let (policy, at) = (self.launch.config.lockout(), self.now());
                self.job(move |conn| {
                    let approval = users::approve(conn, &manager, &typed, policy, at)?;
                    Ok(Done::Approved {
                        target,
                        change,
                        approval,
                        manager,
                    })
                })
            }
        }
    }

    fn line_target(&self, line: usize) -> LineTarget {
        LineTarget {
            cart: self.cart.id.clone(),
            line,
            product: self.cart.lines.get(line).map(|l| l.item.product_id),
        }
    }

    /// The manager's PIN was right: the change goes on the line with the approval, if the line is
    /// still the one the manager approved.
    pub(crate) fn approved(
        &mut self,
        target: &LineTarget,
        change: LineChange,
        approval: Approval,
        manager: &str,
    ) {
        if *target != self.line_target(target.line) {
            let moved = match self.lang {
                Lang::Vi => "giỏ hàng đã thay đổi trong lúc duyệt: hãy làm lại",
                Lang::En => "the cart changed during the approval: do it again",
            };
            self.say(false, moved);
            return;
        }
        match self.apply_change(target.line, change, Some(approval)) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::domain::auth::UserId;
    use crate::domain::cart::Item;
    use crate::domain::qty::Qty;
    use crate::domain::vat::VatRate;
    use crate::gui::Launch;
    use crate::store::Db;

    fn item(id: i64) -> Item {
        Item {
            product_id: id,
            code: format!("P{id}"),
            name: format!("Sản phẩm {id}"),
            unit: "chai".into(),
            price: Vnd(100_000),
            vat: VatRate(800),
            stars: None,
            sold_by_weight: false,
        }
    }

    #[test]
    fn an_approval_lands_only_on_the_line_it_was_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let launch = Launch {
            config: Config::default(),
            data_dir: dir.path().to_owned(),
            db_path: dir.path().join("till.db"),
            config_file: None,
        };
        let db = Db::open(&launch.db_path).unwrap();
        let mut app = App::new(launch, db, true);
        app.cart.add(item(1), Qty::ONE, "P1").unwrap();
        app.cart.add(item(2), Qty::ONE, "P2").unwrap();
        let half = LineChange::Discount(Some(Discount::Percent(5000)));
        let boss = Approval::new(UserId(1));

        // Line 0 was removed while the PIN was checked: line 0 is now another product.
        let asked = app.line_target(0);
        app.cart.remove(0).unwrap();
        app.approved(&asked, half, boss, "admin");
        assert_eq!(app.cart.lines[0].discount, None);
        assert!(app.notice.as_ref().unwrap().text.contains("đã thay đổi"));

        let asked = app.line_target(0);
        app.approved(&asked, half, boss, "admin");
        assert_eq!(app.cart.lines[0].discount, Some(Discount::Percent(5000)));
        assert_eq!(app.cart.lines[0].approved_by, Some(UserId(1)));
    }
}
