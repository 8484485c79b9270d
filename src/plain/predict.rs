//! Predict in the line mode: for each step of a scenario, the event (or the
//! refused append) and what it could do; the learner types a letter, the
//! new value, or `nothing` / `warning` / `refused`, and is told what the
//! store really did. The questions and the score are `replay::prediction`'s.

use super::print::Printer;
use crate::replay::Timeline;
use crate::replay::prediction::{Ask, Predicting};
use std::io::{BufRead, Write};

/// Ask every step of `timeline` from its cursor, reading answers from
/// `input`, until the log ends, the learner types `:q`, or input ends.
/// `record` gets each question with the outcome picked, before the answer
/// counts (the journal records it then); its error ends the run.
pub fn run_predict(
    timeline: &mut Timeline,
    input: impl BufRead,
    output: impl Write,
    mut record: impl FnMut(&Ask, usize) -> std::io::Result<()>,
) -> std::io::Result<Predicting> {
    let mut out = Printer::new(output);
    let mut score = Predicting::default();
    out.line(&format!(
        "{} — predict: before each event, say what it will do",
        timeline.title
    ))?;
    out.line(
        "Type its letter, the new value (14, shipped…), or nothing / warning / refused; :q stops.",
    )?;
    let mut lines = input.lines();
    while let Some(ask) = score.question(timeline) {
        out.line("")?;
        out.line(&format!("Step {} · {}", score.asked + 1, ask.what))?;
        for (i, outcome) in ask.outcomes.iter().enumerate() {
            out.line(&format!(
                "  {}  {}",
                crate::content::letter(i),
                outcome.text
            ))?;
        }
        let picked = loop {
            out.prompt_for("what will it do?")?;
            let Some(line) = lines.next().transpose()? else {
                return finish(&mut out, score);
            };
            let typed = line.trim();
            if typed == ":q" {
                return finish(&mut out, score);
            }
            match ask.pick_typed(typed) {
                Some(picked) => break picked,
                // Nothing the learner typed is echoed: it may hold anything.
                None if typed.is_empty() => out.line("Type an answer first (:q stops).")?,
                None => out.line(&format!(
                    "That is none of the outcomes: type a letter A–{}, a value one of them gives, or nothing, warning, refused.",
                    crate::content::letter(ask.outcomes.len() - 1)
                ))?,
            }
        };
        record(&ask, picked)?;
        let answered = score.answer(timeline, &ask, picked);
        let tally = format!("{} of {} right", score.right, score.asked);
        if answered.right {
            out.line(&format!("✓ Right: {} · {tally}", ask.truth))?;
        } else {
            out.line(&format!("✗ Not that. What it did: {} · {tally}", ask.truth))?;
            out.line(&format!("  Why not: {}", ask.outcomes[picked].why))?;
        }
    }
    finish(&mut out, score)
}

fn finish<W: Write>(out: &mut Printer<W>, score: Predicting) -> std::io::Result<Predicting> {
    out.line("")?;
    out.line(&format!(
        "Predicted {} of {} step(s) right.",
        score.right, score.asked
    ))?;
    Ok(score)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bank() -> Timeline {
        let catalog = crate::content::load(&[]);
        Timeline::new(catalog.scenario("user-after-delete").unwrap())
    }

    fn play(input: &str) -> (String, Predicting, u32) {
        let mut t = bank();
        let mut out = Vec::new();
        let mut recorded = 0;
        let score = run_predict(&mut t, input.as_bytes(), &mut out, |_, _| {
            recorded += 1;
            Ok(())
        })
        .unwrap();
        (String::from_utf8(out).unwrap(), score, recorded)
    }

    #[test]
    fn typed_words_answer_and_each_answer_is_recorded() {
        // Created, deleted, then an update after the delete: a warning.
        let (out, score, recorded) = play("\n  \nzzz\nb\nnothing\n");
        assert!(out.contains("Type an answer first"), "{out}");
        assert!(out.contains("none of the outcomes"), "{out}");
        assert!(!out.contains("zzz"), "the typed text is never echoed");
        assert_eq!(recorded, 2, "only answers are recorded");
        assert_eq!(score.asked, 2, "input ended before the third step");
        assert!(out.contains("Predicted"), "{out}");
    }

    #[test]
    fn quitting_at_once_records_nothing() {
        let (out, score, recorded) = play(":q\n");
        assert_eq!((score.asked, recorded), (0, 0));
        assert!(out.contains("Predicted 0 of 0"), "{out}");
    }
}
