//! The journal file: where it lives, one writer at a time, and appends that
//! are on the disk before the learner sees their result.
//!
//! One-writer rule: the first kata to open a data directory takes an exclusive
//! advisory lock on `journal.lock` beside the journal and keeps it until it exits.
//! A second kata does not wait (a learner who opened two windows should not see
//! one of them hang): it loads the journal, says clearly that it runs read-only,
//! and records nothing. The lock sits on a separate file, not on the journal,
//! because on Windows a locked file cannot be read by the second process.
//!
//! Only a regular file is a journal: a symbolic link named `journal.jsonl` is
//! refused, not followed, so kata never appends to (or cuts a line of) a file
//! that is not its own.

use super::append::Appender;
use super::clock::now_ms;
use super::event::{Event, Recorded};
use super::load::{Loaded, load_bytes};
use super::state::Progress;
use anyhow::{Context, Result};
use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The journal's file name inside the data directory.
pub const JOURNAL_FILE: &str = "journal.jsonl";
/// The lock file's name inside the data directory.
pub const LOCK_FILE: &str = "journal.lock";

/// Where progress is kept: `--data-dir`, else `KATA_HOME`, else the platform's
/// data directory (`~/.local/share/kata` on Linux).
pub fn data_dir(flag: Option<&Path>, kata_home: Option<&std::ffi::OsStr>) -> Result<PathBuf> {
    if let Some(dir) = flag {
        return Ok(dir.to_path_buf());
    }
    if let Some(home) = kata_home.filter(|h| !h.is_empty()) {
        return Ok(PathBuf::from(home));
    }
    directories::ProjectDirs::from("", "", "kata")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .context(
            "no home directory found to keep progress in; pass --data-dir DIR or set KATA_HOME",
        )
}

/// Something events can be appended to durably. The file journal syncs to disk;
/// tests use a `Vec<Recorded>`.
pub trait Sink {
    /// Append one event; when this returns `Ok`, the event survives a crash.
    fn append(&mut self, recorded: &Recorded) -> std::io::Result<()>;

    /// The progress folded from everything appended so far, when this sink
    /// keeps one ([`Folding`]): what tells a learner when an item comes back.
    fn progress(&self) -> Option<&Progress> {
        None
    }
}

/// A sink that folds each event it appended into a live [`Progress`], the
/// way the TUI's shared journal does: `kata plain` reads the next review of
/// an item from it right after the try is on disk.
///
/// ```
/// use kata::progress::{Folding, Progress, Recorded, Sink};
/// let mut sink = Folding::new(Vec::<Recorded>::new(), Progress::new(0));
/// assert_eq!(sink.progress().unwrap().events, 0);
/// ```
pub struct Folding<S> {
    pub sink: S,
    progress: Progress,
}

impl<S: Sink> Folding<S> {
    pub fn new(sink: S, progress: Progress) -> Folding<S> {
        Folding { sink, progress }
    }
}

impl<S: Sink> Sink for Folding<S> {
    fn append(&mut self, recorded: &Recorded) -> std::io::Result<()> {
        self.sink.append(recorded)?;
        // Only what is on disk counts.
        self.progress.apply(recorded);
        Ok(())
    }

    fn progress(&self) -> Option<&Progress> {
        Some(&self.progress)
    }
}

impl Sink for Vec<Recorded> {
    fn append(&mut self, recorded: &Recorded) -> std::io::Result<()> {
        self.push(recorded.clone());
        Ok(())
    }
}

/// Whether this process may write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    Writer,
    /// Another kata holds the journal; this one records nothing.
    ReadOnly,
}

/// An open journal.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    access: Access,
    /// Open for appending while this process is the writer.
    appender: Option<Appender<File>>,
    /// Held (locked) for the life of the writer.
    _lock: Option<File>,
}

impl Journal {
    /// Open the journal in `dir` (created if missing) as its writer, or read-only
    /// when another kata holds it. Returns what loaded, problems included.
    pub fn open(dir: &Path) -> Result<(Journal, Loaded)> {
        create_dir(dir)?;
        let lock_path = dir.join(LOCK_FILE);
        let lock = private_options()
            .no_follow()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .with_context(|| format!("cannot open {}", lock_path.display()))?;
        // fs4's method by path: std's File::try_lock is newer than our rust-version.
        match fs4::FileExt::try_lock(&lock) {
            Ok(()) => {}
            Err(fs4::TryLockError::WouldBlock) => return Journal::open_read_only(dir),
            Err(fs4::TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("cannot lock {}", lock_path.display()));
            }
        }
        let path = dir.join(JOURNAL_FILE);
        let existed = refuse_anything_but_a_file(&path)?;
        let mut file = private_options()
            .no_follow()
            .read(true)
            .append(true)
            .create(true)
            .open(&path)
            .map_err(|e| not_followed(e, &path))
            .with_context(|| format!("cannot open the journal {}", path.display()))?;
        if !existed {
            sync_dir(dir);
        }
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)
            .with_context(|| format!("cannot read the journal {}", path.display()))?;
        let loaded = load_bytes(&bytes);
        let journal = Journal {
            path,
            access: Access::Writer,
            appender: Some(Appender::after(file, &loaded)),
            _lock: Some(lock),
        };
        Ok((journal, loaded))
    }

    /// Open the journal in `dir` for reading only (a missing journal loads empty).
    /// Nothing is ever written, not even the cut of a torn tail.
    pub fn open_read_only(dir: &Path) -> Result<(Journal, Loaded)> {
        let path = dir.join(JOURNAL_FILE);
        refuse_anything_but_a_file(&path)?;
        let read = OpenOptions::new()
            .no_follow()
            .read(true)
            .open(&path)
            .and_then(|mut file| {
                let mut bytes = Vec::new();
                file.read_to_end(&mut bytes).map(|_| bytes)
            });
        let bytes = match read {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => {
                return Err(not_followed(e, &path))
                    .with_context(|| format!("cannot read the journal {}", path.display()));
            }
        };
        let loaded = load_bytes(&bytes);
        let journal = Journal {
            path,
            access: Access::ReadOnly,
            appender: None,
            _lock: None,
        };
        Ok((journal, loaded))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn access(&self) -> &Access {
        &self.access
    }

    pub fn is_writer(&self) -> bool {
        self.access == Access::Writer
    }

    /// Record `event` now: stamped with the wall clock, written and synced (see [`Sink::append`]).
    pub fn record(&mut self, event: Event) -> Result<Recorded> {
        let recorded = Recorded {
            at: now_ms(),
            event,
        };
        self.append(&recorded)?;
        Ok(recorded)
    }
}

impl Sink for Journal {
    /// Write one line and sync it, never leaving part of a line behind (see
    /// [`Appender`]); a failure names the journal. A read-only journal drops
    /// the event: the learner was told at start that nothing is saved.
    fn append(&mut self, recorded: &Recorded) -> std::io::Result<()> {
        let Some(appender) = self.appender.as_mut() else {
            return Ok(());
        };
        appender
            .append(recorded)
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", self.path.display())))
    }
}

/// Refuse a journal path that is a symbolic link or anything else but a
/// regular file; returns whether a file is there.
fn refuse_anything_but_a_file(path: &Path) -> Result<bool> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(anyhow::anyhow!(
            "the journal {} is a symbolic link; kata does not follow it, so that it never \
             writes to or cuts a file that is not its journal. Replace the link with the \
             journal itself, or pass --data-dir with the folder the journal is in",
            path.display()
        )),
        Ok(meta) if !meta.is_file() => Err(anyhow::anyhow!(
            "the journal {} is not a regular file; move it away so kata can create its journal there",
            path.display()
        )),
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e).with_context(|| format!("cannot look at the journal {}", path.display())),
    }
}

/// A link put in place between the check and the open fails the open with
/// ELOOP: say what it means.
fn not_followed(e: std::io::Error, path: &Path) -> std::io::Error {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return std::io::Error::new(
            e.kind(),
            format!(
                "{} is a symbolic link, which kata does not follow",
                path.display()
            ),
        );
    }
    let _ = path;
    e
}

/// Opening without following a symbolic link at the last step of the path.
trait NoFollow {
    fn no_follow(&mut self) -> &mut Self;
}

impl NoFollow for OpenOptions {
    fn no_follow(&mut self) -> &mut Self {
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            self.custom_flags(libc::O_NOFOLLOW);
        }
        self
    }
}

fn create_dir(dir: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .with_context(|| format!("cannot create the data directory {}", dir.display()))
}

/// Options that create files readable by the learner only (0600): a journal
/// says what someone got wrong and when.
fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

/// Make a new file's directory entry durable too; best effort (not every
/// platform can open a directory).
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reset() -> Event {
        Event::ProgressReset { topic: None }
    }

    #[test]
    fn appends_survive_reopening() {
        let dir = tempfile::tempdir().unwrap();
        {
            let (mut journal, loaded) = Journal::open(dir.path()).unwrap();
            assert!(loaded.events.is_empty());
            journal.record(reset()).unwrap();
            journal.record(reset()).unwrap();
        }
        let (_, loaded) = Journal::open(dir.path()).unwrap();
        assert_eq!(loaded.events.len(), 2);
    }

    #[test]
    fn a_torn_tail_is_cut_before_the_next_append_and_reported_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(JOURNAL_FILE);
        {
            let (mut journal, _) = Journal::open(dir.path()).unwrap();
            journal.record(reset()).unwrap();
        }
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.extend_from_slice(br#"{"v":1,"at":5,"ty"#);
        std::fs::write(&path, &bytes).unwrap();
        {
            let (mut journal, loaded) = Journal::open(dir.path()).unwrap();
            assert_eq!(loaded.events.len(), 1);
            assert!(loaded.torn());
            journal.record(reset()).unwrap();
        }
        let (_, loaded) = Journal::open(dir.path()).unwrap();
        assert_eq!(loaded.events.len(), 2);
        assert!(
            loaded.problems.is_empty(),
            "the torn line is gone: {:?}",
            loaded.problems
        );
    }

    #[test]
    fn a_last_line_without_newline_gets_one_before_the_next_append() {
        let dir = tempfile::tempdir().unwrap();
        let line = Recorded {
            at: 1,
            event: reset(),
        }
        .to_line();
        std::fs::write(dir.path().join(JOURNAL_FILE), line.trim_end()).unwrap();
        {
            let (mut journal, _) = Journal::open(dir.path()).unwrap();
            journal.record(reset()).unwrap();
        }
        let (_, loaded) = Journal::open(dir.path()).unwrap();
        assert_eq!(loaded.events.len(), 2);
        assert!(loaded.problems.is_empty());
    }

    #[test]
    fn a_second_opener_is_read_only_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (mut first, _) = Journal::open(dir.path()).unwrap();
        first.record(reset()).unwrap();
        let (mut second, loaded) = Journal::open(dir.path()).unwrap();
        assert_eq!(second.access(), &Access::ReadOnly);
        assert_eq!(loaded.events.len(), 1, "the reader still sees the progress");
        second.record(reset()).unwrap();
        drop(first);
        drop(second);
        let (third, loaded) = Journal::open(dir.path()).unwrap();
        assert!(third.is_writer(), "the lock goes with its holder");
        assert_eq!(loaded.events.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_not_a_journal() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere");
        std::fs::write(&elsewhere, "not a journal").unwrap();
        let data = dir.path().join("kata");
        std::fs::create_dir(&data).unwrap();
        std::os::unix::fs::symlink(&elsewhere, data.join(JOURNAL_FILE)).unwrap();
        let writer = format!("{:#}", Journal::open(&data).unwrap_err());
        let reader = format!("{:#}", Journal::open_read_only(&data).unwrap_err());
        assert!(writer.contains("is a symbolic link"), "{writer}");
        assert!(reader.contains("is a symbolic link"), "{reader}");
        assert_eq!(std::fs::read(&elsewhere).unwrap(), b"not a journal");
    }

    #[cfg(unix)]
    #[test]
    fn the_journal_and_its_folder_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("kata");
        let (mut journal, _) = Journal::open(&data).unwrap();
        journal.record(reset()).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&data.join(JOURNAL_FILE)), 0o600);
        assert_eq!(mode(&data.join(LOCK_FILE)), 0o600);
        assert_eq!(mode(&data), 0o700);
    }

    #[test]
    fn the_flag_wins_over_kata_home_which_wins_over_the_platform() {
        let flag = Path::new("/x/flag");
        let home = std::ffi::OsStr::new("/x/home");
        assert_eq!(data_dir(Some(flag), Some(home)).unwrap(), flag);
        assert_eq!(data_dir(None, Some(home)).unwrap(), Path::new(home));
        // The platform folder is tested through the binary with HOME and
        // XDG_DATA_HOME pointed at temporary folders (tests/progress_journal.rs).
    }
}
