//! Code 128 (ISO/IEC 15417) for receipt numbers: code set B for text, code set C for runs of
//! four or more digits, which halves their width.

/// Bar and space widths of symbols 0–105 (bar first, eleven modules) and the stop (106, thirteen).
pub const PATTERNS: [&str; 107] = [
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212",
    "221213", "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221",
    "223211", "221132", "221231", "213212", "223112", "312131", "311222", "321122", "321221",
    "312212", "322112", "322211", "212123", "212321", "232121", "111323", "131123", "131321",
    "112313", "132113", "132311", "211313", "231113", "231311", "112133", "112331", "132131",
    "113123", "113321", "133121", "313121", "211331", "231131", "213113", "213311", "213131",
    "311123", "311321", "331121", "312113", "312311", "332111", "314111", "221411", "431111",
    "111224", "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111", "111242",
    "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311",
    "113141", "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
];

/// Switch to code set C (from B).
pub const CODE_C: u8 = 99;
/// Switch to code set B (from C).
pub const CODE_B: u8 = 100;
/// Start in code set B.
pub const START_B: u8 = 104;
/// Start in code set C.
pub const START_C: u8 = 105;
/// Stop.
pub const STOP: u8 = 106;

/// Why a text has no Code 128.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// Nothing to encode.
    #[error("mã vạch Code 128 trống")]
    Empty,
    /// Only printable ASCII can be encoded.
    #[error("ký tự '{0}' không mã hóa được bằng Code 128")]
    BadChar(char),
}

/// A stretch of the text in one code set.
enum Run<'a> {
    B(&'a str),
    C(&'a str),
}

fn runs(data: &str) -> Result<Vec<Run<'_>>, Error> {
    if data.is_empty() {
        return Err(Error::Empty);
    }
    if let Some(bad) = data.chars().find(|c| !(' '..='~').contains(c)) {
        return Err(Error::BadChar(bad));
    }
    let bytes = data.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut b_start) = (0, 0);
    while i < bytes.len() {
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits >= 4 {
            // An odd run keeps its first digit in set B, so set C gets whole pairs.
            let skip = digits % 2;
            let c_start = i + skip;
            if c_start > b_start {
                out.push(Run::B(&data[b_start..c_start]));
            }
            let c_end = c_start + digits - skip;
            out.push(Run::C(&data[c_start..c_end]));
            i = c_end;
            b_start = c_end;
        } else {
            i += digits.max(1);
        }
    }
    if b_start < bytes.len() {
        out.push(Run::B(&data[b_start..]));
    }
    Ok(out)
}

/// The symbol values of `data`: start, data with code-set switches, check symbol, stop.
pub fn symbols(data: &str) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(data.len() + 4);
    for (i, run) in runs(data)?.into_iter().enumerate() {
        match run {
            Run::B(text) => {
                out.push(if i == 0 { START_B } else { CODE_B });
                out.extend(text.bytes().map(|b| b - b' '));
            }
            Run::C(digits) => {
                out.push(if i == 0 { START_C } else { CODE_C });
                out.extend(
                    digits
                        .as_bytes()
                        .chunks(2)
                        .map(|p| (p[0] - b'0') * 10 + (p[1] - b'0')),
                );
            }
        }
    }
    let weighted: u32 = out
        .iter()
        .enumerate()
        .map(|(i, &v)| u32::from(v) * u32::try_from(i.max(1)).unwrap_or(u32::MAX))
        .fold(0, |sum, v| (sum + v % 103) % 103);
    out.push(u8::try_from(weighted).unwrap_or(0));
    out.push(STOP);
    Ok(out)
}

/// The modules of `symbols` left to right, `true` for bar (no quiet zones).
pub fn modules(symbols: &[u8]) -> Vec<bool> {
    let mut out = Vec::with_capacity(symbols.len() * 11 + 2);
    for &symbol in symbols {
        let pattern = PATTERNS.get(usize::from(symbol)).copied().unwrap_or("");
        for (i, w) in pattern.bytes().enumerate() {
            let bar = i % 2 == 0;
            out.extend(std::iter::repeat_n(bar, usize::from(w - b'0')));
        }
    }
    out
}

/// The data of an ESC/POS `GS k 73` command for `data`: `{B`/`{C` select code sets, set C
/// carries digit pairs as byte values, a `{` in set B is doubled.
pub fn escpos_data(data: &str) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(data.len() + 4);
    for run in runs(data)? {
        match run {
            Run::B(text) => {
                out.extend_from_slice(b"{B");
                for b in text.bytes() {
                    if b == b'{' {
                        out.push(b'{');
                    }
                    out.push(b);
                }
            }
            Run::C(digits) => {
                out.extend_from_slice(b"{C");
                out.extend(
                    digits
                        .as_bytes()
                        .chunks(2)
                        .map(|p| (p[0] - b'0') * 10 + (p[1] - b'0')),
                );
            }
        }
    }
    Ok(out)
}

/// Reads symbols back from modules (bars `true`), checking the check symbol; the text, or None.
pub fn read(modules: &[bool]) -> Option<String> {
    let mut widths = Vec::new();
    let mut i = 0;
    while i < modules.len() {
        let run = modules[i..]
            .iter()
            .take_while(|&&m| m == modules[i])
            .count();
        if run > 4 {
            // No bar or space of Code 128 is wider than four modules.
            return None;
        }
        widths.push(char::from(b'0' + u8::try_from(run).ok()?));
        i += run;
    }
    let widths: String = widths.into_iter().collect();
    let mut values = Vec::new();
    let mut at = 0;
    while at + 6 <= widths.len() {
        if widths[at..].starts_with(PATTERNS[106]) {
            break;
        }
        let value = PATTERNS.iter().position(|p| *p == &widths[at..at + 6])?;
        values.push(u8::try_from(value).ok()?);
        at += 6;
    }
    let (&check, body) = values.split_last()?;
    let expected = body
        .iter()
        .enumerate()
        .map(|(i, &v)| u32::from(v) * u32::try_from(i.max(1)).ok().unwrap_or(0))
        .sum::<u32>()
        % 103;
    if u32::from(check) != expected {
        return None;
    }
    let mut text = String::new();
    let mut set_c = *body.first()? == START_C;
    for &v in body.get(1..)? {
        match (v, set_c) {
            (CODE_C, false) => set_c = true,
            (CODE_B, true) => set_c = false,
            (v, true) => text.push_str(&format!("{v:02}")),
            (v, false) => text.push(char::from(v + b' ')),
        }
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_well_formed() {
        assert_eq!(PATTERNS[0], "212222");
        assert_eq!(PATTERNS[104], "211214");
        assert_eq!(PATTERNS[105], "211232");
        for (i, p) in PATTERNS.iter().enumerate() {
            let sum: u32 = p.bytes().map(|b| u32::from(b - b'0')).sum();
            assert_eq!(sum, if i == 106 { 13 } else { 11 }, "symbol {i}");
            assert_eq!(PATTERNS.iter().filter(|q| q == &p).count(), 1);
        }
    }

    #[test]
    fn encodes_known_vectors() {
        // The textbook example: check symbol 88.
        let wiki = symbols("Wikipedia").unwrap();
        assert_eq!(wiki[0], START_B);
        assert_eq!(wiki[wiki.len() - 2], 88);
        // Letters in set B, the six-digit sequence in set C; check worked out by hand:
        // 104 + 1·40 + 2·47 + 3·41 + 4·33 + 5·46 + 6·13 + 7·16 + 8·17 + 9·13 + 10·99 + 13·51
        // = 2819 ≡ 38 (mod 103).
        assert_eq!(
            symbols("HOIAN-01-000051").unwrap(),
            [
                104, 40, 47, 41, 33, 46, 13, 16, 17, 13, 99, 0, 0, 51, 38, 106
            ]
        );
        assert_eq!(symbols("12345").unwrap()[..4], [START_B, 17, CODE_C, 23]);
        assert_eq!(
            escpos_data("AB-000051").unwrap(),
            b"{BAB-{C\x00\x00\x33".to_vec()
        );
        assert_eq!(escpos_data("a{b").unwrap(), b"{Ba{{b".to_vec());
        assert_eq!(symbols(""), Err(Error::Empty));
        assert_eq!(symbols("Hoá"), Err(Error::BadChar('á')));
    }

    #[test]
    fn modules_read_back() {
        for text in ["HOIAN-01-000051", "DN-HOIAN-01-000123", "1234", "x"] {
            let m = modules(&symbols(text).unwrap());
            assert!(m[0] && m[m.len() - 1]);
            assert_eq!(read(&m).as_deref(), Some(text));
        }
        let mut m = modules(&symbols("HOIAN-01-000051").unwrap());
        m[30] = !m[30];
        assert_ne!(read(&m).as_deref(), Some("HOIAN-01-000051"));
    }
}
