//! `kata new topic ID [--dir DIR]`: scaffold a topic an instructor can edit
//! right away — `DIR/exercises/ID.toml`, `DIR/quizzes/ID.toml` and the
//! schema their `#:schema` line points at. Never overwrites a content file.

use crate::content::{self, SCHEMA_FILE, TopicTemplate};
use anyhow::{Context, bail};
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
    for (path, text) in &files {
        let folder = path.parent().expect("a file in a folder");
        std::fs::create_dir_all(folder)
            .with_context(|| format!("cannot create {}", folder.display()))?;
        write_new(path, text)?;
        println!("created {}", path.display());
    }
    let schema = dir.join(SCHEMA_FILE);
    if schema.exists() {
        println!(
            "kept {} (refresh it with `kata schema > {}`)",
            schema.display(),
            schema.display()
        );
    } else {
        let text = serde_json::to_string_pretty(&content::schema())? + "\n";
        write_new(&schema, &text)?;
        println!(
            "created {} (editors read it through each file's `#:schema` line)",
            schema.display()
        );
    }
    let shown = dir.display();
    println!("\nnext:\n  kata check {shown}\n  kata --content {shown} plain --topic {id}");
    Ok(ExitCode::SUCCESS)
}

/// Create a file that must not exist yet (a race with another writer fails
/// instead of overwriting).
fn write_new(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}

/// clap's check of the id: `[a-z0-9-]+`, so a bad one is a usage error.
pub fn parse_id(id: &str) -> Result<String, String> {
    if content::is_valid_id(id) {
        Ok(id.to_string())
    } else {
        Err("a topic id uses only a-z, 0-9 and - (e.g. `event-store`)".to_string())
    }
}
