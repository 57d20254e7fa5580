//! Product labels for goods with an in-store code: name, price and EAN-13, one label per cut,
//! printed on the receipt roll.

use super::{Block, Document, Style};
use crate::domain::catalog::Stars;
use crate::domain::money::Vnd;

/// What a label shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Product name.
    pub name: String,
    /// Selling unit (chai, hộp).
    pub unit: String,
    /// OCOP stars, printed after the name.
    pub stars: Option<Stars>,
    /// Retail price per unit.
    pub price: Vnd,
    /// The in-store EAN-13 (13 digits).
    pub code: String,
}

/// One label: the name, the price large ("125.000 ₫ / chai"), the barcode and its digits, a cut.
pub fn label(label: &Label) -> Document {
    let mut doc = Document::new();
    let name = match label.stars {
        Some(stars) => format!("{} {}", label.name, stars.symbols()),
        None => label.name.clone(),
    };
    doc.centered(name, Style::BOLD);
    doc.centered(label.price.to_string(), Style::LARGE);
    if !label.unit.trim().is_empty() {
        doc.centered(format!("/ {}", label.unit.trim()), Style::PLAIN);
    }
    doc.push(Block::Ean13(label.code.clone()));
    doc.centered(label.code.as_str(), Style::PLAIN);
    doc.finish();
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_has_name_price_and_code() {
        let doc = label(&Label {
            name: "Trà đảng sâm Tây Giang".into(),
            unit: "hộp".into(),
            stars: Stars::new(4),
            price: Vnd(125_000),
            code: "2900000000032".into(),
        });
        let texts: Vec<&str> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            texts,
            [
                "Trà đảng sâm Tây Giang ★★★★",
                "125.000\u{a0}₫",
                "/ hộp",
                "2900000000032"
            ]
        );
        assert!(doc.blocks.contains(&Block::Ean13("2900000000032".into())));
        assert_eq!(doc.blocks.last(), Some(&Block::Cut));
    }
}
