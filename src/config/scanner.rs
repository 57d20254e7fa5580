//! `[scanner]`: a serial barcode scanner (RS-232, or USB in CDC-ACM mode).

use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize};

use super::Config;
use crate::device::scanner::SerialSettings;

/// `[scanner]`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scanner {
    /// The scanner's port, e.g. `/dev/ttyACM0` or `COM4`; empty: no serial scanner.
    pub serial: String,
    /// Bits per second.
    #[serde(deserialize_with = "baud")]
    pub baud: u32,
    /// Seconds between attempts to reopen an unplugged scanner.
    #[serde(deserialize_with = "retry")]
    pub retry_seconds: u32,
}

impl Default for Scanner {
    fn default() -> Self {
        Scanner {
            serial: String::new(),
            baud: 9600,
            retry_seconds: 2,
        }
    }
}

fn baud<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let value = u32::deserialize(d)?;
    if !(300..=921_600).contains(&value) {
        return Err(serde::de::Error::custom(format!(
            "tốc độ baud {value} không hợp lệ: phải là 300–921600, ví dụ 9600"
        )));
    }
    Ok(value)
}

fn retry<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let value = u32::deserialize(d)?;
    if !(1..=600).contains(&value) {
        return Err(serde::de::Error::custom(format!(
            "{value} giây nằm ngoài khoảng 1–600 giây"
        )));
    }
    Ok(value)
}

impl Config {
    /// The serial scanner to read, or None when none is configured.
    pub fn serial_scanner(&self) -> Option<SerialSettings> {
        let s = &self.scanner;
        let path = s.serial.trim();
        (!path.is_empty()).then(|| SerialSettings {
            path: path.to_owned(),
            baud: s.baud,
            retry: Duration::from_secs(u64::from(s.retry_seconds)),
        })
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
    fn a_port_turns_the_reader_on() {
        assert_eq!(Config::default().serial_scanner(), None);
        let config = parse("[scanner]\nserial = \"/dev/ttyACM0\"\nbaud = 115200\n").unwrap();
        let settings = config.serial_scanner().unwrap();
        assert_eq!(settings.path, "/dev/ttyACM0");
        assert_eq!(settings.baud, 115_200);
        assert_eq!(settings.retry, Duration::from_secs(2));
        for (text, needle) in [
            ("[scanner]\nbaud = 7\n", "7"),
            ("[scanner]\n\nretry_seconds = 0\n", "0 giây"),
            ("[scanner]\nport = \"COM4\"\n", "port"),
        ] {
            let err = parse(text).unwrap_err().to_string();
            assert!(
                err.contains(needle) && err.contains("line"),
                "{text}: {err}"
            );
        }
    }
}
