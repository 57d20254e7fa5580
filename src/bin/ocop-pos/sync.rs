//! `ocop-pos sync`: what waits in the outbox for the provincial hub, and pushing it now.

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use anyhow::{Result, bail};
use clap::Subcommand;

use ocop_pos::config::Config;
use ocop_pos::demo::require_point;
use ocop_pos::store::{self, outbox, registry};
use ocop_pos::sync::client::Client;
use ocop_pos::sync::push::{self, Which};

use crate::now;

/// Sync commands.
#[derive(Subcommand)]
pub enum Action {
    /// Daily summaries not yet delivered ("chưa đồng bộ"), their errors, and the hub's last day.
    Status,
    /// Push every undelivered summary now, refused ones included (after fixing the cause).
    Push,
    /// Update OCOP group, stars and certificates from the provincial registry (prices and stock
    /// stay as they are).
    Catalogue,
}

fn client(config: &Config) -> Result<Client> {
    let sync = &config.sync;
    if !sync.is_configured() {
        bail!(
            "chưa cấu hình máy chủ tỉnh: hãy đặt [sync] hub_url và point_token trong config.toml"
        );
    }
    let timeout = Duration::from_secs(u64::from(sync.timeout_seconds));
    Ok(Client::new(&sync.hub_url, &sync.point_token, timeout)?)
}

/// Runs a sync command.
pub fn run(action: Action, config: &Config, db_path: &Path, out: &mut impl Write) -> Result<()> {
    let mut conn = store::open(db_path)?;
    match action {
        Action::Catalogue => {
            let catalogue = client(config)?.catalogue()?;
            let applied = registry::apply(&mut conn, &catalogue.products)?;
            writeln!(
                out,
                "Danh mục tỉnh: {} sản phẩm; cập nhật {}, không đổi {}, điểm này không bán {}",
                catalogue.products.len(),
                applied.updated,
                applied.unchanged,
                applied.not_here
            )?;
        }
        Action::Status => {
            let waiting =
                outbox::pending(&conn, now(config) + chrono::Duration::days(36_500), 1000)?;
            writeln!(out, "Chưa đồng bộ: {}", waiting.len())?;
            for m in &waiting {
                let when = m.next_attempt_at.as_deref().unwrap_or("ngay");
                writeln!(
                    out,
                    "  {} bản {}: {} lần thử, thử lại {when}{}",
                    m.subject,
                    m.revision,
                    m.attempts,
                    if m.last_error.is_empty() {
                        String::new()
                    } else {
                        format!(" — {}", m.last_error)
                    }
                )?;
            }
            if config.sync.is_configured() {
                let point = require_point(&conn)?.code;
                match client(config)?.status(&point) {
                    Ok(json) => writeln!(out, "Máy chủ tỉnh: {json}")?,
                    Err(e) => writeln!(out, "Máy chủ tỉnh: {e}")?,
                }
            } else {
                writeln!(
                    out,
                    "Máy chủ tỉnh: chưa cấu hình ([sync] hub_url, point_token)"
                )?;
            }
        }
        Action::Push => {
            let client = client(config)?;
            let round = push::round(
                &conn,
                &client,
                Which::All,
                now(config),
                &mut push::system_random,
            )?;
            writeln!(
                out,
                "Đã gửi: {}, máy chủ đã có bản mới hơn: {}, còn chờ: {}",
                round.delivered,
                round.conflicts,
                outbox::pending_count(&conn)?
            )?;
            for why in &round.refused {
                writeln!(out, "  Bị từ chối: {why}")?;
            }
            if !round.refused.is_empty() {
                bail!(
                    "{} bản bị máy chủ tỉnh từ chối; hãy sửa rồi chạy lại",
                    round.refused.len()
                );
            }
            if round.waiting > 0 {
                bail!("máy chủ tỉnh chưa trả lời; các bản còn lại sẽ được gửi lại sau");
            }
        }
    }
    Ok(())
}
