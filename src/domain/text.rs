//! Vietnamese text folded for search and for ASCII-only outputs.
//!
//! Clerks type "nuoc mam" and expect "Nước mắm Hà Quảng"; a scanner-less till lives on that search. The
//! same diacritic removal feeds outputs that only take ASCII (a VietQR purpose field, a plain printer).

use unicode_normalization::UnicodeNormalization;

/// True for the combining diacritical marks block (U+0300–U+036F) that NFD splits off Vietnamese letters.
fn is_combining_mark(ch: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&ch)
}

/// Maps the letters NFD does not decompose: đ/Đ (a stroke, not a mark). Icelandic ð/Đ (U+00F0/U+00D0)
/// look identical and old Vietnamese keyboards and encodings produce them in place of đ/Đ.
fn strip_stroke(ch: char) -> char {
    match ch {
        'đ' | 'ð' => 'd',
        'Đ' | 'Ð' => 'D',
        other => other,
    }
}

/// Search form of a text: no diacritics, đ → d, lower case, single spaces, trimmed.
///
/// `fold("Nước mắm  Hà Quảng")` is `"nuoc mam ha quang"`; NFC and NFD input give the same result.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    // Lower-casing first: a few capitals (İ) lower-case into a letter plus a combining mark.
    for ch in s.chars().flat_map(char::to_lowercase).nfd() {
        if is_combining_mark(ch) {
            continue;
        }
        if ch.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(strip_stroke(ch).to_ascii_lowercase());
    }
    out
}

/// ASCII stand-in for a character left over after removing diacritics, `None` when there is none.
fn ascii_stand_in(ch: char) -> Option<&'static str> {
    Some(match ch {
        '₫' => "d",
        '–' | '—' | '‒' | '−' | '‐' | '‑' => "-",
        '‘' | '’' | '‚' | '′' => "'",
        '“' | '”' | '„' | '″' | '«' | '»' => "\"",
        '…' => "...",
        '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}' => " ",
        '×' => "x",
        '·' | '•' => "-",
        '€' => "EUR",
        '°' => "o",
        _ => return None,
    })
}

/// ASCII form of a text, keeping case and spacing: `"Đảng sâm"` → `"Dang sam"`.
///
/// Diacritics are dropped, đ/Đ become d/D, common typography (₫, –, “ ”, …, no-break spaces) gets an
/// ASCII look-alike and anything else becomes `?`.
pub fn to_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.nfd() {
        if is_combining_mark(ch) {
            continue;
        }
        let ch = strip_stroke(ch);
        if ch.is_ascii() {
            out.push(ch);
        } else if let Some(stand_in) = ascii_stand_in(ch) {
            out.push_str(stand_in);
        } else {
            out.push('?');
        }
    }
    out
}

/// A search typed by a clerk: folded words that must all appear, in any order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    tokens: Vec<String>,
}

impl Query {
    /// Folds `text` and splits it into words.
    pub fn new(text: &str) -> Query {
        let tokens = fold(text)
            .split(' ')
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect();
        Query { tokens }
    }

    /// True when nothing but whitespace was typed.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The folded words, in the order they were typed.
    pub fn tokens(&self) -> &[String] {
        &self.tokens
    }

    /// True when every word occurs in `folded_haystack` (already passed through [`fold`]).
    ///
    /// An empty query matches everything, so an empty search box lists the whole catalogue.
    pub fn matches(&self, folded_haystack: &str) -> bool {
        self.tokens
            .iter()
            .all(|t| folded_haystack.contains(t.as_str()))
    }
}

/// Ordering key for a matching result, lower is better: 0 when `folded` starts with the first word
/// of the query, 1 when another word of `folded` starts with it, 2 otherwise.
pub fn rank(query: &Query, folded: &str) -> u8 {
    let Some(first) = query.tokens.first() else {
        return 0;
    };
    if folded.starts_with(first.as_str()) {
        0
    } else if folded
        .split(' ')
        .any(|word| word.starts_with(first.as_str()))
    {
        1
    } else {
        2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 67 lower-case precomposed Vietnamese letters, grouped by ASCII base.
    const LOWER: [(char, &str); 7] = [
        ('a', "àáảãạăằắẳẵặâầấẩẫậ"),
        ('e', "èéẻẽẹêềếểễệ"),
        ('i', "ìíỉĩị"),
        ('o', "òóỏõọôồốổỗộơờớởỡợ"),
        ('u', "ùúủũụưừứửữự"),
        ('y', "ỳýỷỹỵ"),
        ('d', "đ"),
    ];

    /// The 67 upper-case precomposed Vietnamese letters.
    const UPPER: [(char, &str); 7] = [
        ('A', "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"),
        ('E', "ÈÉẺẼẸÊỀẾỂỄỆ"),
        ('I', "ÌÍỈĨỊ"),
        ('O', "ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"),
        ('U', "ÙÚỦŨỤƯỪỨỬỮỰ"),
        ('Y', "ỲÝỶỸỴ"),
        ('D', "Đ"),
    ];

    fn letters(table: &[(char, &'static str)]) -> Vec<(char, char)> {
        table
            .iter()
            .flat_map(|&(base, set)| set.chars().map(move |ch| (base, ch)))
            .collect()
    }

    #[test]
    fn all_134_vietnamese_letters_fold_to_their_base() {
        let lower = letters(&LOWER);
        let upper = letters(&UPPER);
        assert_eq!(lower.len(), 67);
        assert_eq!(upper.len(), 67);
        for &(base, ch) in lower.iter().chain(upper.iter()) {
            let nfc: String = ch.to_string().nfc().collect();
            assert_eq!(nfc, ch.to_string(), "{ch} is precomposed");
            assert!(!ch.is_ascii());
            assert_eq!(
                fold(&ch.to_string()),
                base.to_ascii_lowercase().to_string(),
                "{ch}"
            );
            assert_eq!(to_ascii(&ch.to_string()), base.to_string(), "{ch}");
            let nfd: String = ch.to_string().nfd().collect();
            assert_eq!(
                fold(&nfd),
                base.to_ascii_lowercase().to_string(),
                "NFD {ch}"
            );
        }
        // Each upper-case letter is the capital of the lower-case one at the same place.
        for (&(_, l), &(_, u)) in lower.iter().zip(upper.iter()) {
            assert_eq!(l.to_uppercase().collect::<String>(), u.to_string());
        }
    }

    #[test]
    fn folds_product_names() {
        assert_eq!(fold("Nước mắm Hà Quảng"), "nuoc mam ha quang");
        assert_eq!(fold("ĐẢNG SÂM"), "dang sam");
        assert_eq!(fold("  Rượu \t ba\u{a0}kích\r\n"), "ruou ba kich");
        assert_eq!(fold("Trà  Đảng  sâm Nam Trà My"), "tra dang sam nam tra my");
        assert_eq!(fold(""), "");
        assert_eq!(fold("   "), "");
        assert_eq!(fold("Ðặc sản"), "dac san"); // Icelandic Ð typed for Đ
    }

    #[test]
    fn nfd_input_folds_like_nfc() {
        let nfc = "Nước mắm Hà Quảng";
        let nfd: String = nfc.nfd().collect();
        assert_ne!(nfc, nfd);
        assert_eq!(fold(&nfd), fold(nfc));
        assert_eq!(to_ascii(&nfd), "Nuoc mam Ha Quang");
    }

    #[test]
    fn to_ascii_keeps_case_and_spacing() {
        assert_eq!(to_ascii("Đảng sâm"), "Dang sam");
        assert_eq!(
            to_ascii("Thanh toán  đơn 125.000 ₫"),
            "Thanh toan  don 125.000 d"
        );
        assert_eq!(to_ascii("Hội An – Đà Nẵng"), "Hoi An - Da Nang");
        assert_eq!(to_ascii("“OCOP” 4★"), "\"OCOP\" 4?");
        assert_eq!(to_ascii("米"), "?");
        assert!(to_ascii("Mật ong Ngọc Linh — 500 g…").is_ascii());
    }

    #[test]
    fn query_needs_every_word_in_any_order() {
        let q = Query::new("Nước  Mắm");
        assert_eq!(q.tokens(), ["nuoc", "mam"]);
        assert!(q.matches("nuoc mam cua khe"));
        assert!(Query::new("mam nuoc").matches("nuoc mam cua khe"));
        assert!(!q.matches("tra dang sam"));
        assert!(!Query::new("nuoc mam ruou").matches("nuoc mam cua khe"));
        assert!(Query::new("khe").matches("nuoc mam cua khe"));
    }

    #[test]
    fn empty_query_matches_everything() {
        let q = Query::new("  \t ");
        assert!(q.is_empty());
        assert!(q.matches("tra dang sam"));
        assert!(!Query::new("a").is_empty());
    }

    #[test]
    fn rank_prefers_name_start_then_word_start() {
        let q = Query::new("sam");
        assert_eq!(rank(&q, "sam ngoc linh"), 0);
        assert_eq!(rank(&q, "tra dang sam"), 1);
        assert_eq!(rank(&q, "nuoc samurai"), 1);
        assert_eq!(rank(&q, "tra dang xsam"), 2);
        assert_eq!(rank(&Query::new("dang sam"), "ruou dang sam"), 1);
        assert_eq!(rank(&Query::new(""), "anything"), 0);
        let mut names = ["tra dang sam", "xsam", "sam ngoc linh"];
        names.sort_by_key(|n| rank(&q, n));
        assert_eq!(names, ["sam ngoc linh", "tra dang sam", "xsam"]);
    }
}
