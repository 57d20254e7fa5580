//! Why a catalogue row (or one of its cells) was refused. Each problem is a variant, so the window
//! can say it in the chosen language; `Display` is the Vietnamese of the command line and logs.

use crate::domain::barcode;

/// Which text a code or label check was about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// `code`.
    ProductCode,
    /// `producer_code`.
    ProducerCode,
    /// `name`.
    ProductName,
    /// `unit`.
    Unit,
    /// `producer_name`.
    ProducerName,
    /// `ocop_group`.
    Group,
    /// `ocop_stars`.
    Stars,
}

impl What {
    /// The Vietnamese words for it.
    pub fn label_vi(self) -> &'static str {
        match self {
            What::ProductCode => "mã sản phẩm",
            What::ProducerCode => "mã nhà sản xuất",
            What::ProductName => "tên sản phẩm",
            What::Unit => "đơn vị tính",
            What::ProducerName => "tên nhà sản xuất",
            What::Group => "nhóm OCOP",
            What::Stars => "số sao",
        }
    }
}

impl std::fmt::Display for What {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label_vi())
    }
}

/// One problem of a catalogue row.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RowProblem {
    /// A required cell is empty.
    #[error("thiếu {0}")]
    Missing(What),
    /// A code written in lower case.
    #[error("{what} phải viết hoa: \"{upper}\"")]
    NotUpper {
        /// Which code.
        what: What,
        /// How it should be written.
        upper: String,
    },
    /// A code with characters a code may not have.
    #[error("{what} \"{text}\" chỉ được gồm 1–32 chữ in hoa không dấu, chữ số, '-', '_' hoặc '.'")]
    BadCode {
        /// Which code.
        what: What,
        /// What the file holds.
        text: String,
    },
    /// A text longer than allowed.
    #[error("{what} dài quá {max} ký tự")]
    TooLong {
        /// Which text.
        what: What,
        /// The limit.
        max: usize,
    },
    /// A text with a line break or control character.
    #[error("{0} chứa ký tự xuống dòng hoặc ký tự điều khiển")]
    ControlChars(What),
    /// A price that is not whole đồng (`separators`: it had '.' or ',').
    #[error("giá phải là số nguyên đồng không âm{}", if *.separators { ", viết liền không dấu chấm hay phẩy (ví dụ 125000)" } else { "" })]
    BadPrice {
        /// Whether the cell had thousands separators.
        separators: bool,
    },
    /// A price above the limit.
    #[error("giá vượt quá {0} đồng")]
    PriceTooLarge(u64),
    /// A VAT rate that is not basis points 0–10000.
    #[error("thuế suất phải là số nguyên điểm cơ bản từ 0 đến 10000 (800 = 8%)")]
    BadRate,
    /// A date not written YYYY-MM-DD.
    #[error("ngày \"{0}\" phải có dạng YYYY-MM-DD, ví dụ 2026-12-31")]
    BadDate(String),
    /// A yes/no cell that is neither.
    #[error("\"{0}\" phải là 0 hoặc 1 (hoặc có/không)")]
    BadFlag(String),
    /// An OCOP group or star level out of range.
    #[error("{what} \"{text}\" không hợp lệ, phải từ {} hoặc để trống", if *.what == What::Stars { "3 đến 5" } else { "1 đến 6" })]
    OutOfRange {
        /// Group or stars.
        what: What,
        /// What the file holds.
        text: String,
    },
    /// A scale item number out of range.
    #[error("mã hàng cân phải là số nguyên từ 1 đến {0}")]
    BadPlu(u64),
    /// `vat_until` without `vat_after_bp`.
    #[error("có vat_until thì phải có vat_after_bp (thuế suất từ ngày hôm sau)")]
    VatAfterMissing,
    /// `vat_after_bp` without `vat_until`.
    #[error("có vat_after_bp thì phải có vat_until (ngày cuối áp dụng vat_bp)")]
    VatUntilMissing,
    /// A certificate number without its date.
    #[error("có số quyết định OCOP thì phải có ngày quyết định")]
    CertDateMissing,
    /// A certificate number too long or with control characters.
    #[error("số quyết định quá dài hoặc chứa ký tự điều khiển")]
    BadCertNo,
    /// Producer details without the producer's code.
    #[error("thiếu mã nhà sản xuất cho các cột producer_…")]
    ProducerCodeMissing,
    /// A producer kind that is not one.
    #[error("loại chủ thể \"{text}\" không hợp lệ; dùng {valid}")]
    BadKind {
        /// What the file holds.
        text: String,
        /// The kinds, comma-separated.
        valid: String,
    },
    /// A commune code that is not 5 digits.
    #[error("mã xã \"{0}\" phải có 5 chữ số")]
    BadCommune(String),
    /// A tax code of the wrong form.
    #[error("mã số thuế \"{0}\" phải có 10, 12 hoặc 13 chữ số (hoặc dạng 0123456789-001)")]
    BadTaxCode(String),
    /// A barcode that is not one.
    #[error("{0}")]
    Barcode(barcode::Error),
    /// The same barcode twice on one row.
    #[error("mã vạch {0} lặp lại trong cùng dòng")]
    BarcodeRepeated(String),
    /// A row whose number of fields differs from the header's.
    #[error(
        "dòng có {fields} trường nhưng tiêu đề có {columns} cột (thiếu hoặc thừa dấu phân cách)"
    )]
    FieldCount {
        /// Fields in the row.
        fields: usize,
        /// Columns in the header.
        columns: usize,
    },
    /// A product code on two rows.
    #[error("mã sản phẩm {code} trùng với dòng {first}")]
    DuplicateCode {
        /// The code.
        code: String,
        /// The first row with it.
        first: u64,
    },
    /// A barcode on two rows.
    #[error("mã vạch {code} trùng ở dòng {first} và dòng {line}")]
    BarcodeTwice {
        /// The barcode.
        code: String,
        /// The first row with it.
        first: u64,
        /// This row.
        line: u64,
    },
    /// A barcode of a product the file does not declare again.
    #[error(
        "mã vạch {code} đã thuộc sản phẩm {holder} trong danh mục (tệp không khai báo lại sản phẩm này)"
    )]
    BarcodeTaken {
        /// The barcode.
        code: String,
        /// The product that has it.
        holder: String,
    },
    /// A scale item number on two rows.
    #[error("mã hàng cân {plu} trùng ở dòng {first} và dòng {line}")]
    PluTwice {
        /// The item number.
        plu: u32,
        /// The first row with it.
        first: u64,
        /// This row.
        line: u64,
    },
    /// A scale item number of a product the file does not declare again.
    #[error(
        "mã hàng cân {plu} đã thuộc sản phẩm {holder} trong danh mục (tệp không khai báo lại sản phẩm này)"
    )]
    PluTaken {
        /// The item number.
        plu: u32,
        /// The product that has it.
        holder: String,
    },
    /// A producer declared differently on two rows.
    #[error("nhà sản xuất {code} đã được khai báo khác ở dòng {first}")]
    ProducerDiffers {
        /// The producer's code.
        code: String,
        /// The first row declaring it.
        first: u64,
    },
    /// A producer code neither in the file's details nor in the catalogue.
    #[error(
        "không có nhà sản xuất {0}: hãy điền producer_name và producer_kind ở ít nhất một dòng"
    )]
    UnknownProducer(String),
}
