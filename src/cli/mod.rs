//! The command line: parses arguments and hands over to a front-end or a command.
//!
//! Exit codes: 0 = ok, 1 = problems found or a failed run, 2 = usage error.

mod check;
mod export;
mod journal;
mod list;
mod new;
mod plain;
mod replay;
mod reset;
mod run;
mod schema;
mod stats;

use crate::content::{Catalog, Topic};
use crate::practice::Mode;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

/// kata — learn by doing in a terminal: fill-in code katas, quizzes, and a replay lab.
#[derive(Debug, Parser)]
#[command(name = "kata", version, about, long_about = None)]
pub struct Cli {
    /// Also load topics from this folder (read recursively for *.toml); repeatable.
    #[arg(long = "content", global = true, value_name = "DIR")]
    pub content: Vec<PathBuf>,

    /// Keep progress (the journal) in this folder instead of KATA_HOME or the
    /// platform's data folder (~/.local/share/kata on Linux).
    #[arg(long = "data-dir", global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

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
    ///
    /// Checks PATHs together with the bundled content and any --content
    /// folders, so ids clash and resolve as they would when learning. Prints
    /// every problem as `path:line:col: error: message` with the source line
    /// and a caret, then `checked N files: E errors, W warnings`, all on
    /// standard output. Exits 1 if there is any error, 0 otherwise (warnings
    /// alone pass, unless --deny-warnings). Rule codes and names (K012
    /// answer-out-of-range…) are listed in AUTHORING.md with examples.
    ///
    /// `--format json` prints one JSON object per problem per line instead
    /// (path, line, column, end, severity, code, name, message, help,
    /// related), for editors and CI.
    Check {
        /// Files or folders (read recursively for *.toml) to check with the bundled content.
        paths: Vec<PathBuf>,
        /// human: snippets and a summary; json: one object per problem per line.
        #[arg(long, value_enum, default_value_t = check::Format::Human)]
        format: check::Format,
        /// Exit 1 on warnings too, not only on errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Scaffold new content: `kata new topic ID` writes commented, working examples.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Print the JSON Schema of content files, for editors (`kata schema > kata.schema.json`).
    ///
    /// Editors with TOML schema support (taplo, Even Better TOML) read it
    /// through a `#:schema ./kata.schema.json` line at the top of a file.
    Schema,
    /// Open the TUI on your own content only, reloading it whenever you save.
    ///
    /// Shows PATH's topics (not the bundled ones) and keeps your place (topic,
    /// mode, item, and your choices on an item you did not change) across
    /// reloads. While a file does not check, its diagnostics replace the
    /// screen; fix and save and the item comes back. `R` reloads by hand.
    /// Watches with the platform's file events, or polls every 0.5 s where
    /// they cannot start.
    Preview {
        /// The folder (read recursively for *.toml) or file to preview.
        #[arg(default_value = ".")]
        path: PathBuf,
    },
    /// Practise in plain text, one answer per line: for screen readers and scripts.
    Plain {
        /// Topic id (see `kata list`); may be left out when only one topic is loaded.
        #[arg(long)]
        topic: Option<String>,
        /// practice = fill-in exercises, quiz = questions, test = 10 scored questions,
        /// review = items whose latest try was wrong, due = items spaced repetition brings back today.
        #[arg(long, value_enum, default_value_t = ModeArg::Practice)]
        mode: ModeArg,
        /// Seed for the test draw; the same seed asks the same questions in the same order.
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Replay a scenario event by event: each step with what it changed, then the state.
    ///
    /// With --json, one document: {"scenario", "steps": [{"position", "stream",
    /// "revision", "type", "data", "state"}…], "final"}; positions start at 0.
    /// Over 10,000 events the steps leave out their state unless --steps.
    Replay {
        /// Scenario id (see the `[[scenario]]` tables; e.g. user-lifecycle), or
        /// `my-progress` for your own journal of tries.
        scenario: String,
        /// Stop after the event at this position (0-based).
        #[arg(long, value_name = "N")]
        to: Option<u64>,
        /// Print one JSON document instead of text.
        #[arg(long)]
        json: bool,
        /// With --json: include each step's state even over 10,000 events.
        #[arg(long)]
        steps: bool,
    },
    /// Show your progress: mastery, tests, mistakes, due reviews, streak.
    Stats {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print every attempt (time, topic, item, answer, correct, points) for an instructor.
    Export {
        #[arg(long, value_enum, default_value_t = export::Format::Json)]
        format: export::Format,
        /// Only this topic's attempts.
        #[arg(long)]
        topic: Option<String>,
    },
    /// Run a runnable item once: an exercise completed with option letters, or a kata.
    ///
    /// Prints the program's output, any traceback, then one line per test
    /// (`✓ test 1`, `✗ test 2: message`). Exits 0 when every test passes, 1
    /// when one fails or the code errors, 2 on a usage error. With --json:
    /// {"output", "tests": [{"passed", "message"}], "error": null | {"type",
    /// "message", "line", "column", "part", "traceback"}, "events"}.
    Run {
        /// TOPIC/ITEM, e.g. event-store/filter-orders.
        target: String,
        /// Option letters, one per blank ("A B"); the exercise's answer when left out.
        #[arg(long, conflicts_with_all = ["code", "solution"])]
        answer: Option<String>,
        /// Run the code in FILE (a kata).
        #[arg(long, value_name = "FILE", conflicts_with = "solution")]
        code: Option<PathBuf>,
        /// Run the kata's own solution.
        #[arg(long)]
        solution: bool,
        /// Print one JSON document instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Start progress over (of one topic, or all); the history stays in the journal.
    Reset {
        /// Reset only this topic.
        #[arg(long)]
        topic: Option<String>,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
}

/// What `kata new` can make.
#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// Write DIR/exercises/ID.toml and DIR/quizzes/ID.toml (and DIR/kata.schema.json);
    /// never overwrites a content file.
    Topic {
        /// The topic id: a-z, 0-9 and -.
        #[arg(value_parser = new::parse_id)]
        id: String,
        /// The folder to write into (default: the current folder).
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
}

/// The session modes as the command line spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModeArg {
    Practice,
    Quiz,
    Test,
    Review,
    Due,
}

impl From<ModeArg> for Mode {
    fn from(m: ModeArg) -> Mode {
        match m {
            ModeArg::Practice => Mode::Practice,
            ModeArg::Quiz => Mode::Quiz,
            ModeArg::Test => Mode::Test,
            ModeArg::Review => Mode::Review,
            ModeArg::Due => Mode::Due,
        }
    }
}

/// Parse the process arguments and run; the binary's whole `main`.
pub fn main() -> ExitCode {
    // The sandbox worker speaks JSON lines, not the command line: kata starts
    // it as `kata __sandbox-worker`, and it never touches clap or the journal.
    if std::env::args_os().nth(1).as_deref()
        == Some(std::ffi::OsStr::new(crate::sandbox::WORKER_SUBCOMMAND))
    {
        return crate::sandbox::worker::serve();
    }
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
                journal::folder(cli.data_dir.as_deref()),
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::List { json }) => list::run(&crate::content::load(&cli.content), json),
        Some(Command::Replay {
            scenario,
            to,
            json,
            steps,
        }) => replay::run(
            &crate::content::load(&cli.content),
            cli.data_dir.as_deref(),
            &scenario,
            to,
            json,
            steps,
        ),
        Some(Command::Check {
            paths,
            format,
            deny_warnings,
        }) => check::run(&cli.content, &paths, format, deny_warnings),
        Some(Command::New {
            what: NewCommand::Topic { id, dir },
        }) => new::topic(&cli.content, &id, &dir),
        Some(Command::Schema) => schema::run(),
        Some(Command::Preview { path }) => {
            crate::tui::preview::run(
                &path,
                crate::tui::Options {
                    time_limit: cli.time,
                    ..Default::default()
                },
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Plain { topic, mode, seed }) => plain::run(
            &crate::content::load(&cli.content),
            topic.as_deref(),
            mode.into(),
            seed,
            cli.data_dir.as_deref(),
        ),
        Some(Command::Stats { json }) => stats::run(
            &crate::content::load(&cli.content),
            cli.data_dir.as_deref(),
            json,
        ),
        Some(Command::Export { format, topic }) => export::run(
            &crate::content::load(&cli.content),
            cli.data_dir.as_deref(),
            format,
            topic.as_deref(),
        ),
        Some(Command::Run {
            target,
            answer,
            code,
            solution,
            json,
        }) => run::run(
            &crate::content::load(&cli.content),
            &target,
            &run::With {
                answer,
                code,
                solution,
            },
            json,
        ),
        Some(Command::Reset { topic, yes }) => reset::run(
            &crate::content::load(&cli.content),
            cli.data_dir.as_deref(),
            topic.as_deref(),
            yes,
        ),
    }
}

/// The topic a command should use: the one named, or the only one loaded.
fn pick_topic<'c>(catalog: &'c Catalog, id: Option<&str>) -> Result<&'c Topic, String> {
    let ids = || {
        catalog
            .topics
            .iter()
            .map(|t| t.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match id {
        Some(id) => catalog
            .topic(id)
            .ok_or_else(|| format!("no topic `{id}`; loaded topics: {}", ids())),
        None => match catalog.topics.as_slice() {
            [only] => Ok(only),
            [] => Err("no topics loaded; run `kata check` to see why".to_string()),
            _ => Err(format!(
                "several topics are loaded; choose one with --topic ({})",
                ids()
            )),
        },
    }
}

/// The longest `--time` a test takes: a day is already far more than any test needs,
/// and the cap keeps the countdown's deadline arithmetic far from overflow.
const LONGEST_TEST_S: u64 = 24 * 3600;

/// `10m`, `90s`, `1m30s`, `1h`: a duration for `--time`, at most 24 hours.
fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    let bad = || format!("`{text}` is not a duration: write it like 10m, 90s or 1m30s");
    let too_long = || format!("`{text}` is longer than a test can run: give at most 24h");
    let mut total = 0u64;
    let mut number = String::new();
    for c in text.trim().chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        if number.is_empty() {
            return Err(bad());
        }
        let n: u64 = number.parse().map_err(|_| too_long())?;
        number.clear();
        let unit = match c {
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return Err(bad()),
        };
        total = n
            .checked_mul(unit)
            .and_then(|part| total.checked_add(part))
            .filter(|&t| t <= LONGEST_TEST_S)
            .ok_or_else(too_long)?;
    }
    if !number.is_empty() {
        return Err(bad());
    }
    if total == 0 {
        return Err(format!(
            "`{text}` is no time at all: give at least one second"
        ));
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
        assert!(parse_duration("m").is_err(), "a unit needs a number");
    }

    #[test]
    fn absurd_durations_are_refused_not_a_crash() {
        assert_eq!(parse_duration("24h"), Ok(Duration::from_secs(86_400)));
        assert!(parse_duration("25h").unwrap_err().contains("at most 24h"));
        assert!(parse_duration("18446744073709551615h").is_err());
        assert!(parse_duration("99999999999999999999999s").is_err());
        assert!(parse_duration("5124095576030431h").is_err());
    }
}
