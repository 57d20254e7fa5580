//! Printer drivers: how job bytes reach an ESC/POS printer over the network (`tcp://`), through a
//! device file (`file://`) or a serial port (`serial://`). Every write has a timeout, so a dead
//! printer fails a job instead of hanging the worker; printers that answer `DLE EOT` report paper
//! out, cover open or offline before a job is sent.

pub mod address;
mod file;
mod serial;
pub mod status;
mod tcp;

pub use address::{Address, AddressError, Flow};
pub use status::Status;

pub(crate) use serial::io_error as serial_io_error;

use std::io;
use std::time::Duration;

/// How long the drivers wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// To connect to a network printer.
    pub connect: Duration,
    /// For the printer to take more bytes; longer means it is stuck or out of paper.
    pub write: Duration,
    /// For an answer to a status request; zero never asks.
    pub status: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(3),
            write: Duration::from_secs(10),
            status: Duration::from_millis(500),
        }
    }
}

/// A print that did not happen.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No `[printer] address` in the configuration.
    #[error("chưa cấu hình máy in: hãy đặt [printer] address trong config.toml")]
    NoPrinter,
    /// The printer could not be reached or opened.
    #[error("không kết nối được máy in {address}: {source}")]
    Connect {
        /// Where.
        address: String,
        /// Why.
        source: io::Error,
    },
    /// The printer stopped taking bytes.
    #[error(
        "máy in {address} không nhận dữ liệu trong {} ms (hết giấy, kẹt giấy, đang bận hoặc bị tắt?)",
        timeout.as_millis()
    )]
    Timeout {
        /// Where.
        address: String,
        /// How long it was given.
        timeout: Duration,
    },
    /// The connection closed in the middle of a job.
    #[error("máy in {address} ngắt kết nối giữa chừng: {source}")]
    Dropped {
        /// Where.
        address: String,
        /// How.
        source: io::Error,
    },
    /// Another write failure.
    #[error("lỗi gửi dữ liệu đến máy in {address}: {source}")]
    Write {
        /// Where.
        address: String,
        /// Why.
        source: io::Error,
    },
    /// The printer said it cannot print.
    #[error("máy in {address} báo {status}: chưa in xong")]
    NotReady {
        /// Where.
        address: String,
        /// What it said.
        status: Status,
    },
}

impl Error {
    /// Sorts an I/O error of a write into timeout, dropped connection or other.
    fn from_write(address: &Address, timeout: Duration, source: io::Error) -> Error {
        let address = address.to_string();
        match source.kind() {
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => {
                Error::Timeout { address, timeout }
            }
            io::ErrorKind::BrokenPipe
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::NotConnected
            | io::ErrorKind::UnexpectedEof
            | io::ErrorKind::WriteZero => Error::Dropped { address, source },
            _ => Error::Write { address, source },
        }
    }
}

/// The answer to the status request sent after a job, as the job's result.
fn confirmed(
    address: &Address,
    timeout: Duration,
    answer: io::Result<Status>,
) -> Result<(), Error> {
    match answer {
        Ok(status) if status.stops_printing() => Err(Error::NotReady {
            address: address.to_string(),
            status,
        }),
        Ok(_) => Ok(()),
        Err(source) => Err(Error::from_write(address, timeout, source)),
    }
}

/// An open connection to a printer.
pub trait Link: Send {
    /// The printer's state, asked with `DLE EOT`; [`Status::Unknown`] when it does not answer.
    fn status(&mut self) -> Status;
    /// Sends `bytes`, failing when the printer takes nothing for the write timeout.
    fn send(&mut self, bytes: &[u8]) -> Result<(), Error>;
    /// Ends the job: flushes, and reports a connection the printer dropped before the end. With
    /// `confirm` (the printer answered the status request before the job) it asks again and
    /// waits up to the write timeout: the answer can only come once every byte was taken.
    fn finish(&mut self, confirm: bool) -> Result<(), Error>;
}

/// Opens the printer at `address`.
pub fn open(address: &Address, timeouts: Timeouts) -> Result<Box<dyn Link>, Error> {
    Ok(match address {
        Address::Tcp { .. } => Box::new(tcp::Tcp::connect(address, timeouts)?),
        Address::File(path) => Box::new(file::File::open(address, path, timeouts)?),
        Address::Serial { .. } => Box::new(serial::Serial::open(address, timeouts)?),
    })
}

/// Asks the printer at `address` for its state, printing nothing (for the settings screen).
pub fn status(address: &Address, timeouts: Timeouts) -> Result<Status, Error> {
    Ok(open(address, timeouts)?.status())
}

/// Opens the printer, checks it is ready where it answers, sends `bytes` and ends the job; a
/// printer that answered before must answer again after the job, and be ready.
pub fn print(address: &Address, timeouts: Timeouts, bytes: &[u8]) -> Result<(), Error> {
    let mut link = open(address, timeouts)?;
    let status = if timeouts.status.is_zero() {
        Status::Unknown
    } else {
        link.status()
    };
    if status.stops_printing() {
        return Err(Error::NotReady {
            address: address.to_string(),
            status,
        });
    }
    link.send(bytes)?;
    link.finish(status != Status::Unknown)
}
