//! `kata reset [--topic ID] [--yes]`: progress starts over; the history stays.

use super::output::{self, note};
use crate::content::Catalog;
use crate::progress::{Event, project};
use std::io::{BufRead, Write};
use std::path::Path;
use std::process::ExitCode;

pub fn run(
    catalog: &Catalog,
    data_dir: Option<&Path>,
    topic: Option<&str>,
    yes: bool,
) -> anyhow::Result<ExitCode> {
    let (mut journal, loaded) = super::journal::open_for_writing(data_dir)?;
    if !journal.is_writer() {
        note(format_args!(
            "kata: nothing was reset; try again once the other kata has stopped."
        ));
        return Ok(ExitCode::from(1));
    }
    if let Some(id) = topic {
        let known =
            catalog.topic(id).is_some() || project(&loaded.events, 0).topics.contains_key(id);
        if !known {
            note(format_args!(
                "kata: no topic `{id}` in the content or in your progress; see `kata list`"
            ));
            return Ok(ExitCode::from(2));
        }
    }
    let what = match topic {
        Some(id) => format!("your progress on `{id}`"),
        None => "all your progress".to_string(),
    };
    if !yes {
        let mut out = output::stdout();
        write!(
            out,
            "Start {what} over? Your tries stay in the journal (kata export still lists them). [y/N] "
        )?;
        out.flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
            writeln!(output::stdout(), "Nothing was reset.")?;
            return Ok(ExitCode::from(1));
        }
    }
    journal.record(Event::ProgressReset {
        topic: topic.map(str::to_string),
    })?;
    writeln!(
        output::stdout(),
        "Reset {what}; the history stays in {}.",
        journal.path().display()
    )?;
    Ok(ExitCode::SUCCESS)
}
