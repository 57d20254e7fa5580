//! EAN-13 for product labels: the 95 modules of a 13-digit code (guards, six digits in L or G
//! code by the first digit's parity pattern, centre guard, six digits in R code), drawn by the
//! raster encoder; the text encoders use the printer's own `GS k 67`.

use crate::domain::barcode::{self, Symbology};

/// L code (odd parity) of each digit, left to right, 1 = bar.
const L: [&str; 10] = [
    "0001101", "0011001", "0010011", "0111101", "0100011", "0110001", "0101111", "0111011",
    "0110111", "0001011",
];
/// Which of the left half's six digits use G code (even parity), for each first digit.
const PARITY: [&str; 10] = [
    "LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG", "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL",
    "LGGLGL",
];
/// Modules of a symbol.
pub const MODULES: usize = 95;

/// A code that is not a valid EAN-13.
pub type Error = barcode::Error;

fn bits(pattern: &str) -> impl Iterator<Item = bool> + '_ {
    pattern.bytes().map(|b| b == b'1')
}

/// The R code of `digit`: the L code with bars and spaces swapped.
fn r(digit: usize) -> Vec<bool> {
    bits(L[digit]).map(|b| !b).collect()
}

/// The G code of `digit`: the R code backwards.
fn g(digit: usize) -> Vec<bool> {
    let mut code = r(digit);
    code.reverse();
    code
}

/// The 95 modules of `code` (13 digits with a right check digit), `true` for bar, no quiet zones.
pub fn modules(code: &str) -> Result<Vec<bool>, Error> {
    if barcode::validate(code)? != Symbology::Ean13 {
        return Err(Error::WrongLength {
            code: code.to_owned(),
            len: code.len(),
        });
    }
    let digits: Vec<usize> = code.bytes().map(|b| usize::from(b - b'0')).collect();
    let mut out = Vec::with_capacity(MODULES);
    out.extend(bits("101"));
    for (&d, parity) in digits[1..7].iter().zip(PARITY[digits[0]].bytes()) {
        match parity {
            b'L' => out.extend(bits(L[d])),
            _ => out.extend(g(d)),
        }
    }
    out.extend(bits("01010"));
    for &d in &digits[7..] {
        out.extend(r(d));
    }
    out.extend(bits("101"));
    Ok(out)
}

/// Reads the 13 digits back from exactly 95 modules, checking guards, parity and check digit.
pub fn read(modules: &[bool]) -> Option<String> {
    if modules.len() != MODULES
        || modules[..3] != [true, false, true]
        || modules[45..50] != [false, true, false, true, false]
        || modules[92..] != [true, false, true]
    {
        return None;
    }
    let find =
        |chunk: &[bool], table: &dyn Fn(usize) -> Vec<bool>| (0..10).find(|&d| table(d) == chunk);
    let l = |d: usize| bits(L[d]).collect::<Vec<_>>();
    let mut text = String::with_capacity(13);
    let mut parity = String::with_capacity(6);
    let mut left = Vec::with_capacity(6);
    for chunk in modules[3..45].chunks(7) {
        if let Some(d) = find(chunk, &l) {
            parity.push('L');
            left.push(d);
        } else {
            parity.push('G');
            left.push(find(chunk, &g)?);
        }
    }
    let first = PARITY.iter().position(|p| *p == parity)?;
    text.push(char::from_digit(u32::try_from(first).ok()?, 10)?);
    for d in left {
        text.push(char::from_digit(u32::try_from(d).ok()?, 10)?);
    }
    for chunk in modules[50..92].chunks(7) {
        let d = find(chunk, &r)?;
        text.push(char::from_digit(u32::try_from(d).ok()?, 10)?);
    }
    (barcode::validate(&text) == Ok(Symbology::Ean13)).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(modules: &[bool]) -> String {
        modules.iter().map(|b| if *b { '1' } else { '0' }).collect()
    }

    #[test]
    fn the_tables_are_well_formed() {
        for (d, pattern) in L.iter().enumerate() {
            // Each character is two bars and two spaces in seven modules; L starts with a space.
            let runs = |code: &[bool]| code.windows(2).filter(|w| w[0] != w[1]).count() + 1;
            let l: Vec<bool> = bits(pattern).collect();
            assert_eq!(runs(&l), 4, "L{d}");
            assert!(!l[0] && l[6]);
            assert!(r(d)[0] && !r(d)[6]);
            assert_eq!(runs(&g(d)), 4);
            // Odd parity for L, even for G: that is how the first digit is read back.
            assert_eq!(l.iter().filter(|b| **b).count() % 2, 1);
            assert_eq!(g(d).iter().filter(|b| **b).count() % 2, 0);
        }
        assert!(PARITY.iter().all(|p| p.starts_with('L') && p.len() == 6));
    }

    #[test]
    fn codes_become_95_modules_and_read_back() {
        // 5 → LGGLLG: 9 in L, 0 in G, worked out from the tables by hand.
        let m = modules("5901234123457").unwrap();
        assert_eq!(m.len(), MODULES);
        assert_eq!(&text(&m)[..17], "10100010110100111");
        for code in [
            "8934563138165",
            "2900000000018",
            "5901234123457",
            "0000000000000",
        ] {
            assert_eq!(read(&modules(code).unwrap()).as_deref(), Some(code));
        }
        let mut broken = modules("8934563138165").unwrap();
        broken[60] = !broken[60];
        assert_eq!(read(&broken), None);
        assert!(matches!(
            modules("8934563138166"),
            Err(Error::CheckDigit { expected: 5, .. })
        ));
        assert!(matches!(
            modules("12345670"),
            Err(Error::WrongLength { .. })
        ));
        assert!(matches!(modules("89345631381x5"), Err(Error::NotDigits(_))));
    }
}
