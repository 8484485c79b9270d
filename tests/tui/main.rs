//! The TUI as a learner meets it: screens (insta snapshots on TestBackend),
//! key and mouse sequences, any terminal size, and the real binary in a pty.

mod cards;
mod choose_all;
mod exam;
mod journal;
mod kata;
mod lab;
mod learn;
mod no_color;
mod predict;
mod preview;
mod props;
mod pty;
mod screens;
mod shuffle;
mod state;
mod support;
mod track;
mod typed;
