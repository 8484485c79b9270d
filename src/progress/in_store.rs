//! The journal loaded into the project's own event store, and progress as a
//! [`Projection`] over it: the engine that teaches event sourcing keeps the
//! learner's own state. Each topic's events go to the stream
//! `learner-<topic>`, a reset of everything to `learner`; the journal's order
//! is the store's global order, and the fold reads the global log.

use super::event::{Event, Recorded};
use super::state::{EventView, Progress};
use crate::store::{ExpectedVersion, Name, NewEvent, Projection, Store, Value};
use std::borrow::Cow;
use std::collections::HashMap;
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
        }
    }
}

/// Shares one `Arc<str>` per distinct text, so a million tries on twenty items
/// store twenty item names, not a million.
#[derive(Default)]
struct Texts(HashMap<String, Arc<str>>);

impl Texts {
    fn get(&mut self, text: &str) -> Value {
        if let Some(shared) = self.0.get(text) {
            return Value::String(shared.clone());
        }
        let shared: Arc<str> = Arc::from(text);
        self.0.insert(text.to_string(), shared.clone());
        Value::String(shared)
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
    let mut store = Store::with_capacity(events.len(), 6);
    let mut texts = Texts::default();
    let mut streams: HashMap<Option<String>, String> = HashMap::new();
    for r in events {
        let key = r.event.topic().map(str::to_string);
        let stream = streams
            .entry(key)
            .or_insert_with_key(|topic| match topic {
                Some(t) => format!("learner-{t}"),
                None => "learner".to_string(),
            })
            .clone();
        let e = NewEvent::new(r.event.kind()).with(f.at, r.at);
        let e = match &r.event {
            Event::SessionStarted {
                session,
                topic,
                mode,
                seed,
            } => {
                let e = e
                    .with(f.session, *session as i64)
                    .with(f.topic, texts.get(topic))
                    .with(f.mode, texts.get(mode));
                match seed {
                    Some(seed) => e.with(f.seed, *seed as i64),
                    None => e,
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
            } => e
                .with(f.session, *session as i64)
                .with(f.topic, texts.get(topic))
                .with(f.item, texts.get(item))
                .with(f.hash, texts.get(hash))
                .with(
                    f.chosen,
                    Value::Array(Arc::new(
                        chosen.iter().map(|&c| Value::Int(c as i64)).collect(),
                    )),
                )
                .with(f.try_number, *try_number)
                .with(f.correct, *correct)
                .with(f.points, *points),
            Event::HintShown {
                session,
                topic,
                item,
                hash,
            } => e
                .with(f.session, *session as i64)
                .with(f.topic, texts.get(topic))
                .with(f.item, texts.get(item))
                .with(f.hash, texts.get(hash)),
            Event::TestFinished {
                session,
                topic,
                seed,
                points,
                total,
                verdict,
            } => e
                .with(f.session, *session as i64)
                .with(f.topic, texts.get(topic))
                .with(f.seed, *seed as i64)
                .with(f.points, *points)
                .with(f.total, *total)
                .with(f.verdict, texts.get(verdict)),
            Event::ProgressReset { topic } => match topic {
                Some(t) => e.with(f.topic, texts.get(t)),
                None => e,
            },
        };
        // `Any`: the journal is the source of truth and its order is already decided.
        store
            .append(&stream, ExpectedVersion::Any, [e])
            .expect("appending to a live stream with ExpectedVersion::Any cannot conflict");
    }
    store
}

/// The learner's progress as a store projection.
pub struct ProgressProjection {
    utc_offset_s: i32,
    f: Fields,
    types: [Name; 5],
}

impl ProgressProjection {
    pub fn new(utc_offset_s: i32) -> ProgressProjection {
        ProgressProjection {
            utc_offset_s,
            f: Fields::new(),
            types: [
                Name::new("SessionStarted"),
                Name::new("AnswerSubmitted"),
                Name::new("HintShown"),
                Name::new("TestFinished"),
                Name::new("ProgressReset"),
            ],
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
        let view = if kind == self.types[1] {
            EventView::AnswerSubmitted {
                session: int(f.session) as u64,
                topic: text(f.topic),
                item: text(f.item),
                hash: text(f.hash),
                correct: data
                    .field(f.correct)
                    .and_then(Value::as_bool)
                    .unwrap_or(false),
            }
        } else if kind == self.types[0] {
            EventView::SessionStarted
        } else if kind == self.types[2] {
            EventView::HintShown {
                session: int(f.session) as u64,
                topic: text(f.topic),
                item: text(f.item),
                hash: text(f.hash),
            }
        } else if kind == self.types[3] {
            EventView::TestFinished {
                topic: text(f.topic),
                seed: int(f.seed) as u64,
                points: data.field(f.points).and_then(Value::as_f64).unwrap_or(0.0),
                total: int(f.total) as u32,
                verdict: Cow::Borrowed(text(f.verdict)),
            }
        } else if kind == self.types[4] {
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
        assert_eq!(store.len(), 5);
        let from_store = store.replay(&ProgressProjection::new(3600), store.len());
        assert_eq!(from_store, Progress::from_events(3600, &events));
        assert_eq!(from_store.item("t", "a").unwrap().tries, 1);
    }
}
