//! Vietnamese in printer code pages: Windows-1258 (tone marks as combining bytes after the base
//! letter), TCVN-3 (lower case on one `ESC t` page, capitals on another, switched mid-line), and
//! ASCII without diacritics. Each encoder has its decoder, so tests read our bytes back.

use std::collections::HashMap;
use std::sync::LazyLock;

use encoding_rs::WINDOWS_1258;
use unicode_normalization::UnicodeNormalization;

use super::CodePages;
use super::escpos;
use crate::domain::text;

/// The five Vietnamese tone marks as combining characters.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Bytes 0x80–0xFF of the TCVN-3 pages, one row of 16 per string, `' '` where the page has no
/// letter; from escpos-printer-db's `TCVN-3-1` and `TCVN-3-2` glyph tables (Epson pages 30 and 31).
/// The capital page draws Đ at 0xA7 (the table writes it as the look-alike Ð).
const TCVN3_LOWER: [&str; 8] = [
    "                ",
    "                ",
    "        ăâêôơưđ ",
    "     àảãáạ ằẳẵắ ",
    "      ặầẩẫấậè ẻẽ",
    "éẹềểễếệìỉ   ĩíịò",
    " ỏõóọồổỗốộờởỡớợù",
    " ủũúụừửữứựỳỷỹýỵ ",
];

/// The capitals page; see [`TCVN3_LOWER`].
const TCVN3_UPPER: [&str; 8] = [
    "                ",
    "                ",
    " ĂÂ    Đ  ÊÔƠƯ  ",
    "     ÀẢÃÁẠ ẰẲẴẮ ",
    "      ẶẦẨẪẤẬÈ ẺẼ",
    "ÉẸỀỂỄẾỆÌỈ   ĨÍỊÒ",
    " ỎÕÓỌỒỔỖỐỘỜỞỠỚỢÙ",
    " ỦŨÚỤỪỬỮỨỰỲỶỸÝỴ ",
];

/// The 128 upper characters of a page table (`None` where the page has no letter).
fn page_chars(rows: &[&str; 8]) -> Vec<Option<char>> {
    rows.iter()
        .flat_map(|row| row.chars())
        .map(|c| (c != ' ').then_some(c))
        .collect()
}

static TCVN3_LOWER_CHARS: LazyLock<Vec<Option<char>>> = LazyLock::new(|| page_chars(&TCVN3_LOWER));
static TCVN3_UPPER_CHARS: LazyLock<Vec<Option<char>>> = LazyLock::new(|| page_chars(&TCVN3_UPPER));

/// Reverse tables: character → (upper-page?, byte).
static TCVN3_BYTES: LazyLock<HashMap<char, (bool, u8)>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for (upper, chars) in [(false, &*TCVN3_LOWER_CHARS), (true, &*TCVN3_UPPER_CHARS)] {
        for (byte, c) in (0x80..=0xFF_u8).zip(chars.iter()) {
            if let Some(c) = c {
                map.insert(*c, (upper, byte));
            }
        }
    }
    map
});

/// Windows-1258 bytes 0x80–0xFF by character.
static CP1258_BYTES: LazyLock<HashMap<char, u8>> = LazyLock::new(|| {
    (0x80..=0xFF_u8)
        .filter_map(|b| {
            let byte = [b];
            let (text, had_errors) = WINDOWS_1258.decode_without_bom_handling(&byte);
            let c = text.chars().next()?;
            (!had_errors).then_some((c, b))
        })
        .collect()
});

/// Characters printed as something else in every code page (the page has no glyph for them).
fn stand_in(ch: char) -> Option<&'static str> {
    Some(match ch {
        '★' => "*",
        '×' => "x",
        '\u{a0}' | '\u{202f}' => " ",
        '·' => "-",
        _ => return None,
    })
}

/// One character in Windows-1258: its own byte, else the base letter's byte followed by the
/// tone mark's, else an ASCII stand-in.
fn wpc1258_char(ch: char, out: &mut Vec<u8>) {
    if ch.is_ascii() {
        out.push(ch as u8);
        return;
    }
    if let Some(&b) = CP1258_BYTES.get(&ch) {
        out.push(b);
        return;
    }
    let (tones, rest): (Vec<char>, Vec<char>) =
        ch.to_string().nfd().partition(|c| TONES.contains(c));
    let base: String = rest.into_iter().collect::<String>().nfc().collect();
    let mut chars = base.chars();
    if let (Some(b), None, [tone]) = (chars.next(), chars.next(), tones.as_slice()) {
        let base_byte = if b.is_ascii() {
            Some(b as u8)
        } else {
            CP1258_BYTES.get(&b).copied()
        };
        if let (Some(base_byte), Some(&tone_byte)) = (base_byte, CP1258_BYTES.get(tone)) {
            out.push(base_byte);
            out.push(tone_byte);
            return;
        }
    }
    ascii_fallback(ch, out);
}

fn ascii_fallback(ch: char, out: &mut Vec<u8>) {
    match stand_in(ch) {
        Some(s) => out.extend_from_slice(s.as_bytes()),
        None => out.extend_from_slice(text::to_ascii(&ch.to_string()).as_bytes()),
    }
}

/// Encodes text for the printer, remembering the `ESC t` page in force across calls.
#[derive(Debug, Clone)]
pub struct Encoder {
    kind: super::Encoding,
    pages: CodePages,
    current: Option<u8>,
}

impl Encoder {
    /// An encoder for `kind` (a text encoding; raster is treated as ASCII) with `pages`.
    pub fn new(kind: super::Encoding, pages: CodePages) -> Encoder {
        Encoder {
            kind,
            pages,
            current: None,
        }
    }

    /// The page to select after `ESC @`, if the encoding needs one.
    pub fn start(&mut self, out: &mut Vec<u8>) {
        let page = match self.kind {
            super::Encoding::Wpc1258 => self.pages.wpc1258,
            super::Encoding::Tcvn3 => self.pages.tcvn3_lower,
            super::Encoding::Raster | super::Encoding::Ascii => return,
        };
        self.select(page, out);
    }

    fn select(&mut self, page: u8, out: &mut Vec<u8>) {
        if self.current != Some(page) {
            out.extend_from_slice(&escpos::code_page(page));
            self.current = Some(page);
        }
    }

    /// Appends `text` (already NFC) in the encoding.
    pub fn push(&mut self, text: &str, out: &mut Vec<u8>) {
        for ch in text.chars() {
            match self.kind {
                super::Encoding::Wpc1258 => wpc1258_char(ch, out),
                super::Encoding::Tcvn3 => self.tcvn3_char(ch, out),
                super::Encoding::Raster | super::Encoding::Ascii => {
                    if ch.is_ascii() {
                        out.push(ch as u8);
                    } else {
                        ascii_fallback(ch, out);
                    }
                }
            }
        }
    }

    fn tcvn3_char(&mut self, ch: char, out: &mut Vec<u8>) {
        if ch.is_ascii() {
            out.push(ch as u8);
            return;
        }
        let ch = match ch {
            'Ð' => 'Đ',
            '₫' => 'đ',
            c => c,
        };
        match TCVN3_BYTES.get(&ch) {
            Some(&(upper, byte)) => {
                let page = if upper {
                    self.pages.tcvn3_upper
                } else {
                    self.pages.tcvn3_lower
                };
                self.select(page, out);
                out.push(byte);
            }
            None => ascii_fallback(ch, out),
        }
    }
}

/// The text of `bytes` printed with `ESC t page` in force, as configured by `pages` (NFC; bytes
/// the page has no letter for read as U+FFFD). Pages not in `pages` read as ASCII.
pub fn decode(bytes: &[u8], page: Option<u8>, pages: &CodePages) -> String {
    let table: Option<&Vec<Option<char>>> = match page {
        Some(p) if p == pages.tcvn3_lower => Some(&TCVN3_LOWER_CHARS),
        Some(p) if p == pages.tcvn3_upper => Some(&TCVN3_UPPER_CHARS),
        _ => None,
    };
    let text: String = if page == Some(pages.wpc1258) {
        WINDOWS_1258
            .decode_without_bom_handling(bytes)
            .0
            .into_owned()
    } else {
        bytes
            .iter()
            .map(|&b| match (b, table) {
                (0..=0x7F, _) => char::from(b),
                (_, Some(t)) => t
                    .get(usize::from(b - 0x80))
                    .copied()
                    .flatten()
                    .unwrap_or('\u{fffd}'),
                _ => '\u{fffd}',
            })
            .collect()
    };
    text.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::receipt::Encoding;

    #[test]
    fn tables_hold_67_letters_each() {
        assert_eq!(TCVN3_LOWER_CHARS.iter().flatten().count(), 67);
        assert_eq!(TCVN3_UPPER_CHARS.iter().flatten().count(), 67);
        for (l, u) in TCVN3_LOWER_CHARS.iter().zip(TCVN3_UPPER_CHARS.iter()) {
            if let (Some(l), Some(u)) = (l, u) {
                assert_eq!(l.to_uppercase().collect::<String>(), u.to_string());
            }
        }
    }

    #[test]
    fn wpc1258_matches_the_measured_bytes() {
        // stack.md §4 B3: the bytes escpos produced for this text through Windows-1258.
        let mut out = Vec::new();
        let mut enc = Encoder::new(Encoding::Wpc1258, CodePages::default());
        enc.start(&mut out);
        enc.push("Nước mắm Cửa Khe – 125.000 ₫", &mut out);
        let expected = [
            0x1B, 0x74, 0x34, 0x4E, 0xFD, 0xF5, 0xEC, 0x63, 0x20, 0x6D, 0xE3, 0xEC, 0x6D, 0x20,
            0x43, 0xFD, 0xD2, 0x61, 0x20, 0x4B, 0x68, 0x65, 0x20, 0x96, 0x20, 0x31, 0x32, 0x35,
            0x2E, 0x30, 0x30, 0x30, 0x20, 0xFE,
        ];
        assert_eq!(out, expected);
    }

    #[test]
    fn tcvn3_switches_pages_inside_a_word() {
        let mut out = Vec::new();
        let pages = CodePages {
            tcvn3_lower: 7,
            tcvn3_upper: 8,
            ..CodePages::default()
        };
        let mut enc = Encoder::new(Encoding::Tcvn3, pages);
        enc.start(&mut out);
        enc.push("ĐẢng", &mut out);
        assert_eq!(out, [0x1B, 0x74, 7, 0x1B, 0x74, 8, 0xA7, 0xB6, b'n', b'g']);
        assert_eq!(decode(&[0xA7, 0xB6], Some(8), &pages), "ĐẢ");
        assert_eq!(decode(&[0xA7, 0xB6], Some(7), &pages), "\u{fffd}ả");
    }

    #[test]
    fn each_of_the_134_letters_round_trips_alone() {
        use crate::receipt::document::{VIETNAMESE_LOWER, VIETNAMESE_UPPER};
        let letters: Vec<char> = format!("{VIETNAMESE_LOWER}{VIETNAMESE_UPPER}")
            .chars()
            .filter(|c| !c.is_ascii())
            .collect();
        let distinct: std::collections::BTreeSet<char> = letters.iter().copied().collect();
        assert_eq!(distinct.len(), 134);
        let pages = CodePages::default();
        for ch in letters {
            let mut out = Vec::new();
            let mut enc = Encoder::new(Encoding::Wpc1258, pages);
            enc.push(&ch.to_string(), &mut out);
            assert!((1..=2).contains(&out.len()), "{ch}: {out:?}");
            assert_eq!(decode(&out, Some(52), &pages), ch.to_string());
            let mut out = Vec::new();
            let mut enc = Encoder::new(Encoding::Tcvn3, pages);
            enc.push(&ch.to_string(), &mut out);
            // ESC t page, then one byte.
            assert_eq!(out.len(), 4, "{ch}: {out:?}");
            assert_eq!(decode(&out[3..], Some(out[2]), &pages), ch.to_string());
            let expected_page = if ch.is_lowercase() { 30 } else { 31 };
            assert_eq!(out[2], expected_page, "{ch}");
        }
    }

    #[test]
    fn ascii_drops_marks_and_stands_in() {
        let mut out = Vec::new();
        Encoder::new(Encoding::Ascii, CodePages::default()).push("Đảng sâm ★★ 2 × 5 ₫", &mut out);
        assert_eq!(out, b"Dang sam ** 2 x 5 d");
    }
}
