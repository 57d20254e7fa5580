//! Consignment from the terminal: a producer's statement for a period (table, CSV, XLSX or JSON),
//! settling a finished period, the settlements made, and returning unsold goods.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use chrono::NaiveDate;
use clap::Subcommand;

use ocop_pos::config::Config;
use ocop_pos::export::Format;
use ocop_pos::store::consignment::{self, Return};
use ocop_pos::store::receiving;

use crate::inventory::{print_posted, read};
use crate::{approve, now, report, sign_in};

/// What to do with consignment.
#[derive(Subcommand)]
pub enum Action {
    /// What the point owes a producer for a period.
    Statement {
        /// Producer code.
        #[arg(long)]
        producer: String,
        /// First business date (YYYY-MM-DD).
        #[arg(long)]
        from: NaiveDate,
        /// Last business date.
        #[arg(long)]
        to: NaiveDate,
        /// table, csv, xlsx or json.
        #[arg(long, default_value = "table")]
        format: Format,
        /// Write to this file instead of the terminal (needed for xlsx).
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Mark a period settled: PINs of --user then --manager on standard input.
    Settle {
        /// Producer code.
        #[arg(long)]
        producer: String,
        /// First business date.
        #[arg(long)]
        from: NaiveDate,
        /// Last business date (before today).
        #[arg(long)]
        to: NaiveDate,
        /// Who records it.
        #[arg(long)]
        user: String,
        /// The manager who approves.
        #[arg(long)]
        manager: String,
    },
    /// Settlements made with a producer.
    Settlements {
        /// Producer code.
        #[arg(long)]
        producer: String,
    },
    /// Give unsold consigned goods back (CSV product,qty; PIN of --user on standard input).
    Return {
        /// Producer code.
        #[arg(long)]
        producer: String,
        /// The CSV file.
        #[arg(long)]
        lines: PathBuf,
        /// Why.
        #[arg(long, default_value = "")]
        note: String,
        /// Who hands them back.
        #[arg(long)]
        user: String,
    },
}

/// Runs a consignment command.
pub fn run(
    conn: &mut rusqlite::Connection,
    action: Action,
    config: &Config,
    out: &mut impl Write,
) -> Result<()> {
    match action {
        Action::Statement {
            producer,
            from,
            to,
            format,
            output,
        } => {
            report::check_output(format, output.as_deref())?;
            let statement = consignment::statement(conn, &producer, from, to)?;
            report::emit(&statement.table(), format, output.as_deref(), out)?;
        }
        Action::Settle {
            producer,
            from,
            to,
            user,
            manager,
        } => {
            let user = sign_in(conn, &user, config)?;
            let approval = approve(conn, &manager, config)?;
            let (settled, statement) =
                consignment::settle(conn, &producer, from, to, user, approval, now(config))?;
            report::emit(&statement.table(), Format::Text, None, out)?;
            writeln!(out, "Đã ghi nhận thanh toán kỳ này: {}", settled.amount)?;
        }
        Action::Settlements { producer } => {
            for s in consignment::settlements(conn, &producer)? {
                writeln!(
                    out,
                    "{} – {}\t{}\t{}",
                    s.from.format("%d/%m/%Y"),
                    s.to.format("%d/%m/%Y"),
                    s.amount,
                    s.settled_at
                )?;
            }
        }
        Action::Return {
            producer,
            lines,
            note,
            user,
        } => {
            let user = sign_in(conn, &user, config)?;
            let parsed = receiving::parse_return_csv(&read(&lines)?)?;
            let ret = Return {
                producer_code: producer,
                lines: parsed,
                note,
            };
            print_posted(
                out,
                &consignment::return_goods(conn, &ret, user, now(config))?,
            )?;
        }
    }
    Ok(())
}
