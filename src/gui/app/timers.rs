//! Timers for the subscriptions: the scan detector's tick and the printer poll.

use std::time::Duration;

use super::Message;

/// A message every `period`, from a thread of its own: sleeping on the executor's few threads would
/// starve the keyboard's stream (and keys would be lost).
fn every(period: Duration, message: Message) -> impl iced::futures::Stream<Item = Message> {
    let (mut tx, rx) = iced::futures::channel::mpsc::channel(1);
    let spawned = std::thread::Builder::new()
        .name("ocop-timer".into())
        .spawn(move || {
            loop {
                std::thread::sleep(period);
                // A full channel means the last tick is still queued: skipping this one is fine.
                if tx
                    .try_send(message.clone())
                    .is_err_and(|e| e.is_disconnected())
                {
                    break;
                }
            }
        });
    if let Err(err) = spawned {
        tracing::error!("cannot start a timer thread: {err}");
    }
    rx
}

pub(super) fn ticks() -> impl iced::futures::Stream<Item = Message> {
    every(Duration::from_millis(10), Message::Tick)
}

pub(super) fn printer_poll() -> impl iced::futures::Stream<Item = Message> {
    every(Duration::from_secs(1), Message::PrinterPoll)
}
