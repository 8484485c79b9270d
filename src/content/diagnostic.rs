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

/// A change that certainly fixes a problem: replace the text from `at` up to
/// `end` (exclusive) with `replacement`. Given only where there is one right
/// text (a near-miss key, a near-miss scenario id, `{{ 2 }}` for `{{2}}`),
/// never where kata would be guessing what the author meant;
/// `kata check --fix` applies them and editors can offer them.
///
/// ```
/// use kata::content::{Fix, Place};
/// let fix = Fix {
///     at: Place { line: 4, column: 1 },
///     end: Place { line: 4, column: 6 },
///     was: "promt".into(),
///     replacement: "prompt".into(),
/// };
/// assert_eq!(fix.apply("[[question]]\nid = \"a\"\n\npromt = \"Why?\"\n").unwrap(),
///            "[[question]]\nid = \"a\"\n\nprompt = \"Why?\"\n");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub at: Place,
    pub end: Place,
    /// The text it replaces, as checked: a fix is applied only where the
    /// file still holds it (the file may have been saved again since).
    pub was: String,
    pub replacement: String,
}

impl Fix {
    /// The byte range of this fix in `text`, or `None` when the places are
    /// not in it (the file changed since it was checked).
    pub fn range(&self, text: &str) -> Option<std::ops::Range<usize>> {
        let start = byte_at(text, self.at)?;
        let end = byte_at(text, self.end)?;
        (start <= end && text[start..end] == self.was).then_some(start..end)
    }

    /// `text` with this one fix applied; see [`apply_fixes`] for several.
    pub fn apply(&self, text: &str) -> Option<String> {
        apply_fixes(text, std::slice::from_ref(self)).map(|(fixed, _)| fixed)
    }
}

/// `text` with every fix applied that does not overlap an earlier one, and
/// how many were applied; `None` when a fix's place is not in `text` or no
/// longer holds the text it replaces.
///
/// ```
/// use kata::content::{Fix, Place, apply_fixes};
/// let fix = |from, to, was: &str, replacement: &str| Fix {
///     at: Place { line: 1, column: from },
///     end: Place { line: 1, column: to },
///     was: was.into(),
///     replacement: replacement.into(),
/// };
/// let fixes = [
///     fix(1, 3, "ab", "AB"),
///     fix(2, 4, "b-", "overlaps, left out"),
///     fix(5, 6, "e", "E"),
/// ];
/// assert_eq!(apply_fixes("ab-de", &fixes), Some(("AB-dE".to_string(), 2)));
/// assert_eq!(apply_fixes("xy-de", &fixes), None, "the file changed");
/// ```
pub fn apply_fixes(text: &str, fixes: &[Fix]) -> Option<(String, usize)> {
    let mut ranges = Vec::with_capacity(fixes.len());
    for fix in fixes {
        ranges.push((fix.range(text)?, fix.replacement.as_str()));
    }
    ranges.sort_by_key(|(range, _)| (range.start, range.end));
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    let mut applied = 0;
    for (range, replacement) in ranges {
        if range.start < done {
            continue;
        }
        out.push_str(&text[done..range.start]);
        out.push_str(replacement);
        done = range.end;
        applied += 1;
    }
    out.push_str(&text[done..]);
    Some((out, applied))
}

/// The byte offset of a 1-based line and character column; the column may
/// be one past the line's last character (the end of a span).
fn byte_at(text: &str, place: Place) -> Option<usize> {
    let line_start = if place.line == 1 {
        0
    } else {
        text.match_indices('\n').nth(place.line.checked_sub(2)?)?.0 + 1
    };
    let line = &text[line_start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    // Columns do not count a byte-order mark, as in `Lines::place`.
    let bom = if line.starts_with('\u{feff}') { 3 } else { 0 };
    let (line_start, line) = (line_start + bom, &line[bom..]);
    let skip = place.column.checked_sub(1)?;
    match line.char_indices().nth(skip) {
        Some((i, _)) => Some(line_start + i),
        None if line.chars().count() == skip => Some(line_start + line.len()),
        None => None,
    }
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
    /// The change that fixes it, where there is exactly one.
    pub fix: Option<Fix>,
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
            fix: None,
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
