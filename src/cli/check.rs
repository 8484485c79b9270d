//! `kata check`: report every problem in every file, exit 1 on any error
//! (or on any warning with `--deny-warnings`).
//!
//! The report is the command's output, so it goes to standard output where
//! it can be piped or saved: for people, each diagnostic with its snippet
//! and a summary line; for editors and CI (`--format json`), one JSON object
//! per problem per line and nothing else.

use crate::content::{self, Catalog, Diagnostic, Place};
use clap::ValueEnum;
use serde_json::{Value, json};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// How `kata check` prints its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Diagnostics with source snippets and a summary line.
    Human,
    /// One JSON object per problem, one per line (JSON Lines).
    Json,
}

/// How a check reports, and whether it fixes first.
#[derive(Debug, Clone, Copy)]
pub struct Report {
    pub format: Format,
    /// Exit 1 on warnings too.
    pub deny_warnings: bool,
    /// Apply the certain fixes to the named files before checking.
    pub fix: bool,
}

/// Check the bundled content together with `content` folders and `paths`.
pub fn run(content: &[PathBuf], paths: &[PathBuf], how: Report) -> anyhow::Result<ExitCode> {
    let Report {
        format,
        deny_warnings,
        fix,
    } = how;
    let extra: Vec<PathBuf> = content.iter().chain(paths).cloned().collect();
    // A file named alone resolves its `replay` references against the rest
    // of its folder, as `kata check FOLDER` would (the scaffold tells authors
    // to check one file): those files are read, not reported.
    let folders: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.is_file())
        .filter_map(|p| p.parent())
        .map(|p| {
            if p.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                p.to_path_buf()
            }
        })
        .collect();
    let fixed = if fix {
        let report = super::check_fix::fix_files(|| content::load_with_context(&extra, &folders).0);
        let summary = super::check_fix::summary(&report.fixed);
        if let Some(failed) = report.failed {
            // What was fixed before the failure is said too.
            if !summary.is_empty() {
                super::output::note(format_args!("{}", summary.trim_end()));
            }
            anyhow::bail!("{failed}");
        }
        summary
    } else {
        String::new()
    };
    let (mut catalog, read) = content::load_with_context(&extra, &folders);
    // Predictions are checked by replaying their scenarios (K061, K062).
    crate::replay::predict::resolve(&mut catalog);
    // Runnable items are checked by running them, which `content` cannot do.
    let ran = crate::practice::runnable::check_catalog(&catalog);
    catalog.problems.extend(ran);
    let colour = colour_wanted();
    let out = match format {
        Format::Human => {
            let mut out = fixed.clone();
            out.push_str(&report(&catalog, colour));
            if !read.is_empty() {
                // Before the summary, which stays the last line.
                let at = out.trim_end_matches('\n').rfind('\n').map_or(0, |i| i + 1);
                out.insert_str(at, &read_note(&read));
            }
            out
        }
        Format::Json => {
            // The JSON report stays JSON Lines only: what was fixed is a note.
            if !fixed.is_empty() {
                super::output::note(format_args!("{}", fixed.trim_end()));
            }
            json_lines(&catalog)
        }
    };
    // A closed pipe (`kata check | head`) ends quietly in `cli::main`.
    match format {
        // Coloured diagnostics hold kata's own style codes around text that
        // `Diagnostic::render` has already escaped, so they pass as they are:
        // the one output of kata not written through a `SafeWriter`.
        Format::Human if colour => {
            let mut stdout = super::output::Stdout;
            stdout.write_all(out.as_bytes())?;
            stdout.flush()?;
        }
        Format::Human => {
            let mut stdout = super::output::stdout();
            stdout.write_all(out.as_bytes())?;
            stdout.flush()?;
        }
        Format::Json => {
            let mut stdout = super::output::json_stdout();
            stdout.write_all(out.as_bytes())?;
            stdout.flush()?;
        }
    }
    let (errors, warnings) = catalog.counts();
    Ok(if errors > 0 || (deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// "read for scenario references, not checked: a.toml, b.toml and 3 more".
/// The names are the user's files: escaped, as the coloured report is
/// written without a `SafeWriter`.
fn read_note(read: &[String]) -> String {
    let files = if read.len() <= 3 {
        read.join(", ")
    } else {
        format!("{}, {} and {} more", read[0], read[1], read.len() - 2)
    };
    format!(
        "read for scenario references, not checked: {}\n",
        crate::safe_text::escape(&files)
    )
}

/// Colour only for a person at a terminal who has not asked for none
/// (<https://no-color.org>: `NO_COLOR` set to anything but empty).
fn colour_wanted() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color && std::io::stdout().is_terminal()
}

/// Every diagnostic, a blank line between them, then
/// `checked N files: E errors, W warnings`.
fn report(catalog: &Catalog, colour: bool) -> String {
    let mut out = String::new();
    for d in &catalog.problems {
        out.push_str(&d.render(colour));
        out.push_str("\n\n");
    }
    let (errors, warnings) = catalog.counts();
    out.push_str(&format!(
        "checked {}: {}, {}\n",
        plural(catalog.files.len(), "file"),
        plural(errors, "error"),
        plural(warnings, "warning"),
    ));
    out
}

/// One JSON object per problem, each on its own line, then one summary
/// record: `{"summary": {"version", "files", "errors", "warnings"}}`.
fn json_lines(catalog: &Catalog) -> String {
    let mut out = String::new();
    for d in &catalog.problems {
        out.push_str(&to_json(d).to_string());
        out.push('\n');
    }
    let errors = catalog.problems.iter().filter(|d| d.is_error()).count();
    let summary = json!({"summary": {
        "version": super::output::JSON_VERSION,
        "files": catalog.files.len(),
        "errors": errors,
        "warnings": catalog.problems.len() - errors,
    }});
    out.push_str(&summary.to_string());
    out.push('\n');
    out
}

/// `{"path", "line", "column", "end": {"line", "column"}, "severity",
/// "code", "name", "message", "help", "related": [...], "fix"}`; `line`,
/// `column` and `end` are null for a problem of a whole file, `help` when
/// there is none, `fix` (`{"line", "column", "end", "replacement"}`) unless
/// one change certainly fixes it.
fn to_json(d: &Diagnostic) -> Value {
    let place = |p: Option<Place>| p.map(|p| json!({"line": p.line, "column": p.column}));
    let related: Vec<Value> = d
        .related
        .iter()
        .map(|r| {
            json!({
                "path": r.path,
                "line": r.at.line,
                "column": r.at.column,
                "end": place(r.end),
                "message": r.message,
            })
        })
        .collect();
    json!({
        "path": d.path,
        "line": d.at.map(|a| a.line),
        "column": d.at.map(|a| a.column),
        "end": place(d.end),
        "severity": d.severity.as_str(),
        "code": d.code,
        "name": content::rule(d.code).map(|r| r.name),
        "message": d.message,
        "help": d.help,
        "related": related,
        "fix": d.fix.as_ref().map(|f| json!({
            "line": f.at.line,
            "column": f.at.column,
            "end": place(Some(f.end)),
            "replacement": f.replacement,
        })),
    })
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::read_note;

    #[test]
    fn the_files_read_for_references_are_named_escaped_and_counted() {
        let note = read_note(&["a\x1b[2J.toml".into()]);
        assert!(!note.contains('\x1b'), "{note:?}");
        let many: Vec<String> = (0..5).map(|i| format!("f{i}.toml")).collect();
        assert_eq!(
            read_note(&many),
            "read for scenario references, not checked: f0.toml, f1.toml and 3 more\n"
        );
    }
}
