//! The text encoders: the document laid out in font-A columns and sent as characters of a code
//! page (WPC1258 or TCVN-3) or as ASCII without diacritics; bold and double size by ESC/POS
//! commands; QR and Code 128 by the printer's own `GS ( k` and `GS k`.

use super::codepage::Encoder;
use super::document::Style;
use super::layout::{self, Columns, Measure, Row};
use super::{Document, Encoding, Error, Profile, code128, ean13, escpos};

/// Dots per QR module in text mode.
const QR_MODULE: u8 = 4;
/// Height of Code 128 bars in dots.
const BAR_HEIGHT: u8 = 64;

struct State {
    out: Vec<u8>,
    encoder: Encoder,
    style: Style,
}

impl State {
    fn style(&mut self, style: Style) {
        if style.bold != self.style.bold {
            self.out.extend_from_slice(&escpos::bold(style.bold));
        }
        if style.large != self.style.large {
            self.out.extend_from_slice(&escpos::size(style.large));
        }
        self.style = style;
    }

    fn text_row(&mut self, style: Style, spans: &[layout::Span], m: &Columns) {
        self.style(style);
        let space = m.advance(' ', style);
        let mut at = 0;
        for span in spans {
            while at < span.x {
                self.out.push(b' ');
                at += space;
            }
            self.encoder.push(&span.text, &mut self.out);
            at += layout::width(&span.text, style, m);
        }
        self.out.push(escpos::LF);
    }

    fn centred(&mut self, body: impl FnOnce(&mut Vec<u8>)) {
        self.out.extend_from_slice(&escpos::align(1));
        body(&mut self.out);
        self.out.extend_from_slice(&escpos::align(0));
    }
}

/// The printer bytes of `doc` as text in `profile.encoding` (a raster profile is encoded as
/// ASCII text here; [`super::encode`] sends it to the raster encoder instead).
pub fn encode(doc: &Document, profile: &Profile) -> Result<Vec<u8>, Error> {
    let m = Columns(profile.width.columns());
    let mut state = State {
        out: Vec::with_capacity(4096),
        encoder: Encoder::new(profile.encoding, profile.pages),
        style: Style::PLAIN,
    };
    state.out.extend_from_slice(&escpos::INIT);
    if matches!(profile.encoding, Encoding::Wpc1258 | Encoding::Tcvn3) {
        state.out.extend_from_slice(&escpos::CANCEL_KANJI);
    }
    state.encoder.start(&mut state.out);
    for row in layout::layout(doc, &m) {
        match row {
            Row::Text { style, spans } => state.text_row(style, &spans, &m),
            Row::Rule => {
                state.style(Style::PLAIN);
                state
                    .out
                    .extend(std::iter::repeat_n(b'-', m.line() as usize));
                state.out.push(escpos::LF);
            }
            Row::Qr(data) => {
                // Checked here so a code the printer would refuse fails the same way as in raster.
                super::qr::matrix(&data)?;
                state.centred(|out| escpos::qr(out, data.as_bytes(), QR_MODULE));
            }
            Row::Code128(data) => {
                let (Ok(symbols), Ok(bytes)) =
                    (code128::symbols(&data), code128::escpos_data(&data))
                else {
                    continue;
                };
                let modules = u32::try_from(code128::modules(&symbols).len()).unwrap_or(u32::MAX);
                let fits = (1..=3_u8)
                    .rev()
                    .find(|w| (modules + 20) * u32::from(*w) <= profile.width.dots());
                if let (Some(module), true) = (fits, bytes.len() <= 255) {
                    state.centred(|out| escpos::code128(out, &bytes, BAR_HEIGHT, module));
                }
            }
            Row::Ean13(code) => {
                if ean13::modules(&code).is_ok() {
                    state.centred(|out| escpos::ean13(out, code.as_bytes(), BAR_HEIGHT, 3));
                }
            }
            Row::Feed(n) => state.out.extend_from_slice(&escpos::feed_lines(n)),
            Row::Cut => {
                state
                    .out
                    .extend_from_slice(&escpos::feed_lines(profile.feed_lines));
                state.out.extend_from_slice(&escpos::cut(profile.cut));
            }
        }
    }
    Ok(state.out)
}
