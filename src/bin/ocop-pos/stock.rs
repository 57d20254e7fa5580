//! `ocop-pos stock`: the low-stock list and reorder levels.

use std::io::Write;
use std::num::NonZeroU32;
use std::path::Path;

use anyhow::{Context as _, Result};
use clap::Subcommand;

use ocop_pos::config::Config;
use ocop_pos::domain::qty::Qty;
use ocop_pos::store::{self, low_stock};

/// What to do with stock levels.
#[derive(Subcommand)]
pub enum Action {
    /// Products at or below their reorder level, with average daily sales and days of cover.
    Low {
        /// Days of sales to average over, ending today.
        #[arg(long, default_value_t = NonZeroU32::new(low_stock::DEFAULT_DAYS).unwrap_or(NonZeroU32::MIN))]
        days: NonZeroU32,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Set a product's reorder level (QTY, e.g. 10 or 2,5), or clear it with "none".
    ReorderLevel {
        /// Product code.
        code: String,
        /// The level, or "none".
        level: String,
    },
}

/// Runs one stock command.
pub fn run(action: Action, config: &Config, db_path: &Path, out: &mut impl Write) -> Result<()> {
    let conn = store::open(db_path)?;
    match action {
        Action::Low { days, json } => {
            let today = super::now(config).date_naive();
            let rows = low_stock::list(&conn, today, days)?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &rows)?;
                writeln!(out)?;
                return Ok(());
            }
            if rows.is_empty() {
                writeln!(out, "Không có sản phẩm nào dưới mức tồn tối thiểu.")?;
                return Ok(());
            }
            writeln!(
                out,
                "{:<24} {:>10} {:>10} {:>10} {:>10}  tên (bán trung bình {} ngày gần nhất)",
                "mã sản phẩm", "tồn", "tối thiểu", "bán/ngày", "đủ bán", days
            )?;
            for row in rows {
                let cover = row
                    .days_of_cover
                    .map_or_else(|| "không bán".to_owned(), |d| format!("{d} ngày"));
                writeln!(
                    out,
                    "{:<24} {:>10} {:>10} {:>10} {:>10}  {} ({})",
                    row.product_code,
                    row.on_hand.to_string(),
                    row.reorder_level.to_string(),
                    row.daily_average.to_string(),
                    cover,
                    row.name,
                    row.unit
                )?;
            }
        }
        Action::ReorderLevel { code, level } => {
            let level = match level.trim() {
                "none" | "NONE" | "không" => None,
                text => Some(
                    text.parse::<Qty>()
                        .with_context(|| format!("mức tồn tối thiểu \"{text}\""))?,
                ),
            };
            low_stock::set_reorder_level(&conn, &code, level)?;
            match level {
                Some(level) => writeln!(out, "Mức tồn tối thiểu của {code}: {level}")?,
                None => writeln!(out, "Đã bỏ theo dõi mức tồn tối thiểu của {code}")?,
            }
        }
    }
    Ok(())
}
