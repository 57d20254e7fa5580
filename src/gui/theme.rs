//! Colours, sizes and the embedded font of the till window.

use iced::widget::container;
use iced::{Background, Border, Color, Font, Theme};

/// Be Vietnam Pro, embedded (OFL), the window's default font.
pub const FONT: Font = Font::with_name("Be Vietnam Pro");

/// Text size of cart lines: readable from a step back.
pub const LINE: u32 = 22;
/// Text size of the total.
pub const TOTAL: u32 = 40;

/// The highlighted (last scanned) cart line.
pub fn highlight(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Background::Color(Color::from_rgb8(0xFF, 0xF1, 0xB8))),
        border: Border::default().rounded(6),
        ..container::Style::default()
    }
}

/// A banner: green for good news, red for trouble.
pub fn banner(good: bool) -> impl Fn(&Theme) -> container::Style {
    move |_theme| container::Style {
        background: Some(Background::Color(if good {
            Color::from_rgb8(0xD8, 0xF3, 0xDC)
        } else {
            Color::from_rgb8(0xFF, 0xD6, 0xD6)
        })),
        border: Border::default().rounded(6),
        ..container::Style::default()
    }
}
