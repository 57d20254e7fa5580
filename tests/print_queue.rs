//! The print queue beyond receipts: the manager's drawer action (refused without a manager,
//! audited with one), a file printer, product labels whose EAN-13 reads back from the raster,
//! X/Z reports and the test page, and the worker thread that prints what is queued and stops.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

#[path = "common/printer.rs"]
mod printer;
#[path = "common/queue.rs"]
mod queue;
#[path = "common/receipts.rs"]
mod receipts;

use std::time::{Duration, Instant};

use ocop_pos::device::print_worker::{self, LockError};
use ocop_pos::domain::money::Vnd;
use ocop_pos::domain::payment::Method;
use ocop_pos::domain::shift::ShiftReport;
use ocop_pos::receipt::decode::{self, Command};
use ocop_pos::receipt::document::{self, Label};
use ocop_pos::receipt::drawer::Pulse;
use ocop_pos::receipt::raster::Bitmap;
use ocop_pos::receipt::{self, Profile, ean13};
use ocop_pos::store::print_jobs::{self, Kind, PrintJobError, Status};
use ocop_pos::store::users::LockoutPolicy;
use ocop_pos::store::{self, audit, settings, shifts, users};

use printer::{Mode, Printer};
use queue::{WAIT, framed, job, same_bytes, sell, setup, states};
use receipts::at;

#[test]
fn the_drawer_opens_for_a_manager_only_and_is_audited() {
    let mut till = receipts::till();
    let drawer_rows = |conn: &rusqlite::Connection| {
        audit::recent(conn, 100)
            .unwrap()
            .into_iter()
            .filter(|r| r.action == "drawer_open")
            .collect::<Vec<_>>()
    };
    // A clerk cannot approve: no approval, so nothing to open the drawer with.
    let refused = users::approve(
        &till.conn,
        "Lan",
        "2468",
        LockoutPolicy::default(),
        at(11, 0),
    );
    assert!(matches!(refused, Err(store::Error::NotManager(_))));
    let wrong_pin = users::approve(
        &till.conn,
        "Minh",
        "0000",
        LockoutPolicy::default(),
        at(11, 0),
    );
    assert!(matches!(wrong_pin, Err(store::Error::WrongPin { .. })));
    assert!(drawer_rows(&till.conn).is_empty());
    assert_eq!(print_jobs::list(&till.conn, true).unwrap().len(), 2);
    // The manager approves: a drawer-only job and its audit row, together.
    let approval = users::approve(
        &till.conn,
        "Minh",
        "1357",
        LockoutPolicy::default(),
        at(11, 0),
    )
    .unwrap();
    let clerk = users::find_by_name(&till.conn, "Lan").unwrap().unwrap().id;
    let minh = approval.manager();
    let id = print_jobs::open_drawer(
        &mut till.conn,
        approval,
        Some(clerk),
        "đổi tiền lẻ",
        at(11, 0),
    )
    .unwrap();
    assert_eq!(job(&till.conn, id).kind, Kind::Drawer);
    let rows = drawer_rows(&till.conn);
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].user, rows[0].approved_by),
        (Some(clerk), Some(minh))
    );
    assert_eq!(rows[0].detail, "đổi tiền lẻ");
    // Printed at once it is the five-byte kick and nothing else.
    let fake = Printer::start(Mode::Ready);
    let setup = setup(Some(&fake.address()));
    print_worker::drain(&till.conn, &setup, at(11, 1)).unwrap();
    fake.next(WAIT).unwrap();
    fake.next(WAIT).unwrap();
    same_bytes(
        &fake.next(WAIT).unwrap(),
        &framed(&Pulse::default().bytes()),
    );
    assert_eq!(job(&till.conn, id).status, Status::Printed);
    // A kick that waited past two minutes is dropped, not sent.
    let approval = users::approve(
        &till.conn,
        "Minh",
        "1357",
        LockoutPolicy::default(),
        at(11, 5),
    )
    .unwrap();
    let late = print_jobs::open_drawer(&mut till.conn, approval, None, "", at(11, 5)).unwrap();
    let round = print_worker::drain(&till.conn, &setup, at(11, 8)).unwrap();
    assert_eq!(round.failed.len(), 1);
    assert!(
        round.failed[0].1.contains("quá 2 phút"),
        "{:?}",
        round.failed
    );
    assert_eq!(job(&till.conn, late).status, Status::Failed);
    assert!(fake.next(Duration::from_millis(300)).is_none());
}

#[test]
fn a_file_printer_gets_the_bytes_of_every_job() {
    let till = receipts::till();
    let out = till._dir.path().join("lp0");
    let setup = setup(Some(&format!("file://{}", out.display())));
    let round = print_worker::drain(&till.conn, &setup, at(12, 0)).unwrap();
    assert_eq!(round.printed, [1, 2]);
    let expected = [
        queue::receipt_bytes(&till.conn, till.sale_id),
        queue::receipt_bytes(&till.conn, till.refund_id),
    ]
    .concat();
    same_bytes(&std::fs::read(&out).unwrap(), &expected);
    // A device that is not there: the job waits with the error.
    let id = print_jobs::test_page(&till.conn, at(12, 1)).unwrap();
    let gone = queue::setup(Some("file:///nonexistent-ocop/usb/lp0"));
    let round = print_worker::drain(&till.conn, &gone, at(12, 1)).unwrap();
    let (waiting, why) = round.waiting.unwrap();
    assert_eq!(waiting, id);
    assert!(
        why.contains("không kết nối được máy in file:///nonexistent-ocop/usb/lp0"),
        "{why}"
    );
}

/// The EAN-13 codes a row of `bitmap` crosses, read at one dot per module width `module`.
fn ean13_codes(bitmap: &Bitmap, module: u32) -> Vec<String> {
    let mut found = Vec::new();
    for y in 0..bitmap.height {
        let dots: Vec<bool> = (0..bitmap.width).map(|x| bitmap.get(x, y)).collect();
        let Some(first) = dots.iter().position(|d| *d) else {
            continue;
        };
        let modules: Vec<bool> = dots[first..]
            .iter()
            .step_by(module as usize)
            .copied()
            .take(ean13::MODULES)
            .collect();
        if let Some(code) = ean13::read(&modules) {
            found.push(code);
        }
    }
    found.dedup();
    found
}

#[test]
fn labels_print_name_price_and_a_readable_ean13_once_per_copy() {
    let till = receipts::till();
    let id = print_jobs::labels(&till.conn, "DS-TRA-TAYGIANG-20", 3, at(12, 0)).unwrap();
    let out = till._dir.path().join("labels.prn");
    let mut setup = setup(Some(&format!("file://{}", out.display())));
    // Only the labels: the receipts are marked printed first.
    for receipt in [1, 2] {
        print_jobs::mark_printed(&till.conn, receipt, at(12, 0)).unwrap();
    }
    setup.profile = Profile::default();
    assert_eq!(
        print_worker::drain(&till.conn, &setup, at(12, 0))
            .unwrap()
            .printed,
        [id]
    );
    let bytes = std::fs::read(&out).unwrap();
    let label = Label {
        name: "Trà đảng sâm túi lọc Tây Giang hộp 20 túi".into(),
        unit: "hộp".into(),
        stars: ocop_pos::domain::catalog::Stars::new(4),
        price: Vnd(120_000),
        code: "2900000000032".into(),
    };
    let one = receipt::encode(&document::label(&label), &Profile::default()).unwrap();
    same_bytes(&bytes, &one.repeat(3));
    let commands = decode::parse(&bytes).unwrap();
    let cuts = commands
        .iter()
        .filter(|c| matches!(c, Command::Cut(_)))
        .count();
    assert_eq!(cuts, 3);
    // The raster bands rebuild the label; its bars read back as the product's code.
    let canvas = decode::canvas(&decode::parse(&one).unwrap(), 576);
    assert_eq!(ean13_codes(&canvas, 3), ["2900000000032"]);
    assert_eq!(
        canvas,
        receipt::raster::render(&document::label(&label), receipt::Width::Mm80).unwrap()
    );
    // On 58 mm paper the code still fits and reads.
    let narrow = receipt::raster::render(&document::label(&label), receipt::Width::Mm58).unwrap();
    assert_eq!(ean13_codes(&narrow, 3), ["2900000000032"]);
}

#[test]
fn labels_are_refused_with_the_reason() {
    let till = receipts::till();
    let refused = |code: &str, copies: u32| {
        print_jobs::labels(&till.conn, code, copies, at(12, 0))
            .unwrap_err()
            .to_string()
    };
    assert!(refused("KHONG-CO", 1).contains("không tìm thấy sản phẩm có mã \"KHONG-CO\""));
    assert!(refused("MUC1NANG-CLC-KG", 1).contains("bán theo cân"));
    assert!(refused("DS-TRA-TAYGIANG-20", 0).contains("số tem 0"));
    assert!(refused("DS-TRA-TAYGIANG-20", 1001).contains("số tem 1001"));
    till.conn
        .execute(
            "UPDATE barcodes SET code = '8934563138165' WHERE product_id =
             (SELECT id FROM products WHERE code = 'DS-CAO-DUCHUY-100')",
            [],
        )
        .unwrap();
    let err = print_jobs::labels(&till.conn, "DS-CAO-DUCHUY-100", 1, at(12, 0)).unwrap_err();
    assert!(matches!(
        err,
        store::Error::PrintJob(PrintJobError::NoInStoreCode(_))
    ));
    assert_eq!(print_jobs::list(&till.conn, true).unwrap().len(), 2);
}

#[test]
fn reports_the_test_page_and_reprints_rebuild_their_documents() {
    let mut till = receipts::till();
    let point = settings::point(&till.conn).unwrap().unwrap();
    let x = print_jobs::x_report(&till.conn, "HOIAN-01", at(12, 0)).unwrap();
    let figures: ShiftReport = serde_json::from_str(&job(&till.conn, x).payload).unwrap();
    assert_eq!(figures.receipts, 1);
    // Sold after the X report was asked for: the printed X keeps the figures of its time.
    sell(&mut till.conn, Method::Card, "after-x", at(12, 5));
    let test = print_jobs::test_page(&till.conn, at(12, 6)).unwrap();
    let copy = print_jobs::reprint(&till.conn, "HOIAN-01-000001", at(12, 7)).unwrap();
    let (last, number) = print_jobs::reprint_last(&till.conn, "HOIAN-01", at(12, 7)).unwrap();
    assert_eq!(number, "HOIAN-01-000003");
    let shift = shifts::current(&till.conn, "HOIAN-01").unwrap().unwrap();
    let z = shifts::close(
        &mut till.conn,
        &shifts::Closing {
            point_code: "HOIAN-01".into(),
            user: shift.user,
            counted: Vnd(1_000_000),
            approval: None,
            max_difference: Vnd(100_000_000),
            end_of_day: false,
            at: at(18, 0),
        },
    );
    let setup = setup(None);
    let encode = |doc: &document::Document| receipt::encode(doc, &setup.profile).unwrap();
    let bytes =
        |id: i64| print_worker::bytes(&till.conn, &setup, &job(&till.conn, id), at(18, 1)).unwrap();
    same_bytes(&bytes(x), &encode(&document::x_report(&point, &figures)));
    same_bytes(
        &bytes(test),
        &encode(&document::test_page(&point, &setup.profile)),
    );
    let first = ocop_pos::store::receipt_data::load(&till.conn, till.sale_id)
        .unwrap()
        .unwrap();
    let copy_doc = document::reprint(&first, &setup.settings);
    assert!(copy_doc.blocks.iter().any(
        |b| matches!(b, document::Block::Text { text, .. } if text == document::REPRINT_MARK)
    ));
    same_bytes(&bytes(copy), &encode(&copy_doc));
    assert_eq!(
        job(&till.conn, last).receipt_no.as_deref(),
        Some("HOIAN-01-000003")
    );
    if let Ok(z) = z {
        let id = print_jobs::z_report(&till.conn, "HOIAN-01", z.z_no, at(18, 2)).unwrap();
        same_bytes(&bytes(id), &encode(&document::z_report(&point, &z)));
        assert_eq!(job(&till.conn, id).subject(), "Z-000001");
    } else {
        panic!("the shift did not close: {z:?}");
    }
    assert!(print_jobs::z_report(&till.conn, "HOIAN-01", 99, at(18, 3)).is_err());
    assert!(print_jobs::reprint(&till.conn, "HOIAN-01-000099", at(18, 3)).is_err());
    assert!(print_jobs::x_report(&till.conn, "HOIAN-01", at(18, 3)).is_err());
}

#[test]
fn the_worker_thread_prints_what_is_queued_holds_the_queue_and_stops() {
    let mut till = receipts::till();
    let db = till._dir.path().join("till.db");
    let fake = Printer::start(Mode::Ready);
    let worker = print_worker::spawn(&db, setup(Some(&fake.address()))).unwrap();
    fake.next(WAIT).unwrap();
    fake.next(WAIT).unwrap();
    // While it runs, nobody else may print from the queue.
    assert!(matches!(print_worker::lock(&db), Err(LockError::Busy)));
    sell(&mut till.conn, Method::Card, "worker", at(12, 0));
    worker.wake();
    fake.next(WAIT).unwrap();
    let deadline = Instant::now() + WAIT;
    while worker.state().printed < 3 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    let state = worker.state();
    assert_eq!((state.printed, state.pending, state.error), (3, 0, None));
    assert_eq!(
        states(&till.conn)
            .iter()
            .filter(|s| s.1 == Status::Printed)
            .count(),
        3
    );
    worker.stop();
    let _lock = print_worker::lock(&db).unwrap();
}
