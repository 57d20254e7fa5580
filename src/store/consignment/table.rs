//! A consignment statement as a table for printing and spreadsheets, with its totals row.

use super::Statement;
use crate::export::{Cell, Column, Table};

impl Statement {
    /// The statement as a table: one row per product and agreed price, then the total owed.
    pub fn table(&self) -> Table {
        let columns = [
            ("product", "Mã sản phẩm"),
            ("name", "Tên sản phẩm"),
            ("unit", "ĐVT"),
            ("unit_price_vnd", "Giá thỏa thuận"),
            ("opening_milli", "Tồn đầu kỳ"),
            ("received_milli", "Nhận ký gửi"),
            ("sold_milli", "Đã bán (trừ trả lại)"),
            ("returned_milli", "Trả nhà sản xuất"),
            ("shrinkage_milli", "Hao hụt"),
            ("transferred_milli", "Chuyển điểm khác"),
            ("closing_milli", "Tồn cuối kỳ"),
            ("amount_vnd", "Thành tiền phải trả"),
        ]
        .into_iter()
        .map(|(key, header)| Column::new(key, header))
        .collect();
        let mut rows: Vec<Vec<Cell>> = self
            .lines
            .iter()
            .map(|l| {
                vec![
                    l.product_code.clone().into(),
                    l.name.clone().into(),
                    l.unit.clone().into(),
                    l.unit_price.into(),
                    l.opening.into(),
                    l.received.into(),
                    l.sold.into(),
                    l.returned.into(),
                    l.shrinkage.into(),
                    l.transferred.into(),
                    l.closing.into(),
                    l.amount.into(),
                ]
            })
            .collect();
        let mut total = vec![Cell::from("Tổng cộng")];
        total.extend(std::iter::repeat_n(Cell::Empty, 10));
        total.push(self.total.into());
        rows.push(total);
        Table {
            title: format!(
                "Bảng kê hàng ký gửi {} – {} từ {} đến {}",
                self.producer_code,
                self.producer_name,
                self.from.format("%d/%m/%Y"),
                self.to.format("%d/%m/%Y")
            ),
            columns,
            rows,
        }
    }
}
