//! `kata list`: topics with their counts by kind and by difficulty.

use crate::content::{Catalog, Difficulty, Topic};
use serde::Serialize;
use std::process::ExitCode;

/// One topic as `kata list --json` prints it; field order is the output's order.
#[derive(Serialize)]
struct TopicSummary<'a> {
    id: &'a str,
    title: &'a str,
    area: Option<&'a str>,
    minutes: Option<u32>,
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
        println!("{}", serde_json::to_string_pretty(&listing)?);
        return Ok(ExitCode::SUCCESS);
    }
    for t in &listing.topics {
        println!("{}  {}", t.id, t.title);
        let mut about: Vec<String> = t.area.map(str::to_string).into_iter().collect();
        about.extend(t.minutes.map(|m| format!("~{m} min")));
        if !about.is_empty() {
            println!("    {}", about.join(" · "));
        }
        let d = &t.difficulty;
        let katas = match t.katas {
            0 => String::new(),
            n => format!(", {}", count(n, "kata")),
        };
        println!(
            "    {}, {}{katas} · {} easy, {} medium, {} hard",
            count(t.exercises, "exercise"),
            count(t.questions, "question"),
            d.easy,
            d.medium,
            d.hard
        );
    }
    if listing.topics.is_empty() {
        println!("No topics loaded.");
    }
    for s in &listing.skipped {
        eprintln!("kata: skipped {}: {}", s.path, s.problem);
    }
    if !listing.skipped.is_empty() {
        eprintln!("kata: run `kata check` to see every problem.");
    }
    Ok(ExitCode::SUCCESS)
}
