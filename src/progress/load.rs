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
    /// The last line kept has no newline (hand-edited, or written by a newer
    /// kata or another program): it is kept, and a newline goes before the
    /// next append.
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
    /// The last line stops mid-way: the process died while writing it. Only a
    /// line that starts the way kata writes lines and is not a whole JSON value
    /// counts as torn; any other last line without a newline is kept.
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
/// assert_eq!(loaded.good_len, bytes.len() as u64 - 10); // the torn `{"v":1,"at` is cut later
/// ```
pub fn load_bytes(bytes: &[u8]) -> Loaded {
    // Parsing JSON is most of the cost of a large journal: split it at line
    // ends into a few chunks per core and parse them side by side. Line
    // numbers are counted per chunk and shifted when the chunks are joined.
    let chunks = split_at_lines(bytes, rayon::current_num_threads() * 4);
    let parts: Vec<Part> = {
        use rayon::prelude::*;
        chunks
            .par_iter()
            .map(|&(from, to)| parse_chunk(bytes, from, to))
            .collect()
    };
    let mut loaded = Loaded {
        events: Vec::with_capacity(parts.iter().map(|p| p.events.len()).sum()),
        good_len: bytes.len() as u64,
        ..Loaded::default()
    };
    let mut lines_before = 0;
    for part in parts {
        loaded.events.extend(part.events);
        loaded
            .problems
            .extend(part.problems.into_iter().map(|mut p| {
                p.line += lines_before;
                p
            }));
        lines_before += part.lines;
        if let Some(torn_at) = part.torn_at {
            loaded.good_len = torn_at as u64;
        }
    }
    let kept = &bytes[..loaded.good_len as usize];
    loaded.needs_newline = kept.last().is_some_and(|&c| c != b'\n');
    loaded
}

/// What one chunk of lines held; problem lines are numbered within the chunk.
struct Part {
    events: Vec<Recorded>,
    problems: Vec<Problem>,
    lines: usize,
    torn_at: Option<usize>,
}

/// Split `bytes` into about `n` ranges that each end just after a newline (the
/// last one at the end of the bytes).
fn split_at_lines(bytes: &[u8], n: usize) -> Vec<(usize, usize)> {
    // Small journals are not worth a thread.
    let n = if bytes.len() < 1 << 20 { 1 } else { n.max(1) };
    let mut ranges = Vec::with_capacity(n);
    let mut from = 0;
    for k in 1..=n {
        if from >= bytes.len() {
            break;
        }
        let target = (bytes.len() * k / n).max(from);
        let to = if k == n {
            bytes.len()
        } else {
            match memchr::memchr(b'\n', &bytes[target..]) {
                Some(i) => target + i + 1,
                None => bytes.len(),
            }
        };
        ranges.push((from, to));
        from = to;
    }
    if ranges.is_empty() {
        ranges.push((0, 0));
    }
    ranges
}

fn parse_chunk(bytes: &[u8], from: usize, to: usize) -> Part {
    let mut part = Part {
        // ~170 bytes a line: reserve once instead of growing step by step.
        events: Vec::with_capacity((to - from) / 128),
        problems: Vec::new(),
        lines: 0,
        torn_at: None,
    };
    let mut start = from;
    while start < to {
        part.lines += 1;
        let (line, end, complete) = match memchr::memchr(b'\n', &bytes[start..to]) {
            Some(i) => (&bytes[start..start + i], start + i + 1, true),
            None => (&bytes[start..to], to, false),
        };
        if !is_blank(line) {
            match parse_line(strip_cr(line)) {
                Ok(event) => part.events.push(event),
                Err(_) if !complete && torn_by_kata(line) => {
                    part.problems.push(Problem {
                        line: part.lines,
                        what: What::Torn,
                    });
                    part.torn_at = Some(start);
                }
                Err(e) => part.problems.push(Problem {
                    line: part.lines,
                    what: What::Bad(e),
                }),
            }
        }
        start = end;
    }
    part
}

/// Whether an unfinished last line is one kata was writing when it stopped:
/// it starts the way kata starts every line, holds no raw control byte (kata's
/// JSON escapes them), and is not a whole JSON value. A complete line from a
/// newer kata, or a line some other program wrote, is not kata's to cut.
fn torn_by_kata(line: &[u8]) -> bool {
    const START: &[u8] = b"{\"v\":";
    (line.starts_with(START) || START.starts_with(line))
        && !line.iter().any(|&c| c < 0x20)
        && serde_json::from_slice::<serde::de::IgnoredAny>(line).is_err()
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
    fn a_whole_last_line_kata_cannot_read_is_kept_not_torn() {
        let good = reset(1);
        for last in [
            r#"{"v":2,"at":1,"type":"AnswerSubmitted"}"#,
            r#"{"v":1,"at":1,"type":"BadgeEarned"}"#,
            "notes, not kata's",
        ] {
            let journal = good.clone() + last;
            let loaded = load_bytes(journal.as_bytes());
            assert!(!loaded.torn(), "{last}");
            assert!(matches!(loaded.problems[0].what, What::Bad(_)), "{last}");
            assert_eq!(loaded.good_len, journal.len() as u64, "{last} is kept");
            assert!(
                loaded.needs_newline,
                "{last} gets a newline before the next append"
            );
        }
    }

    #[test]
    fn blank_lines_and_crlf_are_tolerated() {
        let journal = reset(1).replace('\n', "\r\n") + "\n   \n" + &reset(2);
        let loaded = load_bytes(journal.as_bytes());
        assert_eq!(loaded.events.len(), 2);
        assert!(loaded.problems.is_empty());
    }

    #[test]
    fn line_numbers_hold_across_chunks_of_a_large_journal() {
        let good = reset(1);
        let mut journal = String::new();
        let lines = (3 << 20) / good.len();
        for i in 1..=lines {
            journal += if i % 5000 == 0 { "garbage\n" } else { &good };
        }
        journal += "{\"v\":1,";
        let loaded = load_bytes(journal.as_bytes());
        let bad: Vec<usize> = loaded.problems.iter().map(|p| p.line).collect();
        let mut expected: Vec<usize> = (1..=lines).filter(|i| i % 5000 == 0).collect();
        expected.push(lines + 1);
        assert_eq!(bad, expected);
        assert!(loaded.torn());
        assert_eq!(loaded.events.len(), lines - lines / 5000);
        assert_eq!(loaded.good_len, journal.len() as u64 - 7);
    }

    #[test]
    fn an_empty_journal_loads_empty() {
        let loaded = load_bytes(b"");
        assert!(loaded.events.is_empty() && loaded.problems.is_empty());
        assert_eq!(loaded.good_len, 0);
    }
}
