//! Which flashcards a Flashcards session shows, from the journal: the cards
//! due today (FSRS, the same scheduler as every other item), then the cards
//! never graded. Decided here so the TUI and the plain mode show the same.

use super::hash::card_hash;
use super::schedule::Scheduler;
use super::state::Progress;
use super::upcoming::NextReview;
use crate::content::{Card, Topic};

/// A topic's cards by where they stand, each list in showing order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardQueue {
    /// Due today or overdue, the most overdue first; a card reworded since
    /// its last grade is due at once (the learner has not seen the new one).
    pub due: Vec<usize>,
    /// Never graded, in file order.
    pub new: Vec<usize>,
    /// Graded and not due yet, soonest first, with the day each is due.
    pub later: Vec<(usize, i64)>,
}

impl CardQueue {
    /// The cards a session shows: due, then new. When neither has any, every
    /// card, soonest due first — a learner who asks to drill gets a drill,
    /// and grading early is a review FSRS knows how to count.
    ///
    /// ```
    /// use kata::progress::CardQueue;
    /// let q = CardQueue { due: vec![2], new: vec![0], later: vec![(1, 30)] };
    /// assert_eq!(q.session(), [2, 0]);
    /// let rested = CardQueue { later: vec![(1, 30), (0, 31)], ..CardQueue::default() };
    /// assert_eq!(rested.session(), [1, 0]);
    /// ```
    pub fn session(&self) -> Vec<usize> {
        if self.due.is_empty() && self.new.is_empty() {
            return self.later.iter().map(|&(card, _)| card).collect();
        }
        self.due.iter().chain(&self.new).copied().collect()
    }
}

/// Where each card of `topic` stands on `today` (a local day number).
///
/// ```
/// use kata::content::{Card, Topic};
/// let topic = Topic {
///     id: "t".into(),
///     cards: vec![Card { id: "c".into(), front: "Q?".into(), back: "A.".into(), ..Card::default() }],
///     ..Topic::default()
/// };
/// let queue = kata::progress::card_queue(&kata::progress::Progress::new(0), &topic, 100);
/// assert_eq!(queue.new, [0]);
/// ```
pub fn card_queue(progress: &Progress, topic: &Topic, today: i64) -> CardQueue {
    let scheduler = Scheduler::default();
    let mut queue = CardQueue::default();
    let mut due = Vec::new();
    for (i, card) in topic.cards.iter().enumerate() {
        let graded = progress
            .item(&topic.id, &card.id)
            .filter(|p| p.hash == card_hash(card) && !p.reviews.is_empty());
        match graded {
            None if progress.item(&topic.id, &card.id).is_some() => due.push((i, i64::MIN)),
            None => queue.new.push(i),
            Some(p) => match scheduler.schedule(&p.reviews) {
                Some(s) if s.due_day > today => queue.later.push((i, s.due_day)),
                Some(s) => due.push((i, s.due_day)),
                None => queue.new.push(i),
            },
        }
    }
    due.sort_by_key(|&(i, day)| (day, i));
    queue.due = due.into_iter().map(|(i, _)| i).collect();
    queue.later.sort_by_key(|&(i, day)| (day, i));
    queue
}

/// When `card` of topic `topic` comes back after its grades so far; `None`
/// before its first grade (or after it was reworded).
///
/// ```
/// use kata::content::Card;
/// let card = Card { id: "c".into(), front: "Q?".into(), back: "A.".into(), ..Card::default() };
/// let progress = kata::progress::Progress::new(0);
/// assert!(kata::progress::card_next_review(&progress, "t", &card, 100).is_none());
/// ```
pub fn card_next_review(
    progress: &Progress,
    topic: &str,
    card: &Card,
    today: i64,
) -> Option<NextReview> {
    let p = progress
        .item(topic, &card.id)
        .filter(|p| p.hash == card_hash(card))?;
    let s = Scheduler::default().schedule(&p.reviews)?;
    Some(NextReview {
        item: card.id.clone(),
        due_day: s.due_day,
        due: super::upcoming::date_of_day(s.due_day),
        in_days: s.due_day - today,
        stability: s.stability,
    })
}
