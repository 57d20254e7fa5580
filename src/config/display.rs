//! `[display]`: a second window facing the customer.

use serde::{Deserialize, Serialize};

/// `[display]`
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Display {
    /// Open a customer-facing window with the cart, the total, the VietQR code while paying and
    /// the change after the sale (on the second monitor of a dual-screen till).
    pub customer: bool,
}
