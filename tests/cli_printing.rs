//! The printing commands through the binary against a stand-in network printer: the job list,
//! reprints, `print-worker --once` (non-zero while the printer is down), the drawer with and
//! without a manager, labels, the test page and a PNG preview.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;
#[path = "common/printer.rs"]
mod printer;
#[path = "common/queue.rs"]
mod queue;
#[path = "common/receipts.rs"]
mod receipts;

use std::path::Path;

use ocop_pos::receipt::{self, Profile, document};
use ocop_pos::store::receipt_data;

use common::{ok, refused};
use printer::{Mode, Printer};
use queue::{STATUS, WAIT, same_bytes};

/// Points the till in `dir` at `address` with short waits.
fn configure(dir: &Path, address: &str) {
    std::fs::write(
        dir.join("config.toml"),
        format!(
            "[printer]\naddress = \"{address}\"\nconnect_timeout_ms = 2000\n\
             write_timeout_ms = 3000\nstatus_timeout_ms = 800\n\
             [receipt]\nfooter = \"Cảm ơn quý khách!\\nHẹn gặp lại\"\n\
             [bank]\nbank_bin = \"970436\"\naccount_no = \"0011001234567\"\n\
             account_name = \"HTX Dịch vụ OCOP Hội An\"\n"
        ),
    )
    .unwrap();
}

#[test]
fn jobs_reprints_and_the_worker_round_trip_through_the_binary() {
    let till = receipts::till();
    let dir = till._dir.path();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    configure(dir, &format!("tcp://127.0.0.1:{port}"));
    let list = ok(dir, &["print-jobs"], "");
    assert!(
        list.contains("#1\tHóa đơn\tHOIAN-01-000001\tchờ in\t0 lần thử"),
        "{list}"
    );
    assert!(
        list.contains("#2\tHóa đơn\tHOIAN-01-000002\tchờ in"),
        "{list}"
    );
    let queued = ok(dir, &["reprint", "HOIAN-01-000001"], "");
    assert!(
        queued.contains("#3: in lại hóa đơn HOIAN-01-000001"),
        "{queued}"
    );
    let queued = ok(dir, &["reprint", "--last"], "");
    assert!(
        queued.contains("#4: in lại hóa đơn HOIAN-01-000002"),
        "{queued}"
    );
    assert!(refused(dir, &["reprint", "HOIAN-01-000999"], "").contains("HOIAN-01-000999"));
    // Printer down: --once fails, the jobs keep waiting with the error.
    let err = refused(dir, &["print-worker", "--once"], "");
    assert!(err.contains("4 lệnh còn chờ in"), "{err}");
    let list = ok(dir, &["print-jobs"], "");
    assert!(
        list.contains("1 lần thử") && list.contains("không kết nối được máy in"),
        "{list}"
    );
    // Printer up on that port: everything prints, the copy marked as such.
    let fake = Printer::start_on(port, Mode::Ready);
    let printed = ok(dir, &["print-worker", "--once"], "");
    assert!(
        printed.contains("Đã in #3 In lại hóa đơn HOIAN-01-000001"),
        "{printed}"
    );
    assert!(printed.contains("Đã in 4 lệnh"), "{printed}");
    let received: Vec<Vec<u8>> = (0..4).map(|_| fake.next(WAIT).unwrap()).collect();
    let sale = receipt_data::load(&till.conn, till.sale_id)
        .unwrap()
        .unwrap();
    let copy = receipt::encode(
        &document::reprint(&sale, &receipts::settings()),
        &Profile::default(),
    )
    .unwrap();
    same_bytes(&received[2], &queue::framed(&copy));
    assert!(received.iter().all(|r| r.starts_with(&STATUS)));
    assert!(ok(dir, &["print-jobs"], "").contains("Không có lệnh in nào"));
    let all = ok(dir, &["print-jobs", "--all"], "");
    assert_eq!(all.matches("đã in").count(), 4, "{all}");
}

#[test]
fn drawer_labels_test_page_and_preview_from_the_command_line() {
    let till = receipts::till();
    let dir = till._dir.path();
    let fake = Printer::start(Mode::Ready);
    configure(dir, &fake.address());
    let err = refused(dir, &["drawer", "open", "--manager", "Lan"], "2468\n");
    assert!(err.contains("không có quyền quản lý"), "{err}");
    assert!(
        refused(dir, &["drawer", "open", "--manager", "Minh"], "0000\n").contains("sai mã PIN")
    );
    let done = ok(
        dir,
        &[
            "drawer",
            "open",
            "--manager",
            "Minh",
            "--reason",
            "đổi tiền",
        ],
        "1357\n",
    );
    assert!(done.contains("#3: mở ngăn kéo"), "{done}");
    let audited: String = till
        .conn
        .query_row(
            "SELECT detail FROM audit WHERE action = 'drawer_open'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(audited, "đổi tiền");
    assert!(
        ok(
            dir,
            &["labels", "--product", "DS-TRA-TAYGIANG-20", "--copies", "2"],
            ""
        )
        .contains("#4")
    );
    assert!(refused(dir, &["labels", "--product", "MUC1NANG-CLC-KG"], "").contains("bán theo cân"));
    assert!(ok(dir, &["print-test"], "").contains("#5: trang in thử"));
    assert!(ok(dir, &["print-report", "x"], "").contains("#6: báo cáo X"));
    assert!(refused(dir, &["print-report", "z", "7"], "").contains("7"));
    let printed = ok(dir, &["print-worker", "--once"], "");
    assert!(printed.contains("Đã in 6 lệnh"), "{printed}");
    let received: Vec<Vec<u8>> = (0..6).map(|_| fake.next(WAIT).unwrap()).collect();
    // The drawer job is the kick alone, sent at once after the manager's PIN.
    same_bytes(
        &received[2],
        &queue::framed(&ocop_pos::receipt::drawer::Pulse::default().bytes()),
    );
    let png = dir.join("hoadon.png");
    let out = ok(
        dir,
        &["preview", "HOIAN-01-000001", "--out", png.to_str().unwrap()],
        "",
    );
    assert!(out.contains("HOIAN-01-000001"), "{out}");
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    // 576 dots wide: the IHDR width, big-endian, at offset 16.
    assert_eq!(u32::from_be_bytes(bytes[16..20].try_into().unwrap()), 576);
    assert!(
        refused(dir, &["preview", "HOIAN-01-000404", "--out", "x.png"], "")
            .contains("HOIAN-01-000404")
    );
}
