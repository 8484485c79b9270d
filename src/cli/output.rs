//! Where the commands print: standard output and standard error, both
//! through [`SafeWriter`], so no byte of content, file name or journal
//! reaches the terminal as a control sequence — and what a failure to print
//! means: a closed pipe (`kata list | head`) ends kata quietly, like other
//! Unix tools; anything else (a full disk) is an error that says it was
//! standard output that failed. Nothing here panics, unlike `println!`.

use crate::safe_text::SafeWriter;
use std::io::{self, Write};

/// Standard output, escaped as text for people.
pub fn stdout() -> SafeWriter<Stdout> {
    SafeWriter::new(Stdout)
}

/// Standard output for a JSON document, escaped in JSON's own way.
pub fn json_stdout() -> SafeWriter<Stdout> {
    SafeWriter::json(Stdout)
}

/// How much a buffered writer gathers before escaping it in one pass:
/// serde and `writeln!` write in small pieces, and each pass has a cost.
const BUFFER: usize = 64 * 1024;

/// Standard output, buffered (for long reports), escaped as text. Flush it
/// before it drops: a drop cannot report a failure.
pub fn buffered_stdout() -> io::BufWriter<SafeWriter<Stdout>> {
    io::BufWriter::with_capacity(BUFFER, SafeWriter::new(Stdout))
}

/// Standard output, buffered, for a JSON document.
pub fn buffered_json_stdout() -> io::BufWriter<SafeWriter<Stdout>> {
    io::BufWriter::with_capacity(BUFFER, SafeWriter::json(Stdout))
}

/// The version of every JSON document kata prints (`list`, `stats`,
/// `replay`, `class report`, the last record of `check --format json`),
/// described field by field in docs/json.md. A field may be added within a
/// version; renaming or removing one, or changing its meaning, bumps it.
pub const JSON_VERSION: u32 = 1;

/// A JSON document with `"version"` as its first field.
#[derive(serde::Serialize)]
pub struct Versioned<'a, T: serde::Serialize> {
    pub version: u32,
    #[serde(flatten)]
    pub document: &'a T,
}

/// `document` with the current [`JSON_VERSION`].
pub fn versioned<T: serde::Serialize>(document: &T) -> Versioned<'_, T> {
    Versioned {
        version: JSON_VERSION,
        document,
    }
}

/// A line on standard error (a notice, a warning, an error), escaped.
pub use crate::safe_text::note;

/// Whether `error` is a closed pipe on the way out, which ends kata quietly.
pub fn is_closed_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        let io = cause.downcast_ref::<io::Error>().map(io::Error::kind);
        // serde_json wraps the writer's error without exposing it as a source.
        let json =
            (cause.downcast_ref::<serde_json::Error>()).and_then(serde_json::Error::io_error_kind);
        io.or(json) == Some(io::ErrorKind::BrokenPipe)
    })
}

/// The process's standard output, with its failures named.
pub struct Stdout;

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        io::stdout().lock().write(buf).map_err(named)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        io::stdout().lock().write_all(buf).map_err(named)
    }

    fn flush(&mut self) -> io::Result<()> {
        io::stdout().lock().flush().map_err(named)
    }
}

/// "cannot write to standard output: No space left on device"; a closed pipe
/// keeps its kind so [`is_closed_pipe`] still knows it.
fn named(e: io::Error) -> io::Error {
    if e.kind() == io::ErrorKind::BrokenPipe {
        e
    } else {
        io::Error::new(e.kind(), format!("cannot write to standard output: {e}"))
    }
}
