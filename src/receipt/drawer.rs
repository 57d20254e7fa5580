//! The cash-drawer kick: `ESC p m t1 t2`, five bytes. (The `escpos` crate sends only the first
//! three, and the printer then swallows the next two bytes as pulse times.)

use serde::{Deserialize, Serialize};

/// Which connector pin drives the drawer's solenoid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub enum Pin {
    /// Pin 2 (`m` = 0): most drawers.
    #[default]
    Two,
    /// Pin 5 (`m` = 1): a second drawer.
    Five,
}

impl TryFrom<u8> for Pin {
    type Error = String;
    fn try_from(n: u8) -> Result<Self, Self::Error> {
        match n {
            2 => Ok(Pin::Two),
            5 => Ok(Pin::Five),
            _ => Err(format!("chân ngăn kéo {n} không có: chỉ 2 hoặc 5")),
        }
    }
}

impl From<Pin> for u8 {
    fn from(pin: Pin) -> u8 {
        match pin {
            Pin::Two => 2,
            Pin::Five => 5,
        }
    }
}

/// A pulse: which pin, how long on and then off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pulse {
    /// The pin.
    pub pin: Pin,
    /// Milliseconds on (2–510, sent in 2 ms units).
    pub on_ms: u16,
    /// Milliseconds off (2–510).
    pub off_ms: u16,
}

impl Default for Pulse {
    /// Epson's recommended kick: 50 ms on, 500 ms off, pin 2.
    fn default() -> Self {
        Pulse {
            pin: Pin::Two,
            on_ms: 50,
            off_ms: 500,
        }
    }
}

fn units(ms: u16) -> u8 {
    u8::try_from((ms / 2).clamp(1, 255)).unwrap_or(u8::MAX)
}

impl Pulse {
    /// The five bytes `1B 70 m t1 t2`.
    pub fn bytes(&self) -> [u8; 5] {
        let m = match self.pin {
            Pin::Two => 0,
            Pin::Five => 1,
        };
        [0x1B, 0x70, m, units(self.on_ms), units(self.off_ms)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_bytes_with_pin_and_times() {
        assert_eq!(Pulse::default().bytes(), [0x1B, 0x70, 0x00, 0x19, 0xFA]);
        let five = Pulse {
            pin: Pin::Five,
            on_ms: 100,
            off_ms: 200,
        };
        assert_eq!(five.bytes(), [0x1B, 0x70, 0x01, 50, 100]);
        let extreme = Pulse {
            pin: Pin::Two,
            on_ms: 0,
            off_ms: 9999,
        };
        assert_eq!(extreme.bytes(), [0x1B, 0x70, 0x00, 1, 255]);
        assert_eq!(
            Pin::try_from(3),
            Err("chân ngăn kéo 3 không có: chỉ 2 hoặc 5".into())
        );
    }
}
