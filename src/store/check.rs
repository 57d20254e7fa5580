//! `ocop-pos check`: the database's own integrity, plus the till's invariants that SQLite cannot
//! enforce (stock equals its moves, receipts are gap-free, sales add up).

use rusqlite::Connection;

use super::{Error, stock};
use crate::domain::summary::DailySummary;

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
    for (lot, cached, moves) in stock::lot_mismatches(conn)? {
        problems.push(format!(
            "tồn kho lô {lot}: bộ đệm {cached} khác tổng phát sinh {moves}"
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
    let z_gaps: Vec<(String, i64, i64)> = conn
        .prepare(
            "SELECT point_code, COUNT(*), MAX(z_no) FROM shifts WHERE z_no IS NOT NULL
             GROUP BY point_code HAVING COUNT(*) <> MAX(z_no) OR MIN(z_no) <> 1",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (point, count, max) in z_gaps {
        problems.push(format!(
            "số báo cáo Z của {point} không liên tục: {count} báo cáo, số lớn nhất {max}"
        ));
    }
    let summaries: Vec<(String, i64, String)> = conn
        .prepare("SELECT subject, revision, body FROM outbox WHERE kind = 'daily_summary'")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (subject, revision, body) in summaries {
        let verdict = serde_json::from_str::<DailySummary>(&body)
            .map_err(|e| e.to_string())
            .and_then(|s| s.verify().map_err(|e| e.to_string()));
        if let Err(why) = verdict {
            problems.push(format!("báo cáo ngày {subject} bản {revision} hỏng: {why}"));
        }
    }
    // Whole-table aggregates joined once: linear in the history, no per-sale subqueries.
    let unbalanced: Vec<(String, String)> = conn
        .prepare(
            "WITH l AS (SELECT sale_id, SUM(net_vnd) AS net, SUM(vat_vnd) AS vat, SUM(qty_milli) AS qty
                        FROM sale_lines GROUP BY sale_id),
                  p AS (SELECT sale_id, SUM(amount_vnd) AS paid FROM payments GROUP BY sale_id),
                  m AS (SELECT sale_id, SUM(qty_milli) AS moved FROM stock_moves
                        WHERE sale_id IS NOT NULL GROUP BY sale_id)
             SELECT s.receipt_no,
                    CASE WHEN l.sale_id IS NULL THEN 'không có dòng hàng'
                         WHEN s.total_vnd <> l.net OR s.vat_vnd <> l.vat THEN 'tổng tiền khác các dòng'
                         WHEN s.total_vnd <> COALESCE(p.paid, 0) THEN 'tổng tiền khác thanh toán'
                         ELSE 'số lượng bán khác phát sinh kho' END
             FROM sales s LEFT JOIN l ON l.sale_id = s.id LEFT JOIN p ON p.sale_id = s.id
                  LEFT JOIN m ON m.sale_id = s.id
             WHERE l.sale_id IS NULL OR s.total_vnd <> l.net OR s.vat_vnd <> l.vat
                OR s.total_vnd <> COALESCE(p.paid, 0) OR l.qty <> -COALESCE(m.moved, 0)",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    problems.extend(
        unbalanced
            .into_iter()
            .map(|(r, why)| format!("hóa đơn {r}: {why}")),
    );
    Ok(problems)
}
