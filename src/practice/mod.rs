//! UI-free practice: sessions over items, tries and hints, scoring and test draws.
//! The TUI and the plain mode both drive [`Session`]; no rule lives in them.

mod cards;
mod carry;
mod confidence;
mod draw;
mod exam;
mod kata;
mod learn;
mod present;
pub mod runnable;
mod sandbox_api;
mod scoring;
mod session;
mod shuffle;

pub use cards::{CARDS_MODE, Deck, GradeError, Graded};
pub use carry::{same_content, same_ids};
pub use confidence::{Calibration, CbmScore, Confidence, LEVELS};
pub use draw::{TEST_SIZE, draw_test};
pub use exam::{ExamError, ExamKind, ExamSpec, draw_exam};
pub use kata::{KataRun, Limits, Program, RunError, RunOutcome, Runner, TestResult, program};
pub use learn::{LEARN_MODE, Reading};

/// The session name of a Predict session in the journal. Predict's
/// questions are the replay lab's (`replay::prediction`); the journal names
/// the mode here, beside its siblings.
pub const PREDICT_MODE: &str = "predict";
/// The session name of a Replay lab session: the learner stepped through a
/// scenario (`replay`'s `Timeline`); no item is tried, nothing is scored.
pub const LAB_MODE: &str = "lab";
pub use present::{option_order, present};
pub use scoring::{STRONG_PERCENT, Score, Verdict, points, short_number};
pub use session::{Attempt, ItemState, Mode, Outcome, Session, SubmitError, TryResult};
pub use shuffle::fresh_seed;

use crate::content::{Item, Topic};

/// The items of a topic for a mode: practice takes the exercises and then the
/// katas, quiz the questions, each in the order their files define them.
pub fn items_for(topic: &Topic, mode: Mode) -> Vec<Item> {
    match mode {
        Mode::Practice => topic
            .exercises
            .iter()
            .cloned()
            .map(Item::Exercise)
            .chain(topic.katas.iter().cloned().map(Item::Kata))
            .collect(),
        Mode::Quiz => topic
            .questions
            .iter()
            .cloned()
            .map(Item::Question)
            .collect(),
        // A test is drawn; review and due items come from the learner's progress.
        Mode::Test | Mode::Review | Mode::Due | Mode::Exam => Vec::new(),
    }
}

/// A session of `mode` over `topic`; a test is drawn with `seed`, and every
/// mode shows the options in an order drawn from it.
pub fn start(topic: &Topic, mode: Mode, seed: u64) -> Session {
    match mode {
        Mode::Test => Session::test(&topic.questions, seed),
        _ => Session::shuffled(mode, items_for(topic, mode), seed),
    }
}
