//! A typed exercise in the line mode: the code with its blanks, then one
//! line per blank (`blank 1> `), marked once every blank has a text; again,
//! for the wrong blanks only, until it is right or the tries are used. `:h`
//! and `:q` work as for every item, on any blank's line.

use super::kata::{Ending, hint};
use super::print::Printer;
use crate::practice::{Runner, Session, SubmitError};
use crate::progress::{Recorder, Sink};
use std::io::Write;

/// Work on the current typed exercise until it is finished or the learner stops.
pub(super) fn take<'r, S: Sink>(
    session: &mut Session,
    lines: &mut impl Iterator<Item = std::io::Result<String>>,
    out: &mut Printer<impl Write>,
    mut runner: Option<&mut (dyn Runner + 'r)>,
    mut recorder: Option<&mut Recorder<S>>,
) -> std::io::Result<Ending> {
    loop {
        // A retry asks again only for the blanks the last try got wrong.
        let state = session.current_state();
        let mut texts = state.typed.clone();
        let ask: Vec<usize> = match state.attempts.last() {
            Some(last) => (last.marks.iter().enumerate())
                .filter_map(|(b, &right)| (!right).then_some(b))
                .collect(),
            None => (0..texts.len()).collect(),
        };
        for blank in ask {
            loop {
                out.prompt_for(&format!("blank {}", blank + 1))?;
                let Some(line) = lines.next() else {
                    return Ok(Ending::Stop);
                };
                let line = line?;
                match line.trim() {
                    "" => continue,
                    ":q" | ":quit" => return Ok(Ending::Stop),
                    ":h" | ":hint" | "?" => hint(session, out, recorder.as_deref_mut())?,
                    text => {
                        texts[blank] = text.to_string();
                        break;
                    }
                }
            }
        }
        if session.needs_rating() {
            match super::ask_rating(lines, out)? {
                Some(c) => session.rate(c).map_err(std::io::Error::other)?,
                None => return Ok(Ending::Stop),
            }
        }
        if super::out_of_time(session, out)? {
            return Ok(Ending::Stop);
        }
        let result = match session.answer_typed(&texts) {
            Ok(result) => result,
            Err(SubmitError::Finished) => return Ok(Ending::Done),
            Err(e) => {
                out.line(&format!("{e}."))?;
                continue;
            }
        };
        // On disk before on screen: a result the learner saw is never lost.
        if let Some(r) = recorder.as_deref_mut() {
            r.answered(session, session.index(), &result).map_err(|e| {
                super::not_saved(e, &format!("your answer to {}", super::where_(session)))
            })?;
        }
        out.try_result(session, &result)?;
        if let Some(r) = recorder.as_deref()
            && let Some(progress) = r.sink().progress()
        {
            out.next_review(progress, r.topic(), session.written(session.index()))?;
        }
        if result.marked
            && let Some(runner) = runner.as_deref_mut()
        {
            super::run::after_try(out, runner, recorder.as_deref_mut(), session)?;
        }
        if result.finished {
            return Ok(Ending::Done);
        }
        out.line("Type the wrong blanks again; the right ones stay as they are.")?;
    }
}
