//! Promotion events: the list, the form that creates one (CSRF-checked, every problem named,
//! nothing stored unless all is well), and the route to an event's page ([`super::lift`]).

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::Utc;
use rusqlite::Connection;

use super::html::escape;
use super::i18n::Lang;
use super::{
    Ctx, PageError, View, csrf_ok, error_page, from_api, language, pairs, show, signed_in,
};
use crate::export::{Cell, Column, Table};
use crate::hub::api::AppState;
use crate::hub::store::events::{self, Draft, Event, Kind, Problem};
use crate::hub::store::{breakdown, staff};

/// `GET /events`.
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    show(state, headers, "/events".into(), query, list_view).await
}

/// `GET /events/new`: the empty form.
pub async fn new(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    show(state, headers, "/events/new".into(), query, |conn, ctx| {
        form_view(conn, ctx, &Draft::default(), &[])
    })
    .await
}

/// `GET /events/{id}`.
pub async fn show_event(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let path = format!("/events/{id}");
    show(state, headers, path, query, move |conn, ctx| {
        let not_found = || PageError::NotFound(ctx.t("Không có sự kiện này.").to_owned());
        let id: i64 = id.parse().map_err(|_| not_found())?;
        let event = events::get(conn, id)?.ok_or_else(not_found)?;
        super::lift::page(conn, ctx, &event)
    })
    .await
}

/// `POST /events/{id}/delete`: deletes the event (CSRF-checked) and goes back to the list.
pub async fn delete(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let (lang, _) = language(&headers, &[]);
    let session = match signed_in(&state, &headers, lang).await {
        Ok((_, s)) => s,
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
    let Ok(id) = id.parse::<i64>() else {
        return error_page(lang, StatusCode::NOT_FOUND, lang.t("Không có sự kiện này."));
    };
    match state
        .with_db(move |conn| Ok(events::delete(conn, id)?))
        .await
    {
        Ok(true) => Redirect::to("/events").into_response(),
        Ok(false) => error_page(lang, StatusCode::NOT_FOUND, lang.t("Không có sự kiện này.")),
        Err(e) => from_api(lang, e),
    }
}

/// `POST /events`: checks the CSRF token and the draft; stores the event and shows it, or shows
/// the form again with every problem and nothing stored.
pub async fn create(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let (lang, _) = language(&headers, &[]);
    let session = match signed_in(&state, &headers, lang).await {
        Ok((_, s)) => s,
        Err(r) => return r,
    };
    let form = pairs(&body);
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    if !csrf_ok(Some(field("csrf").as_str()), &session) {
        return error_page(
            lang,
            StatusCode::FORBIDDEN,
            lang.t("Mã chống giả mạo (CSRF) không đúng."),
        );
    }
    let draft = Draft {
        name: field("name"),
        kind: field("kind"),
        start: field("start"),
        end: field("end"),
        points: form
            .iter()
            .filter(|(k, _)| k == "points")
            .map(|(_, v)| v.clone())
            .collect(),
        products: vec![field("products")],
    };
    let outcome = state
        .with_db(move |conn| Ok(store_or_refuse(conn, lang, session, draft)))
        .await;
    match outcome {
        Ok(Ok(Stored::Created(id))) => Redirect::to(&format!("/events/{id}")).into_response(),
        Ok(Ok(Stored::Refused(html))) => {
            (StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response()
        }
        Ok(Err(e)) => {
            tracing::error!(error = ?e, "event form");
            error_page(
                lang,
                StatusCode::INTERNAL_SERVER_ERROR,
                lang.t("Lỗi bên trong máy chủ tỉnh."),
            )
        }
        Err(e) => from_api(lang, e),
    }
}

enum Stored {
    Created(i64),
    Refused(String),
}

fn store_or_refuse(
    conn: &mut Connection,
    lang: Lang,
    session: staff::Session,
    draft: Draft,
) -> Result<Stored, PageError> {
    match events::check(conn, &draft)? {
        Ok(event) => Ok(Stored::Created(events::create(
            conn,
            &event,
            &session.username,
            Utc::now(),
        )?)),
        Err(problems) => {
            let ctx = Ctx::new(lang, session, "/events/new".into(), Vec::new());
            let view = form_view(conn, &ctx, &draft, &problems)?;
            Ok(Stored::Refused(ctx.frame(&view.title, &view.body)))
        }
    }
}

/// What is wrong, in words for the person at the form.
pub fn problem_text(lang: Lang, problem: &Problem) -> String {
    match problem {
        Problem::NameEmpty => lang.t("Hãy nhập tên sự kiện.").to_owned(),
        Problem::NameTooLong => lang.t("Tên sự kiện dài quá 120 ký tự.").to_owned(),
        Problem::Kind => lang.t("Hãy chọn loại sự kiện.").to_owned(),
        Problem::Start => lang.t("Ngày bắt đầu không hợp lệ (YYYY-MM-DD).").to_owned(),
        Problem::End => lang
            .t("Ngày kết thúc không hợp lệ (YYYY-MM-DD).")
            .to_owned(),
        Problem::EndBeforeStart => lang
            .t("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.")
            .to_owned(),
        Problem::TooLong => lang.t("Sự kiện dài quá 366 ngày.").to_owned(),
        Problem::NoPoints => lang.t("Hãy chọn ít nhất một điểm bán tham gia.").to_owned(),
        Problem::UnknownPoint(code) => format!("{}: {code}", lang.t("Không có điểm bán")),
        Problem::UnknownProduct(code) => format!("{}: {code}", lang.t("Không có sản phẩm")),
    }
}

/// An event's kind in Vietnamese (translate with `Lang::t`).
pub(super) fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Fair => "Hội chợ",
        Kind::NewCentre => "Trung tâm OCOP mới",
        Kind::HotelBooth => "Gian hàng khách sạn",
        Kind::Other => "Khác",
    }
}

fn form_view(
    conn: &Connection,
    ctx: &Ctx,
    draft: &Draft,
    problems: &[Problem],
) -> Result<View, PageError> {
    let mut view = View::new(ctx.t("Tạo sự kiện xúc tiến"), "event-new");
    if !problems.is_empty() {
        view.status = StatusCode::UNPROCESSABLE_ENTITY;
        view.html(&format!(
            "<div class=\"bad\" role=\"alert\"><p>{}</p><ul>",
            ctx.t("Chưa lưu sự kiện:")
        ));
        for p in problems {
            view.html(&format!("<li>{}</li>", escape(&problem_text(ctx.lang, p))));
        }
        view.html("</ul></div>");
    }
    let mut kinds = String::new();
    for kind in Kind::ALL {
        let chosen = if draft.kind == kind.as_str() {
            " selected"
        } else {
            ""
        };
        kinds.push_str(&format!(
            "<option value=\"{}\"{chosen}>{}</option>",
            kind.as_str(),
            ctx.t(kind_label(kind))
        ));
    }
    let mut boxes = String::new();
    for p in breakdown::points(conn)? {
        let checked = if draft.points.contains(&p.code) {
            " checked"
        } else {
            ""
        };
        boxes.push_str(&format!(
            "<label style=\"display:block\"><input type=\"checkbox\" name=\"points\" value=\"{c}\"\
             {checked}> {c} — {} ({})</label>",
            escape(&p.name),
            escape(ctx.lang.point_kind(&p.kind)),
            c = escape(&p.code),
        ));
    }
    view.html(&format!(
        "<form method=\"post\" action=\"/events\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
         <p><label>{} <input name=\"name\" required maxlength=\"120\" value=\"{}\"></label></p>\
         <p><label>{} <select name=\"kind\">{kinds}</select></label></p>\
         <p><label>{} <input type=\"date\" name=\"start\" required value=\"{}\"></label> \
         <label>{} <input type=\"date\" name=\"end\" required value=\"{}\"></label></p>\
         <fieldset><legend>{}</legend>{boxes}</fieldset>\
         <p><label>{} <input name=\"products\" size=\"60\" value=\"{}\"></label><br>\
         <small>{}</small></p><p><button>{}</button></p></form>",
        escape(&ctx.session.csrf),
        ctx.t("Tên sự kiện"),
        escape(&draft.name),
        ctx.t("Loại"),
        ctx.t("Ngày bắt đầu"),
        escape(&draft.start),
        ctx.t("Ngày kết thúc"),
        escape(&draft.end),
        ctx.t("Điểm bán tham gia"),
        ctx.t("Sản phẩm xúc tiến (không bắt buộc)"),
        escape(&draft.products.join(", ")),
        ctx.t("Mã sản phẩm cách nhau bởi dấu phẩy; để trống thì tính mọi sản phẩm."),
        ctx.t("Lưu sự kiện"),
    ));
    Ok(view)
}

fn list_view(conn: &mut Connection, ctx: &Ctx) -> Result<View, PageError> {
    let all = events::list(conn)?;
    let mut view = View::new(ctx.t("Sự kiện xúc tiến"), "events");
    view.html(&format!(
        "<p><a href=\"/events/new\">{}</a></p>",
        ctx.t("Tạo sự kiện xúc tiến")
    ));
    let table = Table {
        title: ctx.t("Sự kiện xúc tiến").to_owned(),
        columns: vec![
            Column::new("id", ctx.t("Số")),
            Column::new("name", ctx.t("Tên sự kiện")),
            Column::new("kind", ctx.t("Loại")),
            Column::new("start", ctx.t("Ngày bắt đầu")),
            Column::new("end", ctx.t("Ngày kết thúc")),
            Column::new("points", ctx.t("Điểm bán tham gia")),
            Column::new("products", ctx.t("Sản phẩm xúc tiến")),
        ],
        rows: all
            .iter()
            .map(|e| {
                vec![
                    Cell::Text(e.id.to_string()),
                    Cell::Text(e.name.clone()),
                    Cell::Text(ctx.t(kind_label(e.kind)).to_owned()),
                    Cell::Text(e.start.to_string()),
                    Cell::Text(e.end.to_string()),
                    Cell::Text(e.points.join(", ")),
                    Cell::Text(products_text(ctx, e)),
                ]
            })
            .collect(),
    };
    view.table(ctx, "events", table, Some((0, "/events/")));
    Ok(view)
}

/// The promoted products, or "every product".
pub(super) fn products_text(ctx: &Ctx, event: &Event) -> String {
    if event.products.is_empty() {
        ctx.t("mọi sản phẩm").to_owned()
    } else {
        event.products.join(", ")
    }
}
