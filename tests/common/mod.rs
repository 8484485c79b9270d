//! Shared by the integration tests that run the built `kata` binary.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Run `command` with `input` typed on its standard input, which is then
/// closed like the end of a script, and collect what it printed.
pub fn feed(command: &mut Command, input: &str) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kata starts");
    // kata may stop reading early (after `q`): a closed pipe is not a failure.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    child.wait_with_output().unwrap()
}
