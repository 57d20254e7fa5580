//! Telling a keyboard-wedge scanner from a person at the keyboard. A scanner "types" a whole code in
//! a burst, a few milliseconds per key, usually ending with Enter; people type tens to hundreds of
//! milliseconds apart. The detector holds keys while they come fast and decides when the burst ends.

use std::time::Duration;

/// What ends a scanner's burst.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Terminator {
    /// Enter (the factory setting of most scanners).
    Enter,
    /// Tab.
    Tab,
    /// Nothing: the burst ends when the keys stop.
    None,
}

/// How the detector decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WedgeConfig {
    /// Longest gap between two keys of one scan.
    pub max_gap: Duration,
    /// Fewest characters a scan has (EAN-8 has 8; in-store codes may be shorter).
    pub min_len: usize,
    /// What ends a scan.
    pub terminator: Terminator,
}

impl Default for WedgeConfig {
    fn default() -> Self {
        WedgeConfig {
            max_gap: Duration::from_millis(30),
            min_len: 4,
            terminator: Terminator::Enter,
        }
    }
}

/// A key press the window saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A printable character.
    Char(char),
    /// Enter.
    Enter,
    /// Tab.
    Tab,
}

/// What the detector hands back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decided {
    /// A scanned code, to go to the cart whatever has focus.
    Scan(String),
    /// Keys a person typed, to go to the focused field in order.
    Typed(Vec<Key>),
}

/// The burst detector. Times are the moments keys arrived, as a duration from any fixed start.
#[derive(Debug, Clone)]
pub struct Detector {
    config: WedgeConfig,
    held: Vec<Key>,
    last: Option<Duration>,
}

impl Detector {
    /// A detector with `config`.
    pub fn new(config: WedgeConfig) -> Detector {
        Detector {
            config,
            held: Vec::new(),
            last: None,
        }
    }

    fn is_terminator(&self, key: Key) -> bool {
        matches!(
            (self.config.terminator, key),
            (Terminator::Enter, Key::Enter) | (Terminator::Tab, Key::Tab)
        )
    }

    fn chars(&self) -> String {
        self.held
            .iter()
            .filter_map(|k| match k {
                Key::Char(c) => Some(*c),
                _ => None,
            })
            .collect()
    }

    /// Ends the held keys: a scan if they are a long enough burst, else typing.
    fn release(&mut self, terminated: bool) -> Option<Decided> {
        if self.held.is_empty() {
            return None;
        }
        let text = self.chars();
        let all_chars = text.chars().count() == self.held.len();
        let decided = if all_chars && text.chars().count() >= self.config.min_len {
            let ends_by_silence = self.config.terminator == Terminator::None;
            (terminated || ends_by_silence).then_some(Decided::Scan(text))
        } else {
            None
        };
        let keys = std::mem::take(&mut self.held);
        Some(decided.unwrap_or(Decided::Typed(keys)))
    }

    /// Feeds one key that arrived at `at`; returns what is decided by it (in order).
    pub fn key(&mut self, key: Key, at: Duration) -> Vec<Decided> {
        let mut out = Vec::new();
        let fast = self
            .last
            .is_some_and(|last| at.saturating_sub(last) <= self.config.max_gap);
        if !fast {
            // A slow key: whatever was held did not come in one burst with it.
            out.extend(self.release(false));
        }
        self.last = Some(at);
        if self.is_terminator(key) && fast {
            let ended = self.release(true);
            match ended {
                Some(Decided::Typed(mut keys)) => {
                    keys.push(key);
                    out.push(Decided::Typed(keys));
                }
                Some(scan) => out.push(scan),
                None => out.push(Decided::Typed(vec![key])),
            }
            return out;
        }
        if self.is_terminator(key) {
            out.push(Decided::Typed(vec![key]));
            return out;
        }
        self.held.push(key);
        out
    }

    /// Called on a timer: once the gap since the last key is longer than a scan's, held keys are
    /// decided (typing, or a scan when scans have no terminator).
    pub fn tick(&mut self, now: Duration) -> Option<Decided> {
        let quiet = self
            .last
            .is_some_and(|last| now.saturating_sub(last) > self.config.max_gap);
        if quiet { self.release(false) } else { None }
    }

    /// Whether keys are being held back (the window should tick soon).
    pub fn is_holding(&self) -> bool {
        !self.held.is_empty()
    }
}

#[cfg(test)]
mod tests;
