//! Pure rules and types of the till: no I/O, no database, no window.

pub mod auth;
pub mod barcode;
pub mod cart;
pub mod catalog;
pub mod lot;
pub mod money;
pub mod payment;
pub mod pricing;
pub mod qty;
pub mod shift;
pub mod stock;
pub mod summary;
pub mod text;
pub mod vat;

pub use money::Vnd;
pub use qty::Qty;
