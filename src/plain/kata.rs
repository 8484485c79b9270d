//! A kata in the line mode: the prompt and starter, then the learner's code
//! up to a line holding only `.` (or the end of input), its tests run, the
//! results printed; again until every test passes. `h` and `q` on a line of
//! their own work as for every item; `g` gives up and shows the solution.

use super::print::Printer;
use crate::content::escape_controls;
use crate::practice::{KataRun, Limits, Runner, Session};
use crate::progress::{Recorder, Sink};
use std::io::Write;

/// How a kata ended in the line mode.
pub(super) enum Ending {
    /// Solved or given up: go on to the next item.
    Done,
    /// The learner typed `q` or input ended: stop the session.
    Stop,
}

/// Work on the current kata until it is solved, given up, or the learner stops.
pub(super) fn take<'r, S: Sink>(
    session: &mut Session,
    lines: &mut impl Iterator<Item = std::io::Result<String>>,
    out: &mut Printer<impl Write>,
    runner: Option<&mut (dyn Runner + 'r)>,
    mut recorder: Option<&mut Recorder<S>>,
) -> std::io::Result<Ending> {
    let Some(kata) = session.current_kata().cloned() else {
        return Ok(Ending::Done);
    };
    if !kata.setup.trim().is_empty() {
        out.line("Setup (runs first, in the same namespace):")?;
        code_block(out, &kata.setup)?;
    }
    out.line("Starter:")?;
    code_block(out, &session.current_state().code)?;
    out.line("Type your code, then a line holding only . to run the tests;")?;
    out.line(":h shows the hint, :g gives up (shows the solution), :q stops.")?;
    let Some(runner) = runner else {
        out.line("kata's Python sandbox is not available here: this kata cannot run.")?;
        return Ok(Ending::Done);
    };
    loop {
        out.prompt()?;
        let mut code = String::new();
        let mut ended = false;
        loop {
            let Some(line) = lines.next() else {
                ended = true;
                break;
            };
            let line = line?;
            if line.trim_end() == "." {
                break;
            }
            if code.is_empty() {
                match line.trim() {
                    // As for other items; the bare letters stay for older scripts
                    // (a line of Python is never just `q`).
                    ":q" | ":quit" | "q" | "quit" => return Ok(Ending::Stop),
                    ":h" | ":hint" | "?" | "h" | "hint" => {
                        hint(session, out, recorder.as_deref_mut())?;
                        out.prompt()?;
                        continue;
                    }
                    ":g" | "g" | "give up" => {
                        session
                            .give_up()
                            .map_err(|e| std::io::Error::other(e.to_string()))?;
                        out.line("Given up: no points for this kata.")?;
                        out.solution(session.current())?;
                        return Ok(Ending::Done);
                    }
                    _ => {}
                }
            }
            code.push_str(&line);
            code.push('\n');
        }
        if code.trim().is_empty() {
            if ended {
                return Ok(Ending::Stop);
            }
            out.line("No code yet: type it, then a line holding only .")?;
            continue;
        }
        session
            .edit_code(&code)
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        let run = session
            .run_kata(&mut *runner, &Limits::default())
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        // On disk before on screen, as for every try.
        if let Some(r) = recorder.as_deref_mut() {
            r.kata_ran(session, session.index(), &run)?;
        }
        results(out, &run)?;
        if let Some(r) = recorder.as_deref()
            && let Some(progress) = r.sink().progress()
        {
            out.next_review(progress, r.topic(), session.written(session.index()))?;
        }
        if run.solved_now {
            out.line(&format!(
                "solved: every test passes ({} point{})",
                crate::practice::short_number(session.points(session.index())),
                if session.points(session.index()) == 1.0 {
                    ""
                } else {
                    "s"
                }
            ))?;
            out.solution(session.current())?;
            return Ok(Ending::Done);
        }
        if ended {
            return Ok(Ending::Stop);
        }
        out.line("Not yet: send the whole code again (runs are free), h, g or q.")?;
    }
}

pub(super) fn hint<S: Sink>(
    session: &mut Session,
    out: &mut Printer<impl Write>,
    recorder: Option<&mut Recorder<S>>,
) -> std::io::Result<()> {
    let Some(hint) = session.show_hint().map(str::to_string) else {
        return out.line(session.no_hint_reason());
    };
    if let Some(r) = recorder {
        r.hint_shown(session, session.index())?;
    }
    out.line(&format!("hint: {hint}"))
}

fn code_block(out: &mut Printer<impl Write>, code: &str) -> std::io::Result<()> {
    for line in code.lines() {
        out.line(&format!("    {line}"))?;
    }
    Ok(())
}

/// What the code printed, each test ✓/✗ with its message, and any error.
/// Everything here came from running third-party code: escaped, line by line.
fn results(out: &mut Printer<impl Write>, run: &KataRun) -> std::io::Result<()> {
    let outcome = &run.outcome;
    if !outcome.output.is_empty() {
        out.line("output:")?;
        for line in outcome.output.lines() {
            out.line(&format!("    {}", escape_controls(line)))?;
        }
    }
    for (i, test) in outcome.tests.iter().enumerate() {
        match (&test.passed, &test.message) {
            (true, _) => out.line(&format!("✓ test {}", i + 1))?,
            (false, Some(message)) => out.line(&format!(
                "✗ test {}: {}",
                i + 1,
                escape_controls(&message.replace('\n', " "))
            ))?,
            (false, None) => out.line(&format!("✗ test {}", i + 1))?,
        }
    }
    if let Some(error) = &outcome.error {
        let at = match (error.line, error.column) {
            (Some(line), Some(column)) => format!(" (line {line}, column {column})"),
            (Some(line), None) => format!(" (line {line})"),
            _ => String::new(),
        };
        let mut message = error.message.lines();
        out.line(&format!(
            "error: {}: {}{at}",
            escape_controls(&error.kind),
            escape_controls(message.next().unwrap_or(""))
        ))?;
        for line in message {
            out.line(&format!("    {}", escape_controls(line)))?;
        }
    }
    out.line(&format!("{}/{} tests pass", run.passed, run.total))
}
