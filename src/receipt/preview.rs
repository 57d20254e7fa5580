//! The PNG preview: the same image the raster encoder sends, as a 1-bit greyscale PNG for the
//! screen (reprints, the settings page) and for looking at receipts in tests.

use super::raster::{self, Bitmap};
use super::{Document, Error, Width};

/// `bitmap` as a PNG (black on white).
pub fn png(bitmap: &Bitmap) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, bitmap.width, bitmap.height.max(1));
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::One);
    let mut writer = encoder
        .write_header()
        .map_err(|e| Error::Png(e.to_string()))?;
    // PNG greyscale has 0 = black, the printer 1 = black.
    let mut data: Vec<u8> = bitmap.bits.iter().map(|b| !b).collect();
    if bitmap.height == 0 {
        data = vec![0xFF; bitmap.stride()];
    }
    writer
        .write_image_data(&data)
        .map_err(|e| Error::Png(e.to_string()))?;
    writer.finish().map_err(|e| Error::Png(e.to_string()))?;
    Ok(out)
}

/// The preview of `doc` on `width` paper.
pub fn document(doc: &Document, width: Width) -> Result<Vec<u8>, Error> {
    png(&raster::render(doc, width)?)
}
