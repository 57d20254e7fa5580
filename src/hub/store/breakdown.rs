//! What the dashboard reads from the kept summaries: totals by day, week or month; shares by point,
//! commune, producer, product, OCOP group and star level; points gone silent; one point's days.
//! Every figure is a sum of what the tills sent, in whole đồng.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};

use super::Error;
use crate::domain::money::Vnd;

/// A span of business days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
}

impl Period {
    fn args(&self) -> [String; 2] {
        [self.from.to_string(), self.to.to_string()]
    }
}

/// How finely sales are summed over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grain {
    /// One row per business day.
    Day,
    /// One row per week, labelled by its Monday.
    Week,
    /// One row per calendar month, labelled `YYYY-MM`.
    Month,
}

impl Grain {
    /// The query-string name.
    pub fn as_str(self) -> &'static str {
        match self {
            Grain::Day => "day",
            Grain::Week => "week",
            Grain::Month => "month",
        }
    }

    /// The grain called `name`, if there is one.
    pub fn parse(name: &str) -> Option<Grain> {
        [Grain::Day, Grain::Week, Grain::Month]
            .into_iter()
            .find(|g| g.as_str() == name)
    }

    fn sql(self) -> &'static str {
        match self {
            Grain::Day => "business_date",
            // SQLite moves to the coming Sunday (or stays on one); six days back is its Monday.
            Grain::Week => "date(business_date, 'weekday 0', '-6 days')",
            Grain::Month => "substr(business_date, 1, 7)",
        }
    }
}

/// Sales summed over one day, week or month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slice {
    /// The day, the week's Monday, or the month (`YYYY-MM`).
    pub label: String,
    /// Net sales.
    pub net: Vnd,
    /// VAT contained.
    pub vat: Vnd,
    /// Sale receipts.
    pub receipts: i64,
    /// Refund receipts.
    pub refund_receipts: i64,
    /// Distinct points that reported.
    pub points: i64,
}

/// Sales by day, week or month over `period`, oldest first.
pub fn over_time(conn: &Connection, period: Period, grain: Grain) -> Result<Vec<Slice>, Error> {
    let sql = format!(
        "SELECT {g}, SUM(net_vnd), SUM(vat_vnd), SUM(receipts), SUM(refund_receipts),
                COUNT(DISTINCT point_code)
         FROM days WHERE business_date BETWEEN ?1 AND ?2 GROUP BY {g} ORDER BY {g}",
        g = grain.sql()
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(period.args(), |r| {
        Ok(Slice {
            label: r.get(0)?,
            net: Vnd(r.get(1)?),
            vat: Vnd(r.get(2)?),
            receipts: r.get(3)?,
            refund_receipts: r.get(4)?,
            points: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// What a share of sales is taken by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dimension {
    /// Each registered point (also those that sent nothing in the period).
    Point,
    /// Each commune holding points.
    Commune,
    /// Each producer, by the code on the lines sold.
    Producer,
    /// Each product code sold.
    Product,
    /// Each OCOP product group (1–6, or unclassified).
    Group,
    /// Each star level (3–5, or unrated).
    Stars,
}

impl Dimension {
    /// Every dimension, in the dashboard's menu order.
    pub const ALL: [Dimension; 6] = [
        Dimension::Point,
        Dimension::Commune,
        Dimension::Producer,
        Dimension::Product,
        Dimension::Group,
        Dimension::Stars,
    ];

    /// The URL name.
    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Point => "point",
            Dimension::Commune => "commune",
            Dimension::Producer => "producer",
            Dimension::Product => "product",
            Dimension::Group => "group",
            Dimension::Stars => "stars",
        }
    }

    /// The dimension called `name`, if there is one.
    pub fn parse(name: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.as_str() == name)
    }

    fn sql(self) -> &'static str {
        match self {
            Dimension::Point => {
                "SELECT p.code, p.name, p.kind, COUNT(d.business_date),
                        COALESCE(SUM(d.receipts), 0), NULL,
                        COALESCE(SUM(d.net_vnd), 0), COALESCE(SUM(d.vat_vnd), 0)
                 FROM points p LEFT JOIN days d
                   ON d.point_code = p.code AND d.business_date BETWEEN ?1 AND ?2
                 GROUP BY p.code"
            }
            Dimension::Commune => {
                "SELECT p.commune, '', p.province, COUNT(DISTINCT d.point_code), SUM(d.receipts),
                        NULL, SUM(d.net_vnd), SUM(d.vat_vnd)
                 FROM days d JOIN points p ON p.code = d.point_code
                 WHERE d.business_date BETWEEN ?1 AND ?2 GROUP BY p.commune, p.province"
            }
            Dimension::Producer => {
                "SELECT l.producer_code,
                        COALESCE((SELECT MAX(c.producer_name) FROM catalogue c
                                  WHERE c.producer_code = l.producer_code
                                    AND l.producer_code <> ''), ''),
                        '', COUNT(DISTINCT l.point_code), NULL, NULL,
                        SUM(l.net_vnd), SUM(l.vat_vnd)
                 FROM day_lines l WHERE l.business_date BETWEEN ?1 AND ?2 GROUP BY l.producer_code"
            }
            Dimension::Product => {
                "SELECT l.product_code, MAX(l.name), MAX(l.unit), COUNT(DISTINCT l.point_code),
                        NULL, SUM(l.qty_milli), SUM(l.net_vnd), SUM(l.vat_vnd)
                 FROM day_lines l WHERE l.business_date BETWEEN ?1 AND ?2 GROUP BY l.product_code"
            }
            Dimension::Group => {
                "SELECT COALESCE(CAST(l.ocop_group AS TEXT), ''), '', '',
                        COUNT(DISTINCT l.point_code), NULL, NULL, SUM(l.net_vnd), SUM(l.vat_vnd)
                 FROM day_lines l WHERE l.business_date BETWEEN ?1 AND ?2 GROUP BY l.ocop_group"
            }
            Dimension::Stars => {
                "SELECT COALESCE(CAST(l.stars AS TEXT), ''), '', '', COUNT(DISTINCT l.point_code),
                        NULL, NULL, SUM(l.net_vnd), SUM(l.vat_vnd)
                 FROM day_lines l WHERE l.business_date BETWEEN ?1 AND ?2 GROUP BY l.stars"
            }
        }
    }
}

/// One row of a breakdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    /// The point, commune, producer or product code, group or star number; "" when unknown.
    pub key: String,
    /// A name for it, if the hub knows one.
    pub name: String,
    /// The point's kind, the commune's province, the product's unit; "" otherwise.
    pub detail: String,
    /// Days reported (points); points reporting (communes); points selling (the rest).
    pub count: i64,
    /// Sale receipts (points and communes only: a receipt is not split by product).
    pub receipts: Option<i64>,
    /// Quantity in thousandths (products only: units differ between products).
    pub qty_milli: Option<i64>,
    /// Net sales.
    pub net: Vnd,
    /// VAT contained.
    pub vat: Vnd,
}

/// Sales over `period` split by `dimension`, the largest first.
pub fn shares(
    conn: &Connection,
    period: Period,
    dimension: Dimension,
) -> Result<Vec<Share>, Error> {
    let sql = format!("{} ORDER BY 7 DESC, 1", dimension.sql());
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(period.args(), |r| {
        Ok(Share {
            key: r.get(0)?,
            name: r.get(1)?,
            detail: r.get(2)?,
            count: r.get(3)?,
            receipts: r.get(4)?,
            qty_milli: r.get(5)?,
            net: Vnd(r.get(6)?),
            vat: Vnd(r.get(7)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A registered point as the dashboard shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its kind's stored name.
    pub kind: String,
    /// Province code.
    pub province: String,
    /// Commune code.
    pub commune: String,
    /// The latest business day it reported.
    pub last: Option<NaiveDate>,
}

const POINTS: &str = "SELECT p.code, p.name, p.kind, p.province, p.commune,
                             (SELECT MAX(d.business_date) FROM days d WHERE d.point_code = p.code)
                      FROM points p";

fn point_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Point> {
    let last: Option<String> = r.get(5)?;
    Ok(Point {
        code: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        province: r.get(3)?,
        commune: r.get(4)?,
        last: last.and_then(|d| d.parse().ok()),
    })
}

/// Every registered point, by code.
pub fn points(conn: &Connection) -> Result<Vec<Point>, Error> {
    let mut stmt = conn.prepare(&format!("{POINTS} ORDER BY p.code"))?;
    let rows = stmt.query_map([], point_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The point with this code, if registered.
pub fn point(conn: &Connection, code: &str) -> Result<Option<Point>, Error> {
    Ok(conn
        .prepare(&format!("{POINTS} WHERE p.code = ?1"))?
        .query_row([code], point_row)
        .optional()?)
}

/// Points whose latest reported day is `days` or more days before `on`, or that never reported;
/// the longest silent first.
pub fn silent(conn: &Connection, on: NaiveDate, days: i64) -> Result<Vec<Point>, Error> {
    let mut quiet: Vec<Point> = points(conn)?
        .into_iter()
        .filter(|p| p.last.is_none_or(|last| (on - last).num_days() >= days))
        .collect();
    quiet.sort_by(|a, b| a.last.cmp(&b.last).then_with(|| a.code.cmp(&b.code)));
    Ok(quiet)
}

/// One day of one point, as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    /// The business day.
    pub date: String,
    /// The revision kept.
    pub revision: i64,
    /// Sale receipts.
    pub receipts: i64,
    /// Refund receipts.
    pub refund_receipts: i64,
    /// Gross sales.
    pub gross: Vnd,
    /// Discounts.
    pub discount: Vnd,
    /// Refunds.
    pub refund: Vnd,
    /// Net sales.
    pub net: Vnd,
    /// VAT contained.
    pub vat: Vnd,
    /// When the hub received it (UTC).
    pub received_at: String,
}

/// A point's days in `period`, oldest first.
pub fn point_days(conn: &Connection, code: &str, period: Period) -> Result<Vec<Day>, Error> {
    let mut stmt = conn.prepare(
        "SELECT business_date, revision, receipts, refund_receipts, gross_vnd, discount_vnd,
                refund_vnd, net_vnd, vat_vnd, received_at
         FROM days WHERE point_code = ?1 AND business_date BETWEEN ?2 AND ?3
         ORDER BY business_date",
    )?;
    let rows = stmt.query_map(
        params![code, period.from.to_string(), period.to.to_string()],
        |r| {
            Ok(Day {
                date: r.get(0)?,
                revision: r.get(1)?,
                receipts: r.get(2)?,
                refund_receipts: r.get(3)?,
                gross: Vnd(r.get(4)?),
                discount: Vnd(r.get(5)?),
                refund: Vnd(r.get(6)?),
                net: Vnd(r.get(7)?),
                vat: Vnd(r.get(8)?),
                received_at: r.get(9)?,
            })
        },
    )?;
    Ok(rows.collect::<Result<_, _>>()?)
}
