//! The printer, hub and scanner section of the settings on screen.

use iced::widget::{Column, button, column, container, row, text, text_input};
use iced::{Center, Font};

use super::Msg;
use super::devices::DevicesMsg;
use super::view::{choices, devices, field};
use crate::gui::app::App;
use crate::gui::i18n::Lang;
use crate::receipt::drawer::Pin;
use crate::receipt::{Encoding, Width};

/// The printer (with its status and the receipt preview), the hub (with the sync status) and the
/// scanner test.
pub(super) fn devices_section<'a>(app: &'a App, mut page: Column<'a, Msg>) -> Column<'a, Msg> {
    let lang = app.lang;
    let vi = lang == Lang::Vi;
    let t = |v: &'static str, e: &'static str| if vi { v } else { e };
    let s = &app.office.settings;
    // The printer.
    let f = &s.devices;
    page = page.push(text(t("Máy in hóa đơn", "Receipt printer")).size(20));
    page = page.push(field(
        t("Địa chỉ máy in", "Printer address"),
        &f.address,
        |v| devices(DevicesMsg::Address(v)),
    ));
    page = page.push(choices(
        t("Khổ giấy", "Paper width"),
        vec![(Width::Mm58, "58 mm"), (Width::Mm80, "80 mm")],
        Some(f.width),
        |w| devices(DevicesMsg::Width(w)),
    ));
    page = page.push(choices(
        t("Cách in chữ", "Encoder"),
        vec![
            (
                Encoding::Raster,
                t("Ảnh (mọi máy in)", "Raster (any printer)"),
            ),
            (Encoding::Wpc1258, "Windows-1258"),
            (Encoding::Tcvn3, "TCVN-3"),
            (Encoding::Ascii, t("Không dấu", "ASCII")),
        ],
        Some(f.encoder),
        |e| devices(DevicesMsg::Encoder(e)),
    ));
    page = page.push(field(
        t("Trang mã Windows-1258", "Windows-1258 code page"),
        &f.code_page,
        |v| devices(DevicesMsg::CodePage(v)),
    ));
    page = page.push(choices(
        t("Chân ngăn kéo tiền", "Drawer pin"),
        vec![(Pin::Two, "2"), (Pin::Five, "5")],
        Some(f.drawer_pin),
        |p| devices(DevicesMsg::DrawerPin(p)),
    ));
    let status = match &app.printer_state {
        None => t(
            "Máy in: chưa chạy trong cửa sổ này",
            "Printer: not running in this window",
        )
        .to_owned(),
        Some(state) => {
            let mut line = if vi {
                format!(
                    "Máy in: đã in {}, đang chờ {}",
                    state.printed, state.pending
                )
            } else {
                format!(
                    "Printer: {} printed, {} waiting",
                    state.printed, state.pending
                )
            };
            if let Some(e) = &state.error {
                line.push_str(&format!("; {}: {e}", t("lỗi", "error")));
            }
            line
        }
    };
    page = page.push(
        row![
            text(status).size(15),
            button(text(t("Cập nhật", "Update")).size(14))
                .style(button::secondary)
                .on_press(devices(DevicesMsg::Poll)),
        ]
        .spacing(8)
        .align_y(Center),
    );

    page = page.push(
        button(text(t("Xem trước hóa đơn", "Receipt preview")))
            .style(button::secondary)
            .on_press(devices(DevicesMsg::Preview)),
    );
    if !s.preview.is_empty() {
        let mut paper = column![].spacing(0);
        for line in &s.preview {
            paper = paper.push(text(line.as_str()).font(Font::MONOSPACE).size(13));
        }
        page = page.push(container(paper).padding(8).style(container::bordered_box));
    }

    // The hub.
    page = page.push(text(t("Máy chủ tỉnh", "Provincial hub")).size(20));
    page = page.push(field(
        t("Địa chỉ máy chủ", "Hub address"),
        &f.hub_url,
        |v| devices(DevicesMsg::HubUrl(v)),
    ));
    page = page.push(
        row![
            text(t("Mã truy cập", "Token")).size(15).width(220),
            text_input(t("Mã truy cập", "Token"), &f.token)
                .on_input(|v| devices(DevicesMsg::Token(v)))
                .secure(true)
                .padding(6)
                .width(420),
        ]
        .spacing(8)
        .align_y(Center),
    );
    let sync = &s.sync;
    let mut sync_line = if vi {
        format!("Chờ gửi: {} ngày", sync.waiting)
    } else {
        format!("Waiting: {} days", sync.waiting)
    };
    if let Some(oldest) = &sync.oldest_waiting {
        sync_line.push_str(&format!(" ({} {oldest})", t("từ", "since")));
    }
    sync_line.push_str(&format!(
        "; {}: {}",
        t("gửi lần cuối", "last push"),
        sync.last_delivered_at.as_deref().map_or_else(
            || "—".to_owned(),
            |at| chrono::DateTime::parse_from_rfc3339(at).map_or_else(
                |_| at.to_owned(),
                |t| t.format("%H:%M %d/%m/%Y").to_string()
            )
        )
    ));
    let pusher_error = app.pusher.as_ref().and_then(|p| p.state().error);
    if let Some(e) = pusher_error.as_ref().or(sync.last_error.as_ref()) {
        sync_line.push_str(&format!("; {}: {e}", t("lỗi", "error")));
    }
    page = page.push(text(sync_line).size(15));
    page = page.push(
        row![
            button(text(t("Lưu cài đặt thiết bị", "Save device settings")))
                .on_press(devices(DevicesMsg::Save)),
            button(text(t("In thử", "Test print"))).on_press(devices(DevicesMsg::TestPrint)),
            button(text(t("Gửi ngay", "Push now"))).on_press(devices(DevicesMsg::PushNow)),
            button(text(t("Cập nhật trạng thái", "Refresh status")))
                .style(button::secondary)
                .on_press(devices(DevicesMsg::Poll)),
        ]
        .spacing(8),
    );

    // The scanner test and the language.
    page = page.push(text(t("Thử máy quét", "Scanner test")).size(20));
    page = page.push(
        text(t(
            "Quét một mã vạch (hoặc gõ phím) khi đang ở trang này: mỗi lần quét hiện ở đây",
            "Scan a barcode (or type) while this page is shown: each scan shows here",
        ))
        .size(14),
    );
    for seen in &s.scans {
        let kind = if seen.scanned {
            t("Quét", "Scan")
        } else {
            t("Gõ tay", "Typed")
        };
        let gap = seen
            .gap_ms
            .map(|ms| format!("+{ms} ms"))
            .unwrap_or_default();
        page = page.push(
            row![
                text(format!("{kind}: {}", seen.text)).size(15),
                text(gap).size(13),
            ]
            .spacing(8),
        );
    }

    page
}
