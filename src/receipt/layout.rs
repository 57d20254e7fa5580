//! Lays a document out for one paper width: wraps text, places right-aligned amounts, chooses
//! one-line or two-line items. The same code serves the text encoders (measured in character
//! columns) and the raster (measured in font advances), so both wrap the same way.

use unicode_normalization::UnicodeNormalization;

use super::document::{Align, Block, Document, Item, Style};

/// How wide text is, in units of the caller's choosing (columns, fractions of a dot).
pub trait Measure {
    /// The advance of `ch` in `style`.
    fn advance(&self, ch: char, style: Style) -> u32;
    /// The width of a line.
    fn line(&self) -> u32;
}

/// Monospaced character cells: one per letter (its combining marks take none), two when large.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns(pub u32);

impl Measure for Columns {
    fn advance(&self, ch: char, style: Style) -> u32 {
        if is_combining(ch) {
            0
        } else if style.large {
            2
        } else {
            1
        }
    }

    fn line(&self) -> u32 {
        self.0
    }
}

/// Text placed at `x` on its row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Left edge, in the measure's units.
    pub x: u32,
    /// The text (NFC, no control characters).
    pub text: String,
}

/// One printed row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A line of text: spans left to right, never overlapping, all within the line width.
    Text {
        /// Emphasis of the whole row.
        style: Style,
        /// What is printed where.
        spans: Vec<Span>,
    },
    /// A horizontal rule.
    Rule,
    /// A QR code.
    Qr(String),
    /// A Code 128 barcode.
    Code128(String),
    /// An EAN-13 barcode.
    Ean13(String),
    /// Blank lines.
    Feed(u8),
    /// The cut.
    Cut,
}

/// True for combining marks (U+0300–U+036F), which sit on the letter before them.
pub fn is_combining(ch: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&ch)
}

/// Text as printed: NFC (so Vietnamese letters are single characters), tabs and line breaks as
/// spaces, other control characters dropped.
pub fn clean(text: &str) -> String {
    text.nfc()
        .filter_map(|ch| match ch {
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// The width of `text` in `style`.
pub fn width(text: &str, style: Style, m: &impl Measure) -> u32 {
    text.chars().map(|ch| m.advance(ch, style)).sum()
}

/// Splits `text` into letters with their combining marks, so no break falls inside one.
fn clusters(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, ch) in text.char_indices() {
        if i > start && !is_combining(ch) {
            out.push(&text[start..i]);
            start = i;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Wraps `text` into lines no wider than `max`: between words where possible, between letters
/// inside a word too long for a line; never inside a letter. Always at least one line.
pub fn wrap(text: &str, max: u32, style: Style, m: &impl Measure) -> Vec<String> {
    let space = m.advance(' ', style);
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut current_w = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = width(word, style, m);
        if !current.is_empty() && current_w + space + w <= max {
            current.push(' ');
            current.push_str(word);
            current_w += space + w;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
            current_w = 0;
        }
        if w <= max {
            current.push_str(word);
            current_w = w;
            continue;
        }
        for cluster in clusters(word) {
            let cw = width(cluster, style, m);
            if !current.is_empty() && current_w + cw > max {
                lines.push(std::mem::take(&mut current));
                current_w = 0;
            }
            current.push_str(cluster);
            current_w += cw;
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

fn text_row(style: Style, spans: Vec<Span>) -> Row {
    Row::Text { style, spans }
}

fn span(x: u32, text: impl Into<String>) -> Span {
    Span {
        x,
        text: text.into(),
    }
}

fn aligned(text: &str, align: Align, style: Style, m: &impl Measure, out: &mut Vec<Row>) {
    for piece in wrap(text, m.line(), style, m) {
        let w = width(&piece, style, m);
        let x = match align {
            Align::Left => 0,
            Align::Center => (m.line().saturating_sub(w)) / 2,
            Align::Right => m.line().saturating_sub(w),
        };
        out.push(text_row(style, vec![span(x, piece)]));
    }
}

/// Left text wrapped beside a right-aligned value on its first row; when the value leaves less
/// than two fifths of the line, the value gets a row of its own.
fn pair(left: &str, right: &str, style: Style, m: &impl Measure, out: &mut Vec<Row>) {
    let line = m.line();
    let gap = m.advance(' ', style);
    let rw = width(right, style, m).min(line);
    let room = line.saturating_sub(rw + gap);
    if room * 5 < line * 2 {
        aligned(left, Align::Left, style, m, out);
        aligned(right, Align::Right, style, m, out);
        return;
    }
    for (i, piece) in wrap(left, room, style, m).into_iter().enumerate() {
        let mut spans = vec![span(0, piece)];
        if i == 0 {
            spans.push(span(line - rw, right));
        }
        out.push(text_row(style, spans));
    }
}

/// What an item's discount is called on the receipt.
pub const DISCOUNT_LABEL: &str = "Giảm giá";

/// An item as a small table (name | quantity × price | amount, the discount under the figures,
/// beside the name's second row if it has one) when the name keeps two fifths of the line;
/// otherwise the name on its own rows with the figures below it.
fn item(item: &Item, m: &impl Measure, out: &mut Vec<Row>) {
    let style = Style::PLAIN;
    let name = match item.stars {
        Some(stars) => format!("{} {}", clean(&item.name), stars.symbols()),
        None => clean(&item.name),
    };
    let (detail, amount) = (clean(&item.detail), clean(&item.amount));
    let discount = item.discount.as_deref().map(clean);
    let line = m.line();
    let gap = m.advance(' ', style);
    let right = |text: &str| width(text, style, m).min(line);
    let amount_col = width("9.999.999", style, m)
        .max(right(&amount))
        .max(discount.as_deref().map_or(0, right));
    let detail_right = line.saturating_sub(amount_col + gap);
    let label_w = if discount.is_some() {
        right(DISCOUNT_LABEL)
    } else {
        0
    };
    let name_room = detail_right.saturating_sub(right(&detail).max(label_w) + gap);
    if name_room * 5 < line * 2 {
        aligned(&name, Align::Left, style, m, out);
        pair_at(2 * gap, &detail, &amount, style, m, out);
        if let Some(discount) = &discount {
            pair_at(2 * gap, DISCOUNT_LABEL, discount, style, m, out);
        }
        return;
    }
    let mut rows: Vec<Vec<Span>> = wrap(&name, name_room, style, m)
        .into_iter()
        .map(|piece| vec![span(0, piece)])
        .collect();
    let mut figures = vec![(detail, amount)];
    if let Some(discount) = discount {
        figures.push((DISCOUNT_LABEL.to_owned(), discount));
    }
    for (i, (label, value)) in figures.into_iter().enumerate() {
        if rows.len() <= i {
            rows.push(Vec::new());
        }
        rows[i].push(span(
            detail_right.saturating_sub(right(&label)),
            label.as_str(),
        ));
        rows[i].push(span(line - right(&value), value.as_str()));
    }
    out.extend(rows.into_iter().map(|spans| text_row(style, spans)));
}

fn pair_at(
    indent: u32,
    left: &str,
    right: &str,
    style: Style,
    m: &impl Measure,
    out: &mut Vec<Row>,
) {
    let line = m.line();
    let rw = width(right, style, m).min(line);
    let lw = width(left, style, m);
    if indent + lw + m.advance(' ', style) + rw <= line {
        out.push(text_row(
            style,
            vec![span(indent, left), span(line - rw, right)],
        ));
    } else {
        pair(left, right, style, m, out);
    }
}

/// The rows of `doc` laid out with `m`.
pub fn layout(doc: &Document, m: &impl Measure) -> Vec<Row> {
    let mut out = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Text { text, align, style } => {
                aligned(&clean(text), *align, *style, m, &mut out)
            }
            Block::Pair { left, right, style } => {
                pair(&clean(left), &clean(right), *style, m, &mut out)
            }
            Block::Rule => out.push(Row::Rule),
            Block::Item(it) => item(it, m, &mut out),
            Block::Qr(data) => out.push(Row::Qr(data.clone())),
            Block::Code128(data) => out.push(Row::Code128(data.clone())),
            Block::Ean13(code) => out.push(Row::Ean13(code.clone())),
            Block::Feed(n) => out.push(Row::Feed(*n)),
            Block::Cut => out.push(Row::Cut),
        }
    }
    out
}

#[cfg(test)]
mod tests;
