//! The header's status banners: the receipt printer and the background push to the provincial
//! hub, each as (good, text) from what the workers last reported.

use crate::device::print_worker;
use crate::gui::i18n::Lang;
use crate::sync::worker as sync_worker;

/// What the pusher reports while the hub cannot be reached.
const UNREACHABLE: &str = "chưa kết nối được máy chủ tỉnh, sẽ thử lại";

/// The printer banner: "no printer configured", the worker's last error, or ready. None while a
/// configured printer's worker has not reported yet.
pub fn printer(
    configured: bool,
    state: Option<&print_worker::State>,
    lang: Lang,
) -> Option<(bool, String)> {
    let words = lang.strings();
    if !configured {
        return Some((false, words.no_printer.to_owned()));
    }
    let state = state?;
    Some(match &state.error {
        None => (true, words.printer_ok.to_owned()),
        Some(err) => {
            let err = match lang {
                Lang::Vi => err.clone(),
                Lang::En => crate::gui::i18n::errors::printer_en(err),
            };
            (false, format!("{}: {err}", words.printer_trouble))
        }
    })
}

/// The sync banner: days waiting for the hub and the last error. None without `[sync]` and before
/// the pusher's first round.
pub fn sync(state: Option<&sync_worker::State>, lang: Lang) -> Option<(bool, String)> {
    let words = lang.strings();
    let state = state.filter(|s| s.checked)?;
    let mut parts = Vec::new();
    if state.pending > 0 {
        parts.push(format!("{} {}", state.pending, words.sync_pending));
    }
    if let Some(err) = &state.error {
        let err = match (lang, err.as_str()) {
            (Lang::En, UNREACHABLE) => "the provincial hub cannot be reached, will retry",
            _ => err,
        };
        parts.push(format!("{}: {err}", words.sync_trouble));
    }
    if parts.is_empty() {
        return Some((true, words.sync_ok.to_owned()));
    }
    Some((state.error.is_none(), parts.join(" · ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sync_banner_counts_days_and_shows_the_error() {
        let waiting = sync_worker::State {
            pending: 2,
            error: Some(UNREACHABLE.into()),
            checked: true,
        };
        assert_eq!(
            sync(Some(&waiting), Lang::Vi),
            Some((
                false,
                format!("2 ngày chưa đồng bộ · Lỗi đồng bộ: {UNREACHABLE}")
            ))
        );
        assert_eq!(
            sync(Some(&waiting), Lang::En),
            Some((
                false,
                "2 days not yet synced · Sync trouble: the provincial hub cannot be reached, will retry"
                    .into()
            ))
        );
        let done = sync_worker::State {
            checked: true,
            ..sync_worker::State::default()
        };
        assert_eq!(sync(Some(&done), Lang::En), Some((true, "Synced".into())));
        // Before the first round nothing is claimed.
        assert_eq!(sync(Some(&sync_worker::State::default()), Lang::Vi), None);
        assert_eq!(sync(None, Lang::Vi), None);
    }

    #[test]
    fn printer_banner_says_when_none_is_configured() {
        assert_eq!(
            printer(false, None, Lang::Vi),
            Some((false, "Chưa cấu hình máy in".into()))
        );
        let failing = print_worker::State {
            error: Some("hết giấy".into()),
            ..print_worker::State::default()
        };
        assert_eq!(
            printer(true, Some(&failing), Lang::En),
            Some((false, "Printer trouble — selling goes on: hết giấy".into()))
        );
        assert_eq!(printer(true, None, Lang::Vi), None);
    }
}
