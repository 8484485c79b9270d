//! `kata stats [--json]`: the learner's progress, computed from the journal.

use super::output;
use crate::content::Catalog;
use crate::practice::short_number;
use crate::progress::{Report, TestResult, local_utc_offset_s, project, report, today};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

pub fn run(catalog: &Catalog, data_dir: Option<&Path>, json: bool) -> anyhow::Result<ExitCode> {
    let offset = local_utc_offset_s();
    let (journal, loaded) = super::journal::open_for_reading(data_dir)?;
    let progress = project(&loaded.events, offset);
    let r = report(&progress, &catalog.topics, today(offset));
    if json {
        let mut out = output::json_stdout();
        serde_json::to_writer_pretty(&mut out, &output::versioned(&r))?;
        writeln!(out)?;
        out.flush()?;
    } else {
        let mut out = output::stdout();
        write!(out, "{}", text(&r, &journal.path().display().to_string()))?;
        out.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}

fn test(t: &TestResult) -> String {
    format!(
        "{}/{} ({:.0}%) {}",
        short_number(t.points),
        t.total,
        t.percent(),
        t.verdict
    )
}

/// The plain-text stats: one block per topic, words a screen reader reads well.
fn text(r: &Report, path: &str) -> String {
    let mut out = String::new();
    let s = &r.streak;
    out += &format!("journal: {path} ({} events)\n", r.events);
    out += &format!(
        "streak: {}{}\n",
        s.words(),
        if s.practised_today {
            " · practised today"
        } else {
            ""
        }
    );
    out += &format!(
        "due today: {} · mistakes to review: {}\n",
        r.due_today, r.mistakes
    );
    let week: Vec<String> = r
        .forecast
        .iter()
        .map(|d| format!("{} {}", d.weekday, d.items))
        .collect();
    out += &format!("due in the next 7 days: {}\n", week.join(" · "));
    for t in &r.topics {
        out += &format!("\n{} ({})\n", t.title, t.id);
        let by: Vec<String> = t
            .mastery
            .iter()
            .map(|m| format!("{} {}/{}", m.difficulty, m.solved, m.total))
            .collect();
        out += &format!(
            "  mastery: {}/{} solved — {}\n",
            t.solved,
            t.total,
            by.join(", ")
        );
        match (&t.best_test, &t.last_test) {
            (Some(best), Some(last)) => {
                out += &format!(
                    "  tests: best {} · last {} · {} taken\n",
                    test(best),
                    test(last),
                    t.tests
                )
            }
            _ => out += "  tests: none yet\n",
        }
        if t.abandoned_tests > 0 {
            out += &format!(
                "  tests left before the end: {} (not scored)\n",
                t.abandoned_tests
            );
        }
        let list = |ids: &[String]| {
            if ids.is_empty() {
                "none".to_string()
            } else {
                ids.join(", ")
            }
        };
        out += &format!("  mistakes: {}\n", list(&t.mistakes));
        out += &format!("  due today: {}\n", list(&t.due));
        if !t.changed.is_empty() {
            out += &format!("  changed since your last try: {}\n", t.changed.join(", "));
        }
        if !t.calibration.is_empty() {
            let s = t.confidence_marks;
            out += &format!(
                "  confidence marks: {} over {} rated answers (average {:.1}, best 3)\n",
                s.marks,
                s.answers,
                s.average()
            );
            for line in t.calibration.lines() {
                out += &format!("    {line}\n");
            }
        }
        if !t.schedule.is_empty() {
            out += "  next reviews (FSRS, 90 % retention):\n";
            for n in &t.schedule {
                let when = match n.in_days {
                    i64::MIN..=0 => "now".to_string(),
                    1 => "tomorrow".to_string(),
                    d => format!("in {d} days"),
                };
                out += &format!(
                    "    {} — {} ({when}) · stability {} days\n",
                    n.item,
                    n.due,
                    crate::practice::short_number(f64::from(n.stability))
                );
            }
        }
    }
    out
}
