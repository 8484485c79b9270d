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

/// What `--fix` did, and the first file it could not fix, if one stopped it.
#[derive(Debug, PartialEq, Eq)]
pub struct FixReport {
    /// In path order; files fixed before a failure are here too.
    pub fixed: Vec<Fixed>,
    pub failed: Option<String>,
}

/// Fix every named file until a check finds nothing more to fix; `load`
/// checks the content as `kata check` does.
pub fn fix_files(load: impl Fn() -> Catalog) -> FixReport {
    let mut fixed: BTreeMap<String, usize> = BTreeMap::new();
    let failed = fix_rounds(load, &mut fixed).err();
    FixReport {
        fixed: fixed
            .into_iter()
            .map(|(path, fixes)| Fixed { path, fixes })
            .collect(),
        failed,
    }
}

fn fix_rounds(
    load: impl Fn() -> Catalog,
    fixed: &mut BTreeMap<String, usize>,
) -> Result<(), String> {
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
    Ok(())
}

/// Apply `fixes` to one file; how many were applied (overlapping ones wait
/// for the next round).
fn fix_file(path: &Path, fixes: &[Fix]) -> Result<usize, String> {
    let shown = crate::safe_text::escape(&path.display().to_string()).into_owned();
    // A link is fixed where it points, and stays a link.
    let path = std::fs::canonicalize(path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let meta = std::fs::metadata(&path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    if meta.permissions().readonly() {
        return Err(format!("{shown} is read-only; nothing of it was fixed"));
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {shown}: {e}"))?;
    let Some((new_text, applied)) = content::apply_fixes(&text, fixes) else {
        return Err(format!(
            "{shown} changed while it was being checked; nothing of it was fixed"
        ));
    };
    if applied == 0 || new_text == text {
        return Ok(0);
    }
    write_whole(&path, &new_text, meta.permissions())
        .map_err(|e| format!("cannot write {shown}: {e}"))?;
    Ok(applied)
}

/// Write `text` to a new file beside `path`, flushed to disk, then rename
/// it over `path` with `permissions`. The new file is created only if no
/// file has its name (never through a link a folder may hold), under a name
/// not taken, and removed again if anything fails.
fn write_whole(path: &Path, text: &str, permissions: std::fs::Permissions) -> std::io::Result<()> {
    use std::io::Write;
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (temporary, mut file) = (0..100)
        .find_map(|n| {
            let temporary = folder.join(format!(".{name}.kata-fix-{}-{n}", std::process::id()));
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&temporary)
            {
                Ok(file) => Some(Ok((temporary, file))),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => None,
                Err(e) => Some(Err(e)),
            }
        })
        .unwrap_or_else(|| {
            Err(std::io::Error::other(
                "no free name for the file written beside it",
            ))
        })?;
    let result = (|| {
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        drop(file);
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

    /// A fix of columns `columns` of line `line`.
    fn on_line(line: usize, columns: std::ops::Range<usize>, was: &str, replacement: &str) -> Fix {
        Fix {
            at: Place {
                line,
                column: columns.start,
            },
            end: Place {
                line,
                column: columns.end,
            },
            was: was.into(),
            replacement: replacement.into(),
        }
    }

    fn catalog_with(path: &str, fix: Fix) -> Catalog {
        let mut d = Diagnostic::error("K006", path, "unknown key `promt`");
        d.fix = Some(fix);
        Catalog {
            topics: Vec::new(),
            problems: vec![d],
            files: vec![path.to_string()],
            ..Catalog::default()
        }
    }

    #[test]
    fn a_fix_is_written_whole_and_a_fixed_file_is_not_fixed_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "promt = 1\n").unwrap();
        let shown = path.display().to_string();
        let fix = on_line(1, 1..6, "promt", "prompt");
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
        let report = fix_files(load);
        assert_eq!(report.failed, None);
        assert_eq!(
            report.fixed,
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
        let fix = on_line(1, 1..2, "a", "x");
        let report = fix_files(|| catalog_with("bundled:quizzes/event-store.toml", fix.clone()));
        assert_eq!(
            report,
            FixReport {
                fixed: Vec::new(),
                failed: None
            }
        );
    }

    #[test]
    fn a_fix_whose_place_is_gone_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "x\n").unwrap();
        let fix = on_line(9, 1..2, "z", "y");
        let shown = path.display().to_string();
        let err = fix_files(|| catalog_with(&shown, fix.clone()))
            .failed
            .unwrap();
        assert!(err.contains("changed while it was being checked"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "x\n");
    }

    #[test]
    fn a_fix_whose_text_changed_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "prompt = 1\n").unwrap();
        let fix = on_line(1, 1..6, "promt", "prompt");
        let shown = path.display().to_string();
        let report = fix_files(|| catalog_with(&shown, fix.clone()));
        assert!(report.failed.unwrap().contains("changed"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "prompt = 1\n");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_fixed_where_it_points_and_a_planted_link_is_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.toml");
        std::fs::write(&target, "promt = 1\n").unwrap();
        let link = dir.path().join("a.toml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        // A link where an old temporary name was: never followed.
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let planted = dir
            .path()
            .join(format!(".real.toml.kata-fix-{}-0", std::process::id()));
        std::os::unix::fs::symlink(&victim, planted).unwrap();
        let fix = on_line(1, 1..6, "promt", "prompt");
        let shown = link.display().to_string();
        let load = || {
            if std::fs::read_to_string(&link).unwrap().starts_with("promt") {
                catalog_with(&shown, fix.clone())
            } else {
                Catalog::default()
            }
        };
        assert_eq!(fix_files(load).failed, None);
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "prompt = 1\n");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    }

    #[test]
    fn a_read_only_file_is_not_fixed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "promt = 1\n").unwrap();
        let mut permissions = std::fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&path, permissions).unwrap();
        let fix = on_line(1, 1..6, "promt", "prompt");
        let shown = path.display().to_string();
        let report = fix_files(|| catalog_with(&shown, fix.clone()));
        assert!(report.failed.unwrap().contains("read-only"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "promt = 1\n");
    }
}
