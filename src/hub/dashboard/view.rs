//! What every dashboard page shares: the request's context (language, session, query) and the
//! page being built (its HTML and the tables it can export).

use axum::http::StatusCode;
use chrono::{Duration, NaiveDate, Utc};
use rusqlite::Connection;

use super::html::{self, escape};
use super::i18n::Lang;
use crate::export::Table;
use crate::hub::store::{self, breakdown::Period, staff};

/// Days shown when the query names no period.
pub const DEFAULT_DAYS: i64 = 30;

/// The longest period a page sums, in days (ten years).
pub const MAX_PERIOD_DAYS: i64 = 3660;

/// Why a page could not be built.
#[derive(Debug)]
pub enum PageError {
    /// A query value is wrong; the message names it (in the page's language).
    Bad(String),
    /// The thing asked for does not exist.
    NotFound(String),
    /// The database failed.
    Store(store::Error),
}

impl From<store::Error> for PageError {
    fn from(e: store::Error) -> Self {
        PageError::Store(e)
    }
}

impl From<rusqlite::Error> for PageError {
    fn from(e: rusqlite::Error) -> Self {
        PageError::Store(store::Error::Sqlite(e))
    }
}

/// The request as a page sees it.
pub struct Ctx {
    /// The page's language.
    pub lang: Lang,
    /// The signed-in staff member.
    pub session: staff::Session,
    /// The path asked for, e.g. `/by/product`.
    pub path: String,
    /// The query's pairs, decoded.
    pub params: Vec<(String, String)>,
}

impl Ctx {
    /// The context of one request.
    pub fn new(
        lang: Lang,
        session: staff::Session,
        path: String,
        params: Vec<(String, String)>,
    ) -> Ctx {
        Ctx {
            lang,
            session,
            path,
            params,
        }
    }

    /// The words in the page's language.
    pub fn t(&self, vi: &'static str) -> &'static str {
        self.lang.t(vi)
    }

    /// The query value called `name`, if given and not blank.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// Today in Vietnam (UTC+7), where every point does business.
    pub fn today(&self) -> NaiveDate {
        (Utc::now().naive_utc() + Duration::hours(7)).date()
    }

    /// The date in query value `name`, if given; a message naming it if it is not a date.
    pub fn date(&self, name: &str) -> Result<Option<NaiveDate>, PageError> {
        match self.param(name) {
            None => Ok(None),
            Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| {
                    PageError::Bad(format!(
                        "{} \"{name}\": {}",
                        self.t("Ngày không hợp lệ ở ô"),
                        self.t("hãy nhập dạng YYYY-MM-DD")
                    ))
                }),
        }
    }

    /// The period in `from`/`to`; by default the last [`DEFAULT_DAYS`] days up to the latest day
    /// received (today if none).
    pub fn period(&self, conn: &Connection) -> Result<Period, PageError> {
        let default_to = store::days::latest(conn)?.unwrap_or_else(|| self.today());
        let to = self.date("to")?.unwrap_or(default_to);
        let from = self
            .date("from")?
            .unwrap_or(to - Duration::days(DEFAULT_DAYS - 1));
        if from > to {
            return Err(PageError::Bad(
                self.t("Ngày bắt đầu (from) phải trước hoặc bằng ngày kết thúc (to).")
                    .to_owned(),
            ));
        }
        if (to - from).num_days() >= MAX_PERIOD_DAYS {
            return Err(PageError::Bad(
                self.t("Khoảng thời gian dài quá 10 năm.").to_owned(),
            ));
        }
        Ok(Period { from, to })
    }

    /// The query without the export and language keys, for links that keep the page's choices.
    fn kept_query(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.params {
            if !matches!(k.as_str(), "format" | "table" | "lang") {
                out.append_pair(k, v);
            }
        }
        out.finish()
    }

    /// This page with extra query pairs.
    pub fn link(&self, extra: &[(&str, &str)]) -> String {
        let mut query = self.kept_query();
        let mut more = form_urlencoded::Serializer::new(String::new());
        for (k, v) in extra {
            more.append_pair(k, v);
        }
        let more = more.finish();
        if !query.is_empty() && !more.is_empty() {
            query.push('&');
        }
        query.push_str(&more);
        if query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{query}", self.path)
        }
    }

    /// The whole page: navigation, the language switch, the logout form, then `body`.
    pub fn frame(&self, title: &str, body: &str) -> String {
        let lang = self.lang;
        let mut nav = format!("<nav><a href=\"/\">{}</a>", self.t("Tổng quan"));
        for (href, label) in [
            ("/by/point", "Theo điểm bán"),
            ("/by/commune", "Theo xã/phường"),
            ("/by/producer", "Theo chủ thể"),
            ("/by/product", "Theo sản phẩm"),
            ("/by/group", "Theo nhóm OCOP"),
            ("/by/stars", "Theo hạng sao"),
            ("/silent", "Điểm chưa gửi"),
            ("/events", "Sự kiện xúc tiến"),
        ] {
            nav.push_str(&format!(" · <a href=\"{href}\">{}</a>", self.t(label)));
        }
        nav.push_str(&format!(
            " · <a href=\"{}\" hreflang=\"{o}\" lang=\"{o}\">{}</a>\
             <form method=\"post\" action=\"/logout\" style=\"display:inline;margin-left:1rem\">\
             {} <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
             <button>{}</button></form></nav>",
            escape(&self.link(&[("lang", lang.other().as_str())])),
            lang.t("English"),
            escape(&self.session.username),
            escape(&self.session.csrf),
            lang.t("Đăng xuất"),
            o = lang.other().as_str(),
        ));
        html::page(lang, title, &format!("{nav}{body}"))
    }

    /// A GET form choosing the period, with `extra` fields (already HTML) before the button.
    pub fn period_form(&self, period: Period, extra: &str) -> String {
        format!(
            "<form method=\"get\" action=\"{}\"><label>{} <input type=\"date\" name=\"from\" \
             value=\"{}\"></label> <label>{} <input type=\"date\" name=\"to\" value=\"{}\">\
             </label> {extra} <button>{}</button></form>",
            escape(&self.path),
            self.t("Từ ngày"),
            period.from,
            self.t("Đến ngày"),
            period.to,
            self.t("Xem"),
        )
    }
}

/// A page being built: its HTML and the tables it offers for download.
pub struct View {
    /// The page's title.
    pub title: String,
    /// The stem of downloaded files, e.g. `by-product`.
    pub file: String,
    /// The body so far.
    pub body: String,
    /// The tables by name, the first one the default download.
    pub tables: Vec<(&'static str, Table)>,
    /// The answer's status (200 unless a form is refused).
    pub status: StatusCode,
}

impl View {
    /// An empty page.
    pub fn new(title: &str, file: &str) -> View {
        View {
            title: title.to_owned(),
            file: file.to_owned(),
            body: String::new(),
            tables: Vec::new(),
            status: StatusCode::OK,
        }
    }

    /// Appends HTML.
    pub fn html(&mut self, html: &str) {
        self.body.push_str(html);
    }

    /// Appends a table with its CSV and XLSX links, the cells of column `link.0` linking to
    /// `link.1` followed by the cell's text.
    pub fn table(
        &mut self,
        ctx: &Ctx,
        name: &'static str,
        table: Table,
        link: Option<(usize, &str)>,
    ) {
        self.body.push_str(&html::table_of(&table, ctx.lang, link));
        self.body.push_str(&format!(
            "<p class=\"export\"><a href=\"{}\">CSV</a> · <a href=\"{}\">XLSX</a></p>",
            escape(&ctx.link(&[("format", "csv"), ("table", name)])),
            escape(&ctx.link(&[("format", "xlsx"), ("table", name)])),
        ));
        self.tables.push((name, table));
    }
}
