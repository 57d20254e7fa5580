//! First run: the point's profile, the admin and the sample catalogue.

use iced::Element;
use iced::widget::{button, checkbox, column, text, text_input};

use crate::gui::app::{App, Field, Message};

/// The first-run form.
pub fn view(app: &App) -> Element<'_, Message> {
    let w = app.lang.strings();
    let f = &app.setup;
    let input = |label: &'static str, value: &str, field: Field| {
        column![
            text(label).size(14),
            text_input(label, value)
                .on_input(move |v| Message::SetupInput(field, v))
                .secure(field == Field::AdminPin)
                .padding(8)
                .size(18),
        ]
        .spacing(2)
    };
    column![
        text(w.setup).size(28),
        input(w.point_name, &f.point_name, Field::PointName),
        input(w.point_code, &f.point_code, Field::PointCode),
        input(w.address, &f.address, Field::Address),
        input(w.tax_code, &f.tax_code, Field::TaxCode),
        input(w.admin_name, &f.admin_name, Field::AdminName),
        input(w.admin_pin, &f.admin_pin, Field::AdminPin),
        checkbox(f.sample)
            .label(w.sample)
            .on_toggle(Message::SetupSample)
            .size(22),
        button(text(w.create).size(22))
            .padding(12)
            .on_press_maybe((!app.busy).then_some(Message::CreatePoint)),
    ]
    .spacing(8)
    .max_width(560)
    .into()
}
