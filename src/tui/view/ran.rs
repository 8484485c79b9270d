//! What the learner's completed code did when it ran: its output, each test
//! ✓/✗, and the traceback of an error. Every byte of program text is escaped.

use crate::content::escape_controls;
use crate::sandbox::Outcome;
use crate::tui::flow::{Atom, Doc};
use crate::tui::theme::Theme;
use ratatui::text::Span;

/// Lines of output shown before the rest is summed up.
const SHOWN_LINES: usize = 20;

pub(super) fn outcome(doc: &mut Doc, t: Theme, outcome: &Outcome) {
    doc.blank();
    doc.line(Span::styled("Your code ran", t.heading()));
    let lines: Vec<&str> = outcome.output.lines().collect();
    if lines.is_empty() {
        doc.line(Span::styled("  (it printed nothing)", t.dim()));
    }
    for line in lines.iter().take(SHOWN_LINES) {
        doc.line(Span::styled(
            format!("  │ {}", escape_controls(line)),
            t.plain(),
        ));
    }
    if lines.len() > SHOWN_LINES {
        doc.line(Span::styled(
            format!("  │ … {} more lines", lines.len() - SHOWN_LINES),
            t.dim(),
        ));
    }
    if let Some(error) = &outcome.error {
        for line in error.traceback.lines() {
            doc.line(Span::styled(
                format!("  {}", escape_controls(line)),
                t.bad(),
            ));
        }
        if error.traceback.is_empty() || !error.traceback.trim_end().ends_with(&error.message) {
            doc.line(Span::styled(
                format!("  {}", escape_controls(&error.summary())),
                t.bad(),
            ));
        }
    }
    for (i, test) in outcome.tests.iter().enumerate() {
        let (mark, style) = if test.passed {
            ("✓", t.ok())
        } else {
            ("✗", t.bad())
        };
        let mut atoms = vec![Atom::new(format!("{mark} test {}", i + 1), style)];
        if let Some(message) = test.message.as_deref().filter(|_| !test.passed) {
            atoms.push(Atom::new(
                format!(": {}", escape_controls(&message.replace('\n', " "))),
                t.plain(),
            ));
        }
        doc.flow(2, 4, atoms);
    }
    if !outcome.events.is_empty() {
        doc.line(Span::styled(
            format!(
                "  It appended {} event{} to its EventStore: r opens the replay lab on them.",
                outcome.events.len(),
                if outcome.events.len() == 1 { "" } else { "s" }
            ),
            t.dim(),
        ));
    }
}
