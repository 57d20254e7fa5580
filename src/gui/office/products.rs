//! Products and producers: a searchable list, the edit form with OCOP data, barcodes and labels, CSV import with a preview, export.

mod edit;
pub mod file;
pub mod form;
pub mod producer;
mod view;

use std::sync::Arc;

use iced::Task;

use crate::domain::catalog::Product;
use crate::gui::app::{App, Message};
use crate::gui::i18n::Lang;
use crate::gui::keys::Press;
use crate::gui::office::Msg as OfficeMsg;
use crate::store::catalog;
use crate::store::catalog::listing::{self, ProducerRow, ProductRow};
use crate::store::catalog_import::{ImportReport, Preview};
pub use form::{Field, Form};
pub use producer::{ProducerField, ProducerForm};
pub use view::view;

/// Rows the list shows at most: enough to pick from, few enough to stay instant.
pub const PAGE: usize = 50;

/// What the tab shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    /// The product list.
    #[default]
    List,
    /// The edit form.
    Form,
    /// The producers.
    Producers,
    /// CSV import and export.
    Files,
}

/// What the tab keeps while the back office is open.
#[derive(Debug, Default)]
pub struct State {
    /// What is shown.
    pub pane: Pane,
    /// The search typed.
    pub query: String,
    /// Only the products of this producer (code, name).
    pub producer: Option<(String, String)>,
    /// The rows shown.
    pub rows: Vec<ProductRow>,
    /// Products in the catalogue.
    pub total: i64,
    /// The producers.
    pub producers: Vec<ProducerRow>,
    /// The form.
    pub form: Form,
    /// Why the form was refused last.
    pub form_error: Option<String>,
    /// The CSV file to import.
    pub import_path: String,
    /// What importing it would do.
    pub preview: Option<Preview>,
    /// The file to export to.
    pub export_path: String,
    /// The file last exported.
    pub exported: Option<String>,
    /// The producer being added or corrected.
    pub producer_form: Option<ProducerForm>,
}

/// A page of the list, for the search it answers.
#[derive(Debug, Clone)]
pub struct Listing {
    /// The search.
    pub query: String,
    /// The producer filter.
    pub producer: Option<String>,
    /// The rows.
    pub rows: Vec<ProductRow>,
    /// Products in the catalogue and the producers (not read again for each key of a search).
    pub totals: Option<(i64, Vec<ProducerRow>)>,
}

/// What the tab reacts to.
#[derive(Debug, Clone)]
pub enum Msg {
    /// Load the tab's data again.
    Refresh,
    /// The list came back.
    Loaded(Arc<Listing>),
    /// The search box changed.
    Search(String),
    /// Show the product list (all producers).
    ShowList,
    /// Show the producers.
    ShowProducers,
    /// Show CSV import and export.
    ShowFiles,
    /// List the products of a producer (code, name).
    PickProducer(String, String),
    /// A new product.
    New,
    /// Open the product with this code.
    Edit(String),
    /// The product to edit came back (None: it is gone).
    Opened(String, Option<Box<Product>>),
    /// A form field changed.
    Input(Field, String),
    /// Sold by weight, or by the piece.
    ToggleWeight,
    /// On sale, or not.
    ToggleActive,
    /// Add the barcode typed.
    AddBarcode,
    /// Remove a barcode from the form.
    RemoveBarcode(usize),
    /// Ask for the next free in-store code.
    GenerateCode,
    /// A free in-store code came back.
    Generated(String),
    /// Check and save the form.
    Save,
    /// The save came back: whether it was written (false: the code is taken).
    Saved(String, bool),
    /// Queue labels of the product shown.
    PrintLabels,
    /// Labels were queued as this print job.
    LabelsQueued(i64, u32),
    /// Close the form.
    CloseForm,
    /// The import path changed.
    ImportPath(String),
    /// Check the file without writing.
    Preview,
    /// What importing would do.
    Previewed(Arc<Preview>),
    /// Import the file; `true` leaves bad rows out.
    Import(bool),
    /// The import came back.
    Imported(Arc<ImportReport>),
    /// The export path changed.
    ExportPath(String),
    /// Write the catalogue to the export path.
    Export,
    /// Rows written, to this file.
    Exported(usize, String),
    /// A new producer.
    NewProducer,
    /// Correct the producer with this code.
    EditProducer(String),
    /// A producer field changed.
    ProducerInput(ProducerField, String),
    /// The producer's legal form.
    ProducerKind(crate::domain::catalog::ProducerKind),
    /// Check and save the producer.
    SaveProducer,
    /// The producer save came back: whether it was written (false: the code is taken).
    ProducerSaved(String, bool),
    /// Close the producer form.
    CloseProducer,
}

/// `vi` or `en` by the window's language.
pub(crate) fn tr(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

fn wrap(msg: Msg) -> OfficeMsg {
    OfficeMsg::Products(msg)
}

impl App {
    /// The tab was shown.
    pub(crate) fn products_opened(&mut self) -> Task<Message> {
        self.products_load()
    }

    /// Loads the page for the current search or producer, the product count and the producers.
    fn products_load(&mut self) -> Task<Message> {
        self.products_page(true)
    }

    /// Loads the page for the current search or producer; with `totals`, the product count and
    /// the producers too.
    fn products_page(&mut self, totals: bool) -> Task<Message> {
        let state = &self.office.products;
        let query = state.query.clone();
        let producer = state.producer.as_ref().map(|(code, _)| code.clone());
        self.office_job(
            move |conn| {
                Ok(Listing {
                    rows: listing::products(conn, &query, producer.as_deref(), PAGE)?,
                    totals: if totals {
                        Some((listing::product_count(conn)?, listing::producer_rows(conn)?))
                    } else {
                        None
                    },
                    query,
                    producer,
                })
            },
            |l| wrap(Msg::Loaded(Arc::new(l))),
        )
    }

    /// A message of the tab.
    pub(crate) fn products_msg(&mut self, msg: Msg) -> Task<Message> {
        let today = self.now().date_naive();
        let state = &mut self.office.products;
        match msg {
            Msg::Refresh => return self.products_load(),
            Msg::Loaded(listing) => {
                let current = state.producer.as_ref().map(|(c, _)| c.clone());
                let listing = Arc::unwrap_or_clone(listing);
                // The count and producers hold whatever the search; the rows of an older search
                // are dropped: a newer answer is on its way.
                if let Some((total, producers)) = listing.totals {
                    state.total = total;
                    state.producers = producers;
                }
                if listing.query == state.query && listing.producer == current {
                    state.rows = listing.rows;
                }
            }
            Msg::Search(query) => {
                state.query = query;
                state.producer = None;
                state.pane = Pane::List;
                return self.products_page(false);
            }
            Msg::ShowList => {
                state.pane = Pane::List;
                state.producer = None;
                return self.products_load();
            }
            Msg::ShowProducers => state.pane = Pane::Producers,
            Msg::ShowFiles => {
                state.pane = Pane::Files;
                if state.export_path.is_empty() {
                    let name = format!("danh-muc-{}.csv", self.now().format("%Y%m%d"));
                    let path = self.launch.data_dir.join(name);
                    self.office.products.export_path = path.display().to_string();
                }
            }
            Msg::PickProducer(code, name) => {
                state.producer = Some((code, name));
                state.query.clear();
                state.pane = Pane::List;
                return self.products_load();
            }
            Msg::New => {
                state.form = Form::new_product();
                state.form_error = None;
                state.pane = Pane::Form;
            }
            Msg::Edit(code) => {
                return self.office_job(
                    move |conn| Ok((catalog::product(conn, &code)?, code)),
                    |(p, code)| wrap(Msg::Opened(code, p.map(Box::new))),
                );
            }
            Msg::Opened(code, product) => match product {
                Some(product) => {
                    state.form = Form::of(*product, today);
                    state.form_error = None;
                    state.pane = Pane::Form;
                }
                None => {
                    let text = match self.lang {
                        Lang::Vi => format!("Không tìm thấy sản phẩm {code}"),
                        Lang::En => format!("No product {code}"),
                    };
                    self.say(false, text);
                }
            },
            Msg::Input(field, value) => *state.form.get_mut(field) = value,
            Msg::ToggleWeight => state.form.by_weight = !state.form.by_weight,
            Msg::ToggleActive => state.form.active = !state.form.active,
            Msg::AddBarcode => {
                let typed = std::mem::take(&mut state.form.barcode);
                self.products_add_barcode(&typed);
            }
            Msg::RemoveBarcode(at) => {
                if at < state.form.barcodes.len() {
                    state.form.barcodes.remove(at);
                }
            }
            Msg::GenerateCode => {
                let prefix = self.launch.config.barcode.internal_prefix;
                return self.office_job(
                    move |conn| catalog::next_internal_code(conn, prefix),
                    |code| wrap(Msg::Generated(code)),
                );
            }
            Msg::Generated(code) => self.products_add_barcode(&code),
            Msg::Save => return self.products_save(),
            Msg::Saved(code, written) => return self.products_saved(code, written),
            Msg::PrintLabels => return self.products_print_labels(),
            Msg::LabelsQueued(id, copies) => {
                self.wake_printer();
                let text = match self.lang {
                    Lang::Vi => format!("Đã gửi {copies} tem vào hàng đợi in (lệnh số {id})"),
                    Lang::En => format!("{copies} labels queued for printing (job {id})"),
                };
                self.say(true, text);
            }
            Msg::CloseForm => {
                state.pane = Pane::List;
                state.form_error = None;
                return self.products_load();
            }
            Msg::NewProducer => state.producer_form = Some(ProducerForm::new()),
            Msg::EditProducer(code) => self.products_edit_producer(&code),
            Msg::ProducerInput(field, value) => {
                if let Some(form) = &mut state.producer_form {
                    *form.get_mut(field) = value;
                }
            }
            Msg::ProducerKind(kind) => {
                if let Some(form) = &mut state.producer_form {
                    form.kind = kind;
                }
            }
            Msg::SaveProducer => return self.products_save_producer(),
            Msg::ProducerSaved(code, written) => {
                return self.products_producer_saved(code, written);
            }
            Msg::CloseProducer => state.producer_form = None,
            other => return self.products_file_msg(other),
        }
        Task::none()
    }

    /// A key while the tab is shown.
    pub(crate) fn products_key(&mut self, press: Press) -> Task<Message> {
        match (self.office.products.pane, press) {
            (Pane::Form, Press::F(2)) => self.products_msg(Msg::Save),
            _ => Task::none(),
        }
    }

    /// A scanned code while the tab is shown: onto the form's barcodes when a form is open, else
    /// it opens the product that has it.
    pub(crate) fn products_scanned(&mut self, code: String) -> Task<Message> {
        let state = &mut self.office.products;
        // A scan into the focused box also typed its digits there: take them back out.
        for field in [Field::Barcode, Field::Code, Field::Name, Field::Price] {
            let text = state.form.get_mut(field);
            if let Some(rest) = text.strip_suffix(code.as_str()) {
                *text = rest.to_owned();
            }
        }
        if let Some(rest) = state.query.strip_suffix(code.as_str()) {
            state.query = rest.to_owned();
        }
        if state.pane == Pane::Form {
            self.products_add_barcode(&code);
            return Task::none();
        }
        self.office_job(
            move |conn| {
                let found = crate::store::documents::goods(conn, &code)?;
                match found {
                    Some(goods) => Ok((catalog::product(conn, &goods.code)?, goods.code)),
                    None => Ok((None, code)),
                }
            },
            |(p, code)| wrap(Msg::Opened(code, p.map(Box::new))),
        )
    }
}
