//! The worker: `kata __sandbox-worker`, one program per line on stdin, one
//! outcome per line on stdout, until stdin closes.
//!
//! It lowers its own data-segment limit first, so a runaway allocation fails
//! here (the process aborts and kata starts another) rather than growing
//! until the machine swaps.

use super::interpreter;
use super::wire::Request;
use std::io::{BufRead, Write};
use std::process::ExitCode;

/// Room the worker needs for itself (binary, allocator, buffers) on top of
/// what the learner's program may use.
#[cfg(unix)]
const OWN_MEMORY: u64 = 48 * 1024 * 1024;

/// The most any program may allocate: the default limit; authors only lower it.
#[cfg(unix)]
const MAX_PROGRAM_MEMORY: u64 = 64 * 1024 * 1024;

/// The worker's main loop; the exit code is 0 when stdin closes.
pub fn serve() -> ExitCode {
    lower_limits();
    let stdin = std::io::stdin();
    let mut stdout = std::io::stdout().lock();
    for line in stdin.lock().lines() {
        let Ok(line) = line else {
            return ExitCode::FAILURE;
        };
        let response = match serde_json::from_str::<Request>(&line) {
            Ok(request) => interpreter::execute(&request),
            Err(e) => {
                crate::safe_text::note(format_args!(
                    "kata sandbox worker: unreadable request: {e}"
                ));
                return ExitCode::from(2);
            }
        };
        let Ok(json) = serde_json::to_string(&response) else {
            return ExitCode::FAILURE;
        };
        if writeln!(stdout, "{json}")
            .and_then(|()| stdout.flush())
            .is_err()
        {
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

/// Caps the data segment (heap and private mappings) and forbids core dumps
/// and new files.
#[cfg(unix)]
fn lower_limits() {
    use rustix::process::{Resource, Rlimit, setrlimit};
    let data = OWN_MEMORY + MAX_PROGRAM_MEMORY;
    let cap = |n| Rlimit {
        current: Some(n),
        maximum: Some(n),
    };
    // Each is a safety net; the worker still runs if the kernel refuses one.
    let _ = setrlimit(Resource::Data, cap(data));
    let _ = setrlimit(Resource::Core, cap(0));
    let _ = setrlimit(Resource::Fsize, cap(0));
}

#[cfg(not(unix))]
fn lower_limits() {}
