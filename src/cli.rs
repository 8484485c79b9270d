//! The command line: parses arguments and hands over to a front-end.

use std::process::ExitCode;

pub fn main() -> ExitCode {
    ExitCode::SUCCESS
}
