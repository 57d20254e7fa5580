//! The store's refusals in the window's language. The store speaks Vietnamese (its messages go to
//! the command line and the logs too); with English chosen, the window says the same in English.

use super::Lang;
use crate::receipt::vietqr::VietQrError;
use crate::store::print_jobs::PrintJobError;
use crate::store::shifts::ShiftError;
use crate::store::{self, Error};

pub use super::printer_errors::printer_en;

pub use super::catalog_errors::{catalog_row, row_problem};
pub use super::domain_errors::{auth, barcode, cart, lot, method_en, overflow, payment, qty, vnd};
pub use super::file_errors::{address, config_save, export, file, period};
pub use super::office_errors::{
    backup, document, line_problem, outbox, settlement, stocktake, summary, transfer,
};

/// A store error as the clerk should read it.
pub fn store(err: &Error, lang: Lang) -> String {
    if lang == Lang::Vi {
        return err.to_string();
    }
    match err {
        Error::Sqlite(e) => format!("database error: {e}"),
        Error::Migration { name, source } => {
            format!("the database could not be upgraded ({name}): {source}")
        }
        Error::SchemaVersion { found, known } => format!(
            "the database is at version {found}, this software knows only {known}: update the software"
        ),
        Error::Worker(_) => "the database worker has stopped".into(),
        Error::Auth(e) => auth(e, lang),
        Error::DuplicateUser(name) => format!("user \"{name}\" already exists"),
        Error::UnknownUser(name) => format!("no user \"{name}\""),
        Error::WrongPin { remaining } => {
            format!("wrong PIN ({remaining} tries left)")
        }
        Error::Locked { until } => {
            format!("account locked until {}", until.format("%H:%M %d/%m/%Y"))
        }
        Error::NotManager(name) => {
            format!("{name} is not a manager and cannot approve this")
        }
        Error::Crypto(e) => format!("encryption error: {e}"),
        Error::Barcode(e) => barcode(e, lang),
        Error::UnknownCode(code) => format!("no product with the code \"{code}\""),
        Error::UnknownPlu(plu) => format!("no weighed product has item number {plu}"),
        Error::NotByWeight(name) => format!("\"{name}\" is not sold by weight"),
        Error::Inactive(name) => format!("\"{name}\" is no longer sold"),
        Error::NoVatRate { code, date } => {
            format!("product {code} has no VAT rate for {date}")
        }
        Error::UnknownProducer(code) => format!("no producer with the code \"{code}\""),
        Error::DuplicateBarcode { code, holder } => {
            format!("barcode {code} already belongs to product {holder}")
        }
        Error::DuplicatePlu { plu, holder } => {
            format!("scale item number {plu} already belongs to product {holder}")
        }
        Error::NotUtf8 { line } => format!(
            "the file is not UTF-8 (line {line}); in Excel choose Save As CSV UTF-8 (Comma delimited)"
        ),
        Error::FileTooLarge { bytes, max } => {
            format!("the file is too large ({bytes} bytes, at most {max})")
        }
        Error::TooManyRows { max } => {
            format!("the file has too many rows (at most {max} products)")
        }
        Error::UnknownColumn(name) => format!(
            "the header has an unknown column \"{name}\"; valid columns: {}",
            store::catalog_export::HEADER.join(",")
        ),
        Error::MissingColumn(name) => {
            format!("the header lacks the required column \"{name}\"")
        }
        Error::DuplicateColumn(name) => format!("the header names column \"{name}\" twice"),
        Error::ImportRejected(rows) => format!(
            "the catalogue file has {} errors, nothing was written; first error: {}",
            rows.len(),
            rows.first()
                .map(|row| catalog_row(row, lang))
                .unwrap_or_default()
        ),
        Error::VatNotExportable(code) => format!(
            "the VAT rates of product {code} cannot be exported: from today they change more than once or have a gap"
        ),
        Error::Csv(e) => format!("CSV read/write error: {e}"),
        Error::Corrupt(what) => format!("inconsistent data: {what}"),
        Error::Cart(e) => cart(e, lang),
        Error::Overflow(_) => overflow(lang).into(),
        Error::UnknownReceipt(no) => format!("no sale with receipt number \"{no}\""),
        Error::NoSuchReceiptLine(line) => format!("the receipt has no line {line}"),
        Error::RefundQty {
            line_no,
            asked,
            left,
        } => format!("line {line_no}: cannot refund {asked}, only {left} left to refund"),
        Error::NothingToRefund(no) => format!("receipt {no} was already refunded in full"),
        Error::PayoutMismatch { payout, refund } => {
            format!("the payout {payout} does not match the refund {refund}")
        }
        Error::Park(why) => fixed(why).into(),
        Error::UnknownParked(id) => format!("parked cart {id} is no longer there"),
        Error::CartJson(e) => format!("the cart could not be stored: {e}"),
        Error::Setting(why) => fixed(why).into(),
        Error::Lot(e) => lot(e, lang),
        Error::Shift(e) => shift(e, lang),
        Error::PrintJob(e) => print_job(e),
        Error::Folder { path, source } => format!(
            "the data folder {} could not be created: {source}",
            path.display()
        ),
        Error::Document(e) => document(e, lang),
        Error::Outbox(e) => outbox(e, lang),
        Error::Stocktake(e) => stocktake(e, lang),
        Error::Transfer(e) => transfer(e, lang),
        Error::Settlement(e) => settlement(e, lang),
        Error::Backup(e) => backup(e, lang),
    }
}

/// A VietQR code that cannot be made.
pub fn vietqr(err: &VietQrError, lang: Lang) -> String {
    if lang == Lang::Vi {
        return err.to_string();
    }
    match err {
        VietQrError::BadBin(b) => {
            format!("bank BIN \"{b}\" must have 6 digits, e.g. 970436 (Vietcombank)")
        }
        VietQrError::BadAccount(a) => {
            format!("account number \"{a}\" is not valid (1–19 digits or letters)")
        }
        VietQrError::BadAmount(v) => format!("amount {v} is not valid for a VietQR code"),
        VietQrError::TooLong(f) => format!("field {f} is too long"),
        VietQrError::Malformed(at) => format!("the QR payload is broken at position {at}"),
        VietQrError::Crc { found, expected } => {
            format!("wrong CRC: {found} written, {expected} expected")
        }
    }
}

/// A shift refusal.
pub fn shift(err: &ShiftError, lang: Lang) -> String {
    if lang == Lang::Vi {
        return err.to_string();
    }
    match err {
        ShiftError::NoOpenShift => {
            "no open shift: open one (type the opening float) before selling".into()
        }
        ShiftError::AlreadyOpen { user, opened_at } => {
            format!("{user}'s shift opened at {opened_at} is still open: close it first")
        }
        ShiftError::BadFloat(v) => format!("opening float {v} is not valid"),
        ShiftError::BadAmount(v) => format!("amount {v} is not valid: it must be above 0"),
        ShiftError::BadReason(why) => fixed(why).into(),
        ShiftError::DrawerShort(v) => {
            format!("cannot take out {v}: not enough cash in the drawer")
        }
        ShiftError::BadCount(v) => format!("counted amount {v} is not valid"),
        ShiftError::NeedsManager { difference, limit } => {
            let way = if difference.is_negative() {
                "short"
            } else {
                "over"
            };
            format!(
                "cash is {way} (difference {difference}), beyond the allowed {limit}: a manager must enter their PIN to close"
            )
        }
        ShiftError::UnknownZ(z) => format!("no Z report number {z}"),
    }
}

fn print_job(err: &PrintJobError) -> String {
    match err {
        PrintJobError::NoReceiptYet => "no receipt to reprint yet".into(),
        PrintJobError::NoInStoreCode(code) => format!(
            "product {code} has no in-store barcode (prefix 20–29), so no labels; GS1 goods (893…) carry their barcode on the pack"
        ),
        PrintJobError::ByWeight(code) => {
            format!("product {code} is sold by weight: the scale prints its labels")
        }
        PrintJobError::Inactive(code) => format!("product {code} is no longer sold: no labels"),
        PrintJobError::Copies(n) => format!(
            "{n} labels is not valid: 1 to {}",
            store::print_jobs::MAX_COPIES
        ),
    }
}

/// The store's fixed refusals (`&'static str` variants) in English.
fn fixed(vi: &'static str) -> &'static str {
    match vi {
        "giỏ hàng trống, không có gì để tạm giữ" => {
            "the cart is empty, nothing to park"
        }
        "đã nhận thanh toán: hãy hoàn tất hoặc hủy thanh toán trước" => {
            "payments were taken: finish or cancel them first"
        }
        "hãy ghi lý do nộp hoặc rút tiền" => "give a reason for the cash in or out",
        "lý do quá dài (tối đa 200 ký tự) hoặc có ký tự điều khiển" => {
            "the reason is too long (at most 200 characters) or has control characters"
        }
        "chưa nhập tên điểm bán" => "the point name is missing",
        "mã điểm bán phải gồm 2–24 chữ in hoa, chữ số hoặc dấu '-' (ví dụ DN-HOIAN-01)" => {
            "the point code must be 2–24 capital letters, digits or '-' (e.g. DN-HOIAN-01)"
        }
        "mức tồn tối thiểu phải từ 0 đến 100.000 (hoặc \"none\" để bỏ theo dõi)" => {
            "the reorder level must be 0 to 100,000 (or \"none\" to stop watching)"
        }
        "chưa khởi tạo điểm bán: hãy chạy `ocop-pos init` trước" => {
            "the point is not set up yet: run `ocop-pos init` first"
        }
        "chỉ quản trị viên được đặt lại mã PIN / only an admin may reset a PIN" => {
            "only an admin may reset a PIN"
        }
        "danh mục chưa có sản phẩm đang bán: hãy nhập danh mục trước" => {
            "the catalogue has no product on sale: import the catalogue first"
        }
        "giờ mở/đóng ca không hợp lệ" => "the shift opening/closing times are not valid",
        "không đổi được mã điểm bán: ca, hóa đơn và dữ liệu gửi sở đều gắn với mã này" => {
            "the point code cannot change: shifts, receipts and reports to the province carry it"
        }
        "điểm bán đã được khởi tạo" => "the point is already set up",
        // A text not in this table shows as the store wrote it.
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_store_errors_name_the_problem() {
        let err = Error::UnknownCode("893".into());
        assert_eq!(store(&err, Lang::Vi), err.to_string());
        assert_eq!(store(&err, Lang::En), "no product with the code \"893\"");
        let park = Error::Park("giỏ hàng trống, không có gì để tạm giữ");
        assert_eq!(store(&park, Lang::En), "the cart is empty, nothing to park");
    }
}
