//! `kata export --format json|csv [--topic ID]`: every attempt, for an instructor.

use crate::progress::{attempts, write_csv, write_json};
use clap::ValueEnum;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Csv,
}

pub fn run(
    catalog: &crate::content::Catalog,
    data_dir: Option<&Path>,
    format: Format,
    topic: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let (_, loaded) = super::journal::open_for_reading(data_dir)?;
    // A mistyped topic would otherwise export an empty list that looks like "no tries".
    if let Some(id) = topic {
        let known = catalog.topic(id).is_some()
            || loaded.events.iter().any(|r| r.event.topic() == Some(id));
        if !known {
            super::output::note(format_args!(
                "kata: no topic `{id}` in the content or in your progress; see `kata list`"
            ));
            return Ok(ExitCode::from(2));
        }
    }
    let rows = attempts(&loaded.events, topic);
    match format {
        Format::Json => {
            let mut out = super::output::buffered_json_stdout();
            write_json(&rows, &mut out)?;
            out.flush()?;
        }
        Format::Csv => {
            let mut out = super::output::buffered_stdout();
            write_csv(&rows, &mut out)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
