//! The product form's actions: barcodes added by scan or generated, the save in one transaction,
//! labels into the print queue.

use iced::Task;

use super::{Msg, form, tr, wrap};
use crate::gui::app::{App, Message};
use crate::gui::i18n::Lang;
use crate::store::{catalog, print_jobs};

impl App {
    /// Adds a barcode to the form, or says why not.
    pub(super) fn products_add_barcode(&mut self, code: &str) {
        let lang = self.lang;
        match self.office.products.form.add_barcode(code, lang) {
            Ok(()) => {
                self.office.products.form_error = None;
                let text = match lang {
                    Lang::Vi => format!("Đã thêm mã vạch {} (nhớ bấm Lưu)", code.trim()),
                    Lang::En => format!("Barcode {} added (remember to save)", code.trim()),
                };
                self.say(true, text);
            }
            Err(problem) => {
                self.office.products.form_error = Some(problem.clone());
                self.say(false, problem);
            }
        }
    }

    /// Checks the form and saves the product in one transaction.
    pub(super) fn products_save(&mut self) -> Task<Message> {
        let today = self.now().date_naive();
        let state = &mut self.office.products;
        let codes: Vec<String> = state.producers.iter().map(|p| p.code.clone()).collect();
        match state.form.product(&codes, today, self.lang) {
            Err(problem) => {
                state.form_error = Some(problem.clone());
                self.say(false, problem);
                Task::none()
            }
            Ok(product) => {
                state.form_error = None;
                let new = state.form.is_new();
                let user = self.user.as_ref().map(|u| u.id);
                let at = self.now();
                self.office_job(
                    move |conn| {
                        let written = catalog::save_product(conn, &product, new, user, at)?;
                        Ok((product.code, written))
                    },
                    |(code, written)| wrap(Msg::Saved(code, written)),
                )
            }
        }
    }

    /// After a save: the form shows the product as stored, with a warning if its certificate ends.
    pub(super) fn products_saved(&mut self, code: String, written: bool) -> Task<Message> {
        let lang = self.lang;
        if !written {
            let problem = match lang {
                Lang::Vi => format!("Mã sản phẩm: {code} đã có trong danh mục, hãy chọn mã khác"),
                Lang::En => format!("Product code: {code} is already in the catalogue"),
            };
            self.office.products.form_error = Some(problem.clone());
            self.say(false, problem);
            return Task::none();
        }
        let mut text = match lang {
            Lang::Vi => format!("Đã lưu sản phẩm {code}"),
            Lang::En => format!("Product {code} saved"),
        };
        let warn_days = i64::from(self.launch.config.business.certificate_warn_days);
        if let Some(cert) = self.office.products.form.certificate()
            && let Some(warning) =
                form::certificate_warning(&cert, self.now().date_naive(), warn_days, lang)
        {
            text = format!("{text}. {warning}");
        }
        self.say(true, text);
        let reopen = self.office_job(
            move |conn| Ok((catalog::product(conn, &code)?, code)),
            |(p, code)| wrap(Msg::Opened(code, p.map(Box::new))),
        );
        let reload = self.products_load();
        Task::batch([reopen, reload])
    }

    /// Queues labels of the stored product shown in the form.
    pub(super) fn products_print_labels(&mut self) -> Task<Message> {
        let form = &self.office.products.form;
        let Some(original) = &form.original else {
            let text = tr(
                self.lang,
                "Hãy lưu sản phẩm trước khi in tem",
                "Save the product before printing labels",
            );
            self.say(false, text);
            return Task::none();
        };
        let copies = match form.copies.trim().parse::<u32>() {
            Ok(n) if (1..=100).contains(&n) => n,
            _ => {
                let text = tr(
                    self.lang,
                    "Số tem: nhập từ 1 đến 100",
                    "Labels: type 1 to 100",
                );
                self.say(false, text);
                return Task::none();
            }
        };
        let code = original.code.clone();
        let at = self.now();
        self.office_job(
            move |conn| print_jobs::labels(conn, &code, copies, at),
            move |id| wrap(Msg::LabelsQueued(id, copies)),
        )
    }
}
