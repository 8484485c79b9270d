//! Points, percentages and the verdict.
//!
//! An item weighs 1, 2 or 3 points (easy, medium, hard). Solved on try *k* of
//! *n* it earns `(n − k + 1) / n` of its weight; a hint shown before solving
//! halves what is left. Unsolved items earn nothing.

use serde::Serialize;

/// Points earned for an item of `weight`, solved on try `on_try` (1-based) of `tries`.
pub fn points(weight: u32, on_try: usize, tries: usize, hint_shown: bool) -> f64 {
    if on_try == 0 || tries == 0 || on_try > tries {
        return 0.0;
    }
    let earned = weight as f64 * (tries - on_try + 1) as f64 / tries as f64;
    if hint_shown { earned / 2.0 } else { earned }
}

/// The score of a whole session.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Score {
    pub points: f64,
    pub total: u32,
}

impl Score {
    /// Percent of the total, 0 when there is nothing to score.
    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            100.0 * self.points / self.total as f64
        }
    }

    pub fn verdict(&self) -> Verdict {
        if self.percent() >= STRONG_PERCENT - 1e-9 {
            Verdict::Strong
        } else {
            Verdict::NeedsPractice
        }
    }
}

impl std::fmt::Display for Score {
    /// `5.5/12 (46%)` — points keep at most two decimals, trailing zeros dropped.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}/{} ({:.0}%)",
            short_number(self.points),
            self.total,
            self.percent()
        )
    }
}

/// A percentage at or above which the pattern counts as strong.
pub const STRONG_PERCENT: f64 = 80.0;

/// What a finished test says about the learner's grip on the topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Strong,
    NeedsPractice,
}

impl std::fmt::Display for Verdict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Verdict::Strong => "strong",
            Verdict::NeedsPractice => "needs practice",
        })
    }
}

/// `2`, `1.5`, `0.67`: at most two decimals, no trailing zeros.
pub fn short_number(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_try_earns_the_whole_weight() {
        assert_eq!(points(3, 1, 3, false), 3.0);
        assert_eq!(points(1, 1, 1, false), 1.0);
    }

    #[test]
    fn each_later_try_earns_a_smaller_share() {
        assert_eq!(points(3, 2, 3, false), 2.0);
        assert_eq!(points(3, 3, 3, false), 1.0);
        assert!((points(2, 2, 3, false) - 4.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn a_hint_halves_what_is_left() {
        assert_eq!(points(3, 1, 3, true), 1.5);
        assert_eq!(points(3, 3, 3, true), 0.5);
    }

    #[test]
    fn unsolved_earns_nothing() {
        assert_eq!(points(3, 0, 3, false), 0.0);
        assert_eq!(points(3, 4, 3, false), 0.0);
    }

    #[test]
    fn strong_starts_at_eighty_percent() {
        assert_eq!(
            Score {
                points: 8.0,
                total: 10
            }
            .verdict(),
            Verdict::Strong
        );
        assert_eq!(
            Score {
                points: 7.99,
                total: 10
            }
            .verdict(),
            Verdict::NeedsPractice
        );
        assert_eq!(
            Score {
                points: 0.0,
                total: 0
            }
            .verdict(),
            Verdict::NeedsPractice
        );
    }

    #[test]
    fn score_prints_short_numbers() {
        assert_eq!(
            Score {
                points: 5.5,
                total: 12
            }
            .to_string(),
            "5.5/12 (46%)"
        );
        assert_eq!(
            Score {
                points: 2.0 / 3.0,
                total: 1
            }
            .to_string(),
            "0.67/1 (67%)"
        );
        assert_eq!(
            Score {
                points: 12.0,
                total: 12
            }
            .to_string(),
            "12/12 (100%)"
        );
    }
}
