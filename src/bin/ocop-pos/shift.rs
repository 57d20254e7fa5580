//! `ocop-pos shift …` and `ocop-pos summary …`: opening a shift, cash in and out, the X report, the
//! Z close with a blind count, Z reprints, and the daily summaries waiting for the hub.

mod print;

use std::io::Write;
use std::path::Path;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use clap::Subcommand;

use ocop_pos::config::Config;
use ocop_pos::demo::require_point;
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::shift::{CashMoveKind, difference_vi, z_label};
use ocop_pos::store::summary::State;
use ocop_pos::store::{self, shifts, summary, users};

use super::{now, read_pin};
use print::{print_day_close, print_figures, print_summary, print_z};

/// What `ocop-pos shift` does.
#[derive(Subcommand)]
pub enum ShiftAction {
    /// Open a shift with the float counted into the drawer (the clerk's PIN from standard input).
    Open {
        /// The clerk.
        #[arg(long)]
        user: String,
        /// Cash in the drawer at the start, e.g. 1000000 or 1.000.000.
        #[arg(long, value_parser = parse_vnd)]
        float: Vnd,
    },
    /// Put cash into the drawer during the shift.
    CashIn {
        /// How much.
        #[arg(long, value_parser = parse_vnd)]
        amount: Vnd,
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// Take cash out of the drawer during the shift.
    CashOut {
        /// How much.
        #[arg(long, value_parser = parse_vnd)]
        amount: Vnd,
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// X report: the open shift's figures so far.
    X {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Z close with the cash counted in the drawer (blind: the expected cash is shown only after).
    Close {
        /// Cash counted in the drawer.
        #[arg(long, value_parser = parse_vnd)]
        counted: Vnd,
        /// Last shift of the business day: write the daily summary for the hub.
        #[arg(long)]
        end_day: bool,
        /// A manager approving a difference over the limit (their PIN from standard input).
        #[arg(long)]
        manager: Option<String>,
    },
    /// Reprint Z report number N.
    Z {
        /// The Z number.
        number: i64,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// What `ocop-pos summary` does.
#[derive(Subcommand)]
pub enum SummaryAction {
    /// The daily summary of a day: its latest revision, or the day as it stands if not closed.
    Show {
        /// The business day (YYYY-MM-DD).
        #[arg(long)]
        date: NaiveDate,
        /// Print the summary's JSON (as sent to the hub) instead of text.
        #[arg(long)]
        json: bool,
    },
}

fn parse_vnd(text: &str) -> Result<Vnd, String> {
    text.parse::<Vnd>().map_err(|e| e.to_string())
}

/// Runs a `shift` subcommand.
pub fn run(
    action: ShiftAction,
    config: &Config,
    db_path: &Path,
    out: &mut impl Write,
) -> Result<()> {
    let mut conn = store::open(db_path)?;
    let point = require_point(&conn)?.code;
    let at = now(config);
    match action {
        ShiftAction::Open { user, float } => {
            let found = users::find_by_name(&conn, &user)?
                .with_context(|| format!("không có người dùng \"{}\"", user.trim()))?;
            let pin = read_pin()?;
            users::verify(&conn, found.id, &pin, config.lockout(), at)?;
            let opening = shifts::Opening {
                point_code: point,
                user: found.id,
                float,
                at,
            };
            let opened = shifts::open_catching_up(&mut conn, &opening)?;
            writeln!(
                out,
                "Đã mở ca {} của {} lúc {}, tiền đầu ca {}",
                opened.shift.id,
                found.name,
                at.format("%H:%M %d/%m/%Y"),
                float
            )?;
            for written in &opened.summaries {
                writeln!(
                    out,
                    "Đã chốt bù ngày {} (bản {}), chờ gửi lên hệ thống tỉnh",
                    written.business_date.format("%d/%m/%Y"),
                    written.revision
                )?;
            }
        }
        ShiftAction::CashIn { amount, reason } => {
            cash(&mut conn, &point, CashMoveKind::In, amount, reason, at, out)?;
        }
        ShiftAction::CashOut { amount, reason } => {
            cash(
                &mut conn,
                &point,
                CashMoveKind::Out,
                amount,
                reason,
                at,
                out,
            )?;
        }
        ShiftAction::X { json } => {
            let shift = shifts::current_or_refuse(&conn, &point)?;
            let report = shifts::x_report(&conn, &shift, at)?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &report)?;
                writeln!(out)?;
            } else {
                writeln!(
                    out,
                    "BÁO CÁO X — ca {}, {}",
                    report.shift_id, report.point_code
                )?;
                print_figures(out, &report)?;
            }
        }
        ShiftAction::Close {
            counted,
            end_day,
            manager,
        } => {
            let shift = shifts::current_or_refuse(&conn, &point)?;
            // The manager approves before anyone sees the difference, like a PIN typed at the till.
            let approval = match manager {
                Some(name) => {
                    let pin = read_pin()?;
                    Some(users::approve(&conn, &name, &pin, config.lockout(), at)?)
                }
                None => None,
            };
            let closing = shifts::Closing {
                point_code: point,
                user: shift.user,
                counted,
                end_of_day: end_day,
                approval,
                max_difference: config.shifts.max_cash_difference_vnd,
                at,
            };
            let z = shifts::close(&mut conn, &closing)?;
            writeln!(
                out,
                "Đã đóng ca {}: báo cáo {}",
                z.figures.shift_id,
                z_label(z.z_no)
            )?;
            writeln!(out, "  Tiền mặt đếm được: {}", z.count.counted)?;
            writeln!(out, "  Tiền mặt theo sổ:  {}", z.count.expected)?;
            writeln!(
                out,
                "  Chênh lệch:        {} ({})",
                z.count.difference,
                difference_vi(z.count.difference)
            )?;
            print_day_close(out, &z)?;
        }
        ShiftAction::Z { number, json } => {
            let z = shifts::z_report(&conn, &point, number)?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &z)?;
                writeln!(out)?;
            } else {
                print_z(out, &z)?;
            }
        }
    }
    Ok(())
}

fn cash(
    conn: &mut rusqlite::Connection,
    point: &str,
    kind: CashMoveKind,
    amount: Vnd,
    reason: String,
    at: chrono::DateTime<chrono::FixedOffset>,
    out: &mut impl Write,
) -> Result<()> {
    let shift = shifts::current_or_refuse(conn, point)?;
    let cash = shifts::CashMove {
        point_code: point.to_owned(),
        kind,
        amount,
        reason,
        user: shift.user,
        approval: None,
        at,
    };
    shifts::move_cash(conn, &cash)?;
    writeln!(
        out,
        "{}: {} ({})",
        kind.label_vi(),
        amount,
        cash.reason.trim()
    )?;
    Ok(())
}

/// Runs a `summary` subcommand.
pub fn run_summary(
    action: SummaryAction,
    config: &Config,
    db_path: &Path,
    out: &mut impl Write,
) -> Result<()> {
    let SummaryAction::Show { date, json } = action;
    let conn = store::open(db_path)?;
    let point = require_point(&conn)?.code;
    let shown = summary::show(&conn, &point, date, now(config))?;
    let state = match shown.state {
        State::Closed => format!("đã chốt ngày, bản {}", shown.summary.revision),
        State::ChangedSinceClose => format!(
            "đã chốt ngày, bản {}; có giao dịch sau lần chốt, bản mới sẽ được lập khi chốt lại",
            shown.summary.revision
        ),
        State::NotClosed => "chưa chốt ngày".to_owned(),
    };
    if json {
        // The body exactly as the hub receives it; where it stands goes to standard error.
        serde_json::to_writer_pretty(&mut *out, &shown.summary)?;
        writeln!(out)?;
        eprintln!("{state}");
        return Ok(());
    }
    print_summary(out, &shown.summary, &state)
}
