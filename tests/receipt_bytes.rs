//! Receipts read back from their own bytes: a real sale and refund made through the store, their
//! documents checked against the stored figures, their raster bytes parsed back into ESC/POS
//! commands whose bands must rebuild the rendered image, QR code and barcode included; and the
//! five-byte drawer pulse. Text mode is in `receipt_code_pages.rs`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

#[path = "common/receipts.rs"]
mod receipts;

use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::receipt::decode::{self, Command};
use ocop_pos::receipt::document::{self, Block};
use ocop_pos::receipt::raster::{self, Bitmap};
use ocop_pos::receipt::{self, Encoding, Profile, Width, code128, drawer, vietqr};
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
        assert_eq!(
            barcodes(&refund_image),
            vec![refund_receipt.receipt_no.clone()]
        );
        assert!(qr_codes(&refund_image).is_empty());
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
