//! Checking a catalogue file without writing anything: what an import would add, update and
//! leave out, so the manager sees every bad row before deciding.

use rusqlite::Connection;

use super::{ImportMode, RowError, read};
use crate::store::Error;

/// What importing a file would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    /// Good rows of products not yet in the catalogue.
    pub new: usize,
    /// Good rows of products already there (they would be overwritten).
    pub existing: usize,
    /// Rows with problems.
    pub bad_rows: usize,
    /// The problems, by line (at most [`super::MAX_ERRORS`]).
    pub errors: Vec<RowError>,
}

/// Reads and checks `bytes` as an import would (every problem of every row), writing nothing.
/// A file that cannot be read at all (encoding, header) is an error, as for an import.
pub fn preview(conn: &Connection, bytes: &[u8]) -> Result<Preview, Error> {
    let checked = read(conn, bytes, ImportMode::SkipBadRows)?;
    let mut exists = conn.prepare_cached("SELECT 1 FROM products WHERE code = ?1")?;
    let mut preview = Preview {
        bad_rows: checked.skipped_rows,
        errors: checked.errors,
        ..Preview::default()
    };
    for row in &checked.good {
        if exists.exists([&row.product.code])? {
            preview.existing += 1;
        } else {
            preview.new += 1;
        }
    }
    Ok(preview)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::catalog_import::import;

    #[test]
    fn a_preview_names_bad_rows_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = crate::store::open(&dir.path().join("till.db")).unwrap();
        let file = "code,name,unit,price_vnd,vat_bp\n\
                    A-1,Mật ong,hũ,120000,800\n\
                    B-2,Trà,hộp,abc,800\n\
                    C-3,Miến,gói,30000,800\n";
        let seen = preview(&conn, file.as_bytes()).unwrap();
        assert_eq!((seen.new, seen.existing, seen.bad_rows), (2, 0, 1));
        assert_eq!(seen.errors.len(), 1);
        assert_eq!(seen.errors[0].line, 3);
        assert_eq!(seen.errors[0].column, "price_vnd");
        let count = |conn: &Connection| -> i64 {
            conn.query_row("SELECT COUNT(*) FROM products", [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(count(&conn), 0);
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-30T09:00:00+07:00").unwrap();
        import(
            &mut conn,
            b"code,name,unit,price_vnd,vat_bp\nA-1,M\xe1\xba\xadt ong,h\xc5\xa9,120000,800\n",
            ImportMode::Strict,
            None,
            now,
        )
        .unwrap();
        let again = preview(&conn, file.as_bytes()).unwrap();
        assert_eq!((again.new, again.existing), (1, 1));
    }
}
