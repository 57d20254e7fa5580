//! Report row labels in the window's language. The store labels rows in Vietnamese (they go to
//! the command line and exported files too); with English chosen, the window names payment
//! methods, weekdays, OCOP groups, star levels and the rows without one in English, keyed by the
//! breakdown and the row's stable key. Names from the catalogue (products, producers, clerks) are
//! data and stay as written.

use chrono::{Datelike, NaiveDate, Weekday};

use super::Lang;
use super::domain_errors::method_en;
use crate::domain::catalog::{OcopGroup, ProducerKind};
use crate::domain::payment::Method;
use crate::store::sales_report::{By, Row};

/// An OCOP group's English name.
pub fn group_en(number: u8) -> &'static str {
    match number {
        1 => "Food",
        2 => "Drinks",
        3 => "Herbal medicine and herbal products",
        4 => "Handicrafts",
        5 => "Ornamental plants and animals",
        6 => "Community tourism, eco-tourism and tourist sites",
        _ => "",
    }
}

/// An OCOP group's name in the window's language.
pub fn group_name(group: OcopGroup, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => group.name_vi(),
        Lang::En => group_en(group.number()),
    }
}

/// A kind of producer in the window's language.
pub fn producer_kind(kind: ProducerKind, lang: Lang) -> &'static str {
    match (lang, kind) {
        (Lang::Vi, k) => k.label_vi(),
        (Lang::En, ProducerKind::Htx) => "Cooperative",
        (Lang::En, ProducerKind::DoanhNghiep) => "Company",
        (Lang::En, ProducerKind::HoKinhDoanh) => "Household business",
        (Lang::En, ProducerKind::ToHopTac) => "Cooperative group",
    }
}

/// A day of the week in English.
pub fn weekday_en(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// What people read for a row of a report broken down `by` (the label alone, without the key).
pub fn row_label(by: By, row: &Row, lang: Lang) -> String {
    if lang == Lang::Vi {
        return row.label.clone();
    }
    if row.key == "*" {
        return "Total".to_owned();
    }
    let key = row.key.as_str();
    match by {
        By::Day => NaiveDate::parse_from_str(key, "%Y-%m-%d").map_or_else(
            |_| row.label.clone(),
            |d| weekday_en(d.weekday()).to_owned(),
        ),
        By::Hour => row.label.clone(),
        By::Group => match key.parse::<u8>() {
            Ok(n) => group_en(n).to_owned(),
            Err(_) => "No OCOP group".to_owned(),
        },
        By::Stars => match key.parse::<u8>() {
            Ok(1) => "1 star".to_owned(),
            Ok(n) => format!("{n} stars"),
            Err(_) => "No star rating".to_owned(),
        },
        By::Method => key
            .parse::<Method>()
            .map_or_else(|_| row.label.clone(), |m| method_en(m).to_owned()),
        By::Producer if key.is_empty() => "Unknown producer".to_owned(),
        By::Product | By::Clerk if key.is_empty() => "Unknown".to_owned(),
        By::Producer | By::Product | By::Clerk => row.label.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Vnd;

    fn row(key: &str, label: &str) -> Row {
        Row {
            key: key.into(),
            label: label.into(),
            receipts: 1,
            refund_receipts: 0,
            qty: None,
            gross: None,
            discount: None,
            refunds: Vnd::ZERO,
            net: Vnd(1),
            vat: None,
        }
    }

    #[test]
    fn store_labels_read_in_english_and_names_stay() {
        let en = |by, key, label| row_label(by, &row(key, label), Lang::En);
        assert_eq!(en(By::Method, "cash", "Tiền mặt"), "Cash");
        assert_eq!(
            en(By::Method, "vietqr", "Chuyển khoản VietQR"),
            "VietQR transfer"
        );
        assert_eq!(en(By::Day, "2026-11-30", "Thứ Hai"), "Monday");
        assert_eq!(en(By::Group, "1", "Thực phẩm"), "Food");
        assert_eq!(en(By::Group, "", "Chưa phân nhóm OCOP"), "No OCOP group");
        assert_eq!(en(By::Stars, "4", "4 sao"), "4 stars");
        assert_eq!(en(By::Stars, "", "Chưa xếp hạng sao"), "No star rating");
        assert_eq!(
            en(By::Producer, "", "Không rõ nhà sản xuất"),
            "Unknown producer"
        );
        assert_eq!(en(By::Producer, "HTX-A", "HTX Đức Huy"), "HTX Đức Huy");
        assert_eq!(en(By::Hour, "08", "08:00–08:59"), "08:00–08:59");
        assert_eq!(en(By::Clerk, "*", "Tổng cộng"), "Total");
        assert_eq!(
            row_label(By::Method, &row("cash", "Tiền mặt"), Lang::Vi),
            "Tiền mặt"
        );
        for n in 1..=6 {
            assert!(group_en(n).is_ascii() && !group_en(n).is_empty());
        }
    }
}
