//! What the journal records: one event per line, each with the format version.
//!
//! Lines are written from the typed [`Event`] and read back through a flat
//! [`RawLine`] with every field optional. Reading flat keeps loading fast (no
//! buffering of an internally tagged enum) and lets the loader say exactly what
//! is wrong with a line: an unknown type, a newer format version, a missing field.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The format version this kata writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

/// How a session was run, as recorded (the practice modes plus review and due).
pub type ModeName = String;

/// One thing that happened to the learner's progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type")]
pub enum Event {
    /// A session began on a topic.
    SessionStarted {
        session: u64,
        topic: String,
        mode: ModeName,
        #[serde(skip_serializing_if = "Option::is_none")]
        seed: Option<u64>,
    },
    /// One try at one item.
    AnswerSubmitted {
        session: u64,
        topic: String,
        item: String,
        /// The item's content hash when it was answered (see [`super::content_hash`]).
        hash: String,
        /// The option index chosen for each blank (a question has one).
        chosen: Vec<usize>,
        /// 1-based try number within the session.
        #[serde(rename = "try")]
        try_number: u32,
        correct: bool,
        /// Points the item earned with this try (0 unless it was correct).
        points: f64,
        /// How sure the learner said they were, 1 to 3, when confidence-based
        /// marking was on (a first try only); absent otherwise and in
        /// journals written before it existed.
        #[serde(skip_serializing_if = "Option::is_none", default)]
        confidence: Option<u8>,
        /// Of a typed exercise, the text typed in each blank, trimmed
        /// (`chosen` is then empty); absent for every other kind.
        #[serde(skip_serializing_if = "Option::is_none", default)]
        typed: Option<Vec<String>>,
    },
    /// The learner's code ran: a kata's code against its tests, or an
    /// exercise completed with the learner's letters. A run is not a try of an
    /// exercise (its `AnswerSubmitted` is); a kata's runs are how it is solved.
    CodeRun {
        session: u64,
        topic: String,
        item: String,
        /// The item's content hash (see [`super::content_hash`]).
        hash: String,
        /// `kata` or `exercise`.
        kind: String,
        /// The code's hash (see [`super::code_hash`]): which version of their code ran.
        code_hash: String,
        /// Tests that passed, of `tests`.
        passed: u32,
        tests: u32,
        /// Whether the item is solved after this run (a kata stays solved once
        /// a run passed every test; an exercise run says whether every test passed).
        solved: bool,
        /// Points the item earned so far (a kata's; 0 for an exercise run).
        points: f64,
        /// 1-based run number of this item within the session.
        run: u32,
    },
    /// The learner asked for an item's hint.
    HintShown {
        session: u64,
        topic: String,
        item: String,
        hash: String,
    },
    /// A flashcard turned and graded by the learner: 1 Again, 2 Hard, 3
    /// Good, 4 Easy (FSRS's scale). Never a score: only the learner checked
    /// the recall.
    CardRated {
        session: u64,
        topic: String,
        item: String,
        /// The card's content hash (see [`super::card_hash`]).
        hash: String,
        rating: u8,
    },
    /// A Learn note shown to the learner (once per note and session).
    /// Reading is not a try: no projection of progress counts it.
    NoteRead {
        session: u64,
        topic: String,
        item: String,
        /// The note's content hash (see [`super::note_hash`]).
        hash: String,
    },
    /// A prediction in Predict mode: what the learner said one step of a
    /// scenario would do. It is practice of the scenario, not a try of an
    /// item: no projection of mastery counts it.
    Predicted {
        session: u64,
        topic: String,
        /// The scenario's id.
        scenario: String,
        /// `event` (the stored event at `position`) or `refusal` (the
        /// scenario's `position`-th refused append, from 0).
        #[serde(rename = "kind")]
        step: String,
        position: u64,
        /// The outcome the learner picked, as it was shown.
        response: String,
        correct: bool,
    },
    /// A test ended with its score.
    TestFinished {
        session: u64,
        topic: String,
        seed: u64,
        points: f64,
        total: u32,
        /// `strong` or `needs practice`, or [`ABANDONED`] for a test the
        /// learner left before its end.
        verdict: String,
    },
    /// Progress starts over (of one topic, or of everything); the history stays.
    ProgressReset {
        #[serde(skip_serializing_if = "Option::is_none")]
        topic: Option<String>,
    },
}

impl Event {
    /// The name written in the line's `type` field.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::SessionStarted { .. } => "SessionStarted",
            Event::AnswerSubmitted { .. } => "AnswerSubmitted",
            Event::CodeRun { .. } => "CodeRun",
            Event::HintShown { .. } => "HintShown",
            Event::CardRated { .. } => "CardRated",
            Event::NoteRead { .. } => "NoteRead",
            Event::Predicted { .. } => "Predicted",
            Event::TestFinished { .. } => "TestFinished",
            Event::ProgressReset { .. } => "ProgressReset",
        }
    }

    /// The topic the event is about (`None` for a reset of everything).
    pub fn topic(&self) -> Option<&str> {
        match self {
            Event::SessionStarted { topic, .. }
            | Event::AnswerSubmitted { topic, .. }
            | Event::CodeRun { topic, .. }
            | Event::HintShown { topic, .. }
            | Event::CardRated { topic, .. }
            | Event::NoteRead { topic, .. }
            | Event::Predicted { topic, .. }
            | Event::TestFinished { topic, .. } => Some(topic),
            Event::ProgressReset { topic } => topic.as_deref(),
        }
    }
}

/// The verdict of a test the learner left before its end (quit, or input
/// ended): the journal keeps that it happened, and no projection counts it as
/// a finished test — a test left after two questions is not a 0 % result.
///
/// ```
/// assert_eq!(kata::progress::ABANDONED, "abandoned");
/// ```
pub const ABANDONED: &str = "abandoned";

/// An event with the moment it happened, as stored in the journal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recorded {
    /// Milliseconds since the Unix epoch (UTC).
    pub at: i64,
    #[serde(flatten)]
    pub event: Event,
}

/// One journal line as written: `{"v":1,"at":…,"type":"…",…}`.
#[derive(Serialize)]
struct LineOut<'a> {
    v: u32,
    #[serde(flatten)]
    recorded: &'a Recorded,
}

impl Recorded {
    /// The journal line for this event, newline included.
    pub fn to_line(&self) -> String {
        let mut line = serde_json::to_string(&LineOut {
            v: FORMAT_VERSION,
            recorded: self,
        })
        .expect("events hold only strings, numbers and lists");
        line.push('\n');
        line
    }
}

/// A line as read: every field optional, so a problem is named precisely.
#[derive(Deserialize, Default)]
pub(super) struct RawLine<'a> {
    pub(super) v: Option<u32>,
    #[serde(rename = "type", borrow)]
    pub(super) kind: Option<Cow<'a, str>>,
    pub(super) at: Option<i64>,
    pub(super) session: Option<u64>,
    pub(super) topic: Option<String>,
    pub(super) item: Option<String>,
    pub(super) hash: Option<String>,
    pub(super) chosen: Option<Vec<usize>>,
    #[serde(rename = "try")]
    pub(super) try_number: Option<u32>,
    pub(super) correct: Option<bool>,
    pub(super) points: Option<f64>,
    pub(super) mode: Option<String>,
    pub(super) seed: Option<u64>,
    pub(super) total: Option<u32>,
    pub(super) verdict: Option<String>,
    #[serde(rename = "kind")]
    pub(super) item_kind: Option<String>,
    pub(super) code_hash: Option<String>,
    pub(super) passed: Option<u32>,
    pub(super) tests: Option<u32>,
    pub(super) solved: Option<bool>,
    pub(super) run: Option<u32>,
    pub(super) confidence: Option<u8>,
    pub(super) typed: Option<Vec<String>>,
    pub(super) rating: Option<u8>,
    pub(super) scenario: Option<String>,
    pub(super) position: Option<u64>,
    pub(super) response: Option<String>,
}

/// Why one line could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum LineError {
    /// Not JSON, or a field of the wrong type.
    NotJson(String),
    /// Written by a newer kata.
    FutureVersion(u32),
    /// A `type` this kata does not know.
    UnknownType(String),
    /// A field the event needs is absent.
    Missing(&'static str),
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LineError::NotJson(why) => write!(f, "not a journal event ({why})"),
            LineError::FutureVersion(v) => write!(
                f,
                "format version {v} is newer than this kata reads ({FORMAT_VERSION}); update kata to see it"
            ),
            LineError::UnknownType(t) => {
                write!(f, "unknown event type `{t}` (written by a newer kata?)")
            }
            LineError::Missing(field) => write!(f, "the event has no `{field}`"),
        }
    }
}

/// Parse one journal line (without its newline).
pub fn parse_line(line: &[u8]) -> Result<Recorded, LineError> {
    // Lines kata wrote itself take the quick path; anything else (spaces, escapes,
    // unknown keys, a broken line) goes through serde_json, which names the problem.
    if let Some(raw) = super::quick::raw_line(line) {
        return build(raw);
    }
    let raw: RawLine = match serde_json::from_slice(line) {
        Ok(raw) => raw,
        Err(e) => {
            // A newer format may change field types; say "newer" rather than "broken" when we can.
            #[derive(Deserialize)]
            struct VersionOnly {
                v: u32,
            }
            if let Ok(VersionOnly { v }) = serde_json::from_slice(line)
                && v > FORMAT_VERSION
            {
                return Err(LineError::FutureVersion(v));
            }
            return Err(LineError::NotJson(e.to_string()));
        }
    };
    build(raw)
}

/// The event a line's fields make, or what is missing or unknown.
fn build(raw: RawLine<'_>) -> Result<Recorded, LineError> {
    let v = raw.v.ok_or(LineError::Missing("v"))?;
    if v > FORMAT_VERSION {
        return Err(LineError::FutureVersion(v));
    }
    let kind = raw.kind.ok_or(LineError::Missing("type"))?;
    let at = raw.at.ok_or(LineError::Missing("at"))?;
    let event = match kind.as_ref() {
        "SessionStarted" => Event::SessionStarted {
            session: raw.session.ok_or(LineError::Missing("session"))?,
            topic: raw.topic.ok_or(LineError::Missing("topic"))?,
            mode: raw.mode.ok_or(LineError::Missing("mode"))?,
            seed: raw.seed,
        },
        "AnswerSubmitted" => Event::AnswerSubmitted {
            session: raw.session.ok_or(LineError::Missing("session"))?,
            topic: raw.topic.ok_or(LineError::Missing("topic"))?,
            item: raw.item.ok_or(LineError::Missing("item"))?,
            hash: raw.hash.ok_or(LineError::Missing("hash"))?,
            chosen: raw.chosen.ok_or(LineError::Missing("chosen"))?,
            try_number: raw.try_number.ok_or(LineError::Missing("try"))?,
            correct: raw.correct.ok_or(LineError::Missing("correct"))?,
            points: raw.points.ok_or(LineError::Missing("points"))?,
            confidence: raw.confidence,
            typed: raw.typed,
        },
        "CodeRun" => Event::CodeRun {
            session: raw.session.ok_or(LineError::Missing("session"))?,
            topic: raw.topic.ok_or(LineError::Missing("topic"))?,
            item: raw.item.ok_or(LineError::Missing("item"))?,
            hash: raw.hash.ok_or(LineError::Missing("hash"))?,
            kind: raw.item_kind.ok_or(LineError::Missing("kind"))?,
            code_hash: raw.code_hash.ok_or(LineError::Missing("code_hash"))?,
            passed: raw.passed.ok_or(LineError::Missing("passed"))?,
            tests: raw.tests.ok_or(LineError::Missing("tests"))?,
            solved: raw.solved.ok_or(LineError::Missing("solved"))?,
            points: raw.points.ok_or(LineError::Missing("points"))?,
            run: raw.run.ok_or(LineError::Missing("run"))?,
        },
        "HintShown" => Event::HintShown {
            session: raw.session.ok_or(LineError::Missing("session"))?,
            topic: raw.topic.ok_or(LineError::Missing("topic"))?,
            item: raw.item.ok_or(LineError::Missing("item"))?,
            hash: raw.hash.ok_or(LineError::Missing("hash"))?,
        },
        "CardRated" => Event::CardRated {
            session: raw.session.ok_or(LineError::Missing("session"))?,
            topic: raw.topic.ok_or(LineError::Missing("topic"))?,
            item: raw.item.ok_or(LineError::Missing("item"))?,
            hash: raw.hash.ok_or(LineError::Missing("hash"))?,
            rating: raw
                .rating
                .filter(|r| (1..=4).contains(r))
                .ok_or(LineError::Missing("rating"))?,
        },
        "NoteRead" => Event::NoteRead {
            session: raw.session.ok_or(LineError::Missing("session"))?,
            topic: raw.topic.ok_or(LineError::Missing("topic"))?,
            item: raw.item.ok_or(LineError::Missing("item"))?,
            hash: raw.hash.ok_or(LineError::Missing("hash"))?,
        },
        "Predicted" => Event::Predicted {
            session: raw.session.ok_or(LineError::Missing("session"))?,
            topic: raw.topic.ok_or(LineError::Missing("topic"))?,
            scenario: raw.scenario.ok_or(LineError::Missing("scenario"))?,
            step: raw
                .item_kind
                .filter(|k| k == "event" || k == "refusal")
                .ok_or(LineError::Missing("kind"))?,
            position: raw.position.ok_or(LineError::Missing("position"))?,
            response: raw.response.ok_or(LineError::Missing("response"))?,
            correct: raw.correct.ok_or(LineError::Missing("correct"))?,
        },
        "TestFinished" => Event::TestFinished {
            session: raw.session.ok_or(LineError::Missing("session"))?,
            topic: raw.topic.ok_or(LineError::Missing("topic"))?,
            seed: raw.seed.ok_or(LineError::Missing("seed"))?,
            points: raw.points.ok_or(LineError::Missing("points"))?,
            total: raw.total.ok_or(LineError::Missing("total"))?,
            verdict: raw.verdict.ok_or(LineError::Missing("verdict"))?,
        },
        "ProgressReset" => Event::ProgressReset { topic: raw.topic },
        other => return Err(LineError::UnknownType(other.to_string())),
    };
    Ok(Recorded { at, event })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer() -> Recorded {
        Recorded {
            at: 1_732_700_000_000,
            event: Event::AnswerSubmitted {
                typed: None,
                confidence: None,
                session: 7,
                topic: "event-store".into(),
                item: "filter-orders".into(),
                hash: "00ff".into(),
                chosen: vec![0, 1],
                try_number: 2,
                correct: true,
                points: 2.0,
            },
        }
    }

    #[test]
    fn a_line_reads_back_as_the_event_written() {
        let line = answer().to_line();
        assert!(line.starts_with(r#"{"v":1,"at":1732700000000,"type":"AnswerSubmitted""#));
        assert!(line.ends_with('\n'));
        assert_eq!(parse_line(line.trim_end().as_bytes()), Ok(answer()));
    }

    #[test]
    fn every_kind_round_trips() {
        let events = [
            Event::SessionStarted {
                session: 1,
                topic: "t".into(),
                mode: "test".into(),
                seed: Some(42),
            },
            Event::HintShown {
                session: 1,
                topic: "t".into(),
                item: "i".into(),
                hash: "h".into(),
            },
            Event::TestFinished {
                session: 1,
                topic: "t".into(),
                seed: 42,
                points: 7.5,
                total: 20,
                verdict: "needs practice".into(),
            },
            Event::ProgressReset { topic: None },
            Event::ProgressReset {
                topic: Some("t".into()),
            },
            Event::CodeRun {
                session: 1,
                topic: "t".into(),
                item: "rebuild-user".into(),
                hash: "h".into(),
                kind: "kata".into(),
                code_hash: "c0de".into(),
                passed: 2,
                tests: 3,
                solved: false,
                points: 0.0,
                run: 4,
            },
            Event::CardRated {
                session: 2,
                topic: "t".into(),
                item: "card-append-only".into(),
                hash: "h".into(),
                rating: 4,
            },
            Event::NoteRead {
                session: 2,
                topic: "t".into(),
                item: "what-a-store-keeps".into(),
                hash: "h".into(),
            },
            Event::Predicted {
                session: 3,
                topic: "t".into(),
                scenario: "bank-account".into(),
                step: "refusal".into(),
                position: 0,
                response: "the store refuses the append: nothing is stored".into(),
                correct: true,
            },
        ];
        for event in events {
            let recorded = Recorded { at: 5, event };
            let line = recorded.to_line();
            assert_eq!(parse_line(line.trim_end().as_bytes()), Ok(recorded));
        }
    }

    #[test]
    fn problems_are_named() {
        assert!(matches!(
            parse_line(b"{\"v\":1,"),
            Err(LineError::NotJson(_))
        ));
        assert_eq!(
            parse_line(br#"{"v":1,"at":1,"type":"Teleported"}"#),
            Err(LineError::UnknownType("Teleported".into()))
        );
        assert_eq!(
            parse_line(br#"{"v":2,"at":1,"type":"AnswerSubmitted"}"#),
            Err(LineError::FutureVersion(2))
        );
        assert_eq!(
            parse_line(br#"{"v":3,"at":"tomorrow","type":"X"}"#),
            Err(LineError::FutureVersion(3))
        );
        assert_eq!(
            parse_line(br#"{"v":1,"at":1,"type":"HintShown","session":1,"topic":"t","item":"i"}"#),
            Err(LineError::Missing("hash"))
        );
        // A rating off FSRS's scale is not a rating.
        assert_eq!(
            parse_line(
                br#"{"v":1,"at":1,"type":"CardRated","session":1,"topic":"t","item":"c","hash":"h","rating":5}"#
            ),
            Err(LineError::Missing("rating"))
        );
    }
}
