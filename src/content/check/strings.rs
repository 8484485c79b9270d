//! Pointing inside a string: which source character produced the n-th
//! character of a decoded TOML string. The parser gives the string's span
//! (quotes included); escapes (`\u001b`, `\e`, `\x1b`…), a trimmed first
//! newline and line-ending backslashes make the decoded value drift from the
//! source, so the four string forms are walked here to map one onto the other.

use super::fields::Text;
use super::{Cx, Span};
use crate::content::rules::{CONTROL_CHARACTER, INVISIBLE_CHARACTER};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Every key and every string of a document, at any depth (scenario `data`
/// keys, `set` field names, both sides of `add`, `generate.pattern` keys,
/// values however they are read later), is checked here once: control
/// characters are errors at the character, bidi controls and zero-width
/// characters warnings.
pub(super) fn check_keys_and_invisibles(cx: &mut Cx, table: &DeTable) {
    for (key, value) in table.iter() {
        let text = Text {
            value: key.get_ref().as_ref(),
            span: key.span(),
        };
        check_controls(cx, &text);
        check_invisible(cx, &text);
        check_value(cx, value);
    }
}

fn check_value(cx: &mut Cx, value: &Spanned<DeValue>) {
    match value.get_ref() {
        DeValue::String(s) => {
            let text = Text {
                value: s.as_ref(),
                span: value.span(),
            };
            check_controls(cx, &text);
            check_invisible(cx, &text);
        }
        DeValue::Array(items) => items.iter().for_each(|v| check_value(cx, v)),
        DeValue::Table(table) => check_keys_and_invisibles(cx, table),
        _ => {}
    }
}

/// Warn at each bidi control or zero-width character: `"Yes"` and
/// `"Yes\u{200b}"` look alike, and U+202E shows what follows backwards.
fn check_invisible(cx: &mut Cx, text: &Text) {
    // Walked once, on the first such character, as for control characters.
    let mut positions = None;
    for (index, c) in text.value.char_indices() {
        if !crate::safe_text::is_invisible(c) {
            continue;
        }
        let positions =
            positions.get_or_insert_with(|| Positions::new(cx.text, &text.span, text.value));
        let at = positions.at(index);
        let end = positions.at(index + c.len_utf8());
        cx.report(
            INVISIBLE_CHARACTER,
            at..end.max(at + 1),
            format!(
                "text holds the invisible character U+{:04X}{}",
                c as u32,
                invisible_name(c)
            ),
        )
        .help = Some(
            "it changes how the text reads without showing itself; remove it (kata shows it as `\\u{...}`)"
                .into(),
        );
    }
}

fn invisible_name(c: char) -> &'static str {
    match c {
        '\u{200b}' => " (zero-width space)",
        '\u{200c}' => " (zero-width non-joiner)",
        '\u{200d}' => " (zero-width joiner)",
        '\u{2060}' => " (word joiner)",
        '\u{feff}' => " (zero-width no-break space)",
        '\u{202e}' => " (right-to-left override)",
        '\u{202d}' => " (left-to-right override)",
        '\u{202c}' => " (pop directional formatting)",
        _ => " (a bidi control)",
    }
}

/// Report every control character in a string other than newline, tab and
/// the CR of a CRLF line end, at the character (or escape) that wrote it.
pub(super) fn check_controls(cx: &mut Cx, text: &Text) {
    let mut chars = text.value.char_indices().peekable();
    // Walked once, on the first control character: a string full of them
    // costs its length, not its length times their number.
    let mut positions = None;
    while let Some((index, c)) = chars.next() {
        let allowed =
            c == '\n' || c == '\t' || (c == '\r' && chars.peek().map(|p| p.1) == Some('\n'));
        if !c.is_control() || allowed {
            continue;
        }
        let positions =
            positions.get_or_insert_with(|| Positions::new(cx.text, &text.span, text.value));
        let at = positions.at(index);
        let end = positions.at(index + c.len_utf8());
        let name = control_name(c);
        cx.report(
            CONTROL_CHARACTER,
            at..end.max(at + 1),
            format!(
                "string holds the control character U+{:04X}{name}",
                c as u32
            ),
        )
        .help = Some(if c == '\r' {
            "a lone carriage return can overwrite what a learner sees; remove it".into()
        } else {
            "control characters can drive the learner's terminal; remove it (newline and tab are fine)".into()
        });
    }
}

fn control_name(c: char) -> &'static str {
    match c {
        '\0' => " (NUL)",
        '\u{7}' => " (BEL)",
        '\u{8}' => " (backspace)",
        '\u{c}' => " (form feed)",
        '\r' => " (carriage return)",
        '\u{1b}' => " (ESC)",
        '\u{7f}' => " (DEL)",
        '\u{80}'..='\u{9f}' => " (C1 control)",
        _ => "",
    }
}

/// The byte offset in `source` where the decoded byte `index` of `value` was
/// written. `span` is the string's span in `source`, quotes included; when
/// the walk cannot follow the source, the string's start is the answer.
/// Walks the string each call: for many places in one string, keep a
/// [`Positions`] instead.
pub(super) fn locate(source: &str, span: &Span, value: &str, index: usize) -> usize {
    Positions::new(source, span, value).at(index)
}

/// Where each character of one decoded string was written: walked once,
/// then asked for as many places as needed (every blank of a long code).
pub(super) struct Positions {
    start: usize,
    /// (byte offset in the decoded value, byte offset in the token) per
    /// character; `None` when the walk cannot follow the source.
    map: Option<Vec<(usize, usize)>>,
    /// The closing quote's offset in the token.
    closing: usize,
}

impl Positions {
    pub(super) fn new(source: &str, span: &Span, value: &str) -> Positions {
        let unknown = Positions {
            start: span.start,
            map: None,
            closing: 0,
        };
        let Some(raw) = source.get(span.clone()) else {
            return unknown;
        };
        let Some(walked) = decode_positions(raw) else {
            return unknown;
        };
        // Check the walk decoded the same string the parser did before trusting it.
        if !walked.iter().map(|(c, _)| *c).eq(value.chars()) {
            return unknown;
        }
        let mut decoded = 0;
        let map = walked
            .iter()
            .map(|(c, at)| {
                let entry = (decoded, *at);
                decoded += c.len_utf8();
                entry
            })
            .collect();
        Positions {
            start: span.start,
            map: Some(map),
            closing: raw.len().saturating_sub(closing_len(raw)),
        }
    }

    /// The byte offset in the source where decoded byte `index` was written
    /// (one past the last character: the closing quote).
    pub(super) fn at(&self, index: usize) -> usize {
        let Some(map) = &self.map else {
            return self.start;
        };
        let i = map.partition_point(|(decoded, _)| *decoded < index);
        self.start + map.get(i).map_or(self.closing, |(_, at)| *at)
    }
}

fn closing_len(raw: &str) -> usize {
    if raw.ends_with("\"\"\"") || raw.ends_with("'''") {
        3
    } else {
        1
    }
}

/// Every decoded character of a TOML string token with the offset (in the
/// token) where it was written; `None` when the token is not a string form.
fn decode_positions(raw: &str) -> Option<Vec<(char, usize)>> {
    let (open, escapes, multi) = if raw.len() >= 6 && raw.starts_with("\"\"\"") {
        (3, true, true)
    } else if raw.len() >= 6 && raw.starts_with("'''") {
        (3, false, true)
    } else if raw.len() >= 2 && raw.starts_with('"') {
        (1, true, false)
    } else if raw.len() >= 2 && raw.starts_with('\'') {
        (1, false, false)
    } else {
        return None;
    };
    let body_end = raw.len() - open;
    let mut pos = open;
    // A newline right after the opening delimiter is not part of the value.
    if multi {
        if raw[pos..].starts_with("\r\n") {
            pos += 2;
        } else if raw[pos..].starts_with('\n') {
            pos += 1;
        }
    }
    let mut out = Vec::new();
    crate::content::work::count(body_end.saturating_sub(pos));
    while pos < body_end {
        let c = raw[pos..].chars().next()?;
        if !(escapes && c == '\\') {
            out.push((c, pos));
            pos += c.len_utf8();
            continue;
        }
        let kind = raw[pos + 1..].chars().next()?;
        let simple = match kind {
            'b' => Some('\u{8}'),
            't' => Some('\t'),
            'n' => Some('\n'),
            'f' => Some('\u{c}'),
            'r' => Some('\r'),
            'e' => Some('\u{1b}'),
            '"' => Some('"'),
            '\\' => Some('\\'),
            _ => None,
        };
        if let Some(decoded) = simple {
            out.push((decoded, pos));
            pos += 2;
            continue;
        }
        let digits = match kind {
            'x' => 2,
            'u' => 4,
            'U' => 8,
            _ => 0,
        };
        if digits > 0 {
            let hex = raw.get(pos + 2..pos + 2 + digits)?;
            let decoded = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
            out.push((decoded, pos));
            pos += 2 + digits;
            continue;
        }
        // A line-ending backslash: it and all whitespace up to the next
        // visible character vanish.
        if multi && matches!(kind, ' ' | '\t' | '\r' | '\n') {
            pos += 1;
            while pos < body_end && matches!(raw.as_bytes()[pos], b' ' | b'\t' | b'\r' | b'\n') {
                pos += 1;
            }
            continue;
        }
        return None;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spot(source: &str, value: &str, index: usize) -> usize {
        let start = source.find(['"', '\'']).unwrap();
        locate(source, &(start..source.len()), value, index)
    }

    #[test]
    fn escapes_point_at_their_backslash() {
        let source = r#"x = "a\u001bb\e""#;
        assert_eq!(spot(source, "a\u{1b}b\u{1b}", 1), 6);
        assert_eq!(spot(source, "a\u{1b}b\u{1b}", 3), 13);
    }

    #[test]
    fn multi_line_strings_skip_the_first_newline_and_folded_lines() {
        let source = "x = \"\"\"\nab\\\n    c\u{7f}\"\"\"";
        let value = "abc\u{7f}";
        assert_eq!(&source[spot(source, value, 2)..][..1], "c");
        assert_eq!(spot(source, value, 3), source.find('\u{7f}').unwrap());
        let literal = "x = '''\n{{1}}'''";
        assert_eq!(&literal[spot(literal, "{{1}}", 0)..][..5], "{{1}}");
    }

    #[test]
    fn a_walk_that_disagrees_with_the_parser_falls_back_to_the_start() {
        assert_eq!(spot(r#"x = "abc""#, "xyz", 2), 4);
    }
}
