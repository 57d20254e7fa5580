//! Sales reports for a period by day, product, producer, OCOP group, star, payment method, clerk
//! and hour, with a bar chart and exports to CSV or Excel in the data folder (with a progress bar).

pub mod chart;
pub mod export;
mod view;

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use iced::Task;

use crate::export::Format;
use crate::gui::app::{App, Message};
use crate::gui::i18n::Lang;
use crate::store::sales_report::{self, By, Period, SalesReport};
pub use export::Step;

pub use view::view;

/// Rows shown at once; "more" shows the next page.
pub const PAGE: usize = 50;

/// An export under way or done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Export {
    /// Under way: the file's format and how far it got.
    Running(Format, Step),
    /// Written: the file and its rows (the totals row included).
    Done(PathBuf, usize),
}

/// What the tab keeps while the back office is open.
#[derive(Debug, Default)]
pub struct State {
    /// First date as typed (dd/mm/yyyy).
    pub from: String,
    /// Last date as typed.
    pub to: String,
    /// The breakdown.
    pub by: Option<By>,
    /// The report shown.
    pub report: Option<Arc<SalesReport>>,
    /// Rows shown.
    pub shown: usize,
    /// The last export.
    pub export: Option<Export>,
}

/// What the tab reacts to.
#[derive(Debug, Clone)]
pub enum Msg {
    /// Load the tab's data again.
    Refresh,
    /// The first date changed.
    FromInput(String),
    /// The last date changed.
    ToInput(String),
    /// Choose a breakdown (and show it).
    Breakdown(By),
    /// This month so far.
    ThisMonth,
    /// Last month.
    LastMonth,
    /// Show the report for the dates typed.
    Show,
    /// The report came back.
    Loaded(Arc<SalesReport>),
    /// Show more rows.
    More,
    /// Export the report shown.
    Export(Format),
    /// The export in this format got one step further.
    Progress(Format, Step),
    /// The export finished: the file and its rows, or why it failed.
    Exported(Result<(PathBuf, usize), String>),
    /// The export's thread is gone: if no outcome came, the export failed.
    ExportEnded,
}

/// Reads a date typed as `dd/mm/yyyy` (or `yyyy-mm-dd`).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
        .ok()
}

fn shown(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

fn bad_date(lang: Lang, which: &str, typed: &str) -> String {
    match lang {
        Lang::Vi => format!(
            "{which} \"{typed}\" không hợp lệ: nhập theo dạng ngày/tháng/năm, ví dụ 05/11/2026"
        ),
        Lang::En => {
            format!("{which} \"{typed}\" is not a date: type day/month/year, e.g. 05/11/2026")
        }
    }
}

impl App {
    /// The tab was shown: this month so far by day, unless a period was already chosen.
    pub(crate) fn reports_opened(&mut self) -> Task<Message> {
        if self.office.reports.from.is_empty() {
            self.set_this_month();
        }
        self.reports_show()
    }

    fn set_this_month(&mut self) {
        let today = self.now().date_naive();
        let first = today.with_day(1).unwrap_or(today);
        let state = &mut self.office.reports;
        state.from = shown(first);
        state.to = shown(today);
    }

    /// The period typed, or the notice saying what is wrong with it.
    fn reports_period(&mut self) -> Option<Period> {
        let lang = self.lang;
        let (from_word, to_word) = match lang {
            Lang::Vi => ("Ngày bắt đầu", "Ngày kết thúc"),
            Lang::En => ("The first date", "The last date"),
        };
        let state = &self.office.reports;
        let Some(from) = parse_date(&state.from) else {
            let msg = bad_date(lang, from_word, &state.from);
            self.say(false, msg);
            return None;
        };
        let Some(to) = parse_date(&state.to) else {
            let msg = bad_date(lang, to_word, &state.to);
            self.say(false, msg);
            return None;
        };
        match Period::new(from, to) {
            Ok(period) => Some(period),
            Err(err) => {
                self.say(false, crate::gui::i18n::errors::period(&err, lang));
                None
            }
        }
    }

    fn reports_show(&mut self) -> Task<Message> {
        let Some(period) = self.reports_period() else {
            return Task::none();
        };
        let by = self.office.reports.by.unwrap_or(By::Day);
        self.office_job(
            move |conn| sales_report::sales(conn, by, period),
            |report| super::Msg::Reports(Msg::Loaded(Arc::new(report))),
        )
    }

    /// A message of the tab.
    pub(crate) fn reports_msg(&mut self, msg: Msg) -> Task<Message> {
        match msg {
            Msg::Refresh | Msg::Show => self.reports_show(),
            Msg::FromInput(text) => {
                self.office.reports.from = text;
                Task::none()
            }
            Msg::ToInput(text) => {
                self.office.reports.to = text;
                Task::none()
            }
            Msg::Breakdown(by) => {
                self.office.reports.by = Some(by);
                self.reports_show()
            }
            Msg::ThisMonth => {
                self.set_this_month();
                self.reports_show()
            }
            Msg::LastMonth => {
                let today = self.now().date_naive();
                let first = today.with_day(1).unwrap_or(today);
                let last = first.pred_opt().unwrap_or(first);
                let state = &mut self.office.reports;
                state.from = shown(last.with_day(1).unwrap_or(last));
                state.to = shown(last);
                self.reports_show()
            }
            Msg::Loaded(report) => {
                self.notice = None;
                let state = &mut self.office.reports;
                state.shown = PAGE.min(report.rows.len());
                state.by = Some(report.by);
                state.report = Some(report);
                Task::none()
            }
            Msg::More => {
                let state = &mut self.office.reports;
                let rows = state.report.as_ref().map_or(0, |r| r.rows.len());
                state.shown = (state.shown + PAGE).min(rows);
                Task::none()
            }
            Msg::Export(format) => self.reports_export(format),
            Msg::Progress(format, step) => {
                // Steps come before their outcome, and one export runs at a time.
                self.office.reports.export = Some(Export::Running(format, step));
                Task::none()
            }
            Msg::Exported(result) => {
                self.reports_exported(result);
                Task::none()
            }
            Msg::ExportEnded => {
                if matches!(self.office.reports.export, Some(Export::Running(..))) {
                    self.office.reports.export = None;
                    let text = match self.lang {
                        Lang::Vi => "Xuất tệp bị dừng giữa chừng; không có tệp nào được ghi",
                        Lang::En => "The export stopped half-way; no file was written",
                    };
                    self.say(false, text);
                }
                Task::none()
            }
        }
    }

    fn reports_exported(&mut self, result: Result<(PathBuf, usize), String>) {
        match result {
            Ok((path, rows)) => {
                let text = match self.lang {
                    Lang::Vi => format!(
                        "Đã xuất {} dòng vào {}",
                        count(rows, self.lang),
                        path.display()
                    ),
                    Lang::En => format!(
                        "Exported {} rows to {}",
                        count(rows, self.lang),
                        path.display()
                    ),
                };
                self.office.reports.export = Some(Export::Done(path, rows));
                self.say(true, text);
            }
            Err(why) => {
                self.office.reports.export = None;
                self.say(false, why);
            }
        }
    }

    /// Writes the report of the period typed to `exports/` in the data folder: read on the
    /// database worker, written on a thread of its own, each step shown as it comes.
    fn reports_export(&mut self, format: Format) -> Task<Message> {
        if matches!(self.office.reports.export, Some(Export::Running(..))) {
            return Task::none();
        }
        let Some(period) = self.reports_period() else {
            return Task::none();
        };
        let by = self.office.reports.by.unwrap_or(By::Day);
        let ext = extension(format);
        let file = self.launch.data_dir.join("exports").join(format!(
            "bao-cao-{}-{}-{}.{ext}",
            by.as_str(),
            period.from(),
            period.to()
        ));
        let job = export::Job {
            by,
            period,
            format,
            file,
        };
        self.office.reports.export = Some(Export::Running(format, Step::Reading));
        if self.inline {
            for msg in export::inline(&self.db, &job, self.lang) {
                let _ = self.reports_msg(msg);
            }
            return Task::none();
        }
        export::start(self.db.clone(), job, self.lang)
    }
}

/// The file extension of an export in `format`.
pub fn extension(format: Format) -> &'static str {
    match format {
        Format::Xlsx => "xlsx",
        Format::Csv => "csv",
        Format::Json => "json",
        Format::Text => "txt",
    }
}

/// A count with separators between thousands: `4.000` in Vietnamese, `4,000` in English.
pub fn count(n: usize, lang: Lang) -> String {
    let grouped = crate::domain::money::Vnd(i64::try_from(n).unwrap_or(i64::MAX)).grouped();
    match lang {
        Lang::Vi => grouped,
        Lang::En => grouped.replace('.', ","),
    }
}
