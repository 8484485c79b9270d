//! The sandbox's types, as the kata core uses them.

pub use crate::sandbox::{Limits, Outcome, Program, RunError, TestResult};
