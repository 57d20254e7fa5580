//! A line's lot: the one the clerk picked (otherwise first-expiry-first-out), and the manager who
//! allowed selling expired goods.

use serde::{Deserialize, Serialize};

use super::{Cart, CartError};
use crate::domain::auth::{Approval, UserId};

/// Which lot a line sells from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LotChoice {
    /// The lot picked by the clerk; `None` draws first-expiry-first-out.
    pub lot_id: Option<i64>,
    /// The manager who allowed goods past their expiry on this line.
    pub expired_approved_by: Option<UserId>,
}

impl Cart {
    /// Sells line `index` from lot `lot_id` (or back to first-expiry-first-out with `None`). A new
    /// pick drops an earlier approval for expired goods.
    pub fn pick_lot(&mut self, index: usize, lot_id: Option<i64>) -> Result<(), CartError> {
        self.unpaid()?;
        let line = self.line_mut(index)?;
        line.lot = LotChoice {
            lot_id,
            expired_approved_by: None,
        };
        Ok(())
    }

    /// Records a manager's approval to sell line `index` from an expired lot.
    pub fn approve_expired(&mut self, index: usize, approval: Approval) -> Result<(), CartError> {
        let line = self.line_mut(index)?;
        line.lot.expired_approved_by = Some(approval.manager);
        Ok(())
    }
}
