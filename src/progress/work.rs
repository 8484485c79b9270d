//! The learner's code for each kata, kept as a file in the data folder
//! (`work/TOPIC/ITEM.py`): any editor can open it, kata re-runs the tests
//! when it is saved, and nothing typed is lost on quit or crash.

use std::path::{Path, PathBuf};

/// The folder, inside the data folder, that holds the learner's kata files.
pub const WORK_DIR: &str = "work";

/// Work files larger than this are not read back (a kata's code is small; a
/// huge file is someone else's).
const MAX_WORK_BYTES: u64 = 1 << 20;

/// Where the learner's code for `item` of `topic` lives. Ids are checked to
/// be `a-z`, `0-9` and `-` (K009), so they are safe as file names.
///
/// ```
/// let path = kata::progress::work_path(std::path::Path::new("/data"), "event-store", "rebuild-user");
/// assert_eq!(path, std::path::Path::new("/data/work/event-store/rebuild-user.py"));
/// ```
pub fn work_path(data_dir: &Path, topic: &str, item: &str) -> PathBuf {
    data_dir
        .join(WORK_DIR)
        .join(topic)
        .join(format!("{item}.py"))
}

/// What reading a work file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkFile {
    /// The learner's code.
    Code(String),
    /// No file (never saved, or deleted).
    Missing,
    /// The file is there but cannot be used as code: why, for the learner.
    Unusable(String),
}

/// Read a work file.
///
/// ```
/// use kata::progress::{WorkFile, read_work};
/// let dir = std::env::temp_dir().join(format!("kata-doc-work-{}", std::process::id()));
/// let path = dir.join("k.py");
/// assert_eq!(read_work(&path), WorkFile::Missing);
/// kata::progress::write_work(&path, "x = 1\n").unwrap();
/// assert_eq!(read_work(&path), WorkFile::Code("x = 1\n".into()));
/// std::fs::write(&path, b"\xff\xfe").unwrap();
/// assert!(matches!(read_work(&path), WorkFile::Unusable(_)));
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn read_work(path: &Path) -> WorkFile {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return WorkFile::Missing,
        Err(e) => return WorkFile::Unusable(format!("cannot be read ({e})")),
    };
    if !meta.is_file() {
        return WorkFile::Unusable("is not a regular file".into());
    }
    if meta.len() > MAX_WORK_BYTES {
        return WorkFile::Unusable("is over 1 MiB".into());
    }
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(code) => WorkFile::Code(code),
            Err(_) => WorkFile::Unusable("is not UTF-8 text".into()),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => WorkFile::Missing,
        Err(e) => WorkFile::Unusable(format!("cannot be read ({e})")),
    }
}

/// Write the learner's code: to a temporary file beside it, then renamed
/// over it, so a crash mid-write leaves the old code or the new, never half.
pub fn write_work(path: &Path, code: &str) -> std::io::Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = folder.join(format!(".{name}.saving"));
    std::fs::write(&temporary, code)?;
    std::fs::rename(&temporary, path)
}

/// Move an unusable work file aside (to `ITEM.py.unreadable`, or a numbered
/// name if that is taken), so offering the starter again loses nothing of
/// it. Returns where it went.
pub fn set_aside(path: &Path) -> std::io::Result<PathBuf> {
    let base = path.as_os_str().to_string_lossy().into_owned();
    let mut target = PathBuf::from(format!("{base}.unreadable"));
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = PathBuf::from(format!("{base}.unreadable-{n}"));
    }
    std::fs::rename(path, &target)?;
    Ok(target)
}
