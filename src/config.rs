//! The till's configuration: typed, every key optional with a default, unknown keys refused.
//!
//! Looked up in order: `--config FILE`, then `config.toml` in the data folder, then the built-in
//! defaults. A typo must fail loudly, naming the file, the key and the line.

mod display;
mod printer;
mod receipt;
mod save;
mod scanner;
mod sync;

pub use display::Display;
pub use printer::Printer;
pub use receipt::{Bank, Drawer, Receipt};
pub use save::SaveError;
pub use scanner::Scanner;
pub use sync::SyncSettings;

use std::path::{Path, PathBuf};

use chrono::FixedOffset;
use serde::{Deserialize, Deserializer, Serialize};

use crate::domain::barcode::BarcodeRules;
use crate::domain::cart::Policy;
use crate::domain::money::{MAX_AMOUNT, Vnd};
use crate::store::users::LockoutPolicy;

/// The whole configuration file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Business day and certificate warnings.
    pub business: Business,
    /// Limits at the counter.
    pub sales: Sales,
    /// PIN lockout.
    pub security: Security,
    /// Closing shifts.
    pub shifts: Shifts,
    /// In-store barcode layouts.
    #[serde(deserialize_with = "checked_barcode_rules")]
    pub barcode: BarcodeRules,
    /// Receipt layout and how the printer is spoken to.
    pub receipt: Receipt,
    /// The point's bank account for VietQR codes on receipts.
    pub bank: Bank,
    /// The cash-drawer kick.
    pub drawer: Drawer,
    /// The daily backup.
    pub backup: Backup,
    /// Where the receipt printer is.
    pub printer: Printer,
    /// A serial barcode scanner.
    pub scanner: Scanner,
    /// The provincial hub the daily summaries go to.
    pub sync: SyncSettings,
    /// The customer display.
    pub display: Display,
}

/// `[business]`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Business {
    /// UTC offset that decides the business date, e.g. "+07:00".
    pub utc_offset: UtcOffset,
    /// Warn this many days before an OCOP certificate ends.
    pub certificate_warn_days: u16,
}

impl Default for Business {
    fn default() -> Self {
        Business {
            utc_offset: UtcOffset::VIETNAM,
            certificate_warn_days: 90,
        }
    }
}

/// `[sales]`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Sales {
    /// Largest discount or price change, in percent, a clerk may give without a manager's PIN.
    #[serde(deserialize_with = "percent")]
    pub clerk_discount_limit_percent: u32,
}

impl Default for Sales {
    fn default() -> Self {
        Sales {
            clerk_discount_limit_percent: 10,
        }
    }
}

/// `[security]`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Security {
    /// Wrong PINs in a row before a user is locked out (1–20).
    #[serde(deserialize_with = "pin_failures")]
    pub max_pin_failures: u32,
    /// Minutes a locked-out user waits.
    pub lockout_minutes: u32,
}

impl Default for Security {
    fn default() -> Self {
        Security {
            max_pin_failures: 5,
            lockout_minutes: 15,
        }
    }
}

/// `[shifts]`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Shifts {
    /// Largest difference, either way, between counted and expected cash that a clerk may close a
    /// shift with; a larger one needs a manager's PIN.
    #[serde(deserialize_with = "amount")]
    pub max_cash_difference_vnd: Vnd,
}

impl Default for Shifts {
    fn default() -> Self {
        Shifts {
            max_cash_difference_vnd: Vnd(50_000),
        }
    }
}

/// `[backup]`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Backup {
    /// Back the database up once a day into `backups/` under the data folder.
    pub enabled: bool,
    /// Daily backups kept, today's included (1–3650).
    #[serde(deserialize_with = "keep_days")]
    pub keep_days: u16,
}

impl Default for Backup {
    fn default() -> Self {
        Backup {
            enabled: true,
            keep_days: 14,
        }
    }
}

/// A UTC offset written as "+07:00".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UtcOffset(pub FixedOffset);

impl UtcOffset {
    /// Indochina Time, +07:00.
    pub const VIETNAM: UtcOffset = match FixedOffset::east_opt(7 * 3600) {
        Some(offset) => UtcOffset(offset),
        // Unreachable: +07:00 is a valid offset.
        None => panic!("+07:00 is a valid offset"),
    };
}

impl Serialize for UtcOffset {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string())
    }
}

impl<'de> Deserialize<'de> for UtcOffset {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse::<FixedOffset>()
            .ok()
            .filter(|o| o.local_minus_utc().abs() <= 14 * 3600)
            .map(UtcOffset)
            .ok_or_else(|| {
                serde::de::Error::custom(format!("\"{text}\" is not a UTC offset like \"+07:00\""))
            })
    }
}

fn percent<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let value = u32::deserialize(d)?;
    if value > 100 {
        return Err(serde::de::Error::custom(format!(
            "{value} is not a percentage between 0 and 100"
        )));
    }
    Ok(value)
}

fn amount<'de, D: Deserializer<'de>>(d: D) -> Result<Vnd, D::Error> {
    let value = i64::deserialize(d)?;
    if !(0..=MAX_AMOUNT.0).contains(&value) {
        return Err(serde::de::Error::custom(format!(
            "{value} must be an amount of đồng between 0 and {}",
            MAX_AMOUNT.0
        )));
    }
    Ok(Vnd(value))
}

fn pin_failures<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let value = u32::deserialize(d)?;
    if !(1..=20).contains(&value) {
        return Err(serde::de::Error::custom(format!(
            "{value} must be between 1 and 20"
        )));
    }
    Ok(value)
}

fn keep_days<'de, D: Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
    let value = u16::deserialize(d)?;
    if !(1..=3650).contains(&value) {
        return Err(serde::de::Error::custom(format!(
            "{value} must be between 1 and 3650 days"
        )));
    }
    Ok(value)
}

fn checked_barcode_rules<'de, D: Deserializer<'de>>(d: D) -> Result<BarcodeRules, D::Error> {
    let rules = BarcodeRules::deserialize(d)?;
    rules.validate().map_err(serde::de::Error::custom)?;
    Ok(rules)
}

impl Config {
    /// The clerk's limit as the cart needs it.
    pub fn cart_policy(&self) -> Policy {
        Policy {
            clerk_limit_bp: self.sales.clerk_discount_limit_percent * 100,
        }
    }

    /// The lockout rule as the user store needs it.
    pub fn lockout(&self) -> LockoutPolicy {
        LockoutPolicy {
            max_failures: self.security.max_pin_failures,
            lock_minutes: self.security.lockout_minutes,
        }
    }

    /// Parses a configuration text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &Path) -> Result<Config, Error> {
        toml::from_str(text).map_err(|source| Error::Invalid {
            path: origin.to_owned(),
            message: source.to_string(),
        })
    }

    /// Loads `explicit` if given (it must exist), else `config.toml` in `data_dir` if present, else
    /// the defaults.
    pub fn load(explicit: Option<&Path>, data_dir: &Path) -> Result<Config, Error> {
        let path = match explicit {
            Some(path) => path.to_owned(),
            None => {
                let default = data_dir.join("config.toml");
                if !default.exists() {
                    return Ok(Config::default());
                }
                default
            }
        };
        let text = std::fs::read_to_string(&path).map_err(|source| Error::Read {
            path: path.clone(),
            source,
        })?;
        Config::parse(&text, &path)
    }
}

/// The platform's data folder for the till (`~/.local/share/ocop-pos` on Linux, `%APPDATA%` on
/// Windows), or None when the platform has no home folder.
pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("vn", "OCOP", "ocop-pos").map(|d| d.data_dir().to_owned())
}

/// The configuration could not be used.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be read.
    #[error("không đọc được tệp cấu hình {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid: `message` names the key and line.
    #[error("tệp cấu hình {path} không hợp lệ:\n{message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// toml's description, with line, column and key.
        message: String,
    },
}

#[cfg(test)]
mod tests;
