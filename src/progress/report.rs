//! Progress next to the content as it is now: mastery by difficulty, tests,
//! the mistakes queue, what is due, and what changed since the learner's last
//! try. This is what the home screen and `kata stats` show.

use super::hash::content_hash;
use super::schedule::Scheduler;
use super::state::{Progress, Streak, TestResult};
use crate::content::{Difficulty, Item, Topic};
use serde::Serialize;

/// Solved items of one difficulty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Mastery {
    pub difficulty: Difficulty,
    /// Items whose latest try on their current content was right.
    pub solved: usize,
    pub total: usize,
}

/// One topic's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicReport {
    pub id: String,
    pub title: String,
    /// Solved over total, all difficulties.
    pub solved: usize,
    pub total: usize,
    /// Easy, medium, hard.
    pub mastery: Vec<Mastery>,
    pub best_test: Option<TestResult>,
    pub last_test: Option<TestResult>,
    pub tests: u32,
    /// Tests left before their end (never a best or last test).
    pub abandoned_tests: u32,
    /// Tries recorded on the current content.
    pub tries: u32,
    /// Item ids whose latest try was wrong, in the topic's order.
    pub mistakes: Vec<String>,
    /// Item ids due for review today (FSRS), in the topic's order.
    pub due: Vec<String>,
    /// Item ids edited since the learner's last try; their old answers are not counted.
    pub changed: Vec<String>,
    /// Every tried item with its next review and stability, soonest first.
    pub schedule: Vec<super::NextReview>,
    /// Confidence-based marking: how often rated first tries were right at
    /// each confidence, and their marks.
    pub calibration: crate::practice::Calibration,
    pub confidence_marks: crate::practice::CbmScore,
}

/// Everything `kata stats` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub topics: Vec<TopicReport>,
    pub streak: Streak,
    /// Items due today over every topic.
    pub due_today: usize,
    /// Items in the mistakes queue over every topic.
    pub mistakes: usize,
    /// Events in the journal (resets included).
    pub events: u64,
    /// How many items fall due on each of the next seven days.
    pub forecast: Vec<super::DueDay>,
}

/// Where an item stands against the current content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Never tried (or not since a reset).
    New,
    /// The latest try was right.
    Solved,
    /// The latest try was wrong: in the mistakes queue.
    Mistake,
    /// Tried, but the item was edited since.
    Changed,
}

/// How the learner stands on `item` of `topic`.
pub fn standing(progress: &Progress, topic: &str, item: &Item) -> Standing {
    match progress.item(topic, item.id()) {
        None => Standing::New,
        Some(p) if p.hash != content_hash(item) => Standing::Changed,
        Some(p) => match p.last_correct {
            Some(true) => Standing::Solved,
            Some(false) => Standing::Mistake,
            None => Standing::New, // a hint was shown, nothing tried yet
        },
    }
}

/// Every item of a topic: exercises first, then questions, each in file order.
pub fn topic_items(topic: &Topic) -> Vec<Item> {
    topic
        .exercises
        .iter()
        .cloned()
        .map(Item::Exercise)
        .chain(topic.questions.iter().cloned().map(Item::Question))
        .chain(topic.katas.iter().cloned().map(Item::Kata))
        .collect()
}

/// The items whose latest try was wrong (the mistakes queue), in the topic's order.
pub fn mistakes(progress: &Progress, topic: &Topic) -> Vec<Item> {
    topic_items(topic)
        .into_iter()
        .filter(|item| standing(progress, &topic.id, item) == Standing::Mistake)
        .collect()
}

/// The items due for review on `today` (a local day number, see [`super::day_of`]),
/// in the topic's order. An item edited since its last try is due too: the
/// learner has not seen the new version.
pub fn due(progress: &Progress, topic: &Topic, today: i64) -> Vec<Item> {
    let scheduler = Scheduler::default();
    topic_items(topic)
        .into_iter()
        .filter(|item| is_due(&scheduler, progress, &topic.id, item, today))
        .collect()
}

fn is_due(
    scheduler: &Scheduler,
    progress: &Progress,
    topic: &str,
    item: &Item,
    today: i64,
) -> bool {
    match standing(progress, topic, item) {
        Standing::New => false,
        Standing::Changed => true,
        Standing::Solved | Standing::Mistake => progress
            .item(topic, item.id())
            .and_then(|p| scheduler.schedule(&p.reviews))
            .is_some_and(|s| s.due_day <= today),
    }
}

/// Put `progress` next to `topics` as they are now.
pub fn report(progress: &Progress, topics: &[Topic], today: i64) -> Report {
    let scheduler = Scheduler::default();
    let mut reports = Vec::new();
    for topic in topics {
        let tp = progress.topics.get(&topic.id);
        let mut mastery: Vec<Mastery> = Difficulty::ALL
            .iter()
            .map(|&difficulty| Mastery {
                difficulty,
                solved: 0,
                total: 0,
            })
            .collect();
        let mut r = TopicReport {
            id: topic.id.clone(),
            title: topic.title.clone(),
            solved: 0,
            total: 0,
            mastery: Vec::new(),
            best_test: tp.and_then(|t| t.best_test.clone()),
            last_test: tp.and_then(|t| t.last_test.clone()),
            tests: tp.map_or(0, |t| t.tests),
            abandoned_tests: tp.map_or(0, |t| t.abandoned_tests),
            tries: 0,
            mistakes: Vec::new(),
            due: Vec::new(),
            changed: Vec::new(),
            schedule: super::item_schedules(progress, topic, today),
            calibration: tp.map(|t| t.calibration).unwrap_or_default(),
            confidence_marks: tp.map(|t| t.calibration.score()).unwrap_or_default(),
        };
        for item in topic_items(topic) {
            let m = &mut mastery[item.difficulty() as usize];
            m.total += 1;
            r.total += 1;
            let standing = standing(progress, &topic.id, &item);
            match standing {
                Standing::Solved => {
                    m.solved += 1;
                    r.solved += 1;
                }
                Standing::Mistake => r.mistakes.push(item.id().to_string()),
                Standing::Changed => r.changed.push(item.id().to_string()),
                Standing::New => {}
            }
            if matches!(standing, Standing::Solved | Standing::Mistake) {
                r.tries += progress.item(&topic.id, item.id()).map_or(0, |p| p.tries);
            }
            if is_due(&scheduler, progress, &topic.id, &item, today) {
                r.due.push(item.id().to_string());
            }
        }
        r.mastery = mastery;
        reports.push(r);
    }
    // Each topic's schedule is made once, above; the week is counted from it.
    let forecast = super::upcoming::week_ahead(reports.iter().flat_map(|r| &r.schedule), today);
    Report {
        due_today: reports.iter().map(|r| r.due.len()).sum(),
        mistakes: reports.iter().map(|r| r.mistakes.len()).sum(),
        topics: reports,
        streak: progress.streak(today),
        events: progress.events,
        forecast,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Question;
    use crate::progress::event::{Event, Recorded};

    const DAY: i64 = 86_400_000;

    fn topic() -> Topic {
        let q = |id: &str, difficulty| Question {
            id: id.into(),
            difficulty,
            prompt: format!("{id}?"),
            options: vec!["a".into(), "b".into()],
            answer: 0,
            ..Question::default()
        };
        Topic {
            id: "t".into(),
            title: "T".into(),
            questions: vec![
                q("e1", Difficulty::Easy),
                q("m1", Difficulty::Medium),
                q("h1", Difficulty::Hard),
                q("h2", Difficulty::Hard),
            ],
            ..Topic::default()
        }
    }

    fn answered(topic: &Topic, at: i64, id: &str, correct: bool) -> Recorded {
        let item = topic.item(id).unwrap();
        Recorded {
            at,
            event: Event::AnswerSubmitted {
                typed: None,
                confidence: None,
                session: (at / DAY) as u64, // one session a day: a retry is not a new review
                topic: topic.id.clone(),
                item: id.into(),
                hash: content_hash(&item),
                chosen: vec![if correct { 0 } else { 1 }],
                try_number: 1,
                correct,
                points: 0.0,
            },
        }
    }

    #[test]
    fn mastery_mistakes_and_due_come_from_the_latest_tries() {
        let t = topic();
        let events = [
            answered(&t, 0, "e1", true),
            answered(&t, 0, "h1", false),
            answered(&t, 0, "h2", false),
            answered(&t, 1, "h2", true),
        ];
        let p = Progress::from_events(0, &events);
        let r = report(&p, std::slice::from_ref(&t), 0);
        let tr = &r.topics[0];
        assert_eq!((tr.solved, tr.total), (2, 4));
        assert_eq!(
            tr.mastery
                .iter()
                .map(|m| (m.solved, m.total))
                .collect::<Vec<_>>(),
            [(1, 1), (0, 1), (1, 2)]
        );
        assert_eq!(tr.mistakes, ["h1"]);
        assert!(
            tr.due.is_empty(),
            "nothing is due on the day it was answered"
        );
        let tomorrow = report(&p, std::slice::from_ref(&t), 1);
        assert_eq!(
            tomorrow.topics[0].due,
            ["h1", "h2"],
            "a wrong first try comes back tomorrow, even when put right later that session"
        );
        let later = report(&p, std::slice::from_ref(&t), 3);
        assert_eq!(later.topics[0].due, ["e1", "h1", "h2"]);
        assert_eq!(later.due_today, 3);
    }

    #[test]
    fn an_edited_item_is_marked_changed_not_mixed() {
        let t = topic();
        let p = Progress::from_events(0, &[answered(&t, 0, "m1", false)]);
        let mut edited = t.clone();
        edited.questions[1].prompt = "a reworded question?".into();
        let r = report(&p, &[edited.clone()], 0);
        assert_eq!(r.topics[0].changed, ["m1"]);
        assert!(r.topics[0].mistakes.is_empty());
        assert_eq!(r.topics[0].due, ["m1"]);
        assert!(mistakes(&p, &edited).is_empty());
        assert_eq!(mistakes(&p, &t).len(), 1);
    }
}
