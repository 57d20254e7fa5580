//! Writing a table while telling how far it got, for exports long enough to want a progress bar.

use std::io::Write;

use super::{BOM, Error, Format, Table, csv_field, xlsx};

impl Table {
    /// Writes the table in `format` like [`Table::write`], calling `progress` with the rows written
    /// so far: after each row for CSV and XLSX (the workbook is then still to be saved), once at the
    /// end for text and JSON.
    pub fn write_counted(
        &self,
        format: Format,
        out: &mut impl Write,
        progress: &mut dyn FnMut(usize),
    ) -> Result<(), Error> {
        match format {
            Format::Csv => csv(self, out, progress),
            Format::Xlsx => {
                self.check_shape()?;
                let bytes = xlsx::build(self, progress)?;
                Ok(out.write_all(&bytes)?)
            }
            Format::Text | Format::Json => {
                self.write(format, out)?;
                progress(self.rows.len());
                Ok(())
            }
        }
    }
}

/// CSV with a byte-order mark and a header row; `progress` after each row.
pub(super) fn csv(
    table: &Table,
    out: &mut impl Write,
    progress: &mut dyn FnMut(usize),
) -> Result<(), Error> {
    table.check_shape()?;
    out.write_all(BOM)?;
    let mut csv = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    csv.write_record(table.columns.iter().map(|c| c.header.as_str()))?;
    for (done, row) in (1_usize..).zip(&table.rows) {
        csv.write_record(row.iter().map(csv_field))?;
        progress(done);
    }
    csv.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{Cell, Column};
    use super::*;

    fn numbers(rows: i64) -> Table {
        Table {
            title: "Số".into(),
            columns: vec![Column::new("n", "Số")],
            rows: (1..=rows).map(|n| vec![Cell::Integer(n)]).collect(),
        }
    }

    #[test]
    fn every_row_is_counted_in_order_and_the_bytes_match_the_plain_writer() {
        let table = numbers(250);
        for format in [Format::Csv, Format::Xlsx] {
            let mut seen = Vec::new();
            let mut counted = Vec::new();
            table
                .write_counted(format, &mut counted, &mut |n| seen.push(n))
                .unwrap();
            assert_eq!(seen, (1..=250).collect::<Vec<_>>(), "{format:?}");
            if format == Format::Csv {
                let mut plain = Vec::new();
                table.write_csv(&mut plain).unwrap();
                assert_eq!(counted, plain);
            } else {
                assert!(counted.starts_with(b"PK"), "a zip");
            }
        }
        let mut seen = Vec::new();
        table
            .write_counted(Format::Json, &mut Vec::new(), &mut |n| seen.push(n))
            .unwrap();
        assert_eq!(seen, [250]);
    }

    /// Takes `room` bytes, then fails like a full disk.
    struct Full {
        room: usize,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.room == 0 {
                return Err(std::io::Error::other("đĩa đầy"));
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            Ok(n)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failing_disk_stops_the_count_and_says_why() {
        let table = numbers(100_000);
        let mut seen = 0;
        let err = table
            .write_counted(Format::Csv, &mut Full { room: 50_000 }, &mut |n| seen = n)
            .unwrap_err();
        assert!(err.to_string().contains("đĩa đầy"), "{err}");
        assert!(seen > 0 && seen < 100_000, "{seen}");
    }
}
