//! What instructors write: the content model, loading it (bundled and from
//! folders) and checking it with `path:line:col` diagnostics.
//!
//! This module depends on nothing else in the crate and never touches a terminal.
//!
//! The way in is [`load`]: bundled content plus the folders and files a user
//! names, checked, with every problem in [`Catalog::problems`]. A file with an
//! error is skipped as a whole; a warning does not skip. Finer control (tests,
//! editors, fuzzing) goes through [`Sources`].
//!
//! ```
//! let catalog = kata::content::load(&[]);
//! assert!(!catalog.has_errors(), "the bundled content checks clean");
//! assert!(catalog.topic("event-store").is_some());
//! ```

mod budget;
mod card;
mod check;
mod diagnostic;
mod format;
#[doc(hidden)]
pub mod interop;
mod kata;
mod letters;
mod lines;
mod model;
mod note;
mod prediction;
mod render;
mod rules;
mod runnable;
mod scenario;
mod source;
mod template;
mod typed;
pub mod work;

pub use budget::{MEMORY_BUDGET, MemoryEstimate, OverBudget, estimate_memory, within_budget};
pub use card::Card;
pub use diagnostic::{Diagnostic, Fix, Place, Related, Severity, apply_fixes};
pub use format::{
    CardTable, ContentFile, EntityKey, ExerciseTable, KataTable, NoteTable, OrderTable,
    PredictTable, QuestionTable, RunTable, TopicTable, schema,
};
pub use kata::{KATA_LANG, Kata};
pub use letters::{LetterPlaceholder, bare_letter_mentions, letter_placeholders, with_letters};
pub use model::{
    CodePiece, Difficulty, Exercise, Item, Origin, Question, Topic, index_of_letter, letter,
};
pub use note::{Note, NoteBlock};
pub use prediction::Prediction;
/// The one escaping function for third-party text (content, file names,
/// learner code output, tracebacks) on its way to a terminal.
pub(crate) use render::escape_controls;
pub use rules::{RULES, Rule, rule};
pub use runnable::{Run, RunLimits, Snippet};
pub use scenario::{
    Datum, Effect, Expected, Generate, MY_PROGRESS, RuleAction, Scenario, ScenarioEvent,
};
pub use source::{BUNDLED_PREFIX, MAX_FILE_BYTES, MAX_FOLDER_DEPTH, SourceFile, Sources};
pub use template::{SCHEMA_FILE, TopicTemplate, title_from_id};
pub use typed::{typed_form, typed_matches};

use std::path::PathBuf;

/// Everything that loaded, and every problem met on the way.
///
/// ```
/// let catalog = kata::content::Catalog::default();
/// assert!(catalog.topic("event-store").is_none());
/// ```
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// Topics sorted by id.
    pub topics: Vec<Topic>,
    /// Errors (their files were skipped) and warnings, in file order.
    pub problems: Vec<Diagnostic>,
    /// Every file that was read and checked, in load order, as displayed.
    pub files: Vec<String>,
    /// Replay-lab scenarios of every topic, in load order; ids are unique.
    pub scenarios: Vec<Scenario>,
    /// Each scenario's topic (the `[topic]` of the file defining it), by scenario id.
    pub scenario_topics: std::collections::BTreeMap<String, String>,
}

impl Catalog {
    /// See the example on [`Catalog`].
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    /// The scenario with this id.
    ///
    /// ```
    /// assert!(kata::content::load(&[]).scenario("bank-account").is_some());
    /// ```
    pub fn scenario(&self, id: &str) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.id == id)
    }

    /// The topic a scenario belongs to: the `[topic]` of the file that defines it.
    ///
    /// ```
    /// let catalog = kata::content::load(&[]);
    /// assert_eq!(catalog.scenario_topic("user-after-delete").map(|t| t.id.as_str()), Some("event-store"));
    /// assert!(catalog.scenario_topic("no-such-scenario").is_none());
    /// ```
    pub fn scenario_topic(&self, id: &str) -> Option<&Topic> {
        self.topic(self.scenario_topics.get(id)?)
    }

    /// True when some file had an error.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Diagnostic::is_error)
    }

    /// How many problems are errors and how many warnings.
    ///
    /// ```
    /// assert_eq!(kata::content::Catalog::default().counts(), (0, 0));
    /// ```
    pub fn counts(&self) -> (usize, usize) {
        let errors = self.problems.iter().filter(|d| d.is_error()).count();
        (errors, self.problems.len() - errors)
    }

    /// The files that were skipped because of an error, in load order.
    pub fn skipped(&self) -> Vec<&str> {
        let mut seen = std::collections::HashSet::new();
        let mut skipped: Vec<&str> = Vec::new();
        for d in self.problems.iter().filter(|d| d.is_error()) {
            if seen.insert(d.path.as_str()) {
                skipped.push(&d.path);
            }
        }
        skipped
    }
}

/// Load the bundled content plus `extra` files and folders (folders are read
/// recursively for `*.toml`), checking everything. Never fails: problems are
/// in [`Catalog::problems`], and the files without errors are loaded.
///
/// ```
/// let catalog = kata::content::load(&["no/such/folder".into()]);
/// assert_eq!(catalog.problems[0].code, "K003");
/// assert!(catalog.topic("event-store").is_some(), "the rest still loads");
/// ```
pub fn load(extra: &[PathBuf]) -> Catalog {
    let mut sources = Sources::bundled();
    for path in extra {
        sources.add_path(path);
    }
    sources.load()
}

/// [`load`], with `context` files read only for the scenarios they define:
/// `kata check FILE` resolves the file's `replay` references against the
/// rest of its folder, as `kata check FOLDER` would, without reporting (or
/// loading) those other files. Returns the catalog and the context files read.
///
/// ```
/// let (catalog, read) = kata::content::load_with_context(&[], &[]);
/// assert!(catalog.topic("event-store").is_some());
/// assert!(read.is_empty());
/// ```
pub fn load_with_context(extra: &[PathBuf], context: &[PathBuf]) -> (Catalog, Vec<String>) {
    let mut sources = Sources::bundled();
    for path in extra {
        sources.add_path(path);
    }
    let mut around = Sources::default();
    for path in context {
        around.add_path(path);
    }
    // The named files themselves are in `extra`: they are not their own context.
    let real = |path: &str| std::fs::canonicalize(path).ok();
    let named: Vec<_> = sources.files.iter().filter_map(|f| real(&f.path)).collect();
    around
        .files
        .retain(|f| real(&f.path).is_none_or(|p| !named.contains(&p)));
    let read: Vec<String> = around.files.iter().map(|f| f.path.clone()).collect();
    (
        check::check_all_with(sources.files, sources.problems, around.files),
        read,
    )
}

/// Whether `id` is a valid topic or item id: one or more of `a-z`, `0-9`
/// and `-` (K009).
///
/// ```
/// assert!(kata::content::is_valid_id("event-store"));
/// assert!(!kata::content::is_valid_id("Event Store"));
/// assert!(!kata::content::is_valid_id(""));
/// ```
pub fn is_valid_id(id: &str) -> bool {
    check::is_valid_id(id)
}
