//! The command line: parses arguments and hands over to a front-end or a command.
//!
//! Exit codes: 0 = ok, 1 = problems found or a failed run, 2 = usage error.

mod check;
mod check_fix;
mod class;
mod config;
mod export;
mod export_content;
mod import;
mod journal;
mod list;
mod new;
pub mod output;
mod plain;
mod replay;
mod reset;
mod run;
mod schema;
mod stats;
mod sync;

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

    /// Open the TUI's test at once with this seed: the same seed asks the same
    /// questions with the same options in the same order (results print the
    /// command that repeats a test).
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,

    /// The topic the TUI opens on (with --seed: the topic whose test starts).
    #[arg(long, value_name = "ID")]
    pub topic: Option<String>,

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
    /// related, fix), then a summary record, for editors and CI.
    ///
    /// `--fix` first applies the fixes kata is certain of (a near-miss key
    /// or scenario id, `{{ 2 }}` for `{{2}}`, TOML 1.1-only syntax) to the
    /// named files, never to bundled content, then reports what is left.
    Check {
        /// Files or folders (read recursively for *.toml) to check with the bundled content.
        paths: Vec<PathBuf>,
        /// human: snippets and a summary; json: one object per problem per line.
        #[arg(long, value_enum, default_value_t = check::Format::Human)]
        format: check::Format,
        /// Exit 1 on warnings too, not only on errors.
        #[arg(long)]
        deny_warnings: bool,
        /// Apply the certain fixes to the named files first, then check.
        #[arg(long)]
        fix: bool,
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
        /// review = items whose latest try was wrong, due = items spaced repetition brings back today,
        /// cards = flashcards graded by yourself (due ones first, then new ones),
        /// learn = the topic's notes, the ideas before practice,
        /// exam = your own test (--items, --levels, --kinds, --time),
        /// predict = before each event of --scenario, say what it will do.
        #[arg(long, value_enum, default_value_t = ModeArg::Practice)]
        mode: ModeArg,
        /// Predict and lab: the scenario to step through (see `kata replay`),
        /// or `my-progress` for your own journal.
        #[arg(long, value_name = "ID")]
        scenario: Option<String>,
        /// Seed for the test draw; the same seed asks the same questions in the same order.
        #[arg(long)]
        seed: Option<u64>,
        /// Confidence-based marking: rate each first try 1, 2 or 3 (or type it
        /// after the letters, `B 3`); right earns 1/2/3, wrong costs 0/2/6.
        #[arg(long)]
        confidence: bool,
        /// Exam: how many items to draw (default 10).
        #[arg(long, value_name = "N")]
        items: Option<usize>,
        /// Exam: the difficulties to draw from, e.g. `medium,hard` (default all).
        #[arg(long, value_enum, value_delimiter = ',', value_name = "LEVELS")]
        levels: Vec<LevelArg>,
        /// Exam: the kinds to draw from, `questions`, `exercises` or both (default both).
        #[arg(long, value_enum, value_delimiter = ',', value_name = "KINDS")]
        kinds: Vec<KindArg>,
        /// Exam (or test): a time limit, e.g. `10m`; when it runs out, open items count as wrong.
        #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
        time: Option<std::time::Duration>,
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
    /// Bring in a Moodle question bank (GIFT) as kata topic files under DIR.
    ///
    /// One file per category (`DIR/<topic>.toml`), each passing `kata
    /// check`: multiple choice, true/false and missing-word questions with
    /// their feedback. Every question kata cannot represent yet (short
    /// answer, numerical, matching, essay, weighted multiple answer) is
    /// listed with its line. Writes all files or none; never overwrites.
    Import {
        /// The bank, as Moodle exports it (.gift or .txt).
        file: PathBuf,
        /// Where to write the topic files.
        #[arg(long, default_value = "imported")]
        dir: PathBuf,
    },
    /// Write kata's questions as a Moodle question bank (GIFT).
    ///
    /// Each topic becomes a category; ids become question names, per-option
    /// feedback stays with its option and the steps become the general
    /// feedback. What GIFT has no place for (exercises, katas) is named on
    /// standard error.
    ExportContent {
        #[arg(long, value_enum, default_value_t = export_content::Format::Gift)]
        format: export_content::Format,
        /// Only this topic.
        #[arg(long)]
        topic: Option<String>,
        /// Write to this file instead of standard output (byte for byte; on standard output invisible characters are shown as escapes).
        #[arg(long)]
        out: Option<PathBuf>,
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
    /// The TUI's terminal guard (see `tui::guard`); started by kata itself.
    #[command(name = "__terminal-guard", hide = true)]
    TerminalGuard,
    /// Send your progress to the class's Learning Record Store (xAPI), exactly once.
    ///
    /// The LRS comes from --lrs, KATA_LRS_URL or `kata config`; its credentials
    /// from KATA_LRS_USER / KATA_LRS_PASSWORD or `kata config`. Who you are
    /// comes from --as (saved for next time), KATA_LEARNER or `kata config`.
    /// Safe to stop at any moment: the next sync sends what is missing and
    /// nothing twice. See docs/xapi.md.
    Sync {
        /// The class's xAPI endpoint, like https://lrs.example.org/xAPI.
        #[arg(long, value_name = "URL")]
        lrs: Option<String>,
        /// Who you are to the class: mailto:ana@example.org or
        /// account:ana@https://moodle.example.org (saved in the config file).
        #[arg(long = "as", value_name = "LEARNER")]
        learner: Option<String>,
        /// Print the statements (one JSON object a line) instead of sending them.
        #[arg(long)]
        dry_run: bool,
        /// Give up on one request after this long, then retry (e.g. 30s).
        #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "30s")]
        timeout: std::time::Duration,
    },
    /// For an instructor: the class's results from its LRS.
    Class {
        #[command(subcommand)]
        what: ClassCommand,
    },
    /// Show the class settings, or change one: `kata config set lrs_url URL`.
    Config {
        #[command(subcommand)]
        change: Option<ConfigCommand>,
    },
}

/// What `kata class` can do.
#[derive(Debug, Subcommand)]
pub enum ClassCommand {
    /// Item analysis: per item the learners, the share right on the first try,
    /// the discrimination index, each option's pick count (distractors),
    /// median tries and hint use; per learner the best test and mastery.
    Report {
        /// The class's xAPI endpoint (default: KATA_LRS_URL or `kata config`).
        #[arg(long, value_name = "URL")]
        lrs: Option<String>,
        /// Only this topic's items.
        #[arg(long)]
        topic: Option<String>,
        /// Only statements stored since this date (2024-11-27 or an RFC 3339 time).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        #[arg(long, value_enum, default_value_t = class::Format::Table)]
        format: class::Format,
        /// Give up on one request after this long (e.g. 60s).
        #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "60s")]
        timeout: std::time::Duration,
    },
}

/// What `kata config` can change.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Set one: lrs_url, lrs_user, lrs_password, learner, activity_base.
    Set { key: String, value: String },
    /// Remove one.
    Unset { key: String },
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

/// A difficulty as `--levels` spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    Easy,
    Medium,
    Hard,
}

/// An item kind as `--kinds` spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Questions,
    Exercises,
}

/// The session modes as the command line spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModeArg {
    Practice,
    Quiz,
    Test,
    Review,
    Due,
    Cards,
    Learn,
    Exam,
    Predict,
    Lab,
}

impl ModeArg {
    /// The practice session this mode runs; `None` for flashcards, which
    /// are a [`crate::practice::Deck`], not a session of items.
    fn session_mode(self) -> Option<Mode> {
        Some(match self {
            ModeArg::Practice => Mode::Practice,
            ModeArg::Quiz => Mode::Quiz,
            ModeArg::Test => Mode::Test,
            ModeArg::Review => Mode::Review,
            ModeArg::Due => Mode::Due,
            ModeArg::Exam => Mode::Exam,
            ModeArg::Cards | ModeArg::Learn | ModeArg::Predict | ModeArg::Lab => return None,
        })
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
        // clap prints help/version to stdout with exit 0, as it styles them.
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::from(e.exit_code() as u8);
        }
        // A usage error quotes what was typed (`--time $'\e]0;x\a'`): plain
        // text, escaped, on standard error, exit 2.
        Err(e) => {
            let text = e.render().to_string();
            output::note(format_args!("{}", text.trim_end()));
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    match run(cli) {
        Ok(code) => code,
        // `kata replay x | head`: the reader has all it wanted; end quietly.
        Err(e) if output::is_closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            output::note(format_args!("kata: error: {e:#}"));
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // Options of the TUI given to another command would be silently ignored.
    let tui = matches!(cli.command, None | Some(Command::Preview { .. }));
    if cli.seed.is_some() && !tui {
        crate::safe_text::note(format_args!(
            "kata: `--seed` before a command seeds the TUI's test; for the line mode write `kata plain --mode test --seed N`"
        ));
        return Ok(ExitCode::from(2));
    }
    if cli.time.is_some() && !tui {
        crate::safe_text::note(format_args!(
            "kata: `--time` before a command times the TUI's test; the other commands have no clock"
        ));
        return Ok(ExitCode::from(2));
    }
    if cli.topic.is_some() && cli.command.is_some() {
        crate::safe_text::note(format_args!(
            "kata: `--topic` before a command picks the TUI's topic; write it after the command (`kata plain --topic ID`)"
        ));
        return Ok(ExitCode::from(2));
    }
    if let Some(id) = &cli.topic
        && crate::tui::catalog::load(&cli.content).topic(id).is_none()
    {
        crate::safe_text::note(format_args!(
            "kata: no topic `{id}` is loaded (see `kata list`)"
        ));
        return Ok(ExitCode::from(2));
    }
    match cli.command {
        None => {
            let catalog = crate::tui::catalog::load(&cli.content);
            crate::tui::run(
                catalog,
                crate::tui::Options {
                    time_limit: cli.time,
                    seed: cli.seed,
                    topic: cli.topic.clone(),
                    ..Default::default()
                },
                journal::folder(cli.data_dir.as_deref()),
            )?;
            sync::on_quit(&cli.content, cli.data_dir.as_deref());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::List { json }) => {
            list::run(&crate::replay::predict::load(&cli.content), json)
        }
        Some(Command::Replay {
            scenario,
            to,
            json,
            steps,
        }) => replay::run(
            &crate::replay::predict::load(&cli.content),
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
            fix,
        }) => check::run(
            &cli.content,
            &paths,
            check::Report {
                format,
                deny_warnings,
                fix,
            },
        ),
        Some(Command::New {
            what: NewCommand::Topic { id, dir },
        }) => new::topic(&cli.content, &id, &dir),
        Some(Command::Schema) => schema::run(),
        Some(Command::Preview { path }) => {
            crate::tui::preview::run(
                &path,
                crate::tui::Options {
                    time_limit: cli.time,
                    seed: cli.seed,
                    ..Default::default()
                },
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Plain {
            topic,
            mode,
            seed,
            confidence,
            items,
            levels,
            kinds,
            time,
            scenario,
        }) => match mode.session_mode() {
            _ if scenario.is_some() && !matches!(mode, ModeArg::Predict | ModeArg::Lab) => {
                crate::safe_text::note(format_args!(
                    "kata: --scenario names what Predict or the Replay lab steps through: add `--mode predict` or `--mode lab`"
                ));
                Ok(ExitCode::from(2))
            }
            Some(session_mode) => {
                let exam = crate::practice::ExamSpec {
                    items: items.unwrap_or(crate::practice::TEST_SIZE),
                    difficulties: levels
                        .iter()
                        .map(|l| match l {
                            LevelArg::Easy => crate::content::Difficulty::Easy,
                            LevelArg::Medium => crate::content::Difficulty::Medium,
                            LevelArg::Hard => crate::content::Difficulty::Hard,
                        })
                        .collect(),
                    kinds: kinds
                        .iter()
                        .map(|k| match k {
                            KindArg::Questions => crate::practice::ExamKind::Questions,
                            KindArg::Exercises => crate::practice::ExamKind::Exercises,
                        })
                        .collect(),
                    time,
                };
                let exam_only = items.is_some() || !levels.is_empty() || !kinds.is_empty();
                if exam_only && mode != ModeArg::Exam {
                    crate::safe_text::note(format_args!(
                        "kata: --items, --levels and --kinds set up an exam: add `--mode exam`"
                    ));
                    return Ok(ExitCode::from(2));
                }
                if time.is_some() && !session_mode.is_scored() {
                    crate::safe_text::note(format_args!(
                        "kata: --time limits a test or an exam: add `--mode exam` or `--mode test`"
                    ));
                    return Ok(ExitCode::from(2));
                }
                plain::run(
                    &crate::replay::predict::load(&cli.content),
                    topic.as_deref(),
                    session_mode,
                    seed,
                    cli.data_dir.as_deref(),
                    confidence,
                    &exam,
                )
            }
            None if mode == ModeArg::Predict => plain::run_predict(
                &crate::replay::predict::load(&cli.content),
                scenario.as_deref(),
                cli.data_dir.as_deref(),
            ),
            None if mode == ModeArg::Lab => plain::run_lab(
                &crate::replay::predict::load(&cli.content),
                scenario.as_deref(),
                cli.data_dir.as_deref(),
            ),
            None if mode == ModeArg::Learn => plain::run_learn(
                &crate::replay::predict::load(&cli.content),
                topic.as_deref(),
                cli.data_dir.as_deref(),
            ),
            None => plain::run_cards(
                &crate::replay::predict::load(&cli.content),
                topic.as_deref(),
                cli.data_dir.as_deref(),
            ),
        },
        Some(Command::Stats { json }) => stats::run(
            &crate::replay::predict::load(&cli.content),
            cli.data_dir.as_deref(),
            json,
        ),
        Some(Command::Import { file, dir }) => import::run(&file, &dir),
        Some(Command::ExportContent { format, topic, out }) => export_content::run(
            &crate::replay::predict::load(&cli.content),
            format,
            topic.as_deref(),
            out.as_deref(),
        ),
        Some(Command::Export { format, topic }) => export::run(
            &crate::replay::predict::load(&cli.content),
            cli.data_dir.as_deref(),
            format,
            topic.as_deref(),
        ),
        Some(Command::TerminalGuard) => Ok(crate::tui::guard::run()),
        Some(Command::Sync {
            lrs,
            learner,
            dry_run,
            timeout,
        }) => sync::run(
            &crate::replay::predict::load(&cli.content),
            cli.data_dir.as_deref(),
            sync::Options {
                lrs: lrs.as_deref(),
                learner: learner.as_deref(),
                dry_run,
                timeout,
            },
        ),
        Some(Command::Class {
            what:
                ClassCommand::Report {
                    lrs,
                    topic,
                    since,
                    format,
                    timeout,
                },
        }) => class::report(
            &crate::replay::predict::load(&cli.content),
            class::Options {
                lrs: lrs.as_deref(),
                topic: topic.as_deref(),
                since: since.as_deref(),
                format,
                timeout,
            },
        ),
        Some(Command::Config { change }) => config::run(match &change {
            None => None,
            Some(ConfigCommand::Set { key, value }) => Some((key.as_str(), Some(value.as_str()))),
            Some(ConfigCommand::Unset { key }) => Some((key.as_str(), None)),
        }),
        Some(Command::Run {
            target,
            answer,
            code,
            solution,
            json,
        }) => run::run(
            &crate::replay::predict::load(&cli.content),
            &target,
            &run::With {
                answer,
                code,
                solution,
            },
            json,
        ),
        Some(Command::Reset { topic, yes }) => reset::run(
            &crate::replay::predict::load(&cli.content),
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
/// Each unit at most once, largest first (`1s1s` and `1m1h` are refused:
/// such a typo should not quietly mean something).
fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    let bad = || format!("`{text}` is not a duration: write it like 10m, 90s or 1m30s");
    let too_long = || format!("`{text}` is longer than a test can run: give at most 24h");
    let mut total = 0u64;
    let mut number = String::new();
    // The last unit's size: the next must be smaller.
    let mut last_unit = u64::MAX;
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
        if unit >= last_unit {
            return Err(format!(
                "`{text}` is not a duration: give each of h, m and s at most once, in that order (like 1h30m)"
            ));
        }
        last_unit = unit;
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
        assert_eq!(parse_duration("1h2m3s"), Ok(Duration::from_secs(3723)));
        assert!(parse_duration("1s1s").unwrap_err().contains("at most once"));
        assert!(parse_duration("1m1h").is_err());
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
