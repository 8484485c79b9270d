//! Presenting an item: its options in the order this session shows them.
//!
//! A session shows each item as a copy whose options are already in the
//! learner's order, with the answer, the feedback keys and every `{{X}}`
//! letter placeholder in its prose renumbered to match. Front-ends then read
//! letters straight off the copy, so every letter on screen — marks, feedback,
//! the results review, the final-answer line — is the letter the learner saw.
//! The written item stays beside it for what must not depend on the order:
//! the journal's content hash and the option identities it records.

use super::shuffle::Rng;
use crate::content::{Exercise, Item, Question, letter, with_letters};
use std::collections::BTreeMap;

/// The order a session with `seed` shows `item`'s options in: `order[shown]`
/// is the option's index in the file. The same seed and item id always give
/// the same order (a printed test seed reproduces the options too); an item
/// whose author wrote `shuffle = false` keeps the file's order.
///
/// ```
/// use kata::content::{Item, Question};
/// let q = Question { id: "q".into(), options: vec!["a".into(), "b".into(), "c".into()],
///                    shuffle: true, ..Question::default() };
/// let order = kata::practice::option_order(&Item::Question(q.clone()), 42);
/// assert_eq!(order, kata::practice::option_order(&Item::Question(q.clone()), 42));
/// let mut sorted = order.clone();
/// sorted.sort();
/// assert_eq!(sorted, [0, 1, 2]);
/// let pinned = Question { shuffle: false, ..q };
/// assert_eq!(kata::practice::option_order(&Item::Question(pinned), 42), [0, 1, 2]);
/// ```
pub fn option_order(item: &Item, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..item.options().len()).collect();
    if item.shuffles() {
        // The id keeps each item's order its own and independent of where a
        // test draw put it; the odd multiplier spreads nearby seeds apart.
        let mixed = seed.wrapping_mul(0xD134_2543_DE82_EF95) ^ id_hash(item.id());
        Rng::new(mixed).shuffle(&mut order);
    }
    order
}

/// `item` as shown with `order` (see [`option_order`]).
pub fn present(item: &Item, order: &[usize]) -> Item {
    let mut shown_at = vec![0; order.len()];
    for (shown, &written) in order.iter().enumerate() {
        shown_at[written] = shown;
    }
    let relabel = |text: &str| with_letters(text, |o| shown_at.get(o).map(|&s| letter(s)));
    let options =
        |options: &[String]| -> Vec<String> { order.iter().map(|&w| options[w].clone()).collect() };
    let feedback = |feedback: &BTreeMap<usize, String>| -> BTreeMap<usize, String> {
        feedback
            .iter()
            .filter_map(|(&o, text)| Some((*shown_at.get(o)?, relabel(text))))
            .collect()
    };
    let list = |texts: &[String]| -> Vec<String> { texts.iter().map(|t| relabel(t)).collect() };
    match item {
        Item::Question(q) => Item::Question(Question {
            prompt: relabel(&q.prompt),
            options: options(&q.options),
            // Of a choose-all question, the first right option as shown.
            answer: (q.answers().iter())
                .map(|&a| shown_at.get(a).copied().unwrap_or(a))
                .min()
                .unwrap_or(q.answer),
            choose_all: {
                let mut shown: Vec<usize> = (q.choose_all.iter())
                    .map(|&a| shown_at.get(a).copied().unwrap_or(a))
                    .collect();
                shown.sort_unstable();
                shown
            },
            steps: list(&q.steps),
            quick_check: q.quick_check.as_deref().map(relabel),
            hint: relabel(&q.hint),
            mistakes: list(&q.mistakes),
            feedback: feedback(&q.feedback),
            ..q.clone()
        }),
        Item::Exercise(e) => Item::Exercise(Exercise {
            prompt: relabel(&e.prompt),
            options: options(&e.options),
            answer: (e.answer.iter())
                .map(|&a| shown_at.get(a).copied().unwrap_or(a))
                .collect(),
            steps: list(&e.steps),
            hint: relabel(&e.hint),
            mistakes: list(&e.mistakes),
            feedback: feedback(&e.feedback),
            blank_feedback: (e.blank_feedback.iter())
                .map(|(&b, f)| (b, feedback(f)))
                .collect(),
            ..e.clone()
        }),
        // A kata has no options to shuffle.
        Item::Kata(k) => Item::Kata(k.clone()),
    }
}

/// FNV-1a of an id: stable across Rust releases, unlike `std::hash`.
fn id_hash(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question() -> Question {
        Question {
            id: "q".into(),
            prompt: "Pick {{C}}.".into(),
            options: vec![
                "first".into(),
                "second".into(),
                "third".into(),
                "fourth".into(),
            ],
            answer: 2,
            steps: vec!["{{C}} is right, {{A}} is not.".into()],
            hint: "Not {{A}}.".into(),
            feedback: BTreeMap::from([(0, "{{A}} is first.".to_string())]),
            shuffle: true,
            ..Question::default()
        }
    }

    #[test]
    fn the_answer_feedback_and_letters_follow_the_options() {
        let order = [3, 2, 0, 1]; // shown A = written D, B = C, C = A, D = B
        let Item::Question(shown) = present(&Item::Question(question()), &order) else {
            unreachable!()
        };
        assert_eq!(shown.options, ["fourth", "third", "first", "second"]);
        assert_eq!(shown.answer, 1, "third is shown as B");
        assert_eq!(shown.options[shown.answer], "third");
        assert_eq!(shown.prompt, "Pick B.");
        assert_eq!(shown.steps, ["B is right, C is not."]);
        assert_eq!(shown.hint, "Not C.");
        assert_eq!(
            shown.feedback,
            BTreeMap::from([(2, "C is first.".to_string())])
        );
    }

    #[test]
    fn an_exercise_pool_keeps_every_blank_on_its_option() {
        let e = Exercise {
            id: "e".into(),
            options: vec![
                "Counter".into(),
                "!=".into(),
                "'UserDeleted'".into(),
                "==".into(),
            ],
            answer: vec![0, 1, 2],
            feedback: BTreeMap::from([(3, "== keeps only deletions".to_string())]),
            shuffle: true,
            ..Exercise::default()
        };
        for seed in 0..50 {
            let item = Item::Exercise(e.clone());
            let Item::Exercise(shown) = present(&item, &option_order(&item, seed)) else {
                unreachable!()
            };
            let texts: Vec<&str> = shown
                .answer
                .iter()
                .map(|&a| shown.options[a].as_str())
                .collect();
            assert_eq!(texts, ["Counter", "!=", "'UserDeleted'"]);
            let (&key, _) = shown.feedback.iter().next().unwrap();
            assert_eq!(shown.options[key], "==");
        }
    }

    #[test]
    fn seeds_and_ids_change_the_order() {
        let item = Item::Question(question());
        let orders: std::collections::BTreeSet<Vec<usize>> =
            (0..100).map(|seed| option_order(&item, seed)).collect();
        assert!(
            orders.len() > 12,
            "100 seeds should give most of the 24 orders: {}",
            orders.len()
        );
        let other = Item::Question(Question {
            id: "other".into(),
            ..question()
        });
        assert!((0..20).any(|seed| option_order(&item, seed) != option_order(&other, seed)));
    }
}
