//! The back office's refusals (stock documents and their lines, stock takes, transfers,
//! consignment settlements, backups, the outbox, the configuration file) in the window's
//! language. Every variant is named, so a new one cannot slip through in Vietnamese.

use chrono::{DateTime, FixedOffset};

use super::Lang;
use super::domain_errors::{qty, vnd};
use crate::domain::stock::AdjustReason;
use crate::domain::summary::SummaryError;
use crate::store::backup::BackupError;
use crate::store::consignment::SettlementError;
use crate::store::documents::{DocKind, DocumentError, LineProblem, Shortage};
use crate::store::outbox::OutboxError;
use crate::store::stocktake::StocktakeError;
use crate::store::transfer::TransferError;

const KINDS: [DocKind; 7] = [
    DocKind::Receive,
    DocKind::ConsignIn,
    DocKind::ConsignReturn,
    DocKind::Adjust,
    DocKind::Stocktake,
    DocKind::TransferOut,
    DocKind::TransferIn,
];

/// A kind of stock document in English.
pub fn kind_en(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Receive => "purchase receipt",
        DocKind::ConsignIn => "consignment receipt",
        DocKind::ConsignReturn => "consignment return",
        DocKind::Adjust => "stock adjustment",
        DocKind::Stocktake => "stock take",
        DocKind::TransferOut => "transfer out",
        DocKind::TransferIn => "transfer in",
    }
}

/// A document kind's Vietnamese label (as the store puts it in a refusal) in English; other text
/// (a document number) as it is.
fn kind_label_en(vi: &str) -> &str {
    match KINDS.into_iter().find(|k| k.label_vi() == vi) {
        Some(kind) => kind_en(kind),
        None => vi,
    }
}

/// An adjustment reason in English.
pub fn reason_en(reason: AdjustReason) -> &'static str {
    match reason {
        AdjustReason::Damaged => "damaged",
        AdjustReason::Lost => "lost",
        AdjustReason::Sample => "sample",
        AdjustReason::Correction => "correction",
    }
}

/// A stock document refusal.
pub fn document(err: &DocumentError, lang: Lang) -> String {
    if lang == Lang::Vi {
        return err.to_string();
    }
    match err {
        DocumentError::Unknown(n) => format!("no document numbered \"{n}\""),
        DocumentError::NotDraft(n) => format!(
            "document {n} is already posted or cancelled: it cannot be changed or posted again (make a new one)"
        ),
        DocumentError::Empty(n) => format!("{} has no lines", kind_label_en(n)),
        DocumentError::WrongKind {
            number,
            found,
            expected,
        } => format!(
            "document {number} is a {}, not a {}",
            kind_label_en(found),
            kind_label_en(expected)
        ),
        DocumentError::Line { line, reason } => {
            format!("line {line}: {}", line_problem(reason, lang))
        }
        DocumentError::Lines(all) => format!(
            "the file has {} errors, nothing was written; first error: {}",
            all.len(),
            all.first().map(|e| document(e, lang)).unwrap_or_default()
        ),
        DocumentError::DuplicateDeliveryNote {
            producer,
            note,
            number,
        } => format!(
            "delivery note \"{note}\" of producer {producer} was already received (document {number})"
        ),
        DocumentError::NeedsProducer => {
            "consigned goods must name the producer who left them".into()
        }
    }
}

/// Why one line of a document was refused.
pub fn line_problem(problem: &LineProblem, lang: Lang) -> String {
    if lang == Lang::Vi {
        return problem.to_string();
    }
    match problem {
        LineProblem::UnknownProduct(code) => format!("no product with the code \"{code}\""),
        LineProblem::UnknownProductHere(code) => {
            format!("no product with the code \"{code}\" in this point's catalogue")
        }
        LineProblem::BadQty(q) => format!("quantity {q} is not valid"),
        LineProblem::BadQtyOf { qty, name } => {
            format!("quantity {qty} of \"{name}\" is not valid")
        }
        LineProblem::QtyNotPositive(q) => format!("quantity {q} must be above 0"),
        LineProblem::QtyOutOfRange(q) => {
            format!("quantity {q} must be above 0 and at most 100,000")
        }
        LineProblem::QtyText(e) => qty(e, lang),
        LineProblem::WholeOnly(name) => format!("\"{name}\" is received in whole units only"),
        LineProblem::AdjustWholeOnly(name) => {
            format!("\"{name}\" is adjusted in whole units only")
        }
        LineProblem::BadCost(v) => format!("unit cost {v} is not valid"),
        LineProblem::CostText { text, error } => {
            format!("unit cost \"{text}\": {}", vnd(error, lang))
        }
        LineProblem::NotProducers { name, producer } => {
            format!("\"{name}\" is not a product of producer {producer}")
        }
        LineProblem::NeedsLotNo(name) => {
            format!("\"{name}\" is food, drink or herbal: a lot number is required")
        }
        LineProblem::NeedsExpiry(name) => {
            format!("\"{name}\" is food, drink or herbal: an expiry date is required")
        }
        LineProblem::Expired {
            lot_no,
            name,
            expiry,
        } => format!(
            "lot {lot_no} of \"{name}\" expired on {}",
            expiry.format("%d/%m/%Y")
        ),
        LineProblem::LotNoTooLong => "the lot number is longer than 40 characters".into(),
        LineProblem::BadDate(text) => {
            format!("expiry \"{text}\" is not a date (e.g. 30/06/2027)")
        }
        LineProblem::OnlyRemoves(reason) => format!(
            "reason \"{}\" only lowers the stock: type a negative quantity, or choose correction",
            reason_en(*reason)
        ),
        LineProblem::LotOfOther { lot_id, name } => {
            format!("lot {lot_id} does not belong to \"{name}\"")
        }
        LineProblem::LotNotProducts { lot_id, code } => {
            format!("lot {lot_id} does not belong to product \"{code}\"")
        }
        LineProblem::ConsignedShort {
            held,
            name,
            producer,
            qty,
        } => format!(
            "only {held} \"{name}\" consigned by producer {producer} is left, {qty} cannot be returned"
        ),
        LineProblem::UnknownColumn { name, valid } => {
            format!("unknown column \"{name}\"; valid columns: {valid}")
        }
        LineProblem::DuplicateColumn(name) => format!("column \"{name}\" appears twice"),
        LineProblem::MissingColumn(name) => format!("the required column \"{name}\" is missing"),
        LineProblem::NoLines => "the file has no lines of goods".into(),
        LineProblem::ReturnHeader => "the header must be \"product,qty\"".into(),
        LineProblem::ReturnLine { product, qty } => {
            format!("line \"{product},{qty}\": a product code and a quantity above 0 are needed")
        }
        LineProblem::MissingProduct => "the product code is missing".into(),
        LineProblem::MissingProductCode => "the product code (product_code) is missing".into(),
        LineProblem::TransferHeader => {
            "the header must have the two columns product_code and qty".into()
        }
        LineProblem::Unreadable(detail) => format!("cannot be read: {detail}"),
        LineProblem::ConsignedUnknownProducer(code) => {
            format!("consigned goods of producer \"{code}\", who is not in this point's catalogue")
        }
        LineProblem::ConsignedNoProducer => "consigned goods without a producer code".into(),
        LineProblem::Short { code, short } => format!("{code}: {}", shortage(short)),
    }
}

fn shortage(short: &Shortage) -> String {
    match short {
        Shortage::LotExpired(lot_no) => format!("lot {lot_no} has expired and cannot be sent"),
        Shortage::Lot { lot_no, left, qty } => {
            format!("lot {lot_no} holds only {left}, not enough to send {qty}")
        }
        Shortage::OnHand { left, qty } => {
            format!("only {left} on hand, not enough to send {qty}")
        }
        Shortage::Fresh {
            fresh,
            qty,
            expired,
        } => {
            let mut text = format!("only {fresh} unexpired, not enough to send {qty}");
            if expired.0 > 0 {
                text.push_str(&format!(" ({expired} expired, which is not sent)"));
            }
            text
        }
    }
}

/// A stock take refusal.
pub fn stocktake(err: &StocktakeError, lang: Lang) -> String {
    if lang == Lang::Vi {
        return err.to_string();
    }
    match err {
        StocktakeError::NegativeCount(q) => format!(
            "a count cannot be negative ({q}): type what is on the shelf, 0 if nothing is left"
        ),
        StocktakeError::TooLarge(q) => format!("count {q} is too large (at most 100,000)"),
        // The scope's description is Vietnamese text; the count's own screen shows the scope.
        StocktakeError::EmptyScope(_) => "no product on sale is within the count's scope".into(),
        StocktakeError::BadGroup(g) => format!("OCOP group {g} does not exist (choose 1 to 6)"),
        StocktakeError::AlreadyCounting { product, number } => format!(
            "product {product} is being counted on stock take {number}, not yet posted: post or cancel that one first"
        ),
        StocktakeError::NothingCounted(n) => {
            format!("nothing was counted on stock take {n}: nothing to post")
        }
        StocktakeError::AlreadyPosted { number, posted_at } => format!(
            "stock take {number} was posted at {posted_at}: it cannot be counted or posted again"
        ),
    }
}

/// A transfer refusal.
pub fn transfer(err: &TransferError, lang: Lang) -> String {
    if lang == Lang::Vi {
        return err.to_string();
    }
    match err {
        TransferError::NoPoint => "the point code is not set: run `ocop-pos init` first".into(),
        TransferError::BadPoint(p) => format!(
            "point code \"{p}\" is not valid: 2–24 capital letters, digits or '-' (e.g. DN-HOIAN-02)"
        ),
        TransferError::SamePoint(p) => format!("point {p} cannot transfer to itself"),
        TransferError::NoLines => "no lines of goods to transfer yet".into(),
        TransferError::BadCode(c) => format!(
            "transfer code \"{c}\" is not valid (POINT-CODE-XC-000001, e.g. DN-HOIAN-01-XC-000003)"
        ),
        TransferError::BadFile(detail) => format!("the transfer file cannot be read: {detail}"),
        TransferError::Unsupported { schema, version } => format!(
            "a \"{schema}\" file, version {version}: this software reads only \"ocop.transfer\" version 1"
        ),
        TransferError::WrongPoint { code, to, ours } => format!(
            "transfer file {code} is addressed to point {to}, not to this point ({ours}): not received"
        ),
        TransferError::AlreadyReceived { code, number } => format!(
            "transfer code {code} was already received on document {number}: not received twice"
        ),
        TransferError::UnknownCode(c) => format!("no transfer out with the code \"{c}\""),
        TransferError::NotSent(n) => format!("transfer out {n} is not posted: not sent yet"),
        TransferError::AlreadyDelivered { code, at } => {
            format!("transfer {code} was already confirmed delivered at {at}")
        }
    }
}

/// A consignment settlement refusal.
pub fn settlement(err: &SettlementError, lang: Lang) -> String {
    if lang == Lang::Vi {
        return err.to_string();
    }
    match err {
        SettlementError::BadPeriod => {
            "the settlement period is not valid: it starts after it ends".into()
        }
        SettlementError::Running { today } => format!(
            "a settlement period must end before today ({}): the goods are still on sale",
            today.format("%d/%m/%Y")
        ),
        SettlementError::Overlap { producer, from, to } => format!(
            "the period {from} – {to} of producer {producer} was already settled (overlapping periods)"
        ),
    }
}

fn when(at: Option<&DateTime<FixedOffset>>) -> String {
    at.map_or_else(
        || "no transactions".to_owned(),
        |at| at.format("%H:%M:%S %d/%m/%Y").to_string(),
    )
}

/// A backup or restore failure.
pub fn backup(err: &BackupError, lang: Lang) -> String {
    if lang == Lang::Vi {
        return err.to_string();
    }
    match err {
        BackupError::Io { path, source } => {
            format!("cannot read or write the file {}: {source}", path.display())
        }
        BackupError::Busy => "the database stayed busy too long, no backup made; try again".into(),
        BackupError::NotADatabase(p) => {
            format!("{} is not a database file (SQLite)", p.display())
        }
        BackupError::Corrupt { path, detail } => format!(
            "backup file {} is damaged ({detail}); it is not restored",
            path.display()
        ),
        BackupError::NotATill(p) => format!("{} is not an OCOP Till database", p.display()),
        BackupError::NewerSchema { path, found, known } => format!(
            "backup file {} has database version {found}, this software knows only {known}: update the software before restoring",
            path.display()
        ),
        BackupError::NewerData { current, backup } => format!(
            "the current database holds newer data than the backup (current up to {}, backup up to {}); restoring would lose it. Use --force if you are sure",
            when(Some(current)),
            when(backup.as_ref())
        ),
        BackupError::SameFile(p) => format!("{} is the database in use", p.display()),
    }
}

/// An outbox refusal.
pub fn outbox(err: &OutboxError, lang: Lang) -> String {
    if lang == Lang::Vi {
        return err.to_string();
    }
    match err {
        OutboxError::UnknownMessage(id) => format!("no message number {id} in the outbox"),
        OutboxError::AlreadyDelivered(id) => format!("message number {id} was already sent"),
        OutboxError::Summary(e) => summary(e, lang),
    }
}

/// A daily summary that does not hold together.
pub fn summary(err: &SummaryError, lang: Lang) -> String {
    if lang == Lang::Vi {
        return err.to_string();
    }
    match err {
        // The rule broken is a fixed Vietnamese phrase; the field names the problem.
        SummaryError::Invalid { field, .. } => {
            format!("the daily summary is not valid: field {field} breaks the rules")
        }
        SummaryError::Mismatch {
            field,
            against,
            stated,
            computed,
        } => format!(
            "the daily summary does not add up: field {field} is {stated} but {against} add up to {computed}"
        ),
    }
}

#[cfg(test)]
mod tests;
