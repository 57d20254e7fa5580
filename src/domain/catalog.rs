//! Producers and products with their OCOP data: group, stars, certificate and its validity.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::money::Vnd;
use super::vat::VatSchedule;

/// The legal form of an OCOP producer ("chủ thể").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProducerKind {
    /// Hợp tác xã (cooperative).
    Htx,
    /// Doanh nghiệp (enterprise).
    DoanhNghiep,
    /// Hộ kinh doanh / hộ sản xuất (household business).
    HoKinhDoanh,
    /// Tổ hợp tác (cooperative group).
    ToHopTac,
}

impl ProducerKind {
    /// Every kind.
    pub const ALL: [ProducerKind; 4] = [
        ProducerKind::Htx,
        ProducerKind::DoanhNghiep,
        ProducerKind::HoKinhDoanh,
        ProducerKind::ToHopTac,
    ];

    /// The stored (and CSV) name.
    pub fn as_str(self) -> &'static str {
        match self {
            ProducerKind::Htx => "htx",
            ProducerKind::DoanhNghiep => "doanh_nghiep",
            ProducerKind::HoKinhDoanh => "ho_kinh_doanh",
            ProducerKind::ToHopTac => "to_hop_tac",
        }
    }

    /// The Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            ProducerKind::Htx => "Hợp tác xã",
            ProducerKind::DoanhNghiep => "Doanh nghiệp",
            ProducerKind::HoKinhDoanh => "Hộ kinh doanh",
            ProducerKind::ToHopTac => "Tổ hợp tác",
        }
    }

    /// Parses the stored name.
    pub fn parse(text: &str) -> Option<ProducerKind> {
        let text = text.trim().to_ascii_lowercase();
        ProducerKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// An OCOP producer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Producer {
    /// Short unique code.
    pub code: String,
    /// Full name.
    pub name: String,
    /// Legal form.
    pub kind: ProducerKind,
    /// 5-digit commune code of the 2025 two-level system (empty if unknown).
    pub commune_code: String,
    /// Tax code (MST), 10, 12 or 13 digits (empty if unknown).
    pub tax_code: String,
}

/// The six OCOP product groups of Decision 919/QĐ-TTg.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct OcopGroup(u8);

impl OcopGroup {
    /// The group numbered 1–6, or None.
    pub fn new(number: u8) -> Option<OcopGroup> {
        (1..=6).contains(&number).then_some(OcopGroup(number))
    }

    /// Its number, 1–6.
    pub fn number(self) -> u8 {
        self.0
    }

    /// The Vietnamese name of the group.
    pub fn name_vi(self) -> &'static str {
        match self.0 {
            1 => "Thực phẩm",
            2 => "Đồ uống",
            3 => "Dược liệu và sản phẩm từ dược liệu",
            4 => "Hàng thủ công mỹ nghệ",
            5 => "Sinh vật cảnh",
            _ => "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
        }
    }
}

impl TryFrom<u8> for OcopGroup {
    type Error = String;
    fn try_from(n: u8) -> Result<Self, Self::Error> {
        OcopGroup::new(n).ok_or_else(|| format!("nhóm OCOP {n} không hợp lệ (1–6)"))
    }
}

impl From<OcopGroup> for u8 {
    fn from(g: OcopGroup) -> u8 {
        g.0
    }
}

/// An OCOP star rating; only 3, 4 and 5 stars are certified OCOP products.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Stars(u8);

impl Stars {
    /// 3, 4 or 5 stars, or None.
    pub fn new(n: u8) -> Option<Stars> {
        (3..=5).contains(&n).then_some(Stars(n))
    }

    /// The number of stars.
    pub fn count(self) -> u8 {
        self.0
    }

    /// `★★★★` for receipts and screens.
    pub fn symbols(self) -> String {
        "★".repeat(usize::from(self.0))
    }
}

impl TryFrom<u8> for Stars {
    type Error = String;
    fn try_from(n: u8) -> Result<Self, Self::Error> {
        Stars::new(n).ok_or_else(|| format!("số sao {n} không hợp lệ (3–5)"))
    }
}

impl From<Stars> for u8 {
    fn from(s: Stars) -> u8 {
        s.0
    }
}

/// How long an OCOP certificate is valid after its decision date.
pub const CERTIFICATE_MONTHS: u32 = 36;

/// An OCOP recognition decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    /// Decision number, e.g. "1234/QĐ-UBND".
    pub number: String,
    /// Decision date.
    pub date: NaiveDate,
}

/// Where a certificate stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificateStatus {
    /// Valid for more than the warning window.
    Valid,
    /// Valid, but ends within the warning window.
    ExpiresSoon {
        /// Days left (0 = ends today).
        days_left: i64,
    },
    /// Ended: the product may no longer be sold as OCOP.
    Expired,
}

impl Certificate {
    /// The last day the certificate is valid: the decision date plus 36 months.
    pub fn valid_until(&self) -> NaiveDate {
        self.date
            .checked_add_months(Months::new(CERTIFICATE_MONTHS))
            .unwrap_or(NaiveDate::MAX)
    }

    /// Its status on `today`, warning `warn_days` ahead.
    pub fn status(&self, today: NaiveDate, warn_days: i64) -> CertificateStatus {
        let days_left = (self.valid_until() - today).num_days();
        if days_left < 0 {
            CertificateStatus::Expired
        } else if days_left <= warn_days {
            CertificateStatus::ExpiresSoon { days_left }
        } else {
            CertificateStatus::Valid
        }
    }
}

/// A product as the catalogue holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    /// Unique product code.
    pub code: String,
    /// Name with diacritics, as printed.
    pub name: String,
    /// Selling unit: chai, hũ, hộp, kg…
    pub unit: String,
    /// Retail price per unit, VAT included.
    pub price: Vnd,
    /// VAT rates over time.
    pub vat: VatSchedule,
    /// OCOP product group.
    pub group: Option<OcopGroup>,
    /// OCOP stars.
    pub stars: Option<Stars>,
    /// The OCOP recognition decision.
    pub certificate: Option<Certificate>,
    /// Code of the producer.
    pub producer_code: Option<String>,
    /// Barcodes (GTINs or in-store codes).
    pub barcodes: Vec<String>,
    /// Scale item number used in weight/price-embedded barcodes.
    pub plu: Option<u32>,
    /// Sold by weight (quantities in grams).
    pub sold_by_weight: bool,
    /// Offered for sale.
    pub active: bool,
}

/// Checks a product code: 1–32 upper-case ASCII letters, digits, `-`, `_` or `.`.
pub fn valid_code(code: &str) -> bool {
    (1..=32).contains(&code.len())
        && code.bytes().all(|b| {
            b.is_ascii_uppercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
        })
}

/// Checks a tax code (MST): 10 digits (enterprise), 12 (personal ID as tax code), 13 (branch), or
/// the branch form `0123456789-001`.
pub fn valid_tax_code(tax: &str) -> bool {
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    match tax.split_once('-') {
        Some((head, branch)) => {
            head.len() == 10 && branch.len() == 3 && digits(head) && digits(branch)
        }
        None => matches!(tax.len(), 10 | 12 | 13) && digits(tax),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn certificates_last_36_months() {
        let cert = Certificate {
            number: "1234/QĐ-UBND".into(),
            date: date(2023, 12, 20),
        };
        assert_eq!(cert.valid_until(), date(2026, 12, 20));
        assert_eq!(
            cert.status(date(2026, 11, 30), 90),
            CertificateStatus::ExpiresSoon { days_left: 20 }
        );
        assert_eq!(
            cert.status(date(2026, 12, 21), 90),
            CertificateStatus::Expired
        );
        assert_eq!(cert.status(date(2025, 1, 1), 90), CertificateStatus::Valid);
        let leap = Certificate {
            number: "x".into(),
            date: date(2024, 2, 29),
        };
        assert_eq!(leap.valid_until(), date(2027, 2, 28));
    }

    #[test]
    fn groups_stars_and_codes() {
        assert_eq!(OcopGroup::new(2).map(OcopGroup::name_vi), Some("Đồ uống"));
        assert_eq!(OcopGroup::new(7), None);
        assert_eq!(Stars::new(2), None);
        assert_eq!(Stars::new(4).map(Stars::symbols).as_deref(), Some("★★★★"));
        assert!(valid_code("NM-HAQUANG-500"));
        assert!(!valid_code("nm-1"));
        assert!(!valid_code(""));
        assert!(!valid_code("NƯỚC"));
        assert_eq!(ProducerKind::parse("HTX"), Some(ProducerKind::Htx));
        assert_eq!(ProducerKind::parse("cty"), None);
    }
}
