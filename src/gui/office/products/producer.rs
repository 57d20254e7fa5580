//! A producer added or corrected from the producers list: code, name, legal form, commune and
//! tax code, each checked with a message naming the field.

use iced::Task;

use super::{Msg, tr, wrap};
use crate::domain::catalog::{self, Producer, ProducerKind};
use crate::gui::app::{App, Message};
use crate::gui::i18n::Lang;
use crate::store::catalog as store_catalog;

/// A text field of the producer form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProducerField {
    /// Code.
    Code,
    /// Name.
    Name,
    /// 5-digit commune code.
    Commune,
    /// Tax code.
    TaxCode,
}

/// The producer form as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProducerForm {
    /// Editing a stored producer (its code cannot change).
    pub stored: bool,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Legal form.
    pub kind: ProducerKind,
    /// Commune code.
    pub commune: String,
    /// Tax code.
    pub tax_code: String,
}

impl ProducerForm {
    /// An empty form: a cooperative.
    pub fn new() -> ProducerForm {
        ProducerForm {
            stored: false,
            code: String::new(),
            name: String::new(),
            kind: ProducerKind::Htx,
            commune: String::new(),
            tax_code: String::new(),
        }
    }

    /// The text of `field`.
    pub fn get_mut(&mut self, field: ProducerField) -> &mut String {
        match field {
            ProducerField::Code => &mut self.code,
            ProducerField::Name => &mut self.name,
            ProducerField::Commune => &mut self.commune,
            ProducerField::TaxCode => &mut self.tax_code,
        }
    }

    /// The producer described, or the first problem, naming its field.
    pub fn producer(&self, lang: Lang) -> Result<Producer, String> {
        let say = |field_vi: &str, field_en: &str, vi: String, en: String| match lang {
            Lang::Vi => format!("{field_vi}: {vi}"),
            Lang::En => format!("{field_en}: {en}"),
        };
        let code = self.code.trim();
        if !catalog::valid_code(code) {
            return Err(say(
                "Mã nhà sản xuất",
                "Producer code",
                "1–32 ký tự chữ in hoa không dấu, số, '-', '_' hoặc '.' (ví dụ HTX-ZARA)".into(),
                "1–32 upper-case letters, digits, '-', '_' or '.' (e.g. HTX-ZARA)".into(),
            ));
        }
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 160 {
            return Err(say(
                "Tên nhà sản xuất",
                "Producer name",
                "cần từ 1 đến 160 ký tự".into(),
                "1 to 160 characters needed".into(),
            ));
        }
        let commune = self.commune.trim();
        if !(commune.is_empty()
            || commune.len() == 5 && commune.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(say(
                "Mã xã",
                "Commune code",
                format!("\"{commune}\" phải có 5 chữ số (để trống nếu chưa biết)"),
                format!("\"{commune}\" must have 5 digits (empty if unknown)"),
            ));
        }
        let tax = self.tax_code.trim();
        if !(tax.is_empty() || catalog::valid_tax_code(tax)) {
            return Err(say(
                "Mã số thuế",
                "Tax code",
                format!("\"{tax}\" phải có 10, 12 hoặc 13 chữ số (hoặc dạng 0123456789-001)"),
                format!("\"{tax}\" must have 10, 12 or 13 digits (or 0123456789-001)"),
            ));
        }
        Ok(Producer {
            code: code.to_owned(),
            name: name.to_owned(),
            kind: self.kind,
            commune_code: commune.to_owned(),
            tax_code: tax.to_owned(),
        })
    }
}

impl Default for ProducerForm {
    fn default() -> Self {
        ProducerForm::new()
    }
}

impl App {
    /// Checks the producer form and saves it.
    pub(super) fn products_save_producer(&mut self) -> Task<Message> {
        let Some(form) = &self.office.products.producer_form else {
            return Task::none();
        };
        let stored = form.stored;
        match form.producer(self.lang) {
            Err(problem) => {
                self.say(false, problem);
                Task::none()
            }
            Ok(producer) => self.office_job(
                move |conn| {
                    let written = store_catalog::save_producer(conn, &producer, !stored)?;
                    Ok((producer.code, written))
                },
                |(code, written)| wrap(Msg::ProducerSaved(code, written)),
            ),
        }
    }

    /// After a producer save: the list again, or why not.
    pub(super) fn products_producer_saved(&mut self, code: String, written: bool) -> Task<Message> {
        if !written {
            let text = match self.lang {
                Lang::Vi => format!("Mã nhà sản xuất: {code} đã có, hãy chọn mã khác"),
                Lang::En => format!("Producer code: {code} is already taken"),
            };
            self.say(false, text);
            return Task::none();
        }
        self.office.products.producer_form = None;
        let text = match self.lang {
            Lang::Vi => format!("Đã lưu nhà sản xuất {code}"),
            Lang::En => format!("Producer {code} saved"),
        };
        self.say(true, text);
        self.products_msg(Msg::Refresh)
    }

    /// Opens the form on a stored producer.
    pub(super) fn products_edit_producer(&mut self, code: &str) {
        let state = &mut self.office.products;
        let found = state.producers.iter().find(|p| p.code == code).cloned();
        if let Some(p) = found {
            state.producer_form = Some(ProducerForm {
                stored: true,
                code: p.code,
                name: p.name,
                kind: p.kind,
                commune: p.commune_code,
                tax_code: p.tax_code,
            });
        } else {
            let text = tr(self.lang, "Không tìm thấy nhà sản xuất", "No such producer");
            self.say(false, text);
        }
    }
}
