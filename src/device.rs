//! Devices at the counter. For now: telling keyboard-wedge scanner bursts from typing.

pub mod wedge;
