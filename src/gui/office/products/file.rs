//! The catalogue as a CSV file: a preview of every bad row before an import writes anything, the
//! import itself (audited by the store), and an export to a file the manager names.

use std::path::PathBuf;
use std::sync::Arc;

use iced::Task;

use super::{Msg, Pane, wrap};
use crate::gui::app::{App, Message};
use crate::gui::i18n::Lang;
use crate::store::backup::io;
use crate::store::catalog_export;
use crate::store::catalog_import::{self, ImportMode};

impl App {
    /// A path typed in the window: as is when absolute, else inside the data folder.
    fn products_path(&self, typed: &str) -> PathBuf {
        let path = PathBuf::from(typed.trim());
        if path.is_absolute() {
            path
        } else {
            self.launch.data_dir.join(path)
        }
    }

    /// Import and export messages.
    pub(super) fn products_file_msg(&mut self, msg: Msg) -> Task<Message> {
        let lang = self.lang;
        match msg {
            Msg::ImportPath(path) => {
                let state = &mut self.office.products;
                state.import_path = path;
                state.preview = None;
            }
            Msg::Preview => {
                self.office.products.preview = None;
                let path = self.products_path(&self.office.products.import_path);
                return self.office_job(
                    move |conn| {
                        let bytes = std::fs::read(&path).map_err(io(&path))?;
                        catalog_import::preview(conn, &bytes)
                    },
                    |p| wrap(Msg::Previewed(Arc::new(p))),
                );
            }
            Msg::Previewed(preview) => {
                let good = preview.new + preview.existing;
                let text = match lang {
                    Lang::Vi => format!(
                        "Đã kiểm tra tệp, chưa ghi gì: {good} dòng tốt ({} mới, {} cập nhật), {} dòng lỗi",
                        preview.new, preview.existing, preview.bad_rows
                    ),
                    Lang::En => format!(
                        "File checked, nothing written: {good} good rows ({} new, {} updated), {} bad rows",
                        preview.new, preview.existing, preview.bad_rows
                    ),
                };
                self.say(preview.bad_rows == 0, text);
                self.office.products.preview = Some(Arc::unwrap_or_clone(preview));
            }
            Msg::Import(skip_bad) => {
                let path = self.products_path(&self.office.products.import_path);
                let user = self.user.as_ref().map(|u| u.id);
                let now = self.now();
                let mode = if skip_bad {
                    ImportMode::SkipBadRows
                } else {
                    ImportMode::Strict
                };
                return self.office_job(
                    move |conn| {
                        let bytes = std::fs::read(&path).map_err(io(&path))?;
                        catalog_import::import(conn, &bytes, mode, user, now)
                    },
                    |r| wrap(Msg::Imported(Arc::new(r))),
                );
            }
            Msg::Imported(report) => {
                let text = match lang {
                    Lang::Vi => format!(
                        "Đã nhập danh mục: {} sản phẩm mới, {} cập nhật, {} dòng lỗi bỏ qua",
                        report.added,
                        report.updated,
                        report.skipped.len()
                    ),
                    Lang::En => format!(
                        "Catalogue imported: {} new, {} updated, {} bad rows left out",
                        report.added,
                        report.updated,
                        report.skipped.len()
                    ),
                };
                self.say(true, text);
                self.office.products.preview = None;
                return self.products_load();
            }
            Msg::ExportPath(path) => self.office.products.export_path = path,
            Msg::Export => {
                let path = self.products_path(&self.office.products.export_path);
                return self.office_job(
                    move |conn| {
                        let file = std::fs::File::create(&path).map_err(io(&path))?;
                        let rows = catalog_export::export(conn, std::io::BufWriter::new(file))?;
                        Ok((rows, path.display().to_string()))
                    },
                    |(rows, path)| wrap(Msg::Exported(rows, path)),
                );
            }
            Msg::Exported(rows, path) => {
                let text = match lang {
                    Lang::Vi => format!("Đã xuất {rows} sản phẩm vào {path}"),
                    Lang::En => format!("{rows} products exported to {path}"),
                };
                self.say(true, text);
                self.office.products.exported = Some(path);
                self.office.products.pane = Pane::Files;
            }
            _ => {}
        }
        Task::none()
    }
}
