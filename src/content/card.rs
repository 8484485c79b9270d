//! `[[card]]`: a flashcard. The learner reads the front, recalls the answer,
//! turns the card and grades their own recall Again, Hard, Good or Easy;
//! spaced repetition (FSRS) brings it back when it is due. A card is never
//! scored: nothing checks the recall but the learner.

use super::Origin;
use serde::Serialize;

/// A flashcard of a topic.
///
/// ```
/// use kata::content::Card;
/// let card = Card {
///     id: "card-append-only".into(),
///     front: "What does append-only mean for an event store?".into(),
///     back: "Events are only ever added at the end; none is changed or deleted.".into(),
///     ..Card::default()
/// };
/// assert!(card.back.contains("added at the end"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Card {
    /// Unique within the topic (cards share ids with questions, exercises and katas).
    pub id: String,
    /// What the learner is asked.
    pub front: String,
    /// The answer, shown when the learner turns the card.
    pub back: String,
    /// Where the fact comes from (links or references), shown with the back.
    pub sources: Vec<String>,
    pub origin: Origin,
}
