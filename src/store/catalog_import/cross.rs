//! Checks between rows of one file, and between the file and what the database already holds.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension};

use super::row::Parsed;
use super::{Col, RowError, RowProblem};
use crate::domain::catalog::Producer;
use crate::store::Error;

/// What the database already holds that rows may collide with or refer to.
pub(super) struct Known {
    /// Stored barcode → code of the product holding it.
    barcodes: HashMap<String, String>,
    /// Stored PLU → code of the product holding it.
    plus: HashMap<u32, String>,
    /// Stored producer codes that rows refer to.
    producers: HashSet<String>,
}

impl Known {
    /// Looks up every barcode, PLU and producer code the rows use.
    pub fn load(conn: &Connection, rows: &[Parsed]) -> Result<Known, Error> {
        let mut known = Known {
            barcodes: HashMap::new(),
            plus: HashMap::new(),
            producers: HashSet::new(),
        };
        let mut barcode = conn.prepare(
            "SELECT p.code FROM barcodes b JOIN products p ON p.id = b.product_id WHERE b.code = ?1",
        )?;
        let mut plu = conn.prepare("SELECT code FROM products WHERE plu = ?1")?;
        let mut producer = conn.prepare("SELECT 1 FROM producers WHERE code = ?1")?;
        for row in rows {
            for code in &row.product.barcodes {
                if let Some(holder) = barcode.query_row([code], |r| r.get(0)).optional()? {
                    known.barcodes.insert(code.clone(), holder);
                }
            }
            if let Some(n) = row.product.plu
                && let Some(holder) = plu.query_row([n], |r| r.get(0)).optional()?
            {
                known.plus.insert(n, holder);
            }
            if let Some(code) = &row.product.producer_code
                && producer.exists([code])?
            {
                known.producers.insert(code.clone());
            }
        }
        Ok(known)
    }
}

/// Problems between rows, and between rows and the database.
pub(super) fn cross_check(rows: &[Parsed], known: &Known) -> Vec<RowError> {
    let mut errors = Vec::new();
    let mut err = |line: u64, col: Col, reason: RowProblem| {
        errors.push(RowError {
            line,
            column: col.name().to_owned(),
            reason,
        });
    };
    let in_file: HashSet<&str> = rows.iter().map(|r| r.product.code.as_str()).collect();
    let mut defined: HashMap<&str, (u64, &Producer)> = HashMap::new();
    for row in rows {
        if let Some(p) = &row.producer {
            defined.entry(p.code.as_str()).or_insert((row.line, p));
        }
    }
    let mut codes: HashMap<&str, u64> = HashMap::new();
    let mut barcodes: HashMap<&str, u64> = HashMap::new();
    let mut plus: HashMap<u32, u64> = HashMap::new();
    for row in rows {
        let (line, p) = (row.line, &row.product);
        if let Some(first) = codes.insert(&p.code, line) {
            codes.insert(&p.code, first);
            err(
                line,
                Col::Code,
                RowProblem::DuplicateCode {
                    code: p.code.clone(),
                    first,
                },
            );
        }
        for code in &p.barcodes {
            if let Some(first) = barcodes.get(code.as_str()) {
                err(
                    line,
                    Col::Barcodes,
                    RowProblem::BarcodeTwice {
                        code: code.clone(),
                        first: *first,
                        line,
                    },
                );
            } else {
                barcodes.insert(code, line);
            }
            if let Some(holder) = known.barcodes.get(code)
                && *holder != p.code
                && !in_file.contains(holder.as_str())
            {
                err(
                    line,
                    Col::Barcodes,
                    RowProblem::BarcodeTaken {
                        code: code.clone(),
                        holder: holder.clone(),
                    },
                );
            }
        }
        if let Some(n) = p.plu {
            if let Some(first) = plus.get(&n) {
                err(
                    line,
                    Col::Plu,
                    RowProblem::PluTwice {
                        plu: n,
                        first: *first,
                        line,
                    },
                );
            } else {
                plus.insert(n, line);
            }
            if let Some(holder) = known.plus.get(&n)
                && *holder != p.code
                && !in_file.contains(holder.as_str())
            {
                err(
                    line,
                    Col::Plu,
                    RowProblem::PluTaken {
                        plu: n,
                        holder: holder.clone(),
                    },
                );
            }
        }
        let Some(code) = &p.producer_code else {
            continue;
        };
        match (&row.producer, defined.get(code.as_str())) {
            (Some(mine), Some((first, theirs))) if mine != *theirs => {
                let col = if mine.name != theirs.name {
                    Col::ProducerName
                } else if mine.kind != theirs.kind {
                    Col::ProducerKind
                } else if mine.commune_code != theirs.commune_code {
                    Col::ProducerCommune
                } else {
                    Col::ProducerTaxCode
                };
                err(
                    line,
                    col,
                    RowProblem::ProducerDiffers {
                        code: code.clone(),
                        first: *first,
                    },
                );
            }
            (None, None) if !known.producers.contains(code) => {
                err(
                    line,
                    Col::ProducerCode,
                    RowProblem::UnknownProducer(code.clone()),
                );
            }
            _ => {}
        }
    }
    errors
}
