//! The keyboard contract: which key press means what, whatever widget has focus.

use iced::keyboard::{self, Modifiers, key::Named};

/// A key press the window cares about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Press {
    /// A printable character.
    Char(char),
    /// Enter.
    Enter,
    /// Backspace.
    Backspace,
    /// Escape.
    Escape,
    /// Delete.
    Delete,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// A function key F1–F12.
    F(u8),
    /// Ctrl+L.
    Lock,
}

/// Translates iced's key event into a [`Press`], if it is one the window handles.
pub fn press(key: &keyboard::Key, modifiers: Modifiers, text: Option<&str>) -> Option<Press> {
    match key {
        keyboard::Key::Named(named) => named_press(*named),
        keyboard::Key::Character(c) if modifiers.control() => {
            (c.as_str().eq_ignore_ascii_case("l")).then_some(Press::Lock)
        }
        keyboard::Key::Character(c) => {
            let typed = text.unwrap_or(c.as_str());
            let mut chars = typed.chars();
            match (chars.next(), chars.next()) {
                (Some(ch), None) if !ch.is_control() => Some(Press::Char(ch)),
                _ => None,
            }
        }
        keyboard::Key::Unidentified => None,
    }
}

fn named_press(named: Named) -> Option<Press> {
    Some(match named {
        Named::Enter => Press::Enter,
        Named::Backspace => Press::Backspace,
        Named::Escape => Press::Escape,
        Named::Delete => Press::Delete,
        Named::ArrowUp => Press::Up,
        Named::ArrowDown => Press::Down,
        Named::Space => Press::Char(' '),
        Named::F1 => Press::F(1),
        Named::F2 => Press::F(2),
        Named::F3 => Press::F(3),
        Named::F4 => Press::F(4),
        Named::F5 => Press::F(5),
        Named::F6 => Press::F(6),
        Named::F7 => Press::F(7),
        Named::F8 => Press::F(8),
        Named::F9 => Press::F(9),
        Named::F10 => Press::F(10),
        Named::F11 => Press::F(11),
        Named::F12 => Press::F(12),
        _ => return None,
    })
}
