//! API v1 (design.md §5): the routes, their JSON answers, and the one error shape
//! `{ "code": "...", "message": "..." }`. Bad input is a 4xx naming the problem, never a 500.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use chrono::NaiveDate;
use rusqlite::Connection;

use super::store::{self, catalogue as registry, days, points};
use crate::sync::protocol::{CATALOGUE_SCHEMA, Catalogue, DailySummary, ErrorBody, PutAnswer};

/// The largest request body accepted: a day of a big centre is far below it.
pub const MAX_BODY: usize = 2 * 1024 * 1024;

/// The OpenAPI 3.1 description served at `/api/openapi.json`.
pub const OPENAPI: &str = include_str!("openapi.json");

/// What every handler shares: the hub's database and the login security settings.
#[derive(Clone)]
pub struct AppState {
    db: Arc<Mutex<Connection>>,
    tokens: Arc<Mutex<Connection>>,
    writer: super::writer::Writer,
    security: super::login::Security,
}

impl AppState {
    /// Wraps three connections to the hub database: one for reads and checks, one only for
    /// checking the tokens of summaries as they arrive, one for the group-committing writer.
    pub fn new(conn: Connection, tokens: Connection, writer: Connection) -> Self {
        AppState {
            db: Arc::new(Mutex::new(conn)),
            tokens: Arc::new(Mutex::new(tokens)),
            writer: super::writer::Writer::start(writer),
            security: super::login::Security::default(),
        }
    }

    /// The same state with these login security settings.
    pub fn with_security(mut self, security: super::login::Security) -> Self {
        self.security = security;
        self
    }

    /// The login security settings.
    pub(crate) fn security(&self) -> super::login::Security {
        self.security
    }

    /// Runs `work` on the database off the async threads.
    pub(crate) async fn with_db<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Connection) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let db = Arc::clone(&self.db);
        tokio::task::spawn_blocking(move || {
            let mut conn = db.lock().map_err(|_| ApiError::internal("database lock"))?;
            work(&mut conn)
        })
        .await
        .map_err(|_| ApiError::internal("database task"))?
    }
}

/// An error answer: status and `{code, message}`.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    body: ErrorBody,
}

impl ApiError {
    fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            body: ErrorBody {
                code: code.to_owned(),
                message: message.into(),
            },
        }
    }

    fn internal(what: &str) -> Self {
        tracing::error!(what, "internal error");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "lỗi bên trong máy chủ tỉnh",
        )
    }

    fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "thiếu mã truy cập hoặc mã truy cập không đúng (Authorization: Bearer …)",
        )
    }
}

impl From<store::Error> for ApiError {
    fn from(e: store::Error) -> Self {
        tracing::error!(error = %e, "hub store");
        Self::internal("store")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}

/// The API's routes with body limit, timeout and JSON fallbacks.
pub fn router(state: AppState, timeout: Duration) -> Router {
    Router::new()
        .route(
            "/api/v1/points/{point_code}/days/{business_date}",
            put(put_day),
        )
        .route("/api/v1/points/{point_code}/status", get(point_status))
        .route("/api/v1/catalogue", get(catalogue))
        .route("/api/openapi.json", get(openapi))
        .merge(super::dashboard::routes())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            with_timeout(req, next, timeout)
        }))
        .with_state(state)
}

async fn with_timeout(req: Request, next: Next, limit: Duration) -> Response {
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(response) => response,
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "timeout",
            "máy chủ tỉnh trả lời quá lâu; hãy thử lại sau",
        )
        .into_response(),
    }
}

async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", "không có địa chỉ này")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "địa chỉ này không nhận phương thức đó",
    )
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

fn checked_code(code: &str) -> Result<(), ApiError> {
    if points::valid_code(code) {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_point_code",
            "point_code chỉ gồm 1–32 chữ, số, '-', '_' hoặc '.'",
        ))
    }
}

/// Checks the bearer token for `code`: 401 when it is nobody's, 403 when it is another point's.
fn authorise(conn: &Connection, code: &str, headers: &HeaderMap) -> Result<(), ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(super::auth::bearer)
        .ok_or_else(ApiError::unauthorized)?;
    match points::access(conn, code, token)? {
        points::Access::Granted => Ok(()),
        points::Access::OtherPoint => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            format!("mã truy cập này không phải của điểm {code}"),
        )),
        points::Access::Unknown => Err(ApiError::unauthorized()),
    }
}

fn path_error(e: &PathRejection) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, "invalid_path", e.body_text())
}

fn body_error(e: &BytesRejection) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            format!("nội dung lớn hơn {MAX_BODY} byte"),
        )
    } else {
        ApiError::new(e.status(), "invalid_body", e.body_text())
    }
}

/// Parses a summary body: 400 for broken JSON, 422 naming the field for wrong or missing values.
fn parse_summary(body: &[u8]) -> Result<DailySummary, ApiError> {
    // The plain parser is the fast path; only a refused body is parsed again, tracking the path,
    // to name the field in the answer.
    match serde_json::from_slice(body) {
        Ok(summary) => Ok(summary),
        Err(_) => parse_summary_naming_the_field(body),
    }
}

fn parse_summary_naming_the_field(body: &[u8]) -> Result<DailySummary, ApiError> {
    let mut json = serde_json::Deserializer::from_slice(body);
    let parsed: Result<DailySummary, _> = serde_path_to_error::deserialize(&mut json);
    let summary = parsed.map_err(|e| {
        use serde_json::error::Category;
        let field = e.path().to_string();
        let inner = e.into_inner();
        match inner.classify() {
            Category::Data => ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_field",
                format!("bản tổng hợp ngày không hợp lệ: trường {field}: {inner}"),
            ),
            _ => ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_json",
                format!("nội dung không phải JSON hợp lệ: {inner}"),
            ),
        }
    })?;
    json.end().map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            format!("nội dung không phải JSON hợp lệ: {e}"),
        )
    })?;
    Ok(summary)
}

fn unprocessable(code: &str, message: String) -> ApiError {
    ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, code, message)
}

async fn put_day(
    State(state): State<AppState>,
    path: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<PutAnswer>, ApiError> {
    let Path((code, date)) = path.map_err(|e| path_error(&e))?;
    checked_code(&code)?;
    // Authenticate before looking at the body, so strangers learn nothing from validation. The
    // check is one indexed read (WAL: never waits for the writer) on a connection of its own that
    // nothing slow holds, so it runs here rather than hopping to a blocking thread.
    {
        let tokens = state
            .tokens
            .lock()
            .map_err(|_| ApiError::internal("token lock"))?;
        authorise(&tokens, &code, &headers)?;
    }
    let date: NaiveDate = date.parse().map_err(|_| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_business_date",
            "business_date phải có dạng YYYY-MM-DD",
        )
    })?;
    let body = body.map_err(|e| body_error(&e))?;
    let summary = parse_summary(&body)?;
    // Kept as sent (JSON is UTF-8; parsing checked only the strings it read).
    let text = String::from_utf8(body.to_vec()).map_err(|_| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            "nội dung không phải UTF-8",
        )
    })?;
    summary.verify().map_err(|e| {
        let code = match e {
            crate::domain::summary::SummaryError::Mismatch { .. } => "totals_mismatch",
            crate::domain::summary::SummaryError::Invalid { .. } => "invalid_field",
        };
        unprocessable(code, e.to_string())
    })?;
    if summary.point_code != code {
        return Err(unprocessable(
            "invalid_field",
            format!(
                "trường point_code là {} nhưng địa chỉ là {code}",
                summary.point_code
            ),
        ));
    }
    if summary.business_date != date {
        return Err(unprocessable(
            "invalid_field",
            format!(
                "trường business_date là {} nhưng địa chỉ là {date}",
                summary.business_date
            ),
        ));
    }
    let revision = summary.revision;
    let put = state
        .writer
        .put(summary, text)
        .await
        .ok_or_else(|| ApiError::internal("writer gone"))??;
    match put {
        days::Put::Done(outcome) => {
            tracing::info!(point = %code, %date, revision, ?outcome, "daily summary");
            Ok(Json(PutAnswer { outcome, revision }))
        }
        days::Put::Conflict { kept } => Err(ApiError::new(
            StatusCode::CONFLICT,
            "revision_conflict",
            format!("máy chủ đã có bản {kept} của ngày {date}; bản {revision} không được ghi"),
        )),
    }
}

async fn point_status(
    State(state): State<AppState>,
    path: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
) -> Result<Json<days::Status>, ApiError> {
    let Path(code) = path.map_err(|e| path_error(&e))?;
    checked_code(&code)?;
    let status = state
        .with_db(move |conn| {
            authorise(conn, &code, &headers)?;
            Ok(days::status(conn, &code)?)
        })
        .await?;
    Ok(Json(status))
}

async fn catalogue(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<Catalogue>, ApiError> {
    let products = state
        .with_db(move |conn| {
            let token = headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(super::auth::bearer)
                .ok_or_else(ApiError::unauthorized)?;
            if points::owner(conn, token)?.is_none() {
                return Err(ApiError::unauthorized());
            }
            Ok(registry::all(conn)?)
        })
        .await?;
    Ok(Json(Catalogue {
        schema: CATALOGUE_SCHEMA.to_owned(),
        products,
    }))
}
