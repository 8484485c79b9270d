//! "Next review in 3 days": after a marked try, when spaced repetition
//! brings the item back — read from the learner's live progress, so it is
//! what the due queue will do.

use crate::tui::app::{App, Run};
use crate::tui::flow::Doc;

/// The line, under a try's result; nothing in a test (still blind), without a
/// journal, or before the item's first try in this run.
pub(super) fn next_review(doc: &mut Doc, app: &App, run: &Run) {
    let state = run.session.current_state();
    if run.mode().is_scored() || (state.attempts.is_empty() && state.runs == 0) {
        return;
    }
    let (Some(learner), Some(topic)) = (&app.learner, app.catalog.topics.get(run.topic)) else {
        return;
    };
    // The item as written: its content hash is what the journal keys on.
    let item = run.session.written(run.session.index());
    if let Some(next) = learner.next_review(&topic.id, item) {
        let mut words = next.words();
        if let Some(first) = words.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        doc.text(&format!("{words}."), app.theme.dim(), 0);
    }
}
