//! `kata import FILE --dir DIR`: a Moodle question bank (GIFT or Moodle XML) as kata topic
//! files, one per category, that `kata check` accepts. Writes all of them or
//! none, never overwrites, and lists every question it could not bring with
//! its line in FILE.

use super::output;
use crate::content::interop::{Bank, gift, moodle_xml};
use crate::content::{self, SourceFile};
use anyhow::{Context, bail};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(file: &Path, dir: &Path) -> anyhow::Result<ExitCode> {
    let shown = file.display().to_string();
    let extension = file
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let xml = match extension.as_deref() {
        Some("gift" | "txt") => false,
        Some("xml") => true,
        _ => {
            output::note(format_args!(
                "kata: {shown}: name a GIFT (.gift, .txt) or Moodle XML (.xml) file, as Moodle exports it"
            ));
            return Ok(ExitCode::from(2));
        }
    };
    let size = std::fs::metadata(file)
        .with_context(|| format!("cannot read {shown}"))?
        .len();
    if size > gift::MAX_BYTES.max(moodle_xml::MAX_BYTES) as u64 {
        bail!(
            "{shown} is over {} MiB; split the bank",
            gift::MAX_BYTES >> 20
        );
    }
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {shown}"))?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            output::note(format_args!(
                "{shown}:{line}: error: the file is not UTF-8; export it from Moodle again, or save it as UTF-8"
            ));
            return Ok(ExitCode::from(1));
        }
    };
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("imported");
    let read = if xml { moodle_xml::read } else { gift::read };
    let bank = match read(&text, stem) {
        Ok(bank) => bank,
        Err(e) => {
            output::note(format_args!("{shown}:{e}"));
            return Ok(ExitCode::from(1));
        }
    };
    let files = files_of(&bank, dir, &shown);
    if files.is_empty() {
        report_left_out(&bank, &shown)?;
        output::note(format_args!(
            "kata: {shown} holds no question kata can represent; nothing written"
        ));
        return Ok(ExitCode::from(1));
    }
    for (path, _) in &files {
        if path.exists() || path.is_symlink() {
            bail!(
                "{} already exists; kata import never overwrites a file (choose another --dir, or remove it)",
                path.display()
            );
        }
    }
    if let Some(problem) = fails_check(&files) {
        bail!("the imported files would not pass `kata check` ({problem}); nothing written");
    }
    let mut written = Vec::new();
    for (path, text) in &files {
        if let Err(e) = super::new::write_new(path, text) {
            // All or none: a rerun must not meet half a bank it refuses to overwrite.
            for done in &written {
                let _ = std::fs::remove_file(done);
            }
            return Err(e);
        }
        written.push(path.clone());
    }
    let mut out = output::stdout();
    for (topic, (path, _)) in bank.topics.iter().zip(&files) {
        let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        let mut counts = vec![count(topic.questions.len(), "question")];
        if !topic.exercises.is_empty() {
            counts.push(count(topic.exercises.len(), "exercise"));
        }
        writeln!(
            out,
            "created {} ({}, topic `{}`)",
            path.display(),
            counts.join(", "),
            topic.id
        )?;
    }
    out.flush()?;
    report_left_out(&bank, &shown)?;
    let mut out = output::stdout();
    writeln!(
        out,
        "\nMoodle gives no difficulty: every item is \"medium\"; set each.\nnext:\n  kata check {}\n  kata --content {} plain",
        dir.display(),
        dir.display()
    )?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn files_of(bank: &Bank, dir: &Path, shown: &str) -> Vec<(PathBuf, String)> {
    let from = Path::new(shown)
        .file_name()
        .map_or(shown.to_string(), |n| n.to_string_lossy().into_owned());
    bank.topics
        .iter()
        .map(|t| (dir.join(format!("{}.toml", t.id)), t.to_toml(&from)))
        .collect()
}

fn report_left_out(bank: &Bank, shown: &str) -> std::io::Result<()> {
    if bank.left_out.is_empty() {
        return Ok(());
    }
    let mut out = output::stdout();
    writeln!(
        out,
        "\nleft out {} question{} kata cannot represent:",
        bank.left_out.len(),
        if bank.left_out.len() == 1 { "" } else { "s" }
    )?;
    for l in &bank.left_out {
        writeln!(out, "  {shown}:{}: {}", l.line, l.why)?;
    }
    out.flush()
}

/// The first error `kata check` would report on the files, read with the
/// bundled content as a learner's `--content` would be.
fn fails_check(files: &[(PathBuf, String)]) -> Option<String> {
    let mut sources = content::Sources::bundled();
    for (path, text) in files {
        sources.files.push(SourceFile::new(
            path.display().to_string(),
            text.as_bytes().to_vec(),
        ));
    }
    let names: Vec<String> = files.iter().map(|(p, _)| p.display().to_string()).collect();
    let catalog = sources.load();
    (catalog.problems.iter())
        .find(|d| d.is_error() && names.contains(&d.path))
        .map(|d| d.headline())
}
