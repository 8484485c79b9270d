//! Problems found in content, with the place an instructor has to look.

use serde::Serialize;

/// How bad a problem is: an error skips the file, a warning does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// A 1-based place in a file; columns count characters, not bytes.
///
/// ```
/// let at = kata::content::Place { line: 3, column: 9 };
/// assert_eq!(at.to_string(), "3:9");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Place {
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// One problem in one file.
///
/// ```
/// use kata::content::{Diagnostic, Place, Severity};
/// let d = Diagnostic::error("K001", "quizzes/a.toml", "file is not UTF-8");
/// assert_eq!(d.severity, Severity::Error);
/// assert!(d.at.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable rule code, e.g. `K012`; listed in AUTHORING.md.
    pub code: &'static str,
    /// The file as the user named it; bundled files are `bundled:quizzes/x.toml`.
    pub path: String,
    /// Where the problem starts; `None` for a problem of the whole file.
    pub at: Option<Place>,
    /// Where it ends (exclusive), when known.
    pub end: Option<Place>,
    pub message: String,
    /// What to do about it, e.g. "did you mean `prompt`?".
    pub help: Option<String>,
    /// The offending source line, for the caret display.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// A problem of a whole file.
    pub fn error(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            path: path.into(),
            at: None,
            end: None,
            message: message.into(),
            help: None,
            source_line: None,
        }
    }
}
