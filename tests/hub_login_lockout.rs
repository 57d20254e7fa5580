//! Dashboard login security over real HTTP: five wrong passwords lock a staff user out (counted in
//! the database, so a restart forgives nothing) with a clear Vietnamese message, even the right
//! password is refused until the lock ends and works after it; names of nobody are never locked;
//! the session cookie carries `Secure` only when the hub is told it sits behind TLS; `ocop-hub
//! serve` takes the settings as flags and logs every attempt.
#![cfg(feature = "hub")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::Utc;
use ocop_pos::hub::login::Security;
use ocop_pos::hub::store::{logins, staff};
use reqwest::blocking::{Client, Response};
use reqwest::header::{CONTENT_TYPE, RETRY_AFTER, SET_COOKIE};
use reqwest::redirect::Policy;

use common::hub::hub_data;

const PASSWORD: &str = "mật-khẩu-dài-1";
const LOCKED: &str = "Tài khoản đang tạm khoá vì nhập sai mật khẩu quá nhiều lần";

fn http() -> Client {
    ocop_pos::sync::client::install_crypto();
    Client::builder().redirect(Policy::none()).build().unwrap()
}

fn login(http: &Client, url: &str, user: &str, password: &str) -> Response {
    let encode = |s: &str| -> String { s.bytes().map(|b| format!("%{b:02X}")).collect() };
    http.post(format!("{url}/login"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(format!(
            "username={}&password={}",
            encode(user),
            encode(password)
        ))
        .send()
        .unwrap()
}

/// Status, `Set-Cookie` (if any) and page text of a login.
fn try_login(
    http: &Client,
    url: &str,
    user: &str,
    password: &str,
) -> (u16, Option<String>, String) {
    let answer = login(http, url, user, password);
    let status = answer.status().as_u16();
    let cookie = answer
        .headers()
        .get(SET_COOKIE)
        .map(|v| v.to_str().unwrap().to_owned());
    (status, cookie, answer.text().unwrap())
}

fn lockout(failures: u32, seconds: i64) -> Security {
    Security {
        secure_cookies: true,
        lockout: logins::Policy {
            max_failures: failures,
            lock: chrono::Duration::seconds(seconds),
        },
    }
}

#[test]
fn five_wrong_passwords_lock_the_user_across_restarts_until_the_lock_ends() {
    let data = hub_data();
    staff::set(&data.db(), "lan", PASSWORD, Utc::now()).unwrap();
    let http = http();
    let security = lockout(5, 3);

    let hub = data.start_with(security);
    for _ in 0..3 {
        let (status, cookie, page) = try_login(&http, &hub.url(), "lan", "sai-mat-khau-1");
        assert_eq!((status, cookie), (401, None));
        assert!(page.contains("Sai tên đăng nhập hoặc mật khẩu."), "{page}");
    }
    drop(hub);
    let hub = data.start_with(security);
    let (status, _, _) = try_login(&http, &hub.url(), "lan", "sai-mat-khau-1");
    assert_eq!(status, 401, "the fourth, after a restart, still counts");
    let fifth = login(&http, &hub.url(), "lan", "sai-mat-khau-1");
    assert_eq!(fifth.status().as_u16(), 429);
    assert!(fifth.headers().get(RETRY_AFTER).is_some());
    let page = fifth.text().unwrap();
    assert!(
        page.contains(LOCKED) && page.contains("thử lại sau 1 phút"),
        "{page}"
    );
    let locked_at = Instant::now();

    drop(hub);
    let hub = data.start_with(security);
    let (status, cookie, page) = try_login(&http, &hub.url(), "lan", PASSWORD);
    assert_eq!(
        (status, cookie),
        (429, None),
        "locked even with the right password"
    );
    assert!(page.contains(LOCKED), "{page}");
    assert_eq!(
        data.count("SELECT COUNT(*) FROM login_failures WHERE username = 'lan' AND locked_until IS NOT NULL"),
        1
    );
    assert_eq!(data.count("SELECT COUNT(*) FROM sessions"), 0);

    // Nobody's name is never locked, however often it is tried.
    for _ in 0..7 {
        let (status, _, _) = try_login(&http, &hub.url(), "khong-ai", "sai-mat-khau-1");
        assert_eq!(status, 401);
    }

    std::thread::sleep(
        Duration::from_secs(3).saturating_sub(locked_at.elapsed()) + Duration::from_millis(300),
    );
    let (status, cookie, _) = try_login(&http, &hub.url(), "lan", PASSWORD);
    assert_eq!(status, 303, "the right password works once the lock ended");
    let cookie = cookie.unwrap();
    assert!(cookie.starts_with("ocop_session=ocop_"), "{cookie}");
    assert!(
        cookie.contains("; HttpOnly")
            && cookie.contains("; SameSite=Strict")
            && cookie.ends_with("; Secure"),
        "{cookie}"
    );
    assert_eq!(data.count("SELECT COUNT(*) FROM login_failures"), 0);
    assert_eq!(data.count("SELECT COUNT(*) FROM sessions"), 1);
}

#[test]
fn a_new_password_lifts_the_lock_and_cookies_are_secure_only_when_asked() {
    let data = hub_data();
    staff::set(&data.db(), "lan", PASSWORD, Utc::now()).unwrap();
    let http = http();
    let hub = data.start();
    for _ in 0..4 {
        assert_eq!(try_login(&http, &hub.url(), "lan", "sai-mat-khau-1").0, 401);
    }
    let (status, _, page) = try_login(&http, &hub.url(), "lan", "sai-mat-khau-1");
    assert_eq!(status, 429);
    assert!(
        page.contains("thử lại sau 15 phút"),
        "default lock is 15 minutes: {page}"
    );
    assert_eq!(try_login(&http, &hub.url(), "lan", PASSWORD).0, 429);

    staff::set(&data.db(), "lan", "mật-khẩu-mới-22", Utc::now()).unwrap();
    let (status, cookie, _) = try_login(&http, &hub.url(), "lan", "mật-khẩu-mới-22");
    assert_eq!(status, 303);
    let cookie = cookie.unwrap();
    assert!(
        !cookie.contains("Secure"),
        "plain HTTP by default: {cookie}"
    );
}

/// `ocop-hub serve` in its own process, killed when dropped.
struct Served(Child);

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_takes_the_settings_as_flags_and_logs_every_attempt() {
    let data = hub_data();
    staff::set(&data.db(), "lan", PASSWORD, Utc::now()).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ocop-hub"))
        .arg("--data-dir")
        .arg(data.dir.path())
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--secure-cookies",
            "--lockout-failures",
            "2",
            "--lockout-minutes",
            "30",
        ])
        .env("RUST_LOG", "info")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let served = Served(child);
    let (lines_tx, lines) = mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in stderr.lines().map_while(Result::ok) {
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    let next = |want: &str| -> String {
        loop {
            let line = lines.recv_timeout(Duration::from_secs(20)).unwrap();
            if line.contains(want) {
                return line;
            }
        }
    };
    let listening = next("ocop-hub listening");
    let addr = listening.split("addr=").nth(1).unwrap().trim();
    let url = format!("http://{addr}");
    let http = http();

    let (status, cookie, _) = try_login(&http, &url, "lan", PASSWORD);
    assert_eq!(status, 303);
    assert!(cookie.unwrap().ends_with("; Secure"));
    let granted = next("dashboard login");
    assert!(
        granted.contains("INFO") && granted.contains("lan"),
        "{granted}"
    );
    assert_eq!(try_login(&http, &url, "lan", "sai-mat-khau-1").0, 401);
    let refused = next("dashboard login refused");
    assert!(
        refused.contains("WARN") && refused.contains("lan"),
        "{refused}"
    );
    assert!(
        !refused.contains("sai-mat-khau"),
        "no password in the log: {refused}"
    );
    let (status, _, page) = try_login(&http, &url, "lan", "sai-mat-khau-1");
    assert_eq!(status, 429);
    assert!(page.contains("thử lại sau 30 phút"), "{page}");
    let locked = next("user locked out");
    assert!(
        locked.contains("lan") && locked.contains("until"),
        "{locked}"
    );
    drop(served);
}
