//! Terminal-safe text: the one place where text kata did not write itself
//! (content, file names, journal strings, program output) is made unable to
//! drive a terminal.
//!
//! A leaf: it uses nothing else of the crate, so `content/` may use it too
//! (and does, for diagnostics and the invisible-character warning). Every
//! other layer prints through it:
//!
//! - the CLI and plain mode write through [`SafeWriter`] (text or JSON), so a
//!   new `writeln!` cannot forget; `clippy::print_stdout`/`print_stderr` are
//!   denied crate-wide and a test scans the sources for stray `stdout()`;
//! - the TUI draws through a backend that passes every cell's symbol through
//!   [`is_unsafe`] (see `tui::terminal`);
//! - CSV cells go through [`escape`]; JSON through [`SafeWriter::json`].
//!
//! What is unsafe: every control character (C0, DEL, C1) but tab and line
//! feed, the bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E,
//! U+2066–U+2069) that reorder what a reader sees, and the zero-width
//! characters (U+200B–U+200D, U+2060, U+FEFF) that hide a difference. Each is
//! shown as its escape, `\u{1b}`, `\u{202e}`, so a reader sees it is there.

use std::borrow::Cow;
use std::io::{self, Write};

/// A character that may not reach a terminal as it is: a control character
/// other than tab and line feed, a bidi control or a zero-width character.
///
/// ```
/// use kata::safe_text::is_unsafe;
/// assert!(is_unsafe('\u{1b}') && is_unsafe('\u{9b}') && is_unsafe('\u{202e}'));
/// assert!(!is_unsafe('\n') && !is_unsafe('\t') && !is_unsafe('é'));
/// ```
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || is_invisible(c)
}

/// A bidi control or a zero-width character: not a control character, but
/// it changes or hides what a reader sees (`"Yes"` and `"Yes\u{200b}"` look
/// the same; U+202E shows the text after it backwards).
///
/// ```
/// assert!(kata::safe_text::is_invisible('\u{200b}'));
/// assert!(!kata::safe_text::is_invisible(' '));
/// ```
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{061c}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

/// Text for one line: every unsafe character, and line feed too, written as
/// its escape (`\u{1b}`). Borrowed when there is nothing to escape.
///
/// ```
/// use kata::safe_text::escape;
/// assert_eq!(escape("a\u{1b}]0;x\u{7}"), "a\\u{1b}]0;x\\u{7}");
/// assert_eq!(escape("two\nlines"), "two\\u{a}lines");
/// assert_eq!(escape("\u{202e}txt"), "\\u{202e}txt");
/// ```
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| is_unsafe(c) || c == '\n')
}

/// Text of several lines: like [`escape`], but line feeds stay, and the CR
/// of a CRLF line end is dropped (it is a line end, not an attack).
///
/// ```
/// use kata::safe_text::escape_lines;
/// assert_eq!(escape_lines("a\r\nb\rc\n"), "a\nb\\u{d}c\n");
/// ```
pub fn escape_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        push(&mut out, c, is_unsafe);
    }
    Cow::Owned(out)
}

/// Serialised JSON made terminal-safe in JSON's own way: serde already writes
/// C0 controls as `\u00XX`; DEL, C1, bidi and zero-width characters become
/// `\uXXXX` escapes too. Only valid on JSON text (these characters can only
/// be inside its strings, where `\uXXXX` means the same character).
///
/// ```
/// let json = serde_json::to_string("a\u{9b}b\u{202e}").unwrap();
/// let safe = kata::safe_text::json(&json);
/// assert_eq!(safe, r#""a\u009bb\u202e""#);
/// assert_eq!(serde_json::from_str::<String>(&safe).unwrap(), "a\u{9b}b\u{202e}");
/// ```
pub fn json(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) {
            // Every unsafe character is in the Basic Multilingual Plane.
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The same text with every unsafe character replaced one for one by `�`, so
/// columns still line up (a caret under a source line, a cell of the TUI).
///
/// ```
/// assert_eq!(kata::safe_text::replace("a\u{1b}b\u{202e}"), "a\u{fffd}b\u{fffd}");
/// ```
pub fn replace(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if is_unsafe(c) { '\u{fffd}' } else { c })
            .collect(),
    )
}

fn escape_where(text: &str, bad: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&bad) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        push(&mut out, c, &bad);
    }
    Cow::Owned(out)
}

fn push(out: &mut String, c: char, bad: impl Fn(char) -> bool) {
    if bad(c) {
        out.extend(c.escape_unicode());
    } else {
        out.push(c);
    }
}

/// A line on standard error (a notice, a warning), escaped: what cores and
/// front-ends use instead of `eprintln!`. A failure to write it is ignored:
/// there is nowhere left to tell.
///
/// ```
/// kata::safe_text::note(format_args!("kata: skipped {}", "a\u{1b}]0;x\u{7}.toml"));
/// ```
pub fn note(args: std::fmt::Arguments) {
    let mut err = SafeWriter::new(io::stderr().lock());
    let _ = err.write_fmt(args);
    let _ = err.write_all(b"\n");
    let _ = err.flush();
}

/// A progress line on standard error, drawn over the one before it (a
/// carriage return, no newline), escaped like [`note`]. `kata sync` and
/// `kata class report` count statements with it on a terminal.
///
/// ```
/// kata::safe_text::progress(format_args!("sent {} of {}", 500, 10_000));
/// kata::safe_text::progress_done();
/// ```
pub fn progress(args: std::fmt::Arguments) {
    let mut err = io::stderr().lock();
    let _ = err.write_all(b"\r");
    let mut err = SafeWriter::new(err);
    let _ = err.write_fmt(args);
    let _ = err.flush();
}

/// Ends a run of [`progress`] lines, so what follows starts on a line of its own.
pub fn progress_done() {
    let _ = io::stderr().lock().write_all(b"\n");
}

/// Whether standard error is a terminal, where a progress line makes sense.
pub fn stderr_is_terminal() -> bool {
    use std::io::IsTerminal;
    io::stderr().is_terminal()
}

/// How a [`SafeWriter`] escapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// [`escape_lines`]: for people.
    Text,
    /// [`json`]: for JSON documents.
    Json,
}

/// A writer that escapes everything written through it, so whatever is
/// formatted into it (`writeln!(out, "{}", anything)`) reaches the terminal
/// safe. Bytes that are not UTF-8 become `�`. A character split across two
/// writes is held until its end arrives.
///
/// ```
/// use std::io::Write;
/// let mut out = kata::safe_text::SafeWriter::new(Vec::new());
/// write!(out, "title: {}\n", "\u{1b}]0;pwned\u{7}").unwrap();
/// assert_eq!(out.into_inner(), b"title: \\u{1b}]0;pwned\\u{7}\n");
/// ```
pub struct SafeWriter<W: Write> {
    inner: W,
    style: Style,
    /// The start of a character whose end has not been written yet, or a CR
    /// that may be the start of a CRLF line end.
    pending: Vec<u8>,
}

impl<W: Write> SafeWriter<W> {
    /// Escape as text for people ([`escape_lines`]).
    pub fn new(inner: W) -> Self {
        SafeWriter {
            inner,
            style: Style::Text,
            pending: Vec::new(),
        }
    }

    /// Escape as JSON ([`json`]): for serialised JSON only.
    pub fn json(inner: W) -> Self {
        SafeWriter {
            style: Style::Json,
            ..SafeWriter::new(inner)
        }
    }

    /// The wrapped writer; a held partial character is dropped.
    pub fn into_inner(self) -> W {
        self.inner
    }

    fn emit(&mut self, text: &str) -> io::Result<()> {
        // Almost all text is safe: one pass over its bytes decides.
        if !has_unsafe(text) {
            return self.inner.write_all(text.as_bytes());
        }
        let safe = match self.style {
            Style::Text => escape_lines(text),
            Style::Json => json(text),
        };
        self.inner.write_all(safe.as_bytes())
    }

    /// Escape and write `bytes`, holding back a character (or a CR) that the
    /// next write may complete.
    fn write_bytes(&mut self, mut rest: &[u8]) -> io::Result<()> {
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    // A CR at the very end may be half of a CRLF: wait for the next write.
                    match text.strip_suffix('\r') {
                        Some(head) if self.style == Style::Text => {
                            self.emit(head)?;
                            self.pending.push(b'\r');
                        }
                        _ => self.emit(text)?,
                    }
                    return Ok(());
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    self.emit(std::str::from_utf8(good).expect("valid up to here"))?;
                    match e.error_len() {
                        Some(n) => {
                            self.inner.write_all("\u{fffd}".as_bytes())?;
                            rest = &bad[n..];
                        }
                        None => {
                            self.pending.extend_from_slice(bad);
                            return Ok(());
                        }
                    }
                }
            }
        }
    }
}

/// Whether `text` holds an unsafe character, decided on its bytes alone
/// (this runs over everything kata prints): a control byte, or the UTF-8 of
/// a C1 control (C2 80–9F), U+061C (D8 9C), U+200B–U+200F (E2 80 8B–8F),
/// U+202A–U+202E (E2 80 AA–AE), U+2060 and U+2066–U+2069 (E2 81 A0, A6–A9)
/// or U+FEFF (EF BB BF). A test checks it against [`is_unsafe`].
fn has_unsafe(text: &str) -> bool {
    let bytes = text.as_bytes();
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'\t' | b'\n' => false,
        0x00..=0x1f | 0x7f => true,
        0xc2 => (0x80..=0x9f).contains(&at(i + 1)),
        0xd8 => at(i + 1) == 0x9c,
        0xe2 => match at(i + 1) {
            0x80 => matches!(at(i + 2), 0x8b..=0x8f | 0xaa..=0xae),
            0x81 => matches!(at(i + 2), 0xa0 | 0xa6..=0xa9),
            _ => false,
        },
        0xef => at(i + 1) == 0xbb && at(i + 2) == 0xbf,
        _ => false,
    })
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.pending.is_empty() {
            self.write_bytes(buf)?;
        } else {
            let mut bytes = std::mem::take(&mut self.pending);
            bytes.extend_from_slice(buf);
            self.write_bytes(&bytes)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.pending == b"\r" {
            self.pending.clear();
            self.emit("\r")?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(pieces: &[&[u8]]) -> String {
        let mut out = SafeWriter::new(Vec::new());
        for piece in pieces {
            out.write_all(piece).unwrap();
        }
        out.flush().unwrap();
        String::from_utf8(out.into_inner()).unwrap()
    }

    #[test]
    fn every_kind_of_unsafe_character_is_escaped() {
        for c in [
            '\0', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9b}', '\u{9d}',
        ] {
            assert!(is_unsafe(c), "{c:?}");
        }
        for c in [
            '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}',
        ] {
            assert!(is_invisible(c) && is_unsafe(c), "{c:?}");
        }
        for c in ['a', ' ', '\t', '\n', '→', '✓', 'é', '\u{fffd}'] {
            assert!(!is_unsafe(c), "{c:?}");
        }
    }

    #[test]
    fn a_character_split_across_writes_is_escaped_whole() {
        let csi = "\u{9b}".as_bytes();
        assert_eq!(through(&[b"a", &csi[..1], &csi[1..], b"b"]), "a\\u{9b}b");
        let arrow = "→".as_bytes();
        assert_eq!(through(&[&arrow[..2], &arrow[2..]]), "→");
    }

    #[test]
    fn broken_utf8_is_a_replacement_character_and_crlf_a_line_end() {
        assert_eq!(through(&[b"a\xffb"]), "a\u{fffd}b");
        assert_eq!(through(&[b"one\r", b"\ntwo\r"]), "one\ntwo\\u{d}");
    }

    proptest::proptest! {
        /// However a text is cut into writes, what comes out is the same and
        /// holds no unsafe character.
        #[test]
        fn chunking_never_changes_the_output(
            text in "(\\PC|[\u{0}-\u{1f}\u{7f}-\u{9f}\u{200b}-\u{200f}\u{202a}-\u{202e}\u{2066}-\u{2069}\u{feff}\r\n])*",
            cuts in proptest::collection::vec(0usize..64, 0..6),
        ) {
            let bytes = text.as_bytes();
            let mut points: Vec<usize> = cuts.into_iter().map(|c| c.min(bytes.len())).collect();
            points.sort_unstable();
            let mut pieces = Vec::new();
            let mut start = 0;
            for p in points {
                pieces.push(&bytes[start..p]);
                start = p;
            }
            pieces.push(&bytes[start..]);
            let out = through(&pieces);
            proptest::prop_assert!(!out.chars().any(is_unsafe), "{:?}", out);
            proptest::prop_assert_eq!(out, escape_lines(&text).into_owned());
        }
    }

    #[test]
    fn the_byte_scan_agrees_with_is_unsafe_on_every_character() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            assert_eq!(has_unsafe(&text), is_unsafe(c), "{c:?}");
        }
    }

    #[test]
    fn json_stays_json() {
        let value = serde_json::json!({"k\u{1b}": "v\u{9b}\u{7f}\u{200b}\n"});
        let mut out = SafeWriter::json(Vec::new());
        serde_json::to_writer(&mut out, &value).unwrap();
        let text = String::from_utf8(out.into_inner()).unwrap();
        assert!(!text.chars().any(is_unsafe), "{text:?}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
