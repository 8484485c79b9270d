//! `kata preview` as an author meets it: edit a file on disk and the TUI
//! reloads in place; break it and the diagnostics panel stands in for the
//! item; fix it and the item is back where it was. The watcher is real
//! (inotify here; the poll fallback has its own test); the terminal is TestBackend.

use crate::support::{Harness, options, screen_text};
use kata::content::{Catalog, SourceFile, Sources};
use kata::practice::Mode;
use kata::tui::app::Screen;
use kata::tui::keymap::Context;
use kata::tui::preview::{Preview, PreviewState, Strategy, Wake, Watching, apply};
use kata::tui::{App, Options};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;
use std::time::{Duration, Instant};

/// Only a guard against waiting for ever: a reload normally lands in ~0.1 s
/// (events) or ~0.6 s (polling), but a loaded machine may take far longer,
/// and how long it takes is never what these tests assert.
const DEADLINE: Duration = Duration::from_secs(120);

fn quiz(second_prompt: &str, second_answer: &str) -> String {
    format!(
        r#"[topic]
id = "sagas"
title = "Sagas"

[[question]]
id = "why-sagas"
difficulty = "easy"
prompt = "What does a saga replace?"
options = ["A distributed transaction", "A shared message queue"]
answer = "A"
hint = "Several databases."
mistakes = []

[[question]]
id = "compensate"
difficulty = "medium"
prompt = "{second_prompt}"
options = ["Undo it with a compensating step", "Retry the step until it works", "Ignore it and carry on"]
answer = "{second_answer}"
hint = "Think of what each service can do to reverse its own work."
mistakes = []
"#
    )
}

struct Live {
    preview: Preview,
    app: App,
    term: Terminal<TestBackend>,
}

impl Live {
    fn start(dir: &Path, strategy: Strategy) -> Live {
        let (preview, app) = Preview::start(dir, strategy, options()).expect("preview starts");
        let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let mut app = app;
        kata::tui::draw(&mut term, &mut app).unwrap();
        Live { preview, app, term }
    }

    fn screen(&self) -> String {
        screen_text(self.term.backend().buffer())
    }

    /// Keys go through the same channel the terminal's input thread uses.
    fn keys(&mut self, text: &str) {
        for c in text.chars() {
            let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            self.preview
                .sender()
                .send(Wake::Input(Event::Key(key)))
                .unwrap();
            self.preview
                .step(&mut self.term, &mut self.app, Some(Duration::from_secs(1)))
                .unwrap();
        }
    }

    /// Run the loop until the screen shows what `seen` wants; how long it took.
    fn until(&mut self, what: &str, seen: impl Fn(&str) -> bool) -> Duration {
        let start = Instant::now();
        loop {
            if seen(&self.screen()) {
                return start.elapsed();
            }
            assert!(
                start.elapsed() < DEADLINE,
                "no {what} on screen after a save:\n{}",
                self.screen()
            );
            self.preview
                .step(
                    &mut self.term,
                    &mut self.app,
                    Some(Duration::from_millis(50)),
                )
                .unwrap();
        }
    }

    fn current(&self) -> (Mode, String) {
        match &self.app.screen {
            Screen::Run(run) => (run.mode(), run.session.current().id().to_string()),
            _ => panic!("not in a run:\n{}", self.screen()),
        }
    }
}

#[test]
fn a_save_reloads_in_place_a_broken_file_shows_its_diagnostics_and_a_fix_brings_the_item_back() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("quizzes/sagas.toml");
    std::fs::create_dir(dir.path().join("quizzes")).unwrap();
    std::fs::write(&file, quiz("A step fails. What now?", "A")).unwrap();
    let mut live = Live::start(dir.path(), Strategy::Auto);
    // File events where the system offers them (inotify here), else the poll: either
    // must carry this test, so it does not insist on one (the poll has its own test).
    assert!(live.screen().contains("Sagas"), "{}", live.screen());
    assert!(live.screen().contains(" preview · "), "{}", live.screen());

    // Open the quiz and go to the second question.
    live.keys("un");
    assert_eq!(live.current(), (Mode::Quiz, "compensate".to_string()));

    std::fs::write(&file, quiz("A step fails halfway. What now?", "A")).unwrap();
    let took = live.until("edited prompt", |s| s.contains("fails halfway"));
    eprintln!("reload after a save (events): {took:?}");
    assert_eq!(live.current(), (Mode::Quiz, "compensate".to_string()));

    // A slip: an answer letter with no option.
    std::fs::write(&file, quiz("A step fails halfway. What now?", "E")).unwrap();
    live.until("diagnostics panel", |s| s.contains("[K012]"));
    let shown = live.screen();
    assert!(shown.contains("stopped checking"), "{shown}");
    assert!(
        shown.contains(r#"answer = "E""#),
        "the source line: {shown}"
    );
    assert!(shown.contains("^^^"), "the caret: {shown}");
    assert!(
        !shown.contains("fails halfway"),
        "the item is replaced: {shown}"
    );
    assert!(!shown.contains('\u{1b}'), "no colour codes as text");
    assert_eq!(live.app.context(), Context::Broken);

    std::fs::write(&file, quiz("A step fails halfway. What now?", "A")).unwrap();
    live.until("item again", |s| s.contains("fails halfway"));
    assert_eq!(
        live.current(),
        (Mode::Quiz, "compensate".to_string()),
        "same topic, mode and item"
    );
    assert!(!live.screen().contains("[K012]"));
}

#[test]
fn the_poll_fallback_notices_a_save_too() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sagas.toml");
    std::fs::write(&file, quiz("First wording?", "A")).unwrap();
    let mut live = Live::start(dir.path(), Strategy::Poll);
    assert_eq!(live.preview.watching(), Watching::Polling);
    assert!(live.screen().contains("polling"), "{}", live.screen());
    live.keys("un");
    std::fs::write(&file, quiz("Second wording?", "A")).unwrap();
    let took = live.until("edited prompt", |s| s.contains("Second wording?"));
    eprintln!("reload after a save (polling): {took:?}");
    assert_eq!(live.current(), (Mode::Quiz, "compensate".to_string()));
}

#[test]
fn r_reloads_by_hand_and_shows_up_in_the_footer_and_help() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sagas.toml"), quiz("Q?", "A")).unwrap();
    let mut live = Live::start(dir.path(), Strategy::Poll);
    assert!(live.screen().contains("R reload"), "{}", live.screen());
    live.keys("R");
    assert!(live.screen().contains("Reloaded"), "{}", live.screen());
    live.keys("?");
    assert!(
        live.screen().contains("reload the content from disk now"),
        "{}",
        live.screen()
    );
}

// ---- the state machine, without a disk ----

fn catalog_of(files: &[(&str, &str)]) -> Catalog {
    let mut sources = Sources::default();
    for (path, text) in files {
        sources
            .files
            .push(SourceFile::new(*path, text.as_bytes().to_vec()));
    }
    sources.load()
}

fn previewing(catalog: Catalog) -> Harness {
    let mut h = Harness::with(Catalog::default(), Options { ..options() }, 80, 24);
    h.app.preview = Some(PreviewState::new("course", Watching::Events));
    apply(&mut h.app, catalog, "12:03:04");
    h.draw();
    h
}

fn reload(h: &mut Harness, catalog: Catalog) {
    apply(&mut h.app, catalog, "12:03:05");
    h.draw();
}

fn run(h: &Harness) -> &kata::tui::app::Run {
    match &h.app.screen {
        Screen::Run(run) => run,
        _ => panic!("not in a run:\n{}", h.screen()),
    }
}

const OTHER_TOPIC: &str = r#"[topic]
id = "aardvark"
title = "Aardvark"

[[question]]
id = "first"
difficulty = "easy"
prompt = "First?"
options = ["Yes", "No"]
answer = "A"
hint = "Yes."
mistakes = []
"#;

#[test]
fn place_and_unchanged_work_are_kept_across_reloads_and_an_edited_item_starts_afresh() {
    let mut h = previewing(catalog_of(&[("q.toml", &quiz("Q?", "A"))]));
    h.keys("un");
    h.key(KeyCode::Down); // highlight an option, not yet answered
    assert_eq!(run(&h).cursor, Some(0));
    h.key(KeyCode::Char('p'));
    h.keys("a"); // answer the first question
    h.keys("n");
    h.key(KeyCode::Down);

    // A new topic sorts before this one and the file gains lines above the
    // item: the place is by id, not by index or line.
    let moved = quiz("Q?", "A").replace("[[question]]", "\n\n[[question]]");
    reload(
        &mut h,
        catalog_of(&[("a.toml", OTHER_TOPIC), ("q.toml", &moved)]),
    );
    let r = run(&h);
    assert_eq!(h.app.catalog.topics[r.topic].id, "sagas");
    assert_eq!(
        (r.mode(), r.session.current().id()),
        (Mode::Quiz, "compensate")
    );
    assert_eq!(
        r.cursor,
        Some(0),
        "in-progress choice kept on an unchanged item"
    );
    assert!(
        r.session.state(0).outcome.is_finished(),
        "the answered question stays answered"
    );

    // The item itself is edited: same place, its choices start afresh.
    reload(
        &mut h,
        catalog_of(&[
            ("a.toml", OTHER_TOPIC),
            ("q.toml", &quiz("Q, reworded?", "A")),
        ]),
    );
    let r = run(&h);
    assert_eq!(r.session.current().id(), "compensate");
    assert_eq!(r.cursor, None);
    assert!(h.screen().contains("Q, reworded?"), "{}", h.screen());

    // Broken: the panel stands in, the run waits underneath.
    reload(&mut h, catalog_of(&[("q.toml", &quiz("Q?", "E"))]));
    assert_eq!(h.app.context(), Context::Broken);
    assert!(h.screen().contains("[K012]"), "{}", h.screen());
    h.keys("n"); // ignored: no item is on screen
    reload(&mut h, catalog_of(&[("q.toml", &quiz("Q?", "A"))]));
    let r = run(&h);
    assert_eq!(h.app.catalog.topics[r.topic].id, "sagas");
    assert_eq!(r.session.current().id(), "compensate");
    assert!(h.screen().contains("back where you were"), "{}", h.screen());

    // The topic disappears: home, with a note.
    reload(&mut h, catalog_of(&[("a.toml", OTHER_TOPIC)]));
    assert!(matches!(h.app.screen, Screen::Home));
    assert!(
        h.screen().contains("no longer in the previewed files"),
        "{}",
        h.screen()
    );
}

#[test]
fn diagnostics_panel() {
    let good = catalog_of(&[("quizzes/sagas.toml", &quiz("A step fails. What now?", "A"))]);
    let mut h = previewing(good);
    h.keys("un");
    reload(
        &mut h,
        catalog_of(&[("quizzes/sagas.toml", &quiz("A step fails. What now?", "E"))]),
    );
    insta::assert_snapshot!("preview_diagnostics_80x24", h.screen());
}

#[test]
fn the_preview_resolves_bundled_scenarios_but_shows_only_the_authors_topics() {
    let dir = tempfile::tempdir().unwrap();
    let linked = quiz("A step fails. What now?", "A").replace(
        "id = \"why-sagas\"",
        "id = \"why-sagas\"\nreplay = \"user-lifecycle\"",
    );
    std::fs::write(dir.path().join("sagas.toml"), linked).unwrap();
    let catalog = kata::tui::preview::load(dir.path());
    assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
    let ids: Vec<&str> = catalog.topics.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["sagas"], "the bundled topic is not previewed");
    assert!(catalog.scenario("user-lifecycle").is_some());

    // A clash with a bundled id is the author's problem, as `kata check` says.
    let clash = quiz("A step fails. What now?", "A")
        .replace("id = \"sagas\"", "id = \"event-store\"")
        .replace("title = \"Sagas\"", "title = \"Not the same title\"");
    std::fs::write(dir.path().join("sagas.toml"), clash).unwrap();
    let catalog = kata::tui::preview::load(dir.path());
    assert!(catalog.has_errors(), "{:?}", catalog.problems);
}

#[test]
fn a_second_break_after_a_fix_does_not_keep_the_success_line() {
    let good = || catalog_of(&[("quizzes/sagas.toml", &quiz("A step fails. What now?", "A"))]);
    let broken = || catalog_of(&[("quizzes/sagas.toml", &quiz("A step fails. What now?", "E"))]);
    let mut h = previewing(good());
    reload(&mut h, broken());
    reload(&mut h, good());
    assert!(h.screen().contains("Checks again"), "{}", h.screen());
    reload(&mut h, broken());
    let screen = h.screen();
    assert!(screen.contains("1 error"), "{screen}");
    assert!(!screen.contains("Checks again"), "{screen}");
}

#[test]
fn a_long_help_line_wraps_instead_of_being_cut_at_the_edge() {
    let good = catalog_of(&[("quizzes/sagas.toml", &quiz("A step fails. What now?", "A"))]);
    let mut h = Harness::with(Catalog::default(), Options { ..options() }, 60, 40);
    h.app.preview = Some(PreviewState::new("course", Watching::Events));
    apply(&mut h.app, good, "12:03:04");
    // K022's help is over 120 characters: every word of it is on screen.
    let broken = quiz("A step fails. What now?", "A").replace(
        "hint = \"Several databases.\"",
        "hint = \"Several databases.\"\nfeedback = { A = \"Right.\" }",
    );
    reload(&mut h, catalog_of(&[("quizzes/sagas.toml", &broken)]));
    let screen = h.screen();
    let shown: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        shown.contains("if `A` is wrong, correct `answer`"),
        "{screen}"
    );
}

#[test]
fn the_lab_lists_the_authors_scenarios_before_the_bundled_ones() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = r#"[topic]
id = "sagas"
title = "Sagas"

[[scenario]]
id = "trip-booking"
title = "A trip booking"
events = [ { stream = "trip-1", type = "TripBooked" } ]
rules = { TripBooked = "create" }
"#;
    std::fs::write(dir.path().join("trip.toml"), scenario).unwrap();
    std::fs::write(
        dir.path().join("sagas.toml"),
        quiz("A step fails. What now?", "A"),
    )
    .unwrap();
    let catalog = kata::tui::preview::load(dir.path());
    assert_eq!(catalog.scenarios[0].id, "trip-booking");
    assert!(
        catalog.scenarios.len() > 1,
        "the bundled ones stay after it"
    );
}
