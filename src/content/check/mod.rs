//! Checking content files: each file on its own (`check_file`), then the
//! files against each other (`merge`). Every problem is collected, none stops
//! the run; a file with any error is skipped, warnings do not skip.
//!
//! Places come from the spans `toml::de::DeTable` keeps for every key and
//! value; nothing here re-parses TOML by hand except the inside of a string,
//! to point at the exact character (`strings.rs`).

mod blanks;
mod card;
mod effect;
mod exercise;
mod fields;
mod guess;
mod headers;
mod item;
mod kata;
mod merge;
mod note;
mod order;
mod predict;
mod question;
mod run;
mod scenario;
mod strings;
mod toml_version;
mod topic;
mod track;
mod typed;
mod unclosed;

pub(crate) use item::is_valid_id;
#[cfg(test)]
pub(crate) use item::{
    CARD_KEYS, EXERCISE_KEYS, KATA_KEYS, NOTE_KEYS, ORDER_KEYS, PREDICT_KEYS, QUESTION_KEYS,
    TOPIC_KEYS,
};
pub(crate) use merge::{check_all, check_all_with};
#[cfg(test)]
pub(crate) use scenario::SCENARIO_KEYS;

use super::lines::Lines;
use super::rules::{INVALID_TOML, MISSING_KEY, NO_ITEMS, NOT_UTF8, Rule, TOO_LARGE, WRONG_TYPE};
use super::source::MAX_FILE_BYTES;
use super::{
    Card, Diagnostic, Exercise, Kata, Note, Place, Question, Related, Scenario, Severity,
    SourceFile,
};
use fields::unknown_key;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Maps and sets of the checks: foldhash, as elsewhere in kata (no attacker
/// chooses keys that cost more than a file of them already does).
pub(crate) type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
pub(crate) type FastSet<K> = HashSet<K, foldhash::fast::RandomState>;

/// A byte range in a file's text.
pub(crate) type Span = std::ops::Range<usize>;

/// The kinds of top-level table a content file may hold. A new kind (the
/// replay lab's `[[scenario]]`) is one more name here and one more arm in
/// `read_document`.
pub(crate) const TOP_LEVEL: &[&str] = &[
    "topic", "question", "exercise", "scenario", "kata", "card", "note", "predict", "order",
];

/// Most problems shown for one file; the rest are counted in one last
/// diagnostic. Each problem copies its source line, so without a limit a
/// file of one long line full of mistakes would cost its length squared.
pub(crate) const MAX_PROBLEMS: usize = 100;

/// One file being checked: its text, and the problems found so far.
pub(crate) struct Cx<'t> {
    path: &'t str,
    text: &'t str,
    lines: Lines<'t>,
    problems: Vec<Diagnostic>,
    /// Problems past `MAX_PROBLEMS`: how many, the first of them, and
    /// whether any was an error (the file is skipped all the same).
    dropped: usize,
    first_dropped: Option<Diagnostic>,
    dropped_error: bool,
    /// Where a dropped problem's help and notes go.
    spare: Diagnostic,
    /// Source lines already copied for a `Located`, shared by the places on
    /// one line (a file of inline tables may hold every item on one line).
    line_cache: FastMap<usize, Arc<str>>,
    /// Every `replay = "id"` met, resolved once all files are read.
    replays: Vec<(String, Span)>,
}

impl<'t> Cx<'t> {
    fn new(path: &'t str, text: &'t str) -> Self {
        Cx {
            path,
            text,
            lines: Lines::new(text),
            problems: Vec::new(),
            dropped: 0,
            first_dropped: None,
            dropped_error: false,
            spare: Diagnostic::error("", "", ""),
            line_cache: FastMap::default(),
            replays: Vec::new(),
        }
    }

    /// Report a problem at a span; the returned diagnostic can take a help line.
    fn report(&mut self, rule: Rule, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        if self.problems.len() >= MAX_PROBLEMS {
            self.dropped += 1;
            self.dropped_error |= rule.severity == Severity::Error;
            if self.first_dropped.is_none() {
                let at = self.lines.place(span.start);
                let mut first = Diagnostic::error(rule.code, self.path, "");
                first.severity = rule.severity;
                first.at = Some(at);
                first.source_line = Some(self.lines.line_text(at.line).to_string());
                self.first_dropped = Some(first);
            }
            self.spare = Diagnostic::error(rule.code, "", "");
            return &mut self.spare;
        }
        let at = self.lines.place(span.start);
        let diagnostic = Diagnostic {
            severity: rule.severity,
            code: rule.code,
            path: self.path.to_string(),
            at: Some(at),
            end: Some(self.lines.place(span.end.max(span.start))),
            message: message.into(),
            help: None,
            source_line: Some(self.lines.line_text(at.line).to_string()),
            related: Vec::new(),
            fix: None,
        };
        self.problems.push(diagnostic);
        self.problems.last_mut().expect("just pushed")
    }

    /// A fix replacing the text of `span` with `replacement`.
    fn fix(&self, span: Span, replacement: impl Into<String>) -> super::Fix {
        let span = span.start..span.end.max(span.start);
        super::Fix {
            at: self.lines.place(span.start),
            end: self.lines.place(span.end),
            was: self.text.get(span).unwrap_or_default().to_string(),
            replacement: replacement.into(),
        }
    }

    /// A span as places, kept to point at it later from another file.
    fn locate(&mut self, span: Span) -> Located {
        let at = self.lines.place(span.start);
        let lines = &self.lines;
        let source_line = self
            .line_cache
            .entry(at.line)
            .or_insert_with(|| Arc::from(lines.line_text(at.line)))
            .clone();
        Located {
            path: self.path.to_string(),
            at,
            end: self.lines.place(span.end.max(span.start)),
            source_line,
        }
    }

    /// Whether problems are only counted from now on: callers skip building
    /// notes (which copy source lines) that would be dropped anyway.
    fn full(&self) -> bool {
        self.problems.len() >= MAX_PROBLEMS
    }

    fn has_errors(&self) -> bool {
        self.dropped_error || self.problems.iter().any(Diagnostic::is_error)
    }

    /// The problems, with one more standing for those past the limit.
    fn into_problems(self) -> Vec<Diagnostic> {
        let mut problems = self.problems;
        problems.sort_by_key(|d| (d.at, d.code));
        if let Some(mut first) = self.first_dropped {
            if self.dropped_error {
                first.severity = Severity::Error;
            }
            first.message = format!(
                "{} more problem{} in this file not shown (the first is here, {}); fix the ones above and check again",
                self.dropped,
                if self.dropped == 1 { "" } else { "s" },
                first.code
            );
            problems.push(first);
        }
        problems
    }
}

/// A place in some file, with the line it is on.
#[derive(Debug, Clone)]
pub(crate) struct Located {
    path: String,
    at: Place,
    end: Place,
    source_line: Arc<str>,
}

impl Located {
    fn diagnostic(&self, rule: Rule, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: rule.severity,
            code: rule.code,
            path: self.path.clone(),
            at: Some(self.at),
            end: Some(self.end),
            message: message.into(),
            help: None,
            source_line: Some(self.source_line.to_string()),
            related: Vec::new(),
            fix: None,
        }
    }

    /// The text of this place when it is on one line, from its source line.
    fn written(&self) -> Option<String> {
        if self.at.line != self.end.line {
            return None;
        }
        let chars = self.end.column.checked_sub(self.at.column)?;
        Some(
            self.source_line
                .chars()
                .skip(self.at.column.saturating_sub(1))
                .take(chars)
                .collect(),
        )
    }

    fn related(&self, message: impl Into<String>) -> Related {
        Related {
            path: self.path.clone(),
            at: self.at,
            end: Some(self.end),
            source_line: Some(self.source_line.to_string()),
            message: message.into(),
        }
    }
}

/// What one file contributes once it checks clean.
pub(crate) struct FileContent {
    topic: topic::TopicHeader,
    exercises: Vec<(Exercise, Located)>,
    questions: Vec<(Question, Located)>,
    katas: Vec<(Kata, Located)>,
    cards: Vec<(Card, Located)>,
    notes: Vec<(Note, Located)>,
    predictions: Vec<(crate::content::Prediction, Located)>,
    scenarios: Vec<(Scenario, Located)>,
    /// `replay` references: the scenario id and where it was written.
    replays: Vec<(String, Located)>,
}

/// What a file with errors still says for the checks across files: its
/// topic header and the scenario ids it defines, so that one mistake is
/// reported once, at its cause — not again in every file that names the
/// scenario, and not hiding a title mismatch until the file is fixed.
#[derive(Default)]
pub(crate) struct Partial {
    pub topic: Option<topic::TopicHeader>,
    pub scenarios: Vec<(String, Located)>,
}

/// Check one file on its own: the problems found, its content when it has
/// no error, and what it declares either way.
pub(crate) fn check_file_partly(
    file: &SourceFile,
) -> (Vec<Diagnostic>, Option<FileContent>, Partial) {
    let mut partial = Partial::default();
    let whole =
        |rule: Rule, message: String| vec![Diagnostic::error(rule.code, &file.path, message)];
    if file.bytes.len() > MAX_FILE_BYTES {
        let message = format!("file is over {MAX_FILE_BYTES} bytes (1 MiB); split it");
        return (whole(TOO_LARGE, message), None, partial);
    }
    let text = match std::str::from_utf8(&file.bytes) {
        Ok(text) => text,
        Err(e) => {
            let line = file.bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            let message =
                format!("file is not UTF-8 (first bad byte on line {line}); save it as UTF-8");
            let mut problems = whole(NOT_UTF8, message);
            problems[0].help = Some(
                "save the file with the UTF-8 encoding (most editors: Save with Encoding → UTF-8)"
                    .into(),
            );
            return (problems, None, partial);
        }
    };
    let mut cx = Cx::new(&file.path, text);
    let (document, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        // Past the first syntax error, toml's recovery often reports errors
        // that only follow from it (an unclosed array swallows the rest of
        // the file), so the first is shown and the rest counted.
        let first = errors
            .iter()
            .min_by_key(|e| e.span().map(|s| (s.start, s.end)))
            .expect("not empty");
        let span = first.span().unwrap_or(0..0);
        // The scanners below slice the text at the parser's place: on a
        // character boundary, whatever the parser reports.
        let mut start = span.start.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let span = start..span.end.max(start);
        if let Some((header, name)) = headers::single_header_before(text, span.start) {
            headers::report(&mut cx, header, name, span);
            return (cx.into_problems(), None, partial);
        }
        if unclosed::report(&mut cx, text, span.clone()) {
            if errors.len() > 1
                && let Some(d) = cx.problems.last_mut()
            {
                d.help = Some(format!(
                    "close the array with `]` after its last element; fix this first: {} more TOML error{} may follow from it",
                    errors.len() - 1,
                    if errors.len() == 2 { "" } else { "s" }
                ));
            }
            return (cx.into_problems(), None, partial);
        }
        let d = cx.report(
            INVALID_TOML,
            span,
            format!("invalid TOML: {}", first.message()),
        );
        d.help = Some(if errors.len() > 1 {
            format!(
                "fix this first: {} more TOML error{} may follow from it",
                errors.len() - 1,
                if errors.len() == 2 { "" } else { "s" }
            )
        } else {
            "the slip is at the caret or just before it (a missing quote, comma or bracket)".into()
        });
        return (cx.into_problems(), None, partial);
    }
    toml_version::check(&mut cx, text);
    let content = read_document(&mut cx, document.get_ref(), &mut partial);
    let clean = !cx.has_errors();
    (cx.into_problems(), content.filter(|_| clean), partial)
}

fn read_document(cx: &mut Cx, root: &DeTable, partial: &mut Partial) -> Option<FileContent> {
    let mut header = None;
    let mut exercises = Vec::new();
    let mut questions = Vec::new();
    let mut scenarios = Vec::new();
    strings::check_keys_and_invisibles(cx, root);
    // `[topic] shuffle` is the default of this file's items; its type is
    // checked (and reported) when the topic table is read.
    let shuffle = root
        .get("topic")
        .and_then(|t| match t.get_ref() {
            DeValue::Table(t) => t.get("shuffle"),
            _ => None,
        })
        .map(|v| !matches!(v.get_ref(), DeValue::Boolean(false)))
        .unwrap_or(true);
    let mut katas = Vec::new();
    let mut cards = Vec::new();
    let mut notes = Vec::new();
    let mut predictions = Vec::new();
    for (key, value) in root.iter() {
        match key.get_ref().as_ref() {
            "topic" => header = read_topic(cx, value),
            "question" => {
                for (table, span) in tables_of(cx, key.get_ref(), value) {
                    questions.push(question::read(cx, table, span, shuffle));
                }
            }
            "exercise" => {
                for (table, span) in tables_of(cx, key.get_ref(), value) {
                    exercises.push(exercise::read(cx, table, span, shuffle));
                }
            }
            "scenario" => {
                for (table, span) in tables_of(cx, key.get_ref(), value) {
                    scenarios.push(scenario::read(cx, table, span));
                }
            }
            "kata" => {
                for (table, span) in tables_of(cx, key.get_ref(), value) {
                    katas.push(kata::read(cx, table, span));
                }
            }
            "card" => {
                for (table, span) in tables_of(cx, key.get_ref(), value) {
                    cards.push(card::read(cx, table, span));
                }
            }
            "note" => {
                for (table, span) in tables_of(cx, key.get_ref(), value) {
                    notes.push(note::read(cx, table, span));
                }
            }
            "order" => {
                for (table, span) in tables_of(cx, key.get_ref(), value) {
                    exercises.push(order::read(cx, table, span));
                }
            }
            "predict" => {
                for (table, span) in tables_of(cx, key.get_ref(), value) {
                    predictions.push(predict::read(cx, table, span));
                }
            }
            _ => unknown_key(cx, root, key, TOP_LEVEL, "the top level", &[], true),
        }
    }
    if !root.contains_key("topic") {
        cx.report(MISSING_KEY, 0..0, "file has no `[topic]` table")
            .help =
            Some("start the file with `[topic]`, `id = \"...\"` and `title = \"...\"`".into());
    }
    item::duplicate_ids(
        cx,
        exercises
            .iter()
            .filter_map(|(_, id)| id.as_ref())
            .chain(questions.iter().filter_map(|(_, id)| id.as_ref()))
            .chain(katas.iter().filter_map(|(_, id)| id.as_ref()))
            .chain(cards.iter().filter_map(|(_, id)| id.as_ref()))
            .chain(notes.iter().filter_map(|(_, id)| id.as_ref()))
            .chain(predictions.iter().filter_map(|(_, id)| id.as_ref())),
    );
    partial.topic = header.clone();
    partial.scenarios = scenarios
        .iter()
        .filter_map(|(s, id)| Some((s.id.clone(), cx.locate(id.as_ref()?.span.clone()))))
        .collect();
    if cx.has_errors() {
        return None;
    }
    let topic = header?;
    if exercises.is_empty()
        && questions.is_empty()
        && scenarios.is_empty()
        && katas.is_empty()
        && cards.is_empty()
        && notes.is_empty()
        && predictions.is_empty()
    {
        cx.report(
            NO_ITEMS,
            topic.span.clone(),
            "file defines no question, no exercise and no scenario",
        )
        .help = Some("add a `[[question]]` or an `[[exercise]]` table".into());
    }
    let locate = |cx: &mut Cx, id: Option<item::Id>| id.map(|id| cx.locate(id.span));
    let exercises = exercises
        .into_iter()
        .filter_map(|(e, id)| Some((e, locate(cx, id)?)))
        .collect();
    let questions = questions
        .into_iter()
        .filter_map(|(q, id)| Some((q, locate(cx, id)?)))
        .collect();
    let katas = katas
        .into_iter()
        .filter_map(|(k, id)| Some((k, locate(cx, id)?)))
        .collect();
    let scenarios = scenarios
        .into_iter()
        .filter_map(|(s, id)| Some((s, locate(cx, id)?)))
        .collect();
    let cards = cards
        .into_iter()
        .filter_map(|(c, id)| Some((c, locate(cx, id)?)))
        .collect();
    let notes = notes
        .into_iter()
        .filter_map(|(n, id)| Some((n, locate(cx, id)?)))
        .collect();
    let predictions = predictions
        .into_iter()
        .filter_map(|(p, id)| Some((p, locate(cx, id)?)))
        .collect();
    let replays = std::mem::take(&mut cx.replays)
        .into_iter()
        .map(|(id, span)| (id, cx.locate(span)))
        .collect();
    Some(FileContent {
        topic,
        exercises,
        questions,
        katas,
        cards,
        notes,
        predictions,
        scenarios,
        replays,
    })
}

/// `[topic]`, which must be a single table.
fn read_topic(cx: &mut Cx, value: &Spanned<DeValue>) -> Option<topic::TopicHeader> {
    if let DeValue::Table(table) = value.get_ref() {
        return topic::read(cx, table, value.span());
    }
    let message = format!(
        "`topic` must be a table, found {}",
        describe(value.get_ref())
    );
    cx.report(WRONG_TYPE, value.span(), message).help =
        Some("write it once as `[topic]`, with `id` and `title` under it".into());
    None
}

/// The tables of an array of tables (`[[question]]`, or an inline array of
/// inline tables); anything else is a wrong type.
fn tables_of<'a, 'i>(
    cx: &mut Cx,
    name: &str,
    value: &'a Spanned<DeValue<'i>>,
) -> Vec<(&'a DeTable<'i>, Span)> {
    let mut tables = Vec::new();
    let DeValue::Array(array) = value.get_ref() else {
        // `[question]` alone: the header is the span, and doubling it fixes it.
        let fix = match (value.get_ref(), cx.text.get(value.span())) {
            (DeValue::Table(_), Some(header))
                if header.starts_with('[') && !header.starts_with("[[") =>
            {
                Some(cx.fix(value.span(), format!("[[{name}]]")))
            }
            _ => None,
        };
        let d = cx.report(
            WRONG_TYPE,
            value.span(),
            format!(
                "`{name}` must be an array of tables, found {}",
                describe(value.get_ref())
            ),
        );
        d.help = Some(format!("write each one under its own `[[{name}]]` header"));
        d.fix = fix;
        return tables;
    };
    for element in array.iter() {
        match element.get_ref() {
            DeValue::Table(table) => tables.push((table, element.span())),
            other => {
                cx.report(
                    WRONG_TYPE,
                    element.span(),
                    format!("each `{name}` must be a table, found {}", describe(other)),
                );
            }
        }
    }
    tables
}

/// A value's type in a message: "an integer", "a string"…
fn describe(value: &DeValue) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}
