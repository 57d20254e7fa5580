//! Every refusal the back office can show, run through the English translation: none may come
//! out with Vietnamese in it.

use std::path::PathBuf;

use chrono::{FixedOffset, NaiveDate, TimeZone};

use super::super::errors::{self, address, config_save, export, file, period};
use super::*;
use crate::config::SaveError;
use crate::domain::money::{Overflow, ParseVndError, Vnd};
use crate::domain::qty::{ParseQtyError, Qty};
use crate::store::Error;
use crate::store::print_jobs::PrintJobError;
use crate::store::sales_report::BadPeriod;
use crate::store::shifts::ShiftError;

/// English text: ASCII, plus the đồng sign, the no-break space amounts carry and the en dash of
/// ranges. Any Vietnamese letter (ạ, đ, ư …) fails.
fn assert_english(text: &str) {
    assert!(!text.is_empty());
    let foreign: String = text
        .chars()
        .filter(|c| !c.is_ascii() && !matches!(c, '₫' | '\u{a0}' | '–'))
        .collect();
    assert!(foreign.is_empty(), "{text:?} has {foreign:?}");
}

fn io() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::NotFound, "No such file or directory")
}

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).unwrap_or_default()
}

fn line_problems() -> Vec<LineProblem> {
    let (name, code) = (|| "Black garlic".to_owned(), || "TOIDEN-01".to_owned());
    vec![
        LineProblem::UnknownProduct(code()),
        LineProblem::UnknownProductHere(code()),
        LineProblem::BadQty(Qty::units(0)),
        LineProblem::BadQtyOf {
            qty: Qty::units(0),
            name: name(),
        },
        LineProblem::QtyNotPositive(Qty::units(-1)),
        LineProblem::QtyOutOfRange(Qty::units(200_000)),
        LineProblem::QtyText(ParseQtyError::Empty),
        LineProblem::QtyText(ParseQtyError::Invalid("abc".into())),
        LineProblem::QtyText(ParseQtyError::TooLarge),
        LineProblem::WholeOnly(name()),
        LineProblem::AdjustWholeOnly(name()),
        LineProblem::BadCost(Vnd(-5)),
        LineProblem::CostText {
            text: "12x".into(),
            error: ParseVndError::Invalid('x'),
        },
        LineProblem::NotProducers {
            name: name(),
            producer: "HTX-A".into(),
        },
        LineProblem::NeedsLotNo(name()),
        LineProblem::NeedsExpiry(name()),
        LineProblem::Expired {
            lot_no: "L1".into(),
            name: name(),
            expiry: date(),
        },
        LineProblem::LotNoTooLong,
        LineProblem::BadDate("31/13/2027".into()),
        LineProblem::OnlyRemoves(AdjustReason::Damaged),
        LineProblem::OnlyRemoves(AdjustReason::Lost),
        LineProblem::OnlyRemoves(AdjustReason::Sample),
        LineProblem::LotOfOther {
            lot_id: 3,
            name: name(),
        },
        LineProblem::LotNotProducts {
            lot_id: 3,
            code: code(),
        },
        LineProblem::ConsignedShort {
            held: Qty::units(2),
            name: name(),
            producer: "HTX-A".into(),
            qty: Qty::units(5),
        },
        LineProblem::UnknownColumn {
            name: "colour".into(),
            valid: "product,qty".into(),
        },
        LineProblem::DuplicateColumn("qty".into()),
        LineProblem::MissingColumn("qty"),
        LineProblem::NoLines,
        LineProblem::ReturnHeader,
        LineProblem::ReturnLine {
            product: code(),
            qty: "0".into(),
        },
        LineProblem::MissingProduct,
        LineProblem::MissingProductCode,
        LineProblem::TransferHeader,
        LineProblem::Unreadable("CSV error: record 2".into()),
        LineProblem::ConsignedUnknownProducer("HTX-A".into()),
        LineProblem::ConsignedNoProducer,
        LineProblem::Short {
            code: code(),
            short: Shortage::LotExpired("L1".into()),
        },
        LineProblem::Short {
            code: code(),
            short: Shortage::Lot {
                lot_no: "L1".into(),
                left: Qty::units(1),
                qty: Qty::units(5),
            },
        },
        LineProblem::Short {
            code: code(),
            short: Shortage::OnHand {
                left: Qty::units(1),
                qty: Qty::units(5),
            },
        },
        LineProblem::Short {
            code: code(),
            short: Shortage::Fresh {
                fresh: Qty::units(1),
                qty: Qty::units(5),
                expired: Qty::units(2),
            },
        },
    ]
}

fn document_errors() -> Vec<DocumentError> {
    let mut all: Vec<DocumentError> = line_problems()
        .into_iter()
        .map(|reason| DocumentError::Line { line: 2, reason })
        .collect();
    all.extend([
        DocumentError::Unknown("PN-000001".into()),
        DocumentError::NotDraft("PN-000001".into()),
        DocumentError::Empty("PN-000001".into()),
        DocumentError::WrongKind {
            number: "PN-000001".into(),
            found: DocKind::Receive.label_vi(),
            expected: DocKind::TransferOut.label_vi(),
        },
        DocumentError::Lines(vec![DocumentError::Line {
            line: 3,
            reason: LineProblem::NeedsExpiry("Tea".into()),
        }]),
        DocumentError::DuplicateDeliveryNote {
            producer: "HTX-A".into(),
            note: "GH-7".into(),
            number: "PN-000002".into(),
        },
        DocumentError::NeedsProducer,
    ]);
    all.extend(KINDS.map(|k| DocumentError::Empty(k.label_vi().to_owned())));
    all
}

fn back_office_errors() -> Vec<Error> {
    let at = FixedOffset::east_opt(7 * 3600)
        .and_then(|tz| tz.with_ymd_and_hms(2026, 11, 30, 8, 0, 0).single())
        .unwrap_or_default();
    let path = || PathBuf::from("/tmp/backup.db");
    let mut all: Vec<Error> = document_errors().into_iter().map(Error::Document).collect();
    all.extend(
        [
            StocktakeError::NegativeCount(Qty::units(-1)),
            StocktakeError::TooLarge(Qty::units(200_000)),
            StocktakeError::EmptyScope("nhóm 1 (Thực phẩm)".into()),
            StocktakeError::BadGroup(9),
            StocktakeError::AlreadyCounting {
                product: "TEA".into(),
                number: "KK-000001".into(),
            },
            StocktakeError::NothingCounted("KK-000001".into()),
            StocktakeError::AlreadyPosted {
                number: "KK-000001".into(),
                posted_at: "2026-11-30 08:00".into(),
            },
        ]
        .map(Error::Stocktake),
    );
    all.extend(
        [
            TransferError::NoPoint,
            TransferError::BadPoint("x".into()),
            TransferError::SamePoint("DN-01".into()),
            TransferError::NoLines,
            TransferError::BadCode("x".into()),
            TransferError::BadFile("expected value at line 1".into()),
            TransferError::Unsupported {
                schema: "other".into(),
                version: 2,
            },
            TransferError::WrongPoint {
                code: "DN-01-XC-000001".into(),
                to: "DN-02".into(),
                ours: "DN-03".into(),
            },
            TransferError::AlreadyReceived {
                code: "DN-01-XC-000001".into(),
                number: "NC-000001".into(),
            },
            TransferError::UnknownCode("DN-01-XC-000009".into()),
            TransferError::NotSent("XC-000001".into()),
            TransferError::AlreadyDelivered {
                code: "DN-01-XC-000001".into(),
                at: "2026-11-30 08:00".into(),
            },
        ]
        .map(Error::Transfer),
    );
    all.extend(
        [
            SettlementError::BadPeriod,
            SettlementError::Running { today: date() },
            SettlementError::Overlap {
                producer: "HTX-A".into(),
                from: "01/11/2026".into(),
                to: "15/11/2026".into(),
            },
        ]
        .map(Error::Settlement),
    );
    all.extend(
        [
            BackupError::Io {
                path: path(),
                source: io(),
            },
            BackupError::Busy,
            BackupError::NotADatabase(path()),
            BackupError::Corrupt {
                path: path(),
                detail: "page 3".into(),
            },
            BackupError::NotATill(path()),
            BackupError::NewerSchema {
                path: path(),
                found: 99,
                known: 20,
            },
            BackupError::NewerData {
                current: at,
                backup: None,
            },
            BackupError::NewerData {
                current: at,
                backup: Some(at),
            },
            BackupError::SameFile(path()),
        ]
        .map(Error::Backup),
    );
    all.extend(
        [
            OutboxError::UnknownMessage(4),
            OutboxError::AlreadyDelivered(4),
            OutboxError::Summary(SummaryError::Invalid {
                field: "lines[3].stars".into(),
                reason: "phải từ 3 đến 5",
            }),
            OutboxError::Summary(SummaryError::Mismatch {
                field: "net_vnd",
                against: "lines[].net_vnd",
                stated: 10,
                computed: 12,
            }),
        ]
        .map(Error::Outbox),
    );
    all
}

fn other_store_errors() -> Vec<Error> {
    let user = || "Lan".to_owned();
    vec![
        Error::Sqlite(rusqlite::Error::QueryReturnedNoRows),
        Error::SchemaVersion {
            found: 99,
            known: 20,
        },
        Error::Worker(crate::store::worker::WorkerGone),
        Error::DuplicateUser(user()),
        Error::UnknownUser(user()),
        Error::WrongPin { remaining: 2 },
        Error::NotManager(user()),
        Error::Crypto("rng".into()),
        Error::UnknownCode("893".into()),
        Error::UnknownPlu(102),
        Error::NotByWeight("Tea".into()),
        Error::Inactive("Tea".into()),
        Error::NoVatRate {
            code: "TEA".into(),
            date: date(),
        },
        Error::UnknownProducer("HTX-A".into()),
        Error::DuplicateBarcode {
            code: "893".into(),
            holder: "TEA".into(),
        },
        Error::DuplicatePlu {
            plu: 102,
            holder: "TEA".into(),
        },
        Error::NotUtf8 { line: 3 },
        Error::FileTooLarge { bytes: 9, max: 8 },
        Error::TooManyRows { max: 8 },
        Error::UnknownColumn("colour".into()),
        Error::MissingColumn("code".into()),
        Error::DuplicateColumn("code".into()),
        Error::VatNotExportable("TEA".into()),
        Error::Csv(csv::Error::from(io())),
        Error::Corrupt("stock".into()),
        Error::Overflow(Overflow),
        Error::UnknownReceipt("HD-1".into()),
        Error::NoSuchReceiptLine(3),
        Error::NothingToRefund("HD-1".into()),
        Error::PayoutMismatch {
            payout: Vnd(1),
            refund: Vnd(2),
        },
        Error::UnknownParked(3),
        Error::Shift(ShiftError::NoOpenShift),
        Error::Shift(ShiftError::DrawerShort(Vnd(5))),
        Error::PrintJob(PrintJobError::NoReceiptYet),
        Error::PrintJob(PrintJobError::Copies(0)),
        Error::Folder {
            path: PathBuf::from("/data"),
            source: io(),
        },
        Error::Setting("chưa nhập tên điểm bán"),
        Error::Setting("điểm bán đã được khởi tạo"),
        Error::Setting(
            "không đổi được mã điểm bán: ca, hóa đơn và dữ liệu gửi sở đều gắn với mã này",
        ),
        Error::Setting("giờ mở/đóng ca không hợp lệ"),
        Error::Setting("danh mục chưa có sản phẩm đang bán: hãy nhập danh mục trước"),
        Error::Setting("chưa khởi tạo điểm bán: hãy chạy `ocop-pos init` trước"),
        Error::Setting("chỉ quản trị viên được đặt lại mã PIN / only an admin may reset a PIN"),
    ]
}

#[test]
fn every_back_office_refusal_reads_in_english() {
    for err in back_office_errors().iter().chain(&other_store_errors()) {
        let vi = errors::store(err, Lang::Vi);
        assert_eq!(vi, err.to_string(), "Vietnamese stays the store's own text");
        assert_english(&errors::store(err, Lang::En));
    }
}

#[test]
fn line_refusals_keep_the_line_and_say_why_in_english() {
    let err = Error::Document(DocumentError::Line {
        line: 4,
        reason: LineProblem::OnlyRemoves(AdjustReason::Damaged),
    });
    assert_eq!(
        errors::store(&err, Lang::En),
        "line 4: reason \"damaged\" only lowers the stock: type a negative quantity, or choose correction"
    );
    assert_eq!(
        errors::store(&err, Lang::Vi),
        "dòng 4: lý do \"hư hỏng\" chỉ làm giảm tồn kho: hãy nhập số âm, hoặc chọn điều chỉnh sai sót"
    );
    let empty = DocumentError::Empty(DocKind::Adjust.label_vi().to_owned());
    assert_eq!(document(&empty, Lang::En), "stock adjustment has no lines");
}

#[test]
fn files_periods_addresses_and_exports_read_in_english() {
    use crate::device::printer::AddressError;
    let a = || "tcp://x".to_owned();
    for err in [
        AddressError::Scheme(a()),
        AddressError::NoHost(a()),
        AddressError::Port {
            address: a(),
            port: "0".into(),
        },
        AddressError::NoPath(a()),
        AddressError::Baud("1".into()),
        AddressError::Flow("x".into()),
        AddressError::Option {
            address: a(),
            option: "y".into(),
        },
    ] {
        assert_english(&address(&err, Lang::En));
    }
    for err in [
        crate::export::Error::Shape {
            title: "t".into(),
            row: 1,
            cells: 2,
            columns: 3,
        },
        crate::export::Error::UnknownFormat("pdf".into()),
        crate::export::Error::TooManyRows(2_000_000),
        crate::export::Error::Io(io()),
        crate::export::Error::File {
            path: PathBuf::from("/x.csv"),
            source: io(),
        },
        crate::export::Error::Csv(csv::Error::from(io())),
        crate::export::Error::Json(serde_json::from_str::<i32>("x").unwrap_err()),
    ] {
        assert_english(&export(&err, Lang::En));
    }
    let save = SaveError::Io {
        path: PathBuf::from("/etc/ocop.toml"),
        source: io(),
    };
    assert_english(&config_save(&save, Lang::En));
    let bad = BadPeriod {
        from: date(),
        to: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default(),
    };
    assert_eq!(
        period(&bad, Lang::En),
        "the period is not valid: it starts on 30/11/2026, after it ends on 01/11/2026"
    );
    assert_eq!(
        file(&PathBuf::from("/x"), &io(), false, Lang::En),
        "cannot read the file /x: No such file or directory"
    );
}
