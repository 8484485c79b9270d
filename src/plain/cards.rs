//! Flashcards in the line mode: the front, Enter to turn the card, then a
//! grade 1–4 (or its word). Every rule is the [`Deck`]'s; this file only
//! asks and prints, through the escaping [`Printer`].

use super::print::Printer;
use crate::content::Topic;
use crate::practice::{Deck, GradeError};
use crate::progress::{Rating, Recorder, Sink};
use std::io::{BufRead, Write};

/// Go through `deck` on `topic`, reading from `input`, until every card is
/// recalled, the learner types `:q`, or input ends; every grade is recorded
/// with `recorder` before the next card shows. Returns the deck as it ended.
pub fn run_cards<S: Sink>(
    topic: &Topic,
    mut deck: Deck,
    input: impl BufRead,
    output: impl Write,
    mut recorder: Option<&mut Recorder<S>>,
) -> std::io::Result<Deck> {
    let mut out = Printer::new(output);
    out.line(&format!(
        "{} — flashcards: recall, turn, grade yourself",
        topic.title
    ))?;
    if deck.is_empty() {
        out.line(&format!("“{}” has no flashcards.", topic.title))?;
        return Ok(deck);
    }
    out.line(
        "Recall the answer, press Enter to turn the card, then grade your recall: \
         1 again (forgot), 2 hard, 3 good, 4 easy. :q stops.",
    )?;
    let mut lines = input.lines();
    let total = deck.len();
    'cards: while let Some(card) = deck.current().cloned() {
        let repeat = deck.graded() >= total;
        out.line("")?;
        out.line(&if repeat {
            format!("Once more: {} left to recall", deck.left())
        } else {
            format!("Card {} of {total}", deck.graded() + 1)
        })?;
        out.line(&format!("  {}", card.front))?;
        out.prompt_for("Enter turns")?;
        match lines.next().transpose()? {
            None => break,
            Some(line) if line.trim() == ":q" => break,
            Some(_) => deck.turn(),
        }
        for line in card.back.lines() {
            out.line(&format!("  {line}"))?;
        }
        for source in &card.sources {
            out.line(&format!("  source: {source}"))?;
        }
        let rating = loop {
            out.prompt_for("grade 1-4")?;
            let Some(line) = lines.next().transpose()? else {
                break 'cards;
            };
            let line = line.trim();
            if line == ":q" {
                break 'cards;
            }
            match parse_grade(line) {
                Some(rating) => break rating,
                None => out.line(
                    "Grade with 1 (again: you did not recall it), 2 (hard), 3 (good) or 4 (easy).",
                )?,
            }
        };
        let graded = match deck.grade(rating) {
            Ok(graded) => graded,
            Err(GradeError::Over | GradeError::NotTurned) => break,
        };
        if let Some(recorder) = recorder.as_deref_mut() {
            recorder.card_graded(&deck, &graded)?;
        }
        let next = recorder.as_deref().and_then(|r| {
            let progress = r.sink().progress()?;
            let today = crate::progress::today(progress.utc_offset_s());
            crate::progress::card_next_review(progress, r.topic(), &card, today)
        });
        let comes_back = if graded.again {
            "it comes back before the session ends".to_string()
        } else {
            next.map(|n| n.words()).unwrap_or_default()
        };
        let said = capitalized(rating.word());
        out.line(&if comes_back.is_empty() {
            said
        } else {
            format!("{said}: {comes_back}")
        })?;
    }
    let [again, hard, good, easy] = deck.tally();
    let seen = again + hard + good + easy;
    out.line("")?;
    out.line(&if deck.is_over() {
        format!("Done: {seen} card(s) · again {again} · hard {hard} · good {good} · easy {easy}.")
    } else {
        format!(
            "Stopped: {seen} of {total} card(s) graded · again {again} · hard {hard} · good {good} · easy {easy}."
        )
    })?;
    Ok(deck)
}

/// `1`–`4`, or the grade's word (`again`, `hard`, `good`, `easy`), any case.
fn parse_grade(text: &str) -> Option<Rating> {
    let text = text.to_ascii_lowercase();
    text.parse::<u8>()
        .ok()
        .and_then(Rating::from_level)
        .or_else(|| Rating::ALL.into_iter().find(|r| r.word() == text))
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Card;

    fn topic() -> Topic {
        let card = |id: &str, front: &str| Card {
            id: id.into(),
            front: front.into(),
            back: format!("back of {id}"),
            sources: vec!["https://example.org/src".into()],
            ..Card::default()
        };
        Topic {
            id: "t".into(),
            title: "T".into(),
            cards: vec![card("a", "front a"), card("b", "front b")],
            ..Topic::default()
        }
    }

    fn play(input: &str) -> (Deck, String) {
        let topic = topic();
        let mut out = Vec::new();
        let deck = run_cards::<Vec<crate::progress::Recorded>>(
            &topic,
            Deck::new(topic.cards.clone()),
            input.as_bytes(),
            &mut out,
            None,
        )
        .unwrap();
        (deck, String::from_utf8(out).unwrap())
    }

    #[test]
    fn again_brings_a_card_back_and_words_are_grades() {
        let (deck, out) = play("\n1\n\nhard\n\nGood\n");
        assert!(deck.is_over(), "{out}");
        assert_eq!(deck.tally(), [1, 1, 0, 0]);
        assert!(
            out.contains("Again: it comes back before the session ends"),
            "{out}"
        );
        assert!(out.contains("Once more: 1 left to recall"), "{out}");
        assert!(out.contains("source: https://example.org/src"), "{out}");
        assert!(out.contains("Done: 2 card(s) · again 1 · hard 1"), "{out}");
    }

    #[test]
    fn a_wrong_grade_is_asked_again_and_q_stops() {
        let (deck, out) = play("\n7\n3\n:q\n");
        assert!(out.contains("Grade with 1 (again"), "{out}");
        assert_eq!(deck.tally(), [0, 0, 1, 0]);
        assert!(out.contains("Stopped: 1 of 2 card(s) graded"), "{out}");
    }

    #[test]
    fn an_empty_topic_says_so() {
        let mut out = Vec::new();
        let topic = Topic {
            title: "Empty".into(),
            ..Topic::default()
        };
        run_cards::<Vec<crate::progress::Recorded>>(
            &topic,
            Deck::new(vec![]),
            &b""[..],
            &mut out,
            None,
        )
        .unwrap();
        assert!(
            String::from_utf8(out)
                .unwrap()
                .contains("has no flashcards")
        );
    }
}
