//! Raw printing over TCP (port 9100): one connection per job, with the socket's own timeouts.

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

use super::{Address, Error, Link, Status, Timeouts, status};

/// A connected network printer.
pub(super) struct Tcp {
    stream: TcpStream,
    address: Address,
    timeouts: Timeouts,
}

fn connect_error(address: &Address, source: io::Error) -> Error {
    Error::Connect {
        address: address.to_string(),
        source,
    }
}

impl Tcp {
    /// Connects to the first address the host resolves to that answers within the timeout.
    pub(super) fn connect(address: &Address, timeouts: Timeouts) -> Result<Tcp, Error> {
        let Address::Tcp { host, port } = address else {
            return Err(connect_error(address, io::ErrorKind::InvalidInput.into()));
        };
        let targets = (host.as_str(), *port)
            .to_socket_addrs()
            .map_err(|e| connect_error(address, e))?;
        let mut last = io::Error::new(io::ErrorKind::NotFound, "tên máy không phân giải được");
        for target in targets {
            match TcpStream::connect_timeout(&target, timeouts.connect) {
                Ok(stream) => {
                    stream
                        .set_write_timeout(Some(timeouts.write))
                        .map_err(|e| connect_error(address, e))?;
                    // Receipts are written in one go; no reason to hold small packets back.
                    let _ = stream.set_nodelay(true);
                    return Ok(Tcp {
                        stream,
                        address: address.clone(),
                        timeouts,
                    });
                }
                Err(e) => last = e,
            }
        }
        Err(connect_error(address, last))
    }

    fn read_timeout(&self, timeout: Duration) {
        // Zero would mean "block forever" to the socket.
        let _ = self
            .stream
            .set_read_timeout(Some(timeout.max(Duration::from_millis(1))));
    }
}

impl Link for Tcp {
    fn status(&mut self) -> Status {
        self.read_timeout(self.timeouts.status);
        status::query(&mut self.stream)
    }

    fn send(&mut self, bytes: &[u8]) -> Result<(), Error> {
        self.stream
            .write_all(bytes)
            .and_then(|()| self.stream.flush())
            .map_err(|e| Error::from_write(&self.address, self.timeouts.write, e))
    }

    fn finish(&mut self, confirm: bool) -> Result<(), Error> {
        if confirm {
            self.read_timeout(self.timeouts.write);
            let answer = status::read(&mut self.stream);
            super::confirmed(&self.address, self.timeouts.write, answer)?;
        }
        // Half-close and wait briefly: a printer that dropped the connection before taking every
        // byte answers with a reset, which the kernel's buffers would otherwise hide.
        let _ = self.stream.shutdown(Shutdown::Write);
        self.read_timeout(self.timeouts.status.max(Duration::from_millis(200)));
        let mut sink = [0u8; 64];
        // A printer that keeps talking (automatic status back) must not keep the job open.
        let deadline = Instant::now() + self.timeouts.write;
        loop {
            match self.stream.read(&mut sink) {
                Ok(0) => return Ok(()),
                Ok(_) if Instant::now() >= deadline => return Ok(()),
                Ok(_) => continue,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
                    ) =>
                {
                    return Ok(());
                }
                Err(e) => return Err(Error::from_write(&self.address, self.timeouts.write, e)),
            }
        }
    }
}
