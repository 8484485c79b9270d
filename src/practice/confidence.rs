//! Confidence-based marking (Gardner-Medwin's scheme, as in UCL's LAPT): the
//! learner rates each answer 1, 2 or 3 before it is marked. Right earns 1, 2
//! or 3; wrong costs 0, 2 or 6. The marks reward knowing *what you know*: a
//! guess rated 3 costs more than it can win, so rating 3 pays only when you
//! are over 80 % sure, 2 between 67 % and 80 %, 1 below.
//!
//! Only an item's first try is rated and marked — the first try is the recall
//! (later tries have seen the marks), as for spaced repetition.

use serde::Serialize;

/// How sure the learner is of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Confidence {
    /// 1: not sure (best below about 67 % sure).
    Low = 1,
    /// 2: fairly sure (67–80 %).
    Mid = 2,
    /// 3: very sure (above 80 %).
    High = 3,
}

impl Confidence {
    /// `1`, `2` or `3` as typed; anything else is `None`.
    ///
    /// ```
    /// use kata::practice::Confidence;
    /// assert_eq!(Confidence::from_level(3), Some(Confidence::High));
    /// assert_eq!(Confidence::from_level(4), None);
    /// ```
    pub fn from_level(level: u8) -> Option<Confidence> {
        match level {
            1 => Some(Confidence::Low),
            2 => Some(Confidence::Mid),
            3 => Some(Confidence::High),
            _ => None,
        }
    }

    pub fn level(self) -> u8 {
        self as u8
    }

    /// The CBM mark of an answer at this confidence.
    ///
    /// ```
    /// use kata::practice::Confidence;
    /// assert_eq!(Confidence::High.mark(true), 3);
    /// assert_eq!(Confidence::High.mark(false), -6);
    /// assert_eq!(Confidence::Low.mark(false), 0);
    /// ```
    pub fn mark(self, correct: bool) -> i32 {
        match (self, correct) {
            (Confidence::Low, true) => 1,
            (Confidence::Mid, true) => 2,
            (Confidence::High, true) => 3,
            (Confidence::Low, false) => 0,
            (Confidence::Mid, false) => -2,
            (Confidence::High, false) => -6,
        }
    }

    /// The words the front-ends show beside the digit.
    pub fn words(self) -> &'static str {
        match self {
            Confidence::Low => "not sure",
            Confidence::Mid => "fairly sure",
            Confidence::High => "very sure",
        }
    }
}

/// The three levels, in order.
pub const LEVELS: [Confidence; 3] = [Confidence::Low, Confidence::Mid, Confidence::High];

/// The CBM marks of a set of rated answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct CbmScore {
    /// The sum of the marks (may be negative).
    pub marks: i32,
    /// Rated answers.
    pub answers: u32,
}

impl CbmScore {
    /// Marks per rated answer, from −6 to 3; 0 with no answer.
    pub fn average(&self) -> f64 {
        if self.answers == 0 {
            0.0
        } else {
            f64::from(self.marks) / f64::from(self.answers)
        }
    }

    /// The marks as a share of the best possible (every answer right at 3).
    pub fn percent(&self) -> f64 {
        if self.answers == 0 {
            0.0
        } else {
            100.0 * f64::from(self.marks) / f64::from(3 * self.answers)
        }
    }
}

/// How often answers at each confidence were right: whether the learner
/// knows what they know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Calibration {
    /// Per level (index 0 = 1 … 2 = 3): (answers, right).
    pub levels: [(u32, u32); 3],
}

impl Calibration {
    /// Fold rated answers `(confidence, correct)`.
    ///
    /// ```
    /// use kata::practice::{Calibration, Confidence::*};
    /// let c = Calibration::of([(High, true), (High, false), (Low, true)]);
    /// assert_eq!(c.levels, [(1, 1), (0, 0), (2, 1)]);
    /// assert_eq!(c.score().marks, 3 - 6 + 1);
    /// ```
    pub fn of(answers: impl IntoIterator<Item = (Confidence, bool)>) -> Calibration {
        let mut c = Calibration::default();
        for (confidence, correct) in answers {
            c.add(confidence, correct);
        }
        c
    }

    pub fn add(&mut self, confidence: Confidence, correct: bool) {
        let row = &mut self.levels[usize::from(confidence.level() - 1)];
        row.0 += 1;
        row.1 += u32::from(correct);
    }

    /// The CBM marks of every answer folded in.
    pub fn score(&self) -> CbmScore {
        let mut score = CbmScore::default();
        for (level, &(answers, right)) in LEVELS.iter().zip(&self.levels) {
            score.answers += answers;
            score.marks +=
                level.mark(true) * right as i32 + level.mark(false) * (answers - right) as i32;
        }
        score
    }

    pub fn is_empty(&self) -> bool {
        self.levels.iter().all(|&(n, _)| n == 0)
    }

    /// One line per level that has answers: `3 (very sure): 4 of 5 right (80 %) — about right`.
    /// The verdict compares the share right with the range where that
    /// rating pays (Gardner-Medwin): 3 above 80 %, 2 from 67 % to 80 %, 1 below 67 %.
    pub fn lines(&self) -> Vec<String> {
        LEVELS
            .iter()
            .zip(&self.levels)
            .filter(|(_, (n, _))| *n > 0)
            .map(|(level, &(n, right))| {
                let percent = 100.0 * f64::from(right) / f64::from(n);
                let advice = match level {
                    Confidence::High if percent < 80.0 => {
                        "over-confident: rate 3 only when over 80 % sure"
                    }
                    Confidence::Mid if percent < 67.0 => {
                        "over-confident: rate 2 only when over 67 % sure"
                    }
                    Confidence::Mid if percent > 80.0 => "under-confident: these earn more at 3",
                    Confidence::Low if percent > 67.0 => {
                        "under-confident: these earn more at 2 or 3"
                    }
                    _ => "well judged",
                };
                format!(
                    "{} ({}): {right} of {n} right ({percent:.0} %) — {advice}",
                    level.level(),
                    level.words()
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_of_the_scheme() {
        let marks: Vec<(i32, i32)> = LEVELS
            .iter()
            .map(|l| (l.mark(true), l.mark(false)))
            .collect();
        assert_eq!(marks, [(1, 0), (2, -2), (3, -6)]);
    }

    #[test]
    fn a_rating_pays_only_in_its_range_of_certainty() {
        // Expected mark at probability p of being right: the best level
        // changes at 2/3 and 4/5, the thresholds the advice names.
        let expected = |l: Confidence, p: f64| {
            p * f64::from(l.mark(true)) + (1.0 - p) * f64::from(l.mark(false))
        };
        let best = |p: f64| {
            *LEVELS
                .iter()
                .max_by(|a, b| expected(**a, p).total_cmp(&expected(**b, p)))
                .unwrap()
        };
        assert_eq!(best(0.6), Confidence::Low);
        assert_eq!(best(0.75), Confidence::Mid);
        assert_eq!(best(0.9), Confidence::High);
    }

    #[test]
    fn calibration_says_who_is_over_confident() {
        let c = Calibration::of([
            (Confidence::High, true),
            (Confidence::High, false),
            (Confidence::Low, true),
        ]);
        let lines = c.lines();
        assert_eq!(lines.len(), 2, "no line for a level never used");
        assert!(lines[0].starts_with("1 (not sure): 1 of 1 right (100 %) — under-confident"));
        assert!(lines[1].starts_with("3 (very sure): 1 of 2 right (50 %) — over-confident"));
        let s = c.score();
        assert_eq!((s.marks, s.answers), (-2, 3));
        assert!((s.average() - (-2.0 / 3.0)).abs() < 1e-12);
    }
}
