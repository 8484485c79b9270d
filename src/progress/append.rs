//! Appending whole lines, and only whole lines, to a journal.
//!
//! A write can fail half-way (a full disk takes the first 50 bytes of a line
//! and refuses the rest), and a sync can fail after the bytes reached the file.
//! Either way the try was not saved, and the bytes that did reach the file must
//! not stay: the next line would be glued onto them and both would be lost on
//! reload. So the [`Appender`] knows where its last complete line ends and cuts
//! the file back there right after a failure, or, if that cut fails too,
//! before the next append. A line counts as saved only once it is written and
//! synced; until then nothing is shown to the learner as saved.

use super::event::Recorded;
use super::journal::Sink;
use super::load::Loaded;
use std::io;

/// What an [`Appender`] needs of the file it appends to. The journal uses a
/// real [`std::fs::File`] opened for appending; tests use files that fail
/// mid-line, record the order of calls, or simulate a crash.
pub trait JournalFile {
    /// Append `bytes` at the end of the file. May write a part and then fail.
    fn append(&mut self, bytes: &[u8]) -> io::Result<()>;
    /// Make everything appended so far durable.
    fn sync(&mut self) -> io::Result<()>;
    /// Cut the file back to its first `len` bytes.
    fn cut(&mut self, len: u64) -> io::Result<()>;
}

impl JournalFile for std::fs::File {
    fn append(&mut self, bytes: &[u8]) -> io::Result<()> {
        // Opened with O_APPEND: every write goes to the end, after a cut too.
        io::Write::write_all(self, bytes)
    }

    /// Data only: the size change is data for `fdatasync`.
    fn sync(&mut self) -> io::Result<()> {
        self.sync_data()
    }

    fn cut(&mut self, len: u64) -> io::Result<()> {
        self.set_len(len)
    }
}

/// Appends journal lines to a [`JournalFile`], never leaving part of a line
/// before the next one (see the module doc).
///
/// ```
/// use kata::progress::{Appender, Event, JournalFile, Recorded, Sink, load_bytes};
/// // A file that refuses to write once it holds 20 bytes, until the disk is freed.
/// struct Small { bytes: Vec<u8>, full: bool }
/// impl JournalFile for Small {
///     fn append(&mut self, b: &[u8]) -> std::io::Result<()> {
///         for &c in b {
///             if self.full && self.bytes.len() >= 20 {
///                 return Err(std::io::Error::other("no space left on device"));
///             }
///             self.bytes.push(c);
///         }
///         Ok(())
///     }
///     fn sync(&mut self) -> std::io::Result<()> { Ok(()) }
///     fn cut(&mut self, len: u64) -> std::io::Result<()> { self.bytes.truncate(len as usize); Ok(()) }
/// }
/// let reset = Recorded { at: 1, event: Event::ProgressReset { topic: None } };
/// let mut appender = Appender::after(Small { bytes: Vec::new(), full: true }, &load_bytes(b""));
/// assert!(appender.append(&reset).is_err(), "the disk is full");
/// assert!(appender.file().bytes.is_empty(), "and the part that was written is gone");
/// appender.file_mut().full = false;
/// appender.append(&reset).unwrap();
/// assert_eq!(load_bytes(&appender.file().bytes).events, [reset]);
/// ```
#[derive(Debug)]
pub struct Appender<F> {
    file: F,
    /// Where the last complete line ends: what the file is cut back to.
    complete_len: u64,
    /// The last complete line has no newline of its own: write one first.
    needs_newline: bool,
    /// The file may hold bytes after `complete_len` (a torn tail, or part of a
    /// line whose write failed): cut them before the next append.
    must_cut: bool,
}

impl<F: JournalFile> Appender<F> {
    /// An appender for `file`, whose bytes loaded as `loaded`: a torn tail is
    /// cut before the first append, and a last line without its newline gets one.
    pub fn after(file: F, loaded: &Loaded) -> Appender<F> {
        Appender {
            file,
            complete_len: loaded.good_len,
            needs_newline: loaded.needs_newline,
            must_cut: loaded.torn(),
        }
    }

    pub fn file(&self) -> &F {
        &self.file
    }

    /// The file, say to free a simulated disk in a test.
    pub fn file_mut(&mut self) -> &mut F {
        &mut self.file
    }

    /// The length of the journal up to the end of its last complete line.
    pub fn complete_len(&self) -> u64 {
        self.complete_len
    }
}

impl<F: JournalFile> Sink for Appender<F> {
    /// Write one line with a single append and sync it; `Ok` only then. On a
    /// failure, what reached the file of this line is cut off again.
    fn append(&mut self, recorded: &Recorded) -> io::Result<()> {
        if self.must_cut {
            self.file.cut(self.complete_len)?;
            self.must_cut = false;
        }
        let mut line = String::new();
        if self.needs_newline {
            line.push('\n');
        }
        line.push_str(&recorded.to_line());
        let written = self
            .file
            .append(line.as_bytes())
            .and_then(|()| self.file.sync());
        match written {
            Ok(()) => {
                self.complete_len += line.len() as u64;
                self.needs_newline = false;
                Ok(())
            }
            Err(e) => {
                // Part of the line may be in the file: cut it now, or before the
                // next append when the cut fails too (the newline, if one was
                // needed, goes with it and is written again next time).
                self.must_cut = self.file.cut(self.complete_len).is_err();
                Err(e)
            }
        }
    }
}
