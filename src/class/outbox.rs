//! The journal as an outbox: every complete line with the byte offset it
//! starts at, so each becomes one statement with a stable id.
//!
//! Lines are read with the progress module's own `parse_line`; a line it
//! cannot read is named like the loader names it and skipped. A last line
//! without its newline may be a write still in progress, or torn by a crash:
//! it is never sent (the next sync sends it once kata has finished it).

use crate::progress::{Problem, Recorded, What, parse_line};

/// One readable journal line.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// Byte offset of the line's first byte in the journal.
    pub offset: u64,
    /// Byte offset just past the line's newline: where the next line starts.
    pub end: u64,
    /// The line's bytes, without the newline (and a `\r` before it).
    pub bytes: &'a [u8],
    pub recorded: Recorded,
}

/// What the journal holds from a starting offset on.
#[derive(Debug, Default)]
pub struct Outbox<'a> {
    pub entries: Vec<Entry<'a>>,
    /// Lines skipped (numbered from the start of the journal).
    pub problems: Vec<Problem>,
    /// Where the complete lines end: the cursor may advance at most this far.
    pub complete_to: u64,
}

/// Read the complete lines of `journal` at and after byte `from` (a line start).
/// `lines_before` is the number of lines before `from`, for line numbers.
pub fn read(journal: &[u8], from: u64, lines_before: usize) -> Outbox<'_> {
    let mut outbox = Outbox {
        complete_to: from,
        ..Outbox::default()
    };
    let mut start = from as usize;
    let mut line_no = lines_before;
    while start < journal.len() {
        line_no += 1;
        let Some(len) = memchr::memchr(b'\n', &journal[start..]) else {
            // A last line still being written or torn: left for a later sync.
            if parse_line(&journal[start..]).is_err() {
                outbox.problems.push(Problem {
                    line: line_no,
                    what: What::Torn,
                });
            }
            break;
        };
        let end = start + len + 1;
        let line = &journal[start..start + len];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if !line.iter().all(u8::is_ascii_whitespace) {
            match parse_line(line) {
                Ok(recorded) => outbox.entries.push(Entry {
                    offset: start as u64,
                    end: end as u64,
                    bytes: line,
                    recorded,
                }),
                Err(e) => outbox.problems.push(Problem {
                    line: line_no,
                    what: What::Bad(e),
                }),
            }
        }
        start = end;
        outbox.complete_to = end as u64;
    }
    outbox
}

/// How many lines start before byte `offset`.
pub fn lines_before(journal: &[u8], offset: u64) -> usize {
    let to = (offset as usize).min(journal.len());
    memchr::memchr_iter(b'\n', &journal[..to]).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RESET: &str = "{\"v\":1,\"at\":1,\"type\":\"ProgressReset\"}\n";

    #[test]
    fn offsets_name_each_line_and_bad_and_torn_lines_are_left_out() {
        let journal = format!("{RESET}garbage\n{RESET}{{\"v\":1,\"at");
        let outbox = read(journal.as_bytes(), 0, 0);
        let offsets: Vec<u64> = outbox.entries.iter().map(|e| e.offset).collect();
        assert_eq!(offsets, [0, (RESET.len() + 8) as u64]);
        assert_eq!(outbox.complete_to, (2 * RESET.len() + 8) as u64);
        let lines: Vec<(usize, bool)> = outbox
            .problems
            .iter()
            .map(|p| (p.line, p.what == What::Torn))
            .collect();
        assert_eq!(lines, [(2, false), (4, true)]);
        assert_eq!(outbox.entries[0].bytes, RESET.trim_end().as_bytes());
    }

    #[test]
    fn reading_from_an_offset_numbers_lines_from_the_start() {
        let journal = format!("{RESET}{RESET}oops\n");
        let from = RESET.len() as u64;
        let outbox = read(
            journal.as_bytes(),
            from,
            lines_before(journal.as_bytes(), from),
        );
        assert_eq!(outbox.entries.len(), 1);
        assert_eq!(outbox.problems[0].line, 3);
    }

    #[test]
    fn a_complete_event_without_its_newline_waits() {
        let journal = RESET.trim_end();
        let outbox = read(journal.as_bytes(), 0, 0);
        assert!(outbox.entries.is_empty() && outbox.problems.is_empty());
        assert_eq!(outbox.complete_to, 0);
    }
}
