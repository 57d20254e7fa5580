//! Benchmarks of the till (placeholder until there is something to measure).

fn main() {}
