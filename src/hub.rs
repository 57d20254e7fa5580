//! The provincial hub (design.md §6): receives the tills' daily summaries over HTTP (API v1,
//! design.md §5) and keeps them in its own SQLite file. The only module besides `ocop-hub` that
//! speaks axum; it shares nothing with the till window.

pub mod api;
pub mod auth;
pub mod dashboard;
pub mod login;
pub mod serve;
pub mod store;
pub mod writer;

pub use serve::{Handle, Settings};
