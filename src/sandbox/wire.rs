//! The worker's protocol: one JSON object per line each way.
//!
//! Parent → worker: a [`Request`]. Worker → parent: a [`Response`]. The store
//! travels as the successful appends in order, which the parent replays into
//! a fresh [`crate::store::Store`]: positions and revisions come out the same.

use super::{Limits, Program, RunError, TestResult};
use crate::store::Table;

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Request {
    pub program: Program,
    pub limits: Limits,
}

#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Response {
    pub output: String,
    pub tests: Vec<TestResult>,
    pub error: Option<RunError>,
    pub appends: Vec<Append>,
}

/// One successful `EventStore.append` inside the sandbox.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Append {
    pub stream: String,
    pub events: Vec<WireEvent>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct WireEvent {
    #[serde(rename = "type")]
    pub event_type: String,
    pub data: Table,
}
