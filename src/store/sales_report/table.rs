//! A sales report as an export table: key and label columns named for the breakdown, then the
//! figures, then the totals row.

use super::{By, Row, SalesReport};
use crate::export::{Cell, Column, Table};

/// Headers of the key and label columns.
fn key_headers(by: By) -> (&'static str, &'static str) {
    match by {
        By::Day => ("Ngày", "Thứ"),
        By::Product => ("Mã sản phẩm", "Tên sản phẩm"),
        By::Producer => ("Mã nhà sản xuất", "Nhà sản xuất"),
        By::Group => ("Nhóm OCOP", "Tên nhóm"),
        By::Stars => ("Hạng sao", "Diễn giải"),
        By::Method => ("Mã phương thức", "Phương thức thanh toán"),
        By::Clerk => ("Tên đăng nhập", "Thu ngân"),
        By::Hour => ("Giờ", "Khung giờ"),
    }
}

fn figures(row: &Row, with_qty: bool) -> Vec<Cell> {
    let mut cells = vec![
        Cell::Integer(i64::from(row.receipts)),
        Cell::Integer(i64::from(row.refund_receipts)),
    ];
    if with_qty {
        cells.push(row.qty.into());
    }
    cells.extend([
        row.gross.into(),
        row.discount.into(),
        row.refunds.into(),
        row.net.into(),
        row.vat.into(),
    ]);
    cells
}

impl SalesReport {
    /// The report as a table: one row per group, then "Tổng cộng". Only the product breakdown has a
    /// quantity column.
    pub fn table(&self) -> Table {
        let (key, label) = key_headers(self.by);
        let with_qty = self.by == By::Product;
        let mut columns = vec![
            Column::new(self.by.as_str(), key),
            Column::new("label", label),
            Column::new("receipts", "Số HĐ bán"),
            Column::new("refund_receipts", "Số HĐ hoàn"),
        ];
        if with_qty {
            columns.push(Column::new("qty_milli", "Số lượng"));
        }
        columns.extend([
            Column::new("gross_vnd", "Doanh thu gộp"),
            Column::new("discount_vnd", "Chiết khấu"),
            Column::new("refund_vnd", "Hoàn trả"),
            Column::new("net_vnd", "Doanh thu thuần"),
            Column::new("vat_vnd", "Thuế GTGT"),
        ]);
        let mut rows: Vec<Vec<Cell>> = self
            .rows
            .iter()
            .map(|row| {
                let mut cells = vec![row.key.clone().into(), row.label.clone().into()];
                cells.extend(figures(row, with_qty));
                cells
            })
            .collect();
        let mut totals = vec!["Tổng cộng".into(), Cell::Empty];
        totals.extend(figures(&self.totals, with_qty));
        rows.push(totals);
        Table {
            title: format!("Doanh thu theo {} {}", self.by.label_vi(), self.period),
            columns,
            rows,
        }
    }
}
