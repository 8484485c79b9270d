//! Setting up an exam in the TUI: how many items, which difficulties, which
//! kinds, and a time limit, row by row (↑↓ choose a row, ←→ or Space change
//! it, Enter starts). The draw and the marking are `practice::draw_exam`'s
//! and the session's; this file holds only the form.

use super::action::Action;
use super::app::{App, HomeRow, Screen, Tone};
use crate::content::Difficulty;
use crate::practice::{ExamKind, ExamSpec};
use std::time::Duration;

/// The time limits offered, in minutes (0: none).
pub const MINUTES: [u64; 8] = [0, 5, 10, 15, 20, 30, 45, 60];

/// The form's rows, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Items,
    Level(Difficulty),
    Kind(ExamKind),
    Time,
}

pub const ROWS: [Row; 7] = [
    Row::Items,
    Row::Level(Difficulty::Easy),
    Row::Level(Difficulty::Medium),
    Row::Level(Difficulty::Hard),
    Row::Kind(ExamKind::Questions),
    Row::Kind(ExamKind::Exercises),
    Row::Time,
];

/// The exam being set up.
pub struct ExamSetup {
    pub topic: usize,
    pub row: usize,
    pub items: usize,
    pub levels: Vec<Difficulty>,
    pub kinds: Vec<ExamKind>,
    /// Index into [`MINUTES`].
    pub minutes: usize,
}

impl ExamSetup {
    /// The spec the form says, or why it cannot start.
    pub fn spec(&self) -> Result<ExamSpec, &'static str> {
        if self.levels.is_empty() {
            return Err("Choose at least one difficulty.");
        }
        if self.kinds.is_empty() {
            return Err("Choose questions, fill-in tasks or both.");
        }
        Ok(ExamSpec {
            items: self.items,
            difficulties: self.levels.clone(),
            kinds: self.kinds.clone(),
            time: (MINUTES[self.minutes] > 0)
                .then(|| Duration::from_secs(MINUTES[self.minutes] * 60)),
        })
    }
}

/// Open the form on the chosen topic, with a test's defaults.
pub fn open(app: &mut App) {
    let Some(topic) = app.catalog.topics.get(app.home.topic) else {
        return;
    };
    if topic.questions.is_empty() && topic.exercises.is_empty() {
        app.say(
            format!(
                "“{}” has no questions or fill-in tasks for an exam.",
                topic.title
            ),
            Tone::Bad,
        );
        return;
    }
    if let Some(row) = app.home_rows().iter().position(|r| *r == HomeRow::Exam) {
        app.home.mode = row;
    }
    app.screen = Screen::ExamSetup(Box::new(ExamSetup {
        topic: app.home.topic,
        row: 0,
        items: crate::practice::TEST_SIZE,
        levels: Difficulty::ALL.to_vec(),
        kinds: vec![ExamKind::Questions, ExamKind::Exercises],
        minutes: 0,
    }));
    app.reset_view();
}

/// What an action does on the form.
pub fn update(app: &mut App, action: Action) {
    let Screen::ExamSetup(form) = &mut app.screen else {
        return;
    };
    match action {
        Action::Back => app.screen = Screen::Home,
        Action::Up => form.row = form.row.saturating_sub(1),
        Action::Down => form.row = (form.row + 1).min(ROWS.len() - 1),
        Action::NextBlank => change(form, true),
        Action::PrevBlank => change(form, false),
        Action::Confirm => match form.spec() {
            Ok(spec) => super::app::start_exam(app, &spec),
            Err(why) => app.say(why, Tone::Bad),
        },
        _ => {}
    }
}

fn change(form: &mut ExamSetup, up: bool) {
    match ROWS[form.row] {
        Row::Items if up => form.items = (form.items + 1).min(99),
        Row::Items => form.items = form.items.saturating_sub(1).max(1),
        Row::Level(d) => toggle(&mut form.levels, d),
        Row::Kind(k) => toggle(&mut form.kinds, k),
        Row::Time if up => form.minutes = (form.minutes + 1).min(MINUTES.len() - 1),
        Row::Time => form.minutes = form.minutes.saturating_sub(1),
    }
}

fn toggle<T: PartialEq>(list: &mut Vec<T>, value: T) {
    if let Some(at) = list.iter().position(|v| *v == value) {
        list.remove(at);
    } else {
        list.push(value);
    }
}
