//! The `[[kata]]` item kind: the learner writes the code themselves and the
//! kata's tests say when it works (checks are in `check/kata.rs`).

use super::{Difficulty, Origin};
use serde::Serialize;

/// The language every kata is written in today: the sandbox runs Python.
pub const KATA_LANG: &str = "python";

/// A write-it-yourself task: a prompt, starter code, the tests that decide
/// when it is solved, and the author's solution shown after solving or
/// giving up.
///
/// ```
/// use kata::content::Kata;
/// let kata = Kata {
///     id: "double".into(),
///     prompt: "Write double(x).".into(),
///     starter: "def double(x):\n    pass\n".into(),
///     solution: "def double(x):\n    return 2 * x\n".into(),
///     tests: vec!["assert double(2) == 4".into()],
///     ..Kata::default()
/// };
/// assert_eq!(kata.tests.len(), 1);
/// assert_eq!(kata.lang, "python");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Kata {
    pub id: String,
    pub difficulty: Difficulty,
    pub prompt: String,
    /// Always `python` today (K047 refuses any other).
    pub lang: String,
    /// Runs before the learner's code, in the same namespace; may be empty.
    pub setup: String,
    /// What the learner starts from (and is offered again if their file is lost).
    pub starter: String,
    /// The author's solution: shown once solved or given up; must pass every test.
    pub solution: String,
    /// Each runs after the code, on its own, reported ✓/✗ on its own.
    pub tests: Vec<String>,
    pub hint: String,
    /// The worked solution, one step per entry.
    pub steps: Vec<String>,
    pub replay: Option<String>,
    pub origin: Origin,
    /// Where the setup, tests and solution were written (the solution's lines
    /// as `code_lines`), so a problem found by running them points into the file.
    #[serde(skip)]
    pub places: super::Run,
}

impl Default for Kata {
    fn default() -> Self {
        Kata {
            id: String::new(),
            difficulty: Difficulty::default(),
            prompt: String::new(),
            lang: KATA_LANG.to_string(),
            setup: String::new(),
            starter: String::new(),
            solution: String::new(),
            tests: Vec::new(),
            hint: String::new(),
            steps: Vec::new(),
            replay: None,
            origin: Origin::default(),
            places: super::Run::default(),
        }
    }
}
