//! Why one line of a stock document (receiving, adjustment, return, transfer) was refused. Each
//! problem is a variant, so the window can say it in the chosen language; `Display` is the
//! Vietnamese the command line and the logs show.

use chrono::NaiveDate;

use crate::domain::money::{ParseVndError, Vnd};
use crate::domain::qty::{ParseQtyError, Qty};
use crate::domain::stock::AdjustReason;

/// A line's problem, without its line number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LineProblem {
    /// No product has this code or barcode.
    #[error("không có sản phẩm mã \"{0}\"")]
    UnknownProduct(String),
    /// A transfer names a product this point's catalogue lacks.
    #[error("không có sản phẩm mã \"{0}\" trong danh mục của điểm này")]
    UnknownProductHere(String),
    /// A quantity out of range.
    #[error("số lượng {0} không hợp lệ")]
    BadQty(Qty),
    /// A product's quantity out of range.
    #[error("số lượng {qty} của \"{name}\" không hợp lệ")]
    BadQtyOf {
        /// The quantity.
        qty: Qty,
        /// The product's name.
        name: String,
    },
    /// A quantity of zero or below.
    #[error("số lượng {0} phải lớn hơn 0")]
    QtyNotPositive(Qty),
    /// A quantity of zero or below, or above a line's limit.
    #[error("số lượng {0} phải lớn hơn 0 và không quá 100.000")]
    QtyOutOfRange(Qty),
    /// A typed quantity that is not one.
    #[error("{0}")]
    QtyText(ParseQtyError),
    /// A fraction of a product received by the piece.
    #[error("\"{0}\" chỉ nhận số nguyên")]
    WholeOnly(String),
    /// A fraction of a product adjusted by the piece.
    #[error("\"{0}\" chỉ điều chỉnh theo số nguyên")]
    AdjustWholeOnly(String),
    /// A unit cost out of range.
    #[error("đơn giá {0} không hợp lệ")]
    BadCost(Vnd),
    /// A unit cost that is not an amount.
    #[error("đơn giá \"{text}\": {error}")]
    CostText {
        /// What the file holds.
        text: String,
        /// Why it is not an amount.
        error: ParseVndError,
    },
    /// The product belongs to another producer.
    #[error("\"{name}\" không phải sản phẩm của nhà sản xuất {producer}")]
    NotProducers {
        /// The product's name.
        name: String,
        /// The delivering producer's code.
        producer: String,
    },
    /// Food, drink or herbal goods without a lot number.
    #[error("\"{0}\" là thực phẩm/đồ uống/dược liệu: cần số lô")]
    NeedsLotNo(String),
    /// Food, drink or herbal goods without an expiry date.
    #[error("\"{0}\" là thực phẩm/đồ uống/dược liệu: cần hạn sử dụng")]
    NeedsExpiry(String),
    /// A lot received already expired.
    #[error("lô {lot_no} của \"{name}\" đã hết hạn ngày {}", expiry.format("%d/%m/%Y"))]
    Expired {
        /// The lot number.
        lot_no: String,
        /// The product's name.
        name: String,
        /// Its expiry date.
        expiry: NaiveDate,
    },
    /// A lot number longer than 40 characters.
    #[error("số lô dài quá 40 ký tự")]
    LotNoTooLong,
    /// An expiry that is not a date.
    #[error("hạn sử dụng \"{0}\" không phải ngày (ví dụ 30/06/2027)")]
    BadDate(String),
    /// An adjustment reason that only removes, with a quantity that adds.
    #[error(
        "lý do \"{}\" chỉ làm giảm tồn kho: hãy nhập số âm, hoặc chọn điều chỉnh sai sót",
        .0.label_vi()
    )]
    OnlyRemoves(AdjustReason),
    /// An adjustment names a lot of another product.
    #[error("lô {lot_id} không thuộc \"{name}\"")]
    LotOfOther {
        /// The lot's id.
        lot_id: i64,
        /// The product's name.
        name: String,
    },
    /// A transfer names a lot of another product.
    #[error("lô {lot_id} không thuộc sản phẩm \"{code}\"")]
    LotNotProducts {
        /// The lot's id.
        lot_id: i64,
        /// The product's code.
        code: String,
    },
    /// A return of more consigned goods than are held.
    #[error("chỉ còn {held} \"{name}\" ký gửi của nhà sản xuất {producer}, không trả {qty} được")]
    ConsignedShort {
        /// What is held.
        held: Qty,
        /// The product's name.
        name: String,
        /// The producer's code.
        producer: String,
        /// What was asked.
        qty: Qty,
    },
    /// The receiving file's header has an unknown column.
    #[error("cột lạ \"{name}\"; các cột hợp lệ: {valid}")]
    UnknownColumn {
        /// The column.
        name: String,
        /// The valid columns, comma-separated.
        valid: String,
    },
    /// The header names a column twice.
    #[error("cột \"{0}\" xuất hiện hai lần")]
    DuplicateColumn(String),
    /// The header lacks a required column.
    #[error("thiếu cột bắt buộc \"{0}\"")]
    MissingColumn(&'static str),
    /// A file without a single line of goods.
    #[error("tệp không có dòng hàng nào")]
    NoLines,
    /// A return file's header is not `product,qty`.
    #[error("tiêu đề phải là \"product,qty\"")]
    ReturnHeader,
    /// A return line without a product or a positive quantity.
    #[error("dòng \"{product},{qty}\": cần mã sản phẩm và số lượng lớn hơn 0")]
    ReturnLine {
        /// The product cell.
        product: String,
        /// The quantity cell.
        qty: String,
    },
    /// A receiving line without a product code.
    #[error("thiếu mã sản phẩm")]
    MissingProduct,
    /// A transfer line without a product code.
    #[error("thiếu mã sản phẩm (product_code)")]
    MissingProductCode,
    /// A transfer file's header lacks its two columns.
    #[error("tiêu đề phải có hai cột product_code và qty")]
    TransferHeader,
    /// A CSV record that cannot be read.
    #[error("không đọc được: {0}")]
    Unreadable(String),
    /// Consigned goods from a producer this point's catalogue lacks.
    #[error("hàng ký gửi của nhà sản xuất \"{0}\" chưa có trong danh mục của điểm này")]
    ConsignedUnknownProducer(String),
    /// Consigned goods without a producer.
    #[error("hàng ký gửi thiếu mã nhà sản xuất")]
    ConsignedNoProducer,
    /// A product cannot give what a transfer asks.
    #[error("{code}: {short}")]
    Short {
        /// The product's code.
        code: String,
        /// What is missing.
        short: Shortage,
    },
}

/// Why goods cannot be sent on a transfer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Shortage {
    /// The chosen lot has expired.
    #[error("lô {0} đã hết hạn, không được chuyển đi")]
    LotExpired(String),
    /// The chosen lot holds less.
    #[error("lô {lot_no} chỉ còn {left}, không đủ {qty} để chuyển")]
    Lot {
        /// The lot number.
        lot_no: String,
        /// What it holds.
        left: Qty,
        /// What was asked.
        qty: Qty,
    },
    /// The product (kept without lots) holds less.
    #[error("chỉ còn {left}, không đủ {qty} để chuyển")]
    OnHand {
        /// What is on hand.
        left: Qty,
        /// What was asked.
        qty: Qty,
    },
    /// Unexpired lots hold less.
    #[error(
        "chỉ còn {fresh} còn hạn, không đủ {qty} để chuyển{}",
        expired_note(*.expired)
    )]
    Fresh {
        /// What unexpired lots hold.
        fresh: Qty,
        /// What was asked.
        qty: Qty,
        /// What expired lots hold (not sent).
        expired: Qty,
    },
}

fn expired_note(expired: Qty) -> String {
    if expired.0 > 0 {
        format!(" ({expired} đã hết hạn không được chuyển đi)")
    } else {
        String::new()
    }
}
