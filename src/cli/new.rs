//! `kata new topic ID [--dir DIR]`: scaffold a topic an instructor can edit
//! right away — `DIR/exercises/ID.toml`, `DIR/quizzes/ID.toml` and the
//! schema their `#:schema` line points at. Never overwrites a content file,
//! and writes all of its files or none: a failure half-way (a full disk)
//! removes what it had written, and nothing is printed until all are there.

use super::output;
use crate::content::{self, SCHEMA_FILE, TopicTemplate};
use anyhow::{Context, bail};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Write the new topic's files under `dir`. `content` folders are loaded so
/// a topic that already exists keeps its title (the new files then join it
/// instead of clashing).
pub fn topic(content: &[PathBuf], id: &str, dir: &Path) -> anyhow::Result<ExitCode> {
    let title = content::load(content)
        .topic(id)
        .map(|t| t.title.clone())
        .unwrap_or_else(|| content::title_from_id(id));
    let template = TopicTemplate::new(id, &title);
    if let Some(problem) = fails_check(&template) {
        output::note(format_args!(
            "kata: a topic `{id}` would not pass `kata check` ({problem}); choose another id"
        ));
        return Ok(ExitCode::from(2));
    }
    let files = [
        (
            dir.join("exercises").join(format!("{id}.toml")),
            &template.exercises,
        ),
        (
            dir.join("quizzes").join(format!("{id}.toml")),
            &template.quiz,
        ),
    ];
    // Look before writing anything, so a refusal leaves no half-made topic.
    for (path, _) in &files {
        if path.exists() || path.is_symlink() {
            bail!(
                "{} already exists; kata new never overwrites a file (choose another id, or remove it)",
                path.display()
            );
        }
    }
    let schema = dir.join(SCHEMA_FILE);
    let schema_text = serde_json::to_string_pretty(&content::schema())? + "\n";
    let keep_schema = schema.exists();
    let mut written = Vec::new();
    let all = files
        .iter()
        .map(|(path, text)| (path.clone(), text.as_str()))
        .chain((!keep_schema).then(|| (schema.clone(), schema_text.as_str())));
    for (path, text) in all {
        if let Err(e) = write_new(&path, text) {
            // All or none: a rerun must not meet a half-made topic it refuses to overwrite.
            for done in &written {
                let _ = std::fs::remove_file(done);
            }
            return Err(e);
        }
        written.push(path);
    }
    // Only now that every file is there does kata say so; a closed standard
    // output cannot leave a topic half-made.
    let mut out = output::stdout();
    for (path, _) in &files {
        writeln!(out, "created {}", path.display())?;
    }
    if keep_schema {
        writeln!(
            out,
            "kept {} (refresh it with `kata schema > {}`)",
            schema.display(),
            schema.display()
        )?;
    } else {
        writeln!(
            out,
            "created {} (editors read it through each file's `#:schema` line)",
            schema.display()
        )?;
    }
    let shown = dir.display();
    writeln!(
        out,
        "\nnext:\n  kata check {shown}\n  kata --content {shown} plain --topic {id}"
    )?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The first error `kata check` would report on the new files, if any: the
/// files kata writes always check clean, whatever id passed `parse_id`.
fn fails_check(template: &TopicTemplate) -> Option<String> {
    let mut sources = content::Sources::bundled();
    for (path, text) in [
        ("exercises/new.toml", &template.exercises),
        ("quizzes/new.toml", &template.quiz),
    ] {
        sources
            .files
            .push(content::SourceFile::new(path, text.as_bytes().to_vec()));
    }
    let mut catalog = sources.load();
    crate::replay::predict::resolve(&mut catalog);
    (catalog.problems.iter())
        .find(|d| d.is_error() && d.path.ends_with("new.toml"))
        .map(|d| d.headline())
}

/// Create a file that must not exist yet (a race with another writer fails
/// instead of overwriting).
pub(super) fn write_new(path: &Path, text: &str) -> anyhow::Result<()> {
    let folder = path.parent().expect("a file in a folder");
    std::fs::create_dir_all(folder)
        .with_context(|| format!("cannot create {}", folder.display()))?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    let written = file
        .write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .with_context(|| format!("cannot write {}", path.display()));
    if written.is_err() {
        drop(file);
        let _ = std::fs::remove_file(path);
    }
    written
}

/// clap's check of the id: `[a-z0-9-]+`, starting with a letter or digit
/// (so `-` and `--`, whose title would be empty, are refused), so a bad one
/// is a usage error rather than files that fail `kata check`.
pub fn parse_id(id: &str) -> Result<String, String> {
    let starts_well = id.starts_with(|c: char| c.is_ascii_alphanumeric());
    if content::is_valid_id(id) && starts_well {
        Ok(id.to_string())
    } else {
        Err(
            "a topic id uses only a-z, 0-9 and -, and starts with a letter or digit (e.g. `event-store`)"
                .to_string(),
        )
    }
}
