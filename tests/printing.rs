//! The print queue against a network printer: a listener on 127.0.0.1 stands in for it. A job
//! reaches it byte for byte; a closed port, a printer that never reads, one that drops the
//! connection mid-job and one out of paper each leave the job pending with its error while the
//! sale stays intact and selling goes on; the job prints once the printer is back on its port.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

#[path = "common/printer.rs"]
mod printer;
#[path = "common/queue.rs"]
mod queue;
#[path = "common/receipts.rs"]
mod receipts;

use std::net::TcpListener;
use std::time::{Duration, Instant};

use ocop_pos::device::print_worker::{self, Round};
use ocop_pos::domain::payment::Method;
use ocop_pos::receipt::decode::{self, Command};
use ocop_pos::receipt::drawer::Pulse;
use ocop_pos::store::print_jobs::{self, Status};
use ocop_pos::store::receipt_data;

use printer::{Mode, Printer};
use queue::{STATUS, WAIT, framed, job, receipt_bytes, same_bytes, sell, setup, states};
use receipts::at;

/// A port nothing listens on (bound, then let go).
fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn a_listener_receives_exactly_the_bytes_of_each_receipt() {
    let till = receipts::till();
    let fake = Printer::start(Mode::Ready);
    let setup = setup(Some(&fake.address()));
    // A minute after the sale (09:41), which took cash.
    let round = print_worker::drain(&till.conn, &setup, at(9, 42)).unwrap();
    assert_eq!(
        round,
        Round {
            printed: vec![1, 2],
            ..Round::default()
        }
    );
    // The drawer kick first, then the receipt exactly as the encoder makes it, between the
    // status request before the job and the one that confirms it.
    let kick = Pulse::default().bytes();
    let expected = [&kick[..], &receipt_bytes(&till.conn, till.sale_id)].concat();
    let got = fake.next(WAIT).unwrap();
    same_bytes(&got, &framed(&expected));
    let commands = decode::parse(&got[3..got.len() - 3]).unwrap();
    assert_eq!(
        commands[..2],
        [
            Command::Pulse {
                pin: 0,
                on: 25,
                off: 250
            },
            Command::Init
        ]
    );
    assert!(commands.iter().any(|c| matches!(c, Command::Raster { .. })));
    // The refund paid back by transfer: no kick, its receipt alone.
    let refund = receipt_data::load(&till.conn, till.refund_id)
        .unwrap()
        .unwrap();
    assert!(refund.payments.iter().all(|p| p.method != Method::Cash));
    same_bytes(
        &fake.next(WAIT).unwrap(),
        &framed(&receipt_bytes(&till.conn, till.refund_id)),
    );
    assert_eq!(
        states(&till.conn),
        [(1, Status::Printed, 0), (2, Status::Printed, 0)]
    );
    assert!(
        job(&till.conn, 1)
            .printed_at
            .unwrap()
            .starts_with("2026-11-30T09:42")
    );
}

#[test]
fn the_drawer_kick_comes_with_cash_receipts_only_and_only_soon_after_the_sale() {
    let mut till = receipts::till();
    let fake = Printer::start(Mode::Ready);
    let setup = setup(Some(&fake.address()));
    print_worker::drain(&till.conn, &setup, at(10, 1)).unwrap();
    fake.next(WAIT).unwrap();
    fake.next(WAIT).unwrap();
    let card = sell(&mut till.conn, Method::Card, "card", at(11, 0));
    let cash = sell(&mut till.conn, Method::Cash, "cash", at(11, 1));
    let round = print_worker::drain(&till.conn, &setup, at(11, 2)).unwrap();
    assert_eq!(round.printed, [3, 4]);
    let card_bytes = fake.next(WAIT).unwrap();
    same_bytes(
        &card_bytes,
        &framed(&receipt_bytes(&till.conn, card.sale_id)),
    );
    let pulses = |bytes: &[u8]| {
        decode::parse(&bytes[3..bytes.len() - 3])
            .unwrap()
            .into_iter()
            .filter(|c| matches!(c, Command::Pulse { .. }))
            .count()
    };
    assert_eq!(pulses(&card_bytes), 0);
    let cash_bytes = fake.next(WAIT).unwrap();
    let kick = Pulse::default().bytes();
    same_bytes(
        &cash_bytes,
        &framed(&[&kick[..], &receipt_bytes(&till.conn, cash.sale_id)].concat()),
    );
    assert_eq!(pulses(&cash_bytes), 1);
    // A cash receipt that waited more than two minutes for the printer opens nothing.
    let late = sell(&mut till.conn, Method::Cash, "late", at(12, 0));
    print_worker::drain(&till.conn, &setup, at(12, 3)).unwrap();
    same_bytes(
        &fake.next(WAIT).unwrap(),
        &framed(&receipt_bytes(&till.conn, late.sale_id)),
    );
}

/// The sale and refund of `till` as loaded, to compare before and after printer failures.
fn stored(till: &receipts::Till) -> Vec<receipt_data::SaleReceipt> {
    [till.sale_id, till.refund_id]
        .map(|id| receipt_data::load(&till.conn, id).unwrap().unwrap())
        .to_vec()
}

#[test]
fn a_closed_port_leaves_the_job_pending_until_the_printer_is_back() {
    let mut till = receipts::till();
    let before = stored(&till);
    let port = closed_port();
    let setup = setup(Some(&format!("tcp://127.0.0.1:{port}")));
    let round = print_worker::drain(&till.conn, &setup, at(10, 1)).unwrap();
    let (id, why) = round.waiting.unwrap();
    assert_eq!((id, round.printed.len()), (1, 0));
    assert!(
        why.contains("không kết nối được máy in tcp://127.0.0.1"),
        "{why}"
    );
    assert_eq!(job(&till.conn, 1).last_error, why);
    assert_eq!(
        states(&till.conn),
        [(1, Status::Pending, 1), (2, Status::Pending, 0)]
    );
    // Selling goes on: a new sale completes and queues its receipt behind the others.
    let started = Instant::now();
    let more = sell(&mut till.conn, Method::Cash, "during-outage", at(10, 5));
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(more.receipt_no, "HOIAN-01-000003");
    print_worker::drain(&till.conn, &setup, at(10, 6)).unwrap();
    assert_eq!(states(&till.conn)[0], (1, Status::Pending, 2));
    assert_eq!(stored(&till), before);
    // The printer comes back on the same port: everything prints, in order, without kicks.
    let fake = Printer::start_on(port, Mode::Ready);
    let round = print_worker::drain(&till.conn, &setup, at(10, 30)).unwrap();
    assert_eq!(round.printed, [1, 2, 3]);
    for sale_id in [till.sale_id, till.refund_id, more.sale_id] {
        same_bytes(
            &fake.next(WAIT).unwrap(),
            &framed(&receipt_bytes(&till.conn, sale_id)),
        );
    }
    assert_eq!(
        states(&till.conn),
        [
            (1, Status::Printed, 2),
            (2, Status::Printed, 0),
            (3, Status::Printed, 0)
        ]
    );
    assert_eq!(stored(&till), before);
}

#[test]
fn a_printer_that_never_reads_times_out_a_large_job() {
    let mut till = receipts::till();
    let fake = Printer::start(Mode::Ready);
    let port = fake.addr.port();
    let good = setup(Some(&fake.address()));
    print_worker::drain(&till.conn, &good, at(10, 1)).unwrap();
    drop(fake);
    // Five megabytes of labels: more than the kernel buffers hold between the two sockets.
    let id = print_jobs::labels(&till.conn, "DS-TRA-TAYGIANG-20", 1000, at(10, 2)).unwrap();
    let stuck = Printer::start_on(port, Mode::NeverReads);
    let mut short = good.clone();
    short.timeouts.write = Duration::from_millis(300);
    short.timeouts.status = Duration::from_millis(100);
    let started = Instant::now();
    let round = print_worker::drain(&till.conn, &short, at(10, 3)).unwrap();
    assert!(started.elapsed() < Duration::from_secs(5));
    let (waiting, why) = round.waiting.unwrap();
    assert_eq!(waiting, id);
    assert!(why.contains("không nhận dữ liệu trong 300 ms"), "{why}");
    assert_eq!(job(&till.conn, id).attempts, 1);
    sell(&mut till.conn, Method::Card, "while-stuck", at(10, 4));
    drop(stuck);
    let back = Printer::start_on(port, Mode::Ready);
    let round = print_worker::drain(&till.conn, &good, at(10, 10)).unwrap();
    assert_eq!(round.printed, [id, id + 1]);
    let labels = back.next(WAIT).unwrap();
    assert!(labels.len() > 4_000_000, "{}", labels.len());
    assert_eq!(labels[..3], STATUS);
    assert_eq!(labels[labels.len() - 3..], STATUS);
    assert_eq!((labels.len() - 6) % 1000, 0, "a thousand equal labels");
}

#[test]
fn a_printer_that_drops_the_connection_mid_job_leaves_it_pending() {
    let till = receipts::till();
    let before = stored(&till);
    let fake = Printer::start(Mode::DropAfter(2000));
    let port = fake.addr.port();
    let setup = setup(Some(&fake.address()));
    let round = print_worker::drain(&till.conn, &setup, at(10, 1)).unwrap();
    let (id, why) = round.waiting.unwrap();
    assert_eq!(id, 1);
    assert!(why.contains("ngắt kết nối giữa chừng"), "{why}");
    assert_eq!(fake.next(WAIT).unwrap().len(), 2000);
    assert_eq!(states(&till.conn)[0], (1, Status::Pending, 1));
    assert_eq!(stored(&till), before);
    drop(fake);
    let back = Printer::start_on(port, Mode::Ready);
    let round = print_worker::drain(&till.conn, &setup, at(10, 30)).unwrap();
    assert_eq!(round.printed, [1, 2]);
    same_bytes(
        &back.next(WAIT).unwrap(),
        &framed(&receipt_bytes(&till.conn, till.sale_id)),
    );
}

#[test]
fn paper_out_is_reported_and_nothing_is_sent() {
    let till = receipts::till();
    let fake = Printer::start(Mode::PaperOut);
    let setup = setup(Some(&fake.address()));
    let round = print_worker::drain(&till.conn, &setup, at(10, 1)).unwrap();
    let (_, why) = round.waiting.unwrap();
    assert!(why.contains("báo hết giấy"), "{why}");
    // Asked twice (status, then the cause); not one byte of the receipt.
    same_bytes(
        &fake.next(WAIT).unwrap(),
        &[STATUS, [0x10, 0x04, 0x02]].concat(),
    );
    assert_eq!(job(&till.conn, 1).last_error, why);
}

#[test]
fn a_printer_that_never_answers_status_still_gets_the_job() {
    let till = receipts::till();
    let fake = Printer::start(Mode::Silent);
    let setup = setup(Some(&fake.address()));
    let round = print_worker::drain(&till.conn, &setup, at(12, 0)).unwrap();
    assert_eq!(round.printed, [1, 2]);
    let expected = [&STATUS[..], &receipt_bytes(&till.conn, till.sale_id)].concat();
    same_bytes(&fake.next(WAIT).unwrap(), &expected);
}

#[test]
fn without_a_printer_jobs_wait_with_a_clear_error() {
    let till = receipts::till();
    let round = print_worker::drain(&till.conn, &setup(None), at(10, 1)).unwrap();
    assert!(round.waiting.unwrap().1.contains("chưa cấu hình máy in"));
    assert_eq!(states(&till.conn)[0], (1, Status::Pending, 1));
}
