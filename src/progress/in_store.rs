//! The journal loaded into the project's own event store, and progress as a
//! [`Projection`] over it: the engine that teaches event sourcing keeps the
//! learner's own state. Each topic's events go to the stream
//! `learner-<topic>`, a reset of everything to `learner`; the journal's order
//! is the store's global order, and the fold reads the global log.

use super::event::{Event, Recorded};
use super::state::{EventView, Progress};
use crate::store::{ExpectedVersion, Name, NewEvent, Projection, Store, Value};

type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
use std::borrow::Cow;
use std::sync::Arc;

/// Field names, interned once.
struct Fields {
    at: Name,
    session: Name,
    topic: Name,
    item: Name,
    hash: Name,
    chosen: Name,
    try_number: Name,
    correct: Name,
    points: Name,
    mode: Name,
    seed: Name,
    total: Name,
    verdict: Name,
    kind: Name,
    code_hash: Name,
    passed: Name,
    tests: Name,
    solved: Name,
    run: Name,
    confidence: Name,
    typed: Name,
    rating: Name,
    scenario: Name,
    position: Name,
    response: Name,
}

impl Fields {
    fn new() -> Fields {
        Fields {
            at: Name::new("at"),
            session: Name::new("session"),
            topic: Name::new("topic"),
            item: Name::new("item"),
            hash: Name::new("hash"),
            chosen: Name::new("chosen"),
            try_number: Name::new("try"),
            correct: Name::new("correct"),
            points: Name::new("points"),
            mode: Name::new("mode"),
            seed: Name::new("seed"),
            total: Name::new("total"),
            verdict: Name::new("verdict"),
            kind: Name::new("kind"),
            code_hash: Name::new("code_hash"),
            passed: Name::new("passed"),
            tests: Name::new("tests"),
            solved: Name::new("solved"),
            run: Name::new("run"),
            confidence: Name::new("confidence"),
            typed: Name::new("typed"),
            rating: Name::new("rating"),
            scenario: Name::new("scenario"),
            position: Name::new("position"),
            response: Name::new("response"),
        }
    }
}

/// Shares one value per distinct text or answer, so a million tries on twenty
/// items store twenty item names, not a million, and loading allocates per
/// distinct text instead of per event. Keys borrow from the journal's events.
#[derive(Default)]
struct Shared<'e> {
    texts: FastMap<&'e str, Value>,
    lists: FastMap<&'e [usize], Value>,
}

impl<'e> Shared<'e> {
    fn text(&mut self, text: &'e str) -> Value {
        self.texts
            .entry(text)
            .or_insert_with(|| Value::String(Arc::from(text)))
            .clone()
    }

    fn list(&mut self, list: &'e [usize]) -> Value {
        self.lists
            .entry(list)
            .or_insert_with(|| {
                Value::Array(Arc::new(
                    list.iter().map(|&c| Value::Int(c as i64)).collect(),
                ))
            })
            .clone()
    }
}

/// The store stream of a topic's events (`None`: a reset of everything).
fn stream_of(topic: Option<&str>) -> String {
    match topic {
        Some(t) => format!("learner-{t}"),
        None => "learner".to_string(),
    }
}

/// Append the journal's events to a new store, in order.
///
/// ```
/// use kata::progress::{Event, Recorded, into_store};
/// let events = [Recorded { at: 0, event: Event::ProgressReset { topic: Some("t".into()) } }];
/// let store = into_store(&events);
/// assert_eq!(store.len(), 1);
/// assert_eq!(store.event(0).unwrap().stream(), "learner-t");
/// ```
pub fn into_store(events: &[Recorded]) -> Store {
    let f = Fields::new();
    let types = Types::new();
    // Twelve fields is the most an event has (a code run): one arena reservation.
    let mut store = Store::with_capacity(events.len(), 12);
    let mut shared = Shared::default();
    // Consecutive events of one stream go in one append (a session's events
    // usually are): the stream is looked up once per run, not once per event.
    let mut rest = events;
    while let Some(first) = rest.first() {
        let topic = first.event.topic();
        let run = rest
            .iter()
            .position(|r| r.event.topic() != topic)
            .unwrap_or(rest.len());
        let (batch, tail) = rest.split_at(run);
        rest = tail;
        let batch = batch
            .iter()
            .map(|r| store_event(r, &f, &types, &mut shared));
        // `Any`: the journal is the source of truth and its order is already decided.
        store
            .append(&stream_of(topic), ExpectedVersion::Any, batch)
            .expect("appending to a live stream with ExpectedVersion::Any cannot conflict");
    }
    store
}

/// One journal event as a store event: its type and its fields, values shared.
fn store_event<'e>(
    r: &'e Recorded,
    f: &Fields,
    types: &Types,
    shared: &mut Shared<'e>,
) -> NewEvent {
    let (kind, capacity) = match &r.event {
        Event::SessionStarted { .. } => (types.session_started, 5),
        Event::AnswerSubmitted { .. } => (types.answer_submitted, 9),
        Event::CodeRun { .. } => (types.code_run, 12),
        Event::HintShown { .. } => (types.hint_shown, 5),
        Event::CardRated { .. } => (types.card_rated, 6),
        Event::NoteRead { .. } => (types.note_read, 5),
        Event::Predicted { .. } => (types.predicted, 8),
        Event::TestFinished { .. } => (types.test_finished, 7),
        Event::ProgressReset { .. } => (types.progress_reset, 2),
    };
    let mut data: Vec<(Name, Value)> = Vec::with_capacity(capacity);
    data.push((f.at, Value::Int(r.at)));
    match &r.event {
        Event::SessionStarted {
            session,
            topic,
            mode,
            seed,
        } => {
            data.push((f.session, Value::Int(*session as i64)));
            data.push((f.topic, shared.text(topic)));
            data.push((f.mode, shared.text(mode)));
            if let Some(seed) = seed {
                data.push((f.seed, Value::Int(*seed as i64)));
            }
        }
        Event::AnswerSubmitted {
            session,
            topic,
            item,
            hash,
            chosen,
            try_number,
            correct,
            points,
            confidence,
            typed,
        } => {
            data.push((f.session, Value::Int(*session as i64)));
            data.push((f.topic, shared.text(topic)));
            data.push((f.item, shared.text(item)));
            data.push((f.hash, shared.text(hash)));
            data.push((f.chosen, shared.list(chosen)));
            data.push((f.try_number, Value::Int(*try_number as i64)));
            data.push((f.correct, Value::Bool(*correct)));
            data.push((f.points, Value::Float(*points)));
            if let Some(level) = confidence {
                data.push((f.confidence, Value::Int(i64::from(*level))));
            }
            if let Some(typed) = typed {
                let texts = typed.iter().map(|t| shared.text(t)).collect();
                data.push((f.typed, Value::Array(Arc::new(texts))));
            }
        }
        Event::CodeRun {
            session,
            topic,
            item,
            hash,
            kind,
            code_hash,
            passed,
            tests,
            solved,
            points,
            run,
        } => {
            data.push((f.session, Value::Int(*session as i64)));
            data.push((f.topic, shared.text(topic)));
            data.push((f.item, shared.text(item)));
            data.push((f.hash, shared.text(hash)));
            data.push((f.kind, shared.text(kind)));
            data.push((f.code_hash, shared.text(code_hash)));
            data.push((f.passed, Value::Int(i64::from(*passed))));
            data.push((f.tests, Value::Int(i64::from(*tests))));
            data.push((f.solved, Value::Bool(*solved)));
            data.push((f.points, Value::Float(*points)));
            data.push((f.run, Value::Int(i64::from(*run))));
        }
        Event::HintShown {
            session,
            topic,
            item,
            hash,
        } => {
            data.push((f.session, Value::Int(*session as i64)));
            data.push((f.topic, shared.text(topic)));
            data.push((f.item, shared.text(item)));
            data.push((f.hash, shared.text(hash)));
        }
        Event::NoteRead {
            session,
            topic,
            item,
            hash,
        } => {
            data.push((f.session, Value::Int(*session as i64)));
            data.push((f.topic, shared.text(topic)));
            data.push((f.item, shared.text(item)));
            data.push((f.hash, shared.text(hash)));
        }
        Event::CardRated {
            session,
            topic,
            item,
            hash,
            rating,
        } => {
            data.push((f.session, Value::Int(*session as i64)));
            data.push((f.topic, shared.text(topic)));
            data.push((f.item, shared.text(item)));
            data.push((f.hash, shared.text(hash)));
            data.push((f.rating, Value::Int(i64::from(*rating))));
        }
        Event::Predicted {
            session,
            topic,
            scenario,
            step,
            position,
            response,
            correct,
        } => {
            data.push((f.session, Value::Int(*session as i64)));
            data.push((f.topic, shared.text(topic)));
            data.push((f.scenario, shared.text(scenario)));
            data.push((f.kind, shared.text(step)));
            data.push((f.position, Value::Int(*position as i64)));
            data.push((f.response, shared.text(response)));
            data.push((f.correct, Value::Bool(*correct)));
        }
        Event::TestFinished {
            session,
            topic,
            seed,
            points,
            total,
            verdict,
        } => {
            data.push((f.session, Value::Int(*session as i64)));
            data.push((f.topic, shared.text(topic)));
            data.push((f.seed, Value::Int(*seed as i64)));
            data.push((f.points, Value::Float(*points)));
            data.push((f.total, Value::Int(*total as i64)));
            data.push((f.verdict, shared.text(verdict)));
        }
        Event::ProgressReset { topic } => {
            if let Some(t) = topic {
                data.push((f.topic, shared.text(t)));
            }
        }
    }
    NewEvent::from_fields(kind, data)
}

/// Event type names, interned once.
struct Types {
    session_started: Name,
    answer_submitted: Name,
    hint_shown: Name,
    card_rated: Name,
    note_read: Name,
    predicted: Name,
    code_run: Name,
    test_finished: Name,
    progress_reset: Name,
}

impl Types {
    fn new() -> Types {
        Types {
            session_started: Name::new("SessionStarted"),
            answer_submitted: Name::new("AnswerSubmitted"),
            hint_shown: Name::new("HintShown"),
            card_rated: Name::new("CardRated"),
            note_read: Name::new("NoteRead"),
            predicted: Name::new("Predicted"),
            code_run: Name::new("CodeRun"),
            test_finished: Name::new("TestFinished"),
            progress_reset: Name::new("ProgressReset"),
        }
    }
}

/// The learner's progress as a store projection.
pub struct ProgressProjection {
    utc_offset_s: i32,
    f: Fields,
    types: Types,
}

impl ProgressProjection {
    pub fn new(utc_offset_s: i32) -> ProgressProjection {
        ProgressProjection {
            utc_offset_s,
            f: Fields::new(),
            types: Types::new(),
        }
    }
}

impl Projection for ProgressProjection {
    type State = Progress;

    fn initial_state(&self) -> Progress {
        Progress::new(self.utc_offset_s)
    }

    fn apply(&self, state: &mut Progress, event: &crate::store::Recorded<'_>) {
        let data = event.data();
        let f = &self.f;
        let int = |name| data.field(name).and_then(Value::as_i64).unwrap_or(0);
        let text = |name| data.field(name).and_then(Value::as_str).unwrap_or("");
        let at = int(f.at);
        let kind = event.event_type();
        let view = if kind == self.types.answer_submitted {
            EventView::AnswerSubmitted {
                session: int(f.session) as u64,
                topic: text(f.topic),
                item: text(f.item),
                hash: text(f.hash),
                correct: data
                    .field(f.correct)
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
                confidence: data
                    .field(f.confidence)
                    .and_then(Value::as_i64)
                    .and_then(|c| u8::try_from(c).ok()),
            }
        } else if kind == self.types.session_started
            || kind == self.types.note_read
            || kind == self.types.predicted
        {
            // A note read or a prediction changes no progress, as a session's
            // start does not.
            EventView::SessionStarted
        } else if kind == self.types.hint_shown {
            EventView::HintShown {
                session: int(f.session) as u64,
                topic: text(f.topic),
                item: text(f.item),
                hash: text(f.hash),
            }
        } else if kind == self.types.card_rated {
            EventView::CardRated {
                session: int(f.session) as u64,
                topic: text(f.topic),
                item: text(f.item),
                hash: text(f.hash),
                rating: u8::try_from(int(f.rating)).unwrap_or(0),
            }
        } else if kind == self.types.code_run {
            EventView::CodeRun {
                session: int(f.session) as u64,
                topic: text(f.topic),
                item: text(f.item),
                hash: text(f.hash),
                kata: text(f.kind) == "kata",
                solved: data
                    .field(f.solved)
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
            }
        } else if kind == self.types.test_finished {
            EventView::TestFinished {
                topic: text(f.topic),
                seed: int(f.seed) as u64,
                points: data.field(f.points).and_then(Value::as_f64).unwrap_or(0.0),
                total: int(f.total) as u32,
                verdict: Cow::Borrowed(text(f.verdict)),
            }
        } else if kind == self.types.progress_reset {
            EventView::ProgressReset {
                topic: data.field(f.topic).and_then(Value::as_str),
            }
        } else {
            return; // not a learner event
        };
        state.apply_view(at, view);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_store_projection_equals_the_direct_fold() {
        let events = vec![
            Recorded {
                at: 0,
                event: Event::SessionStarted {
                    session: 1,
                    topic: "t".into(),
                    mode: "test".into(),
                    seed: Some(3),
                },
            },
            Recorded {
                at: 1,
                event: Event::HintShown {
                    session: 1,
                    topic: "t".into(),
                    item: "a".into(),
                    hash: "h".into(),
                },
            },
            Recorded {
                at: 2,
                event: Event::AnswerSubmitted {
                    typed: None,
                    confidence: None,
                    session: 1,
                    topic: "t".into(),
                    item: "a".into(),
                    hash: "h".into(),
                    chosen: vec![1, 0],
                    try_number: 1,
                    correct: true,
                    points: 1.5,
                },
            },
            Recorded {
                at: 3,
                event: Event::CodeRun {
                    session: 1,
                    topic: "t".into(),
                    item: "k".into(),
                    hash: "hk".into(),
                    kind: "kata".into(),
                    code_hash: "c1".into(),
                    passed: 1,
                    tests: 2,
                    solved: false,
                    points: 0.0,
                    run: 1,
                },
            },
            Recorded {
                at: 4,
                event: Event::CodeRun {
                    session: 1,
                    topic: "t".into(),
                    item: "k".into(),
                    hash: "hk".into(),
                    kind: "kata".into(),
                    code_hash: "c2".into(),
                    passed: 2,
                    tests: 2,
                    solved: true,
                    points: 2.0,
                    run: 2,
                },
            },
            Recorded {
                at: 5,
                event: Event::CodeRun {
                    session: 1,
                    topic: "t".into(),
                    item: "a".into(),
                    hash: "h".into(),
                    kind: "exercise".into(),
                    code_hash: "c3".into(),
                    passed: 0,
                    tests: 2,
                    solved: false,
                    points: 0.0,
                    run: 1,
                },
            },
            Recorded {
                at: 86_400_000,
                event: Event::TestFinished {
                    session: 1,
                    topic: "t".into(),
                    seed: 3,
                    points: 4.5,
                    total: 9,
                    verdict: "needs practice".into(),
                },
            },
            Recorded {
                at: 86_400_001,
                event: Event::ProgressReset {
                    topic: Some("u".into()),
                },
            },
        ];
        let store = into_store(&events);
        assert_eq!(store.len(), 8);
        let from_store = store.replay(&ProgressProjection::new(3600), store.len());
        assert_eq!(from_store, Progress::from_events(3600, &events));
        assert_eq!(
            from_store.item("t", "a").unwrap().tries,
            1,
            "an exercise's run is not a try"
        );
        let kata = from_store.item("t", "k").unwrap();
        assert_eq!((kata.tries, kata.last_correct), (2, Some(true)));
        assert_eq!(
            kata.reviews.len(),
            1,
            "one review per session, solved after a failing run"
        );
    }
}
