//! The HTTP client of the hub (reqwest, blocking, rustls): one `PUT` per daily summary. Call it
//! from a worker thread, never from the window's thread.

use std::time::Duration;

use reqwest::StatusCode;
use reqwest::blocking::Client as Http;
use reqwest::header::CONTENT_TYPE;

use super::protocol::{Catalogue, ErrorBody, PutAnswer, day_path, status_path};

/// Why a request did not get an answer the till can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// No answer: the hub is down, unreachable or too slow. Tried again later.
    #[error("không kết nối được máy chủ tỉnh: {0}")]
    Unreachable(String),
    /// The hub failed (5xx, 408, 429). Tried again later.
    #[error("máy chủ tỉnh tạm thời lỗi ({status}): {message}")]
    Busy {
        /// The HTTP status.
        status: u16,
        /// What it said.
        message: String,
    },
    /// The hub refused the request (401, 403, 422, …): the manager must fix the token, the
    /// address or the data; it is not retried blindly.
    #[error("máy chủ tỉnh từ chối ({status} {code}): {message}")]
    Refused {
        /// The HTTP status.
        status: u16,
        /// The hub's error code.
        code: String,
        /// The hub's message, naming the problem.
        message: String,
    },
    /// The settings cannot make a client.
    #[error("cấu hình đồng bộ không dùng được: {0}")]
    Settings(String),
}

impl Error {
    /// Whether waiting and trying again may help.
    pub fn is_transient(&self) -> bool {
        matches!(self, Error::Unreachable(_) | Error::Busy { .. })
    }
}

/// What the hub did with a summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// Stored, replaced, or already there unchanged.
    Accepted(PutAnswer),
    /// 409: the hub keeps a higher revision; the till counts it as delivered.
    Conflict(String),
}

/// Makes ring the process's TLS crypto provider: reqwest is built without a default one, and
/// every HTTP client needs it. Installing twice is harmless (the second call only reports the first).
pub fn install_crypto() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// A client for one hub and one point token.
#[derive(Debug, Clone)]
pub struct Client {
    http: Http,
    base: String,
    token: String,
}

impl Client {
    /// A client for `base` (e.g. `https://hub.example`) sending `token`.
    pub fn new(base: &str, token: &str, timeout: Duration) -> Result<Client, Error> {
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(Error::Settings(format!("địa chỉ máy chủ tỉnh '{base}'")));
        }
        install_crypto();
        let http = Http::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("ocop-pos/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::Settings(e.to_string()))?;
        Ok(Client {
            http,
            base: base.trim_end_matches('/').to_owned(),
            token: token.to_owned(),
        })
    }

    /// `PUT`s a daily summary body (JSON, as kept in the outbox).
    pub fn put_day(
        &self,
        point: &str,
        date: chrono::NaiveDate,
        body: &str,
    ) -> Result<Delivery, Error> {
        let response = self
            .http
            .put(format!("{}{}", self.base, day_path(point, date)))
            .bearer_auth(&self.token)
            .header(CONTENT_TYPE, "application/json")
            .body(body.to_owned())
            .send()
            .map_err(|e| Error::Unreachable(e.to_string()))?;
        let status = response.status();
        let text = response
            .text()
            .map_err(|e| Error::Unreachable(e.to_string()))?;
        if status.is_success() {
            return serde_json::from_str(&text)
                .map(Delivery::Accepted)
                .map_err(|_| Error::Busy {
                    status: status.as_u16(),
                    message: "câu trả lời không đọc được".into(),
                });
        }
        let error = answer_error(status, &text);
        match error {
            Error::Refused {
                status: 409,
                message,
                ..
            } => Ok(Delivery::Conflict(message)),
            e => Err(e),
        }
    }

    /// The province's OCOP registry.
    pub fn catalogue(&self) -> Result<Catalogue, Error> {
        let response = self
            .http
            .get(format!("{}/api/v1/catalogue", self.base))
            .bearer_auth(&self.token)
            .send()
            .map_err(|e| Error::Unreachable(e.to_string()))?;
        let status = response.status();
        let text = response
            .text()
            .map_err(|e| Error::Unreachable(e.to_string()))?;
        if !status.is_success() {
            return Err(answer_error(status, &text));
        }
        serde_json::from_str(&text).map_err(|e| Error::Busy {
            status: status.as_u16(),
            message: format!("danh mục không đọc được: {e}"),
        })
    }

    /// The hub's status of `point` as JSON text.
    pub fn status(&self, point: &str) -> Result<String, Error> {
        let response = self
            .http
            .get(format!("{}{}", self.base, status_path(point)))
            .bearer_auth(&self.token)
            .send()
            .map_err(|e| Error::Unreachable(e.to_string()))?;
        let status = response.status();
        let text = response
            .text()
            .map_err(|e| Error::Unreachable(e.to_string()))?;
        if status.is_success() {
            Ok(text)
        } else {
            Err(answer_error(status, &text))
        }
    }
}

fn answer_error(status: StatusCode, text: &str) -> Error {
    let body: ErrorBody = serde_json::from_str(text).unwrap_or_else(|_| ErrorBody {
        code: String::new(),
        message: text.chars().take(200).collect(),
    });
    if status.is_server_error()
        || status == StatusCode::REQUEST_TIMEOUT
        || status == StatusCode::TOO_MANY_REQUESTS
    {
        Error::Busy {
            status: status.as_u16(),
            message: body.message,
        }
    } else {
        Error::Refused {
            status: status.as_u16(),
            code: body.code,
            message: body.message,
        }
    }
}
