//! The certificate fields of the form: checked on save, and the warning for one ending.

use chrono::NaiveDate;

use super::Form;
use crate::domain::catalog::{Certificate, CertificateStatus};
use crate::gui::i18n::Lang;
use crate::store::receiving::parse_date;

/// Writes a refusal naming its field: (Vietnamese field, English field, Vietnamese, English).
pub(super) type Say<'a> = &'a dyn Fn(&str, &str, String, String) -> String;

impl Form {
    /// The certificate typed: none, or a number with a real date not in the future (a starred
    /// product must have one).
    pub(super) fn checked_certificate(
        &self,
        starred: bool,
        today: NaiveDate,
        say: Say<'_>,
    ) -> Result<Option<Certificate>, String> {
        let number = self.cert_no.trim();
        let date_text = self.cert_date.trim();
        if number.is_empty() && date_text.is_empty() {
            if starred {
                return Err(say(
                    "Số quyết định công nhận",
                    "Certificate number",
                    "sản phẩm có sao OCOP cần số và ngày quyết định công nhận".into(),
                    "a starred OCOP product needs its decision number and date".into(),
                ));
            }
            return Ok(None);
        }
        if number.is_empty() {
            return Err(say(
                "Số quyết định công nhận",
                "Certificate number",
                "chưa nhập (ví dụ 1234/QĐ-UBND)".into(),
                "missing (e.g. 1234/QĐ-UBND)".into(),
            ));
        }
        let Some(date) = parse_date(date_text) else {
            return Err(say(
                "Ngày quyết định công nhận",
                "Certificate date",
                format!(
                    "\"{date_text}\" không phải ngày hợp lệ (nhập ngày/tháng/năm, ví dụ 20/12/2024)"
                ),
                format!("\"{date_text}\" is not a valid date (day/month/year, e.g. 20/12/2024)"),
            ));
        };
        if date > today {
            return Err(say(
                "Ngày quyết định công nhận",
                "Certificate date",
                format!("{} là ngày trong tương lai", date.format("%d/%m/%Y")),
                format!("{} is in the future", date.format("%d/%m/%Y")),
            ));
        }
        Ok(Some(Certificate {
            number: number.to_owned(),
            date,
        }))
    }
}

/// A warning about a certificate that has ended or ends within `warn_days`, or None.
pub fn certificate_warning(
    cert: &Certificate,
    today: NaiveDate,
    warn_days: i64,
    lang: Lang,
) -> Option<String> {
    let day = cert.valid_until().format("%d/%m/%Y");
    match (cert.status(today, warn_days), lang) {
        (CertificateStatus::Valid, _) => None,
        (CertificateStatus::Expired, Lang::Vi) => Some(format!("Chứng nhận OCOP hết hạn {day}")),
        (CertificateStatus::Expired, Lang::En) => Some(format!("OCOP certificate expired {day}")),
        (CertificateStatus::ExpiresSoon { days_left }, Lang::Vi) => Some(format!(
            "Chứng nhận OCOP sắp hết hạn: {day} (còn {days_left} ngày)"
        )),
        (CertificateStatus::ExpiresSoon { days_left }, Lang::En) => Some(format!(
            "OCOP certificate ends soon: {day} ({days_left} days left)"
        )),
    }
}
