//! Shift reports (X and Z) given as label/value rows, and the printer test page.

use super::sale::{footer, header};
use super::{Block, Document, Style};
use crate::receipt::{Encoding, Profile};
use crate::store::settings::PointProfile;

/// A report: header, bold `title`, then one row per `(label, value)`; a row with an empty value
/// prints its label as a bold heading.
pub fn report(point: &PointProfile, title: &str, rows: &[(String, String)]) -> Document {
    let mut doc = Document::new();
    header(&mut doc, point);
    doc.centered(title, Style::BOLD);
    doc.rule();
    for (label, value) in rows {
        if value.trim().is_empty() {
            doc.line(String::new());
            doc.text(label.as_str(), super::Align::Left, Style::BOLD);
        } else {
            doc.pair(label.as_str(), value.as_str(), Style::PLAIN);
        }
    }
    doc.rule();
    doc.finish();
    doc
}

/// Every Vietnamese letter, lower case then capitals.
pub const VIETNAMESE_LOWER: &str =
    "aàáảãạăằắẳẵặâầấẩẫậ eèéẻẽẹêềếểễệ iìíỉĩị oòóỏõọôồốổỗộơờớởỡợ uùúủũụưừứửữự yỳýỷỹỵ đ";

/// The capitals of [`VIETNAMESE_LOWER`].
pub const VIETNAMESE_UPPER: &str =
    "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ EÈÉẺẼẸÊỀẾỂỄỆ IÌÍỈĨỊ OÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ UÙÚỦŨỤƯỪỨỬỮỰ YỲÝỶỸỴ Đ";

/// The printer test page: the settings in use, every Vietnamese letter, a column ruler of the
/// paper width, bold and large text, a QR code and a Code 128 barcode.
pub fn test_page(point: &PointProfile, profile: &Profile) -> Document {
    let mut doc = Document::new();
    header(&mut doc, point);
    doc.centered("TRANG IN THỬ", Style::BOLD);
    let encoding = match profile.encoding {
        Encoding::Raster => "ảnh raster (GS v 0)".to_owned(),
        Encoding::Wpc1258 => format!("WPC1258, trang mã {}", profile.pages.wpc1258),
        Encoding::Tcvn3 => format!(
            "TCVN-3, trang mã {}/{}",
            profile.pages.tcvn3_lower, profile.pages.tcvn3_upper
        ),
        Encoding::Ascii => "ASCII không dấu".to_owned(),
    };
    doc.pair("Cách in", encoding, Style::PLAIN);
    doc.pair(
        "Khổ giấy",
        format!(
            "{} mm, {} cột, {} điểm",
            profile.width.mm(),
            profile.width.columns(),
            profile.width.dots()
        ),
        Style::PLAIN,
    );
    doc.rule();
    doc.line(VIETNAMESE_LOWER);
    doc.line(VIETNAMESE_UPPER);
    doc.line("Nước mắm Cửa Khe – Quế Trà My – Đảng sâm – thổ cẩm");
    doc.pair("Sản phẩm OCOP ★★★★★", "125.000 ₫", Style::PLAIN);
    let ruler: String = (1..=profile.width.columns())
        .filter_map(|i| char::from_digit(i % 10, 10))
        .collect();
    doc.line(ruler);
    doc.text("Chữ đậm", super::Align::Left, Style::BOLD);
    doc.text("Chữ lớn", super::Align::Left, Style::LARGE);
    doc.push(Block::Qr("OCOP Till – in thử".to_owned()));
    doc.push(Block::Code128("OCOP-123456".to_owned()));
    doc.centered("OCOP-123456", Style::PLAIN);
    footer(&mut doc, "Máy in hoạt động tốt nếu mọi dòng trên đọc được.");
    doc.finish();
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alphabet_has_67_letters_of_each_case() {
        let marked = |s: &str| s.chars().filter(|c| !c.is_ascii()).count();
        assert_eq!(marked(VIETNAMESE_LOWER), 67);
        assert_eq!(marked(VIETNAMESE_UPPER), 67);
        assert_eq!(VIETNAMESE_LOWER.to_uppercase(), VIETNAMESE_UPPER);
    }
}
