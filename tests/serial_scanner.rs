//! The serial scanner reader fed by stand-ins for a port: cursors that end (an unplugged
//! scanner), failed opens in between, and a pipe written a few bytes at a time. Codes arrive
//! through the channel split at CR, LF or CRLF; the reader reopens after an unplug and stops when
//! the receiver is dropped. The real serial open path is exercised on a port that does not exist.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use std::collections::VecDeque;
use std::io::{self, Cursor, Write};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use ocop_pos::device::scanner::{self, Event, SerialSettings};

const WAIT: Duration = Duration::from_secs(5);

/// The events until `n` have arrived (or the wait runs out).
fn events(reader: &scanner::Scanner, n: usize) -> Vec<Event> {
    (0..n)
        .map_while(|_| reader.recv_timeout(WAIT).ok())
        .collect()
}

#[test]
fn codes_arrive_split_at_line_ends_and_survive_an_unplug() {
    // Plugged in, two scans, unplugged; not there when looked for; plugged in again.
    let mut plugs: VecDeque<io::Result<Cursor<Vec<u8>>>> = VecDeque::from([
        Ok(Cursor::new(
            b"8934563138165\r\n2900000000018\n29000".to_vec(),
        )),
        Err(io::Error::new(
            io::ErrorKind::NotFound,
            "không có /dev/ttyACM0",
        )),
        Ok(Cursor::new(b"\r\nHOIAN-01-000051\r".to_vec())),
    ]);
    let (gone, ended) = mpsc::channel::<()>();
    let reader = scanner::spawn(
        move || {
            let _alive = &gone;
            plugs
                .pop_front()
                .unwrap_or_else(|| Err(io::ErrorKind::NotFound.into()))
        },
        Duration::from_millis(20),
    )
    .unwrap();
    let got = events(&reader, 6);
    assert_eq!(
        got,
        [
            Event::Connected,
            Event::Code("8934563138165".into()),
            Event::Code("2900000000018".into()),
            Event::Disconnected("máy quét đã ngắt kết nối".into()),
            Event::Connected,
            Event::Code("HOIAN-01-000051".into()),
        ]
    );
    // The half code cut by the unplug was dropped, and the failed open was not reported twice.
    match reader.recv_timeout(WAIT).unwrap() {
        Event::Disconnected(why) => assert_eq!(why, "máy quét đã ngắt kết nối"),
        other => panic!("{other:?}"),
    }
    assert!(reader.recv_timeout(Duration::from_millis(200)).is_err());
    // Dropping the receiver stops the thread, which drops the opener.
    drop(reader);
    assert_eq!(
        ended.recv_timeout(WAIT),
        Err(mpsc::RecvTimeoutError::Disconnected)
    );
}

#[test]
fn a_pipe_written_slowly_delivers_whole_codes() {
    let (pipe_reader, mut writer) = io::pipe().unwrap();
    let mut once = Some(pipe_reader);
    let reader = scanner::spawn(
        move || once.take().ok_or_else(|| io::ErrorKind::NotFound.into()),
        Duration::from_millis(20),
    )
    .unwrap();
    assert_eq!(reader.recv_timeout(WAIT).unwrap(), Event::Connected);
    let feeder = thread::spawn(move || {
        for piece in [
            &b"89345"[..],
            b"63138",
            b"165\r",
            b"\n29",
            b"00000000032\r\n",
        ] {
            writer.write_all(piece).unwrap();
            thread::sleep(Duration::from_millis(15));
        }
    });
    assert_eq!(
        events(&reader, 2),
        [
            Event::Code("8934563138165".into()),
            Event::Code("2900000000032".into())
        ]
    );
    feeder.join().unwrap();
    // The writer is gone: the scanner counts as unplugged.
    assert!(matches!(
        reader.recv_timeout(WAIT).unwrap(),
        Event::Disconnected(_)
    ));
}

#[test]
fn a_serial_port_that_is_not_there_is_reported_and_retried() {
    let settings = SerialSettings {
        path: "/dev/ocop-no-such-scanner".into(),
        baud: 9600,
        retry: Duration::from_millis(20),
    };
    assert!(scanner::open_serial(&settings).is_err());
    let reader = scanner::spawn_serial(settings).unwrap();
    match reader.recv_timeout(WAIT).unwrap() {
        Event::Disconnected(why) => {
            assert!(why.starts_with("không mở được máy quét"), "{why}");
        }
        other => panic!("{other:?}"),
    }
    // Retried quietly: one report per outage.
    assert!(reader.recv_timeout(Duration::from_millis(200)).is_err());
}
