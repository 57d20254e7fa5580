//! Scans on the receiving tab: each adds one of the product (a scale label adds its weight),
//! goods of another producer are kept out of the document.

use iced::Task;

use super::{LineForm, Msg, Scanned, wrap};
use crate::domain::lot::needs_lot;
use crate::domain::qty::Qty;
use crate::gui::app::{App, Message};
use crate::gui::i18n::Lang;
use crate::store::{catalog, documents};

impl App {
    /// A scanned product: one more of it (a new line the first time).
    pub(super) fn receiving_found(&mut self, code: String, found: Option<Scanned>) {
        let lang = self.lang;
        let Some(goods) = found else {
            let text = match lang {
                Lang::Vi => format!("Không có sản phẩm mã \"{code}\""),
                Lang::En => format!("No product has the code \"{code}\""),
            };
            self.say(false, text);
            return;
        };
        let state = &mut self.office.receiving;
        if state.producer.trim().is_empty()
            && let Some(p) = &goods.producer
        {
            state.producer = p.clone();
        }
        if let Some(p) = &goods.producer
            && p != state.producer.trim()
        {
            let text = match lang {
                Lang::Vi => format!(
                    "\"{}\" là sản phẩm của nhà sản xuất {p}, không phải {}: không thêm vào phiếu",
                    goods.name,
                    state.producer.trim()
                ),
                Lang::En => format!(
                    "\"{}\" comes from producer {p}, not {}: not added",
                    goods.name,
                    state.producer.trim()
                ),
            };
            self.say(false, text);
            return;
        }
        let qty = match state.lines.iter_mut().find(|l| l.code == goods.code) {
            Some(line) => {
                let next = line
                    .qty
                    .parse::<Qty>()
                    .ok()
                    .and_then(|q| q.checked_add(goods.qty).ok())
                    .unwrap_or(goods.qty);
                line.qty = next.to_string();
                next
            }
            None => {
                state.lines.push(LineForm {
                    code: goods.code.clone(),
                    name: goods.name.clone(),
                    needs_lot: needs_lot(goods.group),
                    qty: goods.qty.to_string(),
                    ..LineForm::default()
                });
                goods.qty
            }
        };
        self.say(true, format!("{}: {qty}", goods.name));
    }

    /// A scanned code while the tab is shown: one more of that product (a scale label adds its
    /// weight).
    pub(crate) fn receiving_scanned(&mut self, code: String) -> Task<Message> {
        // A scan into a focused box also typed its digits there: take them back out.
        for l in &mut self.office.receiving.lines {
            for text in [&mut l.qty, &mut l.cost, &mut l.lot, &mut l.expiry] {
                if let Some(rest) = text.strip_suffix(code.as_str()) {
                    *text = rest.to_owned();
                }
            }
        }
        let rules = self.launch.config.barcode.clone();
        let today = self.now().date_naive();
        self.office_job(
            move |conn| {
                let (goods, qty) = match documents::goods(conn, &code)? {
                    Some(goods) => (Some(goods), Qty::units(1)),
                    // Not a product's own code: maybe a scale label with the weight in it.
                    None => match catalog::resolve(conn, &code, &rules, today) {
                        Ok(r) => (documents::goods(conn, &r.item.code)?, r.qty),
                        Err(_) => (None, Qty::units(1)),
                    },
                };
                let Some(goods) = goods else {
                    return Ok((code, None));
                };
                let producer = catalog::product(conn, &goods.code)?.and_then(|p| p.producer_code);
                Ok((
                    code,
                    Some(Scanned {
                        code: goods.code,
                        name: goods.name,
                        group: goods.ocop_group,
                        producer,
                        qty,
                    }),
                ))
            },
            |(code, found)| wrap(Msg::Found(code, found)),
        )
    }
}
