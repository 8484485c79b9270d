//! `kata check`: report every problem in every file, exit 1 on any error.
//!
//! The report (diagnostics, then a summary line) is the command's output, so
//! it goes to standard output where it can be piped or saved.

use crate::content::{self, Catalog};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Check the bundled content together with `content` folders and `paths`.
pub fn run(content: &[PathBuf], paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let extra: Vec<PathBuf> = content.iter().chain(paths).cloned().collect();
    let catalog = content::load(&extra);
    let out = report(&catalog);
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // `kata check | head` closing the pipe early is not a failure to report.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    Ok(if catalog.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Every diagnostic, a blank line between them, then
/// `checked N files: E errors, W warnings`.
pub fn report(catalog: &Catalog) -> String {
    let mut out = String::new();
    for d in &catalog.problems {
        out.push_str(&d.to_string());
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

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
