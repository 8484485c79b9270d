//! How a diagnostic reads in a terminal:
//!
//! ```text
//! quizzes/x.toml:10:10: error: answer `E` names no option; there are 4 (`A` to `D`) [K012]
//!    |
//! 10 | answer = "E"
//!    |          ^^^ answer-out-of-range
//!    |
//!    = help: give the letter of the correct option: A is the first
//! ```
//!
//! The first line is kata's own `path:line:col: error: message [code]`
//! headline (issue 2's contract: editors and scripts match it); the snippet,
//! the labels and the help line below it are drawn by annotate-snippets,
//! rustc's renderer, so they look like the compiler errors Rust users know.
//! Related places (the first of two duplicates) are secondary labels under a
//! `::: path:line:col` line.
//!
//! Everything printed comes from files an author (or an attacker) wrote, so
//! control, bidi and zero-width characters are neutralised here, through
//! [`crate::safe_text`], before any colour is added.

use super::{Diagnostic, Place, Severity, rule};
use annotate_snippets::renderer::{DEFAULT_ERROR_STYLE, DEFAULT_WARNING_STYLE};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::borrow::Cow;
use std::fmt::Write as _;

/// `path:line:col: error: message [K012]`, or `path: error: message [K001]`.
pub(crate) fn headline(d: &Diagnostic) -> String {
    styled_headline(d, false)
}

fn styled_headline(d: &Diagnostic, colour: bool) -> String {
    let mut out = escape_controls(&d.path).into_owned();
    if let Some(at) = d.at {
        let _ = write!(out, ":{at}");
    }
    let word = d.severity.as_str();
    let message = escape_controls(&d.message);
    if colour {
        let style = match d.severity {
            Severity::Error => DEFAULT_ERROR_STYLE,
            Severity::Warning => DEFAULT_WARNING_STYLE,
        };
        let _ = write!(out, ": {style}{word}{style:#}: {message} [{}]", d.code);
    } else {
        let _ = write!(out, ": {word}: {message} [{}]", d.code);
    }
    out
}

impl Diagnostic {
    /// The headline, then (when there is one) the source line with the
    /// rule's name under the exact span, related places as secondary labels,
    /// and the help line; no trailing newline. With `colour`, ANSI styles are
    /// added; the caller decides (a terminal, `NO_COLOR` unset). Without, the
    /// text is plain and holds no escape code.
    ///
    /// ```
    /// use kata::content::{Diagnostic, Place};
    /// let mut d = Diagnostic::error("K013", "q.toml", "unknown difficulty `tough`");
    /// d.at = Some(Place { line: 3, column: 14 });
    /// d.end = Some(Place { line: 3, column: 21 });
    /// d.source_line = Some(r#"difficulty = "tough""#.into());
    /// let shown = d.render(false);
    /// assert!(shown.starts_with("q.toml:3:14: error: unknown difficulty `tough` [K013]\n"));
    /// assert!(shown.contains("3 | difficulty = \"tough\"\n  |              ^^^^^^^ bad-difficulty"));
    /// assert!(d.render(true).contains('\u{1b}'));
    /// ```
    pub fn render(&self, colour: bool) -> String {
        let mut out = styled_headline(self, colour);
        let mut group = Group::with_level(match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        });
        let mut any = false;
        if let (Some(at), Some(line)) = (self.at, &self.source_line) {
            let (line, at, end) = clip(line, at, self.end);
            let shown = picture_controls(&line).into_owned();
            let span = byte_span(&shown, at, end);
            let label = rule(self.code).map(|r| r.name);
            group = group.element(
                Snippet::source(shown)
                    .line_start(at.line)
                    .annotation(AnnotationKind::Primary.span(span).label(label)),
            );
            any = true;
        }
        for related in &self.related {
            let Some(line) = &related.source_line else {
                continue;
            };
            let (line, at, end) = clip(line, related.at, related.end);
            let shown = picture_controls(&line).into_owned();
            let span = byte_span(&shown, at, end);
            group = group.element(
                Snippet::source(shown)
                    .line_start(related.at.line)
                    .path(escape_controls(&related.path).into_owned())
                    .annotation(
                        AnnotationKind::Context
                            .span(span)
                            .label(escape_controls(&related.message).into_owned()),
                    ),
            );
            any = true;
        }
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(escape_controls(help).into_owned()));
            any = true;
        }
        if any {
            let renderer = if colour {
                Renderer::styled()
            } else {
                Renderer::plain()
            };
            out.push('\n');
            out.push_str(renderer.render(&[group]).trim_end());
        }
        out
    }
}

impl std::fmt::Display for Diagnostic {
    /// [`Diagnostic::render`] without colour.
    ///
    /// ```
    /// let d = kata::content::Diagnostic::error("K004", "notes", "folder holds no .toml file");
    /// assert_eq!(d.to_string(), "notes: error: folder holds no .toml file [K004]");
    /// ```
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// Characters of a source line shown around a problem; a longer line is cut
/// to this many around the caret, so showing a problem on a line of a
/// megabyte costs what a short line costs.
const SHOWN_CHARS: usize = 160;

/// `line` cut to at most `SHOWN_CHARS` around `at` (marked `…` where cut),
/// with the places moved to match.
fn clip(line: &str, at: Place, end: Option<Place>) -> (Cow<'_, str>, Place, Option<Place>) {
    if line.chars().nth(SHOWN_CHARS).is_none() {
        return (Cow::Borrowed(line), at, end);
    }
    let from = at.column.saturating_sub(1).saturating_sub(SHOWN_CHARS / 4);
    let mut chars = line.chars().skip(from);
    let mut shown: String = if from > 0 {
        "…".into()
    } else {
        String::new()
    };
    shown.extend(chars.by_ref().take(SHOWN_CHARS));
    let cut_end = chars.next().is_some();
    let lead = usize::from(from > 0);
    let last = shown.chars().count() + 1;
    if cut_end {
        shown.push('…');
    }
    let moved = |column: usize| (column - from + lead).min(last);
    let at_moved = Place {
        line: at.line,
        column: moved(at.column),
    };
    let end_moved = end.map(|e| {
        if e.line == at.line {
            Place {
                line: e.line,
                column: moved(e.column.max(at.column)),
            }
        } else {
            e
        }
    });
    (Cow::Owned(shown), at_moved, end_moved)
}

/// The byte range in `line` from a place to its end: to the end place when
/// it is on the same line, to the end of the line when it is on a later one
/// (a table header, a multi-line string), else one character.
fn byte_span(line: &str, at: Place, end: Option<Place>) -> std::ops::Range<usize> {
    let byte_of = |column: usize| {
        line.char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line.len(), |(i, _)| i)
    };
    let start = byte_of(at.column);
    let stop = match end {
        Some(end) if end.line == at.line && end.column > at.column => byte_of(end.column),
        Some(end) if end.line > at.line => line.trim_end().len().max(start),
        _ => line[start..]
            .chars()
            .next()
            .map_or(start, |c| start + c.len_utf8()),
    };
    start..stop
}

/// Control, bidi and zero-width characters written as `\u{1b}`: the
/// crate's one escaping function ([`crate::safe_text`], a leaf content may use).
pub(crate) fn escape_controls(text: &str) -> Cow<'_, str> {
    crate::safe_text::escape(text)
}

/// The same characters replaced one for one by `�`, so columns still line
/// up with the caret.
fn picture_controls(line: &str) -> Cow<'_, str> {
    crate::safe_text::replace(line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Related;

    #[test]
    fn a_long_line_is_shown_cut_around_the_caret() {
        let line = format!("{}\"bad\"{}", "x".repeat(5000), "y".repeat(5000));
        let mut d = Diagnostic::error("K015", "q.toml", "option repeats");
        d.at = Some(Place {
            line: 1,
            column: 5001,
        });
        d.end = Some(Place {
            line: 1,
            column: 5006,
        });
        d.source_line = Some(line);
        let shown = d.render(false);
        assert!(shown.len() < 1000, "{shown}");
        assert!(shown.contains("…xxxx"), "{shown}");
        let caret = shown.lines().find(|l| l.contains('^')).unwrap();
        let source = shown.lines().find(|l| l.contains("\"bad\"")).unwrap();
        let at = source.find("\"bad\"").unwrap();
        assert_eq!(caret.find('^'), Some(at - "…".len() + 1), "{shown}");
        assert_eq!(caret.matches('^').count(), 5, "{shown}");
    }

    #[test]
    fn escape_sequences_never_reach_the_terminal() {
        let mut d = Diagnostic::error("K006", "a\u{1b}.toml", "unknown key `\u{1b}[2J`");
        d.at = Some(Place { line: 1, column: 2 });
        d.source_line = Some("x\u{1b}[2J = 1".into());
        d.help = Some("did you mean \u{9b}?".into());
        let shown = d.to_string();
        assert!(!shown.contains('\u{1b}'), "{shown:?}");
        assert!(!shown.contains('\u{9b}'), "{shown:?}");
        assert!(shown.contains("unknown key `\\u{1b}[2J`"));
        assert!(shown.contains("x\u{fffd}[2J = 1"));
    }

    #[test]
    fn caret_spans_the_value_and_related_places_are_secondary_labels() {
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
        d.help = Some("ids must be unique within a topic".into());
        d.related.push(Related {
            path: "a.toml".into(),
            at: Place { line: 3, column: 6 },
            end: Some(Place {
                line: 3,
                column: 15,
            }),
            source_line: Some("id = \"purpose\"".into()),
            message: "first defined here".into(),
        });
        assert_eq!(
            d.to_string(),
            "b.toml:12:6: error: duplicate id `purpose` [K010]
   |
12 | id = \"purpose\"
   |      ^^^^^^^^^ duplicate-id
   |
  ::: a.toml:3:6
   |
 3 | id = \"purpose\"
   |      --------- first defined here
   |
   = help: ids must be unique within a topic"
        );
    }

    #[test]
    fn a_span_running_past_its_line_is_underlined_to_the_line_end() {
        let at = Place { line: 2, column: 1 };
        let end = Some(Place { line: 9, column: 1 });
        assert_eq!(byte_span("[[question]]  ", at, end), 0..12);
        assert_eq!(byte_span("é = 1", Place { line: 1, column: 1 }, None), 0..2);
        assert_eq!(byte_span("", Place { line: 1, column: 1 }, None), 0..0);
    }

    #[test]
    fn a_whole_file_problem_is_its_headline_and_help() {
        let d = Diagnostic::error("K001", "a.toml", "file is not UTF-8").with_help("save as UTF-8");
        assert_eq!(
            d.to_string(),
            "a.toml: error: file is not UTF-8 [K001]\n = help: save as UTF-8"
        );
    }
}
