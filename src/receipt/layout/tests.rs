//! Layout at 32 and 48 columns: wrapping, items, pairs.

use super::*;
use crate::domain::catalog::Stars;

fn texts(rows: &[Row]) -> Vec<Vec<(u32, String)>> {
    rows.iter()
        .filter_map(|r| match r {
            Row::Text { spans, .. } => Some(spans.iter().map(|s| (s.x, s.text.clone())).collect()),
            _ => None,
        })
        .collect()
}

#[test]
fn wraps_by_letters_never_inside_one() {
    let m = Columns(10);
    assert_eq!(
        wrap("Nước mắm Cửa Khe", 10, Style::PLAIN, &m),
        ["Nước mắm", "Cửa Khe"]
    );
    // A word longer than the line breaks between letters, keeping marks on their letter.
    let nfd: String = "Đặcsảnquêhương".nfd().collect();
    let pieces = wrap(&nfd, 4, Style::PLAIN, &m);
    assert_eq!(pieces.len(), 4);
    for piece in &pieces {
        assert!(!piece.starts_with(is_combining), "{piece:?}");
        assert!(width(piece, Style::PLAIN, &m) <= 4);
    }
    assert_eq!(pieces.concat(), nfd);
    assert_eq!(wrap("", 10, Style::PLAIN, &m), [""]);
    assert_eq!(wrap("Giỏ quà", 6, Style::LARGE, &m), ["Giỏ", "quà"]);
}

#[test]
fn items_take_one_row_at_48_columns_and_two_at_32() {
    let mut doc = Document::new();
    doc.push(Block::Item(Item {
        name: "Cao đảng sâm Đức Huy".into(),
        stars: Stars::new(4),
        detail: "2 × 450.000".into(),
        amount: "900.000".into(),
        discount: None,
    }));
    doc.push(Block::Item(Item {
        name: "Tinh dầu quế".into(),
        stars: None,
        detail: "1 × 65.000".into(),
        amount: "65.000".into(),
        discount: Some("-6.500".into()),
    }));
    let owned = |row: &[(u32, &str)]| -> Vec<(u32, String)> {
        row.iter().map(|(x, t)| (*x, (*t).to_owned())).collect()
    };
    let wide = texts(&layout(&doc, &Columns(48)));
    assert_eq!(
        wide,
        [
            owned(&[
                (0, "Cao đảng sâm Đức Huy ★★★★"),
                (27, "2 × 450.000"),
                (41, "900.000")
            ]),
            owned(&[(0, "Tinh dầu quế"), (28, "1 × 65.000"), (42, "65.000")]),
            owned(&[(30, "Giảm giá"), (42, "-6.500")]),
        ]
    );
    let narrow = texts(&layout(&doc, &Columns(32)));
    assert_eq!(
        narrow,
        [
            owned(&[(0, "Cao đảng sâm Đức Huy ★★★★")]),
            owned(&[(2, "2 × 450.000"), (25, "900.000")]),
            owned(&[(0, "Tinh dầu quế")]),
            owned(&[(2, "1 × 65.000"), (26, "65.000")]),
            owned(&[(2, "Giảm giá"), (26, "-6.500")]),
        ]
    );
    // A wrapped name shares its second row with the discount.
    let mut long = Document::new();
    long.push(Block::Item(Item {
        name: "Trà đảng sâm túi lọc Tây Giang hộp 20 túi".into(),
        ..match &doc.blocks[1] {
            Block::Item(item) => item.clone(),
            _ => unreachable!(),
        }
    }));
    assert_eq!(
        texts(&layout(&long, &Columns(48))),
        [
            owned(&[
                (0, "Trà đảng sâm túi lọc Tây"),
                (28, "1 × 65.000"),
                (42, "65.000")
            ]),
            owned(&[(0, "Giang hộp 20 túi"), (30, "Giảm giá"), (42, "-6.500")]),
        ]
    );
}

#[test]
fn pairs_and_centred_text_stay_within_the_line() {
    let mut doc = Document::new();
    doc.pair(
        "Thuế GTGT 8% trên 1.234.567 của hàng hóa",
        "91.449",
        Style::PLAIN,
    )
    .centered("Điểm OCOP Hội An", Style::LARGE)
    .text("12345", Align::Right, Style::PLAIN);
    let rows = texts(&layout(&doc, &Columns(32)));
    assert_eq!(
        rows[0],
        [
            (0, "Thuế GTGT 8% trên".to_owned()),
            (26, "91.449".to_owned())
        ]
    );
    assert_eq!(rows[1], [(0, "1.234.567 của hàng hóa".to_owned())]);
    // Sixteen large letters fill 32 columns exactly.
    assert_eq!(rows[2], [(0, "Điểm OCOP Hội An".to_owned())]);
    assert_eq!(rows[3], [(27, "12345".to_owned())]);
    let rows = texts(&layout(&doc, &Columns(30)));
    assert_eq!(rows[2], [(2, "Điểm OCOP Hội".to_owned())]);
    assert_eq!(rows[3], [(13, "An".to_owned())]);
}

#[test]
fn clean_composes_and_drops_controls() {
    let nfd: String = "Trà\tđảng\u{7}".nfd().collect();
    assert_eq!(clean(&nfd), "Trà đảng");
}
