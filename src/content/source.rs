//! Gathering content files: the bundled ones embedded in the binary, and the
//! files and folders a user names. Problems of a whole file or folder found
//! here (unreadable, broken link, too large, no `.toml` in a folder) become
//! diagnostics; they never stop the other files from loading.

use super::rules::{NO_CONTENT, TOO_DEEP, TOO_LARGE, UNREADABLE};
use super::{Catalog, Diagnostic};
use include_dir::{Dir, include_dir};
use std::borrow::Cow;
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Files larger than this are refused without being read (K002).
///
/// ```
/// assert_eq!(kata::content::MAX_FILE_BYTES, 1024 * 1024);
/// ```
pub const MAX_FILE_BYTES: usize = 1 << 20;

/// Folders nested deeper than this below a named folder are not read (K036):
/// no course needs them, and every level makes each path longer to resolve.
///
/// ```
/// assert_eq!(kata::content::MAX_FOLDER_DEPTH, 64);
/// ```
pub const MAX_FOLDER_DEPTH: usize = 64;

/// The prefix that marks bundled files in diagnostics and origins.
///
/// ```
/// let sources = kata::content::Sources::bundled();
/// assert!(sources.files.iter().all(|f| f.path.starts_with(kata::content::BUNDLED_PREFIX)));
/// ```
pub const BUNDLED_PREFIX: &str = "bundled:";

static EXERCISES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/exercises");
static QUIZZES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/quizzes");

/// One content file in memory, before it is checked.
///
/// ```
/// use kata::content::SourceFile;
/// let file = SourceFile::new("my/quiz.toml", b"[topic]\nid = \"x\"\n".to_vec());
/// assert_eq!(file.path, "my/quiz.toml");
/// assert!(!file.is_bundled());
/// ```
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The file as shown to people: as the user named it, or
    /// `bundled:quizzes/event-store.toml` for a bundled file.
    pub path: String,
    pub bytes: Cow<'static, [u8]>,
    /// For a bundled file, its path in the repository (`quizzes/x.toml`).
    bundled_from: Option<PathBuf>,
}

impl SourceFile {
    /// See the example on [`SourceFile`].
    pub fn new(path: impl Into<String>, bytes: impl Into<Cow<'static, [u8]>>) -> Self {
        SourceFile {
            path: path.into(),
            bytes: bytes.into(),
            bundled_from: None,
        }
    }

    /// True for a file embedded in the binary.
    ///
    /// See the example on [`SourceFile`].
    pub fn is_bundled(&self) -> bool {
        self.bundled_from.is_some()
    }
}

/// The files to load, in load order, and the problems met gathering them.
///
/// Bundled files come first (sorted by path), then each named path in the
/// order given; a folder's `.toml` files are read recursively and sorted by
/// path. Names starting with `.` are skipped inside folders. A disk file that
/// is the source of a bundled file (the repository's own `quizzes/x.toml`)
/// replaces the bundled copy, so authors can check their edits without
/// their own ids clashing with the build's; the same file named twice is read
/// once.
///
/// ```
/// use kata::content::{SourceFile, Sources};
/// let mut sources = Sources::default();
/// sources.files.push(SourceFile::new("a.toml", b"[topic]\nid = \"a\"\ntitle = \"A\"\n".to_vec()));
/// let catalog = sources.load();
/// assert_eq!(catalog.topics[0].id, "a");
/// // A file without items is worth a warning, not a skip.
/// assert_eq!(catalog.problems[0].code, "K025");
/// ```
#[derive(Debug, Default)]
pub struct Sources {
    pub files: Vec<SourceFile>,
    pub problems: Vec<Diagnostic>,
    /// Canonical paths of disk files already added.
    seen: HashSet<PathBuf>,
    /// Where the bundled files are on this disk, if they are (a checkout of
    /// the repository), with their repository paths; found once, on the
    /// first disk file added.
    bundled_on_disk: Option<Vec<(PathBuf, PathBuf)>>,
}

impl Sources {
    /// The bundled `exercises/` and `quizzes/` files.
    pub fn bundled() -> Self {
        let mut files = Vec::new();
        collect_bundled("exercises", &EXERCISES, &mut files);
        collect_bundled("quizzes", &QUIZZES, &mut files);
        files.sort_by(|a, b| a.bundled_from.cmp(&b.bundled_from));
        Sources {
            files,
            ..Sources::default()
        }
    }

    /// Add a file (whatever its extension) or a folder (its `*.toml` files,
    /// recursively).
    pub fn add_path(&mut self, path: &Path) {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => self.add_folder(path),
            Ok(meta) if meta.is_file() => self.add_file(path),
            Ok(_) => self.problem(UNREADABLE.code, path, "not a regular file or folder"),
            Err(e) => self.unreadable(path, &e),
        }
    }

    /// Check every file and build the catalog.
    ///
    /// See the example on [`Sources`].
    pub fn load(self) -> Catalog {
        super::check::check_all(self.files, self.problems)
    }

    fn add_folder(&mut self, folder: &Path) {
        let mut found = Vec::new();
        let mut visited = HashSet::new();
        let before = self.problems.len();
        self.walk(folder, 0, &mut found, &mut visited);
        // A folder whose files are all too deep was told so already.
        let too_deep = self.problems[before..]
            .iter()
            .any(|d| d.code == TOO_DEEP.code);
        if found.is_empty() && !too_deep {
            self.problem(
                NO_CONTENT.code,
                folder,
                "folder holds no .toml file (folders are read recursively for *.toml)",
            );
        }
        found.sort();
        for file in found {
            self.add_file(&file);
        }
    }

    /// Reads `folder` (at `depth` below the named one) into `found`. Each
    /// folder costs one `read_dir` and one `metadata` per entry: a folder is
    /// recognised by its device and inode, not by resolving its whole path
    /// again (which made deep trees quadratic, or worse).
    fn walk(
        &mut self,
        folder: &Path,
        depth: usize,
        found: &mut Vec<PathBuf>,
        visited: &mut HashSet<FileId>,
    ) {
        // A link back up the tree would otherwise make the walk endless.
        if let Some(id) = FileId::of(folder)
            && !visited.insert(id)
        {
            return;
        }
        if depth > MAX_FOLDER_DEPTH {
            return self.problem(
                TOO_DEEP.code,
                folder,
                format!(
                    "folder is nested more than {MAX_FOLDER_DEPTH} levels deep; kata does not read it or anything below it"
                ),
            );
        }
        let entries = match std::fs::read_dir(folder) {
            Ok(entries) => entries,
            Err(e) => return self.unreadable(folder, &e),
        };
        let mut names: Vec<_> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name())
            .collect();
        names.sort();
        for name in names {
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = folder.join(&name);
            let is_toml = path.extension().is_some_and(|e| e == "toml");
            match std::fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => self.walk(&path, depth + 1, found, visited),
                Ok(meta) if meta.is_file() && is_toml => found.push(path),
                Ok(_) => {}
                Err(e) if is_toml => self.unreadable(&path, &e),
                Err(_) => {}
            }
        }
    }

    fn add_file(&mut self, path: &Path) {
        if let Ok(real) = std::fs::canonicalize(path) {
            if !self.seen.insert(real.clone()) {
                return;
            }
            self.drop_bundled_copy_of(&real);
        }
        match read_capped(path) {
            Ok(bytes) if bytes.len() > MAX_FILE_BYTES => self.problem(
                TOO_LARGE.code,
                path,
                format!("file is over {} bytes (1 MiB); split it", MAX_FILE_BYTES),
            ),
            Ok(bytes) => self
                .files
                .push(SourceFile::new(path.display().to_string(), bytes)),
            Err(e) => self.unreadable(path, &e),
        }
    }

    /// A disk file that is the source of a bundled file replaces the copy.
    fn drop_bundled_copy_of(&mut self, real: &Path) {
        let files = &self.files;
        let on_disk = self.bundled_on_disk.get_or_insert_with(|| {
            let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
            files
                .iter()
                .filter_map(|f| f.bundled_from.clone())
                .filter_map(|rel| Some((std::fs::canonicalize(repository.join(&rel)).ok()?, rel)))
                .collect()
        });
        if let Some((_, rel)) = on_disk.iter().find(|(disk, _)| disk == real) {
            self.files.retain(|f| f.bundled_from.as_ref() != Some(rel));
        }
    }

    fn unreadable(&mut self, path: &Path, error: &std::io::Error) {
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        let message = if is_link && error.kind() == std::io::ErrorKind::NotFound {
            "broken link: its target does not exist".to_string()
        } else {
            format!("cannot read: {error}")
        };
        self.problem(UNREADABLE.code, path, message);
    }

    fn problem(&mut self, code: &'static str, path: &Path, message: impl Into<String>) {
        self.problems
            .push(Diagnostic::error(code, path.display().to_string(), message));
    }
}

/// What makes a folder the same folder: its device and inode where there are
/// such (one `stat`), else its canonical path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum FileId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Path(PathBuf),
}

impl FileId {
    fn of(path: &Path) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::metadata(path).ok()?;
            Some(FileId::Inode(meta.dev(), meta.ino()))
        }
        #[cfg(not(unix))]
        {
            Some(FileId::Path(std::fs::canonicalize(path).ok()?))
        }
    }
}

fn collect_bundled(root: &str, dir: &'static Dir<'static>, out: &mut Vec<SourceFile>) {
    for file in dir.files() {
        if file.path().extension().is_some_and(|e| e == "toml") {
            // include_dir paths are relative to the embedded folder.
            let in_repo = Path::new(root).join(file.path());
            out.push(SourceFile {
                path: format!("{BUNDLED_PREFIX}{}", in_repo.display()),
                bytes: Cow::Borrowed(file.contents()),
                bundled_from: Some(in_repo),
            });
        }
    }
    for sub in dir.dirs() {
        collect_bundled(root, sub, out);
    }
}

/// Read at most one byte more than the limit, so a huge (or endless) file
/// costs nothing.
fn read_capped(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}
