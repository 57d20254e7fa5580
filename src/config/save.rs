//! Writing the configuration back (from the back office's settings): the whole file, atomically.
//! Comments of a hand-written file are not kept; every key is (unknown keys are refused on load).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Config;

/// Why the configuration could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The configuration could not be written as TOML.
    #[error("không ghi được cấu hình thành TOML: {0}")]
    Toml(#[from] toml::ser::Error),
    /// The file could not be written.
    #[error("không ghi được tệp cấu hình {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

impl Config {
    /// Writes the configuration to `path`: a temporary file next to it, flushed to disk, then
    /// renamed over it, so a crash leaves the old file or the new one, never half of one. The text
    /// is parsed back first, so a file that would not load is never written.
    pub fn save(&self, path: &Path) -> Result<(), SaveError> {
        let text = toml::to_string_pretty(self)?;
        let io = |source| SaveError::Io {
            path: path.to_owned(),
            source,
        };
        if !Config::parse(&text, path).is_ok_and(|back| back == *self) {
            return Err(io(std::io::Error::other(
                "cấu hình ghi ra không đọc lại đúng",
            )));
        }
        let tmp = path.with_extension("toml.tmp");
        let mut file = std::fs::File::create(&tmp).map_err(io)?;
        file.write_all(text.as_bytes()).map_err(io)?;
        file.sync_all().map_err(io)?;
        drop(file);
        std::fs::rename(&tmp, path).map_err(io)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_configuration_loads_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[receipt]\nwidth = 58\n").unwrap();
        let mut config = Config::load(None, dir.path()).unwrap();
        config.printer.address = Some("tcp://127.0.0.1:9100".parse().unwrap());
        config.receipt.footer = "Cảm ơn!".into();
        config.save(&path).unwrap();
        let loaded = Config::load(None, dir.path()).unwrap();
        assert_eq!(loaded, config);
        assert!(!dir.path().join("config.toml.tmp").exists());
    }
}
