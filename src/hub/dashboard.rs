//! The staff dashboard (design.md §6): login with argon2 passwords, a session in an HttpOnly
//! SameSite=Strict cookie, a CSRF token on every form, server-rendered HTML without JavaScript,
//! charts as SVG. Points never see it; every page but the login needs a session.

pub mod html;

use axum::Form;
use axum::Router;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::Utc;
use rusqlite::Connection;
use serde::Deserialize;
use subtle::ConstantTimeEq;

use super::api::{ApiError, AppState};
use super::login;
use super::store::{self, staff};
use crate::domain::money::Vnd;
use crate::export::Format;
use html::{bar_chart, escape, page, table};

/// The session cookie's name.
pub const COOKIE: &str = "ocop_session";

/// The dashboard's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(overview))
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
        .route("/export/{file}", get(download))
}

fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_owned())
}

fn error_page(status: StatusCode, message: &str) -> Response {
    (
        status,
        Html(page("Lỗi", &format!("<p>{}</p>", escape(message)))),
    )
        .into_response()
}

fn from_api(_: ApiError) -> Response {
    error_page(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Lỗi bên trong máy chủ tỉnh.",
    )
}

/// The session of the request, or the redirect to the login page.
async fn signed_in(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<(String, staff::Session), Response> {
    let Some(token) = cookie_token(headers) else {
        return Err(Redirect::to("/login").into_response());
    };
    let lookup = token.clone();
    let session = state
        .with_db(move |conn| Ok(staff::session(conn, &lookup, Utc::now())?))
        .await
        .map_err(from_api)?;
    session
        .map(|s| (token, s))
        .ok_or_else(|| Redirect::to("/login").into_response())
}

async fn login_page() -> Html<String> {
    Html(page(
        "Đăng nhập",
        "<form method=\"post\" action=\"/login\">\
         <p><label>Tên đăng nhập <input name=\"username\" required autocomplete=\"username\"></label></p>\
         <p><label>Mật khẩu <input name=\"password\" type=\"password\" required autocomplete=\"current-password\"></label></p>\
         <p><button>Đăng nhập</button></p></form>",
    ))
}

/// The login form.
#[derive(Deserialize)]
struct Login {
    username: String,
    password: String,
}

async fn login(
    State(state): State<AppState>,
    form: Result<Form<Login>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return error_page(StatusCode::BAD_REQUEST, "Biểu mẫu đăng nhập không hợp lệ.");
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
        Ok(login::Outcome::Denied) => {
            error_page(StatusCode::UNAUTHORIZED, "Sai tên đăng nhập hoặc mật khẩu.")
        }
        Ok(login::Outcome::Locked(until)) => login::locked_page(
            error_page(StatusCode::TOO_MANY_REQUESTS, &login::locked_message(until)),
            until,
        ),
        Err(e) => from_api(e),
    }
}

/// A form that carries only the CSRF token.
#[derive(Deserialize)]
struct Csrf {
    csrf: String,
}

async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    form: Result<Form<Csrf>, FormRejection>,
) -> Response {
    let (token, session) = match signed_in(&state, &headers).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let valid =
        form.is_ok_and(|Form(f)| bool::from(f.csrf.as_bytes().ct_eq(session.csrf.as_bytes())));
    if !valid {
        return error_page(StatusCode::FORBIDDEN, "Mã chống giả mạo (CSRF) không đúng.");
    }
    match state
        .with_db(move |conn| Ok(staff::close_session(conn, &token)?))
        .await
    {
        Ok(()) => Redirect::to("/login").into_response(),
        Err(e) => from_api(e),
    }
}

fn overview_body(conn: &Connection, session: &staff::Session) -> Result<String, store::Error> {
    let mut by_day = conn.prepare(
        "SELECT business_date, SUM(net_vnd), SUM(receipts), COUNT(*) FROM days
         GROUP BY business_date ORDER BY business_date DESC LIMIT 31",
    )?;
    let mut days: Vec<(String, i64, i64, i64)> = by_day
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    days.reverse();
    let bars: Vec<(String, Vnd)> = days.iter().map(|d| (d.0.clone(), Vnd(d.1))).collect();
    let day_rows: Vec<Vec<String>> = days
        .iter()
        .rev()
        .map(|(d, net, receipts, points)| {
            vec![
                escape(d),
                escape(&Vnd(*net).to_string()),
                receipts.to_string(),
                points.to_string(),
            ]
        })
        .collect();
    let mut by_point = conn.prepare(
        "SELECT p.code, p.name, p.kind, MAX(d.business_date), COALESCE(SUM(d.net_vnd), 0)
         FROM points p LEFT JOIN days d ON d.point_code = p.code GROUP BY p.code ORDER BY p.code",
    )?;
    let point_rows: Vec<Vec<String>> = by_point
        .query_map([], |r| {
            let last: Option<String> = r.get(3)?;
            Ok(vec![
                escape(&r.get::<_, String>(0)?),
                escape(&r.get::<_, String>(1)?),
                escape(&r.get::<_, String>(2)?),
                escape(last.as_deref().unwrap_or("chưa gửi")),
                escape(&Vnd(r.get(4)?).to_string()),
            ])
        })?
        .collect::<Result<_, _>>()?;
    let csrf = escape(&session.csrf);
    Ok(format!(
        "<p>Xin chào {}. <form method=\"post\" action=\"/logout\" style=\"display:inline\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{csrf}\"><button>Đăng xuất</button></form></p>\
         <h2>Doanh thu thuần theo ngày</h2>{}{}\
         <p><a href=\"/export/days.csv\">CSV</a> · <a href=\"/export/days.xlsx\">XLSX</a></p>\
         <h2>Điểm bán</h2>{}\
         <p><a href=\"/export/points.csv\">CSV</a> · <a href=\"/export/points.xlsx\">XLSX</a></p>",
        escape(&session.username),
        bar_chart("Doanh thu thuần theo ngày", &bars),
        table(
            &["Ngày", "Doanh thu thuần", "Hóa đơn", "Điểm gửi"],
            &day_rows
        ),
        table(
            &["Mã", "Tên", "Loại", "Ngày gửi gần nhất", "Doanh thu thuần"],
            &point_rows
        ),
    ))
}

async fn overview(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let session = match signed_in(&state, &headers).await {
        Ok((_, s)) => s,
        Err(r) => return r,
    };
    match state
        .with_db(move |conn| Ok(overview_body(conn, &session)?))
        .await
    {
        Ok(body) => Html(page("Tổng quan", &body)).into_response(),
        Err(e) => from_api(e),
    }
}

async fn download(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Response {
    if let Err(r) = signed_in(&state, &headers).await {
        return r;
    }
    let Some((stem, ext)) = file.rsplit_once('.') else {
        return error_page(StatusCode::NOT_FOUND, "Không có bảng này.");
    };
    let (format, mime) = match ext {
        "csv" => (Format::Csv, "text/csv; charset=utf-8"),
        "xlsx" => (
            Format::Xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        _ => return error_page(StatusCode::NOT_FOUND, "Chỉ có CSV và XLSX."),
    };
    let stem = stem.to_owned();
    let table = state
        .with_db(move |conn| Ok(super::export::by_name(conn, &stem)?))
        .await;
    let table = match table {
        Ok(Some(t)) => t,
        Ok(None) => return error_page(StatusCode::NOT_FOUND, "Không có bảng này."),
        Err(e) => return from_api(e),
    };
    let mut bytes = Vec::new();
    if table.write(format, &mut bytes).is_err() {
        return error_page(StatusCode::INTERNAL_SERVER_ERROR, "Không xuất được bảng.");
    }
    let disposition = format!("attachment; filename=\"{}\"", escape(&file));
    (
        [
            (header::CONTENT_TYPE, mime.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}
