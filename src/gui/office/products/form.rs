//! The product form: what the manager typed, checked field by field into a catalogue
//! [`Product`], every refusal naming the field in the window's language.

use chrono::NaiveDate;

use crate::domain::barcode;
use crate::domain::catalog::{self, Certificate, OcopGroup, Product, Stars};
use crate::domain::money::Vnd;
use crate::domain::vat::{VatRate, VatSchedule};
use crate::gui::i18n::Lang;
use crate::store::receiving::parse_date;

/// A text field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Product code.
    Code,
    /// Name.
    Name,
    /// Selling unit.
    Unit,
    /// Retail price.
    Price,
    /// VAT rate in percent.
    Vat,
    /// OCOP group 1–6.
    Group,
    /// OCOP stars 3–5.
    Stars,
    /// Producer code.
    Producer,
    /// Certificate decision number.
    CertNo,
    /// Certificate decision date.
    CertDate,
    /// A barcode typed by hand.
    Barcode,
    /// How many labels to print.
    Copies,
}

/// The form's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form {
    /// The product as loaded (None for a new one): what the form does not show is kept from it.
    pub original: Option<Product>,
    /// Product code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Price.
    pub price: String,
    /// VAT in percent.
    pub vat: String,
    /// OCOP group.
    pub group: String,
    /// Stars.
    pub stars: String,
    /// Producer code.
    pub producer: String,
    /// Certificate number.
    pub cert_no: String,
    /// Certificate date.
    pub cert_date: String,
    /// Barcodes.
    pub barcodes: Vec<String>,
    /// A barcode being typed.
    pub barcode: String,
    /// Labels to print.
    pub copies: String,
    /// Sold by weight.
    pub by_weight: bool,
    /// Offered for sale.
    pub active: bool,
}

/// A VAT rate as typed: `8`, `8%`, `5,25`.
fn vat_text(rate: VatRate) -> String {
    rate.to_string().trim_end_matches('%').to_owned()
}

impl Form {
    /// An empty form for a new product: 8 % VAT, by the piece, on sale.
    pub fn new_product() -> Form {
        Form {
            vat: "8".into(),
            unit: String::new(),
            copies: "1".into(),
            active: true,
            ..Form::default()
        }
    }

    /// The form of a stored product, its VAT as of `today`.
    pub fn of(product: Product, today: NaiveDate) -> Form {
        Form {
            code: product.code.clone(),
            name: product.name.clone(),
            unit: product.unit.clone(),
            price: product.price.0.to_string(),
            vat: product.vat.rate_on(today).map(vat_text).unwrap_or_default(),
            group: product
                .group
                .map(|g| g.number().to_string())
                .unwrap_or_default(),
            stars: product
                .stars
                .map(|s| s.count().to_string())
                .unwrap_or_default(),
            producer: product.producer_code.clone().unwrap_or_default(),
            cert_no: product
                .certificate
                .as_ref()
                .map(|c| c.number.clone())
                .unwrap_or_default(),
            cert_date: product
                .certificate
                .as_ref()
                .map(|c| c.date.format("%d/%m/%Y").to_string())
                .unwrap_or_default(),
            barcodes: product.barcodes.clone(),
            barcode: String::new(),
            copies: "1".into(),
            by_weight: product.sold_by_weight,
            active: product.active,
            original: Some(product),
        }
    }

    /// Whether the form edits a stored product.
    pub fn is_new(&self) -> bool {
        self.original.is_none()
    }

    /// The text of `field`.
    pub fn get_mut(&mut self, field: Field) -> &mut String {
        match field {
            Field::Code => &mut self.code,
            Field::Name => &mut self.name,
            Field::Unit => &mut self.unit,
            Field::Price => &mut self.price,
            Field::Vat => &mut self.vat,
            Field::Group => &mut self.group,
            Field::Stars => &mut self.stars,
            Field::Producer => &mut self.producer,
            Field::CertNo => &mut self.cert_no,
            Field::CertDate => &mut self.cert_date,
            Field::Barcode => &mut self.barcode,
            Field::Copies => &mut self.copies,
        }
    }

    /// Adds a barcode after checking its digits; the refusal names the problem.
    pub fn add_barcode(&mut self, code: &str, lang: Lang) -> Result<(), String> {
        let code = code.trim();
        if let Err(err) = barcode::validate(code) {
            return Err(match lang {
                Lang::Vi => format!("Mã vạch: {err}"),
                Lang::En => format!("Barcode: {err}"),
            });
        }
        if self.barcodes.iter().any(|b| b == code) {
            return Err(match lang {
                Lang::Vi => format!("Mã vạch {code} đã có trong danh sách"),
                Lang::En => format!("Barcode {code} is already listed"),
            });
        }
        self.barcodes.push(code.to_owned());
        Ok(())
    }

    /// The certificate as typed, if it reads as one (for the warning shown under the form).
    pub fn certificate(&self) -> Option<Certificate> {
        Some(Certificate {
            number: self.cert_no.trim().to_owned(),
            date: parse_date(&self.cert_date)?,
        })
    }

    /// The product the form describes, or the first problem, naming its field. `producers` are
    /// the known producer codes.
    pub fn product(
        &self,
        producers: &[String],
        today: NaiveDate,
        lang: Lang,
    ) -> Result<Product, String> {
        let say = |field_vi: &str, field_en: &str, vi: String, en: String| match lang {
            Lang::Vi => format!("{field_vi}: {vi}"),
            Lang::En => format!("{field_en}: {en}"),
        };
        let code = self.code.trim();
        if !catalog::valid_code(code) {
            return Err(say(
                "Mã sản phẩm",
                "Product code",
                "1–32 ký tự chữ in hoa không dấu, số, '-', '_' hoặc '.' (ví dụ MO-HAQUANG-500)"
                    .into(),
                "1–32 upper-case letters, digits, '-', '_' or '.' (e.g. MO-HAQUANG-500)".into(),
            ));
        }
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 120 {
            return Err(say(
                "Tên sản phẩm",
                "Name",
                "cần từ 1 đến 120 ký tự".into(),
                "1 to 120 characters needed".into(),
            ));
        }
        let unit = self.unit.trim();
        if unit.is_empty() || unit.chars().count() > 20 {
            return Err(say(
                "Đơn vị tính",
                "Unit",
                "cần từ 1 đến 20 ký tự (chai, hũ, hộp, kg…)".into(),
                "1 to 20 characters (bottle, jar, box, kg…)".into(),
            ));
        }
        let price = self
            .price
            .parse::<Vnd>()
            .ok()
            .filter(|p| !p.is_negative() && p.is_within_limit())
            .ok_or_else(|| {
                say(
                    "Giá bán",
                    "Price",
                    format!(
                        "\"{}\" không phải số đồng hợp lệ (ví dụ 125000)",
                        self.price.trim()
                    ),
                    format!(
                        "\"{}\" is not an amount in đồng (e.g. 125000)",
                        self.price.trim()
                    ),
                )
            })?;
        let vat = self.vat_schedule(today).ok_or_else(|| {
            say(
                "Thuế suất GTGT",
                "VAT rate",
                format!(
                    "\"{}\" không hợp lệ: nhập phần trăm như 0, 5, 8 hoặc 10",
                    self.vat.trim()
                ),
                format!(
                    "\"{}\" is not valid: a percentage such as 0, 5, 8 or 10",
                    self.vat.trim()
                ),
            )
        })?;
        let group = match self.group.trim() {
            "" => None,
            g => Some(
                g.parse::<u8>()
                    .ok()
                    .and_then(OcopGroup::new)
                    .ok_or_else(|| {
                        say(
                            "Nhóm OCOP",
                            "OCOP group",
                            format!("\"{g}\" không hợp lệ: chọn nhóm 1–6"),
                            format!("\"{g}\" is not valid: a group 1–6"),
                        )
                    })?,
            ),
        };
        let stars = match self.stars.trim() {
            "" => None,
            s => Some(s.parse::<u8>().ok().and_then(Stars::new).ok_or_else(|| {
                say(
                    "Số sao OCOP",
                    "OCOP stars",
                    format!(
                        "\"{s}\" không hợp lệ: chỉ 3, 4 hoặc 5 sao (để trống nếu chưa xếp hạng)"
                    ),
                    format!("\"{s}\" is not valid: 3, 4 or 5 only (empty if not rated)"),
                )
            })?),
        };
        if stars.is_some() && group.is_none() {
            return Err(say(
                "Nhóm OCOP",
                "OCOP group",
                "sản phẩm có sao OCOP phải thuộc một nhóm 1–6".into(),
                "a starred OCOP product belongs to a group 1–6".into(),
            ));
        }
        let certificate = self.checked_certificate(stars.is_some(), today, &say)?;
        let producer = self.producer.trim();
        if !producer.is_empty() && !producers.iter().any(|p| p == producer) {
            return Err(say(
                "Nhà sản xuất",
                "Producer",
                format!("không có nhà sản xuất mã \"{producer}\""),
                format!("no producer has the code \"{producer}\""),
            ));
        }
        let original = self.original.as_ref();
        Ok(Product {
            code: code.to_owned(),
            name: name.to_owned(),
            unit: unit.to_owned(),
            price,
            vat,
            group,
            stars,
            certificate,
            producer_code: (!producer.is_empty()).then(|| producer.to_owned()),
            barcodes: self.barcodes.clone(),
            plu: original.and_then(|p| p.plu),
            sold_by_weight: self.by_weight,
            active: self.active,
        })
    }

    /// The VAT schedule: the stored one when the rate shown was left alone (it may hold a
    /// planned change), else the typed rate for all dates.
    fn vat_schedule(&self, today: NaiveDate) -> Option<VatSchedule> {
        if let Some(original) = &self.original
            && original.vat.rate_on(today).map(vat_text).as_deref() == Some(self.vat.trim())
        {
            return Some(original.vat.clone());
        }
        let typed = self.vat.trim().trim_end_matches('%').trim();
        let (whole, frac) = typed.split_once([',', '.']).unwrap_or((typed, ""));
        if whole.is_empty()
            || frac.len() > 2
            || !(whole.bytes().chain(frac.bytes())).all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let bp = whole
            .parse::<u16>()
            .ok()?
            .checked_mul(100)?
            .checked_add(format!("{frac:0<2}").parse::<u16>().ok()?)?;
        VatRate::new(bp).ok().map(VatSchedule::single)
    }
}

mod certificate;
#[cfg(test)]
mod tests;

pub use certificate::certificate_warning;
