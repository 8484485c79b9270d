//! What instructors write: the content model, loading it (bundled and from
//! folders) and checking it with `path:line:col` diagnostics.
//!
//! This module depends on nothing else in the crate and never touches a terminal.

mod diagnostic;
mod model;

pub use diagnostic::{Diagnostic, Place, Severity};
pub use model::{
    CodePiece, Difficulty, Exercise, Item, Origin, Question, Topic, index_of_letter, letter,
};

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
}

impl Catalog {
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    /// True when some file had an error.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}
