//! `[receipt]`, `[bank]` and `[drawer]`: how receipts look and print, the account VietQR codes pay
//! into, and the cash-drawer kick.

use serde::{Deserialize, Deserializer, Serialize};

use super::Config;
use crate::receipt::document::{BankAccount, Settings};
use crate::receipt::drawer::{Pin, Pulse};
use crate::receipt::{CodePages, Cut, Encoding, Profile, Width, vietqr};

/// `[receipt]`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Receipt {
    /// Text printed at the bottom of every receipt (one centred line per line).
    pub footer: String,
    /// Paper width in mm: 58 or 80.
    pub width: Width,
    /// `raster` (any printer), `wpc1258`, `tcvn3` or `ascii`.
    pub encoder: Encoding,
    /// `ESC t` number of Windows-1258 on this printer.
    pub wpc1258_page: u8,
    /// `ESC t` number of TCVN-3 lower case.
    pub tcvn3_lower_page: u8,
    /// `ESC t` number of TCVN-3 capitals.
    pub tcvn3_upper_page: u8,
    /// `partial` or `full`.
    pub cut: Cut,
    /// Lines fed before the cut (0–20).
    #[serde(deserialize_with = "feed_lines")]
    pub feed_lines: u8,
}

impl Default for Receipt {
    fn default() -> Self {
        let pages = CodePages::default();
        Receipt {
            footer: "Cảm ơn quý khách. Hẹn gặp lại!".to_owned(),
            width: Width::Mm80,
            encoder: Encoding::Raster,
            wpc1258_page: pages.wpc1258,
            tcvn3_lower_page: pages.tcvn3_lower,
            tcvn3_upper_page: pages.tcvn3_upper,
            cut: Cut::Partial,
            feed_lines: 4,
        }
    }
}

fn feed_lines<'de, D: Deserializer<'de>>(d: D) -> Result<u8, D::Error> {
    let value = u8::deserialize(d)?;
    if value > 20 {
        return Err(serde::de::Error::custom(format!(
            "{value} dòng là quá nhiều: tối đa 20"
        )));
    }
    Ok(value)
}

/// `[bank]`: empty BIN and account print no VietQR code.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Bank {
    /// NAPAS BIN of the bank, six digits (970436 = Vietcombank).
    pub bank_bin: String,
    /// Account number.
    pub account_no: String,
    /// Account holder, printed under the code.
    pub account_name: String,
}

/// `[bank]` as written, checked into a [`Bank`].
#[derive(Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawBank {
    bank_bin: String,
    account_no: String,
    account_name: String,
}

impl<'de> Deserialize<'de> for Bank {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = RawBank::deserialize(d)?;
        let bank = Bank {
            bank_bin: raw.bank_bin.trim().to_owned(),
            account_no: raw.account_no.trim().to_owned(),
            account_name: raw.account_name.trim().to_owned(),
        };
        match (bank.bank_bin.is_empty(), bank.account_no.is_empty()) {
            (true, true) => {}
            (false, false) => {
                vietqr::payload(&bank.account(), None, "").map_err(serde::de::Error::custom)?;
            }
            _ => {
                return Err(serde::de::Error::custom(
                    "cần cả bank_bin và account_no (hoặc bỏ trống cả hai)",
                ));
            }
        }
        Ok(bank)
    }
}

impl Bank {
    fn account(&self) -> vietqr::Account {
        vietqr::Account {
            bin: self.bank_bin.clone(),
            number: self.account_no.clone(),
        }
    }
}

/// `[drawer]`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Drawer {
    /// Connector pin: 2 or 5.
    pub pin: Pin,
    /// Pulse on time in ms (2–510).
    #[serde(deserialize_with = "pulse_ms")]
    pub on_ms: u16,
    /// Pause after the pulse in ms (2–510).
    #[serde(deserialize_with = "pulse_ms")]
    pub off_ms: u16,
}

impl Default for Drawer {
    fn default() -> Self {
        let pulse = Pulse::default();
        Drawer {
            pin: pulse.pin,
            on_ms: pulse.on_ms,
            off_ms: pulse.off_ms,
        }
    }
}

fn pulse_ms<'de, D: Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
    let value = u16::deserialize(d)?;
    if !(2..=510).contains(&value) {
        return Err(serde::de::Error::custom(format!(
            "{value} ms nằm ngoài 2–510 ms mà lệnh ESC p gửi được"
        )));
    }
    Ok(value)
}

impl Config {
    /// The printer profile the receipt encoders need.
    pub fn receipt_profile(&self) -> Profile {
        let r = &self.receipt;
        Profile {
            width: r.width,
            encoding: r.encoder,
            pages: CodePages {
                wpc1258: r.wpc1258_page,
                tcvn3_lower: r.tcvn3_lower_page,
                tcvn3_upper: r.tcvn3_upper_page,
            },
            cut: r.cut,
            feed_lines: r.feed_lines,
        }
    }

    /// What every receipt document adds: footer and, when configured, the VietQR account.
    pub fn receipt_settings(&self) -> Settings {
        let bank = &self.bank;
        Settings {
            footer: self.receipt.footer.clone(),
            bank: (!bank.bank_bin.is_empty()).then(|| BankAccount {
                account: bank.account(),
                name: bank.account_name.clone(),
            }),
        }
    }

    /// The drawer kick.
    pub fn drawer_pulse(&self) -> Pulse {
        Pulse {
            pin: self.drawer.pin,
            on_ms: self.drawer.on_ms,
            off_ms: self.drawer.off_ms,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn parse(text: &str) -> Result<Config, super::super::Error> {
        Config::parse(text, Path::new("config.toml"))
    }

    #[test]
    fn defaults_print_raster_on_80_mm_without_a_code() {
        let config = Config::default();
        let profile = config.receipt_profile();
        assert_eq!(profile.width.dots(), 576);
        assert_eq!(profile.encoding, Encoding::Raster);
        assert_eq!((profile.pages.wpc1258, profile.pages.tcvn3_lower), (52, 30));
        assert_eq!(profile.pages.tcvn3_upper, 31);
        assert_eq!(profile.cut, Cut::Partial);
        assert_eq!(config.receipt_settings().bank, None);
        assert_eq!(config.drawer_pulse().bytes(), [0x1B, 0x70, 0, 25, 250]);
    }

    #[test]
    fn values_are_read() {
        let config = parse(
            "[receipt]\nwidth = 58\nencoder = \"tcvn3\"\ntcvn3_lower_page = 27\ncut = \"full\"\n\
             footer = \"Hẹn gặp lại\"\n[bank]\nbank_bin = \"970436\"\naccount_no = \"0011001234567\"\n\
             account_name = \"HTX Hội An\"\n[drawer]\npin = 5\non_ms = 100\n",
        )
        .unwrap();
        let profile = config.receipt_profile();
        assert_eq!(profile.width, Width::Mm58);
        assert_eq!(profile.encoding, Encoding::Tcvn3);
        assert_eq!(profile.pages.tcvn3_lower, 27);
        assert_eq!(profile.cut, Cut::Full);
        let settings = config.receipt_settings();
        assert_eq!(settings.footer, "Hẹn gặp lại");
        let bank = settings.bank.unwrap();
        assert_eq!(bank.account.bin, "970436");
        assert_eq!(bank.name, "HTX Hội An");
        assert_eq!(config.drawer_pulse().bytes(), [0x1B, 0x70, 1, 50, 250]);
    }

    #[test]
    fn bad_values_name_key_and_line() {
        for (text, needle) in [
            ("[receipt]\nwidth = 76\n", "76"),
            ("[receipt]\n\nencoder = \"utf8\"\n", "utf8"),
            ("[receipt]\ncut = \"half\"\n", "half"),
            ("[receipt]\nfeed_lines = 99\n", "99"),
            (
                "[bank]\nbank_bin = \"97043\"\naccount_no = \"1\"\n",
                "97043",
            ),
            ("[bank]\nbank_bin = \"970436\"\n", "account_no"),
            (
                "[bank]\nbank_bin = \"970436\"\naccount_no = \"12 34\"\n",
                "12 34",
            ),
            ("[drawer]\npin = 3\n", "3"),
            ("[drawer]\noff_ms = 600\n", "600"),
            ("[receipt]\nfooter_text = \"x\"\n", "footer_text"),
        ] {
            let err = parse(text).unwrap_err().to_string();
            assert!(err.contains(needle), "{text}: {err}");
            assert!(err.contains("line"), "{text}: {err}");
        }
    }
}
