//! What the class's LRS has acknowledged: a byte offset into the journal per
//! (LRS, learner), kept in the data folder as `xapi-cursor.json`.
//!
//! It only saves work: statement ids are derived from the journal line, so a
//! lost, stale or deleted cursor makes the next sync resend statements the LRS
//! already holds, and the LRS stores each id once. It is written atomically
//! (temporary file, fsync, rename), so a crash leaves the old one or the new one.

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The cursor file's name in the data folder.
pub const CURSOR_FILE: &str = "xapi-cursor.json";

/// How far one (LRS, learner) pair has been acknowledged.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    /// Journal bytes before this offset are acknowledged.
    pub offset: u64,
    /// A fingerprint of the line that ends at `offset`: when the journal was
    /// replaced by another one, it no longer matches and the sync starts over.
    pub last_line: String,
}

/// Every mark, keyed by `LRS URL + learner`.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Cursor {
    #[serde(default)]
    marks: BTreeMap<String, Mark>,
}

impl Cursor {
    pub fn path(data_dir: &Path) -> PathBuf {
        data_dir.join(CURSOR_FILE)
    }

    /// The cursor in `data_dir`; a missing or unreadable one is empty (and a
    /// full resend, deduplicated by the LRS, is the worst that can follow).
    pub fn load(data_dir: &Path) -> Cursor {
        std::fs::read(Cursor::path(data_dir))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    fn key(lrs: &str, learner: &str) -> String {
        format!("{lrs} {learner}")
    }

    /// Where to start in `journal`: the mark, when its line is still there.
    pub fn start(&self, lrs: &str, learner: &str, journal: &[u8]) -> u64 {
        match self.marks.get(&Cursor::key(lrs, learner)) {
            Some(mark) if fingerprint(journal, mark.offset).as_deref() == Some(&mark.last_line) => {
                mark.offset
            }
            _ => 0,
        }
    }

    pub fn set(&mut self, lrs: &str, learner: &str, journal: &[u8], offset: u64) {
        let last_line = fingerprint(journal, offset).unwrap_or_default();
        self.marks
            .insert(Cursor::key(lrs, learner), Mark { offset, last_line });
    }

    /// Write to `data_dir` atomically.
    pub fn save(&self, data_dir: &Path) -> Result<()> {
        let path = Cursor::path(data_dir);
        let tmp = data_dir.join(format!("{CURSOR_FILE}.tmp"));
        let bytes = serde_json::to_vec_pretty(self).expect("marks are strings and numbers");
        let write = || -> std::io::Result<()> {
            let mut file = std::fs::File::create(&tmp)?;
            file.write_all(&bytes)?;
            file.sync_all()?;
            std::fs::rename(&tmp, &path)?;
            // The rename itself must survive a power cut too.
            if let Ok(dir) = std::fs::File::open(data_dir) {
                let _ = dir.sync_all();
            }
            Ok(())
        };
        write().with_context(|| format!("cannot save the sync cursor {}", path.display()))
    }
}

/// A hash of the line that ends just before `offset` (`None` if `offset` is
/// not at the end of a line of `journal`).
fn fingerprint(journal: &[u8], offset: u64) -> Option<String> {
    let end = usize::try_from(offset).ok()?;
    if end == 0 {
        return Some(String::new());
    }
    if end > journal.len() || journal[end - 1] != b'\n' {
        return None;
    }
    let start = memchr::memrchr(b'\n', &journal[..end - 1]).map_or(0, |i| i + 1);
    let id = uuid::Uuid::new_v5(&super::id::NAMESPACE, &journal[start..end]);
    Some(id.simple().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mark_holds_while_the_journal_grows_and_is_dropped_when_it_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let journal = b"one\ntwo\n".to_vec();
        let mut cursor = Cursor::load(dir.path());
        assert_eq!(cursor.start("http://lrs", "mailto:a@x", &journal), 0);
        cursor.set("http://lrs", "mailto:a@x", &journal, 8);
        cursor.save(dir.path()).unwrap();
        let cursor = Cursor::load(dir.path());
        let grown = b"one\ntwo\nthree\n";
        assert_eq!(cursor.start("http://lrs", "mailto:a@x", grown), 8);
        assert_eq!(
            cursor.start("http://other", "mailto:a@x", grown),
            0,
            "another LRS"
        );
        assert_eq!(
            cursor.start("http://lrs", "mailto:b@x", grown),
            0,
            "another learner"
        );
        assert_eq!(
            cursor.start("http://lrs", "mailto:a@x", b"uno\ndos\ntres\n"),
            0
        );
        assert_eq!(
            cursor.start("http://lrs", "mailto:a@x", b"one\n"),
            0,
            "shorter"
        );
    }

    #[test]
    fn a_broken_cursor_file_means_start_over() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(Cursor::path(dir.path()), "{not json").unwrap();
        assert_eq!(Cursor::load(dir.path()).start("u", "l", b"x\n"), 0);
    }
}
