//! Payment: what is due, what was tendered, the change, the VietQR code, a button per method.

use iced::widget::{button, column, qr_code, row, text};
use iced::{Element, Fill};

use super::hints;
use crate::domain::money::Vnd;
use crate::gui::app::counter::Overlay;
use crate::gui::app::{App, Message};
use crate::gui::i18n::{Lang, errors};
use crate::gui::keys::Press;
use crate::gui::theme;

fn method(label: String, press: Press) -> Element<'static, Message> {
    button(text(label).size(20))
        .padding(14)
        .on_press(Message::Button(press))
        .into()
}

/// The payment screen.
pub fn view(app: &App) -> Element<'_, Message> {
    let w = app.lang.strings();
    let Overlay::Pay { qr, change } = &app.overlay else {
        return text("").into();
    };
    let due = app
        .cart
        .due()
        .map(|v| v.to_string())
        .unwrap_or_else(|e| e.to_string());
    let total = app
        .cart
        .totals()
        .map(|t| t.total.to_string())
        .unwrap_or_default();
    let mut paid = column![].spacing(2);
    for p in &app.cart.payments {
        let method = match app.lang {
            Lang::Vi => p.method.label_vi(),
            Lang::En => errors::method_en(p.method),
        };
        paid = paid.push(text(format!("{method}: {}", p.amount)).size(20));
    }
    let mut page = column![
        text(format!("{} · {} {total}", w.pay, w.total)).size(26),
        text(format!("{}: {due}", w.due)).size(theme::TOTAL),
        paid,
        text(format!("{}: {}", w.amount, app.entry)).size(30),
    ]
    .spacing(10);
    if *change != Vnd::ZERO {
        page = page.push(text(format!("{}: {change}", w.change)).size(theme::TOTAL));
    }
    if let Some((data, amount)) = qr {
        page = page.push(
            row![
                qr_code(data).cell_size(6),
                text(format!("VietQR {amount}\n{}", w.qr_confirm)).size(22),
            ]
            .spacing(16),
        );
    }
    page.push(
        row![
            method(format!("Enter · {}", w.amount), Press::Enter),
            method("F5 VietQR".into(), Press::F(5)),
            method("F6 Thẻ / Card".into(), Press::F(6)),
            method("F7 Ví / E-wallet".into(), Press::F(7)),
            method("Esc".into(), Press::Escape),
        ]
        .spacing(8),
    )
    .push(hints(w.hints_pay))
    .width(Fill)
    .into()
}
