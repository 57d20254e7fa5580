//! How shift reports and daily summaries read on a terminal.

use std::io::Write;

use anyhow::{Result, bail};
use chrono::{DateTime, FixedOffset};

use ocop_pos::domain::qty::Qty;
use ocop_pos::domain::shift::{ShiftReport, ZReport, difference_vi, z_label};
use ocop_pos::domain::summary::DailySummary;
use ocop_pos::domain::vat::VatRate;

/// A time as the till prints it.
fn when(at: DateTime<FixedOffset>) -> String {
    at.format("%H:%M %d/%m/%Y").to_string()
}

/// The figures an X report shows and a Z report repeats.
pub(super) fn print_figures(out: &mut impl Write, r: &ShiftReport) -> Result<()> {
    writeln!(out, "  Thu ngân:            {}", r.clerk)?;
    writeln!(out, "  Mở ca:               {}", when(r.opened_at))?;
    writeln!(out, "  Số liệu lúc:         {}", when(r.taken_at))?;
    match &r.receipt_range {
        Some((first, last)) => writeln!(
            out,
            "  Hóa đơn bán:         {} ({first} … {last})",
            r.receipts
        )?,
        None => writeln!(out, "  Hóa đơn bán:         0")?,
    }
    writeln!(out, "  Hóa đơn hoàn:        {}", r.refund_receipts)?;
    writeln!(out, "  Doanh thu gộp:       {}", r.gross_vnd)?;
    writeln!(out, "  Chiết khấu:          {}", r.discount_vnd)?;
    writeln!(out, "  Hoàn trả:            {}", r.refund_vnd)?;
    writeln!(out, "  Doanh thu thuần:     {}", r.net_vnd)?;
    writeln!(out, "  Thuế GTGT:           {}", r.vat_vnd)?;
    for rate in &r.vat_by_rate {
        writeln!(
            out,
            "    GTGT {}: {} (thuế {})",
            VatRate(rate.vat_bp),
            rate.net_vnd,
            rate.vat_vnd
        )?;
    }
    writeln!(out, "  Thanh toán:")?;
    for m in &r.payments {
        writeln!(out, "    {}: {}", m.method.label_vi(), m.amount_vnd)?;
    }
    let d = &r.drawer;
    writeln!(out, "  Tiền đầu ca:         {}", d.float_vnd)?;
    writeln!(out, "  Tiền mặt bán hàng:   {}", d.cash_sales_vnd)?;
    writeln!(out, "  Tiền mặt hoàn trả:   {}", d.cash_refunds_vnd)?;
    writeln!(out, "  Nộp vào két:         {}", d.cash_in_vnd)?;
    writeln!(out, "  Rút khỏi két:        {}", d.cash_out_vnd)?;
    for m in &r.cash_moves {
        writeln!(
            out,
            "    {} {} {}: {} ({})",
            m.at.format("%H:%M"),
            m.kind.label_vi(),
            m.amount_vnd,
            m.reason,
            m.user
        )?;
    }
    writeln!(out, "  Tiền mặt trong két theo sổ: {}", r.expected_cash_vnd)?;
    Ok(())
}

/// What an end-of-day close wrote for the hub.
pub(super) fn print_day_close(out: &mut impl Write, z: &ZReport) -> Result<()> {
    if !z.end_of_day {
        return Ok(());
    }
    if z.summaries.is_empty() {
        writeln!(out, "Chốt ngày: không có thay đổi so với lần chốt trước")?;
    }
    for s in &z.summaries {
        writeln!(
            out,
            "Đã chốt ngày {} (bản {}), chờ gửi lên hệ thống tỉnh",
            s.business_date.format("%d/%m/%Y"),
            s.revision
        )?;
    }
    Ok(())
}

/// A kept Z report, reprinted.
pub(super) fn print_z(out: &mut impl Write, z: &ZReport) -> Result<()> {
    writeln!(
        out,
        "BÁO CÁO {} — ca {}, {} (in lại)",
        z_label(z.z_no),
        z.figures.shift_id,
        z.figures.point_code
    )?;
    print_figures(out, &z.figures)?;
    writeln!(
        out,
        "  Đóng ca:             {} bởi {}",
        when(z.closed_at),
        z.closed_by
    )?;
    writeln!(out, "  Tiền mặt đếm được:   {}", z.count.counted)?;
    writeln!(
        out,
        "  Chênh lệch:          {} ({})",
        z.count.difference,
        difference_vi(z.count.difference)
    )?;
    if let Some(manager) = &z.approved_by {
        writeln!(out, "  Quản lý duyệt:       {manager}")?;
    }
    print_day_close(out, z)
}

/// A daily summary with where it stands.
pub(super) fn print_summary(out: &mut impl Write, s: &DailySummary, state: &str) -> Result<()> {
    writeln!(
        out,
        "Tổng hợp ngày {} — {} ({state})",
        s.business_date.format("%d/%m/%Y"),
        s.point_code
    )?;
    writeln!(out, "  Số hóa đơn bán:     {}", s.receipts)?;
    writeln!(out, "  Số hóa đơn hoàn:    {}", s.refund_receipts)?;
    writeln!(out, "  Doanh thu gộp:      {}", s.gross_vnd)?;
    writeln!(out, "  Chiết khấu:         {}", s.discount_vnd)?;
    writeln!(out, "  Hoàn trả:           {}", s.refund_vnd)?;
    writeln!(out, "  Doanh thu thuần:    {}", s.net_vnd)?;
    writeln!(out, "  Thuế GTGT:          {}", s.vat_vnd)?;
    for p in &s.payments {
        writeln!(out, "  {}: {}", p.method.label_vi(), p.amount_vnd)?;
    }
    writeln!(out, "  Sản phẩm: {}", s.lines.len())?;
    for l in &s.lines {
        writeln!(
            out,
            "    {} {} — {} {}: {}",
            l.product_code,
            l.name,
            Qty(l.qty_milli),
            l.unit,
            l.net_vnd
        )?;
    }
    if let Err(problem) = s.verify() {
        bail!("{problem}");
    }
    Ok(())
}
