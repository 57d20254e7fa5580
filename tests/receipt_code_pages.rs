//! Receipts in text mode read back from their own bytes: every Vietnamese letter through WPC1258
//! and TCVN-3 (with Epson's page numbers and a clone's), the ASCII fallback, the paper's columns,
//! and a shift report — each row decoded as the printer would show it.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

#[path = "common/receipts.rs"]
mod receipts;

use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::text::to_ascii;
use ocop_pos::receipt::decode::{self, Command};
use ocop_pos::receipt::document::{self, Block, VIETNAMESE_LOWER, VIETNAMESE_UPPER};
use ocop_pos::receipt::layout::{self, Row};
use ocop_pos::receipt::{self, CodePages, Encoding, Profile, Width, raster};
use ocop_pos::store::receipt_data::{self, SaleReceipt};

fn profile(width: Width, encoding: Encoding) -> Profile {
    Profile {
        width,
        encoding,
        ..Profile::default()
    }
}

fn load(till: &receipts::Till, id: i64) -> SaleReceipt {
    receipt_data::load(&till.conn, id).unwrap().unwrap()
}

/// A document holding every Vietnamese letter and the lines of a real receipt.
fn letters_doc() -> document::Document {
    let mut doc = document::Document::new();
    doc.line(VIETNAMESE_LOWER).line(VIETNAMESE_UPPER);
    doc.text(
        "Sâm Ngọc Linh",
        document::Align::Center,
        document::Style::LARGE,
    );
    doc.finish();
    doc
}

/// The text lines `doc` must print in a text encoding: each laid-out row with its spans placed
/// by spaces, in the characters the code page has (★ as *; TCVN-3 also lacks ×, ·, ₫ and the
/// no-break space, which print as x, -, đ and space); blank lines for feeds and before the cut.
fn expected_lines(doc: &document::Document, p: &Profile) -> Vec<String> {
    let m = layout::Columns(p.width.columns());
    let mut out = Vec::new();
    for row in layout::layout(doc, &m) {
        match row {
            Row::Text { style, spans } => {
                let mut line = String::new();
                let mut at = 0;
                for span in spans {
                    while at < span.x {
                        line.push(' ');
                        at += if style.large { 2 } else { 1 };
                    }
                    at += layout::width(&span.text, style, &m);
                    let tcvn3 = p.encoding == Encoding::Tcvn3;
                    line.extend(span.text.chars().map(|c| match c {
                        '★' => '*',
                        '×' if tcvn3 => 'x',
                        '\u{a0}' if tcvn3 => ' ',
                        '·' if tcvn3 => '-',
                        '₫' if tcvn3 => 'đ',
                        c => c,
                    }));
                }
                out.push(line);
            }
            Row::Rule => out.push("-".repeat(p.width.columns() as usize)),
            Row::Feed(n) => out.extend((0..n).map(|_| String::new())),
            Row::Cut => out.extend((0..p.feed_lines).map(|_| String::new())),
            Row::Qr(_) | Row::Code128(_) | Row::Ean13(_) => {}
        }
    }
    out
}

#[test]
fn code_pages_round_trip_all_134_letters() {
    let precomposed: Vec<char> = format!("{VIETNAMESE_LOWER}{VIETNAMESE_UPPER}")
        .chars()
        .filter(|c| !c.is_ascii())
        .collect();
    assert_eq!(precomposed.len(), 134);
    let till = receipts::till();
    let sale_receipt = load(&till, till.sale_id);
    let sale = document::sale(&sale_receipt, &receipts::settings());
    let variants = [
        (Encoding::Wpc1258, CodePages::default()),
        (
            Encoding::Wpc1258,
            CodePages {
                wpc1258: 94,
                ..CodePages::default()
            },
        ),
        (Encoding::Tcvn3, CodePages::default()),
        (
            Encoding::Tcvn3,
            CodePages {
                tcvn3_lower: 27,
                tcvn3_upper: 28,
                ..CodePages::default()
            },
        ),
    ];
    for (encoding, pages) in variants {
        for width in [Width::Mm80, Width::Mm58] {
            let p = Profile {
                pages,
                ..profile(width, encoding)
            };
            let commands = decode::parse(&receipt::encode(&letters_doc(), &p).unwrap()).unwrap();
            assert_eq!(commands[..2], [Command::Init, Command::CancelKanji]);
            let used: std::collections::BTreeSet<u8> = commands
                .iter()
                .filter_map(|c| match c {
                    Command::CodePage(n) => Some(*n),
                    _ => None,
                })
                .collect();
            let expected: Vec<u8> = match encoding {
                Encoding::Wpc1258 => vec![pages.wpc1258],
                _ => vec![pages.tcvn3_lower, pages.tcvn3_upper],
            };
            assert_eq!(used.into_iter().collect::<Vec<_>>(), expected);
            let lines = decode::text_lines(&commands, &pages);
            let joined: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
            let joined = joined.join(" ");
            assert!(joined.contains(VIETNAMESE_LOWER), "{encoding:?}: {joined}");
            assert!(joined.contains(VIETNAMESE_UPPER), "{encoding:?}: {joined}");
            assert!(lines.iter().all(|l| l.cells <= width.columns()));
            // Double size: 13 letters take 26 of the columns, the centring spaces the rest.
            let large = lines
                .iter()
                .find(|l| l.text.trim() == "Sâm Ngọc Linh")
                .unwrap();
            assert!(large.cells >= 26 && large.cells <= width.columns());
            // The receipt of the sale reads back row for row as it was laid out.
            let commands = decode::parse(&receipt::encode(&sale, &p).unwrap()).unwrap();
            let lines = decode::text_lines(&commands, &pages);
            let text: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
            assert_eq!(text, expected_lines(&sale, &p));
            assert!(
                text.iter()
                    .any(|l| l.starts_with(&sale_receipt.lines[0].name[..10]))
            );
            let total = if encoding == Encoding::Tcvn3 {
                "1.285.500 đ"
            } else {
                "1.285.500\u{a0}₫"
            };
            // On 58 mm the large total does not fit beside its label and takes a row of its own.
            let at = text
                .iter()
                .position(|l| l.starts_with("TỔNG CỘNG"))
                .unwrap();
            assert!(text[at].ends_with(total) || text[at + 1].ends_with(total));
            // Native QR: stored with the payload, then printed.
            let store = commands.iter().find_map(|c| match c {
                Command::Qr {
                    function: 80,
                    params,
                } => Some(params[1..].to_vec()),
                _ => None,
            });
            let payload = sale.blocks.iter().find_map(|b| match b {
                Block::Qr(p) => Some(p.as_bytes().to_vec()),
                _ => None,
            });
            assert_eq!(store, payload);
        }
    }
}

#[test]
fn ascii_mode_drops_diacritics_and_keeps_the_words() {
    let p = profile(Width::Mm80, Encoding::Ascii);
    let commands = decode::parse(&receipt::encode(&letters_doc(), &p).unwrap()).unwrap();
    assert!(!commands.iter().any(|c| matches!(c, Command::CodePage(_))));
    for command in &commands {
        if let Command::Text(bytes) = command {
            assert!(bytes.is_ascii(), "{bytes:?}");
        }
    }
    let lines = decode::text_lines(&commands, &CodePages::default());
    let text: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
    let text = text.join(" ");
    assert!(text.contains(&to_ascii(VIETNAMESE_LOWER)), "{text}");
    assert!(text.contains("aaaaaaaaaaaaaaaaaa eeeeeeeeeeee"));
    assert!(text.contains("Sam Ngoc Linh"));
}

#[test]
fn every_encoding_keeps_within_the_paper() {
    let till = receipts::till();
    let point = load(&till, till.sale_id).point;
    for width in [Width::Mm58, Width::Mm80] {
        let docs = [
            document::sale(&load(&till, till.sale_id), &receipts::settings()),
            document::sale(&load(&till, till.refund_id), &receipts::settings()),
            document::test_page(&point, &profile(width, Encoding::Raster)),
        ];
        for doc in &docs {
            // Raster: every span of every row ends within the dots of the paper.
            let m = raster::Dots(width.dots());
            for row in layout::layout(doc, &m) {
                if let Row::Text { style, spans } = row {
                    for span in spans {
                        let end = span.x + layout::width(&span.text, style, &m);
                        assert!(end <= width.dots() * 16, "{:?} at {width:?}", span.text);
                    }
                }
            }
            for encoding in [Encoding::Wpc1258, Encoding::Tcvn3, Encoding::Ascii] {
                let p = profile(width, encoding);
                let commands = decode::parse(&receipt::encode(doc, &p).unwrap()).unwrap();
                let lines = decode::text_lines(&commands, &p.pages);
                assert!(lines.iter().all(|l| l.cells <= width.columns()));
                // Rules and the test page's ruler fill the line exactly.
                assert!(lines.iter().any(|l| l.cells == width.columns()));
            }
        }
        let ruler = decode::text_lines(
            &decode::parse(&receipt::encode(&docs[2], &profile(width, Encoding::Ascii)).unwrap())
                .unwrap(),
            &CodePages::default(),
        );
        let digits = "1234567890".repeat(5);
        let expected = &digits[..width.columns() as usize];
        assert!(ruler.iter().any(|l| l.text == expected), "{ruler:?}");
    }
}

#[test]
fn shift_reports_print_their_rows() {
    let till = receipts::till();
    let point = load(&till, till.sale_id).point;
    let rows = vec![
        ("Ca của Lan".to_owned(), String::new()),
        ("Số hóa đơn".to_owned(), "1".to_owned()),
        ("Doanh thu thuần".to_owned(), Vnd(1_035_500).grouped()),
    ];
    let doc = document::report(&point, "BÁO CÁO CUỐI NGÀY (Z)", &rows);
    let p = profile(Width::Mm58, Encoding::Tcvn3);
    let commands = decode::parse(&receipt::encode(&doc, &p).unwrap()).unwrap();
    let lines = decode::text_lines(&commands, &p.pages);
    let find = |text: &str| lines.iter().find(|l| l.text.starts_with(text)).unwrap();
    assert!(find("Ca của Lan").bold);
    let revenue = &find("Doanh thu thuần").text;
    assert!(revenue.ends_with("1.035.500"), "{revenue}");
    assert_eq!(find("Doanh thu thuần").cells, 32);
    assert!(
        lines
            .iter()
            .any(|l| l.text.trim() == "BÁO CÁO CUỐI NGÀY (Z)")
    );
}
