//! Noticing that an author saved a file: notify's recommended watcher
//! (inotify, FSEvents, ReadDirectoryChangesW), or, where it cannot start (some
//! network and container file systems) or is not wanted, a poll of the files'
//! modification times every [`POLL_EVERY`]. Either way a burst of events
//! (an editor's write, rename and chmod) becomes one wake-up.

use notify::event::{AccessKind, AccessMode, EventKind, MetadataKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant, SystemTime};

/// How often the fallback looks at the files.
pub const POLL_EVERY: Duration = Duration::from_millis(500);
/// A burst of events is over when none came for this long.
const QUIET: Duration = Duration::from_millis(100);
/// Someone writing without pause still sees a reload this often.
const AT_MOST: Duration = Duration::from_secs(1);

/// Which way to watch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    /// The platform's file events, polling if they cannot start.
    Auto,
    /// Poll modification times only (file systems that miss events).
    Poll,
}

/// Which way the files are being watched, to tell the author.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Watching {
    Events,
    Polling,
}

/// A running watch; dropping it stops it.
pub struct Watch {
    _events: Option<RecommendedWatcher>,
    stop: Arc<AtomicBool>,
    pub kind: Watching,
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Watch `path` (a folder, recursively, or one file) and call `wake` once
/// after each burst of changes to content files.
pub fn watch(
    path: &Path,
    strategy: Strategy,
    wake: impl Fn() + Send + 'static,
) -> anyhow::Result<Watch> {
    watch_settling(path, strategy, QUIET, wake)
}

/// Like [`watch`], a burst being over after `quiet` without events: a kata's
/// one file settles faster than a folder of content files.
pub fn watch_settling(
    path: &Path,
    strategy: Strategy,
    quiet: Duration,
    wake: impl Fn() + Send + 'static,
) -> anyhow::Result<Watch> {
    let filter = Filter::new(path);
    let stop = Arc::new(AtomicBool::new(false));
    if strategy == Strategy::Auto
        && let Ok((watcher, rx)) = start_events(&filter)
    {
        let stopped = stop.clone();
        std::thread::Builder::new()
            .name("kata-preview-events".into())
            .spawn(move || debounce(rx, &filter, &stopped, quiet, wake))?;
        return Ok(Watch {
            _events: Some(watcher),
            stop,
            kind: Watching::Events,
        });
    }
    // The first look is taken now, not on the thread: a save right after
    // `watch` returns must count as a change.
    let seen = filter.stamps();
    let stopped = stop.clone();
    std::thread::Builder::new()
        .name("kata-preview-poll".into())
        .spawn(move || poll(&filter, seen, &stopped, wake))?;
    Ok(Watch {
        _events: None,
        stop,
        kind: Watching::Polling,
    })
}

type Events = Receiver<notify::Result<notify::Event>>;

fn start_events(filter: &Filter) -> notify::Result<(RecommendedWatcher, Events)> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx)?;
    let mode = if filter.only.is_some() {
        RecursiveMode::NonRecursive
    } else {
        RecursiveMode::Recursive
    };
    watcher.watch(&filter.root, mode)?;
    Ok((watcher, rx))
}

/// Wait for a change that matters, let its burst settle, wake, repeat.
fn debounce(rx: Events, filter: &Filter, stop: &AtomicBool, quiet: Duration, wake: impl Fn()) {
    loop {
        match rx.recv() {
            Ok(Ok(event)) if !filter.matters(&event) => continue,
            // A watcher error (the folder was removed…): reloading tells the author.
            Ok(_) => {}
            Err(_) => return,
        }
        let first = Instant::now();
        loop {
            let left = AT_MOST.saturating_sub(first.elapsed());
            if left.is_zero() {
                break;
            }
            match rx.recv_timeout(quiet.min(left)) {
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        if stop.load(Ordering::Relaxed) {
            return;
        }
        wake();
    }
}

/// The fallback: compare every content file's size and modification time
/// (to the nanosecond, so two saves in one second both count).
fn poll(filter: &Filter, mut seen: Vec<Stamp>, stop: &AtomicBool, wake: impl Fn()) {
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(POLL_EVERY);
        let now = filter.stamps();
        if now != seen && !stop.load(Ordering::Relaxed) {
            seen = now;
            wake();
        }
    }
}

/// Which paths are content: what `content::Sources` would read.
struct Filter {
    root: PathBuf,
    /// When one file is previewed: its name (its folder is watched, since
    /// editors that save by renaming replace the file being watched).
    only: Option<OsString>,
}

type Stamp = (PathBuf, u64, Option<SystemTime>);

impl Filter {
    fn new(path: &Path) -> Self {
        if path.is_dir() {
            return Filter {
                root: path.to_path_buf(),
                only: None,
            };
        }
        let parent = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Filter {
            root: parent,
            only: path.file_name().map(|n| n.to_os_string()),
        }
    }

    fn matters(&self, event: &notify::Event) -> bool {
        match event.kind {
            // Reading the files to reload them opens them: never a reason to reload.
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => {}
            EventKind::Access(_) => return false,
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => return false,
            _ => {}
        }
        event.paths.is_empty() || event.paths.iter().any(|p| self.is_content(p))
    }

    /// A `.toml` file or a folder not hidden below the root, and not an
    /// editor's swap, backup or probe file (vim writes `4913`).
    fn is_content(&self, path: &Path) -> bool {
        let Some(name) = path.file_name() else {
            return true;
        };
        if let Some(only) = &self.only {
            return name == only.as_os_str();
        }
        let below = path.strip_prefix(&self.root).unwrap_or(path);
        if below
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
        {
            return false;
        }
        let name = name.to_string_lossy();
        if name.ends_with('~') || name.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
        match path.extension() {
            Some(ext) => ext == "toml",
            None => true,
        }
    }

    /// Size and modification time of every content file, sorted.
    fn stamps(&self) -> Vec<Stamp> {
        let mut out = Vec::new();
        match &self.only {
            Some(name) => stamp(&self.root.join(name), &mut out),
            None => self.walk(&self.root, &mut out, 0),
        }
        out.sort();
        out
    }

    fn walk(&self, folder: &Path, out: &mut Vec<Stamp>, depth: usize) {
        // Deep enough for any course; a link loop must not walk forever.
        if depth > 16 {
            return;
        }
        let Ok(entries) = std::fs::read_dir(folder) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if !self.is_content(&path) {
                continue;
            }
            if path.is_dir() {
                self.walk(&path, out, depth + 1);
            } else {
                stamp(&path, out);
            }
        }
    }
}

fn stamp(path: &Path, out: &mut Vec<Stamp>) {
    // A file that vanished also changes the list, by its absence.
    if let Ok(meta) = std::fs::metadata(path) {
        out.push((path.to_path_buf(), meta.len(), meta.modified().ok()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_files_and_hidden_folders_are_not_content() {
        let filter = Filter {
            root: PathBuf::from("course"),
            only: None,
        };
        assert!(filter.is_content(Path::new("course/quizzes/sagas.toml")));
        assert!(filter.is_content(Path::new("course/quizzes")));
        for noise in [
            "course/quizzes/.sagas.toml.swp",
            "course/quizzes/sagas.toml~",
            "course/quizzes/4913",
            "course/.git/index",
            "course/notes.md",
        ] {
            assert!(!filter.is_content(Path::new(noise)), "{noise}");
        }
    }

    #[test]
    fn reading_a_file_is_not_a_change() {
        let filter = Filter {
            root: PathBuf::from("course"),
            only: None,
        };
        let event = |kind| notify::Event::new(kind).add_path("course/q.toml".into());
        assert!(!filter.matters(&event(EventKind::Access(AccessKind::Open(
            notify::event::AccessMode::Any
        )))));
        assert!(filter.matters(&event(EventKind::Access(AccessKind::Close(
            AccessMode::Write
        )))));
        assert!(filter.matters(&event(EventKind::Modify(ModifyKind::Any))));
    }
}
