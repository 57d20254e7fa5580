//! `ocop-pos report …`: the day report, sales over a period by any breakdown, and the stock
//! valuation, printed as a table or exported as CSV, XLSX or JSON.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;
use clap::Subcommand;

use ocop_pos::domain::payment::Method;
use ocop_pos::domain::vat::VatRate;
use ocop_pos::export::{Format, Table};
use ocop_pos::store::sales_report::{self, By, Period};
use ocop_pos::store::{self, report, valuation};

#[derive(Subcommand)]
pub enum ReportKind {
    /// Sales of one business day.
    Day {
        /// The day (YYYY-MM-DD), default today.
        #[arg(long)]
        date: Option<NaiveDate>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Sales over a period of business dates, broken down one way.
    Sales {
        /// day, product, producer, group, stars, method, clerk or hour.
        #[arg(long)]
        by: By,
        /// First business date (YYYY-MM-DD).
        #[arg(long)]
        from: NaiveDate,
        /// Last business date (YYYY-MM-DD), default the first.
        #[arg(long)]
        to: Option<NaiveDate>,
        /// table, csv, xlsx or json.
        #[arg(long, default_value = "table")]
        format: Format,
        /// Write to this file instead of the terminal (required for xlsx).
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Value of the stock on hand: bought lots at cost, consigned lots apart, the rest at retail.
    StockValue {
        /// table, csv, xlsx or json.
        #[arg(long, default_value = "table")]
        format: Format,
        /// Write to this file instead of the terminal (required for xlsx).
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// Runs a report command; `today` is the default day.
pub fn run(kind: ReportKind, db_path: &Path, today: NaiveDate, out: &mut impl Write) -> Result<()> {
    match kind {
        ReportKind::Day { date, json } => {
            let conn = store::open(db_path)?;
            let day = report::day(&conn, date.unwrap_or(today))?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &day)?;
                writeln!(out)?;
            } else {
                print_day(out, &day)?;
            }
        }
        ReportKind::Sales {
            by,
            from,
            to,
            format,
            output,
        } => {
            let period = Period::new(from, to.unwrap_or(from))?;
            check_output(format, output.as_deref())?;
            let conn = store::open(db_path)?;
            let table = sales_report::sales(&conn, by, period)?.table();
            emit(&table, format, output.as_deref(), out)?;
        }
        ReportKind::StockValue { format, output } => {
            check_output(format, output.as_deref())?;
            let conn = store::open(db_path)?;
            let table = valuation::value(&conn)?.table();
            emit(&table, format, output.as_deref(), out)?;
        }
    }
    Ok(())
}

pub(crate) fn check_output(format: Format, output: Option<&Path>) -> Result<()> {
    if format == Format::Xlsx && output.is_none() {
        bail!("định dạng xlsx cần tệp đích: thêm --output TỆP.xlsx");
    }
    Ok(())
}

/// Writes the table to `output` (whole, after it is built) or to the terminal.
pub(crate) fn emit(
    table: &Table,
    format: Format,
    output: Option<&Path>,
    out: &mut impl Write,
) -> Result<()> {
    let mut bytes = Vec::new();
    table.write(format, &mut bytes)?;
    match output {
        Some(file) => {
            std::fs::write(file, &bytes)
                .with_context(|| format!("không ghi được {}", file.display()))?;
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

fn print_day(out: &mut impl Write, day: &report::Day) -> Result<()> {
    writeln!(out, "Báo cáo ngày {}", day.date.format("%d/%m/%Y"))?;
    writeln!(out, "  Số hóa đơn bán:     {}", day.receipts)?;
    writeln!(out, "  Số hóa đơn hoàn:    {}", day.refund_receipts)?;
    writeln!(out, "  Doanh thu gộp:      {}", day.gross_vnd)?;
    writeln!(out, "  Chiết khấu:         {}", day.discount_vnd)?;
    writeln!(out, "  Hoàn trả:           {}", day.refund_vnd)?;
    writeln!(out, "  Doanh thu thuần:    {}", day.net_vnd)?;
    writeln!(out, "  Thuế GTGT:          {}", day.vat_vnd)?;
    for rate in &day.vat_by_rate {
        writeln!(
            out,
            "    GTGT {}: {} (thuế {})",
            VatRate(rate.vat_bp),
            rate.net_vnd,
            rate.vat_vnd
        )?;
    }
    for method in &day.payments {
        let label = method
            .method
            .parse::<Method>()
            .map(|m| m.label_vi())
            .unwrap_or("?");
        writeln!(out, "  {label}: {}", method.amount_vnd)?;
    }
    Ok(())
}
