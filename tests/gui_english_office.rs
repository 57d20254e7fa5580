//! The back office in English: the store's refusals in several tabs (receiving without lot and
//! expiry, a second settlement of a consignment period, an adjustment whose reason cannot add, a
//! transfer file that is not there, a restore of a missing file) read in English on screen, and
//! nothing is written; a catalogue file's bad rows are named in English; a report by payment
//! method names "Cash".
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/gui_till.rs"]
mod gui_till;
#[path = "common/office_goods.rs"]
mod office_goods;

use gui_till::Ui;
use ocop_pos::gui::app::Message;
use ocop_pos::gui::keys::Press;
use ocop_pos::gui::office::products::Msg as P;
use ocop_pos::gui::office::receiving::Msg as R;
use ocop_pos::gui::office::{Msg, Tab, consignment, reports, settings, stock, transfers};
use ocop_pos::store::sales_report::By;
use office_goods::{CAO_DANG_SAM, TOIDEN, days_ago, in_days, line};

const CAO: &str = "2900000000018"; // Cao đảng sâm Tây Giang lọ 100 g, herbal (group 3), HTX-DUCHUY

/// The back office as the admin, in English.
fn office_in_english() -> Ui {
    let mut ui = Ui::in_office();
    ui.send(Message::SwitchLanguage);
    assert!(ui.shows("Settings"), "the window is in English");
    ui
}

fn documents(ui: &Ui) -> i64 {
    ui.count("SELECT COUNT(*) FROM documents")
}

fn day(n: u64) -> String {
    days_ago(n).format("%d/%m/%Y").to_string()
}

#[test]
fn receiving_herbal_goods_without_lot_and_expiry_is_refused_in_english() {
    let mut ui = office_in_english();
    ui.send(Message::Office(Msg::Open(Tab::Receiving)));
    ui.send(Message::Office(Msg::Receiving(R::Consigned(true))));
    ui.scan(CAO, false);
    ui.send(Message::Office(Msg::Receiving(R::Cost(0, "300000".into()))));
    ui.click("Post to stock");
    assert_eq!(
        ui.notice(),
        "Nothing written, 2 problems; first: line 1: \"Cao đảng sâm Tây Giang lọ 100 g\" is food, drink or herbal: a lot number is required"
    );
    assert!(ui.shows(
        "line 1: \"Cao đảng sâm Tây Giang lọ 100 g\" is food, drink or herbal: an expiry date is required"
    ));
    assert_eq!(documents(&ui), 0);
    assert_eq!(ui.count("SELECT COUNT(*) FROM lots"), 0);
}

#[test]
fn a_second_settlement_of_the_same_period_is_refused_in_english() {
    let mut ui = office_in_english();
    {
        let mut conn = ui.conn();
        office_goods::receive(
            &mut conn,
            "HTX-DUCHUY",
            true,
            vec![line(CAO_DANG_SAM, 10, 300_000, "DS-11", in_days(400))],
            days_ago(5),
        );
        office_goods::sell(&mut conn, "DIEM-BAN-01", CAO_DANG_SAM, 3, days_ago(2));
    }
    ui.send(Message::Office(Msg::Open(Tab::Consignment)));
    ui.click("HTX-DUCHUY · HTX Dược liệu Đức Huy Tây Giang");
    let send = |ui: &mut Ui, m| ui.send(Message::Office(Msg::Consignment(m)));
    send(&mut ui, consignment::Msg::From(day(6)));
    send(&mut ui, consignment::Msg::To(day(1)));
    ui.click("Show statement");
    ui.click("Mark settled");
    assert_eq!(
        ui.count("SELECT COUNT(*) FROM consignment_settlements"),
        1,
        "{}",
        ui.notice()
    );
    let audited = ui.count("SELECT COUNT(*) FROM audit");

    send(&mut ui, consignment::Msg::From(day(3)));
    ui.click("Mark settled");
    assert_eq!(
        ui.notice(),
        format!(
            "the period {} – {} of producer HTX-DUCHUY was already settled (overlapping periods)",
            day(6),
            day(1)
        )
    );
    assert_eq!(ui.count("SELECT COUNT(*) FROM consignment_settlements"), 1);
    assert_eq!(ui.count("SELECT COUNT(*) FROM audit"), audited);
}

#[test]
fn an_adjustment_adding_stock_with_a_damage_reason_is_refused_in_english() {
    let mut ui = office_in_english();
    {
        let mut conn = ui.conn();
        office_goods::receive(
            &mut conn,
            "CTY-PHUSINH",
            false,
            vec![line(TOIDEN, 3, 250_000, "TD-01", in_days(100))],
            days_ago(3),
        );
    }
    let before = office_goods::on_hand(&ui.conn(), TOIDEN);
    let docs = documents(&ui);
    ui.send(Message::Office(Msg::Open(Tab::Stock)));
    ui.send(Message::Office(Msg::Stock(stock::Msg::Pick(TOIDEN.into()))));
    ui.click("damaged");
    ui.send(Message::Office(Msg::Stock(stock::Msg::AdjustQty(
        "2".into(),
    ))));
    ui.click("Post adjustment");
    assert_eq!(
        ui.notice(),
        "line 1: reason \"damaged\" only lowers the stock: type a negative quantity, or choose correction"
    );
    assert_eq!(documents(&ui), docs);
    assert_eq!(office_goods::on_hand(&ui.conn(), TOIDEN), before);
}

#[test]
fn a_transfer_file_that_is_not_there_is_named_in_english() {
    let mut ui = office_in_english();
    ui.send(Message::Office(Msg::Open(Tab::Transfers)));
    ui.send(Message::Office(Msg::Transfers(transfers::Msg::Path(
        "/no/such/transfer.json".into(),
    ))));
    ui.click("Receive the file");
    assert_eq!(
        ui.notice(),
        "cannot read the file /no/such/transfer.json: No such file or directory (os error 2)"
    );
    assert_eq!(documents(&ui), 0);
}

#[test]
fn restoring_a_missing_backup_is_refused_in_english_and_nothing_changes() {
    let mut ui = office_in_english();
    let users_before = ui.count("SELECT COUNT(*) FROM users");
    let missing = ui.dir.path().join("backups").join("gone.db");
    let set = |ui: &mut Ui, m| ui.send(Message::Office(Msg::Settings(m)));
    set(
        &mut ui,
        settings::Msg::RestoreFile(missing.display().to_string()),
    );
    set(&mut ui, settings::Msg::Restore);
    assert!(
        ui.notice().starts_with("Restoring replaces all data"),
        "{}",
        ui.notice()
    );
    set(&mut ui, settings::Msg::Restore);
    assert_eq!(
        ui.notice(),
        format!(
            "cannot read or write the file {}: No such file or directory (os error 2)",
            missing.display()
        )
    );
    assert_eq!(ui.count("SELECT COUNT(*) FROM users"), users_before);
    assert_eq!(
        ui.count("SELECT COUNT(*) FROM audit WHERE action = 'restore'"),
        0
    );
}

#[test]
fn a_report_by_payment_method_in_english_names_cash() {
    let mut ui = Ui::at_counter();
    ui.scan(CAO, false);
    ui.key(Press::F(12));
    ui.enter("450000");
    assert_eq!(ui.count("SELECT COUNT(*) FROM sales"), 1, "{}", ui.notice());
    ui.key(Press::F(1));
    ui.send(Message::SwitchLanguage);
    ui.send(Message::Office(Msg::Open(Tab::Reports)));
    ui.send(Message::Office(Msg::Reports(reports::Msg::Breakdown(
        By::Method,
    ))));
    ui.send(Message::Office(Msg::Reports(reports::Msg::Show)));
    assert!(ui.shows("Cash"), "{}", ui.notice());
    assert!(ui.shows("Total"));
    assert!(!ui.shows("Tiền mặt"));
    assert!(!ui.shows("Tổng cộng"));
}

#[test]
fn a_catalogue_file_with_a_bad_price_is_explained_in_english_and_nothing_is_written() {
    let mut ui = office_in_english();
    ui.send(Message::Office(Msg::Open(Tab::Products)));
    ui.click("CSV import/export");
    let bad = ui.dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "code,name,unit,price_vnd,vat_bp\nMIEN-1,Miến dong,gói,30000,800\nMIEN-2,Miến sắn,gói,30.000,800\n",
    )
    .unwrap();
    ui.send(Message::Office(Msg::Products(P::ImportPath(
        bad.display().to_string(),
    ))));
    ui.click("Check the file");
    assert_eq!(
        ui.notice(),
        "File checked, nothing written: 1 good rows (1 new, 0 updated), 1 bad rows"
    );
    assert!(ui.shows("Line 3, column price_vnd"));
    assert!(ui.shows(
        "the price must be a whole, non-negative number of dong, written without dots or commas (e.g. 125000)"
    ));
    assert_eq!(
        ui.count("SELECT COUNT(*) FROM products WHERE code LIKE 'MIEN-%'"),
        0
    );
}
