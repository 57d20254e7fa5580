//! The outbox: messages for the hub (daily summaries) written in the transaction that makes them.

/// Why a outbox operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum OutboxError {}
