//! One event as a row of the lab's log, in the words its reader needs first:
//! who wrote it when the scenario names writers, and for the learner's own
//! journal the item and the outcome before the stream and the raw fields.

use super::Timeline;
use crate::content::MY_PROGRESS;
use crate::store::{Name, Recorded, Value};

/// The row of the event at `event.position()` in `timeline`, without the position.
///
/// ```
/// let catalog = kata::content::load(&[]);
/// let two = kata::replay::Timeline::new(catalog.scenario("concurrent-writers").unwrap());
/// let row = kata::replay::row(&two, &two.event(1).unwrap());
/// assert!(row.starts_with("warehouse: order-1@1 OrderShipped"), "{row}");
/// ```
pub fn row(timeline: &Timeline, event: &Recorded<'_>) -> String {
    if timeline.scenario_id == MY_PROGRESS
        && let Some(summary) = journal_row(event)
    {
        return summary;
    }
    let raw = format!(
        "{}@{} {} {}",
        event.stream(),
        event.revision(),
        event.event_type(),
        event.data()
    );
    match timeline.writer_at(event.position()) {
        Some(writer) => format!("{writer}: {raw}"),
        None => raw,
    }
}

fn text<'a>(event: &'a Recorded<'_>, field: &str) -> Option<&'a str> {
    match event.data().field(Name::new(field))? {
        Value::String(s) => Some(s.as_ref()),
        _ => None,
    }
}

fn number(event: &Recorded<'_>, field: &str) -> Option<String> {
    event.data().field(Name::new(field)).map(Value::to_string)
}

fn yes(event: &Recorded<'_>, field: &str) -> Option<bool> {
    match event.data().field(Name::new(field))? {
        Value::Bool(b) => Some(*b),
        _ => None,
    }
}

/// A journal event: `purpose ✗ wrong · try 1 · answer B · progress-event-store@0`.
fn journal_row(event: &Recorded<'_>) -> Option<String> {
    let item = text(event, "item")?;
    // `topic/item`: the stream already names the topic.
    let short = item.split_once('/').map_or(item, |(_, i)| i);
    let place = format!("{}@{}", event.stream(), event.revision());
    let what = match event.event_type().as_str() {
        "AnswerSubmitted" => {
            let outcome = if yes(event, "correct")? {
                "✓ right"
            } else {
                "✗ wrong"
            };
            let answer = text(event, "answer").unwrap_or("");
            format!(
                "{short} {outcome} · try {} · answer {answer}",
                number(event, "try")?
            )
        }
        "CodeRun" => {
            let outcome = if yes(event, "solved")? {
                "✓ solved".to_string()
            } else {
                format!(
                    "✗ {} of {} tests pass",
                    number(event, "passed")?,
                    number(event, "tests")?
                )
            };
            format!("{short} {outcome} · code run")
        }
        "HintShown" => format!("{short} · hint shown"),
        "CardRated" => format!("{short} · card graded {}", text(event, "rating")?),
        "NoteRead" => format!("{short} · note read"),
        "Predicted" => {
            let outcome = if yes(event, "correct")? {
                "✓ right"
            } else {
                "✗ wrong"
            };
            format!("{short} {outcome} · predicted")
        }
        "TestFinished" => format!(
            "test {} · {} of {} points",
            text(event, "verdict")?,
            number(event, "points")?,
            number(event, "total")?
        ),
        _ => return None,
    };
    Some(format!("{what} · {place}"))
}
