//! Roles, PIN rules, manager approvals and the kinds of act the audit log records.

use serde::{Deserialize, Serialize};

/// What a user may do at the till.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Sells, parks and recalls carts.
    Clerk,
    /// Also approves refunds, voids, overrides and discounts over the limit; runs the back office.
    Manager,
    /// Also manages users and settings.
    Admin,
}

impl Role {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Clerk => "clerk",
            Role::Manager => "manager",
            Role::Admin => "admin",
        }
    }

    /// The Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            Role::Clerk => "Thu ngân",
            Role::Manager => "Quản lý",
            Role::Admin => "Quản trị",
        }
    }

    /// Whether this role may approve what needs a manager's PIN.
    pub fn can_approve(self) -> bool {
        self >= Role::Manager
    }
}

impl std::str::FromStr for Role {
    type Err = AuthError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "clerk" | "thu-ngan" => Ok(Role::Clerk),
            "manager" | "quan-ly" => Ok(Role::Manager),
            "admin" | "quan-tri" => Ok(Role::Admin),
            other => Err(AuthError::UnknownRole(other.to_owned())),
        }
    }
}

/// A database id of a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UserId(pub i64);

/// Proof that a manager entered a correct PIN. Only code inside the crate makes one
/// (`store::users::approve` after checking the PIN), so a caller cannot forge it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Approval {
    pub(crate) manager: UserId,
}

impl Approval {
    /// An approval by `manager`; callers must have checked the manager's PIN or role.
    pub(crate) fn new(manager: UserId) -> Approval {
        Approval { manager }
    }

    /// The approving manager or admin.
    pub fn manager(&self) -> UserId {
        self.manager
    }
}

/// Problems with roles and PINs that need no database to detect.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    /// Not one of clerk / manager / admin.
    #[error("vai trò không hợp lệ: \"{0}\" (chọn clerk, manager hoặc admin)")]
    UnknownRole(String),
    /// A PIN must be 4 to 8 digits.
    #[error("mã PIN phải gồm 4 đến 8 chữ số")]
    BadPin,
    /// A user name must be 1 to 40 characters without control characters.
    #[error("tên người dùng phải có từ 1 đến 40 ký tự")]
    BadName,
}

/// Checks that a PIN is 4 to 8 ASCII digits.
pub fn validate_pin(pin: &str) -> Result<(), AuthError> {
    if (4..=8).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(AuthError::BadPin)
    }
}

/// Checks and trims a user name.
pub fn validate_user_name(name: &str) -> Result<&str, AuthError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 40 || name.chars().any(char::is_control) {
        Err(AuthError::BadName)
    } else {
        Ok(name)
    }
}

/// The sensitive acts written to the append-only audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    /// A cart was abandoned with lines in it.
    VoidCart,
    /// A refund was completed.
    Refund,
    /// A line's price was changed from the list price beyond the clerk's limit.
    PriceOverride,
    /// A discount above the clerk's limit was given.
    DiscountOverLimit,
    /// The cash drawer was opened without a sale.
    DrawerOpen,
    /// Stock was adjusted by hand.
    StockAdjust,
    /// A user was created.
    UserAdded,
    /// A user was locked out after repeated wrong PINs.
    PinLockout,
    /// A catalogue file was imported.
    CatalogueImport,
    /// Goods from an expired lot were sold with a manager's approval.
    ExpiredLotSale,
    /// A stock document (receiving, stock take, transfer, consignment return) was posted.
    DocumentPosted,
    /// Cash was put into or taken out of the drawer during a shift.
    CashMove,
    /// A shift was closed (Z report), with its cash difference.
    ShiftClosed,
    /// A consignment period was settled with a producer.
    ConsignmentSettled,
    /// The database was restored from a backup.
    Restore,
    /// The point's profile or the till's configuration was changed in the back office.
    SettingsChanged,
    /// A user's PIN was reset by an admin.
    PinReset,
    /// A product was created or changed in the back office.
    ProductSaved,
}

impl AuditAction {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::VoidCart => "void_cart",
            AuditAction::Refund => "refund",
            AuditAction::PriceOverride => "price_override",
            AuditAction::DiscountOverLimit => "discount_over_limit",
            AuditAction::DrawerOpen => "drawer_open",
            AuditAction::StockAdjust => "stock_adjust",
            AuditAction::UserAdded => "user_added",
            AuditAction::PinLockout => "pin_lockout",
            AuditAction::CatalogueImport => "catalogue_import",
            AuditAction::ExpiredLotSale => "expired_lot_sale",
            AuditAction::DocumentPosted => "document_posted",
            AuditAction::CashMove => "cash_move",
            AuditAction::ShiftClosed => "shift_closed",
            AuditAction::ConsignmentSettled => "consignment_settled",
            AuditAction::Restore => "restore",
            AuditAction::SettingsChanged => "settings_changed",
            AuditAction::PinReset => "pin_reset",
            AuditAction::ProductSaved => "product_saved",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_are_four_to_eight_digits() {
        assert_eq!(validate_pin("1234"), Ok(()));
        assert_eq!(validate_pin("12345678"), Ok(()));
        assert_eq!(validate_pin("123"), Err(AuthError::BadPin));
        assert_eq!(validate_pin("123456789"), Err(AuthError::BadPin));
        assert_eq!(validate_pin("12a4"), Err(AuthError::BadPin));
        assert_eq!(validate_pin("１２３４"), Err(AuthError::BadPin));
    }

    #[test]
    fn roles_parse_and_rank() {
        assert_eq!("Manager".parse::<Role>(), Ok(Role::Manager));
        assert!(matches!(
            "boss".parse::<Role>(),
            Err(AuthError::UnknownRole(_))
        ));
        assert!(!Role::Clerk.can_approve());
        assert!(Role::Manager.can_approve());
        assert!(Role::Admin.can_approve());
    }
}
