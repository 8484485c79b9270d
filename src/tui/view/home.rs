//! Home: the topics, what the learner has done in them, and the modes.

use super::bar;
use crate::content::{Difficulty, Severity};
use crate::practice::{Mode, TEST_SIZE};
use crate::tui::action::Target;
use crate::tui::app::{App, Focus, MODES};
use crate::tui::flow::{Atom, Doc};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

pub fn header(frame: &mut Frame, area: Rect, app: &App) {
    bar(frame, area, app, "kata · learn by doing", "? help");
}

pub fn doc(app: &App, width: u16) -> Doc {
    let t = app.theme;
    let mut doc = Doc::new(width);
    let topics = &app.catalog.topics;
    let topics_focused = app.home.focus == Focus::Topics;
    doc.line(Span::styled(
        if topics.len() == 1 { "Topic" } else { "Topics" },
        t.heading(),
    ));
    if topics.is_empty() {
        doc.text(
            "No topic loaded. Add a folder of TOML files with `kata --content DIR`; see AUTHORING.md.",
            t.plain(),
            2,
        );
    }
    let mut focus = None;
    for (i, topic) in topics.iter().enumerate() {
        let chosen = i == app.home.topic;
        let start = doc.len();
        let marker = if chosen && topics_focused {
            "▶ "
        } else {
            "  "
        };
        let title_style = if chosen && topics_focused {
            t.selected()
        } else if chosen {
            t.bold()
        } else {
            t.plain()
        };
        let title_width = topic.title.chars().count() as u16;
        doc.line_with_hit(
            vec![
                Span::styled(marker, t.key()),
                Span::styled(topic.title.clone(), title_style),
            ],
            Some((0, title_width + 2, Target::Topic(i))),
        );
        let mut about = Vec::new();
        if let Some(area) = &topic.area {
            about.push(area.clone());
        }
        if let Some(minutes) = topic.minutes {
            about.push(format!("~{minutes} min"));
        }
        about.push(format!(
            "{} task{} · {} question{}",
            topic.exercises.len(),
            plural(topic.exercises.len()),
            topic.questions.len(),
            plural(topic.questions.len())
        ));
        doc.text(&about.join(" · "), t.dim(), 4);
        let levels: Vec<String> = Difficulty::ALL
            .iter()
            .map(|&d| format!("{d} {}", topic.count(d)))
            .collect();
        doc.text(&levels.join(" · "), t.dim(), 4);
        let progress = progress(app, i);
        if !progress.is_empty() {
            doc.flow(
                4,
                6,
                vec![
                    Atom::new("Progress: ", t.bold()),
                    Atom::new(progress, t.plain()),
                ],
            );
        }
        if chosen {
            focus = Some(start..doc.len());
        }
    }
    doc.blank();
    if let Some(topic) = topics.get(app.home.topic) {
        doc.line(Span::styled("Choose your learning style", t.heading()));
        for mode in MODES {
            let chosen = MODES.get(app.home.mode) == Some(&mode) && !topics_focused;
            let (name, about) = match mode {
                Mode::Practice => (
                    "Practice",
                    format!(
                        "{} fill-in task{} with attempts, hints and worked solutions",
                        topic.exercises.len(),
                        plural(topic.exercises.len())
                    ),
                ),
                Mode::Quiz => (
                    "Quiz",
                    format!(
                        "{} question{} one by one, the solution after each",
                        topic.questions.len(),
                        plural(topic.questions.len())
                    ),
                ),
                Mode::Test => (
                    "Test",
                    format!(
                        "{} questions across easy, medium and hard: one try each, a score and a verdict{}",
                        topic.questions.len().min(TEST_SIZE),
                        match app.time_limit {
                            Some(limit) => format!(" · {} on the clock", clock(limit.as_secs())),
                            None => String::new(),
                        }
                    ),
                ),
                // Not offered on home yet: the TUI's review and due modes come with their own change.
                Mode::Review => (
                    "Review mistakes",
                    "the items whose latest try was wrong".to_string(),
                ),
                Mode::Due => (
                    "Review due",
                    "the items spaced repetition brings back today".to_string(),
                ),
            };
            let start = doc.len();
            let marker = if chosen { "▶ " } else { "  " };
            let name_style = if chosen { t.selected() } else { t.bold() };
            doc.flow_after(
                vec![
                    Span::styled(marker, t.key()),
                    Span::styled(format!("{name:<8}"), name_style),
                    Span::raw("  "),
                ],
                vec![Atom::new(about, t.plain())],
            );
            for line in start..doc.len() {
                doc.hits.push(crate::tui::flow::DocHit {
                    line,
                    x: 0,
                    width,
                    target: Target::Mode(mode),
                });
            }
            if chosen {
                focus = Some(start..doc.len());
            }
        }
    }
    let scenarios = app.catalog.scenarios.len();
    if scenarios > 0 {
        // The lab is not a practice mode but sits with them: the row after Test.
        let chosen = app.home.mode == MODES.len() && !topics_focused;
        let start = doc.len();
        let marker = if chosen { "▶ " } else { "  " };
        let name_style = if chosen { t.selected() } else { t.bold() };
        doc.flow_after(
            vec![
                Span::styled(marker, t.key()),
                Span::styled(format!("{:<8}", "Replay"), name_style),
                Span::raw("  "),
            ],
            vec![Atom::new(
                format!(
                    "watch state rebuilt event by event: {scenarios} scenario{} (l)",
                    plural(scenarios)
                ),
                t.plain(),
            )],
        );
        for line in start..doc.len() {
            doc.hits.push(crate::tui::flow::DocHit {
                line,
                x: 0,
                width,
                target: Target::Lab,
            });
        }
        if chosen {
            focus = Some(start..doc.len());
        }
    }
    let problems = &app.catalog.problems;
    if !problems.is_empty() {
        doc.blank();
        let skipped = app.catalog.skipped().len();
        doc.line(Span::styled(
            format!(
                "Content with problems: {skipped} file{} skipped — `kata check` shows each with its line",
                plural(skipped)
            ),
            t.warn(),
        ));
        for p in problems {
            let (mark, style) = match p.severity {
                Severity::Error => ("✗ ", t.bad()),
                Severity::Warning => ("! ", t.warn()),
            };
            // The headline escapes control characters, so content cannot drive the terminal.
            doc.flow(
                2,
                4,
                vec![Atom::new(mark, style), Atom::new(p.headline(), t.plain())],
            );
            if let Some(help) = &p.help {
                let help: String = help
                    .chars()
                    .map(|c| if c.is_control() { '�' } else { c })
                    .collect();
                doc.text(&help, t.dim(), 4);
            }
        }
    }
    doc.focus = focus;
    doc
}

/// What the learner did in a topic during this run of kata.
fn progress(app: &App, topic: usize) -> String {
    let mut parts = Vec::new();
    for run in app.saved.iter().filter(|r| r.topic == topic) {
        let n = run.session.len();
        match run.mode() {
            Mode::Practice => parts.push(format!("practice {}/{n} solved", run.solved_count())),
            Mode::Quiz => parts.push(format!(
                "quiz {}/{n} right, {} answered",
                run.solved_count(),
                run.finished_count()
            )),
            Mode::Test | Mode::Review | Mode::Due => {}
        }
    }
    if let Some((_, score)) = app.last_tests.iter().find(|(t, _)| *t == topic) {
        parts.push(format!(
            "last test {:.0}% ({})",
            score.percent(),
            score.verdict()
        ));
    }
    parts.join(" · ")
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `9:05` from seconds.
pub fn clock(seconds: u64) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}
