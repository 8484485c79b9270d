//! Problems found in content, with the place an instructor has to look.
//!
//! How a diagnostic is printed lives in `render.rs`; which rules exist in `rules.rs`.

use serde::Serialize;

/// How bad a problem is: an error skips the file, a warning does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    /// The word printed before the message: `error` or `warning`.
    ///
    /// ```
    /// assert_eq!(kata::content::Severity::Warning.as_str(), "warning");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A 1-based place in a file; columns count characters, not bytes.
///
/// ```
/// let at = kata::content::Place { line: 3, column: 9 };
/// assert_eq!(at.to_string(), "3:9");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
pub struct Place {
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// A second place that explains a problem, e.g. where a duplicated id was
/// first defined. Printed as a `note:` under the diagnostic.
///
/// ```
/// use kata::content::{Place, Related};
/// let first = Related {
///     path: "quizzes/a.toml".into(),
///     at: Place { line: 6, column: 6 },
///     end: Some(Place { line: 6, column: 15 }),
///     source_line: Some(r#"id = "purpose""#.into()),
///     message: "first defined here".into(),
/// };
/// assert_eq!(first.at.line, 6);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    pub path: String,
    pub at: Place,
    /// Where the place ends (exclusive), when known; the label spans it.
    pub end: Option<Place>,
    pub source_line: Option<String>,
    pub message: String,
}

/// One problem in one file.
///
/// ```
/// use kata::content::{Diagnostic, Place, Severity};
/// let d = Diagnostic::error("K001", "quizzes/a.toml", "file is not UTF-8");
/// assert_eq!(d.severity, Severity::Error);
/// assert!(d.at.is_none());
/// assert_eq!(d.headline(), "quizzes/a.toml: error: file is not UTF-8 [K001]");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable rule code, e.g. `K012`; listed in AUTHORING.md and `content::RULES`.
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
    /// Other places that belong to this problem (both places of a duplicate).
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// A problem of a whole file.
    ///
    /// See the example on [`Diagnostic`].
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
            related: Vec::new(),
        }
    }

    /// The same diagnostic with a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The first line as printed: `path:line:col: error: message [K012]`, or
    /// `path: error: message [K001]` for a problem of the whole file. Control
    /// characters are shown escaped so a message can never drive a terminal.
    ///
    /// See the example on [`Diagnostic`].
    pub fn headline(&self) -> String {
        crate::content::render::headline(self)
    }
}
