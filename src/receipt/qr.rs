//! QR codes as a matrix of modules, drawn by the raster encoder (the text encoders use the
//! printer's own `GS ( k` instead). Built with the `qrcode` crate, without its image features.

use qrcode::{Color, EcLevel, QrCode};

use super::Error;

/// A QR symbol: `side` × `side` modules, without the quiet zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    /// Modules per side.
    pub side: u32,
    dark: Vec<bool>,
}

impl Matrix {
    /// Whether module (x, y) is dark; false outside the symbol.
    pub fn dark(&self, x: u32, y: u32) -> bool {
        x < self.side && y < self.side && self.dark[(y * self.side + x) as usize]
    }
}

/// The symbol of `data` at error-correction level M (15 % of the modules may be lost: enough for
/// thermal paper that smudges, small enough for a VietQR payload to stay a version-5 code).
pub fn matrix(data: &str) -> Result<Matrix, Error> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)
        .map_err(|e| Error::Qr(e.to_string()))?;
    let side = u32::try_from(code.width()).map_err(|e| Error::Qr(e.to_string()))?;
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Ok(Matrix { side, dark })
}
