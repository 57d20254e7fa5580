//! The till's side of the hub (design.md §5): the wire [`protocol`], the HTTP [`client`], and the
//! outbox [`push`]er with its backoff. Core code: no axum, no iced; it runs on a worker thread.

pub mod client;
pub mod protocol;
pub mod push;
pub mod worker;
