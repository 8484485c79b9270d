//! How a diagnostic reads in a terminal:
//!
//! ```text
//! quizzes/x.toml:10:10: error: answer `E` names no option; there are 4 (`A` to `D`) [K012]
//! 10 | answer = "E"
//!    |          ^^^
//!    = help: give the letter of the correct option: A is the first
//! ```
//!
//! Everything printed comes from files an author (or an attacker) wrote, so
//! control characters are neutralised here, at the one place text leaves.

use super::{Diagnostic, Place};
use std::borrow::Cow;
use std::fmt::Write as _;

/// `path:line:col: error: message [K012]`, or `path: error: message [K001]`.
pub(crate) fn headline(d: &Diagnostic) -> String {
    let mut out = escape_controls(&d.path).into_owned();
    if let Some(at) = d.at {
        let _ = write!(out, ":{at}");
    }
    let _ = write!(
        out,
        ": {}: {} [{}]",
        d.severity.as_str(),
        escape_controls(&d.message),
        d.code
    );
    out
}

impl std::fmt::Display for Diagnostic {
    /// The headline, then the source line with a caret under the place, a
    /// help line and notes for related places; no trailing newline.
    ///
    /// ```
    /// use kata::content::{Diagnostic, Place};
    /// let mut d = Diagnostic::error("K013", "q.toml", "unknown difficulty `tough`");
    /// d.at = Some(Place { line: 3, column: 14 });
    /// d.source_line = Some(r#"difficulty = "tough""#.into());
    /// assert_eq!(
    ///     d.to_string(),
    ///     "q.toml:3:14: error: unknown difficulty `tough` [K013]\n3 | difficulty = \"tough\"\n  |              ^"
    /// );
    /// ```
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&headline(self))?;
        let gutter = self
            .at
            .iter()
            .map(|a| a.line)
            .chain(self.related.iter().map(|r| r.at.line))
            .max()
            .map_or(1, |n| n.to_string().len());
        if let (Some(at), Some(line)) = (self.at, &self.source_line) {
            let width = match self.end {
                Some(end) if end.line == at.line && end.column > at.column => {
                    end.column - at.column
                }
                _ => 1,
            };
            snippet(f, gutter, at, line, width)?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n{:gutter$} = help: {}", "", escape_controls(help))?;
        }
        for related in &self.related {
            write!(
                f,
                "\n{}:{}: note: {}",
                escape_controls(&related.path),
                related.at,
                escape_controls(&related.message)
            )?;
            if let Some(line) = &related.source_line {
                snippet(f, gutter, related.at, line, 1)?;
            }
        }
        Ok(())
    }
}

fn snippet(
    f: &mut std::fmt::Formatter<'_>,
    gutter: usize,
    at: Place,
    line: &str,
    width: usize,
) -> std::fmt::Result {
    let shown = picture_controls(line);
    write!(f, "\n{:>gutter$} | {}", at.line, shown.trim_end())?;
    // Keep tabs under tabs so the caret lines up whatever the tab width.
    let lead: String = shown
        .chars()
        .take(at.column.saturating_sub(1))
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let room = shown.chars().count().saturating_sub(at.column - 1).max(1);
    write!(
        f,
        "\n{:gutter$} | {lead}{}",
        "",
        "^".repeat(width.min(room))
    )
}

/// Control characters (other than tab) written as `\u{1b}`.
pub(crate) fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if is_unsafe(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// Control characters (other than tab) replaced one for one by `�`, so
/// columns still line up with the caret.
fn picture_controls(line: &str) -> Cow<'_, str> {
    if !line.chars().any(is_unsafe) {
        return Cow::Borrowed(line);
    }
    Cow::Owned(
        line.chars()
            .map(|c| if is_unsafe(c) { '\u{fffd}' } else { c })
            .collect(),
    )
}

fn is_unsafe(c: char) -> bool {
    c.is_control() && c != '\t'
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Related;

    #[test]
    fn escape_sequences_never_reach_the_terminal() {
        let mut d = Diagnostic::error("K006", "a\u{1b}.toml", "unknown key `\u{1b}[2J`");
        d.at = Some(Place { line: 1, column: 2 });
        d.source_line = Some("x\u{1b}[2J = 1".into());
        let shown = d.to_string();
        assert!(!shown.contains('\u{1b}'), "{shown:?}");
        assert!(shown.contains("unknown key `\\u{1b}[2J`"));
        assert!(shown.contains("x\u{fffd}[2J = 1"));
    }

    #[test]
    fn caret_spans_the_value_and_notes_show_the_other_place() {
        let mut d = Diagnostic::error("K010", "b.toml", "duplicate id `purpose`");
        d.at = Some(Place {
            line: 12,
            column: 6,
        });
        d.end = Some(Place {
            line: 12,
            column: 15,
        });
        d.source_line = Some("id = \"purpose\"".into());
        d.related.push(Related {
            path: "a.toml".into(),
            at: Place { line: 3, column: 6 },
            source_line: Some("\tid = \"purpose\"".into()),
            message: "first defined here".into(),
        });
        assert_eq!(
            d.to_string(),
            "b.toml:12:6: error: duplicate id `purpose` [K010]\n\
             12 | id = \"purpose\"\n   |      ^^^^^^^^^\n\
             a.toml:3:6: note: first defined here\n 3 | \tid = \"purpose\"\n   | \t    ^"
        );
    }
}
