//! Commands for goods coming in and going out by hand: receiving, documents, adjustments, lots and
//! consignment statements.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use chrono::NaiveDate;
use clap::Subcommand;

use ocop_pos::config::Config;
use ocop_pos::domain::qty::Qty;
use ocop_pos::domain::stock::AdjustReason;
use ocop_pos::store::adjust::{self, Adjustment, Change};
use ocop_pos::store::consignment::{self, Return, Statement};
use ocop_pos::store::documents::{self, DocKind};
use ocop_pos::store::receiving::{self, Delivery, Posted};
use ocop_pos::store::{self, lots};

use crate::{approve, now, sign_in};

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
        action: ConsignmentAction,
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

/// What to do with consignment.
#[derive(Subcommand)]
pub enum ConsignmentAction {
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
        /// Write JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Also write the statement as CSV to this file.
        #[arg(long)]
        csv: Option<PathBuf>,
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

fn read(file: &Path) -> Result<Vec<u8>> {
    std::fs::read(file).with_context(|| format!("không đọc được {}", file.display()))
}

fn print_posted(out: &mut impl Write, posted: &Posted) -> Result<()> {
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
        Command::Consignment { action } => consignment_cmd(&mut conn, action, config, out)?,
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

fn consignment_cmd(
    conn: &mut rusqlite::Connection,
    action: ConsignmentAction,
    config: &Config,
    out: &mut impl Write,
) -> Result<()> {
    match action {
        ConsignmentAction::Statement {
            producer,
            from,
            to,
            json,
            csv,
        } => {
            let statement = consignment::statement(conn, &producer, from, to)?;
            if let Some(file) = csv {
                write_csv(&file, &statement)?;
            }
            if json {
                serde_json::to_writer_pretty(&mut *out, &statement)?;
                writeln!(out)?;
            } else {
                print_statement(out, &statement)?;
            }
        }
        ConsignmentAction::Settle {
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
            print_statement(out, &statement)?;
            writeln!(out, "Đã ghi nhận thanh toán kỳ này: {}", settled.amount)?;
        }
        ConsignmentAction::Settlements { producer } => {
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
        ConsignmentAction::Return {
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

fn print_statement(out: &mut impl Write, s: &Statement) -> Result<()> {
    writeln!(
        out,
        "Bảng kê hàng ký gửi — {} {} — từ {} đến {}",
        s.producer_code,
        s.producer_name,
        s.from.format("%d/%m/%Y"),
        s.to.format("%d/%m/%Y")
    )?;
    writeln!(
        out,
        "Mã\tĐơn giá\tĐầu kỳ\tNhận\tBán\tTrả\tHao hụt\tChuyển\tCuối kỳ\tThành tiền"
    )?;
    for l in &s.lines {
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            l.product_code,
            l.unit_price,
            l.opening,
            l.received,
            l.sold,
            l.returned,
            l.shrinkage,
            l.transferred,
            l.closing,
            l.amount
        )?;
    }
    writeln!(out, "Tổng tiền phải trả: {}", s.total)?;
    Ok(())
}

fn write_csv(file: &Path, s: &Statement) -> Result<()> {
    let handle = std::fs::File::create(file)
        .with_context(|| format!("không tạo được {}", file.display()))?;
    let mut w = csv::Writer::from_writer(handle);
    w.write_record([
        "product_code",
        "name",
        "unit",
        "unit_price_vnd",
        "opening_milli",
        "received_milli",
        "sold_milli",
        "returned_milli",
        "shrinkage_milli",
        "transferred_milli",
        "closing_milli",
        "amount_vnd",
    ])?;
    for l in &s.lines {
        let q = |q: Qty| q.0.to_string();
        w.write_record([
            l.product_code.clone(),
            l.name.clone(),
            l.unit.clone(),
            l.unit_price.0.to_string(),
            q(l.opening),
            q(l.received),
            q(l.sold),
            q(l.returned),
            q(l.shrinkage),
            q(l.transferred),
            q(l.closing),
            l.amount.0.to_string(),
        ])?;
    }
    w.flush()?;
    Ok(())
}
