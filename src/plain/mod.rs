//! The line mode: plain text out, one answer per line in. For screen readers,
//! scripts and anyone who prefers a prompt to a full-screen UI. No escape codes,
//! no box drawing — every rule comes from [`crate::practice`].

mod cards;
mod kata;
mod lab;
mod learn;
mod predict;
mod print;
mod run;
mod typed;

pub use cards::run_cards;
pub use lab::run_lab;
pub use learn::run_learn;
pub use predict::run_predict;
pub use run::outcome_text;

use crate::content::{Topic, index_of_letter};
use crate::practice::{Confidence, Mode, Runner, Session, SubmitError};
use crate::progress::{Recorder, Sink};
use print::Printer;
use std::io::{BufRead, Write};

/// Run a session on `topic` in `mode`, reading answers from `input` and writing
/// to `output`, until every item is done, the learner types `:q`, or input ends.
/// Returns the finished session so callers can report or record it.
pub fn run(
    topic: &Topic,
    mode: Mode,
    seed: u64,
    input: impl BufRead,
    output: impl Write,
) -> std::io::Result<Session> {
    let session = crate::practice::start(topic, mode, seed);
    run_session::<Vec<crate::progress::Recorded>>(topic, session, input, output, None, None)
}

/// Run a prepared `session` (say, the review or due items from
/// [`crate::progress`]), recording every try, hint and test result with
/// `recorder` before the learner sees it. Katas run their code with `runner`
/// (without one, a kata says it cannot run and is skipped).
pub fn run_session<'r, S: Sink>(
    topic: &Topic,
    mut session: Session,
    input: impl BufRead,
    output: impl Write,
    mut recorder: Option<&mut Recorder<S>>,
    mut runner: Option<&mut (dyn Runner + 'r)>,
) -> std::io::Result<Session> {
    let mode = session.mode();
    let mut out = Printer::new(output);
    out.header(topic, &session)?;
    if session.is_empty() {
        out.line(&match mode {
            Mode::Review => "Nothing to review: no item's latest try was wrong.".to_string(),
            Mode::Due => "Nothing is due today.".to_string(),
            _ => format!("This topic has no items for {} mode.", mode.as_str()),
        })?;
        // No "score: 0/0 (0%)": there was nothing to score.
        return Ok(session);
    }
    let mut lines = input.lines();
    'items: loop {
        if out_of_time(&mut session, &mut out)? {
            break 'items;
        }
        if let Some(left) = session.time_left(std::time::Instant::now()) {
            let s = left.as_secs();
            out.line(&format!("time left: {}:{:02}", s / 60, s % 60))?;
        }
        out.item(&session)?;
        if session.current_kata().is_some() {
            let runner = runner.as_deref_mut();
            match kata::take(
                &mut session,
                &mut lines,
                &mut out,
                runner,
                recorder.as_deref_mut(),
            )? {
                kata::Ending::Stop => break 'items,
                kata::Ending::Done if !session.next_item() => break 'items,
                kata::Ending::Done => continue 'items,
            }
        }
        if session.current().is_typed() {
            let runner = runner.as_deref_mut();
            let recorder = recorder.as_deref_mut();
            match typed::take(&mut session, &mut lines, &mut out, runner, recorder)? {
                kata::Ending::Stop => break 'items,
                kata::Ending::Done if !session.next_item() => break 'items,
                kata::Ending::Done => continue 'items,
            }
        }
        loop {
            out.prompt()?;
            let Some(line) = lines.next() else {
                break 'items;
            };
            let line = line?;
            match parse(&line, session.current().options().len()) {
                Command::Nothing => continue,
                Command::Quit => break 'items,
                Command::Hint => match session.show_hint().map(str::to_string) {
                    Some(hint) => {
                        if let Some(r) = recorder.as_deref_mut() {
                            r.hint_shown(&session, session.index()).map_err(|e| {
                                not_saved(
                                    e,
                                    &format!("that you read the hint of {}", where_(&session)),
                                )
                            })?;
                        }
                        out.line(&format!("hint: {hint}"))?
                    }
                    None => out.line(session.no_hint_reason())?,
                },
                Command::Answer(choices, rating) => {
                    if let Some(c) = rating
                        && let Err(e) = session.rate(c)
                    {
                        out.line(&format!("{e}."))?;
                    }
                    if session.needs_rating() {
                        match ask_rating(&mut lines, &mut out)? {
                            Some(c) => session.rate(c).map_err(std::io::Error::other)?,
                            None => break 'items,
                        }
                    }
                    if out_of_time(&mut session, &mut out)? {
                        break 'items;
                    }
                    match session.answer(&choices) {
                        Ok(result) => {
                            // On disk before on screen: a result the learner saw is never lost.
                            if let Some(r) = recorder.as_deref_mut() {
                                r.answered(&session, session.index(), &result)
                                    .map_err(|e| {
                                        not_saved(
                                            e,
                                            &format!(
                                                "your answer {} to {}",
                                                letters(&choices),
                                                where_(&session)
                                            ),
                                        )
                                    })?;
                            }
                            out.try_result(&session, &result)?;
                            if result.marked
                                && let Some(progress) =
                                    recorder.as_deref().and_then(|r| r.sink().progress())
                            {
                                out.next_review(
                                    progress,
                                    &topic.id,
                                    session.written(session.index()),
                                )?;
                            }
                            if result.marked
                                && let Some(runner) = runner.as_deref_mut()
                            {
                                run::after_try(
                                    &mut out,
                                    runner,
                                    recorder.as_deref_mut(),
                                    &session,
                                )?;
                            }
                            if result.finished {
                                break;
                            }
                        }
                        Err(SubmitError::Finished) => {
                            out.line("This item is finished.")?;
                            break;
                        }
                        Err(e) => out.line(&format!("{e}. {}", commands(&session)))?,
                    }
                }
                Command::Unknown(what) => out.line(&format!(
                    "'{what}' is not an answer: type {}. {}",
                    example(&session),
                    commands(&session)
                ))?,
            }
        }
        if !session.next_item() {
            break;
        }
    }
    if mode.is_scored() && !session.is_over() {
        // Left before the end (`:q`, or input ended): recorded as abandoned,
        // never as a finished test scored 0 % for the unanswered questions.
        if let Some(r) = recorder {
            r.abandoned(&session)
                .map_err(|e| not_saved(e, "that you left the test"))?;
        }
        out.abandoned(topic, &session)?;
        return Ok(session);
    }
    if mode.is_scored() {
        session.end();
        if let Some(r) = recorder {
            r.finished(&session)
                .map_err(|e| not_saved(e, &format!("the test's score ({})", session.score())))?;
        }
        out.test_review(&session)?;
    }
    out.summary(&session)?;
    if mode.is_scored() {
        out.repeat(topic, &session)?;
    }
    Ok(session)
}

/// A failed save, saying what was not saved (the error names the journal), so
/// the learner knows what to redo once the disk has room again. Plain stops
/// there: it never shows a result that is not on disk.
pub(super) fn not_saved(e: std::io::Error, what: &str) -> std::io::Error {
    std::io::Error::new(
        e.kind(),
        format!("{what} was not saved, so kata stopped before showing it: {e}"),
    )
}

/// The current item, as the learner saw it named.
pub(super) fn where_(session: &Session) -> String {
    format!(
        "{} {}",
        session.current().kind().to_lowercase(),
        session.current().id()
    )
}

/// Options as the learner types them: `A C`.
fn letters(choices: &[usize]) -> String {
    let letters: Vec<String> = choices
        .iter()
        .map(|&c| crate::content::letter(c).to_string())
        .collect();
    letters.join(" ")
}

/// Ask how sure the learner is, until they type 1, 2 or 3; `None` when they
/// stop (`:q`) or input ends.
pub(super) fn ask_rating<W: Write>(
    lines: &mut impl Iterator<Item = std::io::Result<String>>,
    out: &mut Printer<W>,
) -> std::io::Result<Option<Confidence>> {
    loop {
        out.line("How sure are you? 1 not sure · 2 fairly sure · 3 very sure")?;
        out.prompt()?;
        let Some(line) = lines.next() else {
            return Ok(None);
        };
        let line = line?;
        let typed = line.trim();
        if matches!(typed, ":q" | ":quit" | "q" | "quit") {
            return Ok(None);
        }
        if let Some(c) = typed.parse().ok().and_then(Confidence::from_level) {
            return Ok(Some(c));
        }
        out.line(&format!("'{typed}' is not a rating: type 1, 2 or 3."))?;
    }
}

/// What one line of input asks for.
#[derive(Debug, PartialEq, Eq)]
enum Command {
    Nothing,
    Quit,
    Hint,
    /// The letters, and a confidence typed after them (`B 3`).
    Answer(Vec<usize>, Option<Confidence>),
    Unknown(String),
}

/// End a timed session whose time ran out, saying so; the answer just typed
/// (if any) came too late and is not counted. Untimed sessions never end here.
fn out_of_time<W: Write>(session: &mut Session, out: &mut Printer<W>) -> std::io::Result<bool> {
    if !session.end_if_out_of_time(std::time::Instant::now()) {
        return Ok(false);
    }
    out.line("Time is up: every item still open counts as wrong (an answer typed after the limit is not counted).")?;
    Ok(true)
}

/// The commands, as the learner may type them now.
fn commands(session: &Session) -> &'static str {
    if !session.mode().is_scored() {
        "Type :h for the hint, :q to stop."
    } else {
        "Type :q to leave the test."
    }
}

/// `A`, `a`, `A B`, `A,B` and `AB` all read as letters. `:h` (or `?`) asks for
/// the hint and `:q` stops, always. A bare `h` or `q` (either case) is the
/// letter when the item has that option — `H` on an eight-option task — and
/// the command otherwise, so older scripts that type `q` keep working.
fn parse(line: &str, options: usize) -> Command {
    let line = line.trim();
    let is_letter = |c: char| index_of_letter(c).is_some_and(|i| i < options);
    match line {
        "" => Command::Nothing,
        ":q" | ":quit" | "quit" => Command::Quit,
        ":h" | ":hint" | "?" | "hint" => Command::Hint,
        "q" | "Q" if !is_letter('Q') => Command::Quit,
        "h" | "H" if !is_letter('H') => Command::Hint,
        _ => {
            // A rating may follow the letters: `B 3`, `A C 2`.
            let (line, rating) = match line.char_indices().last() {
                Some((at, c)) if at > 0 && matches!(c, '1'..='3') => (
                    line[..at].trim_end(),
                    Confidence::from_level(c as u8 - b'0'),
                ),
                _ => (line, None),
            };
            let letters: Option<Vec<usize>> = line
                .chars()
                .filter(|c| !c.is_whitespace() && *c != ',')
                .map(|c| {
                    c.is_ascii_alphabetic()
                        .then(|| index_of_letter(c))
                        .flatten()
                })
                .collect();
            match letters {
                Some(l) if !l.is_empty() => Command::Answer(l, rating),
                _ => Command::Unknown(line.to_string()),
            }
        }
    }
}

fn example(session: &Session) -> String {
    if session.current().is_choose_all() {
        return "every letter that applies (e.g. A C)".to_string();
    }
    match session.current().blanks() {
        1 => "one letter (e.g. A)".to_string(),
        n => {
            let letters: Vec<String> = (0..n)
                .map(|i| crate::content::letter(i).to_string())
                .collect();
            format!("{n} letters, one per blank (e.g. {})", letters.join(" "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_letters_in_any_common_spelling() {
        assert_eq!(parse("A B", 4), Command::Answer(vec![0, 1], None));
        assert_eq!(parse(" a,b ", 4), Command::Answer(vec![0, 1], None));
        assert_eq!(parse("AB", 4), Command::Answer(vec![0, 1], None));
        assert_eq!(parse("d", 4), Command::Answer(vec![3], None));
        assert_eq!(parse("", 4), Command::Nothing);
        assert_eq!(parse("1", 4), Command::Unknown("1".into()));
        assert_eq!(
            parse("B 3", 4),
            Command::Answer(vec![1], Some(Confidence::High))
        );
        assert_eq!(
            parse("a c2", 4),
            Command::Answer(vec![0, 2], Some(Confidence::Mid))
        );
        assert_eq!(parse("B 4", 4), Command::Unknown("B 4".into()));
    }

    #[test]
    fn commands_never_take_a_letter_the_item_has() {
        for options in [4, 8, 17] {
            assert_eq!(parse(":h", options), Command::Hint);
            assert_eq!(parse("?", options), Command::Hint);
            assert_eq!(parse(":q", options), Command::Quit);
        }
        assert_eq!(parse("h", 4), Command::Hint);
        assert_eq!(parse("H", 4), Command::Hint);
        assert_eq!(parse("q", 4), Command::Quit);
        // Eight options: H is an answer, in either case.
        assert_eq!(parse("h", 8), Command::Answer(vec![7], None));
        assert_eq!(parse("H", 8), Command::Answer(vec![7], None));
        assert_eq!(parse("q", 8), Command::Quit);
        assert_eq!(parse("q", 17), Command::Answer(vec![16], None));
    }
}
