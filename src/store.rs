//! The till's SQLite database: opening it with durable settings, migrating it, and one file per
//! aggregate for the reads and writes.

pub mod adjust;
pub mod audit;
pub mod backup;
pub mod catalog;
pub mod catalog_export;
pub mod catalog_import;
pub mod check;
pub mod consignment;
pub mod documents;
pub mod lots;
pub mod low_stock;
pub mod migrate;
pub mod outbox;
pub mod parked;
pub mod print_jobs;
pub mod receipt_data;
pub mod receiving;
pub mod refund;
pub mod registry;
pub mod report;
pub mod sales;
pub mod sales_report;
pub mod settings;
pub mod shifts;
pub mod stock;
pub mod stocktake;
pub mod summary;
#[cfg(test)]
pub(crate) mod test_support;
pub mod transfer;
pub mod users;
pub mod valuation;
pub mod worker;

pub use worker::Db;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// SQLite itself failed.
    #[error("lỗi cơ sở dữ liệu: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A migration script failed; nothing of it was applied.
    #[error("không nâng cấp được cơ sở dữ liệu ({name}): {source}")]
    Migration {
        /// The migration's file name.
        name: String,
        /// Why SQLite refused it.
        source: rusqlite::Error,
    },
    /// The database was written by a newer version of the till.
    #[error(
        "cơ sở dữ liệu ở phiên bản {found}, phần mềm này chỉ biết đến {known}: hãy cập nhật phần mềm"
    )]
    SchemaVersion {
        /// `user_version` found in the file.
        found: i64,
        /// The newest version this build knows.
        known: usize,
    },
    /// The database worker thread has stopped.
    #[error(transparent)]
    Worker(worker::WorkerGone),
    /// A user name or PIN broke the rules.
    #[error(transparent)]
    Auth(#[from] crate::domain::auth::AuthError),
    /// The user name is taken.
    #[error("người dùng \"{0}\" đã tồn tại")]
    DuplicateUser(String),
    /// No such active user.
    #[error("không có người dùng \"{0}\"")]
    UnknownUser(String),
    /// The PIN was wrong; `remaining` more tries before the lockout.
    #[error("sai mã PIN (còn {remaining} lần thử)")]
    WrongPin {
        /// Tries left.
        remaining: u32,
    },
    /// Too many wrong PINs: locked until the given time.
    #[error("tài khoản bị khóa đến {}", until.format("%H:%M %d/%m/%Y"))]
    Locked {
        /// When the lock ends.
        until: chrono::DateTime<chrono::FixedOffset>,
    },
    /// The approving user is not a manager or admin.
    #[error("{0} không có quyền quản lý để duyệt thao tác này")]
    NotManager(String),
    /// Hashing or random number generation failed.
    #[error("lỗi mã hóa: {0}")]
    Crypto(String),
    /// A scanned or typed code is malformed.
    #[error(transparent)]
    Barcode(#[from] crate::domain::barcode::Error),
    /// No product has this barcode or code.
    #[error("không tìm thấy sản phẩm có mã \"{0}\"")]
    UnknownCode(String),
    /// No product has this scale item number.
    #[error("không có sản phẩm cân nào mang mã hàng {0}")]
    UnknownPlu(u32),
    /// A weight label for a product sold by the piece.
    #[error("\"{0}\" không bán theo cân")]
    NotByWeight(String),
    /// The product is no longer sold.
    #[error("\"{0}\" đã ngừng bán")]
    Inactive(String),
    /// The product has no VAT rate for the day.
    #[error("sản phẩm {code} chưa có thuế suất GTGT cho ngày {date}")]
    NoVatRate {
        /// Product code.
        code: String,
        /// The sale date.
        date: chrono::NaiveDate,
    },
    /// The producer code is not in the catalogue.
    #[error("không có nhà sản xuất mã \"{0}\"")]
    UnknownProducer(String),
    /// A barcode already belongs to another product.
    #[error("mã vạch {code} đã thuộc sản phẩm {holder}")]
    DuplicateBarcode {
        /// The barcode.
        code: String,
        /// The product that has it.
        holder: String,
    },
    /// A scale item number already belongs to another product.
    #[error("mã hàng cân {plu} đã thuộc sản phẩm {holder}")]
    DuplicatePlu {
        /// The PLU.
        plu: u32,
        /// The product that has it.
        holder: String,
    },
    /// The catalogue file is not UTF-8 (a legacy code page or UTF-16).
    #[error(
        "tệp không phải UTF-8 (dòng {line}); trong Excel hãy chọn Lưu dưới dạng CSV UTF-8 (CSV UTF-8 (Comma delimited))"
    )]
    NotUtf8 {
        /// The first line holding a byte that is not UTF-8 (1 for a UTF-16 file).
        line: u64,
    },
    /// The catalogue file is larger than the import accepts.
    #[error("tệp quá lớn ({bytes} byte, tối đa {max} byte)")]
    FileTooLarge {
        /// Size of the file.
        bytes: usize,
        /// The limit.
        max: usize,
    },
    /// The catalogue file has more rows than the import accepts.
    #[error("tệp có quá nhiều dòng (tối đa {max} sản phẩm)")]
    TooManyRows {
        /// The limit.
        max: usize,
    },
    /// The header names a column the catalogue format does not have.
    #[error("tiêu đề có cột lạ \"{name}\"; các cột hợp lệ: {}", catalog_export::HEADER.join(","), name = .0)]
    UnknownColumn(String),
    /// The header lacks a required column.
    #[error("tiêu đề thiếu cột bắt buộc \"{0}\"")]
    MissingColumn(String),
    /// The header names a column twice.
    #[error("tiêu đề có cột \"{0}\" hai lần")]
    DuplicateColumn(String),
    /// Rows of a strict import broke the rules; nothing was written.
    #[error(
        "tệp danh mục có {} lỗi, chưa ghi gì vào cơ sở dữ liệu; lỗi đầu tiên: {}",
        .0.len(),
        .0.first().map(ToString::to_string).unwrap_or_default()
    )]
    ImportRejected(Vec<catalog_import::RowError>),
    /// A product's VAT schedule cannot be written as vat_bp / vat_until / vat_after_bp.
    #[error(
        "không xuất được thuế suất GTGT của sản phẩm {0}: từ hôm nay lịch thuế suất thay đổi nhiều hơn một lần hoặc có khoảng trống"
    )]
    VatNotExportable(String),
    /// Reading or writing CSV failed.
    #[error("lỗi đọc/ghi tệp CSV: {0}")]
    Csv(#[from] csv::Error),
    /// Stored data break an invariant the schema cannot express.
    #[error("dữ liệu không nhất quán: {0}")]
    Corrupt(String),
    /// The cart cannot become a sale.
    #[error(transparent)]
    Cart(#[from] crate::domain::cart::CartError),
    /// Amounts beyond what a till can hold.
    #[error(transparent)]
    Overflow(#[from] crate::domain::money::Overflow),
    /// No sale has this receipt number.
    #[error("không tìm thấy hóa đơn bán hàng số \"{0}\"")]
    UnknownReceipt(String),
    /// The receipt has no such line.
    #[error("hóa đơn không có dòng số {0}")]
    NoSuchReceiptLine(u32),
    /// More than is left to refund on a line.
    #[error("dòng {line_no}: không thể hoàn {asked}, chỉ còn {left} chưa hoàn")]
    RefundQty {
        /// The line.
        line_no: u32,
        /// Quantity asked.
        asked: crate::domain::qty::Qty,
        /// Quantity not yet refunded.
        left: crate::domain::qty::Qty,
    },
    /// Everything on the receipt was already refunded.
    #[error("hóa đơn {0} đã được hoàn trả toàn bộ")]
    NothingToRefund(String),
    /// The payout does not add up to the refund.
    #[error("số tiền chi trả {payout} không khớp số tiền hoàn {refund}")]
    PayoutMismatch {
        /// Sum of the payout.
        payout: crate::domain::money::Vnd,
        /// The refund's total.
        refund: crate::domain::money::Vnd,
    },
    /// The cart cannot be parked.
    #[error("{0}")]
    Park(&'static str),
    /// No parked cart with this id.
    #[error("không còn giỏ hàng tạm giữ số {0}")]
    UnknownParked(i64),
    /// A cart could not be stored or read back.
    #[error("không lưu được giỏ hàng: {0}")]
    CartJson(#[from] serde_json::Error),
    /// A setting was refused.
    #[error("{0}")]
    Setting(&'static str),
    /// A lot cannot give what was asked (expired without a manager, or not the product's).
    #[error(transparent)]
    Lot(#[from] crate::domain::lot::LotError),
    /// A stock document was refused.
    #[error(transparent)]
    Document(#[from] documents::DocumentError),
    /// A shift operation was refused.
    #[error(transparent)]
    Shift(#[from] shifts::ShiftError),
    /// The outbox or a daily summary was refused.
    #[error(transparent)]
    Outbox(#[from] outbox::OutboxError),
    /// A stock take was refused.
    #[error(transparent)]
    Stocktake(#[from] stocktake::StocktakeError),
    /// A transfer was refused.
    #[error(transparent)]
    Transfer(#[from] transfer::TransferError),
    /// A consignment settlement was refused.
    #[error(transparent)]
    Settlement(#[from] consignment::SettlementError),
    /// A backup or restore failed.
    #[error(transparent)]
    Backup(#[from] backup::BackupError),
    /// A print job was refused.
    #[error(transparent)]
    PrintJob(#[from] print_jobs::PrintJobError),
    /// The database folder could not be created.
    #[error("không tạo được thư mục dữ liệu {path}: {source}")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// How long a writer waits for another connection's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Opens (creating if needed) the till database at `path` with WAL, `synchronous=FULL`, foreign keys
/// and a busy timeout, and applies every pending migration.
pub fn open(path: &Path) -> Result<Connection, Error> {
    let mut conn = open_unmigrated(path)?;
    migrate::migrate_to(&mut conn, migrate::latest_version())?;
    Ok(conn)
}

/// Opens the database with the till's pragmas but applies no migration (tests and upgrades use it).
pub fn open_unmigrated(path: &Path) -> Result<Connection, Error> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| Error::Folder {
            path: parent.to_owned(),
            source,
        })?;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(path, flags)?;
    configure(&conn)?;
    Ok(conn)
}

/// Applies the pragmas every connection to the till database needs.
fn configure(conn: &Connection) -> Result<(), Error> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // journal_mode answers with a row, so it is read rather than executed.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

impl From<worker::WorkerGone> for Error {
    fn from(gone: worker::WorkerGone) -> Self {
        Error::Worker(gone)
    }
}
