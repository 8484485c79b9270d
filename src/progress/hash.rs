//! The content hash recorded with every try, so progress on an item that an
//! instructor later edits is flagged "changed since your last try" instead of
//! mixing answers to the old question with the new one.

use crate::content::{CodePiece, Item};

/// A short fingerprint of a learner's code, recorded with each run so the
/// journal says which version ran without keeping the code itself.
///
/// ```
/// let a = kata::progress::code_hash("def f():\n    return 1\n");
/// assert_eq!(a.len(), 16);
/// assert_ne!(a, kata::progress::code_hash("def f():\n    return 2\n"));
/// ```
pub fn code_hash(code: &str) -> String {
    let mut h = Fnv::new();
    h.field(code);
    format!("{:016x}", h.0)
}

/// A short, stable fingerprint of what the learner answers: the kind, prompt,
/// code, options and the correct answer. Hints, steps and feedback are left out
/// on purpose — fixing a typo in a hint does not make old answers wrong.
///
/// FNV-1a (64 bit) rather than `std::hash`, whose output may change between
/// Rust releases: these hashes live in the learner's journal for years.
///
/// ```
/// use kata::content::{Item, Question};
/// let q = Question { prompt: "Why?".into(), options: vec!["a".into(), "b".into()], ..Question::default() };
/// let mut edited = q.clone();
/// edited.hint = "a better hint".into();
/// assert_eq!(kata::progress::content_hash(&Item::Question(q.clone())),
///            kata::progress::content_hash(&Item::Question(edited)));
/// let mut reworded = q.clone();
/// reworded.prompt = "Why not?".into();
/// assert_ne!(kata::progress::content_hash(&Item::Question(q)),
///            kata::progress::content_hash(&Item::Question(reworded)));
/// ```
pub fn content_hash(item: &Item) -> String {
    let mut h = Fnv::new();
    h.field(item.kind());
    h.field(item.prompt());
    // A kata is measured by its setup and tests: editing either changes what
    // solved means; its starter, solution and hint do not.
    if let Item::Kata(k) = item {
        h.field(&k.setup);
        for test in &k.tests {
            h.field(test);
        }
    }
    if let Item::Exercise(e) = item {
        for piece in &e.code {
            match piece {
                CodePiece::Text(t) => h.field(t),
                CodePiece::Blank(b) => h.field(&format!("{{{{{}}}}}", b + 1)),
            }
        }
        // A typed exercise's answer is what it accepts: accepting one more
        // spelling changes what right means. Old hashes stay as they were:
        // an exercise with options has no `accept` to add.
        for (blank, texts) in e.accept.iter().enumerate() {
            h.field(&format!("accept {}", blank + 1));
            for text in texts {
                h.field(text);
            }
        }
    }
    for option in item.options() {
        h.field(option);
    }
    for answer in item.answer() {
        h.field(&answer.to_string());
    }
    format!("{:016x}", h.0)
}

/// A flashcard's fingerprint: its front and back. Rewording either side
/// makes it another card, whose old grades no longer schedule it; its
/// sources do not.
///
/// ```
/// use kata::content::Card;
/// let card = Card { front: "Why?".into(), back: "Because.".into(), ..Card::default() };
/// let mut sourced = card.clone();
/// sourced.sources = vec!["https://example.org".into()];
/// assert_eq!(kata::progress::card_hash(&card), kata::progress::card_hash(&sourced));
/// let mut reworded = card.clone();
/// reworded.back = "Because of this.".into();
/// assert_ne!(kata::progress::card_hash(&card), kata::progress::card_hash(&reworded));
/// ```
pub fn card_hash(card: &crate::content::Card) -> String {
    let mut h = Fnv::new();
    h.field("card");
    h.field(&card.front);
    h.field(&card.back);
    format!("{:016x}", h.0)
}

/// A Learn note's fingerprint: its title and body (its sources do not
/// change what the learner read).
///
/// ```
/// use kata::content::Note;
/// let note = Note { title: "T".into(), body: "B.".into(), ..Note::default() };
/// let mut edited = note.clone();
/// edited.body = "B, again.".into();
/// assert_ne!(kata::progress::note_hash(&note), kata::progress::note_hash(&edited));
/// ```
pub fn note_hash(note: &crate::content::Note) -> String {
    let mut h = Fnv::new();
    h.field("note");
    h.field(&note.title);
    h.field(&note.body);
    format!("{:016x}", h.0)
}

struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    /// Hash a string followed by a separator byte no UTF-8 text contains, so
    /// ("ab", "c") and ("a", "bc") differ.
    fn field(&mut self, s: &str) {
        for &b in s.as_bytes().iter().chain(&[0xff]) {
            self.0 ^= b as u64;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Question;

    #[test]
    fn the_hash_is_stable_across_releases() {
        // A pinned value: if this changes, every learner's items read as "changed".
        let q = Question {
            prompt: "p".into(),
            options: vec!["a".into(), "b".into()],
            answer: 1,
            ..Question::default()
        };
        assert_eq!(content_hash(&Item::Question(q)), "8a1c139edee6704c");
    }

    #[test]
    fn a_new_answer_is_a_change() {
        let q = Question {
            prompt: "p".into(),
            options: vec!["a".into(), "b".into()],
            answer: 1,
            ..Question::default()
        };
        let mut moved = q.clone();
        moved.answer = 0;
        assert_ne!(
            content_hash(&Item::Question(q)),
            content_hash(&Item::Question(moved))
        );
    }
}
