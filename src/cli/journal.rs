//! Opening the learner's journal for a command: where it is, what was wrong
//! with it, and whether this process may write. Notices go to standard error
//! so standard output stays the transcript or the data asked for.

use super::output::note;
use crate::progress::{Journal, Loaded, data_dir};
use anyhow::Result;
use std::path::Path;

/// The journal's folder from `--data-dir`, `KATA_HOME` or the platform default.
pub fn folder(flag: Option<&Path>) -> Result<std::path::PathBuf> {
    data_dir(flag, std::env::var_os("KATA_HOME").as_deref())
}

/// Open as the writer (or read-only, with a notice, when another kata holds it).
pub fn open_for_writing(flag: Option<&Path>) -> Result<(Journal, Loaded)> {
    let (journal, loaded) = Journal::open(&folder(flag)?)?;
    report(&journal, &loaded);
    if !journal.is_writer() {
        note(format_args!(
            "kata: another kata is recording to {}; this one runs read-only and saves nothing. \
             Close the other one to keep this session's progress.",
            journal.path().display()
        ));
    }
    Ok((journal, loaded))
}

/// Open for reading only: never writes, never waits for a writer.
pub fn open_for_reading(flag: Option<&Path>) -> Result<(Journal, Loaded)> {
    let (journal, loaded) = Journal::open_read_only(&folder(flag)?)?;
    report(&journal, &loaded);
    Ok((journal, loaded))
}

fn report(journal: &Journal, loaded: &Loaded) {
    for problem in &loaded.problems {
        // A problem quotes the journal's own bytes: `note` escapes them.
        note(format_args!("{}:{problem}", journal.path().display()));
    }
}
