//! One run of a [`Program`] in monty, in the current process.
//!
//! Only the worker calls this outside tests (see the module doc of
//! `sandbox`): an abort inside monty must end a worker, never kata.
//!
//! Each part is fed to one monty REPL session as its own snippet — kata's
//! prelude, setup, the code, then each test — so the parts share a namespace
//! while a traceback's line numbers stay those of the part it is in.

use super::event_store::{self, HostStore};
use super::policy;
use super::wire::{Request, Response};
use super::{Limits, Part, Program, RunError, TestResult};
use monty::{MontyRepl, ReplProgress, ReplStartError};
use monty_types::{
    CompileOptions, ExcType, MontyException, MontyObject, NameLookupResult, PrintWriter,
    PrintWriterCallback, ResourceLimits, ResourceTracker,
};
use std::borrow::Cow;

/// Recursion depth before `RecursionError`, as CPython's default.
const RECURSION_DEPTH: usize = 1000;

/// Runs `request` to its end, whatever the code does short of an abort.
pub(crate) fn execute(request: &Request) -> Response {
    let mut run = Run::new(&request.limits);
    run.program(&request.program);
    run.finish()
}

/// Output kept so far, cut at the limit: over it, printing raises and the run
/// reports `OutputLimit`.
struct Output {
    text: String,
    limit: usize,
    overflowed: bool,
}

impl Output {
    fn push(&mut self, s: &str) -> Result<(), MontyException> {
        if self.text.len() + s.len() > self.limit {
            let room = self.limit - self.text.len();
            let mut cut = room.min(s.len());
            while !s.is_char_boundary(cut) {
                cut -= 1;
            }
            self.text.push_str(&s[..cut]);
            self.overflowed = true;
            return Err(MontyException::new(
                ExcType::MemoryError,
                Some("output limit".into()),
            ));
        }
        self.text.push_str(s);
        Ok(())
    }
}

impl PrintWriterCallback for Output {
    fn stdout_write(&mut self, output: Cow<'_, str>) -> Result<(), MontyException> {
        self.push(&output)
    }

    fn stdout_push(&mut self, end: char) -> Result<(), MontyException> {
        self.push(end.encode_utf8(&mut [0; 4]))
    }
}

struct Run {
    repl: Option<MontyRepl>,
    output: Output,
    store: HostStore,
    limits: Limits,
    /// Set when kata refused something (a module, `open`, an OS call): the
    /// exception monty then raises is reported as `NotAvailable`.
    refused: Option<String>,
    tests: Vec<TestResult>,
    error: Option<RunError>,
    /// The name monty gives each fed snippet (`<python-input-N>`, counting
    /// only non-empty ones) and the name the learner reads in a traceback.
    names: Vec<(String, String)>,
}

impl Run {
    fn new(limits: &Limits) -> Run {
        let resources = ResourceLimits::default()
            .max_duration(limits.time)
            // Without monty's allocator this arms the up-front size checks
            // (`[0] * 10**10`, `2 ** 10**9`); the worker's rlimit catches the rest.
            .max_memory(limits.memory)
            .max_recursion_depth(RECURSION_DEPTH);
        Run {
            repl: Some(MontyRepl::new(
                "main.py",
                ResourceTracker::new(resources),
                CompileOptions::default(),
            )),
            output: Output {
                text: String::new(),
                limit: limits.output,
                overflowed: false,
            },
            store: HostStore::default(),
            limits: *limits,
            refused: None,
            tests: Vec::new(),
            error: None,
            names: Vec::new(),
        }
    }

    fn program(&mut self, program: &Program) {
        if let Err(e) = self.feed(
            event_store::PRELUDE,
            event_store::host_functions(),
            "kata's prelude",
        ) {
            // The prelude is kata's own code: failing is a bug, shown as one.
            self.error = Some(RunError::limit(
                "Crashed",
                format!("kata's sandbox prelude failed: {}", e.summary()),
            ));
            return;
        }
        for (part, source) in [(Part::Setup, &program.setup), (Part::Code, &program.code)] {
            if let Err(error) = self.part(part, source) {
                self.error = Some(error);
                self.not_run(program.tests.len());
                return;
            }
        }
        for (i, test) in program.tests.iter().enumerate() {
            if self.error.is_some() {
                break;
            }
            match self.part(Part::Test(i), test) {
                Ok(()) => self.tests.push(TestResult {
                    passed: true,
                    message: None,
                    error: None,
                }),
                Err(error) if is_limit(&error.kind) => self.error = Some(error),
                Err(error) => self.tests.push(TestResult {
                    passed: false,
                    message: Some(test_message(&error)),
                    error: Some(error),
                }),
            }
        }
        self.not_run(program.tests.len());
    }

    /// Reports the tests an error kept from running, so each test has a result.
    fn not_run(&mut self, tests: usize) {
        let Some(error) = &self.error else { return };
        let why = format!("not run: {}", error.summary());
        while self.tests.len() < tests {
            self.tests.push(TestResult {
                passed: false,
                message: Some(why.clone()),
                error: None,
            });
        }
    }

    /// Runs one part; a refused import is caught before monty sees the code.
    fn part(&mut self, part: Part, source: &str) -> Result<(), RunError> {
        if let Some(found) = policy::refused_import(source) {
            return Err(RunError {
                kind: "NotAvailable".into(),
                message: policy::not_available(&found.what),
                part: Some(part),
                line: Some(found.line),
                column: Some(found.column),
                traceback: String::new(),
            });
        }
        self.feed(source, Vec::new(), &part.to_string())
            .map_err(|e| self.classify(e, part))
    }

    fn feed(
        &mut self,
        source: &str,
        inputs: Vec<(String, MontyObject)>,
        label: &str,
    ) -> Result<(), MontyException> {
        // monty names snippets by a counter it only advances for non-empty code.
        if !source.is_empty() {
            let n = self.names.len();
            self.names
                .push((format!("\"<python-input-{n}>\""), format!("\"{label}\"")));
        }
        let repl = self
            .repl
            .take()
            .expect("the session is back after each feed");
        let mut output = std::mem::replace(
            &mut self.output,
            Output {
                text: String::new(),
                limit: 0,
                overflowed: false,
            },
        );
        let result = self.drive(repl, source, inputs, &mut output);
        self.output = output;
        match result {
            Ok(repl) => {
                self.repl = Some(repl);
                Ok(())
            }
            Err(failed) => {
                let ReplStartError { repl, error } = *failed;
                self.repl = Some(repl);
                Err(error)
            }
        }
    }

    /// Feeds `source` and answers every suspension until it completes or raises.
    fn drive(
        &mut self,
        repl: MontyRepl,
        source: &str,
        inputs: Vec<(String, MontyObject)>,
        output: &mut Output,
    ) -> Result<MontyRepl, Box<ReplStartError>> {
        let mut progress = repl.feed_start(source, inputs, PrintWriter::Callback(output))?;
        loop {
            progress = match progress {
                ReplProgress::Complete { repl, .. } => return Ok(repl),
                ReplProgress::FunctionCall(call) => {
                    let answer = self.store.call(&call.function_name, &call.args);
                    call.resume(answer, PrintWriter::Callback(output))?
                }
                ReplProgress::OsCall(call) => {
                    let what = format!("`{}`", call.function_call);
                    let exc = self.refuse(&what);
                    call.abort(exc, PrintWriter::Callback(output))?
                }
                ReplProgress::NameLookup(lookup) => {
                    if lookup.object_id().is_none() && policy::is_refused_name(&lookup.name) {
                        let what = format!("`{}`", lookup.name);
                        let exc = self.refuse(&what);
                        lookup.abort(exc, PrintWriter::Callback(output))?
                    } else {
                        lookup.resume(NameLookupResult::Undefined, PrintWriter::Callback(output))?
                    }
                }
                ReplProgress::ResolveFutures(waiting) => {
                    let exc = self.refuse("waiting on async host calls");
                    waiting.abort(exc, PrintWriter::Callback(output))?
                }
            };
        }
    }

    fn refuse(&mut self, what: &str) -> MontyException {
        let message = policy::not_available(what);
        self.refused = Some(message.clone());
        MontyException::new(ExcType::RuntimeError, Some(message))
    }

    /// Turns monty's exception into kata's error, naming the limit when one was hit.
    fn classify(&mut self, e: MontyException, part: Part) -> RunError {
        let (line, column) = e
            .traceback()
            .last()
            .map_or((None, None), |f| (Some(f.start.line), Some(f.start.column)));
        let mut traceback = e.to_string();
        for (monty, shown) in &self.names {
            traceback = traceback.replace(monty.as_str(), shown);
        }
        let exc_message = e.message().unwrap_or("").to_string();
        let (kind, message) = if self.output.overflowed {
            (
                "OutputLimit".to_string(),
                format!("printed more than {}", size(self.limits.output)),
            )
        } else if let Some(message) = self.refused.take() {
            ("NotAvailable".to_string(), message)
        } else {
            match e.exc_type() {
                ExcType::TimeoutError if exc_message.starts_with("time limit exceeded") => (
                    "Timeout".to_string(),
                    format!("took longer than {}", seconds(self.limits.time)),
                ),
                ExcType::MemoryError if exc_message.starts_with("memory limit exceeded") => (
                    "MemoryLimit".to_string(),
                    format!("used more than {}", size(self.limits.memory)),
                ),
                ExcType::RecursionError => (
                    "RecursionLimit".to_string(),
                    format!("recursed too deeply (more than {RECURSION_DEPTH} calls deep)"),
                ),
                other => (other.to_string(), exc_message),
            }
        };
        RunError {
            kind,
            message,
            part: Some(part),
            line,
            column,
            traceback,
        }
    }

    fn finish(self) -> Response {
        Response {
            output: self.output.text,
            tests: self.tests,
            error: self.error,
            appends: self.store.into_appends(),
        }
    }
}

/// Limits and refusals end the run; an ordinary exception only fails its test.
fn is_limit(kind: &str) -> bool {
    matches!(
        kind,
        "Timeout" | "MemoryLimit" | "OutputLimit" | "NotAvailable" | "Crashed"
    )
}

/// A failed test's message: the assertion's own text, or the exception with its type.
fn test_message(error: &RunError) -> String {
    if error.kind == "AssertionError" && !error.message.is_empty() {
        // monty adds pytest-style introspection after the author's message;
        // the author's own words are the message when they wrote some.
        match error.message.split_once("\nassert ") {
            Some((own, _)) if !own.trim().is_empty() => own.to_string(),
            _ => error.message.clone(),
        }
    } else {
        error.summary()
    }
}

/// `64 MiB`, `64 KiB`, `100 bytes`.
pub(crate) fn size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 && bytes.is_multiple_of(1024 * 1024) {
        format!("{} MiB", bytes / (1024 * 1024))
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// `1 s`, `0.25 s`.
pub(crate) fn seconds(d: std::time::Duration) -> String {
    let s = d.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0} s")
    } else {
        format!("{s} s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(setup: &str, code: &str, tests: &[&str]) -> Response {
        execute(&Request {
            program: Program {
                setup: setup.into(),
                code: code.into(),
                tests: tests.iter().map(|t| t.to_string()).collect(),
            },
            limits: Limits::default(),
        })
    }

    #[test]
    fn output_and_tests_are_reported_one_by_one() {
        let r = run(
            "xs = [1, 2]",
            "print(sum(xs))\nys = [x * 2 for x in xs]",
            &["assert ys == [2, 4]", "assert ys == [1], 'ys is not [1]'"],
        );
        assert_eq!(r.output, "3\n", "{r:?}");
        assert_eq!(r.error, None);
        assert!(r.tests[0].passed);
        assert!(!r.tests[1].passed);
        assert_eq!(r.tests[1].message.as_deref(), Some("ys is not [1]"));
    }

    #[test]
    fn a_traceback_numbers_the_lines_of_the_code_on_screen() {
        let r = run(
            "a = 1\nb = 2\nc = 3",
            "x = 1\nprint(event)",
            &["assert True"],
        );
        let e = r.error.unwrap();
        assert_eq!(
            (e.kind.as_str(), e.part, e.line),
            ("NameError", Some(Part::Code), Some(2))
        );
        assert_eq!(e.message, "name 'event' is not defined");
        assert!(
            r.tests[0]
                .message
                .as_deref()
                .unwrap()
                .starts_with("not run: NameError")
        );
    }

    #[test]
    fn sizes_read_like_people_write_them() {
        assert_eq!(size(64 * 1024 * 1024), "64 MiB");
        assert_eq!(size(64 * 1024), "64 KiB");
        assert_eq!(size(100), "100 bytes");
        assert_eq!(seconds(std::time::Duration::from_secs(1)), "1 s");
        assert_eq!(seconds(std::time::Duration::from_millis(250)), "0.25 s");
    }
}
