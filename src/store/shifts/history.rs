//! The Z history: closed shifts of a point, newest first, with their cash count.

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, params};

use super::time_column;
use crate::domain::money::Vnd;
use crate::store::Error;

/// One closed shift as the history lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedShift {
    /// The Z number.
    pub z_no: i64,
    /// Who opened the shift.
    pub clerk: String,
    /// Who counted and closed it.
    pub closed_by: String,
    /// When it opened.
    pub opened_at: DateTime<FixedOffset>,
    /// When it closed.
    pub closed_at: DateTime<FixedOffset>,
    /// What the drawer should have held.
    pub expected: Vnd,
    /// What was counted.
    pub counted: Vnd,
    /// Whether the close ended the business day.
    pub end_of_day: bool,
}

impl ClosedShift {
    /// Counted − expected: positive over, negative short.
    pub fn difference(&self) -> Vnd {
        Vnd(self.counted.0.saturating_sub(self.expected.0))
    }
}

/// The point's last `limit` closed shifts, newest first.
pub fn z_history(
    conn: &Connection,
    point_code: &str,
    limit: u32,
) -> Result<Vec<ClosedShift>, Error> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.z_no, COALESCE(o.name, ''), COALESCE(c.name, ''), s.opened_at, s.closed_at,
                COALESCE(s.expected_cash_vnd, 0), COALESCE(s.counted_cash_vnd, 0), s.end_of_day
         FROM shifts s
         LEFT JOIN users o ON o.id = s.user_id
         LEFT JOIN users c ON c.id = s.closed_by
         WHERE s.point_code = ?1 AND s.z_no IS NOT NULL
         ORDER BY s.z_no DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![point_code, limit], |r| {
        Ok(ClosedShift {
            z_no: r.get(0)?,
            clerk: r.get(1)?,
            closed_by: r.get(2)?,
            opened_at: time_column(r, 3)?,
            closed_at: time_column(r, 4)?,
            expected: Vnd(r.get(5)?),
            counted: Vnd(r.get(6)?),
            end_of_day: r.get::<_, i64>(7)? == 1,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store;

    #[test]
    fn lists_closed_shifts_newest_first_with_their_difference() {
        let dir = tempfile::tempdir().unwrap();
        let conn = store::open(&dir.path().join("till.db")).unwrap();
        conn.execute_batch(
            "INSERT INTO users (id, name, role, pin_hash, created_at)
                 VALUES (1, 'lan', 'clerk', 'x', '2026-11-01T07:00:00+07:00'),
                        (2, 'hoa', 'manager', 'x', '2026-11-01T07:00:00+07:00');
             INSERT INTO shifts (point_code, user_id, opened_at, business_date, float_vnd,
                                 first_sale_id, closed_at, closed_by, z_no, expected_cash_vnd,
                                 counted_cash_vnd, end_of_day)
             VALUES ('P', 1, '2026-11-01T07:00:00+07:00', '2026-11-01', 500000, 1,
                     '2026-11-01T21:00:00+07:00', 2, 1, 1500000, 1480000, 1),
                    ('P', 2, '2026-11-02T07:00:00+07:00', '2026-11-02', 500000, 1,
                     '2026-11-02T21:00:00+07:00', 1, 2, 900000, 910000, 0),
                    ('Q', 1, '2026-11-02T07:00:00+07:00', '2026-11-02', 0, 1,
                     '2026-11-02T21:00:00+07:00', 1, 1, 0, 0, 0);
             INSERT INTO shifts (point_code, user_id, opened_at, business_date, float_vnd,
                                 first_sale_id)
             VALUES ('P', 1, '2026-11-03T07:00:00+07:00', '2026-11-03', 500000, 1);",
        )
        .unwrap();
        let history = z_history(&conn, "P", 10).unwrap();
        assert_eq!(history.len(), 2);
        assert_eq!(history[0].z_no, 2);
        assert_eq!(history[0].clerk, "hoa");
        assert_eq!(history[0].closed_by, "lan");
        assert_eq!(history[0].difference(), Vnd(10_000));
        assert!(!history[0].end_of_day);
        assert_eq!(history[1].z_no, 1);
        assert_eq!(history[1].difference(), Vnd(-20_000));
        assert!(history[1].end_of_day);
        assert_eq!(z_history(&conn, "P", 1).unwrap().len(), 1);
    }
}
