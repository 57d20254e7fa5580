//! The X and Z reports as printed: the figures of `shift x` and `shift z` as label/value rows.

use chrono::{DateTime, FixedOffset};

use super::{Document, report};
use crate::domain::shift::{ShiftReport, ZReport, difference_vi, z_label};
use crate::domain::vat::VatRate;
use crate::store::settings::PointProfile;

fn when(at: DateTime<FixedOffset>) -> String {
    at.format("%H:%M %d/%m/%Y").to_string()
}

fn row(label: impl Into<String>, value: impl Into<String>) -> (String, String) {
    (label.into(), value.into())
}

fn figures(r: &ShiftReport) -> Vec<(String, String)> {
    let mut rows = vec![
        row("Điểm bán", r.point_code.as_str()),
        row("Ca số", r.shift_id.to_string()),
        row("Thu ngân", r.clerk.as_str()),
        row("Mở ca", when(r.opened_at)),
        row("Số liệu lúc", when(r.taken_at)),
        row("Hóa đơn bán", r.receipts.to_string()),
    ];
    if let Some((first, last)) = &r.receipt_range {
        rows.push(row("Từ số", first.as_str()));
        rows.push(row("Đến số", last.as_str()));
    }
    rows.extend([
        row("Hóa đơn hoàn", r.refund_receipts.to_string()),
        row("Doanh thu", ""),
        row("Doanh thu gộp", r.gross_vnd.grouped()),
        row("Chiết khấu", r.discount_vnd.grouped()),
        row("Hoàn trả", r.refund_vnd.grouped()),
        row("Doanh thu thuần", r.net_vnd.grouped()),
        row("Thuế GTGT", r.vat_vnd.grouped()),
    ]);
    for rate in &r.vat_by_rate {
        rows.push(row(
            format!(
                "GTGT {} trên {}",
                VatRate(rate.vat_bp),
                rate.net_vnd.grouped()
            ),
            rate.vat_vnd.grouped(),
        ));
    }
    rows.push(row("Thanh toán", ""));
    for m in &r.payments {
        rows.push(row(m.method.label_vi(), m.amount_vnd.grouped()));
    }
    let d = &r.drawer;
    rows.extend([
        row("Két tiền mặt", ""),
        row("Tiền đầu ca", d.float_vnd.grouped()),
        row("Tiền mặt bán hàng", d.cash_sales_vnd.grouped()),
        row("Tiền mặt hoàn trả", d.cash_refunds_vnd.grouped()),
        row("Nộp vào két", d.cash_in_vnd.grouped()),
        row("Rút khỏi két", d.cash_out_vnd.grouped()),
    ]);
    for m in &r.cash_moves {
        rows.push(row(
            format!(
                "{} {}: {}",
                m.at.format("%H:%M"),
                m.kind.label_vi(),
                m.reason
            ),
            m.amount_vnd.grouped(),
        ));
    }
    rows.push(row("Tiền mặt theo sổ", r.expected_cash_vnd.grouped()));
    rows
}

/// The X report: the open shift's figures at the time they were taken.
pub fn x_report(point: &PointProfile, shift: &ShiftReport) -> Document {
    report(point, "BÁO CÁO X (GIỮA CA)", &figures(shift))
}

/// A Z report: the closed shift's figures, the blind count and its difference.
pub fn z_report(point: &PointProfile, z: &ZReport) -> Document {
    let mut rows = figures(&z.figures);
    rows.extend([
        row("Đóng ca", ""),
        row("Đóng lúc", when(z.closed_at)),
        row("Người đóng ca", z.closed_by.as_str()),
        row("Tiền mặt đếm được", z.count.counted.grouped()),
        row("Chênh lệch", difference_vi(z.count.difference)),
    ]);
    if let Some(manager) = &z.approved_by {
        rows.push(row("Quản lý duyệt", manager.as_str()));
    }
    report(
        point,
        &format!("BÁO CÁO {} (CUỐI CA)", z_label(z.z_no)),
        &rows,
    )
}
