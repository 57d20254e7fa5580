//! `ocop-hub`: the provincial hub that receives daily sales summaries from tills.

use std::io::{self, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context as _, Result};
use chrono::Utc;
use clap::{Parser, Subcommand};

use ocop_pos::hub::store::{self, catalogue, points, staff};
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
    /// Add a staff account for the dashboard, or set its password (read from standard input).
    AddStaff {
        /// Login name.
        username: String,
    },
    /// Give a point a new token (the old one stops working) and print it.
    RotateToken {
        /// The point's code.
        code: String,
    },
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
        } => {
            let settings = Settings {
                listen,
                data_dir: cli.data_dir,
                request_timeout: Duration::from_secs(request_timeout.max(1)),
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
    }
    Ok(())
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
