//! Receipts: a device-independent [`Document`] (built from a sale, a shift report or a test page)
//! and the encoders that turn it into ESC/POS bytes — raster (`GS v 0` bands of the document drawn
//! with the embedded Vietnamese font: right on any printer), text in a code page (WPC1258, TCVN-3)
//! or plain ASCII — or into a PNG preview. Everything here is pure: no printer, file or network.

pub mod code128;
pub mod codepage;
pub mod decode;
pub mod document;
pub mod drawer;
pub mod ean13;
pub mod escpos;
pub mod layout;
pub mod preview;
pub mod qr;
pub mod raster;
pub mod text;
pub mod vietqr;

pub use document::Document;

use serde::{Deserialize, Serialize};

/// Paper width: 58 mm rolls print 384 dots (32 columns of font A), 80 mm rolls 576 dots (48).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub enum Width {
    /// 58 mm paper.
    Mm58,
    /// 80 mm paper.
    #[default]
    Mm80,
}

impl Width {
    /// Printable dots across.
    pub fn dots(self) -> u32 {
        match self {
            Width::Mm58 => 384,
            Width::Mm80 => 576,
        }
    }

    /// Characters of font A (12 × 24 dots) across.
    pub fn columns(self) -> u32 {
        self.dots() / 12
    }

    /// The width in millimetres, as the config writes it.
    pub fn mm(self) -> u8 {
        match self {
            Width::Mm58 => 58,
            Width::Mm80 => 80,
        }
    }
}

impl TryFrom<u8> for Width {
    type Error = String;
    fn try_from(mm: u8) -> Result<Self, Self::Error> {
        match mm {
            58 => Ok(Width::Mm58),
            80 => Ok(Width::Mm80),
            _ => Err(format!("khổ giấy {mm} mm không hỗ trợ: chỉ 58 hoặc 80")),
        }
    }
}

impl From<Width> for u8 {
    fn from(width: Width) -> u8 {
        width.mm()
    }
}

/// How a document becomes printer bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    /// The document drawn with the embedded font and sent as an image: right on every printer.
    #[default]
    Raster,
    /// Text in Windows-1258 (Epson page 52): precomposed base letters, tone marks as combining
    /// bytes. Only for printers verified to overstrike them.
    Wpc1258,
    /// Text in TCVN-3, lower case from one code page and capitals from another.
    Tcvn3,
    /// Text without diacritics, for slow serial links.
    Ascii,
}

/// How the paper is cut at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Cut {
    /// Leaves a hinge so the receipt does not fall.
    #[default]
    Partial,
    /// Cuts through.
    Full,
}

/// `ESC t n` numbers of the Vietnamese code pages; clones number them differently, so they are
/// configured per printer (its self-test page lists them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CodePages {
    /// Windows-1258 (Epson: 52).
    pub wpc1258: u8,
    /// TCVN-3 part 1, lower-case letters (Epson: 30).
    pub tcvn3_lower: u8,
    /// TCVN-3 part 2, capitals (Epson: 31).
    pub tcvn3_upper: u8,
}

impl Default for CodePages {
    fn default() -> Self {
        CodePages {
            wpc1258: 52,
            tcvn3_lower: 30,
            tcvn3_upper: 31,
        }
    }
}

/// What the encoders need to know about one printer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Profile {
    /// Paper width.
    pub width: Width,
    /// Raster or which text code page.
    pub encoding: Encoding,
    /// Code page numbers for the text encodings.
    pub pages: CodePages,
    /// Cut style.
    pub cut: Cut,
    /// Lines fed before the cut so the last printed line clears the cutter.
    pub feed_lines: u8,
}

impl Default for Profile {
    /// Raster on 80 mm paper, Epson's page numbers, four lines fed before a partial cut.
    fn default() -> Self {
        Profile {
            width: Width::Mm80,
            encoding: Encoding::Raster,
            pages: CodePages::default(),
            cut: Cut::Partial,
            feed_lines: 4,
        }
    }
}

/// A document could not be encoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The QR code data does not fit a QR code.
    #[error("không tạo được mã QR: {0}")]
    Qr(String),
    /// The embedded font does not parse (a damaged build).
    #[error("phông chữ nhúng trong chương trình bị hỏng")]
    Font,
    /// The PNG preview could not be written.
    #[error("không tạo được ảnh xem trước PNG: {0}")]
    Png(String),
}

/// The bytes of `doc` for the printer described by `profile`.
pub fn encode(doc: &Document, profile: &Profile) -> Result<Vec<u8>, Error> {
    match profile.encoding {
        Encoding::Raster => raster::encode(doc, profile),
        Encoding::Wpc1258 | Encoding::Tcvn3 | Encoding::Ascii => text::encode(doc, profile),
    }
}
