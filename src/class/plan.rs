//! What one sync sends: the journal's lines after the cursor, as statements.

use super::outbox::{self, Entry};
use super::statement::Mapper;
use super::sync::Outgoing;
use crate::progress::Problem;

/// The statements to send and what was left out.
#[derive(Debug, Default)]
pub struct Plan {
    pub outgoing: Vec<Outgoing>,
    /// Unreadable lines after the cursor, skipped (and named to the learner).
    pub problems: Vec<Problem>,
    /// Where the cursor goes once everything is acknowledged: the end of the
    /// last complete line (lines that make no statement are covered too).
    pub complete_to: u64,
    /// Journal events after the cursor that make no statement (resets, newer kinds).
    pub not_sent: usize,
}

/// Map the whole journal (statements depend on the lines before them) and
/// keep what starts at or after `start`.
pub fn plan(journal: &[u8], start: u64, mapper: &mut Mapper<'_>) -> Plan {
    let all = outbox::read(journal, 0, 0);
    let lines_before = outbox::lines_before(journal, start);
    let mut plan = Plan {
        complete_to: all.complete_to.max(start),
        problems: all
            .problems
            .into_iter()
            .filter(|p| p.line > lines_before)
            .collect(),
        ..Plan::default()
    };
    for entry in &all.entries {
        let statement = mapper.map(entry);
        if entry.offset < start {
            continue;
        }
        match statement {
            Some(statement) => plan.outgoing.push(Outgoing {
                statement,
                end: entry.end,
            }),
            None if is_silent(entry) => {}
            None => plan.not_sent += 1,
        }
    }
    plan
}

/// Hints are sent inside the answers that follow them.
fn is_silent(entry: &Entry<'_>) -> bool {
    entry.recorded.event.kind() == "HintShown"
}
