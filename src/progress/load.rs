//! Reading a journal's bytes: every good line is kept, every bad one is named.
//!
//! Pure: takes bytes, returns events and problems. The file handling (locks,
//! truncating a torn tail) is in `journal.rs`.

use super::event::{LineError, Recorded, parse_line};

/// What loading found.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The good events, in journal order.
    pub events: Vec<Recorded>,
    /// Lines that were skipped, and a torn last line, in line order.
    pub problems: Vec<Problem>,
    /// Length in bytes of the journal up to the end of its last complete line.
    /// A torn tail starts here and is cut off before the next append.
    pub good_len: u64,
    /// The last line is a complete event without its newline (say, hand-edited):
    /// it is kept, and a newline goes before the next append.
    pub needs_newline: bool,
}

impl Loaded {
    /// True when the last line was torn (a crash mid-write).
    pub fn torn(&self) -> bool {
        self.problems.iter().any(|p| p.what == What::Torn)
    }
}

/// One line that could not be used.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// 1-based line number in the journal.
    pub line: usize,
    pub what: What,
}

/// What was wrong with a line.
#[derive(Debug, Clone, PartialEq)]
pub enum What {
    /// The last line stops mid-way: the process died while writing it.
    Torn,
    /// Any other unreadable line; it is skipped and kept in the file.
    Bad(LineError),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.what {
            What::Torn => write!(
                f,
                "line {}: the last line is incomplete (kata stopped while writing it); it is ignored and will be removed before the next answer is saved",
                self.line
            ),
            What::Bad(e) => write!(f, "line {}: {e}; the line is skipped", self.line),
        }
    }
}

/// Read every line of a journal.
///
/// ```
/// let bytes = b"{\"v\":1,\"at\":0,\"type\":\"ProgressReset\"}\nnot json\n{\"v\":1,\"at";
/// let loaded = kata::progress::load_bytes(bytes);
/// assert_eq!(loaded.events.len(), 1);
/// assert_eq!(loaded.problems.len(), 2);
/// assert!(loaded.torn());
/// assert_eq!(loaded.good_len, bytes.len() as u64 - 11);
/// ```
pub fn load_bytes(bytes: &[u8]) -> Loaded {
    let mut loaded = Loaded {
        // ~150 bytes a line: reserve once instead of growing a million-event Vec step by step.
        events: Vec::with_capacity(bytes.len() / 128),
        ..Loaded::default()
    };
    let mut start = 0usize;
    let mut number = 0usize;
    while start < bytes.len() {
        number += 1;
        let (line, end, complete) = match memchr_newline(&bytes[start..]) {
            Some(i) => (&bytes[start..start + i], start + i + 1, true),
            None => (&bytes[start..], bytes.len(), false),
        };
        let parsed = if is_blank(line) {
            None
        } else {
            Some(parse_line(strip_cr(line)))
        };
        match (parsed, complete) {
            (None, true) => {}
            (None, false) => {} // trailing spaces without newline: nothing to keep or report
            (Some(Ok(event)), complete) => {
                loaded.events.push(event);
                loaded.needs_newline = !complete;
            }
            (Some(Err(e)), true) => loaded.problems.push(Problem {
                line: number,
                what: What::Bad(e),
            }),
            (Some(Err(_)), false) => {
                loaded.problems.push(Problem {
                    line: number,
                    what: What::Torn,
                });
                loaded.good_len = start as u64;
                return loaded;
            }
        }
        start = end;
    }
    loaded.good_len = bytes.len() as u64;
    loaded
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(u8::is_ascii_whitespace)
}

fn strip_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::event::{Event, LineError};

    fn reset(at: i64) -> String {
        Recorded {
            at,
            event: Event::ProgressReset { topic: None },
        }
        .to_line()
    }

    #[test]
    fn a_torn_last_line_is_ignored_and_reported_once() {
        let good = reset(1) + &reset(2);
        let journal = good.clone() + r#"{"v":1,"at":3,"type":"Progr"#;
        let loaded = load_bytes(journal.as_bytes());
        assert_eq!(loaded.events.len(), 2);
        assert_eq!(loaded.problems.len(), 1);
        assert_eq!(loaded.problems[0].line, 3);
        assert!(loaded.torn());
        assert_eq!(loaded.good_len, good.len() as u64);
        assert!(
            loaded.problems[0]
                .to_string()
                .starts_with("line 3: the last line is incomplete")
        );
    }

    #[test]
    fn a_bad_line_in_the_middle_is_skipped_with_its_number() {
        let journal = reset(1) + "this is not json\n" + &reset(2);
        let loaded = load_bytes(journal.as_bytes());
        assert_eq!(loaded.events.len(), 2, "the good lines on both sides load");
        assert_eq!(loaded.problems.len(), 1);
        assert_eq!(loaded.problems[0].line, 2);
        assert!(matches!(
            loaded.problems[0].what,
            What::Bad(LineError::NotJson(_))
        ));
        assert!(!loaded.torn());
        assert_eq!(loaded.good_len, journal.len() as u64);
    }

    #[test]
    fn unknown_types_and_future_versions_are_named() {
        let journal = reset(1)
            + "{\"v\":1,\"at\":2,\"type\":\"BadgeEarned\",\"badge\":\"gold\"}\n"
            + "{\"v\":2,\"at\":3,\"type\":\"AnswerSubmitted\",\"answer\":{\"new\":true}}\n"
            + &reset(4);
        let loaded = load_bytes(journal.as_bytes());
        assert_eq!(loaded.events.len(), 2);
        let messages: Vec<String> = loaded.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            messages,
            [
                "line 2: unknown event type `BadgeEarned` (written by a newer kata?); the line is skipped",
                "line 3: format version 2 is newer than this kata reads (1); update kata to see it; the line is skipped",
            ]
        );
    }

    #[test]
    fn a_complete_last_line_without_newline_is_kept() {
        let line = reset(1);
        let journal = line.trim_end();
        let loaded = load_bytes(journal.as_bytes());
        assert_eq!(loaded.events.len(), 1);
        assert!(loaded.problems.is_empty());
        assert!(loaded.needs_newline);
        assert_eq!(loaded.good_len, journal.len() as u64);
    }

    #[test]
    fn blank_lines_and_crlf_are_tolerated() {
        let journal = reset(1).replace('\n', "\r\n") + "\n   \n" + &reset(2);
        let loaded = load_bytes(journal.as_bytes());
        assert_eq!(loaded.events.len(), 2);
        assert!(loaded.problems.is_empty());
    }

    #[test]
    fn an_empty_journal_loads_empty() {
        let loaded = load_bytes(b"");
        assert!(loaded.events.is_empty() && loaded.problems.is_empty());
        assert_eq!(loaded.good_len, 0);
    }
}
