//! `ocop-pos`: the till. Without a subcommand it opens the window; subcommands administer the
//! database from a terminal.

mod backup;
mod consignment;
mod inventory;
mod print;
mod prompt;
mod report;
mod shift;
mod stock;
mod stocktake;
mod sync;
mod transfer;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use clap::{Parser, Subcommand};

use ocop_pos::config::{self, Config};
use ocop_pos::domain::auth::Role;
use ocop_pos::store::catalog_import::{self, ImportMode};
use ocop_pos::store::settings::PointProfile;
use ocop_pos::store::{self, catalog_export, check, users};
use ocop_pos::{demo, setup};

/// OCOP Till: offline-first point of sale for OCOP sales points.
#[derive(Parser)]
#[command(name = "ocop-pos", version, about)]
struct Cli {
    /// Data folder holding till.db (default: the platform's user data folder).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Configuration file (default: config.toml in the data folder, else built-in defaults).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Create the database: point profile and admin (PIN read from standard input).
    Init {
        /// Load the sample OCOP catalogue.
        #[arg(long)]
        sample: bool,
        /// Point code used in receipt numbers.
        #[arg(long, default_value = "DIEM-BAN-01")]
        point_code: String,
        /// Point name printed on receipts.
        #[arg(long, default_value = "Điểm bán sản phẩm OCOP")]
        point_name: String,
        /// Point address.
        #[arg(long, default_value = "")]
        address: String,
        /// Seller's tax code.
        #[arg(long, default_value = "")]
        tax_code: String,
        /// The admin's name.
        #[arg(long, default_value = "admin")]
        admin: String,
    },
    /// Import products and producers from a CSV file (writes nothing if any row is bad).
    ImportCatalogue {
        /// The CSV file.
        file: PathBuf,
        /// Import the good rows and report the bad ones instead of refusing the file.
        #[arg(long)]
        skip_bad_rows: bool,
    },
    /// Export the catalogue as CSV.
    ExportCatalogue {
        /// The CSV file to write.
        file: PathBuf,
    },
    /// Manage users.
    Users {
        #[command(subcommand)]
        action: UsersAction,
    },
    /// Reports.
    Report {
        #[command(subcommand)]
        kind: report::ReportKind,
    },
    /// Copy the database now with the SQLite backup API (default: backups/till-manual-….db).
    Backup {
        /// Write the copy to this file instead.
        #[arg(long, value_name = "FILE")]
        to: Option<PathBuf>,
    },
    /// Replace the database with a backup (checked first; the current one is kept in backups/).
    Restore {
        /// The backup file.
        file: PathBuf,
        /// Restore even over a database with newer data.
        #[arg(long)]
        force: bool,
    },
    /// Shifts: open with a float, cash in/out, X report, Z close with a blind count, Z reprint.
    Shift {
        #[command(subcommand)]
        action: shift::ShiftAction,
    },
    /// The provincial hub: what is not yet delivered, and pushing it now.
    Sync {
        #[command(subcommand)]
        action: sync::Action,
    },
    /// Daily summaries for the provincial hub.
    Summary {
        #[command(subcommand)]
        action: shift::SummaryAction,
    },
    /// Check the database: integrity, stock equal to its moves, gap-free receipts, balanced sales.
    Check,
    #[command(flatten)]
    Inventory(inventory::Command),
    #[command(flatten)]
    Print(print::Command),
    /// Stock takes: open a count, record counts (scans add one), show variances, post.
    Stocktake {
        #[command(subcommand)]
        action: stocktake::Action,
    },
    /// Transfers between points: send, receive, in transit, delivered.
    Transfer {
        #[command(subcommand)]
        action: transfer::Action,
    },
    /// Stock levels: the low-stock list and reorder levels.
    Stock {
        #[command(subcommand)]
        action: stock::Action,
    },
    /// Make realistic sales history through the normal sale path (for trying reports).
    DemoSales {
        /// Days of history, ending today.
        #[arg(long)]
        days: u32,
        /// Sales per day.
        #[arg(long, default_value_t = 40)]
        per_day: u32,
        /// Random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Subcommand)]
enum UsersAction {
    /// Add a user (PIN read from standard input).
    Add {
        /// Login name.
        name: String,
        /// clerk, manager or admin.
        #[arg(long)]
        role: Role,
    },
    /// List users.
    List,
}

pub(crate) use prompt::{approve, local_time, now, read_pin, sign_in};

fn main() -> Result<()> {
    tracing_subscriber::fmt()
        .with_writer(io::stderr)
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .init();
    let cli = Cli::parse();
    let data_dir = match cli.data_dir {
        Some(dir) => dir,
        None => config::default_data_dir()
            .context("không xác định được thư mục dữ liệu; hãy dùng --data-dir")?,
    };
    let config = Config::load(cli.config.as_deref(), &data_dir)?;
    let db_path = data_dir.join("till.db");
    match cli.command {
        None => {
            // Like every command: today's copy first, before the database is migrated.
            backup::daily(&config, &data_dir, &db_path, now(&config));
            ocop_pos::gui::run(ocop_pos::gui::Launch {
                config,
                data_dir,
                db_path,
                config_file: cli.config.clone(),
            })?;
            Ok(())
        }
        Some(command) => {
            // Every command that uses the till's data backs it up first, once a day.
            if !matches!(
                command,
                Command::Init { .. } | Command::Backup { .. } | Command::Restore { .. }
            ) {
                backup::daily(&config, &data_dir, &db_path, now(&config));
            }
            run(command, &config, &data_dir, &db_path)
        }
    }
}

fn run(command: Command, config: &Config, data_dir: &Path, db_path: &Path) -> Result<()> {
    let mut out = io::stdout().lock();
    match command {
        Command::Inventory(command) => inventory::run(command, config, db_path, &mut out)?,
        Command::Print(command) => print::run(command, config, db_path, &mut out)?,
        Command::Init {
            sample,
            point_code,
            point_name,
            address,
            tax_code,
            admin,
        } => {
            let mut conn = store::open(db_path)?;
            let pin = read_pin()?;
            let input = setup::FirstRun {
                point: PointProfile {
                    code: point_code,
                    name: point_name,
                    address,
                    tax_code,
                },
                admin_name: admin,
                admin_pin: pin,
                sample,
            };
            let done = setup::first_run(&mut conn, &input, now(config))?;
            writeln!(
                out,
                "Đã khởi tạo {} ({})",
                db_path.display(),
                input.point.code
            )?;
            if let Some(report) = done.sample {
                writeln!(
                    out,
                    "Danh mục mẫu: {} sản phẩm, {} nhà sản xuất",
                    report.added, report.producers
                )?;
            }
        }
        Command::ImportCatalogue {
            file,
            skip_bad_rows,
        } => {
            let mut conn = store::open(db_path)?;
            let bytes = std::fs::read(&file)
                .with_context(|| format!("không đọc được {}", file.display()))?;
            let mode = if skip_bad_rows {
                ImportMode::SkipBadRows
            } else {
                ImportMode::Strict
            };
            let report = match catalog_import::import(&mut conn, &bytes, mode, None, now(config)) {
                Err(store::Error::ImportRejected(rows)) => {
                    for row in &rows {
                        eprintln!("  {row}");
                    }
                    bail!(
                        "{} có {} lỗi; chưa ghi gì vào cơ sở dữ liệu (dùng --skip-bad-rows để nhập các dòng đúng)",
                        file.display(),
                        rows.len()
                    );
                }
                other => other?,
            };
            writeln!(
                out,
                "Đã nhập: {} thêm mới, {} cập nhật, {} nhà sản xuất, {} dòng bỏ qua",
                report.added,
                report.updated,
                report.producers,
                report.skipped.len()
            )?;
            for row in &report.skipped {
                writeln!(out, "  {row}")?;
            }
        }
        Command::ExportCatalogue { file } => {
            let conn = store::open(db_path)?;
            let handle = std::fs::File::create(&file)
                .with_context(|| format!("không tạo được {}", file.display()))?;
            let rows = catalog_export::export(&conn, io::BufWriter::new(handle))?;
            writeln!(out, "Đã xuất {rows} sản phẩm vào {}", file.display())?;
        }
        Command::Users {
            action: UsersAction::Add { name, role },
        } => {
            let conn = store::open(db_path)?;
            let pin = read_pin()?;
            users::add(&conn, &name, role, &pin, None, now(config))?;
            writeln!(out, "Đã thêm {name} ({})", role.label_vi())?;
        }
        Command::Users {
            action: UsersAction::List,
        } => {
            let conn = store::open(db_path)?;
            for user in users::list(&conn)? {
                writeln!(out, "{}\t{}", user.name, user.role.label_vi())?;
            }
        }
        Command::Report { kind } => {
            report::run(kind, db_path, now(config).date_naive(), &mut out)?;
        }
        Command::Backup { to } => {
            backup::backup_now(to, data_dir, db_path, now(config), &mut out)?;
        }
        Command::Restore { file, force } => {
            backup::restore(&file, force, data_dir, db_path, now(config), &mut out)?;
        }
        Command::Shift { action } => shift::run(action, config, db_path, &mut out)?,
        Command::Sync { action } => sync::run(action, config, db_path, &mut out)?,
        Command::Summary { action } => shift::run_summary(action, config, db_path, &mut out)?,
        Command::Check => {
            let conn = store::open(db_path)?;
            let problems = check::run(&conn)?;
            if !problems.is_empty() {
                for problem in &problems {
                    writeln!(out, "LỖI: {problem}")?;
                }
                bail!("kiểm tra phát hiện {} lỗi", problems.len());
            }
            writeln!(
                out,
                "Cơ sở dữ liệu ổn định: toàn vẹn, tồn kho khớp phát sinh, số hóa đơn liên tục."
            )?;
        }
        Command::Stocktake { action } => stocktake::run(action, config, db_path, &mut out)?,
        Command::Transfer { action } => transfer::run(action, config, db_path, &mut out)?,
        Command::Stock { action } => stock::run(action, config, db_path, &mut out)?,
        Command::DemoSales {
            days,
            per_day,
            seed,
        } => {
            let mut conn = store::open(db_path)?;
            let point = demo::require_point(&conn)?;
            let admin = users::list(&conn)?
                .into_iter()
                .find(|u| u.role == Role::Admin)
                .context("chưa có quản trị viên: hãy chạy `ocop-pos init`")?;
            let plan = demo::Plan {
                last_day: now(config).date_naive(),
                days,
                per_day,
                seed,
                offset: config.business.utc_offset.0,
                point_code: point.code,
                user: admin.id,
                rules: config.barcode.clone(),
            };
            let made = demo::run(&mut conn, &plan, |done| {
                // Printed only after the commit: a receipt number on screen is a saved sale.
                let _ = writeln!(out, "{}", done.receipt_no);
                let _ = out.flush();
            })?;
            eprintln!("Đã tạo {made} hóa đơn.");
        }
    }
    Ok(())
}
