//! The receipt as a list of blocks, independent of the printer: what to print, not how. The
//! encoders lay it out for a paper width ([`super::layout`]) and turn it into bytes.

mod consignment;
mod label;
mod report;
mod sale;
mod shift;

pub use consignment::consignment_statement;
pub use label::{Label, label};
pub use report::{VIETNAMESE_LOWER, VIETNAMESE_UPPER, report, test_page};
pub use sale::{BankAccount, REPRINT_MARK, Settings, reprint, sale, vat_by_rate};
pub use shift::{x_report, z_report};

use crate::domain::catalog::Stars;

/// Horizontal placement of a text block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Align {
    /// Flush left.
    #[default]
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
}

/// Emphasis of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Style {
    /// Bold letters.
    pub bold: bool,
    /// Large letters (double width and height in text mode).
    pub large: bool,
}

impl Style {
    /// Plain text.
    pub const PLAIN: Style = Style {
        bold: false,
        large: false,
    };
    /// Bold text.
    pub const BOLD: Style = Style {
        bold: true,
        large: false,
    };
    /// Large bold text (titles, the total).
    pub const LARGE: Style = Style {
        bold: true,
        large: true,
    };
}

/// One sold line as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Product name.
    pub name: String,
    /// OCOP stars, printed after the name.
    pub stars: Option<Stars>,
    /// Quantity and price, e.g. `2 × 125.000` or `0,25 kg × 650.000`.
    pub detail: String,
    /// Line amount, e.g. `250.000`.
    pub amount: String,
    /// The line's discount, e.g. `-25.000`, printed under the amount.
    pub discount: Option<String>,
}

/// One element of a receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Text, wrapped to the paper width.
    Text {
        /// The words.
        text: String,
        /// Placement.
        align: Align,
        /// Emphasis.
        style: Style,
    },
    /// A label on the left and a value flush right (`Tổng cộng ... 250.000`).
    Pair {
        /// Label, wrapped if long.
        left: String,
        /// Value.
        right: String,
        /// Emphasis of both.
        style: Style,
    },
    /// A horizontal rule.
    Rule,
    /// A sold line: name with stars, quantity × price and amount.
    Item(Item),
    /// A QR code of this text, centred.
    Qr(String),
    /// A Code 128 barcode of this text (printable ASCII), centred.
    Code128(String),
    /// An EAN-13 barcode of these 13 digits, centred (product labels).
    Ean13(String),
    /// Blank lines.
    Feed(u8),
    /// Feed past the cutter and cut.
    Cut,
}

/// A receipt, report or test page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// The blocks, top to bottom.
    pub blocks: Vec<Block>,
}

impl Document {
    /// An empty document.
    pub fn new() -> Document {
        Document::default()
    }

    /// Adds a block.
    pub fn push(&mut self, block: Block) -> &mut Self {
        self.blocks.push(block);
        self
    }

    /// Adds text with the given placement and emphasis.
    pub fn text(&mut self, text: impl Into<String>, align: Align, style: Style) -> &mut Self {
        self.push(Block::Text {
            text: text.into(),
            align,
            style,
        })
    }

    /// Adds plain left-aligned text.
    pub fn line(&mut self, text: impl Into<String>) -> &mut Self {
        self.text(text, Align::Left, Style::PLAIN)
    }

    /// Adds centred text.
    pub fn centered(&mut self, text: impl Into<String>, style: Style) -> &mut Self {
        self.text(text, Align::Center, style)
    }

    /// Adds a label and a value flush right.
    pub fn pair(
        &mut self,
        left: impl Into<String>,
        right: impl Into<String>,
        style: Style,
    ) -> &mut Self {
        self.push(Block::Pair {
            left: left.into(),
            right: right.into(),
            style,
        })
    }

    /// Adds a rule.
    pub fn rule(&mut self) -> &mut Self {
        self.push(Block::Rule)
    }

    /// Ends the document: blank line, then the cut.
    pub fn finish(&mut self) -> &mut Self {
        self.push(Block::Feed(1)).push(Block::Cut)
    }
}
