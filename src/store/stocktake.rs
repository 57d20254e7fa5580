//! Stock takes: open a count, record counts, show variances, post them as moves.

/// Why a stocktake operation was refused.
#[derive(Debug, thiserror::Error)]
pub enum StocktakeError {}
