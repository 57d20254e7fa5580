//! The receipt of a completed sale or refund.

use std::collections::BTreeMap;

use super::{Align, Block, Document, Item, Style};
use crate::domain::money::Vnd;
use crate::domain::payment::Method;
use crate::domain::vat::VatRate;
use crate::receipt::vietqr;
use crate::store::receipt_data::{Line, SaleReceipt};
use crate::store::settings::PointProfile;

/// The point's bank account, printed as a VietQR code on receipts paid by transfer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankAccount {
    /// BIN and account number.
    pub account: vietqr::Account,
    /// Account holder's name, printed under the code.
    pub name: String,
}

/// What the configuration adds to every receipt.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    /// Text at the bottom; each line of it is centred.
    pub footer: String,
    /// The account for VietQR codes; None prints no code.
    pub bank: Option<BankAccount>,
}

/// Name, address and tax code, centred.
pub(super) fn header(doc: &mut Document, point: &PointProfile) {
    doc.centered(point.name.as_str(), Style::LARGE);
    if !point.address.trim().is_empty() {
        doc.centered(point.address.as_str(), Style::PLAIN);
    }
    if !point.tax_code.trim().is_empty() {
        doc.centered(format!("MST: {}", point.tax_code), Style::PLAIN);
    }
    doc.rule();
}

fn item(line: &Line) -> Item {
    let detail = if line.qty.is_whole() {
        format!("{} × {}", line.qty, line.unit_price.grouped())
    } else {
        format!("{} {} × {}", line.qty, line.unit, line.unit_price.grouped())
    };
    Item {
        name: line.name.clone(),
        stars: line.stars,
        detail,
        amount: line.gross.grouped(),
        discount: (line.line_discount != Vnd::ZERO).then(|| negated(line.line_discount)),
    }
}

/// Net and VAT per rate, lowest rate first, summed from the lines.
pub fn vat_by_rate(lines: &[Line]) -> Vec<(VatRate, Vnd, Vnd)> {
    let mut rates: BTreeMap<VatRate, (Vnd, Vnd)> = BTreeMap::new();
    for line in lines {
        let entry = rates.entry(line.vat_rate).or_default();
        entry.0 = Vnd(entry.0.0.saturating_add(line.net.0));
        entry.1 = Vnd(entry.1.0.saturating_add(line.vat.0));
    }
    rates
        .into_iter()
        .map(|(rate, (net, vat))| (rate, net, vat))
        .collect()
}

fn negated(amount: Vnd) -> String {
    Vnd(amount.0.saturating_neg()).grouped()
}

/// The receipt of `receipt`: header, lines, discounts, totals, VAT by rate, payments, change,
/// a VietQR code per transfer payment, the receipt number as Code 128 on refunds, the footer.
pub fn sale(receipt: &SaleReceipt, settings: &Settings) -> Document {
    build(receipt, settings, false)
}

/// What a reprint says under the title, so a copy is never taken for a second sale.
pub const REPRINT_MARK: &str = "(BẢN IN LẠI)";

/// The receipt of `receipt` printed again: the same, marked [`REPRINT_MARK`] under the title.
pub fn reprint(receipt: &SaleReceipt, settings: &Settings) -> Document {
    build(receipt, settings, true)
}

fn build(receipt: &SaleReceipt, settings: &Settings, copy: bool) -> Document {
    let mut doc = Document::new();
    header(&mut doc, &receipt.point);
    let refund = receipt.refund_of.is_some();
    let title = if refund {
        "PHIẾU HOÀN TIỀN"
    } else {
        "PHIẾU THANH TOÁN"
    };
    doc.centered(title, Style::BOLD);
    if copy {
        doc.centered(REPRINT_MARK, Style::PLAIN);
    }
    doc.pair(
        format!("Số: {}", receipt.receipt_no),
        receipt.completed_at.format("%d/%m/%Y %H:%M").to_string(),
        Style::PLAIN,
    );
    if !receipt.clerk.is_empty() {
        doc.line(format!("Thu ngân: {}", receipt.clerk));
    }
    if let Some(original) = &receipt.refund_of {
        doc.line(format!("Hoàn cho phiếu: {original}"));
    }
    if refund && !receipt.note.trim().is_empty() {
        doc.line(format!("Lý do: {}", receipt.note.trim()));
    }
    doc.rule();
    for line in &receipt.lines {
        doc.push(Block::Item(item(line)));
    }
    doc.rule();
    doc.pair("Tổng tiền hàng", receipt.gross.grouped(), Style::PLAIN);
    if receipt.discount != Vnd::ZERO {
        doc.pair("Chiết khấu", negated(receipt.discount), Style::PLAIN);
    }
    let total_label = if refund {
        "TỔNG HOÀN"
    } else {
        "TỔNG CỘNG"
    };
    doc.pair(total_label, receipt.total.to_string(), Style::LARGE);
    for (rate, net, vat) in vat_by_rate(&receipt.lines) {
        doc.pair(
            format!("Thuế GTGT {rate} trên {}", net.grouped()),
            vat.grouped(),
            Style::PLAIN,
        );
    }
    doc.text("(Giá đã bao gồm thuế GTGT)", Align::Left, Style::PLAIN);
    doc.rule();
    for payment in &receipt.payments {
        doc.pair(
            payment.method.label_vi(),
            payment.amount.grouped(),
            Style::PLAIN,
        );
    }
    if receipt.change != Vnd::ZERO {
        doc.pair("Tiền khách đưa", receipt.tendered.grouped(), Style::PLAIN);
        doc.pair("Tiền thừa trả khách", receipt.change.grouped(), Style::BOLD);
    }
    transfer_codes(&mut doc, receipt, settings);
    if refund {
        doc.rule();
        doc.push(Block::Code128(receipt.receipt_no.clone()));
        doc.centered(receipt.receipt_no.as_str(), Style::PLAIN);
    }
    footer(&mut doc, &settings.footer);
    doc.finish();
    doc
}

fn transfer_codes(doc: &mut Document, receipt: &SaleReceipt, settings: &Settings) {
    let Some(bank) = &settings.bank else {
        return;
    };
    let transfers = receipt
        .payments
        .iter()
        .filter(|p| p.method == Method::Vietqr && p.amount > Vnd::ZERO);
    for payment in transfers {
        // A bad account is a configuration problem, caught when the config loads; a receipt
        // must still print without its code rather than fail.
        match vietqr::payload(&bank.account, Some(payment.amount), &receipt.receipt_no) {
            Ok(payload) => {
                doc.rule();
                doc.centered(format!("Chuyển khoản {}", payment.amount), Style::BOLD);
                doc.push(Block::Qr(payload));
                if !bank.name.trim().is_empty() {
                    doc.centered(bank.name.as_str(), Style::PLAIN);
                }
                doc.centered(
                    format!("STK {} · BIN {}", bank.account.number, bank.account.bin),
                    Style::PLAIN,
                );
            }
            Err(error) => tracing::warn!(%error, "receipt printed without its VietQR code"),
        }
    }
}

pub(super) fn footer(doc: &mut Document, footer: &str) {
    let lines: Vec<&str> = footer
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        return;
    }
    doc.rule();
    for line in lines {
        doc.centered(line, Style::PLAIN);
    }
}
