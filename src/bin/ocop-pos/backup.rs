//! `ocop-pos backup` and `ocop-pos restore`, and the daily backup taken before other commands.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use chrono::{DateTime, FixedOffset};

use ocop_pos::config::Config;
use ocop_pos::store::{self, backup};

/// Makes today's backup if it is missing (and prunes old ones), before a command uses the
/// database. A failure is reported but does not stop the command: selling matters more.
pub fn daily(config: &Config, data_dir: &Path, db_path: &Path, now: DateTime<FixedOffset>) {
    if !config.backup.enabled || !db_path.exists() {
        return;
    }
    // Before migrating: a copy in the old schema undoes an upgrade that went wrong.
    let done = store::open_unmigrated(db_path).and_then(|conn| {
        backup::ensure_daily(&conn, data_dir, config.backup.keep_days, now.date_naive())
    });
    match done {
        Ok(done) => {
            if let Some(file) = done.written {
                tracing::info!("đã sao lưu hằng ngày vào {}", file.display());
            }
        }
        Err(err) => eprintln!("Cảnh báo: chưa sao lưu hằng ngày được: {err}"),
    }
}

/// `ocop-pos backup [--to FILE]`: a copy now, by default `backups/till-manual-….db` (never pruned).
pub fn backup_now(
    to: Option<PathBuf>,
    data_dir: &Path,
    db_path: &Path,
    now: DateTime<FixedOffset>,
    out: &mut impl Write,
) -> Result<()> {
    if !db_path.exists() {
        bail!(
            "chưa có cơ sở dữ liệu {}: hãy chạy `ocop-pos init`",
            db_path.display()
        );
    }
    let conn = store::open(db_path)?;
    let file = to.unwrap_or_else(|| {
        backup::folder(data_dir).join(format!("till-manual-{}.db", now.format("%Y%m%d-%H%M%S")))
    });
    backup::backup_to(&conn, &file)?;
    writeln!(out, "Đã sao lưu vào {}", file.display())?;
    Ok(())
}

/// `ocop-pos restore FILE [--force]`.
pub fn restore(
    file: &Path,
    force: bool,
    data_dir: &Path,
    db_path: &Path,
    now: DateTime<FixedOffset>,
    out: &mut impl Write,
) -> Result<()> {
    let mut conn = store::open(db_path)?;
    let done = backup::restore(&mut conn, data_dir, file, force, now)?;
    let latest = done.from.latest.map_or_else(
        || "chưa có giao dịch".to_owned(),
        |t| t.format("%H:%M %d/%m/%Y").to_string(),
    );
    writeln!(
        out,
        "Đã khôi phục từ {} (điểm bán {}, {} hóa đơn, dữ liệu đến {}).",
        file.display(),
        done.from.point_code.as_deref().unwrap_or("chưa khởi tạo"),
        done.from.sales,
        latest
    )?;
    writeln!(
        out,
        "Bản sao cơ sở dữ liệu trước khi khôi phục: {}",
        done.safety_copy.display()
    )?;
    Ok(())
}
