//! Files, exports, the configuration file, printer addresses and report periods refused, in the
//! window's language.

use super::Lang;
use crate::config::SaveError;
use crate::store::sales_report::BadPeriod;

/// A configuration file that could not be saved.
pub fn config_save(err: &SaveError, lang: Lang) -> String {
    if lang == Lang::Vi {
        return err.to_string();
    }
    match err {
        SaveError::Toml(e) => format!("the configuration cannot be written as TOML: {e}"),
        SaveError::Io { path, source } => format!(
            "the configuration file {} cannot be written: {source}",
            path.display()
        ),
    }
}

/// A report period that ends before it starts.
pub fn period(err: &BadPeriod, lang: Lang) -> String {
    if lang == Lang::Vi {
        return err.to_string();
    }
    format!(
        "the period is not valid: it starts on {}, after it ends on {}",
        err.from.format("%d/%m/%Y"),
        err.to.format("%d/%m/%Y")
    )
}

/// A file that could not be read or written, named.
pub fn file(path: &std::path::Path, err: &std::io::Error, write: bool, lang: Lang) -> String {
    let path = path.display();
    match (lang, write) {
        (Lang::Vi, false) => format!("không đọc được tệp {path}: {err}"),
        (Lang::Vi, true) => format!("không ghi được tệp {path}: {err}"),
        (Lang::En, false) => format!("cannot read the file {path}: {err}"),
        (Lang::En, true) => format!("cannot write the file {path}: {err}"),
    }
}

/// A table (report, statement) that could not be written out.
pub fn export(err: &crate::export::Error, lang: Lang) -> String {
    use crate::export::Error;
    if lang == Lang::Vi {
        return err.to_string();
    }
    match err {
        Error::Shape {
            title,
            row,
            cells,
            columns,
        } => format!(
            "row {row} of table \"{title}\" has {cells} cells, the table has {columns} columns"
        ),
        Error::UnknownFormat(f) => {
            format!("format \"{f}\" is not supported; choose table, csv, xlsx or json")
        }
        Error::TooManyRows(n) => format!("the table is too large for an Excel sheet ({n} rows)"),
        Error::Io(e) => format!("cannot write the export file: {e}"),
        Error::File { path, source } => {
            format!("cannot write the file {}: {source}", path.display())
        }
        Error::Csv(e) => format!("cannot write the CSV file: {e}"),
        Error::Xlsx(e) => format!("cannot make the Excel file: {e}"),
        Error::Json(e) => format!("cannot write JSON: {e}"),
    }
}

/// A printer address that is not one.
pub fn address(err: &crate::device::printer::AddressError, lang: Lang) -> String {
    use crate::device::printer::AddressError;
    if lang == Lang::Vi {
        return err.to_string();
    }
    match err {
        AddressError::Scheme(a) => format!(
            "printer address \"{a}\" is not valid: it must start with tcp://, file:// or serial:// (e.g. tcp://192.168.1.50:9100, file:///dev/usb/lp0, serial:///dev/ttyUSB0?baud=19200)"
        ),
        AddressError::NoHost(a) => {
            format!("printer address \"{a}\" lacks a host name or IP address")
        }
        AddressError::Port { address, port } => format!(
            "port \"{port}\" in printer address \"{address}\" is not valid: it must be 1–65535"
        ),
        AddressError::NoPath(a) => format!("printer address \"{a}\" lacks a device path"),
        AddressError::Baud(b) => {
            format!("baud rate \"{b}\" is not valid: it must be 300–921600, e.g. 9600 or 19200")
        }
        AddressError::Flow(f) => {
            format!("flow control \"{f}\" is not valid: only none, hardware or software")
        }
        AddressError::Option { address, option } => format!(
            "printer address \"{address}\" cannot have option \"{option}\" (serial:// has only baud and flow)"
        ),
    }
}
