//! Printing over a serial port (RS-232 or a USB adapter) with the `serialport` crate, built
//! without libudev: ports are opened by name, never enumerated.

use std::io::{self, Write};
use std::time::Duration;

use serialport::{FlowControl, SerialPort};

use super::{Address, Error, Flow, Link, Status, Timeouts, status};

/// An open serial port.
pub(super) struct Serial {
    port: Box<dyn SerialPort>,
    address: Address,
    timeouts: Timeouts,
}

/// `serialport`'s flow control for ours.
pub(crate) fn flow_control(flow: Flow) -> FlowControl {
    match flow {
        Flow::None => FlowControl::None,
        Flow::Hardware => FlowControl::Hardware,
        Flow::Software => FlowControl::Software,
    }
}

/// A `serialport` error as an I/O error, keeping its description.
pub(crate) fn io_error(error: serialport::Error) -> io::Error {
    let kind = match error.kind() {
        serialport::ErrorKind::NoDevice => io::ErrorKind::NotFound,
        serialport::ErrorKind::InvalidInput => io::ErrorKind::InvalidInput,
        serialport::ErrorKind::Io(kind) => kind,
        _ => io::ErrorKind::Other,
    };
    io::Error::new(kind, error.description)
}

impl Serial {
    /// Opens the port at the address's speed and flow control.
    pub(super) fn open(address: &Address, timeouts: Timeouts) -> Result<Serial, Error> {
        let connect = |source| Error::Connect {
            address: address.to_string(),
            source,
        };
        let Address::Serial { path, baud, flow } = address else {
            return Err(connect(io::ErrorKind::InvalidInput.into()));
        };
        let port = serialport::new(path.as_str(), *baud)
            .flow_control(flow_control(*flow))
            .timeout(timeouts.write)
            .open()
            .map_err(|e| connect(io_error(e)))?;
        Ok(Serial {
            port,
            address: address.clone(),
            timeouts,
        })
    }
}

impl Link for Serial {
    fn status(&mut self) -> Status {
        // One timeout serves reads and writes: short while waiting for the answer.
        if self
            .port
            .set_timeout(self.timeouts.status.max(Duration::from_millis(1)))
            .is_err()
        {
            return Status::Unknown;
        }
        let state = status::query(&mut self.port);
        let _ = self.port.set_timeout(self.timeouts.write);
        state
    }

    fn send(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.port
            .write_all(bytes)
            .and_then(|()| self.port.flush())
            .map_err(|e| Error::from_write(&self.address, self.timeouts.write, e))
    }

    fn finish(&mut self, confirm: bool) -> Result<(), Error> {
        self.port
            .flush()
            .map_err(|e| Error::from_write(&self.address, self.timeouts.write, e))?;
        if confirm {
            let answer = status::read(&mut self.port);
            super::confirmed(&self.address, self.timeouts.write, answer)?;
        }
        Ok(())
    }
}
