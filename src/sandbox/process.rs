//! The parent side: starts the worker, sends it programs, enforces the wall
//! clock by killing it, and starts a new one after any death.

use super::event_store;
use super::interpreter::{seconds, size};
use super::wire::{Request, Response};
use super::{Limits, Outcome, Program, RunError, TestResult, WorkerCommand};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

/// Time the worker gets beyond the program's own limit before it is killed:
/// monty stops a long run itself at the limit; this only catches a worker
/// stuck where monty does not look at the clock.
const GRACE: Duration = Duration::from_millis(500);

/// Runs programs in a worker process, starting one when needed.
///
/// ```no_run
/// use kata::sandbox::{Limits, Program, Sandbox, WorkerCommand};
/// let mut sandbox = Sandbox::new(WorkerCommand::current_exe().unwrap());
/// let program = Program { code: "print(1 + 1)".into(), ..Program::default() };
/// assert_eq!(sandbox.run(&program, &Limits::default()).output, "2\n");
/// ```
pub struct Sandbox {
    command: WorkerCommand,
    worker: Option<Worker>,
}

struct Worker {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<std::io::Result<String>>,
}

impl Sandbox {
    /// A sandbox that starts workers with `command`; none is started until the first run.
    pub fn new(command: WorkerCommand) -> Sandbox {
        Sandbox {
            command,
            worker: None,
        }
    }

    /// Starts the worker now (it starts on the first run otherwise), so the
    /// first run does not pay for the spawn.
    pub fn warm_up(&mut self) -> std::io::Result<()> {
        if self.worker.is_none() {
            self.worker = Some(self.spawn()?);
        }
        Ok(())
    }

    /// Runs `program` within `limits`. Never fails: a worker that cannot start,
    /// dies or overruns becomes the outcome's error, and the next run starts
    /// a fresh worker.
    pub fn run(&mut self, program: &Program, limits: &Limits) -> Outcome {
        let request = Request {
            program: program.clone(),
            limits: *limits,
        };
        let Ok(line) = serde_json::to_string(&request) else {
            return failed(
                program,
                crashed("the program could not be sent to the sandbox"),
            );
        };
        if let Err(e) = self.warm_up() {
            return failed(
                program,
                crashed(&format!("kata could not start its sandbox: {e}")),
            );
        }
        let worker = self.worker.as_mut().expect("started above");
        let sent = writeln!(worker.stdin, "{line}").and_then(|()| worker.stdin.flush());
        let answer = match sent {
            Ok(()) => worker.lines.recv_timeout(limits.time + GRACE),
            Err(_) => Err(RecvTimeoutError::Disconnected),
        };
        match answer {
            Ok(Ok(json)) => match serde_json::from_str::<Response>(&json) {
                Ok(response) => outcome(response),
                Err(_) => {
                    self.stop();
                    failed(program, crashed("the sandbox answered out of step"))
                }
            },
            Err(RecvTimeoutError::Timeout) => {
                self.stop();
                failed(
                    program,
                    RunError::limit(
                        "Timeout",
                        format!("took longer than {}", seconds(limits.time)),
                    ),
                )
            }
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => {
                let why = self.death();
                failed(program, why.into_error(limits))
            }
        }
    }

    fn spawn(&self) -> std::io::Result<Worker> {
        let mut child = Command::new(&self.command.program)
            .args(&self.command.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // Nothing of kata's environment reaches the learner's code.
            .env_clear()
            .spawn()?;
        let stdin = child.stdin.take().expect("piped");
        let stdout = child.stdout.take().expect("piped");
        let (send, lines) = channel();
        // A reader thread turns the blocking pipe into a channel the run can
        // wait on with a timeout.
        std::thread::Builder::new()
            .name("kata-sandbox-reader".into())
            .spawn(move || {
                for line in BufReader::new(stdout).lines() {
                    if send.send(line).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Worker {
            child,
            stdin,
            lines,
        })
    }

    /// Kills the worker (if any) and forgets it; the next run starts another.
    fn stop(&mut self) {
        if let Some(mut worker) = self.worker.take() {
            let _ = worker.child.kill();
            let _ = worker.child.wait();
        }
    }

    /// Why the worker ended, from its exit and its last words on stderr.
    fn death(&mut self) -> Death {
        let Some(mut worker) = self.worker.take() else {
            return Death::Unknown;
        };
        drop(worker.stdin);
        let status = worker.child.wait();
        let mut stderr = String::new();
        if let Some(mut pipe) = worker.child.stderr.take() {
            let _ = pipe.by_ref().take(64 * 1024).read_to_string(&mut stderr);
        }
        if stderr.contains("memory allocation of") || stderr.contains("capacity overflow") {
            Death::Memory
        } else if stderr.contains("overflowed its stack") {
            Death::Stack
        } else {
            match status {
                Ok(s) if s.code() == Some(monty_types::OOM_EXIT_CODE) => Death::Memory,
                _ => Death::Unknown,
            }
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.stop();
    }
}

enum Death {
    Memory,
    Stack,
    Unknown,
}

impl Death {
    fn into_error(self, limits: &Limits) -> RunError {
        match self {
            Death::Memory => RunError::limit(
                "MemoryLimit",
                format!("used more than {}", size(limits.memory)),
            ),
            Death::Stack => RunError::limit("RecursionLimit", "recursed too deeply".to_string()),
            Death::Unknown => crashed("the sandbox stopped unexpectedly; kata started a new one"),
        }
    }
}

fn crashed(message: &str) -> RunError {
    RunError::limit("Crashed", message.to_string())
}

/// The outcome of a run that never finished: every test not run.
fn failed(program: &Program, error: RunError) -> Outcome {
    let why = format!("not run: {}", error.message);
    Outcome {
        output: String::new(),
        tests: program
            .tests
            .iter()
            .map(|_| TestResult {
                passed: false,
                message: Some(why.clone()),
                error: None,
            })
            .collect(),
        error: Some(error),
        events: Vec::new(),
    }
}

fn outcome(response: Response) -> Outcome {
    let store = event_store::replay(&response.appends);
    Outcome {
        output: response.output,
        tests: response.tests,
        error: response.error,
        events: store.read_all(0).map(|e| e.to_owned_event()).collect(),
    }
}
