//! Rules of stock corrections: why stock is adjusted by hand, and which way each reason moves it.

use serde::{Deserialize, Serialize};

/// Why stock was adjusted by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdjustReason {
    /// Broken, spoiled or otherwise unsellable.
    Damaged,
    /// Missing.
    Lost,
    /// Given away as a tasting sample or a display piece.
    Sample,
    /// A counting or entry mistake put right (either way).
    Correction,
}

impl AdjustReason {
    /// Every reason, in menu order.
    pub const ALL: [AdjustReason; 4] = [
        AdjustReason::Damaged,
        AdjustReason::Lost,
        AdjustReason::Sample,
        AdjustReason::Correction,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            AdjustReason::Damaged => "damaged",
            AdjustReason::Lost => "lost",
            AdjustReason::Sample => "sample",
            AdjustReason::Correction => "correction",
        }
    }

    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            AdjustReason::Damaged => "hư hỏng",
            AdjustReason::Lost => "mất hàng",
            AdjustReason::Sample => "hàng mẫu, dùng thử",
            AdjustReason::Correction => "điều chỉnh sai sót",
        }
    }

    /// Whether the reason can only take stock away (only a correction may add).
    pub fn only_removes(self) -> bool {
        self != AdjustReason::Correction
    }
}

impl std::str::FromStr for AdjustReason {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim().to_ascii_lowercase();
        AdjustReason::ALL
            .into_iter()
            .find(|r| r.as_str() == wanted)
            .ok_or_else(|| {
                format!("lý do \"{text}\" không hợp lệ; chọn damaged (hư hỏng), lost (mất hàng), sample (hàng mẫu) hoặc correction (điều chỉnh sai sót)")
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_parse_and_only_corrections_add() {
        for reason in AdjustReason::ALL {
            assert_eq!(reason.as_str().parse::<AdjustReason>(), Ok(reason));
        }
        assert_eq!(
            " Damaged ".parse::<AdjustReason>(),
            Ok(AdjustReason::Damaged)
        );
        assert!(
            "theft"
                .parse::<AdjustReason>()
                .unwrap_err()
                .contains("theft")
        );
        assert!(AdjustReason::Lost.only_removes());
        assert!(!AdjustReason::Correction.only_removes());
    }
}
