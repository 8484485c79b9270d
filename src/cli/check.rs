//! `kata check`: report every problem in every file, exit 1 on any error.

use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(_content: &[PathBuf], _paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    Ok(ExitCode::SUCCESS)
}
