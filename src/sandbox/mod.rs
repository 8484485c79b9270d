//! Running a learner's Python: the completed code of an exercise or a kata, in
//! a sandbox that cannot hurt kata.
//!
//! The interpreter is `monty` (pydantic's sandboxed Python in Rust). It never
//! runs inside kata's own process: an abort inside it (stack overflow, failed
//! allocation) would take the learner's session with it. [`Sandbox`] owns a
//! *worker* — kata itself, started as `kata __sandbox-worker` — that reads one
//! [`Program`] per line on stdin and answers one outcome per line on stdout.
//! The worker is reused between runs (a run is well under a millisecond; a
//! start is a process spawn) and replaced whenever it dies, overruns the wall
//! clock (the parent kills it) or gets out of step.
//!
//! Layering: this module knows `store` (the `EventStore` that code inside the
//! sandbox writes to is kata's own [`Store`]) and nothing above it.

pub(crate) mod event_store;
mod interpreter;
mod policy;
mod process;
mod wire;
pub mod worker;

use crate::store::{RecordedEvent, Store};
use std::path::PathBuf;
use std::time::Duration;

pub use event_store::PRELUDE;
pub use process::Sandbox;

/// A program to run: `setup`, then `code` (the part shown to the learner),
/// then each of `tests` on its own, all in one namespace.
///
/// Tracebacks number the lines of `code` as the learner sees them: each part
/// is compiled on its own, so setup and kata's prelude never shift them.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Program {
    /// Runs first; defines what the code needs (the learner can view it).
    pub setup: String,
    /// The code on screen: an exercise with its blanks filled, or a kata's code.
    pub code: String,
    /// Each entry runs after the code and passes unless it raises.
    pub tests: Vec<String>,
}

/// How much a run may use; an author may lower these per item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Limits {
    /// Running time of setup, code and tests together.
    pub time: Duration,
    /// Memory the program may allocate, in bytes.
    pub memory: usize,
    /// Bytes the program may print.
    pub output: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            time: Duration::from_secs(1),
            memory: 64 * 1024 * 1024,
            output: 64 * 1024,
        }
    }
}

/// Which part of a [`Program`] a position or an error belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase", tag = "part", content = "index")]
pub enum Part {
    Setup,
    Code,
    /// A test, by its 0-based index.
    Test(usize),
}

/// How a traceback and `kata run --json` name a part: `setup`, `code`, `test 2`.
impl std::fmt::Display for Part {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Part::Setup => f.write_str("setup"),
            Part::Code => f.write_str("code"),
            Part::Test(i) => write!(f, "test {}", i + 1),
        }
    }
}

/// What happened when a program ran.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Outcome {
    /// Everything the program printed, in order (at most `Limits::output` bytes).
    pub output: String,
    /// One result per test, in order; tests after an error are reported not run.
    pub tests: Vec<TestResult>,
    /// Why setup or the code stopped early, or a limit that stopped a test.
    pub error: Option<RunError>,
    /// The events the program appended to its `EventStore`, in order.
    pub events: Vec<RecordedEvent>,
}

impl Outcome {
    /// Every test passed and nothing stopped the program.
    pub fn passed(&self) -> bool {
        self.error.is_none() && self.tests.iter().all(|t| t.passed)
    }

    /// The events the program wrote, in kata's own store, for the replay lab.
    pub fn store(&self) -> Store {
        event_store::rebuild(&self.events)
    }
}

/// One test's result.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TestResult {
    pub passed: bool,
    /// The assertion's message, or the error the test raised, or why it did not run.
    pub message: Option<String>,
    /// What the test raised, with its line and column in the test, when it ran and failed.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub error: Option<RunError>,
}

/// Why a program stopped: a Python exception or a limit of the sandbox.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RunError {
    /// The Python exception type (`NameError`, `SyntaxError`…) or one of the
    /// sandbox's own: `Timeout`, `MemoryLimit`, `OutputLimit`,
    /// `RecursionLimit`, `NotAvailable`, `Crashed`.
    #[serde(rename = "type")]
    pub kind: String,
    /// One line for the learner: the exception's message or the limit hit.
    pub message: String,
    /// The part of the program the error is in, when known.
    pub part: Option<Part>,
    /// 1-based line within that part (for `Part::Code`, the line on screen).
    pub line: Option<u32>,
    /// 1-based column, in characters.
    pub column: Option<u32>,
    /// A CPython-style traceback, with the lines of the part it is in.
    pub traceback: String,
}

impl RunError {
    pub(crate) fn limit(kind: &str, message: String) -> RunError {
        RunError {
            kind: kind.to_string(),
            message,
            part: None,
            line: None,
            column: None,
            traceback: String::new(),
        }
    }

    /// `NameError: name 'x' is not defined`, or the bare kind when there is no message.
    pub fn summary(&self) -> String {
        if self.message.is_empty() {
            self.kind.clone()
        } else {
            format!("{}: {}", self.kind, self.message)
        }
    }
}

/// How to start the worker: a program and its arguments.
///
/// Kata starts itself ([`WorkerCommand::current_exe`]); tests of the library
/// point at the built binary (`env!("CARGO_BIN_EXE_kata")`) or set
/// `KATA_SANDBOX_WORKER` to it, because a test harness is not kata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkerCommand {
    pub program: PathBuf,
    pub args: Vec<String>,
}

/// The hidden subcommand that turns kata into a sandbox worker.
pub const WORKER_SUBCOMMAND: &str = "__sandbox-worker";

impl WorkerCommand {
    /// `BINARY __sandbox-worker`: a kata binary as a worker.
    pub fn kata(binary: impl Into<PathBuf>) -> WorkerCommand {
        WorkerCommand {
            program: binary.into(),
            args: vec![WORKER_SUBCOMMAND.to_string()],
        }
    }

    /// The running kata as its own worker; `KATA_SANDBOX_WORKER` names another
    /// kata binary instead (what tests of the library and benches set).
    pub fn current_exe() -> std::io::Result<WorkerCommand> {
        if let Some(path) = std::env::var_os("KATA_SANDBOX_WORKER") {
            return Ok(WorkerCommand::kata(path));
        }
        Ok(WorkerCommand::kata(std::env::current_exe()?))
    }
}
