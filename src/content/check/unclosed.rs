//! An array left open (`options = ["a", "b"` and no `]`): TOML reports it at
//! the next line ("missing comma between array elements"), where nothing is
//! wrong. This finds the `[` that is never closed, so the report can point
//! where the `]` belongs, with the place the array opened as a note.

use super::{Cx, Span};

/// The `[` of an array that is open at `offset` and never closed in the
/// file, if there is one (the innermost).
pub(super) fn unclosed_array_at(text: &str, offset: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut open: Vec<usize> = Vec::new();
    let mut at = 0;
    let mut at_offset: Option<Vec<usize>> = None;
    let mut line_start = true;
    while at < bytes.len() {
        if at >= offset && at_offset.is_none() {
            at_offset = Some(open.clone());
        }
        let b = bytes[at];
        let header = line_start && open.is_empty() && b == b'[';
        if !b.is_ascii_whitespace() {
            line_start = false;
        }
        match b {
            b'\n' => {
                line_start = open.is_empty();
                at += 1;
            }
            b'#' => at = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n),
            b'"' | b'\'' => at = skip_string(bytes, at),
            // A table header's brackets are not an array.
            b'[' if header => {
                at = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n)
            }
            b'[' => {
                open.push(at);
                at += 1;
            }
            b']' => {
                open.pop();
                at += 1;
            }
            _ => at += 1,
        }
    }
    let at_offset = at_offset.unwrap_or_else(|| open.clone());
    // Open at the error and still open at the end of the file.
    at_offset.iter().rev().find(|o| open.contains(o)).copied()
}

/// Past a string starting at `at`: basic or literal, one line or three quotes.
fn skip_string(bytes: &[u8], at: usize) -> usize {
    let quote = bytes[at];
    let triple = bytes[at..].starts_with(&[quote; 3]);
    let mut i = at + if triple { 3 } else { 1 };
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\n' if !triple => return i,
            q if q == quote => {
                if !triple {
                    return i + 1;
                }
                if bytes[i..].starts_with(&[quote; 3]) {
                    // A closing run may hold up to two more quotes (`""""`).
                    let run = bytes[i..].iter().take_while(|b| **b == quote).count();
                    return i + run.min(5);
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Where the `]` belongs: right after the last text before the line of
/// `stopped`, when that line starts a new `key =` (so the array surely
/// ended before it).
fn close_at(text: &str, stopped: usize) -> Option<usize> {
    let line_start = text[..stopped.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next().unwrap_or("");
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.');
    if !bare {
        return None;
    }
    // The previous line with something on it, its comment left out.
    let mut last = None;
    let mut offset = 0;
    for line in text[..line_start].split_inclusive('\n') {
        let code = code_end(line.as_bytes());
        if !line[..code].trim().is_empty() {
            last = Some(offset + code);
        }
        offset += line.len();
    }
    last
}

/// Where a line's code ends: before its comment and trailing spaces
/// (a `#` inside a string is not a comment).
fn code_end(line: &[u8]) -> usize {
    let mut at = 0;
    let mut end = 0;
    while at < line.len() {
        match line[at] {
            b'#' | b'\n' | b'\r' => break,
            b'"' | b'\'' => {
                at = skip_string(line, at);
                end = at;
            }
            b' ' | b'\t' => at += 1,
            _ => {
                at += 1;
                end = at;
            }
        }
    }
    end
}

/// Whether `fixed` parses with fewer errors than `text`.
fn fewer_errors(text: &str, fixed: &str) -> bool {
    let (_, before) = toml::de::DeTable::parse_recoverable(text);
    let (_, after) = toml::de::DeTable::parse_recoverable(fixed);
    after.len() < before.len()
}

/// Report an array that is never closed, if that is what stopped TOML at
/// `stopped`: at the place its `]` belongs (with the fix) or where TOML
/// stopped, the `[` as a note. Returns whether it reported.
pub(super) fn report(cx: &mut Cx, text: &str, stopped: Span) -> bool {
    let Some(open) = unclosed_array_at(text, stopped.start) else {
        return false;
    };
    let related = cx.locate(open..open + 1).related("the array opened here");
    // Offered only if TOML agrees: the file parses with fewer errors.
    let close = close_at(text, stopped.start)
        .filter(|c| *c > open)
        .filter(|c| fewer_errors(text, &format!("{}]{}", &text[..*c], &text[*c..])));
    let (span, fix) = match close {
        Some(c) => (c..c, Some(cx.fix(c..c, "]"))),
        None => (stopped.clone(), None),
    };
    let d = cx.report(
        super::INVALID_TOML,
        span,
        "invalid TOML: this array is never closed: it needs a `]` after its last element",
    );
    d.help = Some("close the array with `]` after its last element".into());
    d.related.push(related);
    d.fix = fix;
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_array_left_open_is_found_and_a_closed_one_is_not() {
        let text = "options = [\"a\", \"b]\"\nanswer = \"A\"\nx = [1]\n";
        let stopped = text.find("answer").unwrap();
        assert_eq!(unclosed_array_at(text, stopped), Some(10));
        assert_eq!(close_at(text, stopped), Some(text.find('\n').unwrap()));
        let commented = "o = [\"C #\", \"a\" # the last\nanswer = 1\n";
        assert_eq!(
            close_at(commented, commented.find("answer").unwrap()),
            Some(15)
        );

        // A missing comma inside a closed array is not an unclosed array.
        let text = "options = [\n  \"a\"\n  \"b\",\n]\n";
        assert_eq!(unclosed_array_at(text, text.find("\"b\"").unwrap()), None);
    }

    #[test]
    fn brackets_in_strings_comments_and_headers_do_not_count() {
        let text = "[[question]]\n# [\nsteps = ['''[''', \"[\"]\n";
        assert_eq!(unclosed_array_at(text, text.len()), None);
    }
}
