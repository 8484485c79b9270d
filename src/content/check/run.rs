//! `[exercise.run]`: what a completed exercise runs with. The Python itself is
//! checked by running it (`practice::runnable`), outside `content`, which
//! knows no interpreter; here the table's shape, and where each line of each
//! snippet was written, so those later problems point into the file.

use super::fields::{Fields, Text, wrong_type};
use super::{Cx, Span};
use crate::content::rules::{OUT_OF_RANGE, RUN_NOT_PYTHON};
use crate::content::{Run, RunLimits, Snippet};
use toml::de::DeValue;

pub(crate) const RUN_KEYS: &[&str] = &[
    "setup",
    "tests",
    "output",
    "time_ms",
    "memory_mib",
    "output_kib",
];

/// Read `run` when present. `lang` and `code` are the exercise's, for the
/// language check and the places of the code's lines.
pub(super) fn read(
    cx: &mut Cx,
    fields: &Fields,
    lang: Option<&Text>,
    code: Option<&Text>,
) -> Option<Run> {
    let value = fields.get("run")?;
    let DeValue::Table(table) = value.get_ref() else {
        wrong_type(cx, "run", "a table (`[exercise.run]`)", value);
        return None;
    };
    let span = value.span();
    let f = Fields::new(cx, table, span.clone(), "`[exercise.run]`", RUN_KEYS, &[]);
    match lang {
        Some(lang) if lang.value == "python" => {}
        Some(lang) => {
            cx.report(
                RUN_NOT_PYTHON,
                lang.span.clone(),
                format!(
                    "a runnable exercise is in `{}`; kata's sandbox runs only Python",
                    lang.value
                ),
            )
            .help = Some("set `lang = \"python\"`, or remove `[exercise.run]`".into());
        }
        None => {
            cx.report(
                RUN_NOT_PYTHON,
                fields.header(),
                "a runnable exercise needs `lang = \"python\"`",
            )
            .help = Some("add `lang = \"python\"` to the exercise".into());
        }
    }
    let setup = f
        .string(cx, "setup", false)
        .map(|t| snippet(cx, &t))
        .unwrap_or_default();
    let tests = match f.get("tests") {
        None => Vec::new(),
        Some(v) => match v.get_ref() {
            DeValue::Array(array) => {
                let mut tests = Vec::new();
                for element in array.iter() {
                    if let Some(t) = super::fields::as_string(cx, "tests", element) {
                        tests.push(snippet(cx, &t));
                    }
                }
                tests
            }
            _ => {
                wrong_type(cx, "tests", "an array of strings", v);
                Vec::new()
            }
        },
    };
    let output = f.string(cx, "output", false).map(|t| t.value.to_string());
    let max = RunLimits::MAX;
    let limits = RunLimits {
        time_ms: limit(cx, &f, "time_ms", max.time_ms, "milliseconds"),
        memory_mib: limit(cx, &f, "memory_mib", max.memory_mib, "MiB"),
        output_kib: limit(cx, &f, "output_kib", max.output_kib, "KiB"),
    };
    let at = cx.lines.place(span.start);
    let code_lines = code.map(|c| snippet(cx, c).lines).unwrap_or_default();
    let file_lines = std::iter::once(at)
        .chain(setup.lines.iter().copied())
        .chain(tests.iter().flat_map(|t| t.lines.iter().copied()))
        .chain(code_lines.iter().copied())
        .map(|p| (p.line, cx.lines.line_text(p.line).to_string()))
        .collect();
    Some(Run {
        setup,
        tests,
        output,
        limits,
        at,
        code_lines,
        file_lines,
    })
}

/// An author may lower a limit, never raise it.
fn limit(cx: &mut Cx, f: &Fields, key: &str, max: u64, unit: &str) -> u64 {
    match f.integer(cx, key) {
        None => max,
        Some((n, _)) if (1..=max as i64).contains(&n) => n as u64,
        Some((n, span)) => {
            cx.report(
                OUT_OF_RANGE,
                span,
                format!("`{key}` is {n}; a run may use 1 to {max} {unit}"),
            )
            .help = Some(format!("leave it out for the most, {max} {unit}"));
            max
        }
    }
}

/// The text with the file place of each of its lines.
fn snippet(cx: &Cx, text: &Text) -> Snippet {
    // One walk of the string for all its lines: a walk per line made
    // checking a long setup quadratic in its length.
    let positions = super::strings::Positions::new(cx.text, &text.span, text.value);
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in text.value.split('\n') {
        lines.push(cx.lines.place(positions.at(offset)));
        offset += line.len() + 1;
    }
    Snippet {
        text: text.value.to_string(),
        lines,
    }
}

/// Where a kata's Python was written, as a [`Run`]: its setup and tests, the
/// solution's lines as `code_lines`, and the `[[kata]]` header as `at`. Read
/// without reporting: the kata's own checks report these keys.
pub(super) fn kata_places(cx: &Cx, fields: &Fields, header: &Span) -> Run {
    let silent = |key: &str| -> Option<Text> {
        match fields.get(key)?.get_ref() {
            DeValue::String(s) => Some(Text {
                value: s.as_ref(),
                span: fields.get(key)?.span(),
            }),
            _ => None,
        }
    };
    let setup = silent("setup").map(|t| snippet(cx, &t)).unwrap_or_default();
    let tests = match fields.get("tests").map(|v| v.get_ref()) {
        Some(DeValue::Array(array)) => array
            .iter()
            .filter_map(|v| match v.get_ref() {
                DeValue::String(s) => Some(snippet(
                    cx,
                    &Text {
                        value: s.as_ref(),
                        span: v.span(),
                    },
                )),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let code_lines = silent("solution")
        .map(|t| snippet(cx, &t).lines)
        .unwrap_or_default();
    let at = cx.lines.place(header.start);
    let file_lines = std::iter::once(at)
        .chain(setup.lines.iter().copied())
        .chain(tests.iter().flat_map(|t| t.lines.iter().copied()))
        .chain(code_lines.iter().copied())
        .map(|p| (p.line, cx.lines.line_text(p.line).to_string()))
        .collect();
    Run {
        setup,
        tests,
        output: None,
        limits: RunLimits::default(),
        at,
        code_lines,
        file_lines,
    }
}
