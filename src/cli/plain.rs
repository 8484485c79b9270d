//! `kata plain`: the line mode on one topic.

use crate::content::Catalog;
use crate::practice::{Mode, fresh_seed};
use std::process::ExitCode;

pub fn run(
    catalog: &Catalog,
    topic: Option<&str>,
    mode: Mode,
    seed: Option<u64>,
) -> anyhow::Result<ExitCode> {
    let topic = match super::pick_topic(catalog, topic) {
        Ok(t) => t,
        Err(message) => {
            eprintln!("kata: {message}");
            return Ok(ExitCode::from(2));
        }
    };
    let stdin = std::io::stdin();
    let session = crate::plain::run(
        topic,
        mode,
        seed.unwrap_or_else(fresh_seed),
        stdin.lock(),
        std::io::stdout(),
    )?;
    let passed =
        mode != Mode::Test || session.score().verdict() == crate::practice::Verdict::Strong;
    Ok(if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
