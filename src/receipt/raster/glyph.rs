//! Glyphs of the embedded font (Be Vietnam Pro), scaled and thresholded to 1 bit, cached for the
//! life of the process; and the OCOP star, which the font lacks, drawn as a polygon.
// Font outlines are in floating point; this module turns them into whole dots and 1/16-dot
// advances, so no float leaves it (and none is anywhere near money).
#![allow(clippy::float_arithmetic)]

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};

use crate::receipt::document::Style;

/// Be Vietnam Pro Regular (OFL, see assets/fonts/).
pub static REGULAR_TTF: &[u8] = include_bytes!("../../../assets/fonts/BeVietnamPro-Regular.ttf");
/// Be Vietnam Pro Bold.
pub static BOLD_TTF: &[u8] = include_bytes!("../../../assets/fonts/BeVietnamPro-Bold.ttf");

/// Pixel size of normal text: Be Vietnam Pro's letters average 0.56 em, so 21 dots give the
/// 12 dots per character of printer font A (48 columns on 576 dots).
pub const NORMAL_PX: u32 = 20;
/// Pixel size of large text.
pub const LARGE_PX: u32 = 32;
/// Sub-dot units per dot in advances.
pub const SUB: u32 = 16;

/// The OCOP star.
const STAR: char = '★';

struct Fonts {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

static FONTS: LazyLock<Option<Fonts>> = LazyLock::new(|| {
    Some(Fonts {
        regular: FontRef::try_from_slice(REGULAR_TTF).ok()?,
        bold: FontRef::try_from_slice(BOLD_TTF).ok()?,
    })
});

/// True when the embedded fonts parse (they always should; checked before rendering).
pub fn fonts_ok() -> bool {
    FONTS.is_some()
}

/// The font size of `style`.
pub fn px(style: Style) -> u32 {
    if style.large { LARGE_PX } else { NORMAL_PX }
}

/// Dots above the baseline that the tallest Vietnamese letter (a capital with a stacked tone mark,
/// 1.16 em in this font) and dots below it that the deepest (ỵ, 0.25 em) need at `style`.
pub fn extent(style: Style) -> (u32, u32) {
    let px = px(style);
    (px * 117 / 100 + 1, px * 26 / 100 + 1)
}

fn font(style: Style) -> Option<&'static FontRef<'static>> {
    let fonts = FONTS.as_ref()?;
    Some(if style.bold {
        &fonts.bold
    } else {
        &fonts.regular
    })
}

/// The advance of `ch` in 1/16 dots.
pub fn advance(ch: char, style: Style) -> u32 {
    let px = px(style) as f32;
    if ch == STAR {
        return (px * 0.9 * SUB as f32).round() as u32;
    }
    let Some(font) = font(style) else {
        return 0;
    };
    let scaled = font.as_scaled(PxScale::from(px));
    (scaled.h_advance(font.glyph_id(ch)) * SUB as f32)
        .round()
        .max(0.0) as u32
}

/// A glyph as dots: `width` × `height` booleans (true = black), placed `left` dots right of the
/// pen and `top` dots below the baseline (negative: above).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Glyph {
    /// Offset of the first column from the pen.
    pub left: i32,
    /// Offset of the first row from the baseline.
    pub top: i32,
    /// Columns.
    pub width: u32,
    /// Rows.
    pub height: u32,
    /// Row-major dots.
    pub dots: Vec<bool>,
}

impl Glyph {
    /// Whether dot (x, y) of the glyph is black.
    pub fn get(&self, x: u32, y: u32) -> bool {
        self.dots
            .get((y * self.width + x) as usize)
            .copied()
            .unwrap_or(false)
    }
}

type Key = (char, bool, bool);

static CACHE: LazyLock<Mutex<HashMap<Key, Arc<Glyph>>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// The dots of `ch` in `style` (empty for spaces and characters without an outline).
pub fn glyph(ch: char, style: Style) -> Arc<Glyph> {
    let key = (ch, style.bold, style.large);
    let mut cache = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
    cache
        .entry(key)
        .or_insert_with(|| Arc::new(draw(ch, style)))
        .clone()
}

/// Draws the letters, digits and signs of receipts in every style ahead of time, so the first
/// receipt of the day encodes as fast as the rest (a printer worker calls it when it starts).
pub fn warm() {
    let common = crate::receipt::document::VIETNAMESE_LOWER.to_owned()
        + crate::receipt::document::VIETNAMESE_UPPER
        + "0123456789.,:;-–×₫%()/★ BCFGHJKLMNPQRSTVWXZbcfghjklmnpqrstvwxz";
    for style in [Style::PLAIN, Style::BOLD, Style::LARGE] {
        for ch in common.chars() {
            glyph(ch, style);
        }
    }
}

fn draw(ch: char, style: Style) -> Glyph {
    if ch == STAR {
        return star(px(style));
    }
    let Some(font) = font(style) else {
        return Glyph::default();
    };
    let glyph = font
        .glyph_id(ch)
        .with_scale_and_position(PxScale::from(px(style) as f32), point(0.0, 0.0));
    let Some(outline) = font.outline_glyph(glyph) else {
        return Glyph::default();
    };
    let bounds = outline.px_bounds();
    let width = bounds.width() as u32;
    let height = bounds.height() as u32;
    let mut dots = vec![false; (width * height) as usize];
    outline.draw(|x, y, coverage| {
        if coverage >= 0.5
            && let Some(dot) = dots.get_mut((y * width + x) as usize)
        {
            *dot = true;
        }
    });
    Glyph {
        left: bounds.min.x as i32,
        top: bounds.min.y as i32,
        width,
        height,
        dots,
    }
}

/// A five-pointed star sitting on the baseline, as tall as a capital (0.74 em).
fn star(px: u32) -> Glyph {
    let size = (px as f32 * 0.8).round();
    let radius = size / 2.0;
    let inner = radius * 0.42;
    let vertices: Vec<(f32, f32)> = (0..10)
        .map(|k| {
            let angle = -std::f32::consts::FRAC_PI_2 + k as f32 * std::f32::consts::PI / 5.0;
            let r = if k % 2 == 0 { radius } else { inner };
            (radius + r * angle.cos(), radius + r * angle.sin())
        })
        .collect();
    let side = size as u32;
    let mut dots = vec![false; (side * side) as usize];
    for y in 0..side {
        for x in 0..side {
            let (px_, py) = (x as f32 + 0.5, y as f32 + 0.5);
            let mut inside = false;
            for i in 0..vertices.len() {
                let (x1, y1) = vertices[i];
                let (x2, y2) = vertices[(i + 1) % vertices.len()];
                if (y1 > py) != (y2 > py) && px_ < x1 + (py - y1) * (x2 - x1) / (y2 - y1) {
                    inside = !inside;
                }
            }
            dots[(y * side + x) as usize] = inside;
        }
    }
    Glyph {
        left: (px as f32 * 0.05).round() as i32,
        top: -(side as i32) + (px as f32 * 0.03).round() as i32,
        width: side,
        height: side,
        dots,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vietnamese_letter_has_an_outline() {
        assert!(fonts_ok());
        let letters = crate::receipt::document::VIETNAMESE_LOWER.to_owned()
            + crate::receipt::document::VIETNAMESE_UPPER
            + "₫–";
        for ch in letters.chars().filter(|c| *c != ' ') {
            for style in [Style::PLAIN, Style::BOLD, Style::LARGE] {
                let font = font(style).unwrap();
                assert_ne!(font.glyph_id(ch).0, 0, "{ch} missing");
                let g = glyph(ch, style);
                assert!(g.dots.iter().any(|d| *d), "{ch} draws nothing");
                // The letter stays inside the extent rows are given.
                let (above, below) = extent(style);
                assert!(-g.top <= above as i32, "{ch} too tall");
                assert!(g.top + g.height as i32 <= below as i32, "{ch} too deep");
            }
        }
    }

    #[test]
    fn the_star_is_drawn_and_advances() {
        let g = glyph(STAR, Style::PLAIN);
        let black = g.dots.iter().filter(|d| **d).count();
        assert!(black > 40 && black < g.dots.len() * 2 / 3, "{black}");
        assert!(g.get(g.width / 2, g.height / 2));
        assert!(!g.get(0, g.height - 1));
        assert!(advance(STAR, Style::PLAIN) > g.width * SUB);
    }
}
