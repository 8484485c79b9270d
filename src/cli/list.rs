//! `kata list`: topics with their counts by kind and by difficulty.

use super::output::{self, note};
use crate::content::{Catalog, Difficulty, Topic};
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

/// One topic as `kata list --json` prints it; field order is the output's order.
#[derive(Serialize)]
struct TopicSummary<'a> {
    id: &'a str,
    title: &'a str,
    area: Option<&'a str>,
    minutes: Option<u32>,
    /// The topics this one builds on; topics are listed in track order,
    /// each after these.
    requires: &'a [String],
    exercises: usize,
    questions: usize,
    katas: usize,
    /// Exercises and questions together, by difficulty.
    difficulty: ByDifficulty,
}

#[derive(Serialize)]
struct ByDifficulty {
    easy: usize,
    medium: usize,
    hard: usize,
}

#[derive(Serialize)]
struct Listing<'a> {
    topics: Vec<TopicSummary<'a>>,
    /// Files skipped because of an error, with the first problem of each (see `kata check`).
    skipped: Vec<Skipped<'a>>,
}

#[derive(Serialize)]
struct Skipped<'a> {
    path: &'a str,
    problem: String,
}

fn summary(topic: &Topic) -> TopicSummary<'_> {
    TopicSummary {
        id: &topic.id,
        title: &topic.title,
        area: topic.area.as_deref(),
        minutes: topic.minutes,
        requires: &topic.requires,
        exercises: topic.exercises.len(),
        questions: topic.questions.len(),
        katas: topic.katas.len(),
        difficulty: ByDifficulty {
            easy: topic.count(Difficulty::Easy),
            medium: topic.count(Difficulty::Medium),
            hard: topic.count(Difficulty::Hard),
        },
    }
}

fn count(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

pub fn run(catalog: &Catalog, json: bool) -> anyhow::Result<ExitCode> {
    let skipped: Vec<Skipped> = catalog
        .skipped()
        .into_iter()
        .map(|path| Skipped {
            path,
            problem: (catalog.problems.iter())
                .find(|d| d.path == path && d.is_error())
                .map(|d| d.headline())
                .unwrap_or_default(),
        })
        .collect();
    let listing = Listing {
        topics: catalog.topics.iter().map(summary).collect(),
        skipped,
    };
    if json {
        let mut out = output::json_stdout();
        serde_json::to_writer_pretty(&mut out, &output::versioned(&listing))?;
        writeln!(out)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = output::buffered_stdout();
    for t in &listing.topics {
        writeln!(out, "{}  {}", t.id, t.title)?;
        let mut about: Vec<String> = t.area.map(str::to_string).into_iter().collect();
        about.extend(t.minutes.map(|m| format!("~{m} min")));
        if !about.is_empty() {
            writeln!(out, "    {}", about.join(" · "))?;
        }
        if !t.requires.is_empty() {
            writeln!(out, "    builds on {}", t.requires.join(", "))?;
        }
        let d = &t.difficulty;
        let katas = match t.katas {
            0 => String::new(),
            n => format!(", {}", count(n, "kata")),
        };
        writeln!(
            out,
            "    {}, {}{katas} · {} easy, {} medium, {} hard",
            count(t.exercises, "exercise"),
            count(t.questions, "question"),
            d.easy,
            d.medium,
            d.hard
        )?;
    }
    if listing.topics.is_empty() {
        writeln!(out, "No topics loaded.")?;
    }
    out.flush()?;
    // The file name is an author's (or an attacker's): `note` escapes it too.
    for s in &listing.skipped {
        note(format_args!("kata: skipped {}: {}", s.path, s.problem));
    }
    if !listing.skipped.is_empty() {
        note(format_args!("kata: run `kata check` to see every problem."));
    }
    Ok(ExitCode::SUCCESS)
}
