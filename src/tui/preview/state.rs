//! What a reload does to the app: the one state change of `kata preview`.
//! No disk here: the catalog comes in, so tests can drive it by hand.
//!
//! The author keeps their place: the same topic (by id), mode and item (by
//! id), and their in-progress choices on an item that did not change. When
//! the new content has an error, the last good content stays underneath and
//! the diagnostics are shown instead of the screen, until a reload checks.

use super::watch::Watching;
use crate::content::{Catalog, Diagnostic, Topic};
use crate::practice::{self, Mode};
use crate::tui::app::{App, Message, Run, Screen, Tone};

/// The preview's part of the app state.
#[derive(Debug, Clone)]
pub struct PreviewState {
    /// The folder or file previewed, as the author named it.
    pub path: String,
    pub watching: Watching,
    /// Wall-clock time of the last reload, e.g. `12:03:04`.
    pub reloaded: Option<String>,
    /// Every problem of the latest load when it had an error (errors
    /// first); empty while the content checks.
    pub broken: Vec<Diagnostic>,
}

impl PreviewState {
    pub fn new(path: impl Into<String>, watching: Watching) -> Self {
        PreviewState {
            path: path.into(),
            watching,
            reloaded: None,
            broken: Vec::new(),
        }
    }

    /// True while some file does not check: its diagnostics replace the screen.
    pub fn is_broken(&self) -> bool {
        !self.broken.is_empty()
    }
}

/// Take in freshly loaded content at wall-clock time `at`. Does nothing
/// outside a preview.
pub fn apply(app: &mut App, catalog: Catalog, at: impl Into<String>) {
    let Some(preview) = app.preview.as_mut() else {
        return;
    };
    preview.reloaded = Some(at.into());
    let was_broken = preview.is_broken();
    if catalog.has_errors() {
        let mut problems = catalog.problems;
        problems.sort_by_key(|d| !d.is_error());
        preview.broken = problems;
        if !was_broken {
            app.scroll = 0;
        }
        // A message of the content that checked ("Checks again…") would
        // stand under a header counting errors.
        app.message = None;
        return;
    }
    preview.broken.clear();
    let old = std::mem::replace(&mut app.catalog, catalog);
    keep_place(app, &old);
    if was_broken {
        app.scroll = 0;
        app.follow = true;
        if app.message.is_none() {
            say(app, "Checks again: back where you were.", Tone::Good);
        }
    }
}

fn say(app: &mut App, text: impl Into<String>, tone: Tone) {
    app.message = Some(Message {
        text: text.into(),
        tone,
    });
}

/// Point everything that held a topic index at the same topic in the new
/// catalog, and rebuild the sessions over the new items.
fn keep_place(app: &mut App, old: &Catalog) {
    let new_index = |i: usize, new: &Catalog| {
        let id = &old.topics.get(i)?.id;
        new.topics.iter().position(|t| &t.id == id)
    };
    let topics = app.catalog.topics.len();
    app.home.topic = new_index(app.home.topic, &app.catalog)
        .unwrap_or(app.home.topic.min(topics.saturating_sub(1)));
    if topics > 1 && app.home.focus == crate::tui::app::Focus::Modes && old.topics.len() <= 1 {
        // A second topic appeared: the list is worth choosing from now.
        app.home.focus = crate::tui::app::Focus::Topics;
    }
    app.last_tests = std::mem::take(&mut app.last_tests)
        .into_iter()
        .filter_map(|(t, score)| Some((new_index(t, &app.catalog)?, score)))
        .collect();
    app.saved = std::mem::take(&mut app.saved)
        .into_iter()
        .filter_map(|run| {
            let t = new_index(run.topic, &app.catalog)?;
            rebuild(run, t, &app.catalog.topics[t])
                .ok()
                .map(|(run, _)| run)
        })
        .collect();
    let screen = std::mem::replace(&mut app.screen, Screen::Home);
    app.screen = match screen {
        Screen::Run(run) | Screen::Results(run) if new_index(run.topic, &app.catalog).is_none() => {
            let title = &old.topics[run.topic].title;
            say(
                app,
                format!("“{title}” is no longer in the previewed files."),
                Tone::Bad,
            );
            Screen::Home
        }
        Screen::Run(run) => {
            let t = new_index(run.topic, &app.catalog).unwrap_or(0);
            match rebuild(*run, t, &app.catalog.topics[t]) {
                Ok((run, note)) => {
                    if let Some(note) = note {
                        say(app, note, Tone::Info);
                    }
                    Screen::Run(Box::new(run))
                }
                Err(why) => {
                    say(app, why, Tone::Bad);
                    Screen::Home
                }
            }
        }
        Screen::Results(run) => {
            let t = new_index(run.topic, &app.catalog).unwrap_or(0);
            match rebuild(*run, t, &app.catalog.topics[t]) {
                Ok((run, _)) => Screen::Results(Box::new(run)),
                Err(why) => {
                    say(app, why, Tone::Bad);
                    Screen::Home
                }
            }
        }
        other => other,
    };
}

/// The same run over `topic`'s current items: the place by id, the work on
/// unchanged items kept (see `Session::rebuilt`); with a note for the author
/// when the item in front of them was edited away or removed.
fn rebuild(mut run: Run, index: usize, topic: &Topic) -> Result<(Run, Option<String>), String> {
    let mode = run.mode();
    let fresh = practice::start(topic, mode, run.session.seed().unwrap_or(0));
    if fresh.is_empty() {
        let what = match mode {
            Mode::Practice => "fill-in tasks",
            _ => "questions",
        };
        return Err(format!("“{}” has no {what} any more.", topic.title));
    }
    let old = &run.session;
    let session = old.rebuilt(fresh.written_items().to_vec());
    let place = practice::same_ids(old.written_items(), session.written_items());
    let kept =
        |i: usize| place[i].filter(|&o| practice::same_content(old.written(o), session.written(i)));
    let tries = (0..session.len())
        .map(|i| kept(i).and_then(|o| run.tries[o].clone()))
        .collect();
    let current = session.index();
    let current_kept = kept(current).is_some();
    let note = if old.is_empty() {
        None
    } else if session.current().id() != old.current().id() {
        Some(format!(
            "`{}` is gone; showing the nearest item.",
            old.current().id()
        ))
    } else {
        let state = old.current_state();
        let had_work = state.chosen.iter().any(Option::is_some) || !state.attempts.is_empty();
        (!current_kept && had_work)
            .then(|| "This item changed on disk: its answer starts afresh.".to_string())
    };
    run.topic = index;
    run.tries = tries;
    run.drag = None;
    run.hover = None;
    run.results_cursor = run.results_cursor.min(session.len() - 1);
    if !current_kept {
        run.cursor = None;
        run.blank = session
            .current_state()
            .chosen
            .iter()
            .position(Option::is_none)
            .unwrap_or(0);
    } else {
        run.blank = run.blank.min(session.current().blanks().saturating_sub(1));
        run.cursor = run
            .cursor
            .filter(|&c| c < session.current().options().len());
    }
    run.session = session;
    Ok((run, note))
}
