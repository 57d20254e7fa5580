//! A producer's consignment statement on receipt paper: per product and agreed price, the period's
//! movements and what is owed, then the total.

use super::{Document, report};
use crate::store::consignment::Statement;
use crate::store::settings::PointProfile;

/// The statement as a report: one heading per line (name and agreed price), its figures, the total.
pub fn consignment_statement(point: &PointProfile, statement: &Statement) -> Document {
    let mut rows: Vec<(String, String)> = vec![
        (
            "Nhà sản xuất".to_owned(),
            format!("{} – {}", statement.producer_code, statement.producer_name),
        ),
        (
            "Kỳ".to_owned(),
            format!(
                "{} – {}",
                statement.from.format("%d/%m/%Y"),
                statement.to.format("%d/%m/%Y")
            ),
        ),
    ];
    for line in &statement.lines {
        rows.push((format!("{} ({})", line.name, line.unit), String::new()));
        let figures = [
            ("Giá thỏa thuận", line.unit_price.to_string()),
            ("Tồn đầu kỳ", line.opening.to_string()),
            ("Nhận ký gửi", line.received.to_string()),
            ("Đã bán (trừ trả lại)", line.sold.to_string()),
            ("Trả nhà sản xuất", line.returned.to_string()),
            ("Hao hụt", line.shrinkage.to_string()),
            ("Chuyển điểm khác", line.transferred.to_string()),
            ("Tồn cuối kỳ", line.closing.to_string()),
            ("Thành tiền", line.amount.to_string()),
        ];
        rows.extend(figures.into_iter().map(|(l, v)| (l.to_owned(), v)));
    }
    rows.push(("TỔNG PHẢI TRẢ".to_owned(), statement.total.to_string()));
    report(point, "BẢNG KÊ HÀNG KÝ GỬI", &rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Vnd;
    use crate::domain::qty::Qty;
    use crate::receipt::document::Block;
    use crate::store::consignment::StatementLine;

    #[test]
    fn the_statement_prints_every_figure_and_the_total() {
        let statement = Statement {
            producer_code: "HTX-DUCHUY".into(),
            producer_name: "HTX Dược liệu Đức Huy".into(),
            from: "2026-11-01".parse().unwrap(),
            to: "2026-11-30".parse().unwrap(),
            lines: vec![StatementLine {
                product_code: "DS-CAO".into(),
                name: "Cao đảng sâm".into(),
                unit: "lọ".into(),
                unit_price: Vnd(300_000),
                opening: Qty::units(0),
                received: Qty::units(10),
                sold: Qty::units(3),
                returned: Qty::units(0),
                shrinkage: Qty::units(0),
                transferred: Qty::units(0),
                closing: Qty::units(7),
                amount: Vnd(900_000),
            }],
            total: Vnd(900_000),
        };
        let doc = consignment_statement(&PointProfile::default(), &statement);
        let text = format!("{:?}", doc.blocks);
        for wanted in [
            "BẢNG KÊ HÀNG KÝ GỬI",
            "01/11/2026 – 30/11/2026",
            "Cao đảng sâm (lọ)",
            "Tồn cuối kỳ",
            "TỔNG PHẢI TRẢ",
            "900.000",
        ] {
            assert!(text.contains(wanted), "{wanted} missing in {text}");
        }
        assert!(doc.blocks.iter().any(|b| matches!(b, Block::Pair { .. })));
    }
}
