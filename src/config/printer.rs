//! `[printer]`: where the receipt printer is and how long to wait for it.

use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Config;
use crate::device::printer::{Address, Timeouts};

/// `[printer]`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Printer {
    /// `tcp://HOST[:PORT]`, `file://PATH` or `serial://PATH?baud=N`; empty: no printer, jobs wait.
    #[serde(deserialize_with = "address", serialize_with = "address_text")]
    pub address: Option<Address>,
    /// Milliseconds to connect to a network printer.
    #[serde(deserialize_with = "timeout_ms")]
    pub connect_timeout_ms: u32,
    /// Milliseconds the printer may take no bytes before the job fails.
    #[serde(deserialize_with = "timeout_ms")]
    pub write_timeout_ms: u32,
    /// Milliseconds to wait for a status answer (`DLE EOT`); 0 never asks.
    #[serde(deserialize_with = "status_ms")]
    pub status_timeout_ms: u32,
    /// Seconds before the first retry of a failed job; doubled up to `retry_max_seconds`.
    #[serde(deserialize_with = "retry_seconds")]
    pub retry_min_seconds: u32,
    /// Longest wait between retries.
    #[serde(deserialize_with = "retry_seconds")]
    pub retry_max_seconds: u32,
}

impl Default for Printer {
    fn default() -> Self {
        let timeouts = Timeouts::default();
        let ms = |d: Duration| u32::try_from(d.as_millis()).unwrap_or(u32::MAX);
        Printer {
            address: None,
            connect_timeout_ms: ms(timeouts.connect),
            write_timeout_ms: ms(timeouts.write),
            status_timeout_ms: ms(timeouts.status),
            retry_min_seconds: 2,
            retry_max_seconds: 60,
        }
    }
}

fn address<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Address>, D::Error> {
    let text = String::deserialize(d)?;
    if text.trim().is_empty() {
        return Ok(None);
    }
    text.parse().map(Some).map_err(serde::de::Error::custom)
}

fn address_text<S: Serializer>(address: &Option<Address>, s: S) -> Result<S::Ok, S::Error> {
    match address {
        Some(address) => s.serialize_str(&address.to_string()),
        None => s.serialize_str(""),
    }
}

fn ranged<'de, D: Deserializer<'de>>(
    d: D,
    range: std::ops::RangeInclusive<u32>,
    unit: &str,
) -> Result<u32, D::Error> {
    let value = u32::deserialize(d)?;
    if !range.contains(&value) {
        return Err(serde::de::Error::custom(format!(
            "{value} {unit} nằm ngoài khoảng {}–{} {unit}",
            range.start(),
            range.end()
        )));
    }
    Ok(value)
}

fn timeout_ms<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    ranged(d, 1..=600_000, "ms")
}

fn status_ms<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    ranged(d, 0..=10_000, "ms")
}

fn retry_seconds<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    ranged(d, 1..=3600, "giây")
}

impl Config {
    /// The drivers' timeouts.
    pub fn printer_timeouts(&self) -> Timeouts {
        let p = &self.printer;
        let ms = |v: u32| Duration::from_millis(u64::from(v));
        Timeouts {
            connect: ms(p.connect_timeout_ms),
            write: ms(p.write_timeout_ms),
            status: ms(p.status_timeout_ms),
        }
    }

    /// The first and the longest wait before retrying a failed print.
    pub fn printer_retry(&self) -> (Duration, Duration) {
        let p = &self.printer;
        let first = u64::from(p.retry_min_seconds);
        let longest = u64::from(p.retry_max_seconds).max(first);
        (Duration::from_secs(first), Duration::from_secs(longest))
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
    fn defaults_have_no_printer_and_short_waits() {
        let config = Config::default();
        assert_eq!(config.printer.address, None);
        let t = config.printer_timeouts();
        assert_eq!(t.connect, Duration::from_secs(3));
        assert_eq!(t.write, Duration::from_secs(10));
        assert_eq!(t.status, Duration::from_millis(500));
        assert_eq!(
            config.printer_retry(),
            (Duration::from_secs(2), Duration::from_secs(60))
        );
        assert_eq!(parse("[printer]\naddress = \"\"\n").unwrap(), config);
    }

    #[test]
    fn values_are_read() {
        let config = parse(
            "[printer]\naddress = \"serial:///dev/ttyUSB0?baud=19200\"\nwrite_timeout_ms = 2500\n\
             status_timeout_ms = 0\nretry_min_seconds = 5\nretry_max_seconds = 3\n",
        )
        .unwrap();
        assert_eq!(
            config.printer.address.as_ref().map(ToString::to_string),
            Some("serial:///dev/ttyUSB0?baud=19200".to_owned())
        );
        assert_eq!(config.printer_timeouts().write, Duration::from_millis(2500));
        assert!(config.printer_timeouts().status.is_zero());
        // A longest wait below the first is raised to it.
        assert_eq!(
            config.printer_retry(),
            (Duration::from_secs(5), Duration::from_secs(5))
        );
        let tcp = parse("[printer]\naddress = \"tcp://192.168.1.50\"\n").unwrap();
        assert_eq!(
            tcp.printer.address.map(|a| a.to_string()),
            Some("tcp://192.168.1.50:9100".to_owned())
        );
    }

    #[test]
    fn bad_values_name_key_and_line() {
        for (text, needle) in [
            ("[printer]\n\naddress = \"192.168.1.50\"\n", "tcp://"),
            ("[printer]\naddress = \"tcp://host:99999\"\n", "99999"),
            (
                "[printer]\naddress = \"serial:///dev/ttyS0?baud=x\"\n",
                "baud",
            ),
            ("[printer]\nwrite_timeout_ms = 0\n", "0 ms"),
            ("[printer]\nstatus_timeout_ms = 60000\n", "60000"),
            ("[printer]\nretry_max_seconds = 0\n", "retry_max_seconds"),
            ("[printer]\nadress = \"tcp://x\"\n", "adress"),
        ] {
            let err = parse(text).unwrap_err().to_string();
            assert!(err.contains(needle), "{text}: {err}");
            assert!(err.contains("line"), "{text}: {err}");
        }
    }
}
