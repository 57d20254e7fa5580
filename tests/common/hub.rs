//! A real hub in-process on 127.0.0.1:0 with a temporary database, two registered points, and a
//! till-side client for it. The hub stops when dropped.
#![allow(dead_code)] // each test file uses its own part

use std::time::Duration;

use chrono::Utc;
use ocop_pos::hub::login::Security;
use ocop_pos::hub::store::{self, points};
use ocop_pos::hub::{Handle, Settings};
use ocop_pos::sync::client::Client;
use rusqlite::Connection;

/// The second point, for tokens used at the wrong point.
pub const OTHER: &str = "DANANG-02";

/// The hub's data folder and the points' tokens; outlives restarts of the server.
pub struct HubData {
    /// The folder of hub.db.
    pub dir: tempfile::TempDir,
    /// HOIAN-01's token.
    pub token: String,
    /// DANANG-02's token.
    pub other_token: String,
}

/// A new hub database with HOIAN-01 and DANANG-02 registered.
pub fn hub_data() -> HubData {
    let dir = tempfile::tempdir().unwrap();
    let conn = store::open(&store::path_in(dir.path())).unwrap();
    let add = |code: &str, kind| {
        let point = points::NewPoint {
            code: code.into(),
            name: format!("Điểm {code}"),
            kind,
            province: "49".into(),
            commune: "20335".into(),
        };
        points::add(&conn, &point, Utc::now()).unwrap()
    };
    let token = add("HOIAN-01", points::Kind::SalesPoint);
    let other_token = add(OTHER, points::Kind::OcopCentre);
    HubData {
        dir,
        token,
        other_token,
    }
}

impl HubData {
    /// Starts the hub on a free loopback port.
    pub fn start(&self) -> Handle {
        self.start_with(Security::default())
    }

    /// Starts the hub on a free loopback port with these login security settings.
    pub fn start_with(&self, security: Security) -> Handle {
        Handle::start(Settings {
            listen: "127.0.0.1:0".parse().unwrap(),
            data_dir: self.dir.path().to_owned(),
            request_timeout: Duration::from_secs(10),
            security,
        })
        .unwrap()
    }

    /// A connection to the hub's database, to look at what it kept.
    pub fn db(&self) -> Connection {
        store::open(&store::path_in(self.dir.path())).unwrap()
    }

    /// The single number `sql` returns from the hub's database.
    pub fn count(&self, sql: &str) -> i64 {
        self.db().query_row(sql, [], |r| r.get(0)).unwrap()
    }
}

/// A till-side client of `url` with `token`.
pub fn client(url: &str, token: &str) -> Client {
    Client::new(url, token, Duration::from_secs(5)).unwrap()
}

/// The field names of a serialised daily summary, from the type itself.
pub fn valid_summary_fields() -> Vec<String> {
    use ocop_pos::domain::money::Vnd;
    use ocop_pos::sync::protocol::{CURRENCY, DailySummary, SCHEMA};
    let summary = DailySummary {
        schema: SCHEMA.into(),
        point_code: "P".into(),
        business_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        revision: 1,
        generated_at: chrono::DateTime::parse_from_rfc3339("2026-11-30T21:00:00+07:00").unwrap(),
        currency: CURRENCY.into(),
        receipts: 0,
        refund_receipts: 0,
        gross_vnd: Vnd(0),
        discount_vnd: Vnd(0),
        refund_vnd: Vnd(0),
        net_vnd: Vnd(0),
        vat_vnd: Vnd(0),
        payments: Vec::new(),
        lines: Vec::new(),
        hours: Vec::new(),
    };
    match serde_json::to_value(summary).unwrap() {
        serde_json::Value::Object(map) => map.keys().cloned().collect(),
        _ => Vec::new(),
    }
}
