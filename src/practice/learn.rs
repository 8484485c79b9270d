//! Learn mode: a topic's notes, read one at a time before practice. The
//! learner pages forward and back; a note counts as read when it is shown.
//! The TUI and the plain mode both drive a [`Reading`].

use crate::content::Note;

/// The session name of a Learn session in the journal.
pub const LEARN_MODE: &str = "learn";

/// Where the learner is in a topic's notes.
///
/// ```
/// use kata::content::Note;
/// use kata::practice::Reading;
/// let note = |id: &str| Note { id: id.into(), title: id.into(), body: "B.".into(), ..Note::default() };
/// let mut reading = Reading::new(vec![note("a"), note("b")]);
/// assert_eq!(reading.current().unwrap().id, "a");
/// assert!(reading.forward());
/// assert!(!reading.forward(), "b is the last note");
/// assert!(reading.back());
/// assert_eq!(reading.read(), 2, "both were shown");
/// ```
#[derive(Debug, Clone)]
pub struct Reading {
    notes: Vec<Note>,
    at: usize,
    shown: Vec<bool>,
}

impl Reading {
    /// A reading of `notes`, in order, at the first.
    pub fn new(notes: Vec<Note>) -> Reading {
        let mut shown = vec![false; notes.len()];
        if let Some(first) = shown.first_mut() {
            *first = true;
        }
        Reading {
            notes,
            at: 0,
            shown,
        }
    }

    /// The note on screen; `None` for a topic without notes.
    pub fn current(&self) -> Option<&Note> {
        self.notes.get(self.at)
    }

    /// The 0-based position of the note on screen.
    pub fn index(&self) -> usize {
        self.at
    }

    pub fn len(&self) -> usize {
        self.notes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.notes.is_empty()
    }

    /// On to the next note; `false` (and no move) on the last.
    pub fn forward(&mut self) -> bool {
        self.go(self.at + 1)
    }

    /// Back to the previous note; `false` on the first.
    pub fn back(&mut self) -> bool {
        self.at > 0 && self.go(self.at - 1)
    }

    /// Show note `index`; `false` when there is none.
    pub fn go(&mut self, index: usize) -> bool {
        if index >= self.notes.len() {
            return false;
        }
        self.at = index;
        self.shown[index] = true;
        true
    }

    /// Whether the note on screen is the last.
    pub fn is_last(&self) -> bool {
        self.at + 1 >= self.notes.len()
    }

    /// How many notes have been shown.
    pub fn read(&self) -> usize {
        self.shown.iter().filter(|&&s| s).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_stays_inside_the_notes() {
        let note = |id: &str| Note {
            id: id.into(),
            ..Note::default()
        };
        let mut r = Reading::new(vec![note("a"), note("b"), note("c")]);
        assert!(!r.back());
        assert_eq!(r.read(), 1);
        assert!(r.go(2) && r.is_last());
        assert!(!r.go(3));
        assert_eq!(r.read(), 2, "b was skipped");
        let mut empty = Reading::new(Vec::new());
        assert!(empty.current().is_none() && !empty.forward() && !empty.back());
    }
}
