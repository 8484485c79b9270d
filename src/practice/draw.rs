//! Drawing a test: questions spread over easy, medium and hard, shuffled from a seed.

use super::shuffle::Rng;
use crate::content::{Difficulty, Item, Question};

/// Questions in a test (fewer when the topic has fewer).
pub const TEST_SIZE: usize = 10;

/// Draw up to `size` questions: each difficulty's questions are shuffled, then
/// taken in turn easy, medium, hard so every level is represented, and the
/// drawn set is shuffled again so the order does not give the level away.
/// The same seed and questions always give the same test.
pub fn draw_test(questions: &[Question], seed: u64, size: usize) -> Vec<Item> {
    let mut rng = Rng::new(seed);
    let mut pools: Vec<Vec<&Question>> = Difficulty::ALL
        .iter()
        .map(|&d| questions.iter().filter(|q| q.difficulty == d).collect())
        .collect();
    for pool in &mut pools {
        rng.shuffle(pool);
        pool.reverse(); // pop() then takes from the shuffled front
    }
    let mut drawn = Vec::new();
    while drawn.len() < size && pools.iter().any(|p| !p.is_empty()) {
        for pool in &mut pools {
            if drawn.len() < size
                && let Some(q) = pool.pop()
            {
                drawn.push(q);
            }
        }
    }
    rng.shuffle(&mut drawn);
    drawn.into_iter().cloned().map(Item::Question).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn questions(easy: usize, medium: usize, hard: usize) -> Vec<Question> {
        let mut out = Vec::new();
        for (d, n) in [
            (Difficulty::Easy, easy),
            (Difficulty::Medium, medium),
            (Difficulty::Hard, hard),
        ] {
            for i in 0..n {
                out.push(Question {
                    id: format!("{d}-{i}"),
                    difficulty: d,
                    ..Question::default()
                });
            }
        }
        out
    }

    fn ids(items: &[Item]) -> Vec<String> {
        items.iter().map(|i| i.id().to_string()).collect()
    }

    #[test]
    fn same_seed_same_test() {
        let qs = questions(6, 6, 6);
        assert_eq!(ids(&draw_test(&qs, 42, 10)), ids(&draw_test(&qs, 42, 10)));
        assert_ne!(ids(&draw_test(&qs, 42, 10)), ids(&draw_test(&qs, 43, 10)));
    }

    #[test]
    fn ten_questions_spread_over_levels() {
        let drawn = draw_test(&questions(6, 6, 6), 1, 10);
        assert_eq!(drawn.len(), 10);
        for d in Difficulty::ALL {
            let n = drawn.iter().filter(|i| i.difficulty() == d).count();
            assert!((3..=4).contains(&n), "{d}: {n}");
        }
        let mut unique = ids(&drawn);
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 10, "no question twice");
    }

    #[test]
    fn a_small_topic_gives_all_it_has() {
        assert_eq!(draw_test(&questions(2, 1, 0), 5, 10).len(), 3);
        assert!(draw_test(&[], 5, 10).is_empty());
    }

    #[test]
    fn a_short_level_is_made_up_from_the_others() {
        let drawn = draw_test(&questions(8, 8, 1), 9, 10);
        assert_eq!(drawn.len(), 10);
        assert_eq!(
            drawn
                .iter()
                .filter(|i| i.difficulty() == Difficulty::Hard)
                .count(),
            1
        );
    }
}
