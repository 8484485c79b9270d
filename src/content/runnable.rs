//! The content side of runnable items: an exercise's `[exercise.run]` table
//! (setup, tests, the expected output, lower limits), with where each piece
//! of Python was written so a problem in it points into the TOML file.

use super::Place;

/// Python source from a content file, with the file place where each of its
/// lines starts: a Python error at line L, column C of the snippet is at
/// [`Snippet::place`] in the file.
///
/// ```
/// use kata::content::{Place, Snippet};
/// let s = Snippet {
///     text: "x = 1\ny = )".into(),
///     lines: vec![Place { line: 10, column: 1 }, Place { line: 11, column: 1 }],
/// };
/// assert_eq!(s.place(2, 5), Some(Place { line: 11, column: 5 }));
/// assert_eq!(s.place(3, 1), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Snippet {
    pub text: String,
    /// The file place of the first character of each line of `text`.
    #[serde(skip)]
    pub lines: Vec<Place>,
}

impl Snippet {
    /// The file place of line `line`, column `column` (both 1-based) of the snippet.
    ///
    /// See the example on [`Snippet`].
    pub fn place(&self, line: u32, column: u32) -> Option<Place> {
        let start = self.lines.get((line as usize).checked_sub(1)?)?;
        Some(Place {
            line: start.line,
            column: start.column + column.saturating_sub(1) as usize,
        })
    }
}

/// What an exercise runs when completed (`[exercise.run]`).
///
/// ```
/// use kata::content::{Run, Snippet};
/// let run = Run {
///     setup: Snippet { text: "xs = []".into(), ..Snippet::default() },
///     tests: vec![Snippet { text: "assert xs == [1]".into(), ..Snippet::default() }],
///     ..Run::default()
/// };
/// assert_eq!(run.limits.time_ms, 1000);
/// ```
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Run {
    /// Runs before the code, in the same namespace; the learner can view it.
    pub setup: Snippet,
    /// Each runs after the code, on its own, and passes unless it raises.
    pub tests: Vec<Snippet>,
    /// The exact stdout the right completion prints, when the author gives it.
    pub output: Option<String>,
    pub limits: RunLimits,
    /// Where the `[exercise.run]` table was written.
    #[serde(skip)]
    pub at: Place,
    /// Where each line of the exercise's `code` starts in the file.
    #[serde(skip)]
    pub code_lines: Vec<Place>,
    /// The file's text of every line the places above name, for showing a
    /// problem with its source line.
    #[serde(skip)]
    pub file_lines: std::collections::BTreeMap<usize, String>,
}

impl Run {
    /// The file's line `line`, when it is one of the run's (see `file_lines`).
    pub fn file_line(&self, line: usize) -> Option<&str> {
        self.file_lines.get(&line).map(String::as_str)
    }
}

/// Limits of one run; an author may only lower the defaults.
///
/// ```
/// let limits = kata::content::RunLimits::default();
/// assert_eq!((limits.time_ms, limits.memory_mib, limits.output_kib), (1000, 64, 64));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct RunLimits {
    /// Running time of setup, code and tests together, in milliseconds (1–1000).
    pub time_ms: u64,
    /// Memory, in MiB (1–64).
    pub memory_mib: u64,
    /// Printed output, in KiB (1–64).
    pub output_kib: u64,
}

impl RunLimits {
    /// The defaults are also the most an author may ask for.
    pub const MAX: RunLimits = RunLimits {
        time_ms: 1000,
        memory_mib: 64,
        output_kib: 64,
    };
}

impl Default for RunLimits {
    fn default() -> RunLimits {
        RunLimits::MAX
    }
}
