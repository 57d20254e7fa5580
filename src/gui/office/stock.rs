//! Stock: on hand by product and lot, low stock with days of cover, expiring and expired lots, a
//! product's moves, adjustments.

mod view;

use std::num::NonZeroU32;
use std::sync::Arc;

use iced::Task;

pub use view::view;

use super::Msg as OfficeMsg;
use crate::domain::auth::Approval;
use crate::domain::qty::Qty;
use crate::domain::stock::AdjustReason;
use crate::gui::app::{App, Message};
use crate::gui::i18n::Lang;
use crate::store::adjust::{self, Adjustment, Change};
use crate::store::lots::{self, LotRow};
use crate::store::low_stock::{self, LowStock};
use crate::store::receiving::Posted;
use crate::store::stock::{self, MoveRow, OnHandRow};

/// Rows a list shows at most (the search narrows the rest).
pub const PAGE: usize = 50;

/// Which part of the tab is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Section {
    /// On hand by product, a product's lots and moves, adjustments.
    #[default]
    OnHand,
    /// Products at or below their reorder level.
    Low,
    /// Lots expiring soon and expired.
    Expiry,
}

/// A product opened: its stock, lots and latest moves.
#[derive(Debug, Clone)]
pub struct Detail {
    /// The product and its on hand.
    pub product: OnHandRow,
    /// Lots holding stock, earliest expiry first.
    pub lots: Vec<LotRow>,
    /// Latest moves, newest first.
    pub moves: Vec<MoveRow>,
}

/// The adjustment being typed.
#[derive(Debug, Clone, Default)]
pub struct AdjustForm {
    /// Signed quantity as typed.
    pub qty: String,
    /// Why.
    pub reason: Option<AdjustReason>,
    /// The lot concerned (none: earliest expiry first, or the newest lot when adding).
    pub lot: Option<i64>,
    /// What happened.
    pub note: String,
}

/// What the tab keeps while the back office is open.
#[derive(Debug, Default)]
pub struct State {
    /// The part shown.
    pub section: Section,
    /// The search typed.
    pub query: String,
    /// Products listed (at most [`PAGE`]).
    pub rows: Vec<OnHandRow>,
    /// More products matched than are listed.
    pub more: bool,
    /// The product opened.
    pub detail: Option<Arc<Detail>>,
    /// The adjustment form.
    pub form: AdjustForm,
    /// Low stock.
    pub low: Vec<LowStock>,
    /// Days ahead for expiring lots, as typed.
    pub days: String,
    /// Lots expiring within the days.
    pub expiring: Vec<LotRow>,
    /// Lots past their expiry with stock.
    pub expired: Vec<LotRow>,
}

/// What the tab reacts to.
#[derive(Debug, Clone)]
pub enum Msg {
    /// Load the tab's data again.
    Refresh,
    /// Show a part of the tab.
    Show(Section),
    /// The search box changed.
    Query(String),
    /// Search now.
    Search,
    /// Products found; whether more matched.
    Listed(Vec<OnHandRow>, bool),
    /// Open a product (code).
    Pick(String),
    /// A product's stock, lots and moves.
    Picked(Arc<Detail>),
    /// Close the product.
    Unpick,
    /// Low stock.
    LowLoaded(Vec<LowStock>),
    /// Days ahead typed.
    Days(String),
    /// Look for expiring lots.
    LoadExpiry,
    /// Expiring and expired lots.
    ExpiryLoaded(Vec<LotRow>, Vec<LotRow>),
    /// Adjustment quantity typed.
    AdjustQty(String),
    /// Adjustment reason chosen.
    AdjustReason(AdjustReason),
    /// Adjustment lot chosen (none: automatic).
    AdjustLot(Option<i64>),
    /// Adjustment note typed.
    AdjustNote(String),
    /// Record the adjustment.
    Adjust,
    /// The adjustment was posted.
    Adjusted(Posted),
}

fn wrap(msg: Msg) -> OfficeMsg {
    OfficeMsg::Stock(msg)
}

/// A word in the window's language.
pub(crate) fn w(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

impl App {
    /// The tab was shown: the list of products with stock.
    pub(crate) fn stock_opened(&mut self) -> Task<Message> {
        self.stock_list()
    }

    /// A message of the tab.
    pub(crate) fn stock_msg(&mut self, msg: Msg) -> Task<Message> {
        let state = &mut self.office.stock;
        match msg {
            Msg::Refresh => return self.stock_section(self.office.stock.section),
            Msg::Show(section) => return self.stock_section(section),
            Msg::Query(q) => state.query = q,
            Msg::Search => return self.stock_list(),
            Msg::Listed(mut rows, more) => {
                rows.truncate(PAGE);
                state.rows = rows;
                state.more = more;
            }
            Msg::Pick(code) => return self.stock_pick(code),
            Msg::Picked(detail) => {
                state.detail = Some(detail);
            }
            Msg::Unpick => state.detail = None,
            Msg::LowLoaded(rows) => state.low = rows,
            Msg::Days(d) => state.days = d,
            Msg::LoadExpiry => return self.stock_expiry(),
            Msg::ExpiryLoaded(expiring, expired) => {
                state.expiring = expiring;
                state.expired = expired;
            }
            Msg::AdjustQty(q) => state.form.qty = q,
            Msg::AdjustReason(r) => state.form.reason = Some(r),
            Msg::AdjustLot(l) => state.form.lot = l,
            Msg::AdjustNote(n) => state.form.note = n,
            Msg::Adjust => return self.stock_adjust(),
            Msg::Adjusted(posted) => {
                let lang = self.lang;
                self.office.stock.form = AdjustForm::default();
                self.say(
                    true,
                    format!(
                        "{} {}: {} {}, {} {}",
                        w(lang, "Đã ghi sổ điều chỉnh", "Adjustment posted"),
                        posted.number,
                        w(lang, "số lượng", "quantity"),
                        posted.qty,
                        w(lang, "giá trị", "value"),
                        posted.value
                    ),
                );
                let code = self
                    .office
                    .stock
                    .detail
                    .as_ref()
                    .map(|d| d.product.code.clone());
                return match code {
                    Some(code) => self.stock_pick(code),
                    None => Task::none(),
                };
            }
        }
        Task::none()
    }

    fn stock_section(&mut self, section: Section) -> Task<Message> {
        self.office.stock.section = section;
        match section {
            Section::OnHand => self.stock_list(),
            Section::Low => {
                let today = self.now().date_naive();
                let days = NonZeroU32::new(low_stock::DEFAULT_DAYS).unwrap_or(NonZeroU32::MIN);
                self.office_job(
                    move |conn| low_stock::list(conn, today, days),
                    |rows| wrap(Msg::LowLoaded(rows)),
                )
            }
            Section::Expiry => self.stock_expiry(),
        }
    }

    fn stock_list(&mut self) -> Task<Message> {
        let query = self.office.stock.query.clone();
        self.office_job(
            move |conn| stock::on_hand_list(conn, &query, PAGE + 1),
            |rows| {
                let more = rows.len() > PAGE;
                wrap(Msg::Listed(rows, more))
            },
        )
    }

    fn stock_pick(&mut self, code: String) -> Task<Message> {
        self.office.stock.form = AdjustForm::default();
        self.office_job(
            move |conn| {
                let product = stock::on_hand_of(conn, &code)?
                    .ok_or_else(|| crate::store::Error::UnknownCode(code.trim().to_owned()))?;
                let lots = lots::on_hand(conn, product.id)?;
                let moves = stock::history(conn, product.id, PAGE)?;
                Ok(Arc::new(Detail {
                    product,
                    lots,
                    moves,
                }))
            },
            |detail| wrap(Msg::Picked(detail)),
        )
    }

    fn stock_expiry(&mut self) -> Task<Message> {
        let lang = self.lang;
        let typed = self.office.stock.days.trim().to_owned();
        let days = if typed.is_empty() {
            30
        } else {
            match typed.parse::<u32>() {
                Ok(d) if d <= 3650 => d,
                _ => {
                    self.say(
                        false,
                        format!(
                            "{} \"{typed}\" {}",
                            w(lang, "Số ngày", "Days"),
                            w(
                                lang,
                                "không hợp lệ: nhập số ngày từ 0 đến 3650",
                                "is not valid: type 0 to 3650"
                            )
                        ),
                    );
                    return Task::none();
                }
            }
        };
        let today = self.now().date_naive();
        self.office_job(
            move |conn| {
                Ok((
                    lots::expiring(conn, today, days)?,
                    lots::expired(conn, today)?,
                ))
            },
            |(soon, gone)| wrap(Msg::ExpiryLoaded(soon, gone)),
        )
    }

    fn stock_adjust(&mut self) -> Task<Message> {
        let lang = self.lang;
        let (Some(user), Some(detail)) = (&self.user, &self.office.stock.detail) else {
            return Task::none();
        };
        let form = &self.office.stock.form;
        let Some(reason) = form.reason else {
            self.say(
                false,
                w(
                    lang,
                    "Chọn lý do điều chỉnh: hư hỏng, mất hàng, hàng mẫu hoặc điều chỉnh sai sót",
                    "Choose a reason: damaged, lost, sample or correction",
                ),
            );
            return Task::none();
        };
        let qty: Qty = match form.qty.parse() {
            Ok(q) => q,
            Err(e) => {
                self.say(false, crate::gui::i18n::errors::qty(&e, lang));
                return Task::none();
            }
        };
        let adjustment = Adjustment {
            reason,
            note: form.note.trim().to_owned(),
            changes: vec![Change {
                product: detail.product.code.clone(),
                qty,
                lot_id: form.lot,
            }],
        };
        let (user, at) = (user.id, self.now());
        // The manager is the one logged in: the back office is refused to anyone else.
        let approval = Approval::new(user);
        self.office_job(
            move |conn| adjust::adjust(conn, &adjustment, user, approval, at),
            |posted| wrap(Msg::Adjusted(posted)),
        )
    }
}
