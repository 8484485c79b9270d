//! The Replay lab in the line mode: step through a scenario one event at a
//! time and see what each one changed, jump to a position, look at the
//! state and how it was rebuilt. The lines are `replay::telling`'s, the same
//! ones `kata replay` prints; the rule for a rebuild is `replay::Rebuild`'s.

use super::print::Printer;
use crate::replay::Timeline;
use crate::replay::telling::{AT_END, AT_START, go_to_position, refusal_line, step_lines};
use std::io::{BufRead, Write};

const HELP: &str = "Enter steps one event · b steps back · :N goes to position N (from 0) · s shows the state · :q stops";

/// Step through `timeline` from its cursor, reading commands from `input`,
/// until the learner types `:q` or input ends. `first_move` runs once,
/// before the first move (the journal records the session then: looking is
/// not practice yet); its error ends the run. Returns the cursor at the end.
pub fn run_lab(
    timeline: &mut Timeline,
    input: impl BufRead,
    output: impl Write,
    mut first_move: impl FnMut() -> std::io::Result<()>,
) -> std::io::Result<u64> {
    let mut out = Printer::new(output);
    out.line(&format!(
        "{} — replay lab: {} events",
        timeline.title,
        timeline.len()
    ))?;
    if let Some(about) = &timeline.about {
        out.line(about)?;
    }
    out.line(HELP)?;
    refusals_here(&mut out, timeline)?;
    let mut moved = false;
    for line in input.lines() {
        let line = line?;
        let typed = line.trim();
        let Some(command) = Command::read(typed) else {
            // Nothing the learner typed is echoed: it may hold anything.
            out.line(&format!("That is no command here. {HELP}"))?;
            continue;
        };
        if command == Command::Quit {
            break;
        }
        if command.moves() && !moved {
            moved = true;
            first_move()?;
        }
        match command {
            Command::Next if !timeline.step_forward() => {
                out.line(&format!("{AT_END} :0 goes to the first; :q stops."))?
            }
            Command::Back if !timeline.step_back() => out.line(AT_START)?,
            Command::Next | Command::Back => {
                at(&mut out, timeline)?;
                refusals_here(&mut out, timeline)?;
            }
            Command::GoTo(position) => {
                if let Some(said) = go_to_position(timeline, position) {
                    out.line(&said)?;
                }
                at(&mut out, timeline)?;
                state(&mut out, timeline)?;
            }
            Command::State => state(&mut out, timeline)?,
            Command::Help => out.line(HELP)?,
            Command::Quit => unreachable!("handled above"),
        }
    }
    out.line("")?;
    out.line(&format!(
        "Left the lab after {} of {} events.",
        timeline.cursor(),
        timeline.len()
    ))?;
    Ok(timeline.cursor())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    Next,
    Back,
    GoTo(u64),
    State,
    Help,
    Quit,
}

impl Command {
    fn read(typed: &str) -> Option<Command> {
        Some(match typed {
            "" | "n" => Command::Next,
            "b" => Command::Back,
            "s" => Command::State,
            "?" | "h" => Command::Help,
            ":q" | "q" => Command::Quit,
            _ => Command::GoTo(
                typed
                    .strip_prefix(':')?
                    .trim()
                    .replace(['_', ','], "")
                    .parse()
                    .ok()?,
            ),
        })
    }

    fn moves(self) -> bool {
        matches!(self, Command::Next | Command::Back | Command::GoTo(_))
    }
}

/// The step the cursor is on, or that none is applied yet.
fn at<W: Write>(out: &mut Printer<W>, timeline: &Timeline) -> std::io::Result<()> {
    let lines = step_lines(timeline);
    if lines.is_empty() {
        return out.line(AT_START);
    }
    for line in lines {
        out.line(&line)?;
    }
    Ok(())
}

/// The appends refused right after the events applied so far.
fn refusals_here<W: Write>(out: &mut Printer<W>, timeline: &Timeline) -> std::io::Result<()> {
    let here = timeline.cursor();
    for r in timeline.refusals().iter().filter(|r| r.after == here) {
        out.line(&refusal_line(r))?;
    }
    Ok(())
}

/// The state after the events applied, and how kata rebuilt it.
fn state<W: Write>(out: &mut Printer<W>, timeline: &Timeline) -> std::io::Result<()> {
    let applied = timeline.cursor();
    let how = match timeline.reached() {
        Some(rebuild) => format!(", rebuilt {rebuild}"),
        None => String::new(),
    };
    out.line(&format!(
        "State after {applied} of {} events{how}:",
        timeline.len()
    ))?;
    let json = serde_json::to_string_pretty(timeline.state()).map_err(std::io::Error::other)?;
    for line in json.lines() {
        out.line(line)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn play(id: &str, input: &str) -> (String, u64, u32) {
        let catalog = crate::content::load(&[]);
        let mut t = Timeline::new(catalog.scenario(id).unwrap());
        let mut out = Vec::new();
        let mut started = 0;
        let cursor = run_lab(&mut t, input.as_bytes(), &mut out, || {
            started += 1;
            Ok(())
        })
        .unwrap();
        (String::from_utf8(out).unwrap(), cursor, started)
    }

    #[test]
    fn steps_show_each_change_and_the_end_says_so() {
        let (out, cursor, started) = play("user-after-delete", "\n\n\n\n");
        assert_eq!((cursor, started), (3, 1));
        assert!(out.contains("#0 user-2@0 UserCreated"), "{out}");
        assert!(out.contains("  + "), "{out}");
        assert!(
            out.contains("! warning"),
            "the update after the delete: {out}"
        );
        assert!(out.contains("The last event is applied"), "{out}");
        assert!(out.contains("Left the lab after 3 of 3 events."), "{out}");
    }

    #[test]
    fn a_jump_past_the_end_says_where_the_cursor_is() {
        let (out, cursor, _) = play("user-after-delete", ":99\nb\n:q\n\n");
        assert_eq!(cursor, 2, "back one from the end; nothing after :q");
        assert!(out.contains("Position 99 is past the end"), "{out}");
        assert!(out.contains("State after 3 of 3 events, rebuilt"), "{out}");
    }

    #[test]
    fn looking_is_not_a_move_and_nothing_typed_is_echoed() {
        let (out, cursor, started) = play("user-after-delete", "s\n?\n\u{1b}[2Jzap\n");
        assert_eq!((cursor, started), (0, 0));
        assert!(out.contains("State after 0 of 3 events"), "{out}");
        assert!(out.contains("That is no command here"), "{out}");
        assert!(!out.contains('\u{1b}') && !out.contains("zap"), "{out}");
    }
}
