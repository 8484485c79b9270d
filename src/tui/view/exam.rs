//! The exam form: one row per choice, the chosen row marked, and how many
//! items of the topic fit what is chosen.

use super::bar;
use crate::content::Difficulty;
use crate::practice::ExamKind;
use crate::tui::app::App;
use crate::tui::exam::{ExamSetup, MINUTES, ROWS, Row};
use crate::tui::flow::{Atom, Doc};
use ratatui::Frame;
use ratatui::layout::Rect;

pub fn header(frame: &mut Frame, area: Rect, app: &App, form: &ExamSetup) {
    let topic = &app.catalog.topics[form.topic];
    bar(
        frame,
        area,
        app,
        &format!("kata · {} · Exam", topic.title),
        "set up",
    );
}

pub fn doc(app: &App, form: &ExamSetup, width: u16) -> Doc {
    let t = app.theme;
    let topic = &app.catalog.topics[form.topic];
    let mut doc = Doc::new(width);
    doc.text(
        "Your own test: one try each, no hints, the solutions at the end. It is not recorded as the topic's test result.",
        t.plain(),
        0,
    );
    doc.blank();
    let on = |yes: bool| if yes { "[x]" } else { "[ ]" };
    for (i, row) in ROWS.iter().enumerate() {
        let (name, value) = match row {
            Row::Items => ("Items".to_string(), format!("◀ {} ▶", form.items)),
            Row::Level(d) => (format!("{d}"), on(form.levels.contains(d)).to_string()),
            Row::Kind(ExamKind::Questions) => (
                "questions".to_string(),
                on(form.kinds.contains(&ExamKind::Questions)).to_string(),
            ),
            Row::Kind(ExamKind::Exercises) => (
                "fill-in tasks".to_string(),
                on(form.kinds.contains(&ExamKind::Exercises)).to_string(),
            ),
            Row::Time => (
                "Time limit".to_string(),
                match MINUTES[form.minutes] {
                    0 => "◀ none ▶".to_string(),
                    m => format!("◀ {m} min ▶"),
                },
            ),
        };
        let chosen = i == form.row;
        let marker = if chosen { "▶ " } else { "  " };
        let style = if chosen { t.selected() } else { t.bold() };
        doc.flow(
            0,
            4,
            vec![
                Atom::new(marker, t.key()),
                Atom::new(format!("{name:<14}"), style),
                Atom::new(value, t.plain()),
            ],
        );
    }
    let fit = topic
        .questions
        .iter()
        .filter(|q| {
            form.kinds.contains(&ExamKind::Questions) && form.levels.contains(&q.difficulty)
        })
        .count()
        + topic
            .exercises
            .iter()
            .filter(|e| {
                form.kinds.contains(&ExamKind::Exercises) && form.levels.contains(&e.difficulty)
            })
            .count();
    doc.blank();
    let levels: Vec<String> = Difficulty::ALL
        .iter()
        .filter(|d| form.levels.contains(d))
        .map(|d| d.to_string())
        .collect();
    doc.text(
        &match fit {
            0 => "No item of this topic fits: turn a difficulty or a kind on.".to_string(),
            n => format!(
                "{} of the {n} items that fit ({}) will be asked, easiest first. Enter starts.",
                form.items.min(n),
                levels.join(", ")
            ),
        },
        t.dim(),
        0,
    );
    doc
}
