//! Reproductions of attacks on kata, one file per kind of attack, so the next
//! attack starts from them. Each test here failed before its fix; the test's
//! doc comment names the defect it reproduces (issue numbers refer to the
//! project's issue tracker).

#[path = "../common/mod.rs"]
#[allow(dead_code)]
mod common;

mod bombs;
mod escape;
mod journal;
mod sandbox;
