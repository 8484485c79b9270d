//! A Flashcards session: read the front, recall, turn the card, grade the
//! recall Again, Hard, Good or Easy. A card graded Again comes back at the
//! end of the session until it is recalled — only its first grade is the
//! review FSRS schedules by (see `progress::state`); the later ones are
//! practice, recorded all the same.
//!
//! The TUI and the plain mode both drive a [`Deck`]; no rule lives in them.

use crate::content::Card;
use crate::progress::Rating;
use std::collections::VecDeque;

/// The session name of a Flashcards session in the journal.
pub const CARDS_MODE: &str = "cards";

/// The cards of one session and where the learner is.
///
/// ```
/// use kata::content::Card;
/// use kata::practice::Deck;
/// use kata::progress::Rating;
/// let card = |id: &str| Card { id: id.into(), front: "Q?".into(), back: "A.".into(), ..Card::default() };
/// let mut deck = Deck::new(vec![card("a"), card("b")]);
/// assert!(deck.grade(Rating::Good).is_err(), "turn the card first");
/// deck.turn();
/// deck.grade(Rating::Again).unwrap();
/// deck.turn();
/// deck.grade(Rating::Good).unwrap();
/// assert_eq!(deck.current().unwrap().id, "a", "a card graded Again comes back");
/// deck.turn();
/// deck.grade(Rating::Easy).unwrap();
/// assert!(deck.is_over());
/// assert_eq!(deck.first_grades(), [Some(Rating::Again), Some(Rating::Good)]);
/// ```
#[derive(Debug, Clone)]
pub struct Deck {
    cards: Vec<Card>,
    queue: VecDeque<usize>,
    turned: bool,
    /// The first grade of each card in this session.
    first: Vec<Option<Rating>>,
    /// Cards turned and graded, repeats included.
    graded: usize,
}

/// A grade that was given: what the journal records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Graded {
    /// The card's id.
    pub card: String,
    pub rating: Rating,
    /// The card comes back later in this session (graded Again).
    pub again: bool,
}

/// Why a grade was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GradeError {
    /// The session has no card left.
    Over,
    /// The front is still showing: recall, then turn the card.
    NotTurned,
}

impl std::fmt::Display for GradeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            GradeError::Over => "the session has no card left",
            GradeError::NotTurned => "turn the card first: recall the answer, then look",
        })
    }
}

impl std::error::Error for GradeError {}

impl Deck {
    /// A session over `cards`, shown in this order.
    pub fn new(cards: Vec<Card>) -> Deck {
        Deck {
            queue: (0..cards.len()).collect(),
            first: vec![None; cards.len()],
            cards,
            turned: false,
            graded: 0,
        }
    }

    /// The card in front of the learner; `None` once every card is recalled.
    pub fn current(&self) -> Option<&Card> {
        self.cards.get(*self.queue.front()?)
    }

    /// Whether the current card's back is showing.
    pub fn is_turned(&self) -> bool {
        self.turned
    }

    /// Show the back. Turning is the learner's own check, so it may not be undone.
    pub fn turn(&mut self) {
        if self.current().is_some() {
            self.turned = true;
        }
    }

    /// Grade the turned card. Again puts it back at the end of the session
    /// (right away when it is the last one left); any other grade retires it.
    pub fn grade(&mut self, rating: Rating) -> Result<Graded, GradeError> {
        let Some(&at) = self.queue.front() else {
            return Err(GradeError::Over);
        };
        if !self.turned {
            return Err(GradeError::NotTurned);
        }
        self.queue.pop_front();
        self.turned = false;
        self.graded += 1;
        self.first[at].get_or_insert(rating);
        let again = rating == Rating::Again;
        if again {
            self.queue.push_back(at);
        }
        Ok(Graded {
            card: self.cards[at].id.clone(),
            rating,
            again,
        })
    }

    /// Every card recalled (none left to show).
    pub fn is_over(&self) -> bool {
        self.queue.is_empty()
    }

    /// Cards of the session.
    pub fn len(&self) -> usize {
        self.cards.len()
    }

    /// A session with no card.
    pub fn is_empty(&self) -> bool {
        self.cards.is_empty()
    }

    /// Cards still to recall (a card graded Again counts once).
    pub fn left(&self) -> usize {
        self.queue.len()
    }

    /// Grades given so far, repeats of cards graded Again included.
    pub fn graded(&self) -> usize {
        self.graded
    }

    /// Each card's first grade in this session (`None`: not reached yet), in
    /// the session's order — the grades that schedule the cards.
    pub fn first_grades(&self) -> &[Option<Rating>] {
        &self.first
    }

    /// The session's cards, in showing order.
    pub fn cards(&self) -> &[Card] {
        &self.cards
    }

    /// How many cards were first graded with each rating, Again to Easy.
    pub fn tally(&self) -> [usize; 4] {
        let mut tally = [0; 4];
        for rating in self.first.iter().flatten() {
            tally[*rating as usize - 1] += 1;
        }
        tally
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deck(n: usize) -> Deck {
        Deck::new(
            (0..n)
                .map(|i| Card {
                    id: format!("c{i}"),
                    front: format!("front {i}"),
                    back: format!("back {i}"),
                    ..Card::default()
                })
                .collect(),
        )
    }

    fn ids(deck: &Deck) -> Vec<String> {
        deck.queue
            .iter()
            .map(|&i| deck.cards[i].id.clone())
            .collect()
    }

    #[test]
    fn a_card_must_be_turned_before_it_is_graded() {
        let mut d = deck(1);
        assert_eq!(d.grade(Rating::Good), Err(GradeError::NotTurned));
        d.turn();
        assert!(d.is_turned());
        assert!(d.grade(Rating::Good).is_ok());
        assert!(!d.is_turned());
        assert_eq!(d.grade(Rating::Good), Err(GradeError::Over));
    }

    #[test]
    fn again_goes_to_the_back_and_the_first_grade_stays() {
        let mut d = deck(3);
        d.turn();
        let g = d.grade(Rating::Again).unwrap();
        assert!(g.again);
        assert_eq!(ids(&d), ["c1", "c2", "c0"]);
        for rating in [Rating::Hard, Rating::Easy, Rating::Good] {
            d.turn();
            d.grade(rating).unwrap();
        }
        assert!(d.is_over());
        assert_eq!(d.graded(), 4);
        assert_eq!(
            d.tally(),
            [1, 1, 0, 1],
            "c0 counts as Again, its first grade"
        );
    }

    #[test]
    fn the_last_card_graded_again_comes_straight_back() {
        let mut d = deck(1);
        for _ in 0..3 {
            d.turn();
            d.grade(Rating::Again).unwrap();
            assert_eq!(d.current().unwrap().id, "c0");
        }
        d.turn();
        d.grade(Rating::Hard).unwrap();
        assert!(d.is_over());
        assert_eq!(d.left(), 0);
    }

    #[test]
    fn an_empty_deck_is_over_and_cannot_be_turned() {
        let mut d = deck(0);
        d.turn();
        assert!(d.is_over() && d.is_empty() && !d.is_turned());
    }
}
