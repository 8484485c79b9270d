//! TOML 1.1-only syntax, flagged (K052): kata reads TOML 1.1, but editors,
//! taplo, Python's `tomllib` and most schema CI read TOML 1.0, so a file
//! that uses 1.1's additions checks clean here and shows red everywhere else.
//!
//! The additions of TOML 1.1 (toml.io/en/v1.1.0, "Changes"): newlines and a
//! trailing comma inside inline tables, the `\e` and `\xHH` escapes in basic
//! strings, and times without seconds. This is a scanner over the text, run
//! only on files that parsed: it knows strings, comments and brackets, which
//! is all it takes to find each one at its exact place.

use super::Cx;
use crate::content::rules::TOML_1_1_ONLY;

/// What the scanner is inside of.
#[derive(Clone, Copy, PartialEq)]
enum Frame {
    Array,
    /// An inline table: where its `{` is, whether a newline was already
    /// reported in it, and whether the last thing in it was a comma.
    Inline {
        open: usize,
        reported: bool,
        comma: Option<usize>,
    },
}

/// Report every TOML 1.1-only construct in `text`.
pub(super) fn check(cx: &mut Cx, text: &str) {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut at = 0;
    // Whether the scanner is on a table header line (`[a]`, `[[a]]`): a
    // bracket there is not an array.
    let mut line_start = true;
    while at < bytes.len() {
        let b = bytes[at];
        let header = line_start && stack.is_empty() && b == b'[';
        if !b.is_ascii_whitespace() {
            line_start = false;
        }
        // Anything but a comma, a space, a comment or the closing brace
        // means the last comma was not trailing.
        if !b",}#".contains(&b)
            && !b.is_ascii_whitespace()
            && let Some(Frame::Inline { comma, .. }) = stack.last_mut()
        {
            *comma = None;
        }
        match b {
            b'\n' => {
                if let Some(Frame::Inline { open, reported, .. }) = stack.last_mut()
                    && !*reported
                {
                    *reported = true;
                    let open = *open;
                    newline_in_inline_table(cx, open, at);
                }
                line_start = stack.is_empty();
                at += 1;
            }
            b'#' => at = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n),
            b'"' | b'\'' => at = string(cx, text, at),
            b'[' if header => {
                // A header runs to its closing bracket(s); keys in it may be quoted.
                at += 1;
                while at < bytes.len() && bytes[at] != b'\n' {
                    match bytes[at] {
                        b'"' | b'\'' => at = string(cx, text, at),
                        b']' if !bytes[at + 1..].starts_with(b"]") => {
                            at += 1;
                            break;
                        }
                        _ => at += 1,
                    }
                }
            }
            b'[' => {
                stack.push(Frame::Array);
                at += 1;
            }
            b'{' => {
                stack.push(Frame::Inline {
                    open: at,
                    reported: false,
                    comma: None,
                });
                at += 1;
            }
            b']' | b'}' => {
                if let Some(Frame::Inline {
                    comma: Some(comma), ..
                }) = stack.last()
                {
                    trailing_comma(cx, *comma);
                }
                stack.pop();
                at += 1;
            }
            b',' => {
                if let Some(Frame::Inline { comma, .. }) = stack.last_mut() {
                    *comma = Some(at);
                }
                at += 1;
            }
            b'0'..=b'9' => at = bare_value(cx, text, at),
            _ => at += 1,
        }
    }
}

fn newline_in_inline_table(cx: &mut Cx, open: usize, newline: usize) {
    let related = cx
        .locate(newline..newline)
        .related("the line ends here, inside the braces");
    let d = cx.report(
        TOML_1_1_ONLY,
        open..open + 1,
        "an inline table `{ … }` that spans lines is TOML 1.1: editors, taplo and Python's tomllib read TOML 1.0 and refuse it",
    );
    d.help = Some(
        "write it on one line, or as a table of its own (`[scenario.rules]` with one `key = value` per line)"
            .into(),
    );
    d.related.push(related);
}

fn trailing_comma(cx: &mut Cx, comma: usize) {
    let fix = cx.fix(comma..comma + 1, "");
    let d = cx.report(
        TOML_1_1_ONLY,
        comma..comma + 1,
        "a comma after the last entry of an inline table is TOML 1.1: editors, taplo and Python's tomllib read TOML 1.0 and refuse it",
    );
    d.help = Some("delete this comma (arrays may end with one; inline tables may not)".into());
    d.fix = Some(fix);
}

/// Skip a string starting at `start` (any of the four kinds), reporting the
/// 1.1-only escapes of basic strings; returns the offset past its end.
fn string(cx: &mut Cx, text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let quote = bytes[start];
    let triple = bytes[start..].starts_with(&[quote; 3]);
    let mut at = start + if triple { 3 } else { 1 };
    while at < bytes.len() {
        let b = bytes[at];
        if b == b'\\' && quote == b'"' {
            match bytes.get(at + 1) {
                Some(b'e') => {
                    let fix = cx.fix(at..at + 2, "\\u001B");
                    let d = cx.report(
                        TOML_1_1_ONLY,
                        at..at + 2,
                        "the escape `\\e` is TOML 1.1: editors, taplo and Python's tomllib read TOML 1.0 and refuse it",
                    );
                    d.help = Some("write `\\u001B` (the same character, in TOML 1.0)".into());
                    d.fix = Some(fix);
                }
                Some(b'x') => {
                    let digits = text.get(at + 2..at + 4).unwrap_or("");
                    let fix = (digits.len() == 2 && digits.bytes().all(|b| b.is_ascii_hexdigit()))
                        .then(|| cx.fix(at..at + 4, format!("\\u00{digits}")));
                    let d = cx.report(
                        TOML_1_1_ONLY,
                        at..(at + 4).min(bytes.len()),
                        format!("the escape `\\x{digits}` is TOML 1.1: editors, taplo and Python's tomllib read TOML 1.0 and refuse it"),
                    );
                    d.help = Some(format!(
                        "write `\\u00{digits}` (the same character, in TOML 1.0)"
                    ));
                    d.fix = fix;
                }
                _ => {}
            }
            at += 2;
            continue;
        }
        if b == quote {
            if !triple {
                return at + 1;
            }
            if bytes[at..].starts_with(&[quote; 3]) {
                // Up to two more quotes may close a multi-line string: `""""`.
                let mut end = at + 3;
                while end < bytes.len() && bytes[end] == quote && end < at + 5 {
                    end += 1;
                }
                return end;
            }
        }
        if b == b'\n' && !triple {
            return at;
        }
        at += 1;
    }
    at
}

/// A bare value starting with a digit: a number, a date or a time. A time
/// of `HH:MM` with no `:SS` after it is TOML 1.1.
fn bare_value(cx: &mut Cx, text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    while end < bytes.len()
        && (bytes[end].is_ascii_alphanumeric() || b"-+:._".contains(&bytes[end]))
    {
        end += 1;
    }
    // A local date-time may write a space for the `T`: the time is the next word.
    let token = &text[start..end];
    let time = match token.find(['T', 't']) {
        Some(t) if token[..t].len() == 10 => Some(start + t + 1),
        _ if token.len() == 10
            && token.as_bytes()[4] == b'-'
            && bytes.get(end) == Some(&b' ')
            && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) =>
        {
            let time_start = end + 1;
            end = time_start;
            while end < bytes.len()
                && (bytes[end].is_ascii_alphanumeric() || b"-+:._".contains(&bytes[end]))
            {
                end += 1;
            }
            Some(time_start)
        }
        _ if token.as_bytes().get(2) == Some(&b':') => Some(start),
        _ => None,
    };
    if let Some(time) = time {
        let t = &bytes[time..end];
        let hh_mm = t.len() >= 5 && t[2] == b':' && t[..2].iter().all(u8::is_ascii_digit);
        if hh_mm && t.get(5) != Some(&b':') {
            let with_seconds = format!("{}:00", String::from_utf8_lossy(&t[..5]));
            let fix = cx.fix(time..time + 5, with_seconds.clone());
            let d = cx.report(
                TOML_1_1_ONLY,
                time..time + 5,
                "a time without seconds is TOML 1.1: editors, taplo and Python's tomllib read TOML 1.0 and refuse it",
            );
            d.help = Some(format!("write the seconds: `{with_seconds}`"));
            d.fix = Some(fix);
        }
    }
    end
}
