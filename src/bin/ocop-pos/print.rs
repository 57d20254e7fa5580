//! Printing from the command line: the test page, reprints, the print queue and its worker, the
//! drawer, receipt previews, product labels, and X/Z reports on paper.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::thread;

use anyhow::{Context as _, Result, bail};
use clap::{ArgGroup, Subcommand};

use ocop_pos::config::Config;
use ocop_pos::demo::require_point;
use ocop_pos::device::print_worker::{self, Round, Setup};
use ocop_pos::receipt::{document, preview};
use ocop_pos::store::{self, print_jobs, receipt_data};

use crate::{approve, local_time, now};

/// Printing commands.
#[derive(Subcommand)]
pub enum Command {
    /// Queue the printer test page.
    PrintTest,
    /// Queue a copy of a receipt, marked as a copy.
    #[command(group(ArgGroup::new("which").required(true).args(["receipt_no", "last"])))]
    Reprint {
        /// The receipt number, e.g. HOIAN-01-000123.
        receipt_no: Option<String>,
        /// The point's latest receipt.
        #[arg(long)]
        last: bool,
    },
    /// Print jobs waiting or failed, with their errors (--all: printed ones too).
    PrintJobs {
        /// Show printed jobs too.
        #[arg(long)]
        all: bool,
    },
    /// Run the print worker in the foreground (Ctrl+C stops it).
    PrintWorker {
        /// Print what is pending and exit; non-zero when some job did not print.
        #[arg(long)]
        once: bool,
    },
    /// Queue an X report (the open shift) or a kept Z report for the printer.
    PrintReport {
        #[command(subcommand)]
        which: Report,
    },
    /// The cash drawer.
    Drawer {
        #[command(subcommand)]
        action: DrawerAction,
    },
    /// Write a receipt as a PNG, as the raster printer would print it.
    Preview {
        /// The receipt number.
        receipt_no: String,
        /// The PNG file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Queue labels (name, price, EAN-13) for a product with an in-store code.
    Labels {
        /// The product's code.
        #[arg(long)]
        product: String,
        /// How many labels.
        #[arg(long, default_value_t = 1)]
        copies: u32,
    },
}

/// Which report.
#[derive(Subcommand)]
pub enum Report {
    /// The open shift's X report.
    X,
    /// Z report number N.
    Z {
        /// The Z number.
        number: i64,
    },
}

/// What to do with the drawer.
#[derive(Subcommand)]
pub enum DrawerAction {
    /// Open it outside a sale: a manager's name, their PIN on standard input; audited.
    Open {
        /// The approving manager.
        #[arg(long)]
        manager: String,
        /// Why (kept in the audit log).
        #[arg(long, default_value = "")]
        reason: String,
    },
}

const HINT: &str =
    "máy in sẽ in khi cửa sổ bán hàng đang mở, hoặc chạy `ocop-pos print-worker --once`";

fn queued(out: &mut impl Write, id: i64, what: &str) -> Result<()> {
    writeln!(out, "Đã xếp lệnh in #{id}: {what}; {HINT}")?;
    Ok(())
}

fn print_round(out: &mut impl Write, conn: &rusqlite::Connection, round: &Round) -> Result<()> {
    for id in &round.printed {
        let job = print_jobs::get(conn, *id)?;
        let (kind, subject) = job.map_or((String::new(), String::new()), |j| {
            (j.kind.label_vi().to_owned(), j.subject())
        });
        writeln!(out, "Đã in #{id} {kind} {subject}")?;
    }
    for (id, why) in &round.failed {
        writeln!(out, "Không in được #{id} (bỏ qua): {why}")?;
    }
    if let Some((id, why)) = &round.waiting {
        writeln!(out, "Chưa in được #{id}, sẽ thử lại: {why}")?;
    }
    out.flush()?;
    Ok(())
}

fn list(out: &mut impl Write, conn: &rusqlite::Connection, all: bool) -> Result<()> {
    let jobs = print_jobs::list(conn, all)?;
    if jobs.is_empty() {
        writeln!(out, "Không có lệnh in nào đang chờ hoặc bị lỗi.")?;
    }
    for j in jobs {
        writeln!(
            out,
            "#{}\t{}\t{}\t{}\t{} lần thử\t{}\t{}",
            j.id,
            j.kind.label_vi(),
            j.subject(),
            j.status.label_vi(),
            j.attempts,
            local_time(&j.created_at),
            j.last_error
        )?;
    }
    Ok(())
}

fn worker(out: &mut impl Write, config: &Config, db_path: &Path, once: bool) -> Result<()> {
    let conn = store::open(db_path)?;
    let _lock = print_worker::lock(db_path)?;
    let setup = Setup::from_config(config);
    if setup.address.is_none() {
        bail!("chưa cấu hình máy in: hãy đặt [printer] address trong config.toml");
    }
    let mut failures = 0;
    loop {
        let round = print_worker::drain(&conn, &setup, now(config))?;
        print_round(out, &conn, &round)?;
        if once {
            let left = print_jobs::pending_count(&conn)?;
            if !round.failed.is_empty() || round.waiting.is_some() {
                bail!(
                    "{} lệnh in bị lỗi, {left} lệnh còn chờ in",
                    round.failed.len()
                );
            }
            writeln!(
                out,
                "Đã in {} lệnh; không còn lệnh chờ.",
                round.printed.len()
            )?;
            return Ok(());
        }
        failures = if round.waiting.is_some() {
            failures + 1
        } else {
            0
        };
        thread::sleep(if failures > 0 {
            setup.backoff(failures)
        } else {
            setup.poll
        });
    }
}

/// Runs a printing command.
pub fn run(command: Command, config: &Config, db_path: &Path, out: &mut impl Write) -> Result<()> {
    if let Command::PrintWorker { once } = command {
        return worker(out, config, db_path, once);
    }
    let mut conn = store::open(db_path)?;
    let at = now(config);
    match command {
        Command::PrintWorker { .. } => {}
        Command::PrintTest => {
            let id = print_jobs::test_page(&conn, at)?;
            queued(out, id, "trang in thử")?;
        }
        Command::Reprint { receipt_no, last } => {
            let (id, receipt_no) = match (receipt_no, last) {
                (Some(no), false) => (print_jobs::reprint(&conn, &no, at)?, no),
                _ => print_jobs::reprint_last(&conn, &require_point(&conn)?.code, at)?,
            };
            queued(out, id, &format!("in lại hóa đơn {}", receipt_no.trim()))?;
        }
        Command::PrintJobs { all } => list(out, &conn, all)?,
        Command::PrintReport { which } => {
            let point = require_point(&conn)?.code;
            let (id, what) = match which {
                Report::X => (
                    print_jobs::x_report(&conn, &point, at)?,
                    "báo cáo X".to_owned(),
                ),
                Report::Z { number } => (
                    print_jobs::z_report(&conn, &point, number, at)?,
                    format!("báo cáo Z số {number}"),
                ),
            };
            queued(out, id, &what)?;
        }
        Command::Drawer {
            action: DrawerAction::Open { manager, reason },
        } => {
            let approval = approve(&conn, &manager, config)?;
            let id = print_jobs::open_drawer(&mut conn, approval, None, &reason, at)?;
            queued(out, id, "mở ngăn kéo (đã ghi nhật ký)")?;
        }
        Command::Preview {
            receipt_no,
            out: file,
        } => {
            let sale = receipt_data::load_by_number(&conn, &receipt_no)?
                .with_context(|| format!("không tìm thấy hóa đơn số \"{}\"", receipt_no.trim()))?;
            let doc = document::sale(&sale, &config.receipt_settings());
            let png = preview::document(&doc, config.receipt.width)?;
            std::fs::write(&file, png)
                .with_context(|| format!("không ghi được {}", file.display()))?;
            writeln!(
                out,
                "Đã ghi ảnh hóa đơn {} vào {}",
                sale.receipt_no,
                file.display()
            )?;
        }
        Command::Labels { product, copies } => {
            let id = print_jobs::labels(&conn, &product, copies, at)?;
            queued(
                out,
                id,
                &format!("{copies} tem sản phẩm {}", product.trim()),
            )?;
        }
    }
    Ok(())
}
