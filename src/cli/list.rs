//! `kata list`: topics with their counts by kind and by difficulty.

use crate::content::{Catalog, Difficulty, Severity, Topic};
use serde::Serialize;
use std::process::ExitCode;

#[derive(Serialize)]
struct TopicSummary<'a> {
    id: &'a str,
    title: &'a str,
    area: Option<&'a str>,
    minutes: Option<u32>,
    exercises: usize,
    questions: usize,
    easy: usize,
    medium: usize,
    hard: usize,
}

fn summary(topic: &Topic) -> TopicSummary<'_> {
    TopicSummary {
        id: &topic.id,
        title: &topic.title,
        area: topic.area.as_deref(),
        minutes: topic.minutes,
        exercises: topic.exercises.len(),
        questions: topic.questions.len(),
        easy: topic.count(Difficulty::Easy),
        medium: topic.count(Difficulty::Medium),
        hard: topic.count(Difficulty::Hard),
    }
}

pub fn run(catalog: &Catalog, json: bool) -> anyhow::Result<ExitCode> {
    let topics: Vec<TopicSummary> = catalog.topics.iter().map(summary).collect();
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "topics": topics }))?
        );
    } else {
        for t in &topics {
            println!("{}  {}", t.id, t.title);
            let mut about = Vec::new();
            if let Some(area) = t.area {
                about.push(area.to_string());
            }
            if let Some(m) = t.minutes {
                about.push(format!("~{m} min"));
            }
            if !about.is_empty() {
                println!("    {}", about.join(" · "));
            }
            println!(
                "    {} exercises, {} questions · {} easy, {} medium, {} hard",
                t.exercises, t.questions, t.easy, t.medium, t.hard
            );
        }
        if topics.is_empty() {
            println!("No topics loaded.");
        }
    }
    let skipped = catalog
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    if skipped > 0 {
        eprintln!(
            "kata: {skipped} problem(s) in content files kept some of it from loading; run `kata check` for details."
        );
    }
    Ok(ExitCode::SUCCESS)
}
