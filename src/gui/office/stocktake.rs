//! Stock takes: open a count, scan to count, type counts, variances with their value, post or
//! cancel.

mod view;

use std::sync::Arc;

use iced::Task;

pub use view::view;

use super::Msg as OfficeMsg;
use super::stock::{PAGE, w};
use crate::domain::auth::Approval;
use crate::domain::qty::Qty;
use crate::gui::app::{App, Message};
use crate::gui::keys::Press;
use crate::store::documents::{self, DocKind, Header};
use crate::store::stocktake::{self, Counted, Entry, Filter, Posted, Report};

/// What the tab keeps while the back office is open.
#[derive(Debug, Default)]
pub struct State {
    /// Producer code of the scope, as typed.
    pub producer: String,
    /// OCOP group of the scope, as typed.
    pub group: String,
    /// Name words of the scope, as typed.
    pub search: String,
    /// Counts still open, to carry on with.
    pub drafts: Vec<Header>,
    /// The count shown, with its variances.
    pub report: Option<Arc<Report>>,
    /// Product code or barcode of a typed count.
    pub code: String,
    /// The quantity typed.
    pub qty: String,
    /// The latest count recorded.
    pub last: Option<Counted>,
}

/// What the tab reacts to.
#[derive(Debug, Clone)]
pub enum Msg {
    /// Load the tab's data again.
    Refresh,
    /// Producer of the scope typed.
    Producer(String),
    /// OCOP group of the scope typed.
    Group(String),
    /// Name words of the scope typed.
    Search(String),
    /// Open a count with the scope.
    Open,
    /// Counts still open.
    Drafts(Vec<Header>),
    /// A count was opened: its report, and the counts open now.
    Opened(Arc<Report>, Vec<Header>),
    /// Carry on with an open count.
    Resume(String),
    /// The count's report.
    Loaded(Arc<Report>),
    /// Product code of a typed count.
    Code(String),
    /// Quantity of a typed count.
    Qty(String),
    /// Record the typed count.
    SetCount,
    /// Put a line's product and count into the typing boxes.
    Edit(String, Option<Qty>),
    /// A count was recorded; the report after it.
    Counted(Counted, Arc<Report>),
    /// Post the count.
    Post,
    /// It was posted; the report as posted.
    Posted(Posted, Arc<Report>),
    /// Cancel the count.
    Cancel,
    /// It was cancelled.
    Cancelled(String),
}

fn wrap(msg: Msg) -> OfficeMsg {
    OfficeMsg::Stocktake(msg)
}

impl App {
    /// The tab was shown: the open counts, and the one shown again.
    pub(crate) fn stocktake_opened(&mut self) -> Task<Message> {
        let shown = self
            .office
            .stocktake
            .report
            .as_ref()
            .map(|r| r.number.clone());
        let drafts = self.office_job(open_counts, |list| wrap(Msg::Drafts(list)));
        match shown {
            Some(number) => Task::batch([drafts, self.stocktake_load(number)]),
            None => drafts,
        }
    }

    /// A message of the tab.
    pub(crate) fn stocktake_msg(&mut self, msg: Msg) -> Task<Message> {
        let lang = self.lang;
        let state = &mut self.office.stocktake;
        match msg {
            Msg::Refresh => return self.stocktake_opened(),
            Msg::Producer(v) => state.producer = v,
            Msg::Group(v) => state.group = v,
            Msg::Search(v) => state.search = v,
            Msg::Open => return self.stocktake_open(),
            Msg::Drafts(list) => state.drafts = list,
            Msg::Opened(report, list) => {
                let text = format!(
                    "{} {}: {} {} ({})",
                    w(lang, "Đã mở phiếu kiểm kê", "Opened stock take"),
                    report.number,
                    report.totals.lines,
                    w(lang, "sản phẩm", "products"),
                    report.scope
                );
                state.report = Some(report);
                state.drafts = list;
                self.say(true, text);
            }
            Msg::Resume(number) => {
                state.last = None;
                return self.stocktake_load(number);
            }
            Msg::Loaded(report) => state.report = Some(report),
            Msg::Code(v) => state.code = v,
            Msg::Qty(v) => state.qty = v,
            Msg::SetCount => return self.stocktake_set(),
            Msg::Edit(code, counted) => {
                state.code = code;
                state.qty = counted.map(|q| q.to_string()).unwrap_or_default();
            }
            Msg::Counted(counted, report) => {
                let text = format!(
                    "{} {}: {} {}{}",
                    counted.product_code,
                    counted.name,
                    w(lang, "đã đếm", "counted"),
                    counted.counted,
                    if counted.found {
                        format!(
                            " ({})",
                            w(lang, stocktake::FOUND_NOTE, "outside the count's scope")
                        )
                    } else {
                        String::new()
                    }
                );
                state.report = Some(report);
                state.last = Some(counted);
                self.say(true, text);
            }
            Msg::Post => return self.stocktake_post(),
            Msg::Posted(posted, report) => {
                state.report = Some(report);
                let mut text = format!(
                    "{} {}: {} {}, {} {}, {} {}",
                    w(lang, "Đã ghi sổ phiếu kiểm kê", "Stock take posted"),
                    posted.number,
                    posted.counted_lines,
                    w(lang, "dòng đã đếm", "lines counted"),
                    posted.changed_lines,
                    w(lang, "dòng chênh lệch", "lines changed"),
                    w(lang, "giá trị chênh lệch", "variance value"),
                    posted.net_value
                );
                if !posted.uncounted.is_empty() {
                    text.push_str(&format!(
                        "; {} {}",
                        posted.uncounted.len(),
                        w(
                            lang,
                            "sản phẩm chưa đếm giữ nguyên tồn kho",
                            "products not counted keep their stock"
                        )
                    ));
                }
                self.say(true, text);
                return self.office_job(open_counts, |list| wrap(Msg::Drafts(list)));
            }
            Msg::Cancel => return self.stocktake_cancel(),
            Msg::Cancelled(number) => {
                state.report = None;
                state.last = None;
                self.say(
                    true,
                    format!(
                        "{} {number}",
                        w(lang, "Đã hủy phiếu kiểm kê", "Cancelled stock take")
                    ),
                );
                return self.office_job(open_counts, |list| wrap(Msg::Drafts(list)));
            }
        }
        Task::none()
    }

    /// A key while the tab is shown: Enter records the typed count.
    pub(crate) fn stocktake_key(&mut self, press: Press) -> Task<Message> {
        let s = &self.office.stocktake;
        if press == Press::Enter && !s.code.trim().is_empty() && !s.qty.trim().is_empty() {
            return self.stocktake_set();
        }
        Task::none()
    }

    /// A scanned code while the tab is shown: one more of that product on the open count.
    pub(crate) fn stocktake_scanned(&mut self, code: String) -> Task<Message> {
        // A box with focus also took the scanner's keys: they were a scan, not typing.
        let s = &mut self.office.stocktake;
        for typed in [&mut s.code, &mut s.qty] {
            if let Some(rest) = typed.strip_suffix(code.as_str()) {
                *typed = rest.to_owned();
            }
        }
        self.stocktake_count(code, Entry::Scan)
    }

    fn stocktake_number(&mut self) -> Option<String> {
        let number = self
            .office
            .stocktake
            .report
            .as_ref()
            .filter(|r| r.status == "draft")
            .map(|r| r.number.clone());
        if number.is_none() {
            let lang = self.lang;
            self.say(
                false,
                w(
                    lang,
                    "Chưa có phiếu kiểm kê đang mở: hãy mở phiếu mới hoặc chọn phiếu đang đếm",
                    "No stock take is open: open one or pick one being counted",
                ),
            );
        }
        number
    }

    fn stocktake_load(&mut self, number: String) -> Task<Message> {
        self.office_job(
            move |conn| Ok(Arc::new(stocktake::show_page(conn, &number, PAGE)?)),
            |report| wrap(Msg::Loaded(report)),
        )
    }

    fn stocktake_open(&mut self) -> Task<Message> {
        let lang = self.lang;
        let s = &self.office.stocktake;
        let group = match s.group.trim() {
            "" => None,
            typed => match typed.parse::<u8>() {
                Ok(g) => Some(g),
                Err(_) => {
                    let text = format!(
                        "{} \"{typed}\" {}",
                        w(lang, "Nhóm OCOP", "OCOP group"),
                        w(
                            lang,
                            "không hợp lệ (chọn từ 1 đến 6)",
                            "is not valid (1 to 6)"
                        )
                    );
                    self.say(false, text);
                    return Task::none();
                }
            },
        };
        let filter = Filter {
            producer: Some(s.producer.clone()),
            group,
            search: Some(s.search.clone()),
        };
        let (user, at) = (self.user.as_ref().map(|u| u.id), self.now());
        self.office.stocktake.last = None;
        self.office_job(
            move |conn| {
                let opened = stocktake::open(conn, &filter, user, at)?;
                Ok((
                    Arc::new(stocktake::show_page(conn, &opened.header.number, PAGE)?),
                    open_counts(conn)?,
                ))
            },
            |(report, drafts)| wrap(Msg::Opened(report, drafts)),
        )
    }

    fn stocktake_count(&mut self, code: String, entry: Entry) -> Task<Message> {
        let Some(number) = self.stocktake_number() else {
            return Task::none();
        };
        let rules = self.launch.config.barcode.clone();
        let at = self.now();
        self.office_job(
            move |conn| {
                let counted = stocktake::count(conn, &number, &code, entry, &rules, at)?;
                Ok((
                    counted,
                    Arc::new(stocktake::show_page(conn, &number, PAGE)?),
                ))
            },
            |(counted, report)| wrap(Msg::Counted(counted, report)),
        )
    }

    fn stocktake_set(&mut self) -> Task<Message> {
        let s = &self.office.stocktake;
        let code = s.code.trim().to_owned();
        if code.is_empty() {
            let lang = self.lang;
            self.say(
                false,
                w(
                    lang,
                    "Nhập mã sản phẩm hoặc mã vạch cần đếm",
                    "Type the product code or barcode counted",
                ),
            );
            return Task::none();
        }
        let qty: Qty = match s.qty.parse() {
            Ok(q) => q,
            Err(e) => {
                self.say(false, crate::gui::i18n::errors::qty(&e, self.lang));
                return Task::none();
            }
        };
        self.office.stocktake.qty.clear();
        self.stocktake_count(code, Entry::Set(qty))
    }

    fn stocktake_post(&mut self) -> Task<Message> {
        let Some(number) = self.stocktake_number() else {
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
                let posted = stocktake::post(conn, &number, &approval, Some(user), at)?;
                Ok((posted, Arc::new(stocktake::show_page(conn, &number, PAGE)?)))
            },
            |(posted, report)| wrap(Msg::Posted(posted, report)),
        )
    }

    fn stocktake_cancel(&mut self) -> Task<Message> {
        let Some(number) = self.stocktake_number() else {
            return Task::none();
        };
        self.office_job(
            move |conn| Ok(stocktake::cancel(conn, &number)?.number),
            |number| wrap(Msg::Cancelled(number)),
        )
    }
}

/// Stock takes still open for counting, newest first.
fn open_counts(conn: &mut rusqlite::Connection) -> Result<Vec<Header>, crate::store::Error> {
    let mut list: Vec<Header> = documents::list(conn, DocKind::Stocktake)?
        .into_iter()
        .filter(|h| h.status == "draft")
        .collect();
    list.sort_by_key(|h| std::cmp::Reverse(h.id));
    Ok(list)
}
