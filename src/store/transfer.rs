//! Transfers between points: a transfer-out document with a code, and the transfer-in that receives it.

/// Why a transfer operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {}
