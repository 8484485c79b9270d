//! When an instructor edits content under a running session (`kata preview`),
//! the session is rebuilt over the new items. Which old item each new one
//! continues is decided here, so the rule lives below the front-ends:
//! the same id keeps the learner's *place*; the same id and the same content
//! (apart from where the item sits in its file) keeps the learner's *work*.

use crate::content::Item;

/// For each item of `new`, the index in `old` of the item with the same id
/// and kind, if any.
///
/// ```
/// use kata::content::{Item, Question};
/// let q = |id: &str| Item::Question(Question { id: id.into(), ..Question::default() });
/// let old = [q("a"), q("b")];
/// let new = [q("b"), q("c")];
/// assert_eq!(kata::practice::same_ids(&old, &new), [Some(1), None]);
/// ```
pub fn same_ids(old: &[Item], new: &[Item]) -> Vec<Option<usize>> {
    new.iter()
        .map(|n| old.iter().position(|o| o.id() == n.id() && same_kind(o, n)))
        .collect()
}

/// Whether `a` and `b` ask the same thing with the same answer: every field
/// equal except the item's place in its file, so moving an item (or editing
/// the one above it) keeps the learner's work.
///
/// ```
/// use kata::content::{Item, Origin, Question};
/// let at = |line| Item::Question(Question { id: "q".into(), origin: Origin { path: "q.toml".into(), line }, ..Question::default() });
/// assert!(kata::practice::same_content(&at(3), &at(9)));
/// let mut edited = at(3);
/// if let Item::Question(q) = &mut edited { q.prompt = "new wording".into(); }
/// assert!(!kata::practice::same_content(&at(3), &edited));
/// ```
pub fn same_content(a: &Item, b: &Item) -> bool {
    match (a, b) {
        (Item::Question(a), Item::Question(b)) => {
            let b = crate::content::Question {
                origin: a.origin.clone(),
                ..b.clone()
            };
            *a == b
        }
        (Item::Exercise(a), Item::Exercise(b)) => {
            let b = crate::content::Exercise {
                origin: a.origin.clone(),
                ..b.clone()
            };
            *a == b
        }
        (Item::Kata(a), Item::Kata(b)) => {
            let b = crate::content::Kata {
                origin: a.origin.clone(),
                ..b.clone()
            };
            *a == b
        }
        _ => false,
    }
}

fn same_kind(a: &Item, b: &Item) -> bool {
    matches!(
        (a, b),
        (Item::Question(_), Item::Question(_))
            | (Item::Exercise(_), Item::Exercise(_))
            | (Item::Kata(_), Item::Kata(_))
    )
}
