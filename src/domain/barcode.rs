//! EAN/UPC barcodes and GS1 in-store (restricted-circulation, prefix 20–29) codes.
//!
//! A scan is classified into a producer GTIN, a weighed or priced label from a scale, or a product
//! code typed by a clerk. Codes the till generates for products without a GS1 number stay inside
//! 20–29: 893… numbers must be registered with GS1 Vietnam and are never invented here.

use serde::{Deserialize, Serialize};

use super::money::Vnd;
use super::qty::Qty;

/// Why a scanned or typed code was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// Nothing was scanned or typed.
    #[error("chưa quét hoặc nhập mã")]
    Empty,
    /// A control character (often a misconfigured scanner suffix) inside the code.
    #[error("mã chứa ký tự điều khiển")]
    ControlChar,
    /// Longer than any barcode or product code.
    #[error("mã quá dài ({0} ký tự, tối đa 64)")]
    TooLong(usize),
    /// Something other than the digits 0–9.
    #[error("mã vạch \"{0}\" chỉ được chứa chữ số")]
    NotDigits(String),
    /// Not 8, 12 or 13 digits.
    #[error("mã vạch {code} có {len} chữ số, phải là 8, 12 hoặc 13")]
    WrongLength {
        /// The code as given.
        code: String,
        /// Its number of digits.
        len: usize,
    },
    /// The last digit does not match the GS1 check digit.
    #[error("mã vạch {code} sai số kiểm tra (phải là {expected})")]
    CheckDigit {
        /// The code as given.
        code: String,
        /// The check digit the data digits call for.
        expected: u8,
    },
    /// A weighed or priced label that carries zero.
    #[error("mã vạch {0} có khối lượng hoặc giá bằng 0")]
    ZeroValue(String),
    /// An item number with more digits than the layout holds.
    #[error("mã hàng {item} không vừa {digits} chữ số")]
    ItemTooLarge {
        /// The item number.
        item: u32,
        /// Digits the layout gives it.
        digits: u8,
    },
    /// A weight or price that is zero, negative, too large or not a whole number of units.
    #[error("giá trị {0} không mã hóa được theo mẫu mã vạch này")]
    ValueOutOfRange(i64),
    /// An in-store prefix outside 20–29.
    #[error("đầu mã {0} không thuộc vùng mã nội bộ 20–29")]
    PrefixOutOfRange(u8),
    /// Two layouts share a prefix.
    #[error("đầu mã {0} được khai báo hai lần")]
    DuplicatePrefix(u8),
    /// The internal-code prefix is also a weight/price layout.
    #[error("đầu mã nội bộ {0} trùng với một mẫu mã cân/giá")]
    InternalPrefixClash(u8),
    /// A layout with an item field of other than 4–6 digits.
    #[error("mẫu mã đầu {prefix}: mã hàng phải có từ 4 đến 6 chữ số (đang là {digits})")]
    ItemDigits {
        /// The layout's prefix.
        prefix: u8,
        /// The configured item digits.
        digits: u8,
    },
    /// An internal sequence number above 10 digits.
    #[error("số thứ tự {0} vượt quá 10 chữ số")]
    SeqTooLarge(u64),
}

/// Longest input `classify` accepts, in characters.
const MAX_INPUT_CHARS: usize = 64;

/// GS1 mod-10 check digit of `data_digits` (weights 3, 1, 3… from the rightmost data digit).
///
/// `gs1_check_digit("893456313816")` is `Ok(5)`.
pub fn gs1_check_digit(data_digits: &str) -> Result<u8, Error> {
    if data_digits.is_empty() {
        return Err(Error::Empty);
    }
    if !data_digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::NotDigits(data_digits.to_owned()));
    }
    let sum: u32 = data_digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    // `sum % 10` is below 10, so the digit fits a u8.
    Ok(((10 - sum % 10) % 10) as u8)
}

/// The retail barcode families the till reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Symbology {
    /// 13 digits (GTIN-13), including in-store 20–29 codes.
    Ean13,
    /// 8 digits (GTIN-8) for small packs.
    Ean8,
    /// 12 digits (GTIN-12), North American imports.
    UpcA,
}

/// Checks that `code` is an EAN-13, EAN-8 or UPC-A with a correct check digit.
pub fn validate(code: &str) -> Result<Symbology, Error> {
    if code.is_empty() {
        return Err(Error::Empty);
    }
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::NotDigits(code.to_owned()));
    }
    let symbology = match code.len() {
        13 => Symbology::Ean13,
        8 => Symbology::Ean8,
        12 => Symbology::UpcA,
        len => {
            return Err(Error::WrongLength {
                code: code.to_owned(),
                len,
            });
        }
    };
    let (data, check) = code.split_at(code.len() - 1);
    let expected = gs1_check_digit(data)?;
    if check.as_bytes().first().map(|b| b - b'0') != Some(expected) {
        return Err(Error::CheckDigit {
            code: code.to_owned(),
            expected,
        });
    }
    Ok(symbology)
}

/// What the value field of a variable-measure code holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// Net weight in grams (thousandths of a kg).
    WeightGrams,
    /// Price in đồng.
    PriceVnd,
    /// Price in hundreds of đồng (`01250` = 125.000 ₫).
    PriceHundredsVnd,
}

/// One variable-measure EAN-13 layout: `prefix(2) + item + value + check`, item + value = 10 digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub struct InStoreLayout {
    /// The two leading digits, 20..=29.
    pub prefix: u8,
    /// Digits of the item number, 4..=6; the value gets the remaining `10 - item_digits`.
    pub item_digits: u8,
    /// What the value digits mean.
    pub value: ValueKind,
}

impl InStoreLayout {
    /// Digits of the value field.
    pub fn value_digits(&self) -> u8 {
        10_u8.saturating_sub(self.item_digits)
    }

    fn validate(&self) -> Result<(), Error> {
        if !(20..=29).contains(&self.prefix) {
            return Err(Error::PrefixOutOfRange(self.prefix));
        }
        if !(4..=6).contains(&self.item_digits) {
            return Err(Error::ItemDigits {
                prefix: self.prefix,
                digits: self.item_digits,
            });
        }
        Ok(())
    }
}

/// How the shop's scales and label printers use the 20–29 range (part of the till configuration).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", default, deny_unknown_fields)]
pub struct BarcodeRules {
    /// Weighed and priced layouts, one per prefix.
    pub layouts: Vec<InStoreLayout>,
    /// Prefix of fixed internal codes for products without a GS1 number.
    pub internal_prefix: u8,
}

impl Default for BarcodeRules {
    /// 20 = weight in grams (5-digit item); 21 = price in đồng (4-digit item, up to 999.999 ₫);
    /// 22 = price in hundreds of đồng (5-digit item, up to 9.999.900 ₫); 29 = internal codes.
    ///
    /// The common European `PP IIIII VVVVV` price layout only reaches 99.999 ₫, too little for many
    /// OCOP goods (honey, ginseng liquor, brocade), hence the 6-digit and hundreds-of-đồng layouts.
    fn default() -> Self {
        let layout = |prefix, item_digits, value| InStoreLayout {
            prefix,
            item_digits,
            value,
        };
        BarcodeRules {
            layouts: vec![
                layout(20, 5, ValueKind::WeightGrams),
                layout(21, 4, ValueKind::PriceVnd),
                layout(22, 5, ValueKind::PriceHundredsVnd),
            ],
            internal_prefix: 29,
        }
    }
}

impl BarcodeRules {
    /// Checks prefixes (20..=29, unique, internal prefix not reused) and item digits (4..=6).
    pub fn validate(&self) -> Result<(), Error> {
        if !(20..=29).contains(&self.internal_prefix) {
            return Err(Error::PrefixOutOfRange(self.internal_prefix));
        }
        for (i, layout) in self.layouts.iter().enumerate() {
            layout.validate()?;
            if layout.prefix == self.internal_prefix {
                return Err(Error::InternalPrefixClash(layout.prefix));
            }
            if self.layouts[..i].iter().any(|l| l.prefix == layout.prefix) {
                return Err(Error::DuplicatePrefix(layout.prefix));
            }
        }
        Ok(())
    }

    /// The layout for a two-digit prefix, if any.
    pub fn layout(&self, prefix: u8) -> Option<&InStoreLayout> {
        self.layouts.iter().find(|l| l.prefix == prefix)
    }
}

/// A scan or typed code, sorted into what the till does with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scan {
    /// A fixed product barcode; 13 digits (UPC-A gets a leading 0), EAN-8 stays 8 digits.
    Gtin(String),
    /// A weighed label: item number and weight (thousandths of a kg, i.e. grams).
    Weighted {
        /// Item number from the scale's PLU list.
        item: u32,
        /// Net weight.
        qty: Qty,
    },
    /// A priced label: item number and the price to charge.
    Priced {
        /// Item number from the scale's PLU list.
        item: u32,
        /// Price of the labelled pack.
        price: Vnd,
    },
    /// Anything else: a product code typed by a clerk, trimmed.
    Code(String),
}

/// Sorts a scanner or keyboard input into a [`Scan`].
///
/// Surrounding whitespace and the scanner's CR/LF suffix are removed. All-digit inputs of 8, 12 or
/// 13 digits must carry a correct check digit; 13-digit ones with a configured 20–29 prefix are
/// decoded. Other inputs (letters, other lengths) are product codes.
pub fn classify(input: &str, rules: &BarcodeRules) -> Result<Scan, Error> {
    let code = input.trim();
    if code.is_empty() {
        return Err(Error::Empty);
    }
    let chars = code.chars().count();
    if chars > MAX_INPUT_CHARS {
        return Err(Error::TooLong(chars));
    }
    if code.chars().any(char::is_control) {
        return Err(Error::ControlChar);
    }
    if !code.bytes().all(|b| b.is_ascii_digit()) || ![8, 12, 13].contains(&code.len()) {
        return Ok(Scan::Code(code.to_owned()));
    }
    match validate(code)? {
        Symbology::UpcA => Ok(Scan::Gtin(format!("0{code}"))),
        Symbology::Ean8 => Ok(Scan::Gtin(code.to_owned())),
        Symbology::Ean13 => match code.get(..2).and_then(|p| p.parse().ok()) {
            Some(prefix) => match rules.layout(prefix) {
                Some(layout) => decode(code, layout),
                None => Ok(Scan::Gtin(code.to_owned())),
            },
            None => Ok(Scan::Gtin(code.to_owned())),
        },
    }
}

/// Decodes a checked 13-digit code with `layout`.
fn decode(code: &str, layout: &InStoreLayout) -> Result<Scan, Error> {
    let item_end = 2 + usize::from(layout.item_digits);
    let field = |range: std::ops::Range<usize>| -> Result<u64, Error> {
        code.get(range)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| Error::NotDigits(code.to_owned()))
    };
    let item = field(2..item_end)?;
    let value = field(item_end..12)?;
    if value == 0 {
        return Err(Error::ZeroValue(code.to_owned()));
    }
    // At most 6 and 8 digits: both conversions always succeed.
    let item = u32::try_from(item).map_err(|_| Error::NotDigits(code.to_owned()))?;
    let value = i64::try_from(value).map_err(|_| Error::NotDigits(code.to_owned()))?;
    Ok(match layout.value {
        ValueKind::WeightGrams => Scan::Weighted {
            item,
            qty: Qty(value),
        },
        ValueKind::PriceVnd => Scan::Priced {
            item,
            price: Vnd(value),
        },
        ValueKind::PriceHundredsVnd => Scan::Priced {
            item,
            price: Vnd(value * 100),
        },
    })
}

/// Builds the EAN-13 for a weighed or priced label; the inverse of [`classify`].
///
/// `value` is in grams for weights and in đồng for prices; a hundreds-of-đồng layout needs a
/// multiple of 100. Fails when the layout is invalid, or item or value do not fit their digits.
pub fn encode_in_store(layout: &InStoreLayout, item: u32, value: i64) -> Result<String, Error> {
    layout.validate()?;
    let stored = match layout.value {
        ValueKind::PriceHundredsVnd if value % 100 != 0 => {
            return Err(Error::ValueOutOfRange(value));
        }
        ValueKind::PriceHundredsVnd => value / 100,
        ValueKind::WeightGrams | ValueKind::PriceVnd => value,
    };
    let item_digits = usize::from(layout.item_digits);
    let value_digits = usize::from(layout.value_digits());
    if u64::from(item) >= 10_u64.pow(u32::from(layout.item_digits)) {
        return Err(Error::ItemTooLarge {
            item,
            digits: layout.item_digits,
        });
    }
    if stored <= 0 || stored >= 10_i64.pow(u32::from(layout.value_digits())) {
        return Err(Error::ValueOutOfRange(value));
    }
    let data = format!(
        "{:02}{item:0item_digits$}{stored:0value_digits$}",
        layout.prefix
    );
    let check = gs1_check_digit(&data)?;
    Ok(format!("{data}{check}"))
}

/// A fixed in-store EAN-13, `prefix + 10-digit seq + check`, for a product with no GS1 number.
///
/// `prefix` must be 20..=29, so the result can never collide with a real (e.g. 893…) GTIN.
pub fn internal_code(prefix: u8, seq: u64) -> Result<String, Error> {
    if !(20..=29).contains(&prefix) {
        return Err(Error::PrefixOutOfRange(prefix));
    }
    if seq >= 10_000_000_000 {
        return Err(Error::SeqTooLarge(seq));
    }
    let data = format!("{prefix}{seq:010}");
    let check = gs1_check_digit(&data)?;
    Ok(format!("{data}{check}"))
}

/// True for a valid EAN-13 in the in-store range 20–29 (scale labels and internal codes).
pub fn is_in_store(code: &str) -> bool {
    code.starts_with('2') && validate(code) == Ok(Symbology::Ean13)
}

// The tests live in `barcode/tests.rs` to keep this file under 400 lines.
#[cfg(test)]
mod tests;
