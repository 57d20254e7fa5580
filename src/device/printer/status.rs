//! The printer's state by `DLE EOT n` (real-time status transmission): one byte back per request,
//! bits 1 and 4 always set and bits 0 and 7 clear, which tells a status byte from noise.

use std::fmt;
use std::io::{self, Read, Write};

/// What the printer reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Online.
    Ready,
    /// The paper roll is empty.
    PaperOut,
    /// The cover is open.
    CoverOpen,
    /// Offline for another reason (an error, the feed button held).
    Offline,
    /// The printer did not answer (many USB and file connections cannot).
    Unknown,
}

impl Status {
    /// Whether a job sent now would not print.
    pub fn stops_printing(self) -> bool {
        matches!(self, Status::PaperOut | Status::CoverOpen | Status::Offline)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::Ready => "sẵn sàng",
            Status::PaperOut => "hết giấy",
            Status::CoverOpen => "nắp máy in đang mở",
            Status::Offline => "đang ngoại tuyến (offline)",
            Status::Unknown => "không rõ trạng thái (máy in không trả lời)",
        })
    }
}

/// `DLE EOT n`.
pub fn request(n: u8) -> [u8; 3] {
    [0x10, 0x04, n]
}

/// A byte that has the fixed bits of a status answer.
pub fn is_answer(byte: u8) -> bool {
    byte & 0x93 == 0x12
}

/// Sends `DLE EOT n` and reads the answer within the stream's read timeout (which the caller
/// sets). Errors: the stream's own (timed out, reset), `UnexpectedEof` when the printer closed the
/// connection, `InvalidData` for a byte that is not a status answer.
pub fn ask<S: Read + Write + ?Sized>(stream: &mut S, n: u8) -> io::Result<u8> {
    stream.write_all(&request(n))?;
    stream.flush()?;
    let mut byte = [0u8; 1];
    loop {
        match stream.read(&mut byte) {
            Ok(1) if is_answer(byte[0]) => return Ok(byte[0]),
            Ok(1) => return Err(io::ErrorKind::InvalidData.into()),
            Ok(_) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Asks printer status (n = 1); when offline, the cause (n = 2) and the paper sensor (n = 4).
/// Fails only when the first question gets no answer.
pub fn read<S: Read + Write + ?Sized>(stream: &mut S) -> io::Result<Status> {
    let printer = ask(stream, 1)?;
    if printer & 0x08 == 0 {
        return Ok(Status::Ready);
    }
    match ask(stream, 2) {
        Ok(cause) if cause & 0x04 != 0 => return Ok(Status::CoverOpen),
        Ok(cause) if cause & 0x20 != 0 => return Ok(Status::PaperOut),
        _ => {}
    }
    Ok(match ask(stream, 4) {
        Ok(paper) if paper & 0x60 != 0 => Status::PaperOut,
        _ => Status::Offline,
    })
}

/// [`read`], with [`Status::Unknown`] for a printer that does not answer.
pub fn query<S: Read + Write + ?Sized>(stream: &mut S) -> Status {
    read(stream).unwrap_or(Status::Unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A printer that answers each request from a script and records what it was sent.
    struct Scripted {
        answers: Vec<u8>,
        sent: Vec<u8>,
    }

    impl Read for Scripted {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.answers.is_empty() {
                return Err(io::ErrorKind::TimedOut.into());
            }
            buf[0] = self.answers.remove(0);
            Ok(1)
        }
    }

    impl Write for Scripted {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.sent.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn status(answers: &[u8]) -> (Status, Vec<u8>) {
        let mut printer = Scripted {
            answers: answers.to_vec(),
            sent: Vec::new(),
        };
        (query(&mut printer), printer.sent)
    }

    #[test]
    fn answers_become_states() {
        assert_eq!(status(&[0x12]), (Status::Ready, vec![0x10, 0x04, 1]));
        // Offline, cover open (n = 2 bit 2).
        assert_eq!(status(&[0x1A, 0x16]).0, Status::CoverOpen);
        // Offline, paper end stop (n = 2 bit 5).
        assert_eq!(status(&[0x1A, 0x32]).0, Status::PaperOut);
        // Offline, no cause given, paper sensor says end (n = 4 bits 5 and 6).
        let (state, sent) = status(&[0x1A, 0x12, 0x72]);
        assert_eq!(state, Status::PaperOut);
        assert_eq!(sent, [0x10, 4, 1, 0x10, 4, 2, 0x10, 4, 4]);
        assert_eq!(status(&[0x1A, 0x12, 0x12]).0, Status::Offline);
        assert_eq!(status(&[]).0, Status::Unknown);
        // Noise is not an answer.
        assert_eq!(status(&[0xFF]).0, Status::Unknown);
        assert!(Status::PaperOut.stops_printing() && !Status::Unknown.stops_printing());
        assert_eq!(Status::PaperOut.to_string(), "hết giấy");
    }
}
