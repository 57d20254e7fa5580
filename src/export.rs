//! Tables for people and spreadsheets: a title, columns and typed cells, written as CSV, XLSX, JSON or
//! an aligned text table for a terminal.
//!
//! Neutral on purpose: it knows nothing of the till's database, so the provincial hub's exports use it
//! too. Money and quantities stay integers all the way: CSV and JSON carry whole đồng and exact
//! decimals, XLSX stores numbers with a `#,##0` format so Excel sums them.

mod file;
mod json;
mod progress;
mod text;
mod xlsx;

use std::io::Write;
use std::path::PathBuf;

use crate::domain::money::Vnd;
use crate::domain::qty::Qty;

pub use file::write_whole;

/// A column: a stable key for JSON and a Vietnamese header for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Machine name, e.g. `net_vnd` (JSON object keys).
    pub key: String,
    /// Header shown in CSV, XLSX and text, e.g. "Doanh thu thuần".
    pub header: String,
}

impl Column {
    /// A column with its JSON key and its header.
    pub fn new(key: &str, header: &str) -> Column {
        Column {
            key: key.to_owned(),
            header: header.to_owned(),
        }
    }
}

/// One typed cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Nothing (a figure that has no meaning for the row).
    Empty,
    /// Text.
    Text(String),
    /// A count or a number such as an hour.
    Integer(i64),
    /// An amount of đồng.
    Money(Vnd),
    /// A quantity (thousandths of a unit).
    Qty(Qty),
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::Text(text.to_owned())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(text)
    }
}

impl From<Vnd> for Cell {
    fn from(amount: Vnd) -> Cell {
        Cell::Money(amount)
    }
}

impl From<Qty> for Cell {
    fn from(qty: Qty) -> Cell {
        Cell::Qty(qty)
    }
}

impl From<Option<Vnd>> for Cell {
    fn from(amount: Option<Vnd>) -> Cell {
        amount.map_or(Cell::Empty, Cell::Money)
    }
}

impl From<Option<Qty>> for Cell {
    fn from(qty: Option<Qty>) -> Cell {
        qty.map_or(Cell::Empty, Cell::Qty)
    }
}

/// A titled table; every row has one cell per column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// What the table shows, e.g. "Doanh thu theo sản phẩm 01/11/2026 – 30/11/2026".
    pub title: String,
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows.
    pub rows: Vec<Vec<Cell>>,
}

/// The file formats a table can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned text for a terminal.
    Text,
    /// UTF-8 CSV with a byte-order mark, comma separated.
    Csv,
    /// An Excel workbook.
    Xlsx,
    /// JSON: title, columns and rows as objects keyed by column.
    Json,
}

impl std::str::FromStr for Format {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "table" | "text" => Ok(Format::Text),
            "csv" => Ok(Format::Csv),
            "xlsx" => Ok(Format::Xlsx),
            "json" => Ok(Format::Json),
            _ => Err(Error::UnknownFormat(s.trim().to_owned())),
        }
    }
}

/// Why a table could not be written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A row does not have one cell per column.
    #[error("dòng {row} của bảng \"{title}\" có {cells} ô, bảng có {columns} cột")]
    Shape {
        /// The table's title.
        title: String,
        /// The row (1-based).
        row: usize,
        /// Cells in it.
        cells: usize,
        /// Columns of the table.
        columns: usize,
    },
    /// A format name that is not one of table, csv, xlsx, json.
    #[error("định dạng \"{0}\" không hỗ trợ; chọn table, csv, xlsx hoặc json")]
    UnknownFormat(String),
    /// The table is too large for a worksheet.
    #[error("bảng quá lớn cho một trang tính Excel ({0} dòng)")]
    TooManyRows(usize),
    /// Writing failed.
    #[error("không ghi được tệp xuất: {0}")]
    Io(#[from] std::io::Error),
    /// The file could not be written; nothing was left half-written.
    #[error("không ghi được tệp {}: {source}", path.display())]
    File {
        /// The file asked for.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The CSV writer failed.
    #[error("không ghi được tệp CSV: {0}")]
    Csv(#[from] csv::Error),
    /// The XLSX writer failed.
    #[error("không tạo được tệp Excel: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// The JSON writer failed.
    #[error("không ghi được JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// The UTF-8 byte-order mark: without it Excel opens a CSV in the legacy code page and mangles
/// Vietnamese.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

impl Table {
    /// Checks that every row has one cell per column.
    pub fn check_shape(&self) -> Result<(), Error> {
        match self
            .rows
            .iter()
            .enumerate()
            .find(|(_, row)| row.len() != self.columns.len())
        {
            Some((i, row)) => Err(Error::Shape {
                title: self.title.clone(),
                row: i + 1,
                cells: row.len(),
                columns: self.columns.len(),
            }),
            None => Ok(()),
        }
    }

    /// Writes the table in `format` (XLSX is built in memory, then written).
    pub fn write(&self, format: Format, out: &mut impl Write) -> Result<(), Error> {
        match format {
            Format::Text => self.write_text(out),
            Format::Csv => self.write_csv(out),
            Format::Xlsx => Ok(out.write_all(&self.to_xlsx()?)?),
            Format::Json => self.write_json(out),
        }
    }

    /// Writes CSV: a byte-order mark, the header row, then the rows. Money is whole đồng without
    /// separators and quantities use a decimal point (`1.5`), so spreadsheets read them as numbers.
    pub fn write_csv(&self, out: &mut impl Write) -> Result<(), Error> {
        progress::csv(self, out, &mut |_| {})
    }

    /// Builds the XLSX workbook: one sheet, the title in bold, bold headers, money as numbers in
    /// `#,##0`, columns as wide as their contents.
    pub fn to_xlsx(&self) -> Result<Vec<u8>, Error> {
        self.check_shape()?;
        xlsx::build(self, &mut |_| {})
    }

    /// Writes JSON: `{ "title", "columns": [{ "key", "header" }], "rows": [{ key: value }] }` with
    /// money in whole đồng and quantities in thousandths, both as integers.
    pub fn write_json(&self, out: &mut impl Write) -> Result<(), Error> {
        self.check_shape()?;
        json::write(self, out)
    }

    /// Writes an aligned text table for a terminal: the title, headers, and figures right-aligned
    /// with Vietnamese separators (`1.250.000`, `1,5`).
    pub fn write_text(&self, out: &mut impl Write) -> Result<(), Error> {
        self.check_shape()?;
        text::write(self, out)
    }
}

/// A quantity as a plain decimal with a point: `3`, `0.25`, `-1.5`.
pub fn qty_decimal(qty: Qty) -> String {
    let sign = if qty.0 < 0 { "-" } else { "" };
    let abs = qty.0.unsigned_abs();
    let (whole, frac) = (abs / 1000, abs % 1000);
    if frac == 0 {
        format!("{sign}{whole}")
    } else {
        let frac = format!("{frac:03}");
        format!("{sign}{whole}.{}", frac.trim_end_matches('0'))
    }
}

/// A cell as CSV text. Text that a spreadsheet would run as a formula gets a leading apostrophe.
fn csv_field(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(text) => {
            if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                format!("'{text}")
            } else {
                text.clone()
            }
        }
        Cell::Integer(n) => n.to_string(),
        Cell::Money(amount) => amount.0.to_string(),
        Cell::Qty(qty) => qty_decimal(*qty),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        Table {
            title: "Doanh thu".into(),
            columns: vec![
                Column::new("name", "Tên sản phẩm"),
                Column::new("qty_milli", "Số lượng"),
                Column::new("net_vnd", "Doanh thu thuần"),
                Column::new("receipts", "Số hóa đơn"),
            ],
            rows: vec![
                vec![
                    "Nước mắm \"Nam Ô\", chai".into(),
                    Qty(1_500).into(),
                    Vnd(1_250_000).into(),
                    Cell::Integer(3),
                ],
                vec![
                    "=1+1".into(),
                    Qty(-2_000).into(),
                    Vnd(-5).into(),
                    Cell::Empty,
                ],
            ],
        }
    }

    #[test]
    fn csv_has_a_bom_quotes_commas_and_keeps_numbers_plain() {
        let mut out = Vec::new();
        sample().write_csv(&mut out).unwrap();
        let expected = "\u{feff}Tên sản phẩm,Số lượng,Doanh thu thuần,Số hóa đơn\r\n\
                        \"Nước mắm \"\"Nam Ô\"\", chai\",1.5,1250000,3\r\n\
                        '=1+1,-2,-5,\r\n";
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn a_ragged_row_is_refused_before_anything_is_written() {
        let mut table = sample();
        table.rows[1].pop();
        let mut out = Vec::new();
        let err = table.write_csv(&mut out).unwrap_err();
        assert!(out.is_empty());
        assert_eq!(
            err.to_string(),
            "dòng 2 của bảng \"Doanh thu\" có 3 ô, bảng có 4 cột"
        );
    }

    #[test]
    fn formats_parse_by_name() {
        assert_eq!("XLSX".parse::<Format>().unwrap(), Format::Xlsx);
        assert_eq!("table".parse::<Format>().unwrap(), Format::Text);
        assert!(
            "pdf"
                .parse::<Format>()
                .unwrap_err()
                .to_string()
                .contains("pdf")
        );
    }

    #[test]
    fn quantities_print_as_exact_decimals() {
        assert_eq!(qty_decimal(Qty(0)), "0");
        assert_eq!(qty_decimal(Qty(250)), "0.25");
        assert_eq!(qty_decimal(Qty(-1_005)), "-1.005");
        assert_eq!(qty_decimal(Qty(12_000)), "12");
    }

    #[test]
    fn text_aligns_figures_right_with_vietnamese_separators() {
        let mut out = Vec::new();
        sample().write_text(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "Doanh thu",
                "Tên sản phẩm            Số lượng  Doanh thu thuần  Số hóa đơn",
                "----------------------  --------  ---------------  ----------",
                "Nước mắm \"Nam Ô\", chai       1,5        1.250.000           3",
                "=1+1                          -2               -5",
            ]
        );
    }

    #[test]
    fn export_knows_nothing_of_the_store() {
        // The hub reuses this module with its own store.
        let store = concat!("crate::", "store");
        for source in [
            include_str!("export.rs"),
            include_str!("export/file.rs"),
            include_str!("export/json.rs"),
            include_str!("export/progress.rs"),
            include_str!("export/text.rs"),
            include_str!("export/xlsx.rs"),
        ] {
            assert!(!source.contains(store));
            assert!(!source.contains(concat!("rusq", "lite")));
        }
    }

    #[test]
    fn json_keeps_column_order_and_integers() {
        let mut out = Vec::new();
        sample().write_json(&mut out).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(value["title"], "Doanh thu");
        assert_eq!(value["columns"][2]["header"], "Doanh thu thuần");
        assert_eq!(value["rows"][0]["qty_milli"], 1_500);
        assert_eq!(value["rows"][0]["net_vnd"], 1_250_000);
        assert_eq!(value["rows"][1]["receipts"], serde_json::Value::Null);
        let text = String::from_utf8(out).unwrap();
        let name = text.find("\"name\"").unwrap();
        let net = text.find("\"net_vnd\"").unwrap();
        assert!(name < net, "{text}");
    }
}
