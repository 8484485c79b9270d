//! Confidence-based marking on screen: the prompt before a first try is
//! marked, the mark it earned, and the calibration on the results.

use crate::practice::{Calibration, LEVELS};
use crate::tui::app::{App, Run};
use crate::tui::flow::{Atom, Doc};
use ratatui::text::Span;

/// "How sure are you? 1 · 2 · 3" while the current item waits for its rating,
/// or the rating given and not yet marked.
pub(super) fn prompt(doc: &mut Doc, app: &App, run: &Run) {
    let t = app.theme;
    let session = &run.session;
    let state = session.current_state();
    // Only a first try is rated; a retried item has seen its solution.
    if !session.rates_confidence() || !state.attempts.is_empty() || state.earlier_tries > 0 {
        return;
    }
    let mut atoms = vec![Atom::new("How sure are you? ", t.bold())];
    for level in LEVELS {
        let chosen = state.confidence == Some(level);
        atoms.push(Atom::new(
            format!("{} {}", level.level(), level.words()),
            if chosen { t.selected() } else { t.key() },
        ));
        atoms.push(Atom::new("   ", t.plain()));
    }
    atoms.push(Atom::new("(right +1/+2/+3, wrong 0/−2/−6)", t.dim()));
    doc.flow(0, 2, atoms);
}

/// The confidence mark of the try just shown, under its result.
pub(super) fn mark(doc: &mut Doc, app: &App, run: &Run) {
    let index = run.session.index();
    let Some(Some(result)) = run.tries.get(index) else {
        return;
    };
    let (Some(mark), Some(first)) = (result.cbm, run.session.state(index).attempts.first()) else {
        return;
    };
    let Some(level) = first.confidence else {
        return;
    };
    let t = app.theme;
    let text = format!(
        "Confidence {} ({}): {}{mark}",
        level.level(),
        level.words(),
        if mark > 0 { "+" } else { "" }
    );
    doc.text(&text, if mark > 0 { t.ok() } else { t.bad() }, 0);
}

/// The marks and the calibration table, on the results of a rated run.
pub(super) fn summary(doc: &mut Doc, app: &App, calibration: &Calibration) {
    let t = app.theme;
    doc.blank();
    if calibration.is_empty() {
        doc.text("Confidence marking: no answer was rated.", t.dim(), 0);
        return;
    }
    let s = calibration.score();
    doc.line(Span::styled(
        format!(
            "Confidence marks: {}{} over {} answer{} (average {:.1}, best 3)",
            if s.marks > 0 { "+" } else { "" },
            s.marks,
            s.answers,
            if s.answers == 1 { "" } else { "s" },
            s.average()
        ),
        t.heading(),
    ));
    for line in calibration.lines() {
        doc.text(&format!("  {line}"), t.plain(), 4);
    }
}
