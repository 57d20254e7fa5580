//! Reads ESC/POS bytes back into commands — those our encoders emit — so tests check what a
//! printer would receive: the image its raster bands build, the text its code pages show.

use super::layout::is_combining;
use super::raster::Bitmap;
use super::{CodePages, codepage};

/// One ESC/POS command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `ESC @`.
    Init,
    /// `FS .`.
    CancelKanji,
    /// `ESC t n`.
    CodePage(u8),
    /// `ESC a n`.
    Align(u8),
    /// `ESC E n`.
    Bold(bool),
    /// `GS ! n`.
    Size(u8),
    /// `LF`.
    LineFeed,
    /// `ESC d n`.
    FeedLines(u8),
    /// `ESC J n`.
    FeedDots(u8),
    /// `GS V m` (and `GS V m n` for m 65/66, `n` dropped).
    Cut(u8),
    /// `GS v 0 m xL xH yL yH d…`.
    Raster {
        /// Scaling mode (0 = normal).
        mode: u8,
        /// Bytes per row.
        width_bytes: u16,
        /// Rows.
        rows: u16,
        /// `width_bytes × rows` bytes.
        data: Vec<u8>,
    },
    /// `GS ( k pL pH cn fn …` for the QR symbol (cn = 49).
    Qr {
        /// The function (65 model, 67 size, 69 error correction, 80 store, 81 print).
        function: u8,
        /// Its parameters.
        params: Vec<u8>,
    },
    /// `GS H n`: where the barcode's digits are printed.
    HriPosition(u8),
    /// `GS h n`.
    BarcodeHeight(u8),
    /// `GS w n`.
    BarcodeModule(u8),
    /// `GS k m n d…` (format B) or `GS k m d… NUL` (format A).
    Barcode {
        /// Symbology (73 = Code 128).
        kind: u8,
        /// Data as sent.
        data: Vec<u8>,
    },
    /// `ESC p m t1 t2`: drawer pulse.
    Pulse {
        /// 0 = pin 2, 1 = pin 5.
        pin: u8,
        /// On time in 2 ms units.
        on: u8,
        /// Off time in 2 ms units.
        off: u8,
    },
    /// Printable bytes.
    Text(Vec<u8>),
}

/// Bytes that are not a command we know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("lệnh ESC/POS không đọc được ở byte {at}: {what}")]
pub struct DecodeError {
    /// Offset of the command.
    pub at: usize,
    /// What was wrong.
    pub what: String,
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    start: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let slice = self
            .bytes
            .get(self.at..self.at + n)
            .ok_or_else(|| DecodeError {
                at: self.start,
                what: format!("lệnh bị cắt cụt (thiếu {n} byte)"),
            })?;
        self.at += n;
        Ok(slice)
    }

    fn byte(&mut self) -> Result<u8, DecodeError> {
        Ok(self.take(1)?[0])
    }

    fn bad(&self, what: String) -> DecodeError {
        DecodeError {
            at: self.start,
            what,
        }
    }
}

fn esc(r: &mut Reader<'_>) -> Result<Command, DecodeError> {
    Ok(match r.byte()? {
        0x40 => Command::Init,
        0x74 => Command::CodePage(r.byte()?),
        0x61 => Command::Align(r.byte()?),
        0x45 => Command::Bold(r.byte()? & 1 == 1),
        0x64 => Command::FeedLines(r.byte()?),
        0x4A => Command::FeedDots(r.byte()?),
        0x70 => {
            let p = r.take(3)?;
            Command::Pulse {
                pin: p[0],
                on: p[1],
                off: p[2],
            }
        }
        other => return Err(r.bad(format!("ESC {other:#04x}"))),
    })
}

fn gs(r: &mut Reader<'_>) -> Result<Command, DecodeError> {
    Ok(match r.byte()? {
        0x21 => Command::Size(r.byte()?),
        0x56 => {
            let m = r.byte()?;
            if m == 65 || m == 66 {
                r.byte()?;
            }
            Command::Cut(m)
        }
        0x76 => {
            let h = r.take(6)?;
            if h[0] != 0x30 {
                return Err(r.bad(format!("GS v {:#04x}", h[0])));
            }
            let width_bytes = u16::from_le_bytes([h[2], h[3]]);
            let rows = u16::from_le_bytes([h[4], h[5]]);
            let data = r
                .take(usize::from(width_bytes) * usize::from(rows))?
                .to_vec();
            Command::Raster {
                mode: h[1],
                width_bytes,
                rows,
                data,
            }
        }
        0x28 => {
            let h = r.take(3)?;
            let len = usize::from(u16::from_le_bytes([h[1], h[2]]));
            if h[0] != 0x6B || len < 2 {
                return Err(r.bad(format!("GS ( {:#04x}", h[0])));
            }
            let body = r.take(len)?;
            if body[0] != 0x31 {
                return Err(r.bad(format!("GS ( k cn={}", body[0])));
            }
            Command::Qr {
                function: body[1],
                params: body[2..].to_vec(),
            }
        }
        0x48 => Command::HriPosition(r.byte()?),
        0x68 => Command::BarcodeHeight(r.byte()?),
        0x77 => Command::BarcodeModule(r.byte()?),
        0x6B => {
            let kind = r.byte()?;
            let data = if kind >= 65 {
                let n = usize::from(r.byte()?);
                r.take(n)?.to_vec()
            } else {
                let rest = &r.bytes[r.at..];
                let n = rest
                    .iter()
                    .position(|b| *b == 0)
                    .ok_or_else(|| r.bad("GS k không có byte NUL kết thúc".into()))?;
                let data = r.take(n)?.to_vec();
                r.byte()?;
                data
            };
            Command::Barcode { kind, data }
        }
        other => return Err(r.bad(format!("GS {other:#04x}"))),
    })
}

/// The commands in `bytes`, or where they stop making sense.
pub fn parse(bytes: &[u8]) -> Result<Vec<Command>, DecodeError> {
    let mut r = Reader {
        bytes,
        at: 0,
        start: 0,
    };
    let mut out = Vec::new();
    while r.at < bytes.len() {
        r.start = r.at;
        let command = match r.byte()? {
            0x1B => esc(&mut r)?,
            0x1D => gs(&mut r)?,
            0x1C => match r.byte()? {
                0x2E => Command::CancelKanji,
                other => return Err(r.bad(format!("FS {other:#04x}"))),
            },
            0x0A => Command::LineFeed,
            b if b >= 0x20 && b != 0x7F => {
                let run = bytes[r.start..]
                    .iter()
                    .take_while(|b| **b >= 0x20 && **b != 0x7F)
                    .count();
                r.at = r.start + run;
                Command::Text(bytes[r.start..r.at].to_vec())
            }
            other => return Err(r.bad(format!("byte điều khiển {other:#04x}"))),
        };
        // Adjacent text runs (split only by our reader) are one command.
        match (out.last_mut(), command) {
            (Some(Command::Text(prev)), Command::Text(more)) => prev.extend(more),
            (_, command) => out.push(command),
        }
    }
    Ok(out)
}

/// The paper the raster commands print on: bands stacked, `ESC J` feeds as white rows, on a
/// `width`-dot strip; every other command leaves no mark here.
pub fn canvas(commands: &[Command], width: u32) -> Bitmap {
    let mut bitmap = Bitmap::new(width, 0);
    let stride = bitmap.stride();
    for command in commands {
        match command {
            Command::FeedDots(n) => {
                bitmap.height += u32::from(*n);
                bitmap.bits.resize(stride * bitmap.height as usize, 0);
            }
            Command::Raster {
                width_bytes,
                rows,
                data,
                ..
            } => {
                let w = usize::from(*width_bytes);
                for row in data.chunks(w.max(1)).take(usize::from(*rows)) {
                    let mut line = vec![0; stride];
                    let n = w.min(stride);
                    line[..n].copy_from_slice(&row[..n]);
                    bitmap.bits.extend_from_slice(&line);
                    bitmap.height += 1;
                }
            }
            _ => {}
        }
    }
    bitmap
}

/// A printed line of text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line {
    /// Its characters (NFC).
    pub text: String,
    /// Character cells it takes: one per letter, two in double size.
    pub cells: u32,
    /// Whether any of it was bold.
    pub bold: bool,
}

fn end_line(line: &mut Line, lines: &mut Vec<Line>) {
    let mut done = std::mem::take(line);
    done.text = super::layout::clean(&done.text);
    lines.push(done);
}

/// The text lines the commands print, decoding each run in the code page then in force.
pub fn text_lines(commands: &[Command], pages: &CodePages) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut line = Line::default();
    let (mut page, mut large, mut bold) = (None, false, false);
    for command in commands {
        match command {
            Command::Init => (page, large, bold) = (None, false, false),
            Command::CodePage(n) => page = Some(*n),
            Command::Size(n) => large = *n != 0,
            Command::Bold(on) => bold = *on,
            Command::Text(bytes) => {
                let text = codepage::decode(bytes, page, pages);
                let per = if large { 2 } else { 1 };
                line.cells += text.chars().filter(|c| !is_combining(*c)).count() as u32 * per;
                line.text.push_str(&text);
                line.bold |= bold;
            }
            Command::LineFeed => end_line(&mut line, &mut lines),
            Command::FeedLines(n) => {
                if !line.text.is_empty() {
                    end_line(&mut line, &mut lines);
                }
                for _ in 0..*n {
                    end_line(&mut line, &mut lines);
                }
            }
            _ => {}
        }
    }
    if !line.text.is_empty() {
        end_line(&mut line, &mut lines);
    }
    lines
}
