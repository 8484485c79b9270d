//! Results: the score, a breakdown by difficulty, the verdict, and every item
//! with the learner's answer and the right one.

use super::bar;
use crate::content::{Difficulty, letter};
use crate::practice::{Mode, Outcome, Verdict};
use crate::tui::action::Target;
use crate::tui::app::{App, Run};
use crate::tui::flow::{Atom, Doc, ellipsize};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub fn header(frame: &mut Frame, area: Rect, app: &App, run: &Run) {
    let topic = &app.catalog.topics[run.topic];
    let what = match run.mode() {
        Mode::Test => "Test results",
        Mode::Practice => "Practice results",
        Mode::Quiz => "Quiz results",
        Mode::Review => "Review results",
        Mode::Due => "Due review results",
        Mode::Exam => "Exam results",
    };
    let right = match run.session.seed() {
        Some(seed) => format!("seed {seed}"),
        None => String::new(),
    };
    bar(
        frame,
        area,
        app,
        &format!("kata · {} · {what}", topic.title),
        &right,
    );
}

pub fn doc(app: &App, run: &Run, width: u16) -> Doc {
    let t = app.theme;
    let mut doc = Doc::new(width);
    let session = &run.session;
    let score = session.score();
    let mut atoms = vec![
        Atom::new("Score  ", t.heading()),
        Atom::new(score.to_string(), t.bold()),
    ];
    if run.mode().is_scored() {
        let (mark, style, words) = match score.verdict() {
            Verdict::Strong => ("✓", t.ok(), "strong — you know this pattern"),
            Verdict::NeedsPractice => ("✗", t.bad(), "needs practice — under 80%"),
        };
        atoms.push(Atom::new("   Verdict: ", t.heading()));
        atoms.push(Atom::new(format!("{mark} {words}"), style));
    }
    doc.flow(0, 2, atoms);
    if run.timed_out {
        doc.text(
            "Time ran out: questions left open count as wrong.",
            t.bad(),
            0,
        );
    }
    if session.rates_confidence() {
        super::confidence::summary(&mut doc, app, &session.calibration());
        doc.blank();
    }
    // The breakdown by difficulty, with a bar that reads without colour.
    for d in Difficulty::ALL {
        if !session.items().iter().any(|i| i.difficulty() == d) {
            continue;
        }
        let s = session.score_of(d);
        let filled = (s.percent() / 10.0).round() as usize;
        doc.line(Line::from(vec![
            Span::raw("  "),
            Span::styled(format!("{:<7}", d.as_str()), t.bold()),
            Span::styled("█".repeat(filled.min(10)), t.ok()),
            Span::styled("░".repeat(10 - filled.min(10)), t.dim()),
            Span::raw(format!("  {s}")),
        ]));
    }
    doc.blank();
    // One word in every mode: the letters the learner gave last.
    doc.line(Span::styled(
        "     #  level   yours    right  item".to_string(),
        t.dim(),
    ));
    let mut focus = None;
    for (i, item) in session.items().iter().enumerate() {
        let state = session.state(i);
        let (mark, style) = match state.outcome {
            Outcome::Solved { .. } => ("✓", t.ok()),
            _ => ("✗", t.bad()),
        };
        let yours = match state.attempts.last() {
            Some(a) => a.chosen.iter().map(|&o| letter(o)).collect::<String>(),
            // A kata has no letters: how often its code ran says what was tried.
            None if state.runs > 0 => {
                format!(
                    "{} run{}",
                    state.runs,
                    if state.runs == 1 { "" } else { "s" }
                )
            }
            None => "—".to_string(),
        };
        let right: String = item.answer().iter().map(|&o| letter(o)).collect();
        let chosen = i == run.results_cursor;
        let row_style = if chosen { t.selected() } else { t.plain() };
        let prefix = format!(
            "{:>2}  {:<6}  {:<9}{:<6} ",
            i + 1,
            item.difficulty().as_str(),
            yours,
            right
        );
        let first_line = item.prompt().trim().lines().next().unwrap_or("");
        let room = (width as usize).saturating_sub(4 + prefix.chars().count());
        let line = doc.len();
        doc.line(Line::from(vec![
            Span::styled(if chosen { "▶ " } else { "  " }, t.key()),
            Span::styled(mark, style),
            Span::raw(" "),
            Span::styled(
                format!("{prefix}{}", ellipsize(first_line, room)),
                row_style,
            ),
        ]));
        doc.hits.push(crate::tui::flow::DocHit {
            line,
            x: 0,
            width,
            target: Target::ResultRow(i),
        });
        if chosen {
            focus = Some(line..line + 1);
        }
    }
    doc.blank();
    let mut tips = vec![Atom::new(
        "Enter opens an item with its solution · r starts again",
        t.dim(),
    )];
    if let Some(seed) = session.seed() {
        let topic = &app.catalog.topics[run.topic].id;
        tips.push(Atom::new(
            format!(
                " · the same test again: kata --topic {topic} --seed {seed} (TUI) or kata plain --topic {topic} --mode test --seed {seed}"
            ),
            t.dim(),
        ));
    }
    doc.flow(0, 0, tips);
    doc.focus = focus;
    doc
}
