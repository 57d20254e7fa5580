//! Transfers out and in, with their codes, and goods in transit.

mod view;

use std::path::PathBuf;

use iced::Task;

pub use view::view;

use super::Msg as OfficeMsg;
use super::stock::w;
use crate::domain::qty::Qty;
use crate::gui::app::{App, Message};
use crate::gui::i18n::{Lang, errors};
use crate::store::transfer::{self, HandLine, InTransit, OutLine, Received, TransferFile};
use crate::store::{self, documents, lots};

/// A product on the transfer being prepared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Product code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Quantity to send.
    pub qty: Qty,
    /// Its lots holding stock, earliest expiry first: (id, as people read it).
    pub choices: Vec<(i64, String)>,
    /// The lot chosen (none: unexpired lots, earliest expiry first).
    pub lot: Option<i64>,
}

/// What the tab keeps while the back office is open.
#[derive(Debug, Default)]
pub struct State {
    /// The receiving point's code.
    pub to: String,
    /// Product code or barcode to add.
    pub code: String,
    /// Its quantity, as typed.
    pub qty: String,
    /// What will be sent.
    pub items: Vec<Item>,
    /// The last transfer sent: its code and where its file was written (or why it was not).
    pub sent: Option<(String, Result<PathBuf, String>)>,
    /// The path of a transfer file to receive.
    pub path: String,
    /// The transfer code typed from a delivery note.
    pub hand_code: String,
    /// A product code of a typed line.
    pub hand_product: String,
    /// Its quantity, as typed.
    pub hand_qty: String,
    /// Lines typed from the delivery note.
    pub hand_lines: Vec<(String, Qty)>,
    /// Transfers sent and not confirmed delivered.
    pub transit: Vec<InTransit>,
}

/// What the tab reacts to.
#[derive(Debug, Clone)]
pub enum Msg {
    /// Load the tab's data again.
    Refresh,
    /// Destination typed.
    To(String),
    /// Product code typed.
    Code(String),
    /// Quantity typed.
    Qty(String),
    /// Add the product to the transfer.
    Add,
    /// A product was checked and added.
    Added(Item),
    /// Take a line off.
    Remove(usize),
    /// Send a line from this lot (none: earliest expiry first).
    PickLot(usize, Option<i64>),
    /// Post and send.
    Send,
    /// Sent: the file, and where it was written.
    Sent(Box<TransferFile>, Result<PathBuf, String>),
    /// Path of a file to receive typed.
    Path(String),
    /// Receive the file.
    Import,
    /// Transfer code typed by hand.
    HandCode(String),
    /// Product of a typed line.
    HandProduct(String),
    /// Quantity of a typed line.
    HandQty(String),
    /// Add the typed line.
    HandAdd,
    /// Take a typed line off.
    HandRemove(usize),
    /// Receive what was typed.
    HandReceive,
    /// A transfer was received: its code, sender and our document.
    Received(String, String, Box<Received>),
    /// The transfers in transit.
    Transit(Vec<InTransit>),
    /// Confirm that a transfer (code) arrived.
    Deliver(String),
    /// It was confirmed; the transfers still in transit.
    Delivered(String, Vec<InTransit>),
    /// Something could not be done; the message says why.
    Failed(String),
}

fn wrap(msg: Msg) -> OfficeMsg {
    OfficeMsg::Transfers(msg)
}

fn parse_qty(text: &str, lang: Lang) -> Result<Qty, String> {
    match (text.parse::<Qty>(), lang) {
        (Ok(q), _) if q.0 > 0 => Ok(q),
        (Ok(q), Lang::Vi) => Err(format!("số lượng {q} không hợp lệ: phải lớn hơn 0")),
        (Ok(q), Lang::En) => Err(format!("quantity {q} is not valid: it must be above 0")),
        (Err(e), _) => Err(errors::qty(&e, lang)),
    }
}

impl App {
    /// The tab was shown: what is in transit.
    pub(crate) fn transfers_opened(&mut self) -> Task<Message> {
        self.office_job(
            |conn| transfer::in_transit(conn),
            |list| wrap(Msg::Transit(list)),
        )
    }

    /// A message of the tab.
    pub(crate) fn transfers_msg(&mut self, msg: Msg) -> Task<Message> {
        let lang = self.lang;
        let s = &mut self.office.transfers;
        match msg {
            Msg::Refresh => return self.transfers_opened(),
            Msg::To(v) => s.to = v.to_uppercase(),
            Msg::Code(v) => s.code = v,
            Msg::Qty(v) => s.qty = v,
            Msg::Add => return self.transfers_add(),
            Msg::Added(item) => {
                s.code.clear();
                s.qty.clear();
                match s
                    .items
                    .iter_mut()
                    .find(|i| i.code == item.code && i.lot.is_none())
                {
                    Some(same) => same.qty = Qty(same.qty.0.saturating_add(item.qty.0)),
                    None => s.items.push(item),
                }
            }
            Msg::Remove(i) => {
                if i < s.items.len() {
                    s.items.remove(i);
                }
            }
            Msg::PickLot(i, lot) => {
                if let Some(item) = s.items.get_mut(i) {
                    item.lot = lot;
                }
            }
            Msg::Send => return self.transfers_send(),
            Msg::Sent(file, written) => {
                s.items.clear();
                let text = match &written {
                    Ok(path) => format!(
                        "{} {} ({} {}) {} {}: {} {}",
                        w(lang, "Đã xuất chuyển kho", "Sent transfer"),
                        file.code,
                        w(lang, "phiếu", "document"),
                        file.number,
                        w(lang, "cho điểm", "to point"),
                        file.to_point,
                        w(lang, "tệp", "file"),
                        path.display()
                    ),
                    Err(why) => format!(
                        "{} {} {}: {why}",
                        w(lang, "Đã ghi sổ", "Posted"),
                        file.code,
                        w(
                            lang,
                            "nhưng chưa ghi được tệp",
                            "but the file was not written"
                        )
                    ),
                };
                let good = written.is_ok();
                s.sent = Some((file.code.clone(), written));
                self.say(good, text);
                return self.transfers_opened();
            }
            Msg::Path(v) => s.path = v,
            Msg::Import => return self.transfers_import(),
            Msg::HandCode(v) => s.hand_code = v.to_uppercase(),
            Msg::HandProduct(v) => s.hand_product = v,
            Msg::HandQty(v) => s.hand_qty = v,
            Msg::HandAdd => match parse_qty(&s.hand_qty, lang) {
                Ok(q) if !s.hand_product.trim().is_empty() => {
                    s.hand_lines.push((s.hand_product.trim().to_owned(), q));
                    s.hand_product.clear();
                    s.hand_qty.clear();
                }
                Ok(_) => self.say(false, w(lang, "Nhập mã sản phẩm", "Type a product code")),
                Err(why) => self.say(false, why),
            },
            Msg::HandRemove(i) => {
                if i < s.hand_lines.len() {
                    s.hand_lines.remove(i);
                }
            }
            Msg::HandReceive => return self.transfers_by_hand(),
            Msg::Received(code, from, received) => {
                s.path.clear();
                s.hand_code.clear();
                s.hand_lines.clear();
                self.say(
                    true,
                    format!(
                        "{} {code} {} {from}: {} {}, {} {}, {} {}",
                        w(lang, "Đã nhận chuyển kho", "Received transfer"),
                        w(lang, "từ điểm", "from point"),
                        w(lang, "phiếu", "document"),
                        received.header.number,
                        received.lines,
                        w(lang, "dòng", "lines"),
                        received.lots,
                        w(lang, "lô", "lots")
                    ),
                );
            }
            Msg::Transit(list) => s.transit = list,
            Msg::Deliver(code) => {
                let at = self.now();
                return self.office_job(
                    move |conn| {
                        let header = transfer::mark_delivered(conn, &code, at)?;
                        Ok((header.external_ref, transfer::in_transit(conn)?))
                    },
                    |(code, list)| wrap(Msg::Delivered(code, list)),
                );
            }
            Msg::Delivered(code, list) => {
                s.transit = list;
                self.say(
                    true,
                    format!(
                        "{} {code}",
                        w(lang, "Đã xác nhận đã giao", "Confirmed delivered")
                    ),
                );
            }
            Msg::Failed(why) => self.say(false, why),
        }
        Task::none()
    }

    fn transfers_add(&mut self) -> Task<Message> {
        let s = &self.office.transfers;
        let code = s.code.trim().to_owned();
        let qty = match parse_qty(&s.qty, self.lang) {
            Ok(q) => q,
            Err(why) => {
                self.say(false, why);
                return Task::none();
            }
        };
        self.office_job(
            move |conn| {
                let goods = documents::goods(conn, &code)?
                    .ok_or_else(|| store::Error::UnknownCode(code.clone()))?;
                let choices = lots::on_hand(conn, goods.id)?
                    .iter()
                    .map(|l| {
                        let expiry = l
                            .expiry
                            .map_or_else(String::new, |e| format!(" HSD {}", e.format("%d/%m/%Y")));
                        (l.id, format!("{} ({}{expiry})", l.lot_no, l.qty))
                    })
                    .collect();
                let unit: String = crate::store::catalog::product(conn, &goods.code)?
                    .map(|p| p.unit)
                    .unwrap_or_default();
                Ok(Item {
                    code: goods.code,
                    name: goods.name,
                    unit,
                    qty,
                    choices,
                    lot: None,
                })
            },
            |item| wrap(Msg::Added(item)),
        )
    }

    fn transfers_send(&mut self) -> Task<Message> {
        let lang = self.lang;
        let s = &self.office.transfers;
        if s.items.is_empty() {
            self.say(
                false,
                w(
                    lang,
                    "Chưa có dòng hàng nào để chuyển",
                    "Nothing to send yet",
                ),
            );
            return Task::none();
        }
        let to = s.to.trim().to_owned();
        let lines: Vec<OutLine> = s
            .items
            .iter()
            .zip(1..)
            .map(|(i, line)| OutLine {
                line,
                product_code: i.code.clone(),
                qty: i.qty,
                lot_id: i.lot,
            })
            .collect();
        let user = self.user.as_ref().map(|u| u.id);
        let (at, folder, lang) = (self.now(), self.launch.data_dir.clone(), self.lang);
        self.office_job(
            move |conn| {
                let file = transfer::send(conn, &to, &lines, user, at)?;
                let path = folder.join(format!("{}.json", file.code));
                let written = serde_json::to_vec_pretty(&file)
                    .map_err(|e| e.to_string())
                    .and_then(|json| {
                        crate::export::write_whole(&path, &json)
                            .map_err(|e| errors::export(&e, lang))
                    })
                    .map(|()| path);
                Ok((Box::new(file), written))
            },
            |(file, written)| wrap(Msg::Sent(file, written)),
        )
    }

    fn transfers_import(&mut self) -> Task<Message> {
        let path = PathBuf::from(self.office.transfers.path.trim());
        let (user, at, lang) = (self.user.as_ref().map(|u| u.id), self.now(), self.lang);
        self.office_job(
            move |conn| {
                let bytes = match std::fs::read(&path) {
                    Ok(b) => b,
                    Err(e) => {
                        return Ok(Msg::Failed(errors::file(&path, &e, false, lang)));
                    }
                };
                let file = transfer::parse_file(&bytes)?;
                let received = transfer::receive(conn, &file, user, at)?;
                Ok(Msg::Received(
                    file.code,
                    file.from_point,
                    Box::new(received),
                ))
            },
            wrap,
        )
    }

    fn transfers_by_hand(&mut self) -> Task<Message> {
        let s = &self.office.transfers;
        let code = s.hand_code.trim().to_owned();
        let lines: Vec<HandLine> = s
            .hand_lines
            .iter()
            .map(|(product, qty)| HandLine {
                product_code: product.clone(),
                qty_milli: qty.0,
                lot: None,
            })
            .collect();
        let (user, at) = (self.user.as_ref().map(|u| u.id), self.now());
        self.office_job(
            move |conn| {
                let file = transfer::by_hand(conn, &code, &lines)?;
                let received = transfer::receive(conn, &file, user, at)?;
                Ok((file.code, file.from_point, Box::new(received)))
            },
            |(code, from, received)| wrap(Msg::Received(code, from, received)),
        )
    }
}
