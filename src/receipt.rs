//! Receipts and what goes on them: for now the VietQR payload of bank-transfer payments.

pub mod vietqr;
