//! The counter: large cart lines with stars, the total, what is being typed, the panels (search,
//! quantity, parked carts, refund) and a button for every key.

use iced::widget::{button, column, container, row, scrollable, space, text, text_input};
use iced::{Element, Fill};

use super::{hints, payment};
use crate::domain::cart::Line;
use crate::domain::pricing::Discount;
use crate::gui::app::approve::ApproveStep;
use crate::gui::app::counter::{Overlay, SEARCH_ID};
use crate::gui::app::shift::ZStep;
use crate::gui::app::{App, Message};
use crate::gui::keys::Press;
use crate::gui::theme;

fn stars(n: Option<u8>) -> String {
    "★".repeat(usize::from(n.unwrap_or(0)))
}

fn line_view(line: &Line, selected: bool) -> Element<'_, Message> {
    let amount = line
        .gross()
        .map(|v| v.to_string())
        .unwrap_or_else(|e| e.to_string());
    let body = row![
        column![
            text(line.item.name.clone()).size(theme::LINE),
            text(match line.discount {
                Some(Discount::Percent(bp)) => format!("{} −{}%", stars(line.item.stars), bp / 100),
                Some(Discount::Amount(v)) => format!("{} −{v}", stars(line.item.stars)),
                None => stars(line.item.stars),
            })
            .size(16),
        ]
        .width(Fill),
        text(format!("{} {}", line.qty, line.item.unit))
            .size(theme::LINE)
            .width(140),
        text(line.unit_price.to_string())
            .size(theme::LINE)
            .width(150),
        text(amount).size(theme::LINE).width(170),
    ]
    .spacing(10);
    let boxed = container(body).padding(6).width(Fill);
    if selected {
        boxed.style(theme::highlight).into()
    } else {
        boxed.into()
    }
}

fn key_button(label: &str, press: Press) -> Element<'_, Message> {
    button(text(label).size(16))
        .padding([12, 10])
        .on_press(Message::Button(press))
        .into()
}

/// The counter screen.
pub fn view(app: &App) -> Element<'_, Message> {
    let w = app.lang.strings();
    if matches!(app.overlay, Overlay::Pay { .. }) {
        return payment::view(app);
    }
    let mut lines = column![].spacing(4);
    if app.cart.is_empty() {
        lines = lines.push(text(w.empty_cart).size(20));
    }
    for (i, line) in app.cart.lines.iter().enumerate() {
        lines = lines.push(line_view(line, app.selected == Some(i)));
    }
    let total = app
        .cart
        .totals()
        .map(|t| t.total.to_string())
        .unwrap_or_else(|e| e.to_string());
    let summary = row![
        text(format!("{}: {}", w.code, app.entry))
            .size(24)
            .width(Fill),
        text(format!("{} {total}", w.total)).size(theme::TOTAL),
    ]
    .spacing(10);
    let mut buttons = row![
        key_button("F2", Press::F(2)),
        key_button("F3", Press::F(3)),
        key_button("F4", Press::F(4)),
        key_button("Del", Press::Delete),
        key_button("F8", Press::F(8)),
        key_button("F9", Press::F(9)),
        key_button("F10", Press::F(10)),
        key_button("F11", Press::F(11)),
        key_button("F12", Press::F(12)),
        key_button("Ctrl+L", Press::Lock),
    ]
    .spacing(6);
    if app.may_manage() {
        buttons = buttons.push(key_button(w.office, Press::F(1)));
    }
    column![
        overlay(app),
        scrollable(lines).height(Fill),
        summary,
        buttons,
        hints(w.hints_counter),
    ]
    .spacing(8)
    .into()
}

fn overlay(app: &App) -> Element<'_, Message> {
    let w = app.lang.strings();
    match &app.overlay {
        Overlay::None | Overlay::Pay { .. } => space::vertical().height(0).into(),
        Overlay::Search { query, hits, sel } => {
            let mut list = column![
                text(w.search).size(20),
                text_input(w.search, query)
                    .id(SEARCH_ID)
                    .on_input(Message::SearchInput)
                    .size(22)
                    .padding(8),
            ]
            .spacing(4);
            for (i, hit) in hits.iter().enumerate() {
                let label = format!(
                    "{} · {} · {} {}",
                    hit.name,
                    hit.price,
                    hit.code,
                    stars(hit.stars)
                );
                let item = container(text(label).size(20)).padding(4).width(Fill);
                list = list.push(if i == *sel {
                    item.style(theme::highlight)
                } else {
                    item
                });
            }
            container(list).padding(8).into()
        }
        Overlay::Qty => text(format!("{}: {}", w.qty, app.entry)).size(24).into(),
        Overlay::Discount => text(format!("{}: {}", w.discount, app.entry))
            .size(24)
            .into(),
        Overlay::Recall { list, sel } => {
            let mut col = column![text(w.parked).size(20)].spacing(4);
            for (i, p) in list.iter().enumerate() {
                let item = container(
                    text(format!(
                        "{} · {} · {} · {}",
                        p.label, p.user, p.lines, p.total
                    ))
                    .size(20),
                )
                .padding(4)
                .width(Fill);
                col = col.push(if i == *sel {
                    item.style(theme::highlight)
                } else {
                    item
                });
            }
            col.into()
        }
        Overlay::Shift(step) => {
            let (prompt, shown) = match step {
                ZStep::Menu => (w.shift_panel, app.entry.clone()),
                ZStep::Manager { .. } => (w.z_manager, app.entry.clone()),
                ZStep::Pin { .. } => (w.z_pin, "●".repeat(app.entry.chars().count())),
            };
            column![text(prompt).size(20), text(shown).size(28)]
                .spacing(4)
                .into()
        }
        Overlay::Approve { step, .. } => {
            let (prompt, shown) = match step {
                ApproveStep::Manager => (w.approve_manager, app.entry.clone()),
                ApproveStep::Pin { .. } => (w.approve_pin, "●".repeat(app.entry.chars().count())),
            };
            text(format!("{prompt}: {shown}")).size(24).into()
        }
        Overlay::Refund { step, .. } => {
            let prompt = match step {
                0 => w.refund_receipt,
                1 => w.refund_manager,
                _ => w.refund_pin,
            };
            let shown = if *step >= 2 {
                "●".repeat(app.entry.chars().count())
            } else {
                app.entry.clone()
            };
            text(format!("{prompt}: {shown}")).size(24).into()
        }
    }
}
