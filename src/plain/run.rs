//! What a run of the learner's code printed and which tests passed, as lines
//! of plain text (also what `kata run` prints).

use crate::sandbox::Outcome;

/// The output, the error, then one line per test; every byte of program text escaped.
pub fn outcome_text(outcome: &Outcome) -> String {
    let mut out = String::new();
    for line in outcome.output.lines() {
        out.push_str(&crate::content::escape_controls(line));
        out.push('\n');
    }
    if let Some(error) = &outcome.error {
        let shown = if error.traceback.is_empty() {
            error.summary()
        } else if error.kind
            == error
                .traceback
                .lines()
                .last()
                .unwrap_or("")
                .split(':')
                .next()
                .unwrap_or("")
        {
            error.traceback.trim_end().to_string()
        } else {
            // A sandbox limit or refusal: monty's own words, then kata's.
            format!("{}\n{}", error.traceback.trim_end(), error.summary())
        };
        for line in shown.lines() {
            out.push_str(&crate::content::escape_controls(line));
            out.push('\n');
        }
    }
    for (i, test) in outcome.tests.iter().enumerate() {
        let mark = if test.passed { '✓' } else { '✗' };
        out.push_str(&format!("{mark} test {}", i + 1));
        if let Some(message) = test.message.as_deref().filter(|_| !test.passed) {
            out.push_str(": ");
            out.push_str(&crate::content::escape_controls(
                &message.replace('\n', " "),
            ));
        }
        out.push('\n');
    }
    out
}

/// After a marked try on a runnable exercise: run the learner's completion,
/// record the run (on disk before on screen, as every try) and print what it did.
pub(super) fn after_try<W: std::io::Write, S: crate::progress::Sink>(
    out: &mut super::print::Printer<W>,
    runner: &mut dyn crate::practice::Runner,
    recorder: Option<&mut crate::progress::Recorder<S>>,
    session: &crate::practice::Session,
) -> std::io::Result<()> {
    let crate::content::Item::Exercise(exercise) = session.current() else {
        return Ok(());
    };
    let Some(last) = session.current_state().attempts.last() else {
        return Ok(());
    };
    let Some((program, outcome)) = crate::practice::runnable::run_attempt(runner, exercise, last)
    else {
        return Ok(());
    };
    if let Some(r) = recorder {
        r.exercise_ran(session, session.index(), &program.code, &outcome)?;
    }
    out.line("Your code ran:")?;
    for line in outcome_text(&outcome).lines() {
        out.line(&format!("  {line}"))?;
    }
    Ok(())
}
