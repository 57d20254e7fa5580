//! `ocop-pos stocktake`: open a count, record counts, show variances, post.

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result};
use clap::Subcommand;

use ocop_pos::config::Config;
use ocop_pos::domain::qty::Qty;
use ocop_pos::store::stocktake::{self, Entry, Filter, Report};
use ocop_pos::store::{self, users};

/// What to do with stock takes.
#[derive(Subcommand)]
pub enum Action {
    /// Open a count of every active product, or of those matching the filters.
    Open {
        /// Only this producer's products (producer code).
        #[arg(long, value_name = "CODE")]
        producer: Option<String>,
        /// Only this OCOP group (1–6).
        #[arg(long, value_name = "N")]
        group: Option<u8>,
        /// Only products whose name holds these words (diacritics and case ignored).
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
    },
    /// Record a count: CODE is a barcode, scale label or product code; without --qty it is one scan,
    /// adding one (a scale label adds its weight).
    Count {
        /// The stock take, e.g. KK-000001.
        number: String,
        /// Barcode, scale label or product code.
        code: String,
        /// The quantity counted, e.g. 12 or 1,5 (replaces the line's count).
        #[arg(long, value_name = "Q", allow_hyphen_values = true)]
        qty: Option<String>,
    },
    /// Show every line's variance and its value, with totals.
    Show {
        /// The stock take.
        number: String,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Cancel an open count without posting it.
    Cancel {
        /// The stock take.
        number: String,
    },
    /// Post the count as stock moves (a manager's PIN is read from standard input).
    Post {
        /// The stock take.
        number: String,
        /// The approving manager's name.
        #[arg(long, value_name = "NAME")]
        manager: String,
    },
}

/// Runs one stock-take command.
pub fn run(action: Action, config: &Config, db_path: &Path, out: &mut impl Write) -> Result<()> {
    let mut conn = store::open(db_path)?;
    let now = super::now(config);
    match action {
        Action::Open {
            producer,
            group,
            search,
        } => {
            let filter = Filter {
                producer,
                group,
                search,
            };
            let opened = stocktake::open(&mut conn, &filter, None, now)?;
            let scope = stocktake::show(&conn, &opened.header.number)?.scope;
            writeln!(
                out,
                "Đã mở phiếu kiểm kê {}: {} sản phẩm ({scope})",
                opened.header.number, opened.lines
            )?;
        }
        Action::Count { number, code, qty } => {
            let entry = match qty {
                Some(text) => Entry::Set(
                    text.parse::<Qty>()
                        .with_context(|| format!("số lượng \"{text}\""))?,
                ),
                None => Entry::Scan,
            };
            let done = stocktake::count(&mut conn, &number, &code, entry, &config.barcode, now)?;
            let how = match entry {
                Entry::Scan => format!(" (+{})", done.entered),
                Entry::Set(_) => String::new(),
            };
            writeln!(
                out,
                "{} dòng {}: {} {} — đã đếm {} {}{how}",
                done.number, done.line_no, done.product_code, done.name, done.counted, done.unit
            )?;
            if done.found {
                writeln!(out, "  Lưu ý: {}, đã thêm dòng mới.", stocktake::FOUND_NOTE)?;
            }
        }
        Action::Show { number, json } => {
            let report = stocktake::show(&conn, &number)?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &report)?;
                writeln!(out)?;
            } else {
                print_report(out, &report)?;
            }
        }
        Action::Cancel { number } => {
            let header = stocktake::cancel(&conn, &number)?;
            writeln!(out, "Đã hủy phiếu kiểm kê {} (không ghi sổ)", header.number)?;
        }
        Action::Post { number, manager } => {
            let pin = super::read_pin()?;
            let approval = users::approve(&conn, &manager, &pin, config.lockout(), now)?;
            let posted = stocktake::post(&mut conn, &number, &approval, None, now)?;
            writeln!(
                out,
                "Đã ghi sổ phiếu kiểm kê {}: {} dòng đã đếm, {} dòng có chênh lệch, giá trị chênh lệch {}",
                posted.number, posted.counted_lines, posted.changed_lines, posted.net_value
            )?;
            if !posted.uncounted.is_empty() {
                writeln!(
                    out,
                    "{} sản phẩm chưa đếm, tồn kho giữ nguyên: {}",
                    posted.uncounted.len(),
                    posted.uncounted.join(", ")
                )?;
            }
        }
    }
    Ok(())
}

fn opt(q: Option<Qty>) -> String {
    q.map_or_else(|| "—".to_owned(), |q| q.to_string())
}

fn print_report(out: &mut impl Write, report: &Report) -> Result<()> {
    writeln!(
        out,
        "Phiếu kiểm kê {} ({}) — {} — mở lúc {}{}",
        report.number,
        report.status,
        report.scope,
        super::local_time(&report.opened_at),
        report
            .posted_at
            .as_deref()
            .map(|t| format!(", ghi sổ lúc {}", super::local_time(t)))
            .unwrap_or_default()
    )?;
    writeln!(
        out,
        "{:>4}  {:<24} {:>10} {:>10} {:>10} {:>14}  đơn giá",
        "dòng", "mã sản phẩm", "tồn lúc đếm", "đã đếm", "chênh lệch", "giá trị"
    )?;
    for line in &report.lines {
        let value = line
            .variance_value
            .map_or_else(|| "—".to_owned(), |v| v.grouped());
        writeln!(
            out,
            "{:>4}  {:<24} {:>10} {:>10} {:>10} {:>14}  {} ({}){}",
            line.line_no,
            line.product_code,
            opt(line.expected_at_count),
            opt(line.counted),
            opt(line.variance),
            value,
            line.unit_value.grouped(),
            line.value_basis.label_vi(),
            if line.note.is_empty() {
                String::new()
            } else {
                format!(" — {}", line.note)
            }
        )?;
    }
    let t = &report.totals;
    writeln!(
        out,
        "Đã đếm {}/{} dòng ({} hàng ngoài phạm vi); thiếu {}, thừa {}, chênh lệch ròng {}",
        t.counted_lines, t.lines, t.found_lines, t.shortage_value, t.surplus_value, t.net_value
    )?;
    writeln!(
        out,
        "Giá trị tính theo giá vốn lô: {} dòng; theo giá bán lẻ (chưa biết giá vốn): {} dòng",
        t.cost_lines, t.retail_lines
    )?;
    Ok(())
}
