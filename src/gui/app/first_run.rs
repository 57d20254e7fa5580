//! The first-run form's fields.

/// A field of the first-run form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Point name.
    PointName,
    /// Point code.
    PointCode,
    /// Address.
    Address,
    /// Tax code.
    TaxCode,
    /// Admin name.
    AdminName,
    /// Admin PIN.
    AdminPin,
}

/// The first-run form.
#[derive(Debug, Clone, Default)]
pub struct SetupForm {
    /// Point name.
    pub point_name: String,
    /// Point code.
    pub point_code: String,
    /// Address.
    pub address: String,
    /// Tax code.
    pub tax_code: String,
    /// Admin name.
    pub admin_name: String,
    /// Admin PIN.
    pub admin_pin: String,
    /// Load the sample catalogue.
    pub sample: bool,
}
