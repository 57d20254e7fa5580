//! The ESC/POS commands the encoders emit, byte for byte. [`super::decode`] reads them back.

use super::Cut;

/// `ESC @`: reset the printer.
pub const INIT: [u8; 2] = [0x1B, 0x40];
/// `FS .`: leave Chinese double-byte mode, which clones turn on by default and which would
/// swallow code-page bytes in pairs.
pub const CANCEL_KANJI: [u8; 2] = [0x1C, 0x2E];
/// Line feed.
pub const LF: u8 = 0x0A;

/// `ESC t n`: select character code table `n`.
pub fn code_page(n: u8) -> [u8; 3] {
    [0x1B, 0x74, n]
}

/// `ESC a n`: 0 left, 1 centre, 2 right.
pub fn align(n: u8) -> [u8; 3] {
    [0x1B, 0x61, n]
}

/// `ESC E n`: bold on or off.
pub fn bold(on: bool) -> [u8; 3] {
    [0x1B, 0x45, u8::from(on)]
}

/// `GS ! n`: double width and height when `large`, normal otherwise.
pub fn size(large: bool) -> [u8; 3] {
    [0x1D, 0x21, if large { 0x11 } else { 0x00 }]
}

/// `ESC d n`: print and feed `n` lines.
pub fn feed_lines(n: u8) -> [u8; 3] {
    [0x1B, 0x64, n]
}

/// `ESC J n`: print and feed `n` dots (motion units; one dot on 203 dpi printers).
pub fn feed_dots(n: u8) -> [u8; 3] {
    [0x1B, 0x4A, n]
}

/// `GS V m`: cut (function A: 0 full, 1 partial; the oldest form, understood by every cutter).
pub fn cut(cut: Cut) -> [u8; 3] {
    [
        0x1D,
        0x56,
        match cut {
            Cut::Full => 0,
            Cut::Partial => 1,
        },
    ]
}

/// `GS v 0 0 xL xH yL yH d…`: a raster image of `rows` rows of `width_bytes` bytes each, one bit
/// per dot, most significant bit leftmost, 1 = black.
pub fn raster(out: &mut Vec<u8>, width_bytes: u16, rows: u16, data: &[u8]) {
    let [xl, xh] = width_bytes.to_le_bytes();
    let [yl, yh] = rows.to_le_bytes();
    out.extend_from_slice(&[0x1D, 0x76, 0x30, 0x00, xl, xh, yl, yh]);
    out.extend_from_slice(data);
}

/// `GS ( k` function `fn_` of the QR symbol with parameters `params`.
fn qr_function(out: &mut Vec<u8>, fn_: u8, params: &[u8]) {
    // pL pH count cn, fn and the parameters.
    let len = u16::try_from(params.len() + 2).unwrap_or(u16::MAX);
    let [pl, ph] = len.to_le_bytes();
    out.extend_from_slice(&[0x1D, 0x28, 0x6B, pl, ph, 0x31, fn_]);
    out.extend_from_slice(params);
}

/// A native QR code: model 2, `module` dots per module, error correction M, then print.
/// `data` must be at most 7 089 bytes.
pub fn qr(out: &mut Vec<u8>, data: &[u8], module: u8) {
    qr_function(out, 0x41, &[0x32, 0x00]);
    qr_function(out, 0x43, &[module]);
    qr_function(out, 0x45, &[0x31]);
    let mut store = Vec::with_capacity(data.len() + 1);
    store.push(0x30);
    store.extend_from_slice(data);
    qr_function(out, 0x50, &store);
    qr_function(out, 0x51, &[0x30]);
}

/// A native Code 128 barcode (`GS k 73`): no printed digits (the document prints the number),
/// `height` dots tall, bars `module` dots wide. `data` holds code-set switches (`{B`, `{C`).
pub fn code128(out: &mut Vec<u8>, data: &[u8], height: u8, module: u8) {
    out.extend_from_slice(&[0x1D, 0x48, 0x00, 0x1D, 0x68, height, 0x1D, 0x77, module]);
    out.extend_from_slice(&[0x1D, 0x6B, 73, u8::try_from(data.len()).unwrap_or(u8::MAX)]);
    out.extend_from_slice(data);
}

/// A native EAN-13 barcode (`GS k 67`, format B): no printed digits, `height` dots tall, bars
/// `module` dots wide. `digits` are the 13 digits, check digit included.
pub fn ean13(out: &mut Vec<u8>, digits: &[u8], height: u8, module: u8) {
    out.extend_from_slice(&[0x1D, 0x48, 0x00, 0x1D, 0x68, height, 0x1D, 0x77, module]);
    out.extend_from_slice(&[
        0x1D,
        0x6B,
        67,
        u8::try_from(digits.len()).unwrap_or(u8::MAX),
    ]);
    out.extend_from_slice(digits);
}
