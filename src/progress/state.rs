//! The learner's progress folded from the journal: per topic and item, what the
//! latest try was, the reviews for spaced repetition, test results, and the days
//! practised. Knows nothing of the current content; [`super::report`] puts it
//! next to the catalog.

use super::event::{ABANDONED, Event, Recorded};
use super::schedule::{Rating, Review};
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

/// Maps keyed by topic and item id. foldhash rather than SipHash: the fold looks
/// up a topic and an item on every event of a journal that may hold millions,
/// and the keys come from the learner's own file, not from an attacker.
pub type Map<V> = HashMap<String, V, foldhash::fast::RandomState>;

/// The number of the local day an instant falls on (days since 1970-01-01 in
/// the learner's time zone, given as an offset from UTC in seconds).
///
/// ```
/// // 2024-11-27 23:30 UTC is already the 28th in UTC+1.
/// let at = 1_732_750_200_000;
/// assert_eq!(kata::progress::day_of(at, 3600), kata::progress::day_of(at, 0) + 1);
/// ```
pub fn day_of(at_ms: i64, utc_offset_s: i32) -> i64 {
    (at_ms.div_euclid(1000) + utc_offset_s as i64).div_euclid(86_400)
}

/// A finished test.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TestResult {
    pub at: i64,
    pub seed: u64,
    pub points: f64,
    pub total: u32,
    pub verdict: String,
}

impl TestResult {
    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            100.0 * self.points / self.total as f64
        }
    }
}

/// Progress on one item since the last reset (and since its content last changed).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemProgress {
    /// Content hash at the latest try or hint.
    pub hash: String,
    /// Tries recorded on this content.
    pub tries: u32,
    /// Whether the latest try was right; `None` before any try.
    pub last_correct: Option<bool>,
    /// When the latest try happened (ms since the epoch).
    pub last_at: i64,
    /// Reviews for FSRS, one per session in which the item was tried.
    pub reviews: Vec<Review>,
    /// The session of the latest review, so later tries in it are not new reviews.
    review_session: Option<u64>,
    /// The latest session in which the hint was shown.
    hint_session: Option<u64>,
}

/// Progress on one topic.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TopicProgress {
    pub items: Map<ItemProgress>,
    pub last_test: Option<TestResult>,
    pub best_test: Option<TestResult>,
    pub tests: u32,
    /// Tests the learner left before the end (verdict [`ABANDONED`]): never a
    /// best or a last test, never a 0 % result.
    pub abandoned_tests: u32,
    /// How often rated first tries were right, per confidence.
    pub calibration: crate::practice::Calibration,
}

/// Everything the journal says, folded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Progress {
    utc_offset_s: i32,
    pub topics: Map<TopicProgress>,
    /// Local days with at least one try since the last reset of everything.
    pub days: BTreeSet<i64>,
    /// Events folded, resets included.
    pub events: u64,
}

impl Progress {
    /// An empty progress whose days are counted in the zone `utc_offset_s` away from UTC.
    pub fn new(utc_offset_s: i32) -> Progress {
        Progress {
            utc_offset_s,
            ..Progress::default()
        }
    }

    /// Fold events in journal order.
    pub fn from_events<'a>(
        utc_offset_s: i32,
        events: impl IntoIterator<Item = &'a Recorded>,
    ) -> Progress {
        let mut progress = Progress::new(utc_offset_s);
        for event in events {
            progress.apply(event);
        }
        progress
    }

    pub fn utc_offset_s(&self) -> i32 {
        self.utc_offset_s
    }

    /// Fold one event: the only place progress changes.
    pub fn apply(&mut self, recorded: &Recorded) {
        self.apply_view(recorded.at, EventView::of(&recorded.event));
    }

    /// Fold one event given as borrowed fields (how the store hands them out).
    pub fn apply_view(&mut self, at: i64, event: EventView<'_>) {
        self.events += 1;
        match event {
            EventView::SessionStarted => {}
            EventView::AnswerSubmitted {
                session,
                topic,
                item,
                hash,
                correct,
                confidence,
            } => {
                let day = day_of(at, self.utc_offset_s);
                self.days.insert(day);
                let progress = self.item_mut(topic, item, hash);
                progress.tries += 1;
                progress.last_correct = Some(correct);
                progress.last_at = at;
                if progress.review_session != Some(session) {
                    let hint = progress.hint_session == Some(session);
                    progress.reviews.push(Review {
                        day,
                        rating: Rating::of_first_try(correct, hint),
                    });
                    progress.review_session = Some(session);
                    // A session's first try is the one rated (see practice::confidence).
                    if let Some(c) = confidence.and_then(crate::practice::Confidence::from_level) {
                        self.topic_mut(topic).calibration.add(c, correct);
                    }
                }
            }
            EventView::HintShown {
                session,
                topic,
                item,
                hash,
            } => {
                self.item_mut(topic, item, hash).hint_session = Some(session);
            }
            EventView::CardRated {
                session,
                topic,
                item,
                hash,
                rating,
            } => {
                let Some(rating) = Rating::from_level(rating) else {
                    return;
                };
                let day = day_of(at, self.utc_offset_s);
                self.days.insert(day);
                let progress = self.item_mut(topic, item, hash);
                progress.tries += 1;
                progress.last_correct = Some(rating != Rating::Again);
                progress.last_at = at;
                // As with questions, a session's first grade is the recall;
                // a card graded Again comes back in the session for practice.
                if progress.review_session != Some(session) {
                    progress.reviews.push(Review { day, rating });
                    progress.review_session = Some(session);
                }
            }
            // An exercise's run shows what its answer did; the answer is its try.
            EventView::CodeRun { kata: false, .. } => {}
            EventView::CodeRun {
                kata: true,
                session,
                topic,
                item,
                hash,
                solved,
            } => {
                let day = day_of(at, self.utc_offset_s);
                self.days.insert(day);
                let progress = self.item_mut(topic, item, hash);
                progress.tries += 1;
                progress.last_correct = Some(solved);
                progress.last_at = at;
                let hint = progress.hint_session == Some(session);
                if progress.review_session != Some(session) {
                    progress.reviews.push(Review {
                        day,
                        rating: Rating::of_first_try(solved, hint),
                    });
                    progress.review_session = Some(session);
                } else if solved
                    && let Some(review) = progress.reviews.last_mut()
                    && review.rating == Rating::Again
                {
                    // Runs are free: a kata solved after failing runs in the
                    // same session was recalled, with effort.
                    review.rating = Rating::Hard;
                }
            }
            EventView::TestFinished {
                topic,
                seed,
                points,
                total,
                verdict,
            } => {
                if verdict == ABANDONED {
                    self.topic_mut(topic).abandoned_tests += 1;
                    return;
                }
                let result = TestResult {
                    at,
                    seed,
                    points,
                    total,
                    verdict: verdict.into_owned(),
                };
                let t = self.topic_mut(topic);
                t.tests += 1;
                if t.best_test
                    .as_ref()
                    .is_none_or(|best| result.percent() > best.percent())
                {
                    t.best_test = Some(result.clone());
                }
                t.last_test = Some(result);
            }
            EventView::ProgressReset { topic: Some(topic) } => {
                self.topics.remove(topic);
            }
            EventView::ProgressReset { topic: None } => {
                self.topics.clear();
                self.days.clear();
            }
        }
    }

    fn topic_mut(&mut self, topic: &str) -> &mut TopicProgress {
        // get_mut first: the entry API would allocate the key on every event.
        if !self.topics.contains_key(topic) {
            self.topics
                .insert(topic.to_string(), TopicProgress::default());
        }
        self.topics.get_mut(topic).expect("inserted above")
    }

    fn item_mut(&mut self, topic: &str, item: &str, hash: &str) -> &mut ItemProgress {
        let items = &mut self.topic_mut(topic).items;
        if !items.contains_key(item) {
            items.insert(item.to_string(), ItemProgress::default());
        }
        let progress = items.get_mut(item).expect("inserted above");
        if progress.hash != hash {
            // The instructor edited the item: its old answers belong to another question.
            *progress = ItemProgress {
                hash: hash.to_string(),
                ..ItemProgress::default()
            };
        }
        progress
    }

    /// An item's progress, if it has any.
    pub fn item(&self, topic: &str, item: &str) -> Option<&ItemProgress> {
        self.topics.get(topic)?.items.get(item)
    }

    /// The streak: consecutive days practised up to today, or up to yesterday
    /// when today has no try yet (the streak is not lost until the day is over).
    pub fn streak(&self, today: i64) -> Streak {
        let practised_today = self.days.contains(&today);
        let mut current = 0u32;
        let mut day = if practised_today { today } else { today - 1 };
        while self.days.contains(&day) {
            current += 1;
            day -= 1;
        }
        let mut best = 0u32;
        let mut run = 0u32;
        let mut previous: Option<i64> = None;
        for &d in &self.days {
            run = if previous == Some(d - 1) { run + 1 } else { 1 };
            best = best.max(run);
            previous = Some(d);
        }
        Streak {
            current,
            best,
            practised_today,
            days_practised: self.days.len() as u32,
        }
    }
}

/// The fields of an event the fold reads, borrowed from wherever the event is
/// kept (a typed [`Event`] or a record in the store).
#[derive(Debug, Clone, PartialEq)]
pub enum EventView<'a> {
    SessionStarted,
    AnswerSubmitted {
        session: u64,
        topic: &'a str,
        item: &'a str,
        hash: &'a str,
        correct: bool,
        /// 1 to 3 under confidence-based marking.
        confidence: Option<u8>,
    },
    CardRated {
        session: u64,
        topic: &'a str,
        item: &'a str,
        hash: &'a str,
        rating: u8,
    },
    HintShown {
        session: u64,
        topic: &'a str,
        item: &'a str,
        hash: &'a str,
    },
    CodeRun {
        session: u64,
        topic: &'a str,
        item: &'a str,
        hash: &'a str,
        /// A kata's run (it counts as a try); an exercise's does not.
        kata: bool,
        solved: bool,
    },
    TestFinished {
        topic: &'a str,
        seed: u64,
        points: f64,
        total: u32,
        verdict: Cow<'a, str>,
    },
    ProgressReset {
        topic: Option<&'a str>,
    },
}

impl<'a> EventView<'a> {
    pub fn of(event: &'a Event) -> EventView<'a> {
        match event {
            Event::SessionStarted { .. } => EventView::SessionStarted,
            Event::AnswerSubmitted {
                session,
                topic,
                item,
                hash,
                correct,
                confidence,
                ..
            } => EventView::AnswerSubmitted {
                session: *session,
                topic,
                item,
                hash,
                correct: *correct,
                confidence: *confidence,
            },
            Event::HintShown {
                session,
                topic,
                item,
                hash,
            } => EventView::HintShown {
                session: *session,
                topic,
                item,
                hash,
            },
            Event::CodeRun {
                session,
                topic,
                item,
                hash,
                kind,
                solved,
                ..
            } => EventView::CodeRun {
                session: *session,
                topic,
                item,
                hash,
                kata: kind == "kata",
                solved: *solved,
            },
            // Reading is not a try: nothing of progress changes.
            Event::NoteRead { .. } => EventView::SessionStarted,
            // A prediction is practice of a scenario, not a try of an item.
            Event::Predicted { .. } => EventView::SessionStarted,
            Event::CardRated {
                session,
                topic,
                item,
                hash,
                rating,
            } => EventView::CardRated {
                session: *session,
                topic,
                item,
                hash,
                rating: *rating,
            },
            Event::TestFinished {
                topic,
                seed,
                points,
                total,
                verdict,
                ..
            } => EventView::TestFinished {
                topic,
                seed: *seed,
                points: *points,
                total: *total,
                verdict: Cow::Borrowed(verdict),
            },
            Event::ProgressReset { topic } => EventView::ProgressReset {
                topic: topic.as_deref(),
            },
        }
    }
}

/// Days practised in a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Streak {
    /// Consecutive days up to today (or yesterday, if today has no try yet).
    pub current: u32,
    /// The longest run ever (since the last reset of everything).
    pub best: u32,
    pub practised_today: bool,
    pub days_practised: u32,
}

impl Streak {
    /// The streak in words, the same on home and in `kata stats`.
    ///
    /// ```
    /// let s = kata::progress::Streak { current: 0, best: 1, practised_today: false, days_practised: 1 };
    /// assert_eq!(s.words(), "no streak yet (best 1)");
    /// let s = kata::progress::Streak { current: 3, best: 3, practised_today: true, days_practised: 5 };
    /// assert_eq!(s.words(), "3-day streak");
    /// ```
    pub fn words(&self) -> String {
        let now = match self.current {
            0 => "no streak yet".to_string(),
            n => format!("{n}-day streak"),
        };
        if self.best > self.current {
            format!("{now} (best {})", self.best)
        } else {
            now
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400_000;

    fn try_at(at: i64, session: u64, item: &str, correct: bool) -> Recorded {
        Recorded {
            at,
            event: Event::AnswerSubmitted {
                typed: None,
                confidence: None,
                session,
                topic: "t".into(),
                item: item.into(),
                hash: "h1".into(),
                chosen: vec![0],
                try_number: 1,
                correct,
                points: if correct { 1.0 } else { 0.0 },
            },
        }
    }

    #[test]
    fn the_latest_try_decides_and_each_session_is_one_review() {
        let events = [
            try_at(0, 1, "a", false),
            try_at(1, 1, "a", true),
            try_at(DAY, 2, "a", true),
        ];
        let p = Progress::from_events(0, &events);
        let a = p.item("t", "a").unwrap();
        assert_eq!(a.tries, 3);
        assert_eq!(a.last_correct, Some(true));
        let ratings: Vec<Rating> = a.reviews.iter().map(|r| r.rating).collect();
        assert_eq!(ratings, [Rating::Again, Rating::Good]);
    }

    #[test]
    fn a_hint_before_the_first_try_makes_it_hard() {
        let hint = Recorded {
            at: 0,
            event: Event::HintShown {
                session: 1,
                topic: "t".into(),
                item: "a".into(),
                hash: "h1".into(),
            },
        };
        let p = Progress::from_events(0, &[hint, try_at(1, 1, "a", true)]);
        assert_eq!(p.item("t", "a").unwrap().reviews[0].rating, Rating::Hard);
    }

    #[test]
    fn edited_content_starts_the_item_over() {
        let mut edited = try_at(DAY, 2, "a", true);
        if let Event::AnswerSubmitted { hash, .. } = &mut edited.event {
            *hash = "h2".into();
        }
        let p = Progress::from_events(0, &[try_at(0, 1, "a", false), edited]);
        let a = p.item("t", "a").unwrap();
        assert_eq!((a.tries, a.reviews.len()), (1, 1));
        assert_eq!(a.hash, "h2");
    }

    #[test]
    fn resets_start_over_but_keep_other_topics() {
        let mut other = try_at(0, 1, "b", true);
        if let Event::AnswerSubmitted { topic, .. } = &mut other.event {
            *topic = "u".into();
        }
        let reset_t = Recorded {
            at: 2,
            event: Event::ProgressReset {
                topic: Some("t".into()),
            },
        };
        let p = Progress::from_events(0, &[try_at(0, 1, "a", true), other.clone(), reset_t]);
        assert!(p.item("t", "a").is_none());
        assert!(p.item("u", "b").is_some());
        assert_eq!(p.days.len(), 1, "a topic reset keeps the streak");
        let reset_all = Recorded {
            at: 3,
            event: Event::ProgressReset { topic: None },
        };
        let p = Progress::from_events(0, &[try_at(0, 1, "a", true), other, reset_all]);
        assert!(p.topics.is_empty() && p.days.is_empty());
    }

    #[test]
    fn the_streak_counts_days_in_a_row() {
        let days = [0, 1, 2, 5, 6];
        let events: Vec<Recorded> = days
            .iter()
            .map(|&d| try_at(d * DAY + 1000, d as u64, "a", true))
            .collect();
        let p = Progress::from_events(0, &events);
        let s = p.streak(6);
        assert_eq!((s.current, s.best, s.practised_today), (2, 3, true));
        assert_eq!(p.streak(7).current, 2, "today is not over yet");
        assert_eq!(p.streak(8).current, 0);
        assert_eq!(s.days_practised, 5);
    }

    #[test]
    fn the_best_test_is_kept_and_the_last_is_the_latest() {
        let test = |at, points| Recorded {
            at,
            event: Event::TestFinished {
                session: at as u64,
                topic: "t".into(),
                seed: 1,
                points,
                total: 10,
                verdict: "x".into(),
            },
        };
        let p = Progress::from_events(0, &[test(1, 6.0), test(2, 9.0), test(3, 4.0)]);
        let t = &p.topics["t"];
        assert_eq!(t.best_test.as_ref().unwrap().points, 9.0);
        assert_eq!(t.last_test.as_ref().unwrap().points, 4.0);
        assert_eq!(t.tests, 3);
    }
}
