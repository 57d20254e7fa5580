//! Consignment: a producer's statement for a period, printed on the receipt printer, exported to
//! CSV or XLSX, and marked settled.

mod view;

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use iced::Task;

pub use view::view;

use super::Msg as OfficeMsg;
use super::stock::w;
use crate::domain::auth::Approval;
use crate::export::Format;
use crate::gui::app::{App, Message};
use crate::gui::i18n::{Lang, errors};
use crate::store::consignment::{self, Settlement, Statement};
use crate::store::print_jobs;

/// What the tab keeps while the back office is open.
#[derive(Debug, Default)]
pub struct State {
    /// Producers with consigned goods: (code, name).
    pub producers: Vec<(String, String)>,
    /// The producer's code, as typed or picked.
    pub producer: String,
    /// First day of the period, as typed.
    pub from: String,
    /// Last day of the period, as typed.
    pub to: String,
    /// The statement shown.
    pub statement: Option<Arc<Statement>>,
    /// The producer's settlements, latest first.
    pub settlements: Vec<Settlement>,
    /// Where to export (empty: a file named after the statement in the data folder).
    pub path: String,
    /// The last file exported.
    pub exported: Option<PathBuf>,
}

/// What the tab reacts to.
#[derive(Debug, Clone)]
pub enum Msg {
    /// Load the tab's data again.
    Refresh,
    /// Producers with consigned goods.
    Producers(Vec<(String, String)>),
    /// A producer picked or typed.
    Producer(String),
    /// First day typed.
    From(String),
    /// Last day typed.
    To(String),
    /// Show the statement.
    Show,
    /// The statement and the producer's settlements.
    Shown(Arc<Statement>, Vec<Settlement>),
    /// Print the statement shown on the receipt printer.
    Print,
    /// The print job was queued.
    Printed(i64),
    /// Export path typed.
    Path(String),
    /// Export the statement shown.
    Export(ExportAs),
    /// Exported: where, or why not.
    Exported(Result<PathBuf, String>),
    /// Mark the period settled.
    Settle,
    /// Settled; the statement kept and the settlements now.
    Settled(Settlement, Arc<Statement>, Vec<Settlement>),
}

/// The spreadsheet formats offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportAs {
    /// CSV.
    Csv,
    /// Excel.
    Xlsx,
}

fn wrap(msg: Msg) -> OfficeMsg {
    OfficeMsg::Consignment(msg)
}

/// Reads a date typed as 31/12/2026 (or 2026-12-31).
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
        .ok()
}

fn bad_day(lang: Lang, which: &str, typed: &str) -> String {
    match lang {
        Lang::Vi => {
            format!("{which} \"{typed}\" không hợp lệ: nhập dạng ngày/tháng/năm, ví dụ 31/10/2026")
        }
        Lang::En => {
            format!("{which} \"{typed}\" is not a date: type day/month/year, e.g. 31/10/2026")
        }
    }
}

impl App {
    /// The tab was shown: the producers, and last month as the period.
    pub(crate) fn consignment_opened(&mut self) -> Task<Message> {
        let today = self.now().date_naive();
        let s = &mut self.office.consignment;
        if s.from.is_empty() && s.to.is_empty() {
            let first = today.with_day(1).unwrap_or(today);
            let last = first.pred_opt().unwrap_or(first);
            s.from = last
                .with_day(1)
                .unwrap_or(last)
                .format("%d/%m/%Y")
                .to_string();
            s.to = last.format("%d/%m/%Y").to_string();
        }
        self.office_job(
            |conn| consignment::producers_with_consignment(conn),
            |list| wrap(Msg::Producers(list)),
        )
    }

    /// A message of the tab.
    pub(crate) fn consignment_msg(&mut self, msg: Msg) -> Task<Message> {
        let lang = self.lang;
        let s = &mut self.office.consignment;
        match msg {
            Msg::Refresh => return self.consignment_opened(),
            Msg::Producers(list) => s.producers = list,
            Msg::Producer(code) => {
                s.producer = code.to_uppercase();
                s.statement = None;
            }
            Msg::From(v) => s.from = v,
            Msg::To(v) => s.to = v,
            Msg::Show => return self.consignment_show(),
            Msg::Shown(statement, settlements) => {
                s.statement = Some(statement);
                s.settlements = settlements;
                s.exported = None;
            }
            Msg::Print => {
                let Some(statement) = s.statement.clone() else {
                    return Task::none();
                };
                let at = self.now();
                return self.office_job(
                    move |conn| print_jobs::consignment_statement(conn, &statement, at),
                    |id| wrap(Msg::Printed(id)),
                );
            }
            Msg::Printed(id) => {
                self.wake_printer();
                self.say(
                    true,
                    format!(
                        "{} (#{id})",
                        w(
                            lang,
                            "Đã gửi bảng kê tới máy in",
                            "The statement was sent to the printer"
                        )
                    ),
                );
            }
            Msg::Path(v) => s.path = v,
            Msg::Export(format) => return self.consignment_export(format),
            Msg::Exported(result) => match result {
                Ok(path) => {
                    let text = format!(
                        "{}: {}",
                        w(lang, "Đã xuất bảng kê ra tệp", "Statement exported to"),
                        path.display()
                    );
                    s.exported = Some(path);
                    self.say(true, text);
                }
                Err(why) => self.say(false, why),
            },
            Msg::Settle => return self.consignment_settle(),
            Msg::Settled(settled, statement, list) => {
                s.statement = Some(statement);
                s.settlements = list;
                self.say(
                    true,
                    format!(
                        "{} {} {} – {}: {}",
                        w(
                            lang,
                            "Đã ghi nhận thanh toán ký gửi",
                            "Consignment settled for"
                        ),
                        settled.producer_code,
                        settled.from.format("%d/%m/%Y"),
                        settled.to.format("%d/%m/%Y"),
                        settled.amount
                    ),
                );
            }
        }
        Task::none()
    }

    /// The producer and period typed, or the notice saying what is wrong.
    fn consignment_period(&mut self) -> Option<(String, NaiveDate, NaiveDate)> {
        let lang = self.lang;
        let s = &self.office.consignment;
        let producer = s.producer.trim().to_owned();
        if producer.is_empty() {
            self.say(
                false,
                w(
                    lang,
                    "Chọn hoặc nhập mã nhà sản xuất",
                    "Pick or type a producer code",
                ),
            );
            return None;
        }
        let Some(from) = parse_day(&s.from) else {
            let text = bad_day(lang, w(lang, "Ngày bắt đầu", "First day"), &s.from);
            self.say(false, text);
            return None;
        };
        let Some(to) = parse_day(&s.to) else {
            let text = bad_day(lang, w(lang, "Ngày kết thúc", "Last day"), &s.to);
            self.say(false, text);
            return None;
        };
        if from > to {
            self.say(
                false,
                w(
                    lang,
                    "Kỳ đối soát không hợp lệ: ngày bắt đầu sau ngày kết thúc",
                    "The period starts after it ends",
                ),
            );
            return None;
        }
        Some((producer, from, to))
    }

    fn consignment_show(&mut self) -> Task<Message> {
        let Some((producer, from, to)) = self.consignment_period() else {
            return Task::none();
        };
        self.office_job(
            move |conn| {
                let statement = consignment::statement(conn, &producer, from, to)?;
                Ok((
                    Arc::new(statement),
                    consignment::settlements(conn, &producer)?,
                ))
            },
            |(statement, list)| wrap(Msg::Shown(statement, list)),
        )
    }

    fn consignment_export(&mut self, format: ExportAs) -> Task<Message> {
        let Some(statement) = self.office.consignment.statement.clone() else {
            return Task::none();
        };
        let typed = self.office.consignment.path.trim().to_owned();
        let (ext, format) = match format {
            ExportAs::Csv => ("csv", Format::Csv),
            ExportAs::Xlsx => ("xlsx", Format::Xlsx),
        };
        let path = if typed.is_empty() {
            self.launch.data_dir.join(format!(
                "bang-ke-ky-gui-{}-{}-{}.{ext}",
                statement.producer_code, statement.from, statement.to
            ))
        } else {
            PathBuf::from(typed)
        };
        let lang = self.lang;
        self.office_job(
            move |_conn| {
                let mut bytes = Vec::new();
                let written = statement
                    .table()
                    .write(format, &mut bytes)
                    .map_err(|e| errors::export(&e, lang))
                    // Whole or not at all: a half-written statement must not look finished.
                    .and_then(|()| {
                        crate::export::write_whole(&path, &bytes)
                            .map_err(|e| errors::export(&e, lang))
                    })
                    .map(|()| path);
                Ok(written)
            },
            |written| wrap(Msg::Exported(written)),
        )
    }

    fn consignment_settle(&mut self) -> Task<Message> {
        let Some((producer, from, to)) = self.consignment_period() else {
            return Task::none();
        };
        let Some(user) = self.user.as_ref().map(|u| u.id) else {
            return Task::none();
        };
        // The manager is the one logged in: the back office is refused to anyone else.
        let approval = Approval::new(user);
        let at = self.now();
        self.office_job(
            move |conn| {
                let (settled, statement) =
                    consignment::settle(conn, &producer, from, to, user, approval, at)?;
                Ok((
                    settled,
                    Arc::new(statement),
                    consignment::settlements(conn, &producer)?,
                ))
            },
            |(settled, statement, list)| wrap(Msg::Settled(settled, statement, list)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_read_the_vietnamese_way_or_iso() {
        let want = NaiveDate::from_ymd_opt(2026, 10, 31);
        assert_eq!(parse_day(" 31/10/2026 "), want);
        assert_eq!(parse_day("2026-10-31"), want);
        assert_eq!(parse_day("31/13/2026"), None);
        assert_eq!(parse_day("hôm qua"), None);
    }
}
