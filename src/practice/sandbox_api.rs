//! TEMPORARY mirror of the sandbox API announced for `crate::sandbox`;
//! replaced by `pub use crate::sandbox::…` once that module lands.

use std::time::Duration;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Program {
    pub setup: String,
    pub code: String,
    pub tests: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    pub time: Duration,
    pub memory: usize,
    pub output: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            time: Duration::from_secs(1),
            memory: 64 << 20,
            output: 64 << 10,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outcome {
    pub output: String,
    pub tests: Vec<TestResult>,
    pub error: Option<RunError>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TestResult {
    pub passed: bool,
    pub message: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RunError {
    pub kind: String,
    pub message: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
}
