//! `[sync]`: where the provincial hub is and the point's token for it.

use serde::{Deserialize, Deserializer, Serialize};

/// `[sync]`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SyncSettings {
    /// The hub's base address, e.g. `https://ocop.quangnam.gov.vn`; empty: summaries wait.
    #[serde(deserialize_with = "hub_url")]
    pub hub_url: String,
    /// The token `ocop-hub add-point` printed for this point; empty: summaries wait.
    pub point_token: String,
    /// Seconds one request may take.
    #[serde(deserialize_with = "timeout_seconds")]
    pub timeout_seconds: u32,
}

impl Default for SyncSettings {
    fn default() -> Self {
        SyncSettings {
            hub_url: String::new(),
            point_token: String::new(),
            timeout_seconds: 30,
        }
    }
}

impl SyncSettings {
    /// Whether both the address and the token are set.
    pub fn is_configured(&self) -> bool {
        !self.hub_url.is_empty() && !self.point_token.is_empty()
    }
}

fn hub_url<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let url = String::deserialize(d)?;
    let url = url.trim().trim_end_matches('/').to_owned();
    if url.is_empty() || url.starts_with("https://") || url.starts_with("http://") {
        Ok(url)
    } else {
        Err(serde::de::Error::custom(
            "hub_url phải bắt đầu bằng https:// (hoặc http:// sau một proxy TLS)",
        ))
    }
}

fn timeout_seconds<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let s = u32::deserialize(d)?;
    if (1..=600).contains(&s) {
        Ok(s)
    } else {
        Err(serde::de::Error::custom(
            "timeout_seconds phải từ 1 đến 600",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<SyncSettings, toml::de::Error> {
        toml::from_str(text)
    }

    #[test]
    fn urls_are_checked_and_trimmed() {
        let s = parse("hub_url = \"https://hub.example/\"\npoint_token = \"ocop_x\"").unwrap();
        assert_eq!(s.hub_url, "https://hub.example");
        assert!(s.is_configured());
        let e = parse("hub_url = \"ftp://x\"").unwrap_err().to_string();
        assert!(e.contains("hub_url"), "{e}");
        assert!(parse("timeout_seconds = 0").is_err());
        assert!(parse("hub = \"x\"").is_err());
        assert!(!SyncSettings::default().is_configured());
    }
}
