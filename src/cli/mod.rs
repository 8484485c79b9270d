//! The command line: parses arguments and hands over to a front-end or a command.
//!
//! Exit codes: 0 = ok, 1 = problems found or a failed run, 2 = usage error.

mod check;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// kata — learn by doing in a terminal: fill-in code katas, quizzes, and a replay lab.
#[derive(Debug, Parser)]
#[command(name = "kata", version, about, long_about = None)]
pub struct Cli {
    /// Also load topics from this folder (read recursively for *.toml); repeatable.
    #[arg(long = "content", global = true, value_name = "DIR")]
    pub content: Vec<PathBuf>,

    /// Time limit of a test in the TUI, e.g. `10m`, `90s`, `1m30s`.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub time: Option<std::time::Duration>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List topics with their counts by kind and difficulty.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Check content files or folders (default: the bundled content).
    Check {
        /// Files or folders to check together with the bundled content.
        paths: Vec<PathBuf>,
    },
}

/// Parse the process arguments and run; the binary's whole `main`.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help/version to stdout with exit 0 and usage errors to stderr with 2.
            let _ = e.print();
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("kata: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        None => {
            let catalog = crate::tui::catalog::load(&cli.content);
            crate::tui::run(
                catalog,
                crate::tui::Options {
                    time_limit: cli.time,
                    ..Default::default()
                },
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::List { json: _ }) => Ok(ExitCode::SUCCESS),
        Some(Command::Check { paths }) => check::run(&cli.content, &paths),
    }
}

/// `10m`, `90s`, `1m30s`, `1h`: a duration for `--time`.
fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    let bad = || format!("`{text}` is not a duration: write it like 10m, 90s or 1m30s");
    let mut total = 0u64;
    let mut number = String::new();
    for c in text.trim().chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let n: u64 = number.parse().map_err(|_| bad())?;
        number.clear();
        total += n * match c {
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return Err(bad()),
        };
    }
    if !number.is_empty() {
        return Err(bad());
    }
    if total == 0 {
        return Err(format!("`{text}` is no time at all: give at least one second"));
    }
    Ok(std::time::Duration::from_secs(total))
}

#[cfg(test)]
mod tests {
    use super::parse_duration;
    use std::time::Duration;

    #[test]
    fn durations_read_like_people_write_them() {
        assert_eq!(parse_duration("10m"), Ok(Duration::from_secs(600)));
        assert_eq!(parse_duration("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("1m30s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("1h"), Ok(Duration::from_secs(3600)));
        assert!(parse_duration("10").is_err());
        assert!(parse_duration("ten minutes").is_err());
        assert!(parse_duration("0s").is_err());
    }
}
