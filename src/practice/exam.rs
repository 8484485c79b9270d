//! An exam: the learner's own test. They choose how many items, which
//! difficulties and which kinds (questions, fill-in tasks); kata draws them
//! from a seed and marks them as a test is marked — one try each, no hints —
//! with an optional time limit after which every open item counts as wrong.

use super::shuffle::Rng;
use super::{Mode, Session};
use crate::content::{Difficulty, Item, Topic};
use std::time::Duration;

/// The kinds of item an exam can ask. Katas are left out: their runs are
/// free, so "one try" has no meaning for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExamKind {
    /// Multiple-choice and choose-all questions.
    Questions,
    /// Fill-in tasks, chosen from a pool or typed.
    Exercises,
}

/// What the learner asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct ExamSpec {
    /// Items to draw (fewer when the topic has fewer that fit).
    pub items: usize,
    /// Difficulties to draw from; empty means every difficulty.
    pub difficulties: Vec<Difficulty>,
    /// Kinds to draw from; empty means both.
    pub kinds: Vec<ExamKind>,
    /// How long the exam may take, if limited.
    pub time: Option<Duration>,
}

impl Default for ExamSpec {
    fn default() -> Self {
        ExamSpec {
            items: super::TEST_SIZE,
            difficulties: Vec::new(),
            kinds: Vec::new(),
            time: None,
        }
    }
}

/// Why no exam could be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExamError {
    /// The learner asked for no items.
    NoItems,
    /// Nothing in the topic fits the difficulties and kinds asked for.
    NothingFits,
}

impl std::fmt::Display for ExamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ExamError::NoItems => "an exam needs at least one item",
            ExamError::NothingFits => {
                "no question or fill-in task of this topic has the difficulties and kinds asked for"
            }
        })
    }
}

impl std::error::Error for ExamError {}

/// Draw an exam from `topic` as `spec` asks, with `seed`: the items that fit
/// are shuffled and the first `spec.items` taken, easiest first (an exam
/// reads like a paper, warming up before the hard items). The same seed,
/// topic and spec always draw the same exam.
///
/// ```
/// use kata::content::{Difficulty, Question, Topic};
/// use kata::practice::{ExamSpec, Mode, draw_exam};
/// let q = |id: &str, d| Question { id: id.into(), difficulty: d, options: vec!["a".into(), "b".into()], ..Question::default() };
/// let topic = Topic { questions: vec![q("e", Difficulty::Easy), q("h", Difficulty::Hard)], ..Topic::default() };
/// let spec = ExamSpec { items: 5, difficulties: vec![Difficulty::Hard], ..ExamSpec::default() };
/// let exam = draw_exam(&topic, &spec, 7).unwrap();
/// assert_eq!(exam.mode(), Mode::Exam);
/// assert_eq!(exam.len(), 1, "only the hard question fits");
/// ```
pub fn draw_exam(topic: &Topic, spec: &ExamSpec, seed: u64) -> Result<Session, ExamError> {
    if spec.items == 0 {
        return Err(ExamError::NoItems);
    }
    let wants = |kind| spec.kinds.is_empty() || spec.kinds.contains(&kind);
    let fits = |d: Difficulty| spec.difficulties.is_empty() || spec.difficulties.contains(&d);
    let mut pool: Vec<Item> = Vec::new();
    if wants(ExamKind::Questions) {
        pool.extend(
            (topic.questions.iter())
                .filter(|q| fits(q.difficulty))
                .cloned()
                .map(Item::Question),
        );
    }
    if wants(ExamKind::Exercises) {
        pool.extend(
            (topic.exercises.iter())
                .filter(|e| fits(e.difficulty))
                .cloned()
                .map(Item::Exercise),
        );
    }
    if pool.is_empty() {
        return Err(ExamError::NothingFits);
    }
    Rng::new(seed).shuffle(&mut pool);
    pool.truncate(spec.items);
    pool.sort_by_key(Item::difficulty);
    let session = Session::shuffled(Mode::Exam, pool, seed);
    Ok(match spec.time {
        Some(limit) => session.with_time_limit(limit),
        None => session,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Exercise, Question};

    fn topic() -> Topic {
        let q = |id: &str, d| Question {
            id: id.into(),
            difficulty: d,
            options: vec!["a".into(), "b".into()],
            ..Question::default()
        };
        let e = |id: &str, d| Exercise {
            id: id.into(),
            difficulty: d,
            options: vec!["a".into(), "b".into()],
            answer: vec![0],
            ..Exercise::default()
        };
        Topic {
            questions: vec![
                q("q-hard", Difficulty::Hard),
                q("q-easy", Difficulty::Easy),
                q("q-medium", Difficulty::Medium),
            ],
            exercises: vec![e("e-easy", Difficulty::Easy), e("e-hard", Difficulty::Hard)],
            ..Topic::default()
        }
    }

    fn ids(s: &Session) -> Vec<&str> {
        s.items().iter().map(Item::id).collect()
    }

    #[test]
    fn difficulties_and_kinds_filter_and_the_easiest_come_first() {
        let spec = ExamSpec {
            items: 10,
            difficulties: vec![Difficulty::Easy, Difficulty::Hard],
            kinds: vec![ExamKind::Exercises, ExamKind::Questions],
            time: None,
        };
        let exam = draw_exam(&topic(), &spec, 1).unwrap();
        let mut got = ids(&exam);
        assert_eq!(exam.items()[0].difficulty(), Difficulty::Easy);
        assert_eq!(exam.items()[3].difficulty(), Difficulty::Hard);
        got.sort();
        assert_eq!(got, ["e-easy", "e-hard", "q-easy", "q-hard"]);
        let only_tasks = ExamSpec {
            kinds: vec![ExamKind::Exercises],
            ..ExamSpec::default()
        };
        let exam = draw_exam(&topic(), &only_tasks, 1).unwrap();
        assert!(exam.items().iter().all(|i| matches!(i, Item::Exercise(_))));
    }

    #[test]
    fn the_same_seed_draws_the_same_exam_and_the_count_is_kept() {
        let spec = ExamSpec {
            items: 2,
            ..ExamSpec::default()
        };
        let a = draw_exam(&topic(), &spec, 42).unwrap();
        let b = draw_exam(&topic(), &spec, 42).unwrap();
        assert_eq!(ids(&a), ids(&b));
        assert_eq!(a.len(), 2);
        assert_eq!(a.tries_allowed(0), 1, "one try, as in a test");
    }

    #[test]
    fn an_exam_nothing_fits_or_of_no_items_is_refused() {
        let none = ExamSpec {
            items: 0,
            ..ExamSpec::default()
        };
        assert_eq!(
            draw_exam(&topic(), &none, 1).err(),
            Some(ExamError::NoItems)
        );
        let empty = Topic::default();
        assert_eq!(
            draw_exam(&empty, &ExamSpec::default(), 1).err(),
            Some(ExamError::NothingFits)
        );
    }
}
