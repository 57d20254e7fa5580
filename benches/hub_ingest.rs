//! Budget B6 of design.md §7: hub ingest of daily summaries with 50 lines each over loopback HTTP,
//! ≥ 2,000 per second on 2 cores.
//!
//! A load harness, not criterion: the real hub (`hub::Handle`, WAL, `synchronous=FULL`) on
//! 127.0.0.1, 20 points, and `HUB_B6_CLIENTS` (default 8) client threads with keep-alive
//! connections each `PUT`ting distinct days (`HUB_B6_COUNT`, default 4,000 summaries in all).
//! Prints summaries per second and the latency p50/p99 on stderr.
//!
//! The load comes from a bare HTTP/1.1 client (one keep-alive socket per thread, bodies built
//! before the clock starts), so the two cores go to the hub rather than the load generator;
//! `HUB_B6_HTTP=reqwest` uses the till's own client instead (a blocking reqwest per point and
//! thread, each with its own runtime thread), to compare.

// A bench is test code: a broken fixture should stop the run loudly, so unwrap/expect are allowed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, Utc};
use ocop_pos::domain::money::Vnd;
use ocop_pos::hub::store::{self, points};
use ocop_pos::hub::{Handle, Settings};
use ocop_pos::sync::client::{Client, Delivery};
use ocop_pos::sync::protocol::{CURRENCY, DailySummary, Hour, Line, Method, Payment, SCHEMA};

const POINTS: usize = 20;

fn summary(point: &str, date: NaiveDate) -> DailySummary {
    let lines: Vec<Line> = (0..50)
        .map(|i| Line {
            product_code: format!("SP-{i:03}"),
            gtin: String::new(),
            name: format!("Sản phẩm OCOP số {i}"),
            producer_code: format!("HTX-{}", i % 7),
            ocop_group: Some(1 + (i % 6) as u8),
            stars: Some(3 + (i % 3) as u8),
            unit: "hộp".into(),
            qty_milli: 1000 * (1 + i64::from(i % 4)),
            net_vnd: Vnd(100_000 + 1_000 * i64::from(i)),
            vat_vnd: Vnd(7_407 + 74 * i64::from(i)),
        })
        .collect();
    let net: i64 = lines.iter().map(|l| l.net_vnd.0).sum();
    let vat: i64 = lines.iter().map(|l| l.vat_vnd.0).sum();
    DailySummary {
        schema: SCHEMA.into(),
        point_code: point.into(),
        business_date: date,
        revision: 1,
        generated_at: DateTime::parse_from_rfc3339("2026-11-30T21:05:00+07:00").unwrap(),
        currency: CURRENCY.into(),
        receipts: 40,
        refund_receipts: 0,
        gross_vnd: Vnd(net),
        discount_vnd: Vnd(0),
        refund_vnd: Vnd(0),
        net_vnd: Vnd(net),
        vat_vnd: Vnd(vat),
        payments: vec![
            Payment {
                method: Method::Cash,
                amount_vnd: Vnd(net - 1_000_000),
            },
            Payment {
                method: Method::Vietqr,
                amount_vnd: Vnd(1_000_000),
            },
        ],
        lines,
        hours: vec![Hour {
            hour: 10,
            receipts: 40,
            net_vnd: Vnd(net),
        }],
    }
}

/// One keep-alive HTTP/1.1 connection that `PUT`s bodies and reads the answers' status.
struct Bare {
    reader: BufReader<TcpStream>,
    request: Vec<u8>,
}

impl Bare {
    fn connect(addr: SocketAddr) -> Bare {
        let stream = TcpStream::connect(addr).unwrap();
        stream.set_nodelay(true).unwrap();
        Bare {
            reader: BufReader::new(stream),
            request: Vec::with_capacity(16 * 1024),
        }
    }

    /// Sends one `PUT` and returns the status and the body of the answer.
    fn put(&mut self, addr: SocketAddr, path: &str, token: &str, body: &str) -> (u16, String) {
        self.request.clear();
        write!(
            self.request,
            "PUT {path} HTTP/1.1\r\nHost: {addr}\r\nAuthorization: Bearer {token}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        self.reader.get_mut().write_all(&self.request).unwrap();
        let mut line = String::new();
        self.reader.read_line(&mut line).unwrap();
        let status: u16 = line.split(' ').nth(1).unwrap().parse().unwrap();
        let mut length = 0;
        loop {
            line.clear();
            self.reader.read_line(&mut line).unwrap();
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap();
            }
        }
        let mut answer = vec![0; length];
        self.reader.read_exact(&mut answer).unwrap();
        (status, String::from_utf8(answer).unwrap())
    }
}

/// Runs one client thread's jobs with the bare client; returns each request's latency.
fn bare_load(
    addr: SocketAddr,
    tokens: &[(String, String)],
    jobs: Vec<(String, NaiveDate, String)>,
) -> Vec<Duration> {
    let mut client = Bare::connect(addr);
    let mut latencies = Vec::with_capacity(jobs.len());
    for (point, date, body) in jobs {
        let (_, token) = tokens.iter().find(|(p, _)| *p == point).unwrap();
        let path = format!("/api/v1/points/{point}/days/{date}");
        let t0 = Instant::now();
        let (status, answer) = client.put(addr, &path, token, &body);
        assert_eq!(status, 200, "{answer}");
        latencies.push(t0.elapsed());
    }
    latencies
}

/// Runs one client thread's jobs with the till's client (one per point).
fn reqwest_load(
    url: &str,
    tokens: &[(String, String)],
    jobs: Vec<(String, NaiveDate, String)>,
) -> Vec<Duration> {
    let clients: Vec<Client> = tokens
        .iter()
        .map(|(_, t)| Client::new(url, t, Duration::from_secs(30)).unwrap())
        .collect();
    let mut latencies = Vec::with_capacity(jobs.len());
    for (point, date, body) in jobs {
        let i = tokens.iter().position(|(p, _)| *p == point).unwrap();
        let t0 = Instant::now();
        let answer = clients[i].put_day(&point, date, &body).unwrap();
        assert!(matches!(answer, Delivery::Accepted(_)), "{answer:?}");
        latencies.push(t0.elapsed());
    }
    latencies
}

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let clients = env_or("HUB_B6_CLIENTS", 8);
    let count = env_or("HUB_B6_COUNT", 4_000);
    let reqwest = std::env::var("HUB_B6_HTTP").is_ok_and(|v| v == "reqwest");
    let dir = tempfile::tempdir().unwrap();
    let conn = store::open(&store::path_in(dir.path())).unwrap();
    let tokens: Vec<(String, String)> = (0..POINTS)
        .map(|i| {
            let code = format!("DIEM-{i:02}");
            let point = points::NewPoint {
                code: code.clone(),
                name: code.clone(),
                kind: points::Kind::SalesPoint,
                province: "49".into(),
                commune: "20335".into(),
            };
            (
                code.clone(),
                points::add(&conn, &point, Utc::now()).unwrap(),
            )
        })
        .collect();
    drop(conn);
    let hub = Handle::start(Settings {
        listen: "127.0.0.1:0".parse().unwrap(),
        data_dir: dir.path().to_owned(),
        request_timeout: Duration::from_secs(30),
        security: Default::default(),
    })
    .unwrap();
    let url = hub.url();
    let addr = hub.addr();
    let first = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    // Bodies are built before the clock starts: B6 times the hub, not the test's JSON.
    let work: Vec<Vec<(String, NaiveDate, String)>> = (0..clients)
        .map(|c| {
            (0..count / clients)
                .map(|k| {
                    let n = c * (count / clients) + k;
                    let (point, _) = &tokens[n % POINTS];
                    let date = first + chrono::Duration::days((n / POINTS) as i64);
                    let body = serde_json::to_string(&summary(point, date)).unwrap();
                    (point.clone(), date, body)
                })
                .collect()
        })
        .collect();
    let bytes = work[0][0].2.len();
    let start = Instant::now();
    let threads: Vec<_> = work
        .into_iter()
        .map(|jobs| {
            let url = url.clone();
            let tokens = tokens.clone();
            std::thread::spawn(move || {
                if reqwest {
                    reqwest_load(&url, &tokens, jobs)
                } else {
                    bare_load(addr, &tokens, jobs)
                }
            })
        })
        .collect();
    let mut latencies: Vec<Duration> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    let elapsed = start.elapsed();
    latencies.sort_unstable();
    let n = latencies.len();
    let rate = n as f64 / elapsed.as_secs_f64();
    eprintln!(
        "B6 hub ingest: {n} summaries of 50 lines ({bytes} bytes each), {clients} {} clients, \
         {:.2} s: {rate:.0} per second (budget ≥ 2,000); latency p50 {:?}, p99 {:?}",
        if reqwest { "reqwest" } else { "bare HTTP/1.1" },
        elapsed.as_secs_f64(),
        latencies[n / 2],
        latencies[n * 99 / 100],
    );
    let kept: i64 = store::open(&store::path_in(dir.path()))
        .unwrap()
        .query_row("SELECT COUNT(*) FROM days", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, n as i64);
}
