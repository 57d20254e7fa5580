//! `ocop-hub`: the provincial hub that receives daily sales summaries from tills.

use std::io::{self, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use chrono::{NaiveDate, Utc};
use clap::{Args, Parser, Subcommand};

use ocop_pos::export::{self, Format};
use ocop_pos::hub::login::Security;
use ocop_pos::hub::store::period::{self, Filter, Kind};
use ocop_pos::hub::store::{self, catalogue, logins, points, staff};
use ocop_pos::hub::{Settings, serve};

#[derive(Parser)]
#[command(
    version,
    about = "Máy chủ tỉnh OCOP: nhận bản tổng hợp ngày từ các máy bán hàng"
)]
struct Cli {
    /// Folder of the hub's database (hub.db).
    #[arg(long, global = true, default_value = "ocop-hub-data")]
    data_dir: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API until Ctrl+C or SIGTERM.
    Serve {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Seconds one request may take before it is answered 503.
        #[arg(long, default_value_t = 30)]
        request_timeout: u64,
        /// Mark the dashboard's session cookie Secure (HTTPS only): set it when a TLS proxy
        /// sits in front of the hub.
        #[arg(long)]
        secure_cookies: bool,
        /// Wrong passwords in a row that lock a staff user out of the dashboard.
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
        lockout_failures: u32,
        /// Minutes a locked-out staff user must wait.
        #[arg(long, default_value_t = 15, value_parser = clap::value_parser!(u32).range(1..=10_080))]
        lockout_minutes: u32,
    },
    /// Register a point and print its token (shown only this once).
    AddPoint {
        /// The point's code, as its till uses it.
        code: String,
        /// Its name.
        #[arg(long)]
        name: String,
        /// sales-point, ocop-centre, hotel-booth or fair-stall.
        #[arg(long)]
        kind: String,
        /// Province code, 2 digits.
        #[arg(long)]
        province: String,
        /// Commune code, 5 digits.
        #[arg(long)]
        commune: String,
    },
    /// Replace the province's OCOP registry with a CSV file (all rows or none).
    ImportCatalogue {
        /// CSV with header product_code,gtin,name,producer_code,producer_name,ocop_group,stars,cert_no,cert_date,cert_valid_until.
        file: PathBuf,
    },
    /// Add a staff account for the dashboard, or set its password (read from standard input);
    /// a new password also lifts a login lockout.
    AddStaff {
        /// Login name.
        username: String,
    },
    /// Give a point a new token (the old one stops working) and print it.
    RotateToken {
        /// The point's code.
        code: String,
    },
    /// Export what the points sent, or the catalogue, as CSV, XLSX or JSON.
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
}

#[derive(Subcommand)]
enum ExportWhat {
    /// One row per point and business day: the day's totals.
    Days(PeriodArgs),
    /// One row per product: quantities and sales over the period.
    Lines(PeriodArgs),
    /// One row per point: days reported and sales over the period.
    Points(PeriodArgs),
    /// The province's OCOP registry, in the CSV layout import-catalogue reads.
    Catalogue(OutputArgs),
}

#[derive(Args)]
struct PeriodArgs {
    /// First business date (YYYY-MM-DD).
    #[arg(long, value_parser = business_date)]
    from: NaiveDate,
    /// Last business date (YYYY-MM-DD).
    #[arg(long, value_parser = business_date)]
    to: NaiveDate,
    /// Only this point's summaries.
    #[arg(long, value_name = "CODE")]
    point: Option<String>,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Args)]
struct OutputArgs {
    /// csv, xlsx or json; by default from the --out file's extension, else csv.
    #[arg(long)]
    format: Option<Format>,
    /// Write to this file (whole, or not at all) instead of standard output; needed for xlsx.
    #[arg(long, visible_alias = "output", value_name = "FILE")]
    out: Option<PathBuf>,
}

fn business_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| "ngày phải có dạng YYYY-MM-DD và có thật, ví dụ 2026-11-30".to_owned())
}

fn main() -> Result<()> {
    tracing_subscriber::fmt()
        .with_writer(io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let cli = Cli::parse();
    let mut out = io::stdout().lock();
    match cli.command {
        Command::Serve {
            listen,
            request_timeout,
            secure_cookies,
            lockout_failures,
            lockout_minutes,
        } => {
            let settings = Settings {
                listen,
                data_dir: cli.data_dir,
                request_timeout: Duration::from_secs(request_timeout.max(1)),
                security: Security {
                    secure_cookies,
                    lockout: logins::Policy {
                        max_failures: lockout_failures,
                        lock: chrono::Duration::minutes(i64::from(lockout_minutes)),
                    },
                },
            };
            let runtime = tokio::runtime::Runtime::new().context("không khởi động được tokio")?;
            runtime.block_on(async {
                let (_, serving) = serve::bind(&settings, shutdown_signal()).await?;
                serving.await?;
                tracing::info!("ocop-hub stopped");
                anyhow::Ok(())
            })?;
        }
        Command::AddPoint {
            code,
            name,
            kind,
            province,
            commune,
        } => {
            let conn = store::open(&store::path_in(&cli.data_dir))?;
            let point = points::NewPoint {
                code,
                name,
                kind: kind.parse()?,
                province,
                commune,
            };
            let token = points::add(&conn, &point, Utc::now())?;
            writeln!(
                out,
                "Đã đăng ký điểm {}. Mã truy cập (chỉ hiện một lần, ghi vào [sync] point_token của máy bán hàng):",
                point.code
            )?;
            writeln!(out, "{token}")?;
        }
        Command::ImportCatalogue { file } => {
            let input = std::fs::File::open(&file)
                .with_context(|| format!("không mở được {}", file.display()))?;
            let entries = catalogue::parse(input).with_context(|| format!("{}", file.display()))?;
            let mut conn = store::open(&store::path_in(&cli.data_dir))?;
            let n = catalogue::replace(&mut conn, &entries)?;
            writeln!(out, "Đã nhập {n} sản phẩm OCOP vào danh mục tỉnh")?;
        }
        Command::AddStaff { username } => {
            let mut password = String::new();
            io::stdin()
                .read_line(&mut password)
                .context("không đọc được mật khẩu từ đầu vào chuẩn")?;
            let conn = store::open(&store::path_in(&cli.data_dir))?;
            staff::set(
                &conn,
                &username,
                password.trim_end_matches(['\r', '\n']),
                Utc::now(),
            )?;
            writeln!(out, "Đã lưu tài khoản {username}")?;
        }
        Command::RotateToken { code } => {
            let conn = store::open(&store::path_in(&cli.data_dir))?;
            let token = points::rotate_token(&conn, &code, Utc::now())?;
            writeln!(out, "Mã truy cập mới của điểm {code} (mã cũ hết hiệu lực):")?;
            writeln!(out, "{token}")?;
        }
        Command::Export { what } => run_export(&cli.data_dir, what, &mut out)?,
    }
    Ok(())
}

/// `ocop-hub export …`: builds the whole table first, then writes it in one piece.
fn run_export(data_dir: &std::path::Path, what: ExportWhat, out: &mut impl Write) -> Result<()> {
    let (kind, filter, output) = match what {
        ExportWhat::Days(a) => (Kind::Days, a.filter()?, a.output),
        ExportWhat::Lines(a) => (Kind::Lines, a.filter()?, a.output),
        ExportWhat::Points(a) => (Kind::Points, a.filter()?, a.output),
        ExportWhat::Catalogue(output) => {
            let today = Utc::now().date_naive();
            (Kind::Catalogue, Filter::new(today, today, None)?, output)
        }
    };
    let format = output.format();
    if format == Format::Xlsx && output.out.is_none() {
        bail!("định dạng xlsx cần tệp đích: thêm --out TỆP.xlsx");
    }
    let path = store::path_in(data_dir);
    if !path.is_file() {
        bail!(
            "không có cơ sở dữ liệu máy chủ tỉnh {} (kiểm tra --data-dir)",
            path.display()
        );
    }
    let conn = store::open(&path)?;
    let table = period::table(&conn, kind, &filter)?;
    let mut bytes = Vec::new();
    table.write(format, &mut bytes)?;
    match &output.out {
        Some(file) => {
            export::write_whole(file, &bytes)?;
            writeln!(
                out,
                "Đã xuất {} dòng vào {}",
                table.rows.len(),
                file.display()
            )?;
        }
        None => out.write_all(&bytes)?,
    }
    Ok(())
}

impl PeriodArgs {
    fn filter(&self) -> Result<Filter> {
        Ok(Filter::new(self.from, self.to, self.point.clone())?)
    }
}

impl OutputArgs {
    fn format(&self) -> Format {
        let by_extension = || {
            let ext = self.out.as_ref()?.extension()?.to_str()?;
            ext.parse::<Format>().ok()
        };
        self.format.or_else(by_extension).unwrap_or(Format::Csv)
    }
}

/// Ctrl+C, or SIGTERM on Unix (systemd, docker stop).
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down, finishing requests in flight");
}
