//! The XLSX workbook: one worksheet with the title, bold headers and typed cells.

use rust_xlsxwriter::{Format, Workbook};

use super::{Cell, Error, Table, qty_decimal};

/// Rows a worksheet holds (Excel's limit), less the title and header rows.
const MAX_ROWS: usize = 1_048_576 - 2;
/// Excel's limit on a sheet name.
const SHEET_NAME_CHARS: usize = 31;

/// A sheet name Excel accepts: no `[]:*?/\`, at most 31 characters (whole words of the title when
/// they fit), not empty.
fn sheet_name(title: &str) -> String {
    let clean: String = title
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .collect();
    let mut name = String::new();
    for word in clean.split_whitespace() {
        let len = name.chars().count() + usize::from(!name.is_empty()) + word.chars().count();
        if len > SHEET_NAME_CHARS {
            break;
        }
        if !name.is_empty() {
            name.push(' ');
        }
        name.push_str(word);
    }
    if name.is_empty() {
        name = clean.chars().take(SHEET_NAME_CHARS).collect();
    }
    let name = name.trim().trim_matches('\'').trim();
    if name.is_empty() {
        "Bảng".to_owned()
    } else {
        name.to_owned()
    }
}

/// Characters a cell takes on screen, to size its column.
fn shown_chars(cell: &Cell) -> usize {
    match cell {
        Cell::Empty => 0,
        Cell::Text(text) => text.chars().count(),
        Cell::Integer(n) => n.to_string().len(),
        Cell::Money(amount) => amount.grouped().len(),
        Cell::Qty(qty) => qty_decimal(*qty).len(),
    }
}

/// Builds the workbook, calling `progress` with the rows put in the sheet so far after each row.
pub(super) fn build(table: &Table, progress: &mut dyn FnMut(usize)) -> Result<Vec<u8>, Error> {
    if table.rows.len() > MAX_ROWS {
        return Err(Error::TooManyRows(table.rows.len()));
    }
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name(&table.title))?;
    let title = Format::new().set_bold().set_font_size(14);
    let header = Format::new().set_bold().set_text_wrap();
    let money = Format::new().set_num_format("#,##0");
    sheet.write_string_with_format(0, 0, &table.title, &title)?;
    let mut widths: Vec<usize> = table
        .columns
        .iter()
        .map(|c| c.header.chars().count())
        .collect();
    for (col, column) in (0_u16..).zip(&table.columns) {
        sheet.write_string_with_format(1, col, &column.header, &header)?;
    }
    for (done, (row, cells)) in (1_usize..).zip((2_u32..).zip(&table.rows)) {
        for ((col, cell), width) in (0_u16..).zip(cells).zip(widths.iter_mut()) {
            *width = (*width).max(shown_chars(cell));
            match cell {
                Cell::Empty => {}
                Cell::Text(text) => {
                    sheet.write_string(row, col, text)?;
                }
                // Amounts within ±10^15 are exact as doubles; the till's limit is 10^12.
                Cell::Integer(n) => {
                    sheet.write_number(row, col, *n as f64)?;
                }
                Cell::Money(amount) => {
                    sheet.write_number_with_format(row, col, amount.0 as f64, &money)?;
                }
                // The decimal text parses to the double nearest to the exact quantity, which is
                // what Excel would store for the same typed number.
                Cell::Qty(qty) => {
                    let number: f64 = qty_decimal(*qty).parse().unwrap_or_default();
                    sheet.write_number(row, col, number)?;
                }
            }
        }
        progress(done);
    }
    for (col, width) in (0_u16..).zip(&widths) {
        let chars = u16::try_from((*width).clamp(6, 60)).unwrap_or(60);
        sheet.set_column_width(col, chars + 2)?;
    }
    sheet.set_freeze_panes(2, 0)?;
    Ok(workbook.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_drop_what_excel_refuses() {
        assert_eq!(
            sheet_name("Doanh thu theo sản phẩm 01/11/2026 – 30/11/2026"),
            "Doanh thu theo sản phẩm"
        );
        assert_eq!(sheet_name("Tồn kho [a:b]"), "Tồn kho ab");
        assert_eq!(sheet_name("[]"), "Bảng");
        assert_eq!(
            sheet_name(&"Tồn kho ".repeat(10)),
            "Tồn kho Tồn kho Tồn kho Tồn kho"
        );
        assert_eq!(sheet_name(&"x".repeat(40)), "x".repeat(31));
    }
}
