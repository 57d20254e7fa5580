//! The print worker's last error in English. The worker keeps it as the text it also writes to the
//! print queue (Vietnamese), so the window recognises the printer driver's messages by their fixed
//! parts; anything else shows as written.

use crate::device::printer::Status;

/// The printer driver's fixed parts, each with the English that replaces it.
const STATUSES: [(Status, &str); 5] = [
    (Status::Ready, "ready"),
    (Status::PaperOut, "out of paper"),
    (Status::CoverOpen, "cover open"),
    (Status::Offline, "offline"),
    (
        Status::Unknown,
        "status unknown (the printer does not answer)",
    ),
];

/// A print error in English, when it is one of the driver's.
pub fn printer_en(vi: &str) -> String {
    if vi.starts_with("chưa cấu hình máy in") {
        return "no printer configured: set [printer] address in config.toml".into();
    }
    if let Some(rest) = vi.strip_prefix("không kết nối được máy in ") {
        return format!("cannot connect to printer {rest}");
    }
    if let Some(rest) = vi.strip_prefix("lỗi gửi dữ liệu đến máy in ") {
        return format!("error sending to printer {rest}");
    }
    if let Some(rest) = vi.strip_prefix("máy in ") {
        if let Some((address, why)) = rest.split_once(" ngắt kết nối giữa chừng: ") {
            return format!("printer {address} disconnected mid-job: {why}");
        }
        if let Some((address, wait)) = rest.split_once(" không nhận dữ liệu trong ")
            && let Some(ms) = wait.split_once(" ms").map(|(ms, _)| ms)
        {
            return format!(
                "printer {address} took no data for {ms} ms (out of paper, jammed, busy or off?)"
            );
        }
        if let Some((head, _)) = rest.split_once(": chưa in xong") {
            for (status, en) in STATUSES {
                if let Some(address) = head.strip_suffix(&format!(" báo {status}")) {
                    return format!("printer {address} reports {en}: not printed");
                }
            }
        }
    }
    vi.to_owned()
}

#[cfg(test)]
mod tests {
    use std::io;
    use std::time::Duration;

    use super::*;
    use crate::device::printer::Error;

    #[test]
    fn the_drivers_errors_read_in_english() {
        let address = "192.168.1.50:9100".to_owned();
        let cases = [
            (
                Error::NoPrinter,
                "no printer configured: set [printer] address in config.toml".to_owned(),
            ),
            (
                Error::Connect {
                    address: address.clone(),
                    source: io::Error::other("connection refused"),
                },
                format!("cannot connect to printer {address}: connection refused"),
            ),
            (
                Error::Timeout {
                    address: address.clone(),
                    timeout: Duration::from_millis(3000),
                },
                format!(
                    "printer {address} took no data for 3000 ms (out of paper, jammed, busy or off?)"
                ),
            ),
            (
                Error::Dropped {
                    address: address.clone(),
                    source: io::Error::other("broken pipe"),
                },
                format!("printer {address} disconnected mid-job: broken pipe"),
            ),
            (
                Error::Write {
                    address: address.clone(),
                    source: io::Error::other("EIO"),
                },
                format!("error sending to printer {address}: EIO"),
            ),
            (
                Error::NotReady {
                    address: address.clone(),
                    status: Status::PaperOut,
                },
                format!("printer {address} reports out of paper: not printed"),
            ),
        ];
        for (err, english) in cases {
            assert_eq!(printer_en(&err.to_string()), english);
        }
        assert_eq!(printer_en("lý do khác"), "lý do khác");
    }
}
