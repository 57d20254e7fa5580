//! The Transfers tab of the back office: goods sent from one till get a code and a file in the
//! data folder; a second till receives the file (and a delivery note typed by hand) into its
//! stock; the sender confirms delivery.
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/gui_till.rs"]
mod gui_till;
#[path = "common/office_goods.rs"]
mod office_goods;

use gui_till::{PIN, Ui};
use ocop_pos::gui::app::{Field, Message, Screen};
use ocop_pos::gui::keys::Press;
use ocop_pos::gui::office::{Msg, Tab, transfers};
use ocop_pos::store::transfer;
use office_goods::{CAOTOIDEN, TOIDEN, days_ago, in_days, line, on_hand};

fn send(ui: &mut Ui, msg: transfers::Msg) {
    ui.send(Message::Office(Msg::Transfers(msg)));
}

/// A second till, point `code`, in its back office on the Transfers tab.
fn till_at(code: &str) -> Ui {
    let mut ui = Ui::new();
    ui.send(Message::SetupInput(Field::PointCode, code.into()));
    ui.set_up();
    ui.enter(PIN);
    ui.enter("500000");
    ui.key(Press::F(1));
    assert_eq!(ui.app.screen(), Screen::Office, "{}", ui.notice());
    ui.send(Message::Office(Msg::Open(Tab::Transfers)));
    ui
}

#[test]
fn a_transfer_out_writes_its_file_and_the_other_till_receives_it() {
    let mut sender = Ui::in_office();
    office_goods::receive(
        &mut sender.conn(),
        "CTY-PHUSINH",
        false,
        vec![
            line(TOIDEN, 5, 250_000, "TD-01", in_days(200)),
            line(TOIDEN, 3, 270_000, "TD-02", in_days(400)),
            line(CAOTOIDEN, 4, 300_000, "CT-01", in_days(300)),
        ],
        days_ago(3),
    );
    sender.send(Message::Office(Msg::Open(Tab::Transfers)));
    assert!(sender.shows("Không có hàng đang chuyển"));

    send(&mut sender, transfers::Msg::Send);
    assert_eq!(sender.notice(), "Chưa có dòng hàng nào để chuyển");
    send(&mut sender, transfers::Msg::Code("KHONG-CO-MA".into()));
    send(&mut sender, transfers::Msg::Qty("1".into()));
    sender.click("Thêm dòng");
    assert!(
        sender.notice().contains("KHONG-CO-MA"),
        "{}",
        sender.notice()
    );

    send(&mut sender, transfers::Msg::To("dn-hoian-02".into()));
    send(&mut sender, transfers::Msg::Code(TOIDEN.into()));
    send(&mut sender, transfers::Msg::Qty("2".into()));
    sender.click("Thêm dòng");
    send(&mut sender, transfers::Msg::Code(CAOTOIDEN.into()));
    send(&mut sender, transfers::Msg::Qty("1".into()));
    sender.click("Thêm dòng");
    assert!(sender.shows(&format!(
        "{TOIDEN} · Tỏi đen cô đơn Phú Sinh hộp 250 g · 2 hộp"
    )));
    assert!(sender.shows(&format!(
        "TD-01 (5 HSD {})",
        in_days(200).format("%d/%m/%Y")
    )));
    // The later lot is chosen instead of the earliest expiry.
    sender.click(&format!(
        "TD-02 (3 HSD {})",
        in_days(400).format("%d/%m/%Y")
    ));
    sender.click("Gửi đi (ghi sổ và ghi tệp)");
    let code = "DIEM-BAN-01-XC-000001";
    let path = sender.dir.path().join(format!("{code}.json"));
    assert_eq!(
        sender.notice(),
        format!(
            "Đã xuất chuyển kho {code} (phiếu XC-000001) cho điểm DN-HOIAN-02: tệp {}",
            path.display()
        )
    );
    assert!(sender.shows(&format!("Mã chuyển kho: {code}")));
    assert!(sender.shows(&format!("Tệp: {}", path.display())));
    let file = transfer::parse_file(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(file.code, code);
    assert_eq!(file.to_point, "DN-HOIAN-02");
    assert_eq!(file.lines.len(), 2);
    assert_eq!(on_hand(&sender.conn(), TOIDEN), 6000);
    assert_eq!(
        sender.count("SELECT qty_milli FROM lots WHERE lot_no = 'TD-01'"),
        5000
    );
    assert_eq!(
        sender.count("SELECT qty_milli FROM lots WHERE lot_no = 'TD-02'"),
        1000
    );
    assert_eq!(on_hand(&sender.conn(), CAOTOIDEN), 3000);
    assert!(sender.shows(&format!(
        "{code} → DN-HOIAN-02 · {} · {TOIDEN} 2 hộp, {CAOTOIDEN} 1 lọ",
        office_goods::today()
    )));

    let mut receiver = till_at("DN-HOIAN-02");
    assert_eq!(on_hand(&receiver.conn(), TOIDEN), 0);
    send(
        &mut receiver,
        transfers::Msg::Path(path.display().to_string()),
    );
    receiver.click("Nhận từ tệp");
    assert_eq!(
        receiver.notice(),
        format!("Đã nhận chuyển kho {code} từ điểm DIEM-BAN-01: phiếu NC-000001, 2 dòng, 2 lô")
    );
    let conn = receiver.conn();
    assert_eq!(on_hand(&conn, TOIDEN), 2000);
    assert_eq!(on_hand(&conn, CAOTOIDEN), 1000);
    assert_eq!(
        receiver
            .count("SELECT qty_milli FROM lots WHERE lot_no = 'TD-02' AND unit_cost_vnd = 270000"),
        2000
    );
    // The same file twice is refused, and nothing more comes in.
    send(
        &mut receiver,
        transfers::Msg::Path(path.display().to_string()),
    );
    receiver.click("Nhận từ tệp");
    assert!(
        receiver.notice().contains("đã được nhận ở phiếu NC-000001"),
        "{}",
        receiver.notice()
    );
    assert_eq!(on_hand(&conn, TOIDEN), 2000);
    // A path that does not exist says so.
    send(
        &mut receiver,
        transfers::Msg::Path("/khong/co/tep.json".into()),
    );
    receiver.click("Nhận từ tệp");
    assert!(
        receiver
            .notice()
            .starts_with("không đọc được tệp /khong/co/tep.json"),
        "{}",
        receiver.notice()
    );

    // A delivery note typed by hand: goods come in without lots.
    send(
        &mut receiver,
        transfers::Msg::HandCode("diem-ban-01-xc-000002".into()),
    );
    send(&mut receiver, transfers::Msg::HandProduct(TOIDEN.into()));
    send(&mut receiver, transfers::Msg::HandQty("0".into()));
    receiver.click("Thêm dòng nhận");
    assert!(
        receiver.notice().contains("phải lớn hơn 0"),
        "{}",
        receiver.notice()
    );
    send(&mut receiver, transfers::Msg::HandQty("1".into()));
    receiver.click("Thêm dòng nhận");
    receiver.click("Nhận hàng nhập tay");
    assert!(
        receiver.notice().starts_with(
            "Đã nhận chuyển kho DIEM-BAN-01-XC-000002 từ điểm DIEM-BAN-01: phiếu NC-000002, 1 dòng"
        ),
        "{}",
        receiver.notice()
    );
    assert_eq!(on_hand(&conn, TOIDEN), 3000);

    // The sender confirms delivery: nothing is in transit any more.
    sender.click("Đã giao");
    assert_eq!(sender.notice(), format!("Đã xác nhận đã giao {code}"));
    assert!(sender.shows("Không có hàng đang chuyển"));
    assert_eq!(
        sender.count("SELECT COUNT(*) FROM documents WHERE external_ref = 'DIEM-BAN-01-XC-000001' AND delivered_at IS NOT NULL"),
        1
    );

    // A chosen lot cannot give more than its records hold: refused, nothing written.
    send(&mut sender, transfers::Msg::To("DN-HOIAN-02".into()));
    send(&mut sender, transfers::Msg::Code(TOIDEN.into()));
    send(&mut sender, transfers::Msg::Qty("5".into()));
    sender.click("Thêm dòng");
    sender.click(&format!(
        "TD-02 (1 HSD {})",
        in_days(400).format("%d/%m/%Y")
    ));
    sender.click("Gửi đi (ghi sổ và ghi tệp)");
    assert!(
        sender
            .notice()
            .contains("lô TD-02 chỉ còn 1, không đủ 5 để chuyển"),
        "{}",
        sender.notice()
    );
    assert_eq!(on_hand(&sender.conn(), TOIDEN), 6000);
    assert_eq!(
        sender.count("SELECT COUNT(*) FROM documents WHERE kind = 'transfer_out'"),
        1
    );
}
