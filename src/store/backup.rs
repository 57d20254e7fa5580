//! Online backups with the SQLite backup API, and restores that check the file first.

/// Why a backup operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {}
