//! A step of a replay as lines of text: the event applied, what it changed
//! (`+` added, `~` changed, `-` removed) and its warning. `kata replay` and
//! the line mode's Replay lab print the same lines, so both tell one story.
//! The text is the author's (or a journal's): whoever prints it escapes it.

use super::{Refusal, Timeline};
use crate::store::ChangeKind;

/// The lines of the step the cursor is on: the event just applied (as the
/// lab's log shows it, with its position), then one line per change and one
/// for a warning; empty at the start of the log.
///
/// ```
/// let catalog = kata::content::load(&[]);
/// let mut bank = kata::replay::Timeline::new(catalog.scenario("bank-account").unwrap());
/// bank.go_to(1);
/// let lines = kata::replay::telling::step_lines(&bank);
/// assert!(lines[0].starts_with("#0 "), "{lines:?}");
/// assert!(lines[1..].iter().any(|l| l.starts_with("  + ")), "{lines:?}");
/// ```
pub fn step_lines(timeline: &Timeline) -> Vec<String> {
    let Some(event) = timeline.current() else {
        return Vec::new();
    };
    // The lab's row: the writer first where the scenario names writers.
    let mut lines = vec![format!(
        "#{} {}",
        event.position(),
        super::row(timeline, &event)
    )];
    for change in timeline.changes() {
        let mark = match change.kind {
            ChangeKind::Added => '+',
            ChangeKind::Changed => '~',
            ChangeKind::Removed => '-',
        };
        let key = change
            .key
            .as_ref()
            .map(|k| k.to_string())
            .unwrap_or_default();
        lines.push(match (change.field, &change.before, &change.after) {
            (None, _, _) => format!("  {mark} entity {key}"),
            (Some(f), Some(b), Some(a)) => format!("  {mark} {key}.{f}: {b} → {a}"),
            (Some(f), _, Some(a)) => format!("  {mark} {key}.{f} = {a}"),
            (Some(f), Some(b), None) => format!("  {mark} {key}.{f} (was {b})"),
            (Some(f), None, None) => format!("  {mark} {key}.{f}"),
        });
    }
    if let Some(w) = timeline.warning() {
        lines.push(format!("  ! warning: {w}"));
    }
    lines
}

/// What a step forward at the end of the log says.
pub const AT_END: &str = "The last event is applied: there is no event after it.";
/// What a step back at the start (or the state before any event) says.
pub const AT_START: &str = "At the start: no event is applied yet.";

/// Move `timeline` to right after the event at `position`; past the end of
/// the log the cursor stops at the last event, and the words say so (both
/// front-ends' `:N`).
///
/// ```
/// let catalog = kata::content::load(&[]);
/// let mut users = kata::replay::Timeline::new(catalog.scenario("user-after-delete").unwrap());
/// assert_eq!(kata::replay::telling::go_to_position(&mut users, 1), None);
/// let said = kata::replay::telling::go_to_position(&mut users, 99).unwrap();
/// assert!(said.starts_with("Position 99 is past the end"), "{said}");
/// assert_eq!(users.cursor(), users.len());
/// ```
pub fn go_to_position(timeline: &mut Timeline, position: u64) -> Option<String> {
    let len = timeline.len();
    timeline.go_to(position.saturating_add(1));
    (position >= len).then(|| {
        format!(
            "Position {position} is past the end: this log has positions 0 to {}, so the cursor is at {}.",
            len.saturating_sub(1),
            len.saturating_sub(1)
        )
    })
}

/// A refused append as one line: `✗ writer-b's Deposited on account-1 refused: …`.
///
/// ```
/// let r = kata::replay::Refusal {
///     after: 2,
///     writer: None,
///     stream: "account-1".into(),
///     event_type: "Deposited".into(),
///     expected: "revision 0".into(),
///     reason: "expected revision 0 but found revision 1".into(),
/// };
/// assert_eq!(
///     kata::replay::telling::refusal_line(&r),
///     "✗ a writer's Deposited on account-1 refused: expected revision 0 but found revision 1"
/// );
/// ```
pub fn refusal_line(r: &Refusal) -> String {
    let who = r.writer.as_deref().unwrap_or("a writer");
    format!(
        "✗ {who}'s {} on {} refused: {}",
        r.event_type, r.stream, r.reason
    )
}
