//! Receipts read back from their own bytes: a real sale and refund made through the store, encoded
//! as raster and as text in every code page, parsed back into ESC/POS commands and checked against
//! the stored sale, the rendered image and the text they must show.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

#[path = "common/receipts.rs"]
mod receipts;

use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::text::to_ascii;
use ocop_pos::receipt::decode::{self, Command};
use ocop_pos::receipt::document::{self, Block, VIETNAMESE_LOWER, VIETNAMESE_UPPER};
use ocop_pos::receipt::layout::{self, Row};
use ocop_pos::receipt::raster::{self, Bitmap};
use ocop_pos::receipt::{self, CodePages, Encoding, Profile, Width, code128, drawer, vietqr};
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

#[test]
fn the_receipt_of_a_stored_sale_shows_its_totals_vat_and_payments() {
    let till = receipts::till();
    let sale = load(&till, till.sale_id);
    let (total, vat, gross, discount, change): (i64, i64, i64, i64, i64) = till
        .conn
        .query_row(
            "SELECT total_vnd, vat_vnd, gross_vnd, discount_vnd, change_vnd FROM sales WHERE id = ?1",
            [till.sale_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    // Figures worked out by hand: 450.000 + 2 × 250.000 + 120.000 − 12.000 + 0,35 kg × 650.000.
    assert_eq!(total, 1_285_500);
    assert_eq!(
        (sale.total.0, sale.vat.0, sale.gross.0),
        (total, vat, gross)
    );
    assert_eq!((sale.discount.0, sale.change.0), (discount, change));
    assert_eq!(sale.change, Vnd(514_500));
    assert_eq!(sale.lines.len(), 4);
    assert_eq!(sale.lines.iter().map(|l| l.net.0).sum::<i64>(), total);
    assert_eq!(sale.lines.iter().map(|l| l.vat.0).sum::<i64>(), vat);
    let stored_payments: Vec<(String, i64)> = till
        .conn
        .prepare("SELECT method, amount_vnd FROM payments WHERE sale_id = ?1 ORDER BY seq")
        .unwrap()
        .query_map([till.sale_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let loaded: Vec<(String, i64)> = sale
        .payments
        .iter()
        .map(|p| (p.method.as_str().to_owned(), p.amount.0))
        .collect();
    assert_eq!(loaded, stored_payments);
    assert_eq!(
        loaded,
        [("vietqr".to_owned(), 300_000), ("cash".to_owned(), 985_500)]
    );

    let doc = document::sale(&sale, &receipts::settings());
    let pairs: Vec<(&str, &str)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Pair { left, right, .. } => Some((left.as_str(), right.as_str())),
            _ => None,
        })
        .collect();
    let value = |label: &str| pairs.iter().find(|(l, _)| *l == label).unwrap().1;
    assert_eq!(value("TỔNG CỘNG"), Vnd(total).to_string());
    assert_eq!(value("Tổng tiền hàng"), Vnd(gross).grouped());
    assert_eq!(value("Chiết khấu"), Vnd(-discount).grouped());
    assert_eq!(value("Chuyển khoản VietQR"), "300.000");
    assert_eq!(value("Tiền mặt"), "985.500");
    assert_eq!(value("Tiền thừa trả khách"), "514.500");
    let vat_rows: Vec<(&str, i64)> = pairs
        .iter()
        .filter(|(l, _)| l.starts_with("Thuế GTGT"))
        .map(|(l, r)| (*l, r.parse::<Vnd>().unwrap().0))
        .collect();
    assert_eq!(vat_rows.len(), 2, "{vat_rows:?}");
    assert!(vat_rows[0].0.starts_with("Thuế GTGT 8%"));
    assert!(vat_rows[1].0.starts_with("Thuế GTGT 10%"));
    assert_eq!(vat_rows.iter().map(|(_, v)| v).sum::<i64>(), vat);
    let items: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Item(item) => Some(item.name.as_str()),
            _ => None,
        })
        .collect();
    let names: Vec<&str> = sale.lines.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(items, names);
    // The transfer's VietQR code asks for the amount paid by transfer, into the configured account.
    let qr: Vec<&String> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Qr(p) => Some(p),
            _ => None,
        })
        .collect();
    assert_eq!(qr.len(), 1);
    let fields = vietqr::parse(qr[0]).unwrap();
    let field = |tag: &str| fields.iter().find(|(t, _)| t == tag).unwrap().1.clone();
    assert_eq!(field("54"), "300000");
    assert!(field("38").contains("0011001234567"));
    assert!(field("62").contains(&sale.receipt_no));
    assert!(!doc.blocks.iter().any(|b| matches!(b, Block::Code128(_))));
    // A sale paid without transfer, or a till without an account, prints no code.
    let mut cash_only = sale.clone();
    cash_only.payments.retain(|p| p.method == Method::Cash);
    let no_qr = document::sale(&cash_only, &receipts::settings());
    assert!(!no_qr.blocks.iter().any(|b| matches!(b, Block::Qr(_))));
    let no_bank = document::Settings {
        bank: None,
        ..receipts::settings()
    };
    let no_qr = document::sale(&sale, &no_bank);
    assert!(!no_qr.blocks.iter().any(|b| matches!(b, Block::Qr(_))));
    // Found again by number and as the last receipt of the point.
    let by_no = receipt_data::load_by_number(&till.conn, &sale.receipt_no).unwrap();
    assert_eq!(by_no.as_ref(), Some(&sale));
    let last = receipt_data::load_last(&till.conn, "HOIAN-01")
        .unwrap()
        .unwrap();
    assert_eq!(last.refund_of.as_deref(), Some(sale.receipt_no.as_str()));
    assert_eq!(receipt_data::load(&till.conn, 999).unwrap(), None);
}

/// The QR codes rqrr finds in `bitmap`.
fn qr_codes(bitmap: &Bitmap) -> Vec<String> {
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(
        bitmap.width as usize,
        bitmap.height as usize,
        |x, y| {
            if bitmap.get(x as u32, y as u32) {
                0
            } else {
                255
            }
        },
    );
    image
        .detect_grids()
        .into_iter()
        .map(|grid| grid.decode().unwrap().1)
        .collect()
}

/// Code 128 symbols read from any row of `bitmap`, at 1–3 dots per module.
fn barcodes(bitmap: &Bitmap) -> Vec<String> {
    let mut found = Vec::new();
    for y in 0..bitmap.height {
        let dots: Vec<bool> = (0..bitmap.width).map(|x| bitmap.get(x, y)).collect();
        let (Some(first), Some(last)) =
            (dots.iter().position(|d| *d), dots.iter().rposition(|d| *d))
        else {
            continue;
        };
        for module in 1..=3 {
            let modules: Vec<bool> = dots[first..=last].iter().step_by(module).copied().collect();
            if let Some(text) = code128::read(&modules) {
                found.push(text);
                break;
            }
        }
    }
    found.dedup();
    found
}

#[test]
fn raster_bands_rebuild_the_rendered_receipt_and_its_codes() {
    let till = receipts::till();
    let sale = document::sale(&load(&till, till.sale_id), &receipts::settings());
    let refund_receipt = load(&till, till.refund_id);
    let refund = document::sale(&refund_receipt, &receipts::settings());
    for width in [Width::Mm80, Width::Mm58] {
        for doc in [&sale, &refund] {
            let bytes = receipt::encode(doc, &profile(width, Encoding::Raster)).unwrap();
            let commands = decode::parse(&bytes).unwrap();
            assert_eq!(commands[0], Command::Init);
            assert_eq!(
                commands[commands.len() - 2..],
                [Command::FeedLines(4), Command::Cut(1)]
            );
            let mut bands = 0;
            for command in &commands {
                match command {
                    Command::Raster {
                        mode,
                        width_bytes,
                        rows,
                        ..
                    } => {
                        bands += 1;
                        assert_eq!(*mode, 0);
                        assert!(u32::from(*width_bytes) * 8 <= width.dots());
                        assert!((1..=256).contains(rows));
                    }
                    Command::Text(text) => panic!("text in a raster receipt: {text:?}"),
                    _ => {}
                }
            }
            assert!(bands > 20);
            let rendered = raster::render(doc, width).unwrap();
            assert_eq!(rendered.width, width.dots());
            let printed = decode::canvas(&commands, width.dots());
            assert_eq!(printed.height, rendered.height);
            assert!(printed == rendered, "the bands draw another picture");
            // The preview is the same picture (RECEIPT_PNG_DIR=folder keeps it, to look at).
            let png = receipt::preview::document(doc, width).unwrap();
            if let Ok(dir) = std::env::var("RECEIPT_PNG_DIR") {
                let name = format!("{}-{}mm.png", bands, width.mm());
                std::fs::write(std::path::Path::new(&dir).join(name), &png).unwrap();
            }
            let decoder = png::Decoder::new(std::io::Cursor::new(png));
            let mut reader = decoder.read_info().unwrap();
            let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
            let info = reader.next_frame(&mut pixels).unwrap();
            assert_eq!((info.width, info.height), (rendered.width, rendered.height));
            let inverted: Vec<u8> = pixels[..info.buffer_size()].iter().map(|b| !b).collect();
            assert!(inverted == rendered.bits);
        }
        let sale_image = raster::render(&sale, width).unwrap();
        let codes = qr_codes(&sale_image);
        let expected = sale.blocks.iter().find_map(|b| match b {
            Block::Qr(p) => Some(p.clone()),
            _ => None,
        });
        assert_eq!(codes, [expected.unwrap()]);
        assert!(barcodes(&sale_image).is_empty());
        let refund_image = raster::render(&refund, width).unwrap();
        assert_eq!(barcodes(&refund_image), [refund_receipt.receipt_no.clone()]);
        assert!(qr_codes(&refund_image).is_empty());
    }
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
            Row::Qr(_) | Row::Code128(_) => {}
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
fn the_drawer_pulse_is_five_bytes() {
    for (pin, m) in [(drawer::Pin::Two, 0), (drawer::Pin::Five, 1)] {
        let pulse = drawer::Pulse {
            pin,
            on_ms: 120,
            off_ms: 240,
        };
        let bytes = pulse.bytes();
        assert_eq!(bytes.len(), 5);
        assert_eq!(
            decode::parse(&bytes).unwrap(),
            [Command::Pulse {
                pin: m,
                on: 60,
                off: 120
            }]
        );
        // Followed by a cut, the cut is still read as a cut: nothing is swallowed.
        let mut with_cut = bytes.to_vec();
        with_cut.extend_from_slice(&[0x1D, 0x56, 0x01]);
        assert_eq!(decode::parse(&with_cut).unwrap()[1], Command::Cut(1));
    }
    assert!(decode::parse(&[0x1B, 0x70, 0x00]).is_err());
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
