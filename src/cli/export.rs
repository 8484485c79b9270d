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
    data_dir: Option<&Path>,
    format: Format,
    topic: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let (_, loaded) = super::journal::open_for_reading(data_dir)?;
    let rows = attempts(&loaded.events, topic);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        Format::Json => write_json(&rows, &mut out)?,
        Format::Csv => write_csv(&rows, &mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
