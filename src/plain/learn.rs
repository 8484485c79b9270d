//! Learn in the line mode: each note with its code blocks and sources, then
//! Enter for the next, `p` for the previous, `:q` to stop. Every note shown
//! is recorded as read before the next prompt.

use super::print::Printer;
use crate::content::{NoteBlock, Topic};
use crate::practice::Reading;
use crate::progress::{Recorder, Sink};
use std::io::{BufRead, Write};

/// Show `reading`'s notes of `topic`, reading commands from `input`, until
/// the learner goes past the last note, types `:q`, or input ends.
pub fn run_learn<S: Sink>(
    topic: &Topic,
    mut reading: Reading,
    input: impl BufRead,
    output: impl Write,
    mut recorder: Option<&mut Recorder<S>>,
) -> std::io::Result<Reading> {
    let mut out = Printer::new(output);
    out.line(&format!(
        "{} — learn: the ideas, before practice",
        topic.title
    ))?;
    if reading.is_empty() {
        out.line(&format!("“{}” has no notes to learn from.", topic.title))?;
        return Ok(reading);
    }
    out.line("Enter shows the next note, p the previous one; :q stops.")?;
    let mut lines = input.lines();
    while let Some(note) = reading.current().cloned() {
        if let Some(recorder) = recorder.as_deref_mut() {
            recorder.note_read(&note)?;
        }
        out.line("")?;
        out.line(&format!(
            "Note {} of {} · {}",
            reading.index() + 1,
            reading.len(),
            note.title
        ))?;
        for block in note.blocks() {
            out.line("")?;
            match block {
                NoteBlock::Text(text) => out.line(&text)?,
                NoteBlock::Code { lang, code } => {
                    out.line(&if lang.is_empty() {
                        "code:".to_string()
                    } else {
                        format!("code ({lang}):")
                    })?;
                    for line in code.lines() {
                        out.line(&format!("    {line}"))?;
                    }
                }
            }
        }
        if !note.sources.is_empty() {
            out.line("")?;
            for source in &note.sources {
                out.line(&format!("source: {source}"))?;
            }
        }
        loop {
            out.prompt_for(if reading.is_last() {
                "Enter ends"
            } else {
                "Enter next"
            })?;
            let Some(line) = lines.next().transpose()? else {
                return finish(&mut out, topic, reading);
            };
            match line.trim() {
                ":q" | "q" => return finish(&mut out, topic, reading),
                "p" | ":p" if reading.back() => break,
                "p" | ":p" => out.line("This is the first note.")?,
                "" | "n" | ":n" if reading.forward() => break,
                "" | "n" | ":n" => return finish(&mut out, topic, reading),
                _ => out.line("Enter (or n) for the next note, p for the previous, :q to stop.")?,
            }
        }
    }
    finish(&mut out, topic, reading)
}

fn finish<W: Write>(
    out: &mut Printer<W>,
    topic: &Topic,
    reading: Reading,
) -> std::io::Result<Reading> {
    out.line("")?;
    out.line(&format!(
        "Read {} of {} note(s). Practise them: kata plain --topic {} --mode practice (or quiz, cards).",
        reading.read(),
        reading.len(),
        topic.id
    ))?;
    Ok(reading)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Note;

    fn topic() -> Topic {
        let note = |id: &str, body: &str| Note {
            id: id.into(),
            title: format!("Title {id}"),
            body: body.into(),
            sources: vec![format!("https://example.org/{id}")],
            ..Note::default()
        };
        Topic {
            id: "t".into(),
            title: "T".into(),
            notes: vec![
                note("a", "First\nparagraph.\n\n```python\nx = 1\n```"),
                note("b", "Second."),
            ],
            ..Topic::default()
        }
    }

    fn play(input: &str) -> (Reading, String) {
        let topic = topic();
        let mut out = Vec::new();
        let reading = run_learn::<Vec<crate::progress::Recorded>>(
            &topic,
            Reading::new(topic.notes.clone()),
            input.as_bytes(),
            &mut out,
            None,
        )
        .unwrap();
        (reading, String::from_utf8(out).unwrap())
    }

    #[test]
    fn notes_page_forward_and_back_and_end_after_the_last() {
        let (reading, out) = play("\np\nx\n\n\n");
        assert!(out.contains("Note 1 of 2 · Title a"), "{out}");
        assert!(out.contains("First paragraph."), "{out}");
        assert!(out.contains("code (python):\n    x = 1"), "{out}");
        assert!(out.contains("source: https://example.org/a"), "{out}");
        assert!(out.contains("Enter (or n) for the next note"), "{out}");
        assert_eq!(out.matches("Note 1 of 2").count(), 2, "p went back: {out}");
        assert!(out.contains("Read 2 of 2 note(s)"), "{out}");
        assert_eq!(reading.read(), 2);
    }

    #[test]
    fn q_stops_at_once() {
        let (reading, out) = play(":q\n");
        assert!(out.contains("Read 1 of 2 note(s)"), "{out}");
        assert_eq!(reading.index(), 0);
    }
}
