//! Home: the topics, what the learner has done in them, and the modes.

use super::bar;
use crate::content::{Difficulty, Severity};
use crate::practice::{Mode, TEST_SIZE};
use crate::progress::TopicReport;
use crate::tui::action::Target;
use crate::tui::app::{App, Focus, HomeRow};
use crate::tui::flow::{Atom, Doc};
use crate::tui::learner::Learner;
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
    if let Some(learner) = &app.learner {
        journal_summary(&mut doc, app, learner);
    }
    // More than one topic is a track: in order, each after what it builds
    // on, with the one to take next marked (`progress::next_topic`).
    let track = topics.len() > 1;
    let strong =
        |id: &str| crate::progress::is_strong(app.learner.as_ref().and_then(|l| l.topic(id)));
    let report = app.learner.as_ref().and_then(|l| l.report.as_ref());
    let next = track
        .then(|| crate::progress::next_topic(topics, report))
        .flatten()
        .map(|t| t.id.as_str());
    doc.line(Span::styled(
        if track { "Track" } else { "Topic" },
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
        let title = if track {
            format!("{}. {}", i + 1, topic.title)
        } else {
            topic.title.clone()
        };
        let title_width = title.chars().count() as u16;
        let mut spans = vec![
            Span::styled(marker, t.key()),
            Span::styled(title, title_style),
        ];
        if track && strong(&topic.id) {
            spans.push(Span::styled("  ✓ strong", t.ok()));
        } else if next == Some(topic.id.as_str()) {
            spans.push(Span::styled("  ← next", t.key()));
        }
        // On a track only the chosen topic is told in full: the path and
        // the modes stay on one screen however long the track grows.
        let figures = app.learner.as_ref().and_then(|l| l.topic(&topic.id));
        if track && !chosen {
            if let Some(f) = figures {
                spans.push(Span::styled(
                    format!("  {}/{} solved", f.solved, f.total),
                    t.dim(),
                ));
            }
            doc.line_with_hit(spans, Some((0, title_width + 2, Target::Topic(i))));
            continue;
        }
        doc.line_with_hit(spans, Some((0, title_width + 2, Target::Topic(i))));
        if !topic.requires.is_empty() {
            let titles: Vec<&str> = topic
                .requires
                .iter()
                .map(|r| {
                    topics
                        .iter()
                        .find(|t| &t.id == r)
                        .map_or(r.as_str(), |t| t.title.as_str())
                })
                .collect();
            doc.text(&format!("builds on {}", titles.join(", ")), t.dim(), 4);
        }
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
        if !topic.katas.is_empty() {
            about.push(format!(
                "{} kata{}",
                topic.katas.len(),
                plural(topic.katas.len())
            ));
        }
        if !topic.cards.is_empty() {
            about.push(format!(
                "{} card{}",
                topic.cards.len(),
                plural(topic.cards.len())
            ));
        }
        doc.text(&about.join(" · "), t.dim(), 4);
        let levels: Vec<String> = Difficulty::ALL
            .iter()
            .map(|&d| format!("{d} {}", topic.count(d)))
            .collect();
        doc.text(&levels.join(" · "), t.dim(), 4);
        if let Some(figures) = figures {
            topic_figures(&mut doc, app, figures);
        }
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
    let modes = app.modes();
    // Names padded to the longest, so the descriptions line up.
    let name_width = modes
        .iter()
        .map(|&m| mode_name(m).len())
        .chain(
            topics
                .get(app.home.topic)
                .filter(|t| !t.cards.is_empty())
                .map(|_| "Flashcards".len()),
        )
        .max()
        .unwrap_or(8);
    if let Some(topic) = topics.get(app.home.topic) {
        doc.line(Span::styled("Choose your learning style", t.heading()));
        let figures = app.learner.as_ref().and_then(|l| l.topic(&topic.id));
        let queue = |mode| {
            figures.map_or(0, |f| match mode {
                Mode::Review => f.mistakes.len(),
                _ => f.due.len(),
            })
        };
        for &mode in &modes {
            let chosen = app.chosen_mode() == Some(mode) && !topics_focused;
            let name = mode_name(mode);
            let about = match mode {
                Mode::Practice if !topic.katas.is_empty() => format!(
                    "{} fill-in task{}, then {} kata{} you write yourself",
                    topic.exercises.len(),
                    plural(topic.exercises.len()),
                    topic.katas.len(),
                    plural(topic.katas.len())
                ),
                Mode::Practice => format!(
                    "{} fill-in task{} with attempts, hints and worked solutions",
                    topic.exercises.len(),
                    plural(topic.exercises.len())
                ),
                Mode::Quiz => format!(
                    "{} question{} one by one, the solution after each",
                    topic.questions.len(),
                    plural(topic.questions.len())
                ),
                Mode::Test => format!(
                    "{} questions across easy, medium and hard: one try each, a score and a verdict{}",
                    topic.questions.len().min(TEST_SIZE),
                    match app.time_limit {
                        Some(limit) => format!(" · {} on the clock", clock(limit.as_secs())),
                        None => String::new(),
                    }
                ),
                // Offered only when the journal has items for them (see App::modes).
                Mode::Review => {
                    let n = queue(mode);
                    format!(
                        "{n} item{} whose latest try was wrong, to try again",
                        plural(n)
                    )
                }
                // Not on home's list (an exam is set up with `kata plain --mode exam`).
                Mode::Exam => "your own test: one try each, no hints".to_string(),
                Mode::Due => {
                    let n = queue(mode);
                    format!("{n} item{} spaced repetition brings back today", plural(n))
                }
            };
            mode_row(
                &mut doc,
                app,
                (name, name_width, width),
                about,
                Target::Mode(mode),
                chosen,
                &mut focus,
            );
        }
    }
    let row = |doc: &mut Doc, focus: &mut _, name, about: String, target, this: HomeRow| {
        let chosen = app.chosen_row() == Some(this) && !topics_focused;
        mode_row(
            doc,
            app,
            (name, name_width, width),
            about,
            target,
            chosen,
            focus,
        );
    };
    if let Some(topic) = topics.get(app.home.topic)
        && (!topic.questions.is_empty() || !topic.exercises.is_empty())
    {
        let about = "your own test: how many items, which difficulties and kinds, a time limit (x)";
        row(
            &mut doc,
            &mut focus,
            "Exam",
            about.to_string(),
            Target::Exam,
            HomeRow::Exam,
        );
    }
    if let Some(topic) = topics.get(app.home.topic)
        && !topic.notes.is_empty()
    {
        let n = topic.notes.len();
        let about = format!(
            "{n} note{}: the ideas, with examples and sources (n)",
            plural(n)
        );
        row(
            &mut doc,
            &mut focus,
            "Learn",
            about,
            Target::Learn,
            HomeRow::Learn,
        );
    }
    if let Some(topic) = topics.get(app.home.topic)
        && !topic.cards.is_empty()
    {
        let n = topic.cards.len();
        let standing = app.learner.as_ref().map(|l| l.card_queue(topic));
        let about = match standing {
            Some(q) if q.due.is_empty() && q.new.is_empty() => format!(
                "{n} card{} to recall and grade yourself; none due today (f)",
                plural(n)
            ),
            Some(q) => format!(
                "{n} card{} to recall and grade yourself: {} due, {} new (f)",
                plural(n),
                q.due.len(),
                q.new.len()
            ),
            None => format!("{n} card{} to recall and grade yourself (f)", plural(n)),
        };
        row(
            &mut doc,
            &mut focus,
            "Flashcards",
            about,
            Target::Cards,
            HomeRow::Cards,
        );
    }
    let scenarios = app.catalog.scenarios.len();
    if scenarios > 0 {
        // The lab is not a practice mode but sits with them: the last row.
        let about = format!(
            "watch state rebuilt event by event: {scenarios} scenario{} (l)",
            plural(scenarios)
        );
        row(
            &mut doc,
            &mut focus,
            "Replay",
            about,
            Target::Lab,
            HomeRow::Lab,
        );
        row(
            &mut doc,
            &mut focus,
            "Predict",
            "say what each event will do; the store checks you (w)".into(),
            Target::Predict,
            HomeRow::Predict,
        );
    }
    // Said only once turned on: off is the default and `?` lists the key.
    if app.confidence {
        doc.blank();
        doc.flow(
            0,
            2,
            vec![
                Atom::new("Confidence marking is on: ", t.bold()),
                Atom::new(
                    "rate each first try 1, 2 or 3 before it is marked (c turns it off).",
                    t.plain(),
                ),
            ],
        );
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
    if let Some(learner) = app.learner.as_ref().filter(|l| !l.problems.is_empty()) {
        doc.blank();
        let n = learner.problems.len();
        doc.line(Span::styled(
            format!("Journal lines that could not be read: {n} (the others are all loaded)"),
            t.warn(),
        ));
        for problem in &learner.problems {
            doc.flow(
                2,
                4,
                vec![
                    Atom::new("! ", t.warn()),
                    Atom::new(problem.clone(), t.plain()),
                ],
            );
        }
    }
    doc.focus = focus;
    doc
}

fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Practice => "Practice",
        Mode::Quiz => "Quiz",
        Mode::Test => "Test",
        Mode::Review => "Review mistakes",
        Mode::Due => "Review due",
        Mode::Exam => "Exam",
    }
}

/// The top of home: whether progress is being saved, then streak, due and mistakes.
fn journal_summary(doc: &mut Doc, app: &App, learner: &Learner) {
    let t = app.theme;
    let notice = if let Some(why) = &learner.unavailable {
        Some(format!(
            "Progress is not saved: {why}. Pass --data-dir DIR or set KATA_HOME."
        ))
    } else if learner.read_only {
        Some(
            "Another kata is recording your progress: this one is read-only and saves nothing. Close the other one to keep this session's progress."
                .to_string(),
        )
    } else {
        learner.write_error.clone()
    };
    if let Some(notice) = notice {
        doc.flow(
            0,
            2,
            vec![Atom::new("! ", t.warn()), Atom::new(notice, t.warn())],
        );
    }
    let Some(r) = &learner.report else {
        return;
    };
    let s = &r.streak;
    let streak = s.words();
    doc.flow(
        0,
        2,
        vec![
            Atom::new("Your progress: ", t.bold()),
            Atom::new(format!("Due today: {}", r.due_today), t.plain()),
            Atom::new(format!(" · mistakes to review: {}", r.mistakes), t.plain()),
            Atom::new(format!(" · {streak}"), t.plain()),
        ],
    );
    // The week ahead, once anything is scheduled: how much comes back when.
    if r.forecast.iter().any(|d| d.items > 0) {
        let mut atoms = vec![Atom::new("Coming due: ", t.bold())];
        for (i, day) in r.forecast.iter().enumerate() {
            let sep = if i == 0 { "" } else { " · " };
            let style = if day.items > 0 { t.plain() } else { t.dim() };
            atoms.push(Atom::new(
                format!("{sep}{} {}", day.weekday, day.items),
                style,
            ));
        }
        doc.flow(0, 2, atoms);
    }
    doc.blank();
}

/// A topic's figures from the journal: mastery by difficulty, tests, changed items.
fn topic_figures(doc: &mut Doc, app: &App, f: &TopicReport) {
    let t = app.theme;
    let by: Vec<String> = f
        .mastery
        .iter()
        .filter(|m| m.total > 0)
        .map(|m| format!("{} {}/{}", m.difficulty, m.solved, m.total))
        .collect();
    let mut mastery = vec![
        Atom::new("Mastery: ", t.bold()),
        Atom::new(format!("{}/{} solved", f.solved, f.total), t.plain()),
    ];
    if !by.is_empty() {
        mastery.push(Atom::new(format!(" · {}", by.join(" · ")), t.dim()));
    }
    doc.flow(4, 6, mastery);
    if let (Some(best), Some(last)) = (&f.best_test, &f.last_test) {
        doc.flow(
            4,
            6,
            vec![
                Atom::new("Tests: ", t.bold()),
                Atom::new(
                    format!(
                        "best {:.0}% ({}) · last {:.0}% ({}) · {} taken",
                        best.percent(),
                        best.verdict,
                        last.percent(),
                        last.verdict,
                        f.tests
                    ),
                    t.plain(),
                ),
            ],
        );
    }
    if !f.changed.is_empty() {
        doc.flow(
            4,
            6,
            vec![
                Atom::new("Changed since your last try: ", t.warn()),
                Atom::new(f.changed.join(", "), t.plain()),
            ],
        );
    }
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
            Mode::Test | Mode::Review | Mode::Due | Mode::Exam => {}
        }
    }
    // With a journal, the tests line above says it (best and last, across runs).
    if app.learner.is_none()
        && let Some((_, score)) = app.last_tests.iter().find(|(t, _)| *t == topic)
    {
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

/// A row of home's mode list: its name padded to the longest, what it
/// offers, and its click target.
fn mode_row(
    doc: &mut Doc,
    app: &App,
    (name, name_width, width): (&str, usize, u16),
    about: String,
    target: Target,
    chosen: bool,
    focus: &mut Option<std::ops::Range<usize>>,
) {
    let t = app.theme;
    let start = doc.len();
    let marker = if chosen { "▶ " } else { "  " };
    let name_style = if chosen { t.selected() } else { t.bold() };
    doc.flow_after(
        vec![
            Span::styled(marker, t.key()),
            Span::styled(format!("{name:<name_width$}"), name_style),
            Span::raw("  "),
        ],
        vec![Atom::new(about, t.plain())],
    );
    for line in start..doc.len() {
        doc.hits.push(crate::tui::flow::DocHit {
            line,
            x: 0,
            width,
            target,
        });
    }
    if chosen {
        *focus = Some(start..doc.len());
    }
}
