//! VietQR (NAPAS 247) bank-transfer payloads: EMVCo merchant-presented mode with the NAPAS
//! account block under tag 38, protected by a CRC-16/CCITT-FALSE.

use crate::domain::money::Vnd;
use crate::domain::text;

/// The NAPAS application identifier inside tag 38.
const NAPAS_GUID: &str = "A000000727";

/// Longest transfer description banks keep (tag 62, sub-tag 08).
pub const MAX_PURPOSE: usize = 25;

/// Why a payload cannot be built or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VietQrError {
    /// The bank BIN is not six digits.
    #[error("mã ngân hàng (BIN) \"{0}\" phải gồm 6 chữ số, ví dụ 970436 (Vietcombank)")]
    BadBin(String),
    /// The account number is empty, too long or has characters banks refuse.
    #[error("số tài khoản \"{0}\" không hợp lệ (1–19 chữ số hoặc chữ cái)")]
    BadAccount(String),
    /// A negative or absurd amount.
    #[error("số tiền {0} không hợp lệ cho mã VietQR")]
    BadAmount(Vnd),
    /// A field is longer than the two-digit length allows.
    #[error("trường {0} quá dài")]
    TooLong(String),
    /// A payload that does not parse as tag-length-value fields.
    #[error("mã QR hỏng ở vị trí {0}")]
    Malformed(usize),
    /// The CRC at the end does not match the payload.
    #[error("mã kiểm tra CRC sai: ghi {found}, đúng là {expected}")]
    Crc {
        /// The CRC written in the payload.
        found: String,
        /// The CRC of the payload.
        expected: String,
    },
}

/// Where the transfer goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// The bank's NAPAS BIN, six digits (970436 = Vietcombank).
    pub bin: String,
    /// The account number.
    pub number: String,
}

/// CRC-16/CCITT-FALSE: polynomial 0x1021, initial 0xFFFF, no reflection, no final XOR.
pub fn crc16(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for &byte in bytes {
        crc ^= u16::from(byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

fn field(out: &mut String, tag: &str, value: &str) -> Result<(), VietQrError> {
    let len = value.chars().count();
    if len > 99 {
        return Err(VietQrError::TooLong(tag.to_owned()));
    }
    out.push_str(tag);
    out.push_str(&format!("{len:02}"));
    out.push_str(value);
    Ok(())
}

/// The transfer description as banks accept it: ASCII without diacritics, printable, at most
/// [`MAX_PURPOSE`] characters.
pub fn purpose_text(purpose: &str) -> String {
    text::to_ascii(purpose)
        .chars()
        .filter(|c| c.is_ascii_graphic() || *c == ' ')
        .take(MAX_PURPOSE)
        .collect::<String>()
        .trim()
        .to_owned()
}

/// The payload of a transfer to `account`: static (any amount) when `amount` is `None`, dynamic
/// with the amount fixed otherwise; `purpose` becomes the transfer description.
pub fn payload(
    account: &Account,
    amount: Option<Vnd>,
    purpose: &str,
) -> Result<String, VietQrError> {
    if account.bin.len() != 6 || !account.bin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(VietQrError::BadBin(account.bin.clone()));
    }
    let number = account.number.trim();
    if number.is_empty() || number.len() > 19 || !number.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return Err(VietQrError::BadAccount(account.number.clone()));
    }
    if let Some(amount) = amount.filter(|a| a.0 <= 0 || !a.is_within_limit()) {
        return Err(VietQrError::BadAmount(amount));
    }
    let mut beneficiary = String::new();
    field(&mut beneficiary, "00", &account.bin)?;
    field(&mut beneficiary, "01", number)?;
    let mut napas = String::new();
    field(&mut napas, "00", NAPAS_GUID)?;
    field(&mut napas, "01", &beneficiary)?;
    field(&mut napas, "02", "QRIBFTTA")?;
    let mut out = String::new();
    field(&mut out, "00", "01")?;
    field(&mut out, "01", if amount.is_some() { "12" } else { "11" })?;
    field(&mut out, "38", &napas)?;
    field(&mut out, "53", "704")?;
    if let Some(amount) = amount {
        field(&mut out, "54", &amount.0.to_string())?;
    }
    field(&mut out, "58", "VN")?;
    let purpose = purpose_text(purpose);
    if !purpose.is_empty() {
        let mut additional = String::new();
        field(&mut additional, "08", &purpose)?;
        field(&mut out, "62", &additional)?;
    }
    out.push_str("6304");
    let crc = crc16(out.as_bytes());
    out.push_str(&format!("{crc:04X}"));
    Ok(out)
}

/// The top-level (tag, value) fields of a payload whose CRC is right (compared ignoring case).
pub fn parse(payload: &str) -> Result<Vec<(String, String)>, VietQrError> {
    let chars: Vec<char> = payload.chars().collect();
    let mut fields = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        let piece = |from: usize, to: usize| -> Result<String, VietQrError> {
            Ok(chars
                .get(from..to)
                .ok_or(VietQrError::Malformed(from))?
                .iter()
                .collect())
        };
        let tag = piece(at, at + 2)?;
        let len: usize = piece(at + 2, at + 4)?
            .parse()
            .map_err(|_| VietQrError::Malformed(at + 2))?;
        let value: String = chars
            .get(at + 4..at + 4 + len)
            .ok_or(VietQrError::Malformed(at + 4))?
            .iter()
            .collect();
        fields.push((tag, value));
        at += 4 + len;
    }
    let Some((tag, found)) = fields.last() else {
        return Err(VietQrError::Malformed(0));
    };
    if tag != "63" || found.len() != 4 {
        return Err(VietQrError::Malformed(chars.len()));
    }
    let protected = &payload[..payload.len() - 4];
    let expected = format!("{:04X}", crc16(protected.as_bytes()));
    if !found.eq_ignore_ascii_case(&expected) {
        return Err(VietQrError::Crc {
            found: found.clone(),
            expected,
        });
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acb() -> Account {
        Account {
            bin: "970416".into(),
            number: "257678859".into(),
        }
    }

    #[test]
    fn crc_matches_the_standard_check_value() {
        assert_eq!(crc16(b"123456789"), 0x29B1);
    }

    #[test]
    fn reproduces_the_verified_static_and_dynamic_payloads() {
        assert_eq!(
            payload(&acb(), None, "").unwrap(),
            "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304AE9F"
        );
        assert_eq!(
            payload(&acb(), Some(Vnd(10_000)), "Chuyen tien").unwrap(),
            "00020101021238530010A0000007270123000697041601092576788590208QRIBFTTA53037045405100005802VN62150811Chuyen tien630453E6"
        );
        let vcb = Account {
            bin: "970436".into(),
            number: "0011001234567".into(),
        };
        assert_eq!(
            payload(&vcb, Some(Vnd(125_000)), "OCOP HD000123").unwrap(),
            "00020101021238570010A00000072701270006970436011300110012345670208QRIBFTTA530370454061250005802VN62170813OCOP HD0001236304271D"
        );
    }

    #[test]
    fn descriptions_lose_diacritics_and_stay_short() {
        assert_eq!(
            purpose_text("Thanh toán hóa đơn ĐN-000123 tại Hội An"),
            "Thanh toan hoa don DN-000"
        );
        let built = payload(&acb(), Some(Vnd(50_000)), "Nước mắm").unwrap();
        assert!(built.contains("0808Nuoc mam"), "{built}");
        assert!(parse(&built).is_ok());
    }

    #[test]
    fn bad_input_is_named_and_bad_payloads_are_caught() {
        assert_eq!(
            payload(
                &Account {
                    bin: "97041".into(),
                    ..acb()
                },
                None,
                ""
            ),
            Err(VietQrError::BadBin("97041".into()))
        );
        assert!(
            payload(
                &Account {
                    number: "12 34".into(),
                    ..acb()
                },
                None,
                ""
            )
            .is_err()
        );
        assert!(payload(&acb(), Some(Vnd(0)), "").is_err());
        assert!(payload(&acb(), Some(Vnd(-5)), "").is_err());
        let good = "00020101021138530010A0000007270123000697041601092576788590208QRIBFTTA53037045802VN6304ae9f";
        assert_eq!(parse(good).unwrap()[2].0, "38");
        let tampered = good.replace("257678859", "257678858");
        assert!(matches!(parse(&tampered), Err(VietQrError::Crc { .. })));
        assert!(matches!(parse("0002010"), Err(VietQrError::Malformed(_))));
        assert!(matches!(parse("ééé01"), Err(VietQrError::Malformed(_))));
        // The bad fixture noted in domain.md: its lengths do not parse.
        assert!(parse("00020101021254062500005802VN62060802Qr63044274").is_err());
    }
}
