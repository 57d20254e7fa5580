//! Commands for goods coming in and going out by hand: receiving, documents, adjustments, lots and
//! consignment statements.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use clap::Subcommand;

use ocop_pos::config::Config;
use ocop_pos::domain::qty::Qty;
use ocop_pos::domain::stock::AdjustReason;
use ocop_pos::store::adjust::{self, Adjustment, Change};
use ocop_pos::store::documents::{self, DocKind};
use ocop_pos::store::receiving::{self, Delivery, Posted};
use ocop_pos::store::{self, lots};

use crate::{approve, consignment, now, sign_in};

/// Receiving, documents, adjustments, lots and consignment.
#[derive(Subcommand)]
pub enum Command {
    /// Receive a producer's delivery from a CSV file (product,qty,unit_cost,lot_no,expiry).
    Receive {
        /// The CSV file.
        file: PathBuf,
        /// The producer's code.
        #[arg(long)]
        producer: String,
        /// The goods stay the producer's until sold (consignment).
        #[arg(long)]
        consignment: bool,
        /// The producer's delivery-note number (received only once).
        #[arg(long, default_value = "")]
        delivery_note: String,
        /// Free text.
        #[arg(long, default_value = "")]
        note: String,
        /// Save as a draft to post later with `document post`.
        #[arg(long)]
        draft: bool,
        /// Who receives (PIN on standard input).
        #[arg(long)]
        user: String,
    },
    /// Stock documents.
    Document {
        #[command(subcommand)]
        action: DocumentAction,
    },
    /// Adjust stock by hand with a reason; a manager's PIN on standard input.
    Adjust {
        /// Product code or barcode.
        product: String,
        /// Signed quantity, e.g. -2 or 0,5.
        #[arg(allow_hyphen_values = true)]
        qty: String,
        /// damaged, lost, sample or correction.
        #[arg(long)]
        reason: AdjustReason,
        /// The lot concerned (see `lots of`).
        #[arg(long)]
        lot: Option<i64>,
        /// What happened.
        #[arg(long, default_value = "")]
        note: String,
        /// The manager who approves and records it.
        #[arg(long)]
        manager: String,
    },
    /// Lots and their expiry.
    Lots {
        #[command(subcommand)]
        action: LotsAction,
    },
    /// Consigned goods: statements, settlements, returns.
    Consignment {
        #[command(subcommand)]
        action: consignment::Action,
    },
}

/// What to do with documents.
#[derive(Subcommand)]
pub enum DocumentAction {
    /// List documents of a kind (receive, consign_in, consign_return, adjust, stocktake,
    /// transfer_out, transfer_in).
    List {
        /// The kind.
        #[arg(long, default_value = "receive")]
        kind: String,
    },
    /// Show a document and its lines.
    Show {
        /// Its number, e.g. PN-000001.
        number: String,
    },
    /// Post a receiving draft (PIN of --user on standard input).
    Post {
        /// Its number.
        number: String,
        /// Who posts.
        #[arg(long)]
        user: String,
    },
    /// Cancel a draft.
    Cancel {
        /// Its number.
        number: String,
    },
}

/// Which lots to list.
#[derive(Subcommand)]
pub enum LotsAction {
    /// Lots with stock expiring within N days.
    Expiring {
        /// Days ahead.
        #[arg(long, default_value_t = 30)]
        days: u32,
    },
    /// Lots with stock already past their expiry.
    Expired,
    /// Lots of one product that hold stock.
    Of {
        /// Product code or barcode.
        product: String,
    },
}

pub(crate) fn read(file: &Path) -> Result<Vec<u8>> {
    std::fs::read(file).with_context(|| format!("không đọc được {}", file.display()))
}

pub(crate) fn print_posted(out: &mut impl Write, posted: &Posted) -> Result<()> {
    writeln!(
        out,
        "Đã ghi sổ {}: {} dòng, số lượng {}, giá trị {}",
        posted.number, posted.lines, posted.qty, posted.value
    )?;
    Ok(())
}

/// Runs one of these commands.
pub fn run(command: Command, config: &Config, db_path: &Path, out: &mut impl Write) -> Result<()> {
    let mut conn = store::open(db_path)?;
    let at = now(config);
    match command {
        Command::Receive {
            file,
            producer,
            consignment,
            delivery_note,
            note,
            draft,
            user,
        } => {
            let user = sign_in(&conn, &user, config)?;
            let delivery = Delivery {
                consigned: consignment,
                producer_code: producer,
                delivery_note,
                note,
                lines: receiving::parse_csv(&read(&file)?)?,
            };
            if draft {
                let header = receiving::draft(&mut conn, &delivery, user, at)?;
                writeln!(out, "Đã lưu nháp {} (chưa nhập kho)", header.number)?;
            } else {
                print_posted(out, &receiving::receive(&mut conn, &delivery, user, at)?)?;
            }
        }
        Command::Document { action } => document(&mut conn, action, config, out)?,
        Command::Adjust {
            product,
            qty,
            reason,
            lot,
            note,
            manager,
        } => {
            let qty: Qty = qty.parse()?;
            let approval = approve(&conn, &manager, config)?;
            let adjustment = Adjustment {
                reason,
                note,
                changes: vec![Change {
                    product,
                    qty,
                    lot_id: lot,
                }],
            };
            let posted = adjust::adjust(&mut conn, &adjustment, approval.manager(), approval, at)?;
            print_posted(out, &posted)?;
        }
        Command::Lots { action } => {
            let today = at.date_naive();
            let rows = match action {
                LotsAction::Expiring { days } => lots::expiring(&conn, today, days)?,
                LotsAction::Expired => lots::expired(&conn, today)?,
                LotsAction::Of { product } => {
                    let goods = documents::goods(&conn, &product)?
                        .with_context(|| format!("không có sản phẩm mã \"{product}\""))?;
                    lots::on_hand(&conn, goods.id)?
                }
            };
            for lot in rows {
                let expiry = lot
                    .expiry
                    .map_or_else(|| "—".to_owned(), |e| e.format("%d/%m/%Y").to_string());
                writeln!(
                    out,
                    "{}\t{}\t{}\tlô {}\tHSD {expiry}\t{}\t{}",
                    lot.id,
                    lot.product_code,
                    lot.product_name,
                    lot.lot_no,
                    lot.qty,
                    lot.owner.label_vi()
                )?;
            }
        }
        Command::Consignment { action } => consignment::run(&mut conn, action, config, out)?,
    }
    Ok(())
}

fn document(
    conn: &mut rusqlite::Connection,
    action: DocumentAction,
    config: &Config,
    out: &mut impl Write,
) -> Result<()> {
    match action {
        DocumentAction::List { kind } => {
            let kind =
                DocKind::parse(&kind).with_context(|| format!("không có loại phiếu \"{kind}\""))?;
            for doc in documents::list(conn, kind)? {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    doc.number, doc.status, doc.created_at, doc.external_ref
                )?;
            }
        }
        DocumentAction::Show { number } => {
            let doc = documents::by_number(conn, &number)?;
            writeln!(
                out,
                "{} — {} ({})",
                doc.number,
                doc.kind.label_vi(),
                doc.status
            )?;
            for line in documents::lines(conn, doc.id)? {
                let code: String = conn.query_row(
                    "SELECT code FROM products WHERE id = ?1",
                    [line.product_id],
                    |r| r.get(0),
                )?;
                let qty = line.qty.map_or_else(|| "—".to_owned(), |q| q.to_string());
                writeln!(
                    out,
                    "  {}\t{code}\t{qty}\t{}\tlô {}",
                    line.line_no, line.unit_cost, line.lot_no
                )?;
            }
        }
        DocumentAction::Post { number, user } => {
            let user = sign_in(conn, &user, config)?;
            print_posted(out, &receiving::post(conn, &number, user, now(config))?)?;
        }
        DocumentAction::Cancel { number } => {
            documents::cancel(conn, &number)?;
            writeln!(out, "Đã hủy phiếu nháp {number}")?;
        }
    }
    Ok(())
}
