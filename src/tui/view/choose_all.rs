//! A choose-all question on screen: the prompt says so, each option has a
//! box the learner ticks, and the result marks every option — the right
//! picks, the wrong ones and the answers left out — with the credit earned.

use super::run::{open_question_footer, option_hits, solution};
use crate::content::{Question, letter};
use crate::practice::{Outcome, short_number};
use crate::tui::app::{App, Run};
use crate::tui::flow::{Atom, Doc};
use ratatui::text::Span;

/// The letters of `options`, `A, C`.
fn letters(options: &[usize]) -> String {
    options
        .iter()
        .map(|&o| letter(o).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn question(doc: &mut Doc, app: &App, run: &Run, q: &Question) {
    let t = app.theme;
    let index = run.session.index();
    let state = run.session.current_state();
    let answering = run.answering();
    let reveal = run.reveal();
    let right = q.answers();
    // What the boxes show: the last try once marked, else the picks so far.
    let picked: &[usize] = match state.attempts.last() {
        Some(last) if !answering => &last.chosen,
        _ => &state.picked,
    };
    let focus_start = doc.len();
    doc.text(q.prompt.trim_start_matches('\n'), t.bold(), 0);
    doc.text(
        &format!(
            "Choose all that apply ({} of the {} options are right).",
            if reveal {
                right.len().to_string()
            } else {
                "one or more".into()
            },
            q.options.len()
        ),
        t.dim(),
        0,
    );
    doc.blank();
    for (i, option) in q.options.iter().enumerate() {
        let cursor = answering && run.cursor == Some(i);
        let is_right = right.contains(&i);
        let is_picked = picked.contains(&i);
        let (mark, style) = match (reveal, is_picked, is_right) {
            (true, true, true) => ("✓ ", t.ok()),
            (true, true, false) => ("✗ ", t.bad()),
            (true, false, true) => ("○ ", t.warn()),
            _ if cursor => ("▶ ", t.selected()),
            _ => ("  ", t.plain()),
        };
        let check = if is_picked { "[x] " } else { "[ ] " };
        let start = doc.len();
        let mut atoms = vec![Atom::new(option.as_str(), style)];
        if reveal && is_right && !is_picked {
            atoms.push(Atom::new("  ← also right: you left it out", t.dim()));
        }
        doc.flow_after(
            vec![
                Span::styled(mark, style),
                Span::styled(check, t.key()),
                Span::styled(format!("{}", letter(i)), t.key().patch(style)),
                Span::styled(".  ", style),
            ],
            atoms,
        );
        option_hits(doc, start, i);
    }
    doc.blank();
    let mut focus_end = doc.len();
    if answering {
        let lead = vec![Span::styled(
            "Letters pick and unpick; Enter checks.",
            t.dim(),
        )];
        open_question_footer(doc, app, run, q, lead, " Stuck?", None);
        doc.focus = Some(focus_start..doc.len());
        return;
    }
    let result_start = doc.len();
    if !reveal {
        doc.text(
            "Answer recorded. Right or wrong, and the solution, show when the test ends.",
            t.dim(),
            0,
        );
        doc.focus = Some(focus_start..doc.len());
        return;
    }
    let weight = q.difficulty.weight();
    let points = run.session.points(index);
    let of = format!(
        " — {} of {weight} point{}{}.",
        short_number(points),
        if weight == 1 { "" } else { "s" },
        if state.hint_shown { " (hint used)" } else { "" }
    );
    match (state.outcome, state.attempts.last()) {
        (Outcome::Solved { .. }, _) => doc.flow(
            0,
            2,
            vec![Atom::new("✓ Correct", t.ok()), Atom::new(of, t.plain())],
        ),
        (_, Some(last)) => {
            doc.flow(
                0,
                2,
                vec![
                    Atom::new("✗ Not quite", t.bad()),
                    Atom::new(
                        format!(
                            ": you picked {}; the answers are {}{of}",
                            letters(&last.chosen),
                            letters(&right)
                        ),
                        t.plain(),
                    ),
                ],
            );
            for (&c, &ok) in last.chosen.iter().zip(&last.marks) {
                if !ok && let Some(why) = q.feedback.get(&c) {
                    doc.flow(
                        2,
                        4,
                        vec![
                            Atom::new(format!("{}: ", letter(c)), t.bad()),
                            Atom::new(why.as_str(), t.plain()),
                        ],
                    );
                }
            }
        }
        (_, None) => doc.flow(
            0,
            2,
            vec![
                Atom::new("✗ Not answered", t.bad()),
                Atom::new(format!(": the answers are {}.", letters(&right)), t.plain()),
            ],
        ),
    }
    super::confidence::mark(doc, app, run);
    super::upcoming::next_review(doc, app, run);
    focus_end = focus_end.max(doc.len());
    let mut answer = Vec::new();
    for (n, &r) in right.iter().enumerate() {
        if n > 0 {
            answer.push(Atom::new("; ", t.plain()));
        }
        answer.push(Atom::new(q.options[r].as_str(), t.plain()));
    }
    answer.push(Atom::new(format!(" → Options {}", letters(&right)), t.ok()));
    solution(doc, t, q, answer);
    doc.focus = Some(result_start..focus_end);
}
