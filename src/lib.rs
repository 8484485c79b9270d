//! kata: learn by doing in a terminal.
//!
//! Layers (see ARCHITECTURE in the docs): `content` and `store` depend on nothing
//! else in the crate; `practice` is UI-free logic over content; `plain` and `tui`
//! are the front-ends and the only code that knows a terminal.
//!
//! `safe_text` is a leaf every layer may use (`content` included): the one
//! escaping function for everything kata prints. Printing macros are denied
//! below so that all output goes through its `SafeWriter`.

// Everything kata prints goes through `safe_text::SafeWriter` (or the TUI's
// safe backend); a bare `println!` would bypass the escaping.
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod class;
pub mod cli;
pub mod content;
pub mod plain;
pub mod practice;
pub mod progress;
pub mod replay;
pub mod safe_text;
pub mod sandbox;
pub mod store;
pub mod tui;
