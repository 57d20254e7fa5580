//! The staff dashboard (design.md §6): login with argon2 passwords, a session in an HttpOnly
//! SameSite=Strict cookie, a CSRF token on every form, server-rendered HTML without JavaScript,
//! charts as SVG, Vietnamese by default with an English switch. Points never see it; every page
//! but the login needs a session. Every table on a page downloads with `?format=csv|xlsx`.

pub mod events;
pub mod html;
pub mod i18n;
pub mod lift;
pub mod points;
pub mod sales;
pub mod view;

use axum::Form;
use axum::Router;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::Utc;
use serde::Deserialize;
use subtle::ConstantTimeEq;

use super::api::{ApiError, AppState};
use super::login;
use super::store::staff;
use crate::export::Format;
use html::{escape, page};
use i18n::Lang;
pub use view::{Ctx, PageError, View};

/// The session cookie's name.
pub const COOKIE: &str = "ocop_session";

/// The language cookie's name (`vi` or `en`).
pub const LANG_COOKIE: &str = "ocop_lang";

/// The dashboard's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(sales::overview))
        .route("/by/{dimension}", get(sales::breakdown))
        .route("/silent", get(points::silent))
        .route("/points/{code}", get(points::history))
        .route("/events", get(events::list).post(events::create))
        .route("/events/new", get(events::new))
        .route("/events/{id}", get(events::show_event))
        .route("/events/{id}/delete", post(events::delete))
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
        .route("/export/{file}", get(download))
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.to_owned())
}

/// The pairs of a query string or form body, decoded.
pub fn pairs(raw: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(raw).into_owned().collect()
}

/// The language asked for in the query (`lang=en|vi`), whether it was asked there, else the
/// cookie's, else Vietnamese.
fn language(headers: &HeaderMap, params: &[(String, String)]) -> (Lang, bool) {
    let asked = params
        .iter()
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| Lang::parse(v));
    match asked {
        Some(lang) => (lang, true),
        None => (
            cookie(headers, LANG_COOKIE)
                .and_then(|v| Lang::parse(&v))
                .unwrap_or_default(),
            false,
        ),
    }
}

/// Remembers an asked-for language in a cookie on `response`.
fn keep_language(mut response: Response, lang: Lang, asked: bool) -> Response {
    if asked {
        let value = format!(
            "{LANG_COOKIE}={}; Path=/; SameSite=Lax; Max-Age=31536000",
            lang.as_str()
        );
        if let Ok(value) = HeaderValue::from_str(&value) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

fn error_page(lang: Lang, status: StatusCode, message: &str) -> Response {
    let body = format!("<p>{}</p>", escape(message));
    (status, Html(page(lang, lang.t("Lỗi"), &body))).into_response()
}

fn from_api(lang: Lang, _: ApiError) -> Response {
    error_page(
        lang,
        StatusCode::INTERNAL_SERVER_ERROR,
        lang.t("Lỗi bên trong máy chủ tỉnh."),
    )
}

/// The session of the request, or the redirect to the login page.
async fn signed_in(
    state: &AppState,
    headers: &HeaderMap,
    lang: Lang,
) -> Result<(String, staff::Session), Response> {
    let Some(token) = cookie(headers, COOKIE) else {
        return Err(Redirect::to("/login").into_response());
    };
    let lookup = token.clone();
    let session = state
        .with_db(move |conn| Ok(staff::session(conn, &lookup, Utc::now())?))
        .await
        .map_err(|e| from_api(lang, e))?;
    session
        .map(|s| (token, s))
        .ok_or_else(|| Redirect::to("/login").into_response())
}

/// Whether a form's CSRF token is the session's, compared in constant time.
fn csrf_ok(given: Option<&str>, session: &staff::Session) -> bool {
    given.is_some_and(|g| bool::from(g.as_bytes().ct_eq(session.csrf.as_bytes())))
}

/// Signs the request in, reads its language and query, runs `build` on the database, and answers
/// the page, or one of its tables as CSV or XLSX when `format` is asked.
pub(crate) async fn show(
    state: AppState,
    headers: HeaderMap,
    path: String,
    query: Option<String>,
    build: impl FnOnce(&mut rusqlite::Connection, &Ctx) -> Result<View, PageError> + Send + 'static,
) -> Response {
    let params = pairs(query.unwrap_or_default().as_bytes());
    let (lang, asked) = language(&headers, &params);
    let session = match signed_in(&state, &headers, lang).await {
        Ok((_, s)) => s,
        Err(r) => return r,
    };
    let ctx = Ctx::new(lang, session, path, params);
    let built = state
        .with_db(move |conn| {
            let view = build(conn, &ctx);
            Ok((ctx, view))
        })
        .await;
    let response = match built {
        Ok((ctx, Ok(view))) => answer(&ctx, view),
        Ok((_, Err(PageError::Bad(message)))) => {
            error_page(lang, StatusCode::BAD_REQUEST, &message)
        }
        Ok((_, Err(PageError::NotFound(message)))) => {
            error_page(lang, StatusCode::NOT_FOUND, &message)
        }
        Ok((_, Err(PageError::Store(e)))) => {
            tracing::error!(error = %e, "dashboard");
            from_api(lang, ApiError::from(e))
        }
        Err(e) => from_api(lang, e),
    };
    keep_language(response, lang, asked)
}

fn answer(ctx: &Ctx, view: View) -> Response {
    let Some(format) = ctx.param("format") else {
        return (view.status, Html(ctx.frame(&view.title, &view.body))).into_response();
    };
    let wanted = ctx.param("table");
    let Some((name, table)) = view
        .tables
        .iter()
        .find(|(name, _)| wanted.is_none_or(|w| w == *name))
    else {
        return error_page(ctx.lang, StatusCode::NOT_FOUND, ctx.t("Không có bảng này."));
    };
    let (format, mime, ext) = match format {
        "csv" => (Format::Csv, "text/csv; charset=utf-8", "csv"),
        "xlsx" => (
            Format::Xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        _ => {
            return error_page(
                ctx.lang,
                StatusCode::NOT_FOUND,
                ctx.t("Chỉ có CSV và XLSX."),
            );
        }
    };
    file(
        ctx.lang,
        table,
        format,
        mime,
        &format!("{}-{name}.{ext}", view.file),
    )
}

fn file(
    lang: Lang,
    table: &crate::export::Table,
    format: Format,
    mime: &str,
    name: &str,
) -> Response {
    let mut bytes = Vec::new();
    if table.write(format, &mut bytes).is_err() {
        return error_page(
            lang,
            StatusCode::INTERNAL_SERVER_ERROR,
            lang.t("Không xuất được bảng."),
        );
    }
    let disposition = format!("attachment; filename=\"{}\"", escape(name));
    (
        [
            (header::CONTENT_TYPE, mime.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}

async fn login_page(headers: HeaderMap, RawQuery(query): RawQuery) -> Response {
    let params = pairs(query.unwrap_or_default().as_bytes());
    let (lang, asked) = language(&headers, &params);
    let body = format!(
        "<form method=\"post\" action=\"/login\">\
         <p><label>{} <input name=\"username\" required autocomplete=\"username\"></label></p>\
         <p><label>{} <input name=\"password\" type=\"password\" required \
         autocomplete=\"current-password\"></label></p>\
         <p><button>{}</button></p></form><p><a href=\"/login?lang={}\">{}</a></p>",
        lang.t("Tên đăng nhập"),
        lang.t("Mật khẩu"),
        lang.t("Đăng nhập"),
        lang.other().as_str(),
        lang.t("English"),
    );
    let response = Html(page(lang, lang.t("Đăng nhập"), &body)).into_response();
    keep_language(response, lang, asked)
}

/// The login form.
#[derive(Deserialize)]
struct Login {
    username: String,
    password: String,
}

async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<Login>, FormRejection>,
) -> Response {
    let (lang, _) = language(&headers, &[]);
    let Ok(Form(form)) = form else {
        return error_page(
            lang,
            StatusCode::BAD_REQUEST,
            lang.t("Biểu mẫu đăng nhập không hợp lệ."),
        );
    };
    let security = state.security();
    let opened = state
        .with_db(move |conn| login::attempt(conn, &form.username, &form.password, security))
        .await;
    match opened {
        Ok(login::Outcome::Session(token)) => {
            let cookie = login::session_cookie(security, COOKIE, &token);
            let mut response = Redirect::to("/").into_response();
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                response.headers_mut().insert(header::SET_COOKIE, value);
            }
            response
        }
        Ok(login::Outcome::Denied) => error_page(
            lang,
            StatusCode::UNAUTHORIZED,
            lang.t("Sai tên đăng nhập hoặc mật khẩu."),
        ),
        Ok(login::Outcome::Locked(until)) => login::locked_page(
            error_page(
                lang,
                StatusCode::TOO_MANY_REQUESTS,
                &login::locked_message(until, lang == Lang::En),
            ),
            until,
        ),
        Err(e) => from_api(lang, e),
    }
}

async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let (lang, _) = language(&headers, &[]);
    let (token, session) = match signed_in(&state, &headers, lang).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let form = pairs(&body);
    let given = form
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str());
    if !csrf_ok(given, &session) {
        return error_page(
            lang,
            StatusCode::FORBIDDEN,
            lang.t("Mã chống giả mạo (CSRF) không đúng."),
        );
    }
    match state
        .with_db(move |conn| Ok(staff::close_session(conn, &token)?))
        .await
    {
        Ok(()) => Redirect::to("/login").into_response(),
        Err(e) => from_api(lang, e),
    }
}

/// `/export/days.csv` and `/export/points.xlsx`: the whole-history tables of the first dashboard,
/// kept for links people saved.
async fn download(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(name): Path<String>,
) -> Response {
    let (lang, _) = language(&headers, &[]);
    if let Err(r) = signed_in(&state, &headers, lang).await {
        return r;
    }
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return error_page(lang, StatusCode::NOT_FOUND, lang.t("Không có bảng này."));
    };
    let (format, mime) = match ext {
        "csv" => (Format::Csv, "text/csv; charset=utf-8"),
        "xlsx" => (
            Format::Xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        _ => return error_page(lang, StatusCode::NOT_FOUND, lang.t("Chỉ có CSV và XLSX.")),
    };
    let stem = stem.to_owned();
    let table = state
        .with_db(move |conn| Ok(super::store::tables::by_name(conn, &stem)?))
        .await;
    match table {
        Ok(Some(t)) => file(lang, &t, format, mime, &name),
        Ok(None) => error_page(lang, StatusCode::NOT_FOUND, lang.t("Không có bảng này.")),
        Err(e) => from_api(lang, e),
    }
}
