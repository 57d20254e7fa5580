//! Turning the document on screen into a delivery for the store, saving or posting it, and
//! telling what came of it.

use iced::Task;

use super::{Msg, Outcome, refusals, wrap};
use crate::domain::money::Vnd;
use crate::domain::qty::Qty;
use crate::gui::app::{App, Message};
use crate::gui::i18n::{Lang, errors};
use crate::gui::office::products::tr;
use crate::store::receiving::{self, Delivery, Incoming, parse_date};

impl App {
    /// The document as the store takes it, or every problem of the form, by line.
    fn receiving_delivery(&self) -> Result<Delivery, Vec<String>> {
        let lang = self.lang;
        let state = &self.office.receiving;
        let mut problems = Vec::new();
        if state.producer.trim().is_empty() {
            problems.push(
                tr(
                    lang,
                    "Nhà sản xuất: chưa chọn (quét một sản phẩm hoặc chọn trong danh sách)",
                    "Producer: none chosen (scan a product or pick one)",
                )
                .to_owned(),
            );
        }
        if state.lines.is_empty() {
            problems.push(
                tr(
                    lang,
                    "Phiếu chưa có dòng hàng nào: hãy quét sản phẩm",
                    "No lines yet: scan the goods",
                )
                .to_owned(),
            );
        }
        let mut lines = Vec::new();
        for (i, l) in state.lines.iter().enumerate() {
            let n = i + 1;
            let say = |vi: String, en: String| match lang {
                Lang::Vi => format!("dòng {n} ({}): {vi}", l.name),
                Lang::En => format!("line {n} ({}): {en}", l.name),
            };
            let qty = l.qty.parse::<Qty>().map_err(|e| {
                say(
                    format!("số lượng: {e}"),
                    format!("quantity: {}", errors::qty(&e, lang)),
                )
            });
            let cost = if l.cost.trim().is_empty() {
                Err(say(
                    "đơn giá: chưa nhập".into(),
                    "unit cost: missing".into(),
                ))
            } else {
                l.cost.parse::<Vnd>().map_err(|e| {
                    say(
                        format!("đơn giá: {e}"),
                        format!("unit cost: {}", errors::vnd(&e, lang)),
                    )
                })
            };
            let expiry = match l.expiry.trim() {
                "" => Ok(None),
                typed => parse_date(typed).map(Some).ok_or_else(|| {
                    say(
                        format!("hạn sử dụng \"{typed}\" không phải ngày hợp lệ (ngày/tháng/năm)"),
                        format!("expiry \"{typed}\" is not a valid date (day/month/year)"),
                    )
                }),
            };
            match (qty, cost, expiry) {
                (Ok(qty), Ok(unit_cost), Ok(expiry)) => lines.push(Incoming {
                    line: n,
                    product: l.code.clone(),
                    qty,
                    unit_cost,
                    lot_no: l.lot.trim().to_owned(),
                    expiry,
                }),
                (q, c, e) => problems.extend([q.err(), c.err(), e.err()].into_iter().flatten()),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Delivery {
            consigned: state.consigned,
            producer_code: state.producer.trim().to_owned(),
            delivery_note: state.delivery_note.trim().to_owned(),
            note: state.note.trim().to_owned(),
            lines,
        })
    }

    /// Saves the document as a draft, or posts it (draft and posting in one transaction).
    pub(super) fn receiving_submit(&mut self, post: bool) -> Task<Message> {
        let delivery = match self.receiving_delivery() {
            Ok(d) => d,
            Err(problems) => return self.receiving_done(Outcome::Refused(problems), true),
        };
        let Some(user) = self.user.as_ref().map(|u| u.id) else {
            return Task::none();
        };
        let (at, lang) = (self.now(), self.lang);
        let editing = self.office.receiving.editing.clone();
        self.office_job(
            move |conn| {
                let done = if let Some(number) = editing {
                    receiving::rewrite_draft(conn, &number, &delivery, post, user, at).map(
                        |(header, posted)| match posted {
                            Some(p) => Outcome::Posted(Box::new(p)),
                            None => Outcome::Drafted(Box::new(header)),
                        },
                    )
                } else if post {
                    receiving::receive(conn, &delivery, user, at)
                        .map(|p| Outcome::Posted(Box::new(p)))
                } else {
                    receiving::draft(conn, &delivery, user, at)
                        .map(|h| Outcome::Drafted(Box::new(h)))
                };
                done.or_else(|err| refusals(err, lang).map(Outcome::Refused))
            },
            |o| wrap(Msg::Done(o, true)),
        )
    }

    /// Tells what a save or post did; a document written from the screen makes room for the next.
    pub(super) fn receiving_done(&mut self, outcome: Outcome, on_screen: bool) -> Task<Message> {
        let lang = self.lang;
        let text = match &outcome {
            Outcome::Refused(problems) => {
                let first = problems.first().cloned().unwrap_or_default();
                let text = match (lang, problems.len()) {
                    (_, 1) => first,
                    (Lang::Vi, n) => format!("Chưa ghi gì, {n} lỗi; đầu tiên: {first}"),
                    (Lang::En, n) => format!("Nothing written, {n} problems; first: {first}"),
                };
                self.office.receiving.problems = problems.clone();
                self.say(false, text);
                return Task::none();
            }
            Outcome::Drafted(header) => match lang {
                Lang::Vi => format!("Đã lưu phiếu nháp {}", header.number),
                Lang::En => format!("Draft {} saved", header.number),
            },
            Outcome::Posted(p) => match lang {
                Lang::Vi => format!(
                    "Đã ghi sổ phiếu {}: {} dòng, số lượng {}, giá trị {}",
                    p.number, p.lines, p.qty, p.value
                ),
                Lang::En => format!(
                    "Posted {}: {} lines, quantity {}, value {}",
                    p.number, p.lines, p.qty, p.value
                ),
            },
        };
        self.say(true, text);
        self.office.receiving.problems.clear();
        if on_screen {
            let _ = self.receiving_msg(Msg::Clear);
        }
        self.receiving_opened()
    }
}
