//! The raster encoder: the document drawn with the embedded font into a 1-bit image of the paper
//! width, sent as `GS v 0` bands. Rows without ink are not sent but fed over with `ESC J`, and
//! each band is cut after its last inked byte, which keeps a receipt within tens of kilobytes.
//! QR codes and barcodes are drawn into the image too, so one path serves every printer.

pub mod glyph;

use super::document::Style;
use super::layout::{self, Measure, Row};
use super::{Document, Error, Profile, Width, code128, ean13, escpos, qr};

/// Rows per `GS v 0` band: printers buffer a band before printing it, and 256 rows of 72 bytes
/// fit the smallest buffers.
pub const BAND_ROWS: usize = 256;
/// Dots per QR module.
pub const QR_MODULE: u32 = 4;
/// Height of Code 128 bars in dots.
pub const BAR_HEIGHT: u32 = 64;
/// Height of EAN-13 bars in dots (about 12 mm: shorter than the standard, as shelf labels are).
pub const EAN_HEIGHT: u32 = 96;

/// A 1-bit image: rows of `stride` bytes, most significant bit leftmost, 1 = black (the
/// `GS v 0` layout).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bitmap {
    /// Dots across.
    pub width: u32,
    /// Rows.
    pub height: u32,
    /// `height` rows of `width.div_ceil(8)` bytes.
    pub bits: Vec<u8>,
}

impl Bitmap {
    /// A white image.
    pub fn new(width: u32, height: u32) -> Bitmap {
        let stride = width.div_ceil(8) as usize;
        Bitmap {
            width,
            height,
            bits: vec![0; stride * height as usize],
        }
    }

    /// Bytes per row.
    pub fn stride(&self) -> usize {
        self.width.div_ceil(8) as usize
    }

    /// Row `y`.
    pub fn row(&self, y: u32) -> &[u8] {
        let s = self.stride();
        let start = y as usize * s;
        self.bits.get(start..start + s).unwrap_or(&[])
    }

    /// Whether dot (x, y) is black; false outside the image.
    pub fn get(&self, x: u32, y: u32) -> bool {
        x < self.width
            && y < self.height
            && self.bits[y as usize * self.stride() + (x / 8) as usize] & (0x80 >> (x % 8)) != 0
    }

    /// Blackens dot (x, y); dots outside the image are ignored.
    pub fn set(&mut self, x: i64, y: i64) {
        if x < 0 || y < 0 || x >= i64::from(self.width) || y >= i64::from(self.height) {
            return;
        }
        let (x, y) = (x as usize, y as usize);
        let s = self.stride();
        self.bits[y * s + x / 8] |= 0x80 >> (x % 8);
    }

    /// Blackens a rectangle.
    pub fn fill(&mut self, x: i64, y: i64, w: u32, h: u32) {
        for dy in 0..i64::from(h) {
            for dx in 0..i64::from(w) {
                self.set(x + dx, y + dy);
            }
        }
    }

    /// Adds `rows` white rows at the bottom and returns the first one's index.
    fn grow(&mut self, rows: u32) -> u32 {
        let top = self.height;
        self.height += rows;
        self.bits.resize(self.stride() * self.height as usize, 0);
        top
    }
}

/// The raster's measure: advances of the embedded font in 1/16 dots across `0` dots of paper.
pub struct Dots(pub u32);

impl Measure for Dots {
    fn advance(&self, ch: char, style: Style) -> u32 {
        glyph::advance(ch, style)
    }

    fn line(&self) -> u32 {
        self.0 * glyph::SUB
    }
}

/// Height of a text row in `style`: the tallest and deepest letters plus two dots of leading.
pub fn row_height(style: Style) -> u32 {
    let (above, below) = glyph::extent(style);
    above + below + 2
}

fn draw_text(bitmap: &mut Bitmap, style: Style, spans: &[layout::Span]) {
    let (above, _) = glyph::extent(style);
    let top = bitmap.grow(row_height(style));
    let baseline = i64::from(top + 1 + above);
    for span in spans {
        let mut pen = span.x;
        for ch in span.text.chars() {
            let g = glyph::glyph(ch, style);
            let x0 = i64::from((pen + glyph::SUB / 2) / glyph::SUB) + i64::from(g.left);
            let y0 = baseline + i64::from(g.top);
            for gy in 0..g.height {
                for gx in 0..g.width {
                    if g.get(gx, gy) {
                        bitmap.set(x0 + i64::from(gx), y0 + i64::from(gy));
                    }
                }
            }
            pen += glyph::advance(ch, style);
        }
    }
}

fn draw_qr(bitmap: &mut Bitmap, data: &str) -> Result<(), Error> {
    let matrix = qr::matrix(data)?;
    let side = matrix.side;
    // Four quiet modules each side, as the standard asks; smaller modules if the paper is narrow.
    let module = (QR_MODULE..=QR_MODULE)
        .chain((1..QR_MODULE).rev())
        .find(|m| (side + 8) * m <= bitmap.width)
        .ok_or_else(|| Error::Qr(format!("mã QR {side} ô không vừa khổ giấy")))?;
    let size = side * module;
    let left = i64::from((bitmap.width - size) / 2);
    let top = i64::from(bitmap.grow(size + 8 * module)) + i64::from(4 * module);
    for y in 0..side {
        for x in 0..side {
            if matrix.dark(x, y) {
                let (x, y) = (i64::from(x * module), i64::from(y * module));
                bitmap.fill(left + x, top + y, module, module);
            }
        }
    }
    Ok(())
}

fn draw_code128(bitmap: &mut Bitmap, data: &str) {
    let Ok(symbols) = code128::symbols(data) else {
        return;
    };
    let modules = code128::modules(&symbols);
    let count = u32::try_from(modules.len()).unwrap_or(u32::MAX);
    // Ten quiet modules each side; a barcode that does not fit at one dot per module is left out
    // (the number is printed as text under it anyway).
    let Some(module) = (1..=3).rev().find(|m| (count + 20) * m <= bitmap.width) else {
        return;
    };
    let left = i64::from((bitmap.width - count * module) / 2);
    let top = i64::from(bitmap.grow(BAR_HEIGHT + 8)) + 4;
    for (i, bar) in (0_i64..).zip(&modules) {
        if *bar {
            bitmap.fill(left + i * i64::from(module), top, module, BAR_HEIGHT);
        }
    }
}

/// An EAN-13 with its quiet zones (eleven modules left, seven right), three dots a module where
/// the paper allows; a code that is not a valid EAN-13 is left out (its digits print under it).
fn draw_ean13(bitmap: &mut Bitmap, code: &str) {
    let Ok(modules) = ean13::modules(code) else {
        return;
    };
    let count = u32::try_from(modules.len()).unwrap_or(u32::MAX);
    let Some(module) = (1..=3).rev().find(|m| (count + 18) * m <= bitmap.width) else {
        return;
    };
    let left = i64::from((bitmap.width - count * module) / 2);
    let top = i64::from(bitmap.grow(EAN_HEIGHT + 8)) + 4;
    for (i, bar) in (0_i64..).zip(&modules) {
        if *bar {
            bitmap.fill(left + i * i64::from(module), top, module, EAN_HEIGHT);
        }
    }
}

/// The document drawn at `width`, cuts left out (a preview shows the paper as one strip).
pub fn render(doc: &Document, width: Width) -> Result<Bitmap, Error> {
    Ok(render_parts(doc, width)?.concat())
}

/// The drawn document split at its cuts.
struct Parts(Vec<Bitmap>);

impl Parts {
    fn concat(self) -> Bitmap {
        let width = self.0.first().map_or(0, |b| b.width);
        let mut out = Bitmap::new(width, 0);
        for part in self.0 {
            let top = out.grow(part.height);
            let start = top as usize * out.stride();
            out.bits[start..].copy_from_slice(&part.bits);
        }
        out
    }
}

fn render_parts(doc: &Document, width: Width) -> Result<Parts, Error> {
    if !glyph::fonts_ok() {
        return Err(Error::Font);
    }
    let dots = width.dots();
    let rows = layout::layout(doc, &Dots(dots));
    let mut parts = Vec::new();
    let mut bitmap = Bitmap::new(dots, 0);
    for row in &rows {
        match row {
            Row::Text { style, spans } => draw_text(&mut bitmap, *style, spans),
            Row::Rule => {
                let top = bitmap.grow(12);
                bitmap.fill(0, i64::from(top + 5), dots, 2);
            }
            Row::Qr(data) => draw_qr(&mut bitmap, data)?,
            Row::Code128(data) => draw_code128(&mut bitmap, data),
            Row::Ean13(code) => draw_ean13(&mut bitmap, code),
            Row::Feed(n) => {
                bitmap.grow(u32::from(*n) * row_height(Style::PLAIN));
            }
            Row::Cut => parts.push(std::mem::replace(&mut bitmap, Bitmap::new(dots, 0))),
        }
    }
    parts.push(bitmap);
    Ok(Parts(parts))
}

/// Bytes of a `GS v 0` header.
const BAND_HEADER: usize = 8;

/// Splits a run of inked rows, given each row's width in bytes, into bands of at most
/// [`BAND_ROWS`] rows that cost the fewest bytes: a band costs its header plus its rows times its
/// widest row, so the narrow rows of tone marks and descenders go in bands of their own when that
/// pays. Returns the band lengths.
fn split(widths: &[usize]) -> Vec<usize> {
    let n = widths.len();
    // best[j]: (cost of rows 0..j, start of the last band).
    let mut best = vec![(0_usize, 0_usize); n + 1];
    for j in 1..=n {
        let mut widest = 0;
        best[j] = (usize::MAX, 0);
        for i in (j.saturating_sub(BAND_ROWS)..j).rev() {
            widest = widest.max(widths[i]);
            let cost = best[i].0 + BAND_HEADER + (j - i) * widest;
            if cost < best[j].0 {
                best[j] = (cost, i);
            }
        }
    }
    let mut lengths = Vec::new();
    let mut j = n;
    while j > 0 {
        let i = best[j].1;
        lengths.push(j - i);
        j = i;
    }
    lengths.reverse();
    lengths
}

/// Appends `bitmap` as bands: white rows fed over with `ESC J`, each run of inked rows as
/// `GS v 0` bands cut after their rightmost inked byte (see [`split`]).
pub fn bands(bitmap: &Bitmap, out: &mut Vec<u8>) {
    let widths: Vec<usize> = (0..bitmap.height)
        .map(|y| {
            bitmap
                .row(y)
                .iter()
                .rposition(|b| *b != 0)
                .map_or(0, |i| i + 1)
        })
        .collect();
    let mut y = 0;
    while y < widths.len() {
        let white = widths[y..].iter().take_while(|w| **w == 0).count();
        let mut left = white;
        while left > 0 {
            let n = left.min(255);
            out.extend_from_slice(&escpos::feed_dots(u8::try_from(n).unwrap_or(u8::MAX)));
            left -= n;
        }
        y += white;
        let run = widths[y..].iter().take_while(|w| **w > 0).count();
        for rows in split(&widths[y..y + run]) {
            let width = widths[y..y + rows].iter().copied().max().unwrap_or(0);
            let mut data = Vec::with_capacity(width * rows);
            for row in y..y + rows {
                let row = u32::try_from(row).unwrap_or(u32::MAX);
                data.extend_from_slice(&bitmap.row(row)[..width]);
            }
            escpos::raster(
                out,
                u16::try_from(width).unwrap_or(u16::MAX),
                u16::try_from(rows).unwrap_or(u16::MAX),
                &data,
            );
            y += rows;
        }
    }
}

/// The printer bytes of `doc` as raster: init, the image in bands, feed and cut at each cut.
pub fn encode(doc: &Document, profile: &Profile) -> Result<Vec<u8>, Error> {
    let parts = render_parts(doc, profile.width)?;
    let mut out = Vec::with_capacity(32 * 1024);
    out.extend_from_slice(&escpos::INIT);
    let last = parts.0.len().saturating_sub(1);
    for (i, part) in parts.0.iter().enumerate() {
        bands(part, &mut out);
        if i < last {
            out.extend_from_slice(&escpos::feed_lines(profile.feed_lines));
            out.extend_from_slice(&escpos::cut(profile.cut));
        }
    }
    Ok(out)
}
