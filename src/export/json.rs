//! JSON: the title, the columns, and each row as an object keyed by column, in column order.

use std::io::Write;

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeStruct};

use super::{Cell, Column, Error, Table};

struct Row<'a> {
    columns: &'a [Column],
    cells: &'a [Cell],
}

impl Serialize for Row<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.columns.len()))?;
        for (column, cell) in self.columns.iter().zip(self.cells) {
            match cell {
                Cell::Empty => map.serialize_entry(&column.key, &())?,
                Cell::Text(text) => map.serialize_entry(&column.key, text)?,
                Cell::Integer(n) => map.serialize_entry(&column.key, n)?,
                Cell::Money(amount) => map.serialize_entry(&column.key, &amount.0)?,
                Cell::Qty(qty) => map.serialize_entry(&column.key, &qty.0)?,
            }
        }
        map.end()
    }
}

#[derive(Serialize)]
struct ColumnOut<'a> {
    key: &'a str,
    header: &'a str,
}

struct Whole<'a>(&'a Table);

impl Serialize for Whole<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let table = self.0;
        let mut whole = s.serialize_struct("Table", 3)?;
        whole.serialize_field("title", &table.title)?;
        let columns: Vec<ColumnOut<'_>> = table
            .columns
            .iter()
            .map(|c| ColumnOut {
                key: &c.key,
                header: &c.header,
            })
            .collect();
        whole.serialize_field("columns", &columns)?;
        let rows: Vec<Row<'_>> = table
            .rows
            .iter()
            .map(|cells| Row {
                columns: &table.columns,
                cells,
            })
            .collect();
        whole.serialize_field("rows", &rows)?;
        whole.end()
    }
}

pub(super) fn write(table: &Table, out: &mut impl Write) -> Result<(), Error> {
    serde_json::to_writer_pretty(&mut *out, &Whole(table))?;
    writeln!(out)?;
    Ok(())
}
