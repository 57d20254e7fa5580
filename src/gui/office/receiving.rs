//! Goods received: a document built by scanning, bought or on consignment, with lots and expiry; posted once.

mod scan;
mod submit;
mod view;

use std::sync::Arc;

use iced::Task;

use crate::domain::lot::needs_lot;
use crate::domain::qty::Qty;
use crate::gui::app::{App, Message};
use crate::gui::i18n::{Lang, errors};
use crate::gui::keys::Press;
use crate::gui::office::Msg as OfficeMsg;
use crate::store::documents::{self, DocumentError, Header};
use crate::store::receiving::{self, DocRow, Draft, Posted};
use crate::store::{self, catalog};
pub use view::view;

/// Documents the list shows.
const RECENT: usize = 30;

/// A line being entered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineForm {
    /// Product code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Food, drink or herbal: a lot number and an expiry are required.
    pub needs_lot: bool,
    /// Quantity typed.
    pub qty: String,
    /// Unit cost (or agreed consignment price) typed.
    pub cost: String,
    /// Lot number typed.
    pub lot: String,
    /// Expiry typed.
    pub expiry: String,
}

/// What the tab keeps while the back office is open.
#[derive(Debug, Default)]
pub struct State {
    /// On consignment rather than bought.
    pub consigned: bool,
    /// The producer's code.
    pub producer: String,
    /// The producer's delivery-note number.
    pub delivery_note: String,
    /// Free text.
    pub note: String,
    /// The lines scanned.
    pub lines: Vec<LineForm>,
    /// Producers (code, name).
    pub producers: Vec<(String, String)>,
    /// Recent documents.
    pub docs: Vec<DocRow>,
    /// Why the last save or post was refused, line by line.
    pub problems: Vec<String>,
    /// The saved draft being finished, if the document on screen is one.
    pub editing: Option<String>,
}

/// A scanned product as a line needs it.
#[derive(Debug, Clone)]
pub struct Scanned {
    /// Product code.
    pub code: String,
    /// Name.
    pub name: String,
    /// OCOP group.
    pub group: Option<u8>,
    /// Its producer's code.
    pub producer: Option<String>,
    /// How much the scan adds: one, or the weight on a scale label.
    pub qty: Qty,
}

/// What a save or post brought back: done, or the store's refusals.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Saved as a draft.
    Drafted(Box<Header>),
    /// Posted.
    Posted(Box<Posted>),
    /// Refused; nothing was written.
    Refused(Vec<String>),
}

/// What the tab loads: producers (code, name) and recent documents.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Producers (code, name).
    pub producers: Vec<(String, String)>,
    /// Recent documents.
    pub docs: Vec<DocRow>,
}

/// What the tab reacts to.
#[derive(Debug, Clone)]
pub enum Msg {
    /// Load the tab's data again.
    Refresh,
    /// Producers and recent documents came back.
    Loaded(Arc<Loaded>),
    /// Bought (false) or on consignment (true).
    Consigned(bool),
    /// The producer's code.
    Producer(String),
    /// The delivery note typed.
    DeliveryNote(String),
    /// The note typed.
    Note(String),
    /// A scan's product came back (None: unknown code).
    Found(String, Option<Scanned>),
    /// A line's quantity typed.
    Qty(usize, String),
    /// A line's unit cost typed.
    Cost(usize, String),
    /// A line's lot number typed.
    Lot(usize, String),
    /// A line's expiry typed.
    Expiry(usize, String),
    /// Remove a line.
    Remove(usize),
    /// Start again with an empty document.
    Clear,
    /// Save the document as a draft.
    SaveDraft,
    /// Post the document now.
    Post,
    /// Post a saved draft.
    PostDraft(String),
    /// Cancel a saved draft.
    CancelDraft(String),
    /// Reopen a saved draft on screen.
    OpenDraft(String),
    /// A reopened draft came back.
    DraftOpened(Box<Draft>),
    /// A save or post came back; `true` when it was of the document on screen.
    Done(Outcome, bool),
    /// A draft was cancelled.
    Cancelled(String),
}

fn wrap(msg: Msg) -> OfficeMsg {
    OfficeMsg::Receiving(msg)
}

/// The store's refusal as lines of text (every line of a multi-line refusal).
fn refusals(err: store::Error, lang: Lang) -> Result<Vec<String>, store::Error> {
    match err {
        store::Error::Document(DocumentError::Lines(all)) => {
            Ok(all.iter().map(|one| errors::document(one, lang)).collect())
        }
        store::Error::Document(_)
        | store::Error::UnknownProducer(_)
        | store::Error::Lot(_)
        | store::Error::Overflow(_) => Ok(vec![errors::store(&err, lang)]),
        other => Err(other),
    }
}

impl App {
    /// The tab was shown.
    pub(crate) fn receiving_opened(&mut self) -> Task<Message> {
        self.office_job(
            |conn| {
                let producers = catalog::producers(conn)?
                    .into_iter()
                    .map(|p| (p.code, p.name))
                    .collect();
                Ok(Loaded {
                    producers,
                    docs: receiving::documents(conn, RECENT)?,
                })
            },
            |loaded| wrap(Msg::Loaded(Arc::new(loaded))),
        )
    }

    /// A message of the tab.
    pub(crate) fn receiving_msg(&mut self, msg: Msg) -> Task<Message> {
        let state = &mut self.office.receiving;
        match msg {
            Msg::Refresh => return self.receiving_opened(),
            Msg::Loaded(loaded) => {
                let Loaded { producers, docs } = Arc::unwrap_or_clone(loaded);
                state.producers = producers;
                state.docs = docs;
            }
            Msg::Consigned(on) => state.consigned = on,
            Msg::Producer(code) => state.producer = code,
            Msg::DeliveryNote(text) => state.delivery_note = text,
            Msg::Note(text) => state.note = text,
            Msg::Found(code, found) => self.receiving_found(code, found),
            Msg::Qty(at, v) => {
                if let Some(l) = state.lines.get_mut(at) {
                    l.qty = v;
                }
            }
            Msg::Cost(at, v) => {
                if let Some(l) = state.lines.get_mut(at) {
                    l.cost = v;
                }
            }
            Msg::Lot(at, v) => {
                if let Some(l) = state.lines.get_mut(at) {
                    l.lot = v;
                }
            }
            Msg::Expiry(at, v) => {
                if let Some(l) = state.lines.get_mut(at) {
                    l.expiry = v;
                }
            }
            Msg::Remove(at) => {
                if at < state.lines.len() {
                    state.lines.remove(at);
                }
            }
            Msg::Clear => {
                let producers = std::mem::take(&mut state.producers);
                let docs = std::mem::take(&mut state.docs);
                *state = State {
                    producers,
                    docs,
                    ..State::default()
                };
            }
            Msg::SaveDraft => return self.receiving_submit(false),
            Msg::Post => return self.receiving_submit(true),
            Msg::PostDraft(number) => {
                let Some(user) = self.user.as_ref().map(|u| u.id) else {
                    return Task::none();
                };
                let (at, lang) = (self.now(), self.lang);
                return self.office_job(
                    move |conn| match receiving::post(conn, &number, user, at) {
                        Ok(posted) => Ok(Outcome::Posted(Box::new(posted))),
                        Err(err) => refusals(err, lang).map(Outcome::Refused),
                    },
                    |o| wrap(Msg::Done(o, false)),
                );
            }
            Msg::CancelDraft(number) => {
                return self.office_job(
                    move |conn| documents::cancel(conn, &number).map(|()| number),
                    |n| wrap(Msg::Cancelled(n)),
                );
            }
            Msg::OpenDraft(number) => {
                return self.office_job(
                    move |conn| receiving::open_draft(conn, &number),
                    |d| wrap(Msg::DraftOpened(Box::new(d))),
                );
            }
            Msg::DraftOpened(draft) => {
                let draft = *draft;
                let text = match self.lang {
                    Lang::Vi => format!("Đang sửa phiếu nháp {}", draft.number),
                    Lang::En => format!("Editing draft {}", draft.number),
                };
                state.consigned = draft.consigned;
                state.producer = draft.producer_code;
                state.delivery_note = draft.delivery_note;
                state.note = draft.note;
                state.problems.clear();
                state.lines = draft
                    .lines
                    .into_iter()
                    .map(|l| LineForm {
                        code: l.code,
                        name: l.name,
                        needs_lot: needs_lot(l.ocop_group),
                        qty: l.qty.to_string(),
                        cost: l.unit_cost.0.to_string(),
                        lot: l.lot_no,
                        expiry: l
                            .expiry
                            .map(|d| d.format("%d/%m/%Y").to_string())
                            .unwrap_or_default(),
                    })
                    .collect();
                state.editing = Some(draft.number);
                self.say(true, text);
            }
            Msg::Done(outcome, on_screen) => return self.receiving_done(outcome, on_screen),
            Msg::Cancelled(number) => {
                let text = match self.lang {
                    Lang::Vi => format!("Đã hủy phiếu nháp {number}"),
                    Lang::En => format!("Draft {number} cancelled"),
                };
                self.say(true, text);
                return self.receiving_opened();
            }
        }
        Task::none()
    }

    /// A key while the tab is shown.
    pub(crate) fn receiving_key(&mut self, _press: Press) -> Task<Message> {
        Task::none()
    }
}
