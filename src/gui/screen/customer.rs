//! The customer display: a second window facing the customer with the cart's lines and total, the
//! VietQR code for the amount asked while paying, and a thank-you with the change after the sale.

use iced::widget::{column, container, qr_code, row, scrollable, text};
use iced::{Center, Element, Fill};

use crate::gui::app::counter::Overlay;
use crate::gui::app::{App, Message};
use crate::gui::theme;

/// The widget id of the VietQR code on the customer display.
pub const QR_ID: &str = "customer-qr";

/// The customer display.
pub fn view(app: &App) -> Element<'_, Message> {
    let w = app.lang.strings();
    let shop = app
        .point
        .as_ref()
        .map(|p| p.name.clone())
        .unwrap_or_default();
    let page = column![text(shop).size(26)].spacing(14).padding(20);
    if app.cart.is_empty() {
        let body: Element<'_, Message> = match &app.thanks {
            Some(thanks) => column![
                text(w.thanks).size(48),
                text(format!("{} {}", w.total, thanks.total)).size(theme::TOTAL),
                text(format!("{}: {}", w.change, thanks.change)).size(theme::TOTAL),
            ]
            .spacing(12)
            .align_x(Center)
            .into(),
            None => text(w.welcome).size(48).into(),
        };
        return page
            .push(container(body).center(Fill))
            .width(Fill)
            .height(Fill)
            .into();
    }
    let mut lines = column![].spacing(6);
    for line in &app.cart.lines {
        let amount = line.gross().map(|v| v.to_string()).unwrap_or_default();
        // Name above, figures below: long OCOP names stay whole beside the QR code.
        lines = lines.push(column![
            text(line.item.name.clone()).size(theme::LINE),
            row![
                text(format!("{} × {}", line.qty, line.unit_price))
                    .size(20)
                    .width(Fill),
                text(amount).size(theme::LINE),
            ]
            .spacing(12),
        ]);
    }
    let total = app
        .cart
        .totals()
        .map(|t| t.total.to_string())
        .unwrap_or_default();
    let mut left = column![
        scrollable(lines).height(Fill),
        text(format!("{} {total}", w.total)).size(theme::TOTAL),
    ]
    .spacing(10)
    .width(Fill);
    let mut qr_side = None;
    if let Overlay::Pay { qr, .. } = &app.overlay {
        let due = app.cart.due().map(|v| v.to_string()).unwrap_or_default();
        left = left.push(text(format!("{}: {due}", w.due)).size(30));
        // Beside the lines, not under them: the code stays large and the lines stay readable.
        qr_side = qr.as_ref().map(|(data, amount)| {
            column![
                container(qr_code(data).cell_size(7)).id(QR_ID),
                text(w.customer_qr).size(22),
                text(format!("VietQR {amount}")).size(30),
            ]
            .spacing(8)
            .align_x(Center)
        });
    }
    let body = match qr_side {
        Some(side) => row![left, side].spacing(20),
        None => row![left],
    };
    page.push(body.height(Fill)).width(Fill).height(Fill).into()
}
