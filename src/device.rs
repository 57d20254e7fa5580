//! Devices at the counter: printer drivers and the print worker, the serial scanner reader, and
//! telling keyboard-wedge scanner bursts from typing.

pub mod print_worker;
pub mod printer;
pub mod scanner;
pub mod wedge;
