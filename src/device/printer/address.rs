//! Where the printer is: `tcp://HOST[:PORT]`, `file://PATH` or `serial://PATH[?baud=N&flow=F]`.
//! The path after `file://` and `serial://` is taken as written, so `file:///dev/usb/lp0`,
//! `serial:///dev/ttyUSB0`, `serial://COM3` and `file://\\server\printer` all work.

use std::fmt;
use std::str::FromStr;

/// Port of raw ESC/POS printing over the network (JetDirect).
pub const DEFAULT_TCP_PORT: u16 = 9100;
/// Speed of a serial printer when the address gives none.
pub const DEFAULT_BAUD: u32 = 9600;

/// How a serial link keeps the printer's buffer from overflowing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Flow {
    /// None: the printer must keep up (slow links, small jobs).
    #[default]
    None,
    /// RTS/CTS wires.
    Hardware,
    /// XON/XOFF bytes.
    Software,
}

impl Flow {
    fn as_str(self) -> &'static str {
        match self {
            Flow::None => "none",
            Flow::Hardware => "hardware",
            Flow::Software => "software",
        }
    }
}

/// A parsed printer address.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Address {
    /// A network printer.
    Tcp {
        /// Host name or IP address (IPv6 without brackets).
        host: String,
        /// TCP port.
        port: u16,
    },
    /// A device file (`/dev/usb/lp0`) or any file the system prints from.
    File(String),
    /// A serial port (`/dev/ttyUSB0`, `COM3`).
    Serial {
        /// The port's name.
        path: String,
        /// Bits per second.
        baud: u32,
        /// Flow control.
        flow: Flow,
    },
}

/// Why an address was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    /// Not one of the three schemes.
    #[error(
        "địa chỉ máy in \"{0}\" không hợp lệ: phải bắt đầu bằng tcp://, file:// hoặc serial:// \
         (ví dụ tcp://192.168.1.50:9100, file:///dev/usb/lp0, serial:///dev/ttyUSB0?baud=19200)"
    )]
    Scheme(String),
    /// `tcp://` without a host.
    #[error("địa chỉ máy in \"{0}\" thiếu tên máy hoặc địa chỉ IP")]
    NoHost(String),
    /// A port that is not 1–65535.
    #[error("cổng \"{port}\" trong địa chỉ máy in \"{address}\" không hợp lệ: phải là số 1–65535")]
    Port {
        /// The whole address.
        address: String,
        /// The port as written.
        port: String,
    },
    /// `file://` or `serial://` without a path.
    #[error("địa chỉ máy in \"{0}\" thiếu đường dẫn thiết bị")]
    NoPath(String),
    /// A baud rate that is not a number in range.
    #[error("tốc độ baud \"{0}\" không hợp lệ: phải là số 300–921600, ví dụ 9600 hoặc 19200")]
    Baud(String),
    /// A flow control other than none, hardware, software.
    #[error("điều khiển luồng \"{0}\" không hợp lệ: chỉ none, hardware hoặc software")]
    Flow(String),
    /// An option the scheme does not have.
    #[error(
        "tùy chọn \"{option}\" không có trong địa chỉ máy in \"{address}\" (chỉ có baud và flow cho serial://)"
    )]
    Option {
        /// The whole address.
        address: String,
        /// The option as written.
        option: String,
    },
}

fn tcp(address: &str, rest: &str) -> Result<Address, AddressError> {
    let rest = rest.trim_end_matches('/');
    let (host, port) = if let Some(v6) = rest.strip_prefix('[') {
        let (host, after) = v6
            .split_once(']')
            .ok_or_else(|| AddressError::NoHost(address.to_owned()))?;
        (host, after.strip_prefix(':'))
    } else {
        match rest.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (rest, None),
        }
    };
    if host.is_empty() || host.contains(['/', '?', ' ']) {
        return Err(AddressError::NoHost(address.to_owned()));
    }
    let port = match port {
        None => DEFAULT_TCP_PORT,
        Some(text) => {
            text.parse::<u16>()
                .ok()
                .filter(|p| *p > 0)
                .ok_or_else(|| AddressError::Port {
                    address: address.to_owned(),
                    port: text.to_owned(),
                })?
        }
    };
    Ok(Address::Tcp {
        host: host.to_owned(),
        port,
    })
}

fn serial(address: &str, rest: &str) -> Result<Address, AddressError> {
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path.is_empty() {
        return Err(AddressError::NoPath(address.to_owned()));
    }
    let (mut baud, mut flow) = (DEFAULT_BAUD, Flow::None);
    for option in query.split('&').filter(|o| !o.is_empty()) {
        match option.split_once('=') {
            Some(("baud", value)) => {
                baud = value
                    .parse()
                    .ok()
                    .filter(|b| (300..=921_600).contains(b))
                    .ok_or_else(|| AddressError::Baud(value.to_owned()))?;
            }
            Some(("flow", value)) => {
                flow = match value {
                    "none" => Flow::None,
                    "hardware" => Flow::Hardware,
                    "software" => Flow::Software,
                    _ => return Err(AddressError::Flow(value.to_owned())),
                };
            }
            _ => {
                return Err(AddressError::Option {
                    address: address.to_owned(),
                    option: option.to_owned(),
                });
            }
        }
    }
    Ok(Address::Serial {
        path: path.to_owned(),
        baud,
        flow,
    })
}

impl FromStr for Address {
    type Err = AddressError;

    fn from_str(text: &str) -> Result<Address, AddressError> {
        let address = text.trim();
        let lower = address.to_ascii_lowercase();
        if lower.starts_with("tcp://") {
            tcp(address, &address[6..])
        } else if lower.starts_with("file://") {
            let path = &address[7..];
            if path.is_empty() || path.contains('?') {
                return Err(AddressError::NoPath(address.to_owned()));
            }
            Ok(Address::File(path.to_owned()))
        } else if lower.starts_with("serial://") {
            serial(address, &address[9..])
        } else {
            Err(AddressError::Scheme(address.to_owned()))
        }
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Address::Tcp { host, port } if host.contains(':') => write!(f, "tcp://[{host}]:{port}"),
            Address::Tcp { host, port } => write!(f, "tcp://{host}:{port}"),
            Address::File(path) => write!(f, "file://{path}"),
            Address::Serial { path, baud, flow } => {
                write!(f, "serial://{path}?baud={baud}")?;
                if *flow != Flow::None {
                    write!(f, "&flow={}", flow.as_str())?;
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Address, AddressError> {
        text.parse()
    }

    #[test]
    fn the_three_schemes_parse_with_their_defaults() {
        assert_eq!(
            parse("tcp://192.168.1.50").unwrap(),
            Address::Tcp {
                host: "192.168.1.50".into(),
                port: 9100
            }
        );
        assert_eq!(
            parse(" TCP://printer.local:9101/ ").unwrap(),
            Address::Tcp {
                host: "printer.local".into(),
                port: 9101
            }
        );
        assert_eq!(
            parse("tcp://[::1]:9100").unwrap(),
            Address::Tcp {
                host: "::1".into(),
                port: 9100
            }
        );
        assert_eq!(
            parse("file:///dev/usb/lp0").unwrap(),
            Address::File("/dev/usb/lp0".into())
        );
        assert_eq!(parse("file://COM3").unwrap(), Address::File("COM3".into()));
        assert_eq!(
            parse(r"file://\\quay\xprinter").unwrap(),
            Address::File(r"\\quay\xprinter".into())
        );
        assert_eq!(
            parse("serial:///dev/ttyUSB0?baud=19200").unwrap(),
            Address::Serial {
                path: "/dev/ttyUSB0".into(),
                baud: 19200,
                flow: Flow::None
            }
        );
        assert_eq!(
            parse("serial://COM3?flow=hardware").unwrap(),
            Address::Serial {
                path: "COM3".into(),
                baud: DEFAULT_BAUD,
                flow: Flow::Hardware
            }
        );
        for text in [
            "tcp://10.0.0.7:9100",
            "tcp://[fe80::1]:9100",
            "file:///dev/usb/lp0",
            "serial:///dev/ttyS0?baud=115200&flow=software",
        ] {
            assert_eq!(parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn mistakes_are_named_in_vietnamese() {
        let cases = [
            ("192.168.1.50:9100", "phải bắt đầu bằng tcp://"),
            ("usb://lp0", "usb://lp0"),
            ("tcp://", "thiếu tên máy"),
            ("tcp://:9100", "thiếu tên máy"),
            ("tcp://10.0.0.7:91000", "cổng \"91000\""),
            ("tcp://10.0.0.7:0", "cổng \"0\""),
            ("tcp://10.0.0.7:abc", "cổng \"abc\""),
            ("file://", "thiếu đường dẫn"),
            ("serial://?baud=9600", "thiếu đường dẫn"),
            ("serial:///dev/ttyUSB0?baud=fast", "baud \"fast\""),
            ("serial:///dev/ttyUSB0?baud=12", "baud \"12\""),
            ("serial:///dev/ttyUSB0?flow=rts", "luồng \"rts\""),
            ("serial:///dev/ttyUSB0?parity=even", "\"parity=even\""),
        ];
        for (text, needle) in cases {
            let err = parse(text).unwrap_err().to_string();
            assert!(err.contains(needle), "{text}: {err}");
        }
    }
}
