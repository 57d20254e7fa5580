//! `ocop-pos check`: the database's own integrity, plus the till's invariants that SQLite cannot
//! enforce (stock equals its moves, receipts are gap-free, sales add up).

use rusqlite::Connection;

use super::{Error, stock};

/// Every invariant checked, with the problems found (empty = all good).
pub fn run(conn: &Connection) -> Result<Vec<String>, Error> {
    let mut problems = Vec::new();
    let integrity: Vec<String> = conn
        .prepare("PRAGMA integrity_check")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if integrity != ["ok"] {
        problems.extend(
            integrity
                .into_iter()
                .map(|m| format!("integrity_check: {m}")),
        );
    }
    let fk: Vec<(String, i64)> = conn
        .prepare("PRAGMA foreign_key_check")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    problems.extend(
        fk.into_iter()
            .map(|(t, id)| format!("khóa ngoại hỏng: bảng {t}, dòng {id}")),
    );
    for (code, cached, moves) in stock::mismatches(conn)? {
        problems.push(format!(
            "tồn kho {code}: bộ đệm {cached} khác tổng phát sinh {moves}"
        ));
    }
    let gaps: Vec<(String, i64, i64)> = conn
        .prepare(
            "SELECT s.point_code, COUNT(*), COALESCE(MAX(s.receipt_seq), 0)
             FROM sales s GROUP BY s.point_code
             HAVING COUNT(*) <> MAX(s.receipt_seq) OR MIN(s.receipt_seq) <> 1",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (point, count, max) in gaps {
        problems.push(format!(
            "số hóa đơn của {point} không liên tục: {count} hóa đơn, số lớn nhất {max}"
        ));
    }
    let unbalanced: Vec<String> = conn
        .prepare(
            "SELECT s.receipt_no FROM sales s
             WHERE s.total_vnd <> (SELECT COALESCE(SUM(net_vnd), 0) FROM sale_lines WHERE sale_id = s.id)
                OR s.total_vnd <> (SELECT COALESCE(SUM(amount_vnd), 0) FROM payments WHERE sale_id = s.id)
                OR s.vat_vnd <> (SELECT COALESCE(SUM(vat_vnd), 0) FROM sale_lines WHERE sale_id = s.id)
                OR NOT EXISTS (SELECT 1 FROM sale_lines WHERE sale_id = s.id)",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    problems.extend(
        unbalanced
            .into_iter()
            .map(|r| format!("hóa đơn {r}: tổng tiền không khớp dòng hoặc thanh toán")),
    );
    let unmoved: Vec<String> = conn
        .prepare(
            "SELECT s.receipt_no FROM sales s
             WHERE (SELECT COALESCE(SUM(qty_milli), 0) FROM sale_lines WHERE sale_id = s.id)
                <> -(SELECT COALESCE(SUM(qty_milli), 0) FROM stock_moves WHERE sale_id = s.id)",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    problems.extend(
        unmoved
            .into_iter()
            .map(|r| format!("hóa đơn {r}: số lượng bán khác phát sinh kho")),
    );
    Ok(problems)
}
