use super::*;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Feeds `text` (with '\n' as Enter) starting at `start`, `gaps[i % len]` ms apart, ticking every
/// 10 ms as the window does; returns everything decided, then ticks well after the end.
fn feed(d: &mut Detector, text: &str, start: u64, gaps: &[u64]) -> (Vec<Decided>, u64) {
    let mut out = Vec::new();
    let mut t = start;
    for (i, ch) in text.chars().enumerate() {
        if i > 0 {
            let gap = gaps[i % gaps.len()];
            let mut tick = t + 10;
            while tick < t + gap {
                out.extend(d.tick(ms(tick)));
                tick += 10;
            }
            t += gap;
        }
        let key = match ch {
            '\n' => Key::Enter,
            '\t' => Key::Tab,
            c => Key::Char(c),
        };
        out.extend(d.key(key, ms(t)));
    }
    (out, t)
}

fn typed(text: &str) -> Decided {
    Decided::Typed(
        text.chars()
            .map(|c| if c == '\n' { Key::Enter } else { Key::Char(c) })
            .collect(),
    )
}

#[test]
fn scanner_bursts_at_2_to_10_ms_per_key_are_scans() {
    for gap in [2, 5, 10] {
        let mut d = Detector::new(WedgeConfig::default());
        let (out, _) = feed(&mut d, "8936012345675\n", 0, &[gap]);
        assert_eq!(out, [Decided::Scan("8936012345675".into())], "gap {gap} ms");
        assert!(!d.is_holding());
    }
    // Uneven timing inside the burst.
    let mut d = Detector::new(WedgeConfig::default());
    let (out, _) = feed(&mut d, "2900000000018\n", 0, &[3, 9, 2, 7]);
    assert_eq!(out, [Decided::Scan("2900000000018".into())]);
}

#[test]
fn people_typing_at_80_to_300_ms_are_typing() {
    let mut d = Detector::new(WedgeConfig::default());
    let (mut out, end) = feed(&mut d, "nuoc mam\n", 0, &[80, 300, 120]);
    out.extend(d.tick(ms(end + 100)));
    let keys: Vec<Key> = out
        .into_iter()
        .flat_map(|d| match d {
            Decided::Typed(keys) => keys,
            Decided::Scan(code) => panic!("typing taken for a scan: {code}"),
        })
        .collect();
    assert_eq!(Decided::Typed(keys), typed("nuoc mam\n"));
}

#[test]
fn a_scan_in_the_middle_of_typing_is_picked_out() {
    let mut d = Detector::new(WedgeConfig::default());
    let (mut out, end) = feed(&mut d, "12", 0, &[150]);
    let (scan, end) = feed(&mut d, "8934563138165\n", end + 120, &[4]);
    out.extend(scan);
    let (rest, end) = feed(&mut d, "x", end + 200, &[1]);
    out.extend(rest);
    out.extend(d.tick(ms(end + 50)));
    assert_eq!(
        out,
        [
            typed("1"),
            typed("2"),
            Decided::Scan("8934563138165".into()),
            typed("x")
        ]
    );
}

#[test]
fn short_fast_input_and_slow_enter_stay_typing() {
    let mut d = Detector::new(WedgeConfig::default());
    // Two keys rolled quickly then Enter: shorter than any code.
    let (out, _) = feed(&mut d, "ab\n", 0, &[15]);
    assert_eq!(out, [typed("ab\n")]);
    // A burst whose Enter comes late is typing too (a person finishing a pasted word).
    let mut d = Detector::new(WedgeConfig::default());
    let (out, _) = feed(&mut d, "12345678\n", 0, &[5, 5, 5, 5, 5, 5, 5, 5, 400]);
    assert_eq!(out, [typed("12345678"), typed("\n")]);
}

#[test]
fn scanners_without_terminator_end_by_silence() {
    let config = WedgeConfig {
        terminator: Terminator::None,
        ..WedgeConfig::default()
    };
    let mut d = Detector::new(config);
    let (out, end) = feed(&mut d, "0011223", 0, &[6]);
    assert!(out.is_empty());
    assert!(d.is_holding());
    assert_eq!(d.tick(ms(end + 10)), None);
    assert_eq!(d.tick(ms(end + 40)), Some(Decided::Scan("0011223".into())));
    // Enter is then just a key, handed on once the burst window has passed.
    let (out, _) = feed(&mut d, "\n", end + 500, &[1]);
    assert!(out.is_empty());
    assert_eq!(d.tick(ms(end + 540)), Some(typed("\n")));
}

#[test]
fn tab_terminated_scanners() {
    let config = WedgeConfig {
        terminator: Terminator::Tab,
        min_len: 8,
        ..WedgeConfig::default()
    };
    let mut d = Detector::new(config);
    let (out, _) = feed(&mut d, "96385074\t", 0, &[3]);
    assert_eq!(out, [Decided::Scan("96385074".into())]);
    let (out, _) = feed(&mut d, "1234\t", 1000, &[3]);
    assert_eq!(
        out,
        [Decided::Typed(vec![
            Key::Char('1'),
            Key::Char('2'),
            Key::Char('3'),
            Key::Char('4'),
            Key::Tab
        ])]
    );
}
