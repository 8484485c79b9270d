//! `kata export-content --format gift|moodle-xml [--topic ID] [--out FILE]`: kata's
//! questions as a Moodle question bank. What the format has no place for is
//! named on standard error, never dropped silently.

use super::output;
use crate::content::Catalog;
use crate::content::interop::{gift, moodle_xml};
use anyhow::Context;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Format {
    /// Moodle's GIFT text format (questions only).
    Gift,
    /// Moodle XML (questions, and exercises as drag and drop into text).
    MoodleXml,
}

pub fn run(
    catalog: &Catalog,
    format: Format,
    topic: Option<&str>,
    out: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let topics: Vec<_> = match topic {
        Some(id) => match catalog.topic(id) {
            Some(t) => vec![t],
            None => {
                output::note(format_args!("kata: no topic `{id}` (see `kata list`)"));
                return Ok(ExitCode::from(2));
            }
        },
        None => catalog.topics.iter().collect(),
    };
    let mut text = String::new();
    let mut left_out = Vec::new();
    for t in topics {
        let written = match format {
            Format::Gift => gift::write(t),
            Format::MoodleXml => moodle_xml::write(t),
        };
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&written.text);
        left_out.extend(
            written
                .left_out
                .into_iter()
                .map(|(id, why)| (t.id.clone(), id, why)),
        );
    }
    match out {
        Some(path) => std::fs::write(path, &text)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            // Through the one escaping writer like all output: checked
            // content holds no control character (K023), but a bidi or
            // zero-width character (only a warning) is shown as an escape
            // here. `--out FILE` keeps the bank byte for byte.
            let mut stdout = output::stdout();
            stdout.write_all(text.as_bytes())?;
            stdout.flush()?;
        }
    }
    for (topic, id, why) in &left_out {
        output::note(format_args!("kata: left out {topic}/{id}: {why}"));
    }
    Ok(ExitCode::SUCCESS)
}
