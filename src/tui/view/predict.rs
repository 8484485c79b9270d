//! Predict's panel in the lab: the score, the question about the next step
//! with its outcomes (click one, or press its letter), then what the last
//! answer was against what the event really did. The state under the
//! cursor follows, for working the answer out.

use crate::tui::action::Target;
use crate::tui::app::App;
use crate::tui::flow::{Atom, Doc, DocHit};
use crate::tui::lab::LabView;
use crate::tui::predict::PredictView;
use ratatui::text::Span;

pub fn panel(doc: &mut Doc, app: &App, view: &LabView, predict: &PredictView) {
    let t = app.theme;
    let score = &predict.score;
    doc.text(
        &format!("Predict · {} of {} right", score.right, score.asked),
        t.heading(),
        0,
    );
    match &predict.ask {
        Some(ask) => {
            doc.flow_after(
                vec![Span::styled("Next: ", t.bold())],
                vec![Atom::new(ask.what.clone(), t.plain())],
            );
            doc.text("What will it do?", t.bold(), 0);
            for (i, outcome) in ask.outcomes.iter().enumerate() {
                let letter = crate::content::letter(i);
                let first = doc.len();
                doc.flow_after(
                    vec![Span::styled(format!("  {letter}  "), t.key())],
                    vec![Atom::new(outcome.text.clone(), t.plain())],
                );
                // Every row of the outcome answers with it when clicked.
                for line in first..doc.len() {
                    doc.hits.push(DocHit {
                        line,
                        x: 0,
                        width: doc.width,
                        target: Target::Option(i),
                    });
                }
            }
            // The score, the question and its outcomes stay in view.
            doc.focus = Some(0..doc.len());
        }
        None => doc.text(
            "■ Every step is predicted. g goes to the start to predict again; p turns Predict off.",
            t.dim(),
            0,
        ),
    }
    if let Some(last) = &score.last {
        doc.blank();
        let (mark, style) = if last.right {
            ("✓ ", t.ok())
        } else {
            ("✗ ", t.bad())
        };
        let picked = &last.ask.outcomes[last.picked];
        doc.flow_after(
            vec![Span::styled(mark, style)],
            vec![Atom::new(format!("You said: {}", picked.text), style)],
        );
        doc.flow_after(
            vec![Span::styled("  ", t.plain())],
            vec![Atom::new(
                format!("What it did: {}", last.ask.truth),
                t.plain(),
            )],
        );
        if !last.right && !picked.why.is_empty() {
            doc.flow_after(
                vec![Span::styled("  ", t.plain())],
                vec![Atom::new(format!("Why not: {}", picked.why), t.dim())],
            );
        }
    }
    doc.blank();
    // The state marks its changed entity as the focus: the question's stays.
    let focus = doc.focus.take();
    super::lab::state(doc, app, &view.timeline);
    doc.focus = focus.or(Some(0..1));
}
