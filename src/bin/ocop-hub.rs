//! The provincial hub server (placeholder until the hub lands).

fn main() {}
