//! kata: learn by doing in a terminal.
//!
//! Layers (see ARCHITECTURE in the docs): `content` and `store` depend on nothing
//! else in the crate; `practice` is UI-free logic over content; `plain` and `tui`
//! are the front-ends and the only code that knows a terminal.

pub mod cli;
pub mod content;
pub mod plain;
pub mod practice;
pub mod progress;
pub mod replay;
pub mod sandbox;
pub mod store;
pub mod tui;
