//! Trade-promotion events (design.md §6): a name, a kind, first and last day, the points taking
//! part and optionally the products promoted. A draft from the dashboard's form is checked whole:
//! every problem is named, and nothing is stored unless all is well.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::Error;
use super::points::valid_code;

/// The longest event the hub measures, in days (a year, leap day included).
pub const MAX_DAYS: i64 = 366;

/// The longest name kept, in characters.
pub const MAX_NAME: usize = 120;

/// What kind of promotion an event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A trade fair.
    Fair,
    /// A new OCOP centre opening.
    NewCentre,
    /// A booth in a hotel.
    HotelBooth,
    /// Anything else.
    Other,
}

impl Kind {
    /// Every kind, in the order the form offers them.
    pub const ALL: [Kind; 4] = [Kind::Fair, Kind::NewCentre, Kind::HotelBooth, Kind::Other];

    /// The stored and form name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Fair => "fair",
            Kind::NewCentre => "new-centre",
            Kind::HotelBooth => "hotel-booth",
            Kind::Other => "other",
        }
    }

    /// The kind called `name`, if there is one.
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// An event as typed into the form, not yet checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// Its name.
    pub name: String,
    /// Its kind's form name.
    pub kind: String,
    /// First day, `YYYY-MM-DD`.
    pub start: String,
    /// Last day, `YYYY-MM-DD`.
    pub end: String,
    /// Codes of the points taking part.
    pub points: Vec<String>,
    /// Codes of the products promoted (none: every product counts).
    pub products: Vec<String>,
}

/// One thing wrong with a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The name is empty.
    NameEmpty,
    /// The name is longer than [`MAX_NAME`].
    NameTooLong,
    /// The kind is not one of [`Kind::ALL`].
    Kind,
    /// The first day is not a date.
    Start,
    /// The last day is not a date.
    End,
    /// The last day comes before the first.
    EndBeforeStart,
    /// The event is longer than [`MAX_DAYS`].
    TooLong,
    /// No point was chosen.
    NoPoints,
    /// A chosen point is not registered.
    UnknownPoint(String),
    /// A product code is neither in the catalogue nor ever sold at a point.
    UnknownProduct(String),
}

/// A checked event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Its number (0 before it is stored).
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Its kind.
    pub kind: Kind,
    /// First day.
    pub start: NaiveDate,
    /// Last day (inclusive).
    pub end: NaiveDate,
    /// The points taking part, sorted.
    pub points: Vec<String>,
    /// The products promoted, sorted; empty means all.
    pub products: Vec<String>,
}

fn known(conn: &Connection, sql: &str, code: &str) -> Result<bool, Error> {
    Ok(conn
        .prepare_cached(sql)?
        .query_row([code], |_| Ok(()))
        .optional()?
        .is_some())
}

fn codes(raw: &[String]) -> Vec<String> {
    let mut codes: Vec<String> = raw
        .iter()
        .flat_map(|c| c.split([',', ' ', '\n', '\r', '\t', ';']))
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

/// Checks a draft; either the event to store or every problem found.
pub fn check(conn: &Connection, draft: &Draft) -> Result<Result<Event, Vec<Problem>>, Error> {
    let mut problems = Vec::new();
    let name = draft.name.trim();
    if name.is_empty() {
        problems.push(Problem::NameEmpty);
    } else if name.chars().count() > MAX_NAME {
        problems.push(Problem::NameTooLong);
    }
    let kind = Kind::parse(draft.kind.trim());
    if kind.is_none() {
        problems.push(Problem::Kind);
    }
    let start = NaiveDate::parse_from_str(draft.start.trim(), "%Y-%m-%d").ok();
    let end = NaiveDate::parse_from_str(draft.end.trim(), "%Y-%m-%d").ok();
    if start.is_none() {
        problems.push(Problem::Start);
    }
    if end.is_none() {
        problems.push(Problem::End);
    }
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            problems.push(Problem::EndBeforeStart);
        } else if (e - s).num_days() + 1 > MAX_DAYS {
            problems.push(Problem::TooLong);
        }
    }
    let points = codes(&draft.points);
    if points.is_empty() {
        problems.push(Problem::NoPoints);
    }
    for code in &points {
        if !valid_code(code) || !known(conn, "SELECT 1 FROM points WHERE code = ?1", code)? {
            problems.push(Problem::UnknownPoint(code.clone()));
        }
    }
    let products = codes(&draft.products);
    for code in &products {
        let listed = known(
            conn,
            "SELECT 1 FROM catalogue WHERE product_code = ?1",
            code,
        )?;
        if !listed
            && !known(
                conn,
                "SELECT 1 FROM day_lines WHERE product_code = ?1",
                code,
            )?
        {
            problems.push(Problem::UnknownProduct(code.clone()));
        }
    }
    Ok(match (kind, start, end) {
        (Some(kind), Some(start), Some(end)) if problems.is_empty() => Ok(Event {
            id: 0,
            name: name.to_owned(),
            kind,
            start,
            end,
            points,
            products,
        }),
        _ => Err(problems),
    })
}

/// Stores a checked event with its points and products in one transaction; returns its number.
pub fn create(
    conn: &mut Connection,
    event: &Event,
    by: &str,
    at: DateTime<Utc>,
) -> Result<i64, Error> {
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO events (name, kind, start_date, end_date, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            event.name,
            event.kind.as_str(),
            event.start.to_string(),
            event.end.to_string(),
            by,
            at.to_rfc3339_opts(SecondsFormat::Secs, true)
        ],
    )?;
    let id = tx.last_insert_rowid();
    for point in &event.points {
        tx.execute(
            "INSERT INTO event_points (event_id, point_code) VALUES (?1, ?2)",
            params![id, point],
        )?;
    }
    for product in &event.products {
        tx.execute(
            "INSERT INTO event_products (event_id, product_code) VALUES (?1, ?2)",
            params![id, product],
        )?;
    }
    tx.commit()?;
    Ok(id)
}

fn members(conn: &Connection, sql: &str, id: i64) -> Result<Vec<String>, Error> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn date(text: &str) -> Result<NaiveDate, Error> {
    text.parse().map_err(|_| Error::Invalid {
        field: "events.start_date",
        reason: "không phải ngày",
    })
}

/// The event numbered `id`, if there is one.
pub fn get(conn: &Connection, id: i64) -> Result<Option<Event>, Error> {
    let row: Option<(String, String, String, String)> = conn
        .prepare_cached("SELECT name, kind, start_date, end_date FROM events WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let Some((name, kind, start, end)) = row else {
        return Ok(None);
    };
    Ok(Some(Event {
        id,
        name,
        kind: Kind::parse(&kind).unwrap_or(Kind::Other),
        start: date(&start)?,
        end: date(&end)?,
        points: members(
            conn,
            "SELECT point_code FROM event_points WHERE event_id = ?1 ORDER BY point_code",
            id,
        )?,
        products: members(
            conn,
            "SELECT product_code FROM event_products WHERE event_id = ?1 ORDER BY product_code",
            id,
        )?,
    }))
}

/// Deletes the event numbered `id` with its points and products; whether there was one.
pub fn delete(conn: &Connection, id: i64) -> Result<bool, Error> {
    // event_points and event_products go with it (ON DELETE CASCADE).
    Ok(conn.execute("DELETE FROM events WHERE id = ?1", [id])? > 0)
}

/// Every event, the latest start first.
pub fn list(conn: &Connection) -> Result<Vec<Event>, Error> {
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM events ORDER BY start_date DESC, id DESC")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut events = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(event) = get(conn, id)? {
            events.push(event);
        }
    }
    Ok(events)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hub_of_the_previous_version_upgrades_keeping_its_points() {
        let mut conn = Connection::open_in_memory().unwrap();
        for (_, sql) in &super::super::MIGRATIONS[..3] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 3).unwrap();
        conn.execute(
            "INSERT INTO points VALUES ('HOIAN-01', 'Hội An', 'sales-point', '49', '20335', x'00',
                                        '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')",
            [],
        )
        .unwrap();
        let all = super::super::MIGRATIONS.len();
        assert_eq!(super::super::migrate(&mut conn).unwrap(), all);
        let draft = Draft {
            name: "Hội chợ".into(),
            kind: "fair".into(),
            start: "2026-11-10".into(),
            end: "2026-11-10".into(),
            points: vec!["HOIAN-01".into()],
            products: Vec::new(),
        };
        let event = check(&conn, &draft).unwrap().unwrap();
        let id = create(&mut conn, &event, "lan", Utc::now()).unwrap();
        assert_eq!(get(&conn, id).unwrap().unwrap().points, ["HOIAN-01"]);
        assert!(delete(&conn, id).unwrap());
        assert!(list(&conn).unwrap().is_empty());
    }

    #[test]
    fn codes_split_on_commas_and_spaces_and_dedup() {
        let raw = vec!["B, A".to_owned(), "A;C\n".to_owned(), " ".to_owned()];
        assert_eq!(codes(&raw), vec!["A", "B", "C"]);
    }

    #[test]
    fn a_bad_draft_names_every_problem() {
        let dir = tempfile::tempdir().unwrap();
        let conn = super::super::open(&super::super::path_in(dir.path())).unwrap();
        let draft = Draft {
            name: " ".into(),
            kind: "party".into(),
            start: "2026-11-10".into(),
            end: "2026-11-09".into(),
            points: vec!["NOPE".into()],
            products: vec!["X".into()],
        };
        assert_eq!(
            check(&conn, &draft).unwrap(),
            Err(vec![
                Problem::NameEmpty,
                Problem::Kind,
                Problem::EndBeforeStart,
                Problem::UnknownPoint("NOPE".into()),
                Problem::UnknownProduct("X".into()),
            ])
        );
    }
}
