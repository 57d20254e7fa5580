//! `ocop-pos transfer`: send goods to another point, receive them, and follow what is in transit.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use clap::Subcommand;

use ocop_pos::config::Config;
use ocop_pos::store::documents::DocumentError;
use ocop_pos::store::{self, transfer};

/// What to do with transfers.
#[derive(Subcommand)]
pub enum Action {
    /// Send goods to another point: post a transfer out and write its file for the receiver.
    Out {
        /// The receiving point's code.
        #[arg(long, value_name = "POINT")]
        to: String,
        /// CSV with columns product_code,qty.
        #[arg(long, value_name = "FILE.csv")]
        lines: PathBuf,
        /// Where to write the transfer file (JSON) for the receiving point.
        #[arg(long, value_name = "FILE.json")]
        export: PathBuf,
    },
    /// Receive a transfer file from another point: post a transfer in.
    In {
        /// The transfer file.
        file: PathBuf,
    },
    /// Receive a transfer typed from the sender's delivery note: its code and a CSV of
    /// product_code,qty (the goods come in without lots).
    InByHand {
        /// The transfer code on the note, e.g. DN-HOIAN-01-XC-000003.
        code: String,
        /// CSV with columns product_code,qty.
        #[arg(long, value_name = "FILE.csv")]
        lines: PathBuf,
    },
    /// Transfers sent and not yet confirmed delivered.
    InTransit {
        /// Print JSON instead of a list.
        #[arg(long)]
        json: bool,
    },
    /// Confirm that a transfer reached its point.
    Delivered {
        /// The transfer code, e.g. DN-HOIAN-01-XC-000003.
        code: String,
    },
    /// Write the file of a transfer sent earlier again.
    Export {
        /// The transfer code or document number.
        code: String,
        /// Where to write it.
        file: PathBuf,
    },
}

/// Lists every bad line of a refused document on standard error, not just the first.
fn every_line<T>(result: Result<T, store::Error>) -> Result<T> {
    if let Err(store::Error::Document(DocumentError::Lines(errors))) = &result {
        for error in errors {
            eprintln!("  {error}");
        }
    }
    Ok(result?)
}

fn write_file(path: &Path, file: &transfer::TransferFile) -> Result<()> {
    let json = serde_json::to_vec_pretty(file)?;
    std::fs::write(path, json).with_context(|| format!("không ghi được {}", path.display()))
}

/// Runs one transfer command.
pub fn run(action: Action, config: &Config, db_path: &Path, out: &mut impl Write) -> Result<()> {
    let mut conn = store::open(db_path)?;
    let now = super::now(config);
    match action {
        Action::Out { to, lines, export } => {
            let bytes = std::fs::read(&lines)
                .with_context(|| format!("không đọc được {}", lines.display()))?;
            let lines = every_line(transfer::parse_lines_csv(&bytes))?;
            let file = every_line(transfer::send(&mut conn, &to, &lines, None, now))?;
            write_file(&export, &file).with_context(|| {
                format!(
                    "đã ghi sổ {} nhưng chưa ghi được tệp; dùng `ocop-pos transfer export {} FILE`",
                    file.code, file.code
                )
            })?;
            writeln!(
                out,
                "Đã xuất chuyển kho {} (phiếu {}) cho điểm {}: {} dòng; tệp {}",
                file.code,
                file.number,
                file.to_point,
                file.lines.len(),
                export.display()
            )?;
        }
        Action::In { file } => {
            let bytes = std::fs::read(&file)
                .with_context(|| format!("không đọc được {}", file.display()))?;
            receive(&mut conn, &transfer::parse_file(&bytes)?, now, out)?;
        }
        Action::InByHand { code, lines } => {
            let bytes = std::fs::read(&lines)
                .with_context(|| format!("không đọc được {}", lines.display()))?;
            let typed: Vec<transfer::HandLine> = every_line(transfer::parse_lines_csv(&bytes))?
                .into_iter()
                .map(|l| transfer::HandLine {
                    product_code: l.product_code,
                    qty_milli: l.qty.0,
                    lot: None,
                })
                .collect();
            let incoming = transfer::by_hand(&conn, &code, &typed)?;
            receive(&mut conn, &incoming, now, out)?;
        }
        Action::InTransit { json } => {
            let list = transfer::in_transit(&conn)?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &list)?;
                writeln!(out)?;
            } else if list.is_empty() {
                writeln!(out, "Không có hàng đang chuyển.")?;
            } else {
                for t in &list {
                    writeln!(
                        out,
                        "{} → {} (phiếu {}, gửi lúc {})",
                        t.code,
                        t.to_point,
                        t.number,
                        super::local_time(&t.posted_at)
                    )?;
                    for line in &t.lines {
                        writeln!(
                            out,
                            "    {:<24} {:>10} {}  {}",
                            line.product_code,
                            line.qty.to_string(),
                            line.unit,
                            line.name
                        )?;
                    }
                }
            }
        }
        Action::Delivered { code } => {
            let header = transfer::mark_delivered(&conn, &code, now)?;
            writeln!(
                out,
                "Đã xác nhận {} (phiếu {}) đã đến điểm {}",
                header.external_ref, header.number, header.counterpart
            )?;
        }
        Action::Export { code, file } => {
            let number = transfer::number_of(&conn, &code)?;
            let exported = transfer::export(&conn, &number)?;
            write_file(&file, &exported)?;
            writeln!(out, "Đã ghi {} vào {}", exported.code, file.display())?;
        }
    }
    Ok(())
}

/// Posts a transfer in and says what came.
fn receive(
    conn: &mut rusqlite::Connection,
    incoming: &transfer::TransferFile,
    now: chrono::DateTime<chrono::FixedOffset>,
    out: &mut impl Write,
) -> Result<()> {
    let received = every_line(transfer::receive(conn, incoming, None, now))?;
    writeln!(
        out,
        "Đã nhận chuyển kho {} từ điểm {}: phiếu {}, {} dòng, {} lô",
        incoming.code, incoming.from_point, received.header.number, received.lines, received.lots
    )?;
    Ok(())
}
