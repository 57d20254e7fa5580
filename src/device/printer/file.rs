//! Printing through a file: a device node such as `/dev/usb/lp0`, or on Windows a port or a
//! printer share. Files have no timeouts of their own, and opening or writing a device can block
//! for ever, so a helper thread opens the file and writes it while the job waits for each step
//! with a timeout; a thread stuck in the kernel is abandoned, and the job fails.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::sync::mpsc;
use std::thread;

use super::{Address, Error, Link, Status, Timeouts};

/// Bytes handed to the writer thread at a time: small enough that progress is seen often.
const CHUNK: usize = 4096;

/// An open device file.
pub(super) struct File {
    chunks: Option<mpsc::SyncSender<Vec<u8>>>,
    done: mpsc::Receiver<io::Result<()>>,
    address: Address,
    timeouts: Timeouts,
}

fn open_file(path: &str) -> io::Result<std::fs::File> {
    let mut options = OpenOptions::new();
    if cfg!(windows) {
        // Ports and printer shares take plain writes; appending asks for a right they lack.
        options.write(true);
    } else {
        options.append(true).create(true);
    }
    options.open(path)
}

impl File {
    /// Opens `path` for writing (on Unix created if it is a plain file that does not exist yet,
    /// and appended to, so a file collects every job), waiting at most the connect timeout.
    pub(super) fn open(address: &Address, path: &str, timeouts: Timeouts) -> Result<File, Error> {
        let connect = |source| Error::Connect {
            address: address.to_string(),
            source,
        };
        let (chunks, inbox) = mpsc::sync_channel::<Vec<u8>>(1);
        let (acks, done) = mpsc::sync_channel(1);
        let path = path.to_owned();
        thread::Builder::new()
            .name("ocop-printer-file".into())
            .spawn(move || {
                let mut file = match open_file(&path) {
                    Ok(file) => {
                        if acks.send(Ok(())).is_err() {
                            return;
                        }
                        file
                    }
                    Err(e) => {
                        let _ = acks.send(Err(e));
                        return;
                    }
                };
                for chunk in inbox {
                    let result = file.write_all(&chunk).and_then(|()| file.flush());
                    let failed = result.is_err();
                    if acks.send(result).is_err() || failed {
                        return;
                    }
                }
            })
            .map_err(connect)?;
        match done.recv_timeout(timeouts.connect) {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(connect(e)),
            Err(_) => {
                return Err(connect(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!(
                        "thiết bị không mở được trong {} ms",
                        timeouts.connect.as_millis()
                    ),
                )));
            }
        }
        Ok(File {
            chunks: Some(chunks),
            done,
            address: address.clone(),
            timeouts,
        })
    }

    fn timeout(&self) -> Error {
        Error::Timeout {
            address: self.address.to_string(),
            timeout: self.timeouts.write,
        }
    }
}

impl Link for File {
    fn status(&mut self) -> Status {
        // Reading back through a device file blocks without a timeout on most systems.
        Status::Unknown
    }

    fn send(&mut self, bytes: &[u8]) -> Result<(), Error> {
        let Some(chunks) = &self.chunks else {
            return Err(self.timeout());
        };
        for chunk in bytes.chunks(CHUNK) {
            if chunks.send(chunk.to_vec()).is_err() {
                return Err(self.timeout());
            }
            match self.done.recv_timeout(self.timeouts.write) {
                Ok(Ok(())) => {}
                Ok(Err(source)) => {
                    return Err(Error::from_write(
                        &self.address,
                        self.timeouts.write,
                        source,
                    ));
                }
                Err(_) => {
                    self.chunks = None;
                    return Err(self.timeout());
                }
            }
        }
        Ok(())
    }

    fn finish(&mut self, _confirm: bool) -> Result<(), Error> {
        // Dropping the sender ends the writer thread once its last chunk is written.
        self.chunks = None;
        Ok(())
    }
}
