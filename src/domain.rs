//! Pure rules and types of the till: no I/O, no database, no window.

pub mod barcode;
pub mod money;
pub mod qty;
pub mod text;
pub mod vat;

pub use money::Vnd;
pub use qty::Qty;
