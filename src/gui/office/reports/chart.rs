//! Bars drawn with plain containers: each bar's length is a share of the largest, worked out in
//! integers (thousandths), so no float comes near an amount.

use iced::widget::{column, container, row, space, text};
use iced::{Background, Border, Color, Element, Fill, FillPortion, Theme};

/// How long a bar is, in thousandths of the widest: `value` against `max` (both taken as absolute
/// values); at least 1 for a value that is not zero, so a small one still shows.
pub fn thousandths(value: i64, max: i64) -> u16 {
    let max = u128::from(max.unsigned_abs());
    let value = u128::from(value.unsigned_abs());
    if max == 0 || value == 0 {
        return 0;
    }
    let share = (value * 1000 / max).clamp(1, 1000);
    u16::try_from(share).unwrap_or(1000)
}

/// The colour of a bar: blue for sales and money over, red for money short.
fn fill(short: bool) -> impl Fn(&Theme) -> container::Style {
    move |_theme| container::Style {
        background: Some(Background::Color(if short {
            Color::from_rgb8(0xD9, 0x4A, 0x4A)
        } else {
            Color::from_rgb8(0x3B, 0x7D, 0xD8)
        })),
        border: Border::default().rounded(3),
        ..container::Style::default()
    }
}

/// One labelled bar: the label on the left, the bar, the figure on the right.
pub fn bar<'a, M: 'a>(label: String, value: i64, max: i64, figure: String) -> Element<'a, M> {
    let share = thousandths(value, max);
    let mut track = row![].width(Fill).height(18);
    if share > 0 {
        track = track.push(
            container(space())
                .width(FillPortion(share))
                .height(18)
                .style(fill(value < 0)),
        );
    }
    if share < 1000 {
        track = track.push(space().width(FillPortion(1000 - share)));
    }
    row![
        container(text(label).size(14)).width(FillPortion(3)),
        container(track).width(FillPortion(6)),
        container(text(figure).size(14)).width(FillPortion(2)),
    ]
    .spacing(8)
    .into()
}

/// A titled chart of bars, one per `(label, value, figure)`.
pub fn chart<'a, M: 'a>(title: &'a str, bars: Vec<(String, i64, String)>) -> Element<'a, M> {
    let max = bars
        .iter()
        .map(|(_, v, _)| v.unsigned_abs())
        .max()
        .unwrap_or(0);
    let max = i64::try_from(max).unwrap_or(i64::MAX);
    let mut body = column![text(title).size(16)].spacing(4);
    for (label, value, figure) in bars {
        body = body.push(bar(label, value, max, figure));
    }
    body.into()
}

#[cfg(test)]
mod tests {
    use super::thousandths;

    #[test]
    fn bars_are_shares_of_the_largest_in_thousandths() {
        assert_eq!(thousandths(500_000, 1_000_000), 500);
        assert_eq!(thousandths(-20_000, 40_000), 500);
        assert_eq!(thousandths(1, 1_000_000_000), 1);
        assert_eq!(thousandths(0, 1_000), 0);
        assert_eq!(thousandths(5, 0), 0);
        assert_eq!(thousandths(i64::MIN, i64::MIN), 1000);
    }
}
