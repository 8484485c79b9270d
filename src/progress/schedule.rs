//! Spaced repetition with FSRS (the `fsrs` crate, default parameters).
//!
//! Each session in which the learner meets an item is one review. Its rating
//! comes from the first try in that session, the way a flash-card learner
//! presses a button: wrong → Again, right after reading the hint → Hard, right
//! → Good. Later tries in the same session are practice, not recall, so they
//! do not count again. An item is due on the day of its last review plus the
//! FSRS interval for 90 % retention, rounded, at least one day.

use serde::Serialize;

/// The retention FSRS schedules for: the chance to still know an item when it comes due.
pub const DESIRED_RETENTION: f32 = 0.9;

/// How a review went, on the FSRS scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    Again = 1,
    Hard = 2,
    Good = 3,
    /// Only a flashcard is graded Easy: a right answer to a question says
    /// nothing of how easy the recall was.
    Easy = 4,
}

impl Rating {
    /// Every rating, in FSRS order (the keys 1–4 of a flashcard).
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// The rating of FSRS's number, 1 (Again) to 4 (Easy).
    ///
    /// ```
    /// use kata::progress::Rating;
    /// assert_eq!(Rating::from_level(4), Some(Rating::Easy));
    /// assert_eq!(Rating::from_level(0), None);
    /// ```
    pub fn from_level(level: u8) -> Option<Rating> {
        Rating::ALL.get(usize::from(level).checked_sub(1)?).copied()
    }

    /// The rating's word, as a learner presses it: `again`, `hard`, `good`, `easy`.
    pub fn word(self) -> &'static str {
        match self {
            Rating::Again => "again",
            Rating::Hard => "hard",
            Rating::Good => "good",
            Rating::Easy => "easy",
        }
    }

    /// The rating of a review from its first try.
    pub fn of_first_try(correct: bool, hint_shown: bool) -> Rating {
        match (correct, hint_shown) {
            (false, _) => Rating::Again,
            (true, true) => Rating::Hard,
            (true, false) => Rating::Good,
        }
    }
}

/// One review: the (local) day it happened and how it went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Review {
    pub day: i64,
    pub rating: Rating,
}

/// Where FSRS puts an item after its reviews.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Schedule {
    /// Days until recall drops to 90 %.
    pub stability: f32,
    /// FSRS difficulty, 1 (easy) to 10 (hard).
    pub difficulty: f32,
    /// The day (local day number) the item is due again.
    pub due_day: i64,
}

/// The scheduler, holding the FSRS model with its default parameters.
#[derive(Default)]
pub struct Scheduler {
    fsrs: fsrs::FSRS,
}

impl Scheduler {
    /// Schedule an item from its reviews (oldest first); `None` without reviews.
    pub fn schedule(&self, reviews: &[Review]) -> Option<Schedule> {
        let last = reviews.last()?;
        let mut previous_day = reviews[0].day;
        let item = fsrs::FSRSItem {
            reviews: reviews
                .iter()
                .map(|r| {
                    let delta_t = (r.day - previous_day).max(0) as u32;
                    previous_day = r.day;
                    fsrs::FSRSReview {
                        rating: r.rating as u32,
                        delta_t,
                    }
                })
                .collect(),
        };
        let memory = self.fsrs.memory_state(item, None).ok()?;
        let interval = self
            .fsrs
            .next_interval(Some(memory.stability), DESIRED_RETENTION, 0);
        let days = (interval.round() as i64).max(1);
        Some(Schedule {
            stability: memory.stability,
            difficulty: memory.difficulty,
            due_day: last.day + days,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(day: i64, rating: Rating) -> Review {
        Review { day, rating }
    }

    #[test]
    fn a_first_good_review_comes_back_in_two_days() {
        // FSRS-6 default w[2] = 2.3065 days of stability after a first "good".
        let s = Scheduler::default()
            .schedule(&[r(100, Rating::Good)])
            .unwrap();
        assert!((s.stability - 2.3065).abs() < 1e-4);
        assert_eq!(s.due_day, 102);
    }

    #[test]
    fn a_first_wrong_answer_comes_back_tomorrow() {
        let s = Scheduler::default()
            .schedule(&[r(100, Rating::Again)])
            .unwrap();
        assert!((s.stability - 0.212).abs() < 1e-4);
        assert_eq!(s.due_day, 101, "never the same day: at least one day");
    }

    #[test]
    fn a_known_sequence_of_tries_is_scheduled_as_fsrs_6_says() {
        // Good on the due day, three times, then a lapse 20 days after the last review.
        // The first figure is FSRS-6's default w[2]; the second checks by hand against
        // S' = S·(1 + e^w8·(11−D)·S^−w9·(e^(w10·(1−R))−1)) ≈ 10.9 with R ≈ 0.91 on day 2.
        let scheduler = Scheduler::default();
        let mut reviews = vec![r(0, Rating::Good)];
        let mut seen = Vec::new();
        for _ in 0..4 {
            let s = scheduler.schedule(&reviews).unwrap();
            seen.push((s.due_day, (s.stability * 100.0).round() / 100.0));
            reviews.push(r(s.due_day, Rating::Good));
        }
        reviews.pop();
        assert_eq!(
            seen,
            [(2, 2.31), (13, 10.96), (59, 46.28), (222, 162.86)],
            "each gap longer than the one before"
        );
        reviews.push(r(79, Rating::Again));
        let lapsed = scheduler.schedule(&reviews).unwrap();
        assert_eq!(lapsed.due_day, 83, "a lapse pulls the item back to days");
        assert!((lapsed.stability - 4.115).abs() < 1e-3);
        assert!(lapsed.difficulty > 7.0, "and marks it harder");
    }

    #[test]
    fn a_same_day_correction_stays_short() {
        let s = Scheduler::default()
            .schedule(&[r(0, Rating::Again), r(0, Rating::Good)])
            .unwrap();
        assert_eq!(s.due_day, 1);
    }

    #[test]
    fn a_hint_is_a_hard_review() {
        assert_eq!(Rating::of_first_try(true, true), Rating::Hard);
        assert_eq!(Rating::of_first_try(false, true), Rating::Again);
        assert_eq!(Rating::of_first_try(true, false), Rating::Good);
    }
}
