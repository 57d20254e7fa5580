//! An aligned text table for a terminal.

use std::io::Write;

use super::{Cell, Error, Table};

/// A cell as a person reads it: `1.250.000`, `1,5`.
fn shown(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(text) => text.clone(),
        Cell::Integer(n) => n.to_string(),
        Cell::Money(amount) => amount.grouped(),
        Cell::Qty(qty) => qty.to_string(),
    }
}

pub(super) fn write(table: &Table, out: &mut impl Write) -> Result<(), Error> {
    let cells: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|row| row.iter().map(shown).collect())
        .collect();
    let widths: Vec<usize> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            cells
                .iter()
                .map(|row| row[i].chars().count())
                .chain([column.header.chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    // A column of figures is right-aligned, header included, so digits line up.
    let right: Vec<bool> = (0..table.columns.len())
        .map(|i| {
            table
                .rows
                .iter()
                .any(|row| matches!(row[i], Cell::Integer(_) | Cell::Money(_) | Cell::Qty(_)))
        })
        .collect();
    let line = |texts: &mut dyn Iterator<Item = &str>| -> String {
        let mut line = String::new();
        for (i, text) in texts.enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            let pad = " ".repeat(widths[i].saturating_sub(text.chars().count()));
            if right[i] {
                line.push_str(&pad);
                line.push_str(text);
            } else {
                line.push_str(text);
                line.push_str(&pad);
            }
        }
        line.trim_end().to_owned()
    };
    writeln!(out, "{}", table.title)?;
    writeln!(
        out,
        "{}",
        line(&mut table.columns.iter().map(|c| c.header.as_str()))
    )?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    writeln!(out, "{}", line(&mut rule.iter().map(String::as_str)))?;
    for row in &cells {
        writeln!(out, "{}", line(&mut row.iter().map(String::as_str)))?;
    }
    Ok(())
}
