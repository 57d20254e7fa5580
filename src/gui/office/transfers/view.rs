//! What the Transfers tab draws: sending, receiving (a file or a delivery note typed by hand) and
//! the goods in transit.

use iced::widget::{Column, button, row, scrollable, text, text_input};
use iced::{Element, Fill};

use super::{Msg, State};
use crate::gui::app::App;
use crate::gui::i18n::Lang;
use crate::gui::office::stock::{PAGE, w};

/// The tab.
pub fn view(app: &App) -> Element<'_, Msg> {
    let lang = app.lang;
    let s = &app.office.transfers;
    let col = Column::new()
        .spacing(8)
        .push(text(w(lang, "Chuyển kho", "Transfers")).size(24))
        .push(out(lang, s))
        .push(incoming(lang, s))
        .push(transit(lang, s));
    scrollable(col).height(Fill).into()
}

/// A button that looks chosen when `on`.
fn choice<'a>(label: &'a str, on: bool, msg: Msg) -> Element<'a, Msg> {
    let b = button(text(label).size(14)).padding([4, 8]).on_press(msg);
    if on {
        b.style(button::primary).into()
    } else {
        b.style(button::secondary).into()
    }
}

fn out<'a>(lang: Lang, s: &'a State) -> Element<'a, Msg> {
    let mut col = Column::new().spacing(6);
    col = col.push(text(w(lang, "Xuất chuyển kho", "Send goods")).size(18));
    col = col.push(
        text_input(
            w(
                lang,
                "Mã điểm nhận, ví dụ DN-HOIAN-02",
                "Receiving point, e.g. DN-HOIAN-02",
            ),
            &s.to,
        )
        .on_input(Msg::To)
        .width(360),
    );
    col = col.push(
        row![
            text_input(
                w(lang, "Mã sản phẩm hoặc mã vạch", "Product code or barcode"),
                &s.code
            )
            .on_input(Msg::Code)
            .width(280),
            text_input(w(lang, "Số lượng", "Quantity"), &s.qty)
                .on_input(Msg::Qty)
                .on_submit(Msg::Add)
                .width(140),
            button(text(w(lang, "Thêm dòng", "Add line"))).on_press(Msg::Add),
        ]
        .spacing(6),
    );
    for (i, item) in s.items.iter().enumerate() {
        col = col.push(
            row![
                text(format!(
                    "{} · {} · {} {}",
                    item.code, item.name, item.qty, item.unit
                ))
                .width(Fill),
                button(text(w(lang, "Bỏ", "Remove")).size(14)).on_press(Msg::Remove(i)),
            ]
            .spacing(6),
        );
        if item.choices.is_empty() {
            col = col.push(text(w(lang, "    không theo lô", "    no lots")));
            continue;
        }
        let mut lots = row![choice(
            w(lang, "Lô hạn gần nhất trước", "Earliest expiry first"),
            item.lot.is_none(),
            Msg::PickLot(i, None)
        )]
        .spacing(6);
        for (id, label) in &item.choices {
            lots = lots.push(choice(
                label,
                item.lot == Some(*id),
                Msg::PickLot(i, Some(*id)),
            ));
        }
        col = col.push(lots);
    }
    col = col.push(
        button(text(w(
            lang,
            "Gửi đi (ghi sổ và ghi tệp)",
            "Send (post and write the file)",
        )))
        .style(button::primary)
        .on_press(Msg::Send),
    );
    if let Some((code, written)) = &s.sent {
        col = col.push(
            text(format!(
                "{}: {code}",
                w(lang, "Mã chuyển kho", "Transfer code")
            ))
            .size(18),
        );
        col = col.push(text(match written {
            Ok(path) => format!("{}: {}", w(lang, "Tệp", "File"), path.display()),
            Err(why) => format!(
                "{}: {why}",
                w(lang, "Chưa ghi được tệp", "File not written")
            ),
        }));
    }
    col.into()
}

fn incoming<'a>(lang: Lang, s: &'a State) -> Element<'a, Msg> {
    let mut col = Column::new().spacing(6);
    col = col.push(text(w(lang, "Nhận chuyển kho", "Receive goods")).size(18));
    col = col.push(
        row![
            text_input(
                w(
                    lang,
                    "Đường dẫn tệp chuyển kho (.json)",
                    "Path of the transfer file (.json)"
                ),
                &s.path
            )
            .on_input(Msg::Path)
            .on_submit(Msg::Import)
            .width(480),
            button(text(w(lang, "Nhận từ tệp", "Receive the file"))).on_press(Msg::Import),
        ]
        .spacing(6),
    );
    col = col.push(text(w(
        lang,
        "Hoặc nhập tay theo phiếu giao hàng của điểm gửi:",
        "Or type it from the sender's delivery note:",
    )));
    col = col.push(
        text_input(
            w(
                lang,
                "Mã chuyển kho, ví dụ DN-HOIAN-01-XC-000003",
                "Transfer code, e.g. DN-HOIAN-01-XC-000003",
            ),
            &s.hand_code,
        )
        .on_input(Msg::HandCode)
        .width(420),
    );
    col = col.push(
        row![
            text_input(w(lang, "Mã sản phẩm", "Product code"), &s.hand_product)
                .on_input(Msg::HandProduct)
                .width(280),
            text_input(w(lang, "Số lượng nhận", "Quantity received"), &s.hand_qty)
                .on_input(Msg::HandQty)
                .on_submit(Msg::HandAdd)
                .width(160),
            button(text(w(lang, "Thêm dòng nhận", "Add received line"))).on_press(Msg::HandAdd),
        ]
        .spacing(6),
    );
    for (i, (code, qty)) in s.hand_lines.iter().enumerate() {
        col = col.push(
            row![
                text(format!("{code} · {qty}")).width(Fill),
                button(text(w(lang, "Bỏ", "Remove")).size(14)).on_press(Msg::HandRemove(i)),
            ]
            .spacing(6),
        );
    }
    col = col.push(
        button(text(w(
            lang,
            "Nhận hàng nhập tay",
            "Receive the typed lines",
        )))
        .on_press(Msg::HandReceive),
    );
    col.into()
}

fn transit<'a>(lang: Lang, s: &'a State) -> Element<'a, Msg> {
    let mut col = Column::new().spacing(6);
    col = col.push(text(w(lang, "Hàng đang chuyển", "In transit")).size(18));
    if s.transit.is_empty() {
        col = col.push(text(w(
            lang,
            "Không có hàng đang chuyển",
            "Nothing in transit",
        )));
    }
    for t in s.transit.iter().take(PAGE) {
        let goods = t
            .lines
            .iter()
            .map(|l| format!("{} {} {}", l.product_code, l.qty, l.unit))
            .collect::<Vec<_>>()
            .join(", ");
        col = col.push(
            row![
                text(format!(
                    "{} → {} · {} · {}",
                    t.code,
                    t.to_point,
                    t.posted_at.get(..10).unwrap_or(&t.posted_at),
                    goods
                ))
                .width(Fill),
                button(text(w(lang, "Đã giao", "Delivered")).size(14))
                    .on_press(Msg::Deliver(t.code.clone())),
            ]
            .spacing(6),
        );
    }
    col.into()
}
