//! `kata check --fix`: apply the fixes the check is certain of (a near-miss
//! key or scenario id, `{{ 2 }}` for `{{2}}`, TOML 1.1-only syntax) to the
//! author's files, then check again.
//!
//! Only files the author named (PATHs and `--content` folders) are written,
//! never bundled content; each is written whole to a file beside it and
//! renamed over it, so an interrupted fix leaves the old text or the new.
//! A fix can make the next problem visible (a table's second misspelt key
//! is reported once the first is right), so rounds repeat until nothing
//! more is fixed, at most `MAX_ROUNDS` times.

use crate::content::{self, BUNDLED_PREFIX, Catalog, Fix};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Rounds of check-then-fix before giving up on reaching a fixed point
/// (each round fixes at least one problem, so this only bounds a fix that
/// undoes another).
const MAX_ROUNDS: usize = 10;

/// What `--fix` did to one file.
#[derive(Debug, PartialEq, Eq)]
pub struct Fixed {
    /// The file as the author named it.
    pub path: String,
    pub fixes: usize,
}

/// Fix every named file until a check finds nothing more to fix; `load`
/// checks the content as `kata check` does. Returns what was fixed, in
/// path order, or the first file that could not be written.
pub fn fix_files(load: impl Fn() -> Catalog) -> Result<Vec<Fixed>, String> {
    let mut fixed: BTreeMap<String, usize> = BTreeMap::new();
    for _ in 0..MAX_ROUNDS {
        let catalog = load();
        let mut by_file: BTreeMap<&str, Vec<Fix>> = BTreeMap::new();
        for d in &catalog.problems {
            if let Some(fix) = &d.fix
                && !d.path.starts_with(BUNDLED_PREFIX)
            {
                by_file
                    .entry(d.path.as_str())
                    .or_default()
                    .push(fix.clone());
            }
        }
        let mut any = false;
        for (path, fixes) in by_file {
            let applied = fix_file(Path::new(path), &fixes)?;
            if applied > 0 {
                any = true;
                *fixed.entry(path.to_string()).or_default() += applied;
            }
        }
        if !any {
            break;
        }
    }
    Ok(fixed
        .into_iter()
        .map(|(path, fixes)| Fixed { path, fixes })
        .collect())
}

/// Apply `fixes` to one file; how many were applied (overlapping ones wait
/// for the next round).
fn fix_file(path: &Path, fixes: &[Fix]) -> Result<usize, String> {
    let shown = crate::safe_text::escape(&path.display().to_string()).into_owned();
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let Some((new_text, applied)) = content::apply_fixes(&text, fixes) else {
        return Err(format!(
            "{shown} changed while it was being checked; nothing of it was fixed"
        ));
    };
    if applied == 0 || new_text == text {
        return Ok(0);
    }
    write_whole(path, &new_text).map_err(|e| format!("cannot write {shown}: {e}"))?;
    Ok(applied)
}

/// Write `text` to a file beside `path`, flushed to disk, then rename it
/// over `path`, keeping its permissions.
fn write_whole(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = folder.join(format!(".{name}.kata-fix"));
    let permissions = std::fs::metadata(path)?.permissions();
    let result = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::set_permissions(&temporary, permissions)?;
        std::fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// "fixed 2 problems in quizzes/a.toml", one line per file, escaped.
pub fn summary(fixed: &[Fixed]) -> String {
    fixed
        .iter()
        .map(|f| {
            format!(
                "fixed {} in {}\n",
                if f.fixes == 1 {
                    "1 problem".to_string()
                } else {
                    format!("{} problems", f.fixes)
                },
                crate::safe_text::escape(&f.path)
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Diagnostic, Place};

    fn catalog_with(path: &str, fix: Fix) -> Catalog {
        let mut d = Diagnostic::error("K003", path, "unknown key `promt`");
        d.fix = Some(fix);
        Catalog {
            topics: Vec::new(),
            problems: vec![d],
            files: vec![path.to_string()],
            scenarios: Vec::new(),
        }
    }

    #[test]
    fn a_fix_is_written_whole_and_a_fixed_file_is_not_fixed_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "promt = 1\n").unwrap();
        let shown = path.display().to_string();
        let fix = Fix {
            at: Place { line: 1, column: 1 },
            end: Place { line: 1, column: 6 },
            replacement: "prompt".into(),
        };
        // A check that reports the fix while the file still has the typo.
        let load = || {
            let text = std::fs::read_to_string(&path).unwrap();
            if text.starts_with("promt") {
                catalog_with(&shown, fix.clone())
            } else {
                Catalog {
                    problems: Vec::new(),
                    ..catalog_with(&shown, fix.clone())
                }
            }
        };
        let fixed = fix_files(load).unwrap();
        assert_eq!(
            fixed,
            vec![Fixed {
                path: shown.clone(),
                fixes: 1
            }]
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "prompt = 1\n");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }

    #[test]
    fn bundled_files_are_never_written() {
        let fix = Fix {
            at: Place { line: 1, column: 1 },
            end: Place { line: 1, column: 2 },
            replacement: "x".into(),
        };
        let fixed = fix_files(|| catalog_with("bundled:quizzes/event-store.toml", fix.clone()));
        assert_eq!(fixed, Ok(Vec::new()));
    }

    #[test]
    fn a_fix_whose_place_is_gone_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "x\n").unwrap();
        let fix = Fix {
            at: Place { line: 9, column: 1 },
            end: Place { line: 9, column: 2 },
            replacement: "y".into(),
        };
        let shown = path.display().to_string();
        let err = fix_files(|| catalog_with(&shown, fix.clone())).unwrap_err();
        assert!(err.contains("changed while it was being checked"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "x\n");
    }
}
