//! The till window (placeholder until the GUI lands).

fn main() {}
