//! Katas in the TUI: the editor pane, the work file in the data folder,
//! watch mode and the screens. The code runs through a scripted runner here
//! (the rules of running are `tests/kata_core.rs`'s; the real sandbox runs in
//! the pty test).

use crate::support::{Harness, bundled, options};
use kata::practice::{Limits, Program, RunError, RunOutcome, Runner, TestResult};
use kata::tui::keymap::Context;
use kata::tui::learner::Learner;
use kata::tui::{App, Screen};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::time::{Duration, Instant};

/// Every test passes once the code mentions `counts.get`; before, all but
/// the first fail; code holding `oops` raises a NameError on line 2.
struct Scripted;

impl Runner for Scripted {
    fn run(&mut self, program: &Program, _: &Limits) -> RunOutcome {
        if program.code.contains("oops") {
            return RunOutcome {
                error: Some(RunError {
                    kind: "NameError".into(),
                    message: "name 'oops' is not defined".into(),
                    part: Some(kata::sandbox::Part::Code),
                    line: Some(2),
                    column: Some(5),
                    traceback: String::new(),
                }),
                tests: vec![],
                ..RunOutcome::default()
            };
        }
        let right = program.code.contains("counts.get");
        RunOutcome {
            output: "printed \u{1b}[2Jby the code\n".into(),
            tests: (0..program.tests.len())
                .map(|i| TestResult {
                    passed: right || i == 0,
                    message: (!right && i > 0).then(|| format!("got {{}} in test {}", i + 1)),
                    error: None,
                })
                .collect(),
            ..RunOutcome::default()
        }
    }
}

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Practice on the bundled topic, paged to its third kata (count-events):
/// `n` past each task, Ctrl-N past a typed one (where `n` is a letter to type).
fn to_count_events(h: &mut Harness) {
    h.key(KeyCode::Enter);
    for _ in 0..40 {
        let Screen::Run(run) = &h.app.screen else {
            panic!("not in practice")
        };
        let item = run.session.current();
        if item.id() == "count-events" {
            return;
        }
        if item.is_typed() {
            ctrl(h, 'n');
        } else {
            h.keys("n");
        }
    }
    panic!("count-events is not in practice");
}

fn scripted(mut app: App) -> App {
    app.runner = Some(Box::new(Scripted));
    app
}

fn ctrl(h: &mut Harness, c: char) {
    h.event(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::CONTROL,
    )));
}

fn pane(h: &Harness) -> &kata::tui::kata::KataPane {
    match &h.app.screen {
        Screen::Run(run) => run.kata.as_deref().expect("a kata pane"),
        _ => panic!("not on a run:\n{}", h.screen()),
    }
}

fn snap(name: &str, steps: impl Fn(&mut Harness)) {
    for (w, h) in SIZES {
        let mut harness = Harness::with_app(scripted(App::new(bundled(), options())), w, h);
        steps(&mut harness);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), harness.screen());
    }
}

#[test]
fn kata_open() {
    snap("kata_open", to_count_events);
}

#[test]
fn kata_failing_run() {
    snap("kata_failing_run", |h| {
        to_count_events(h);
        h.key(KeyCode::Char('t'));
    });
}

#[test]
fn kata_solved() {
    snap("kata_solved", |h| {
        to_count_events(h);
        h.key(KeyCode::Char('i'));
        // Past `counts = {}`: a line that makes the scripted tests pass.
        h.key(KeyCode::Down);
        h.key(KeyCode::Down);
        h.key(KeyCode::End);
        h.key(KeyCode::Enter);
        h.keys("counts.get");
        ctrl(h, 't');
    });
}

#[test]
fn kata_given_up() {
    snap("kata_given_up", |h| {
        to_count_events(h);
        h.key(KeyCode::Char('g'));
    });
}

#[test]
fn the_editor_types_keeps_indentation_and_undoes() {
    let mut h = Harness::with_app(scripted(App::new(bundled(), options())), 80, 24);
    to_count_events(&mut h);
    assert_eq!(h.app.context(), Context::Kata);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.context(), Context::KataEdit, "Enter starts typing");
    // To the end of `def count_by_type(events):`, then a new line.
    h.key(KeyCode::End);
    h.key(KeyCode::Enter);
    h.keys("for e in events:");
    h.key(KeyCode::Enter);
    h.keys("pass");
    let code = pane(&h).code();
    assert!(
        code.starts_with("def count_by_type(events):\n    for e in events:\n        pass\n"),
        "indentation kept, one level more after a colon:\n{code}"
    );
    // n, p, q, h are text while typing.
    h.keys("nphq");
    assert!(!h.app.quit);
    assert!(pane(&h).code().contains("passnphq"));
    ctrl(&mut h, 'z');
    assert!(!pane(&h).code().contains("passnphq"), "Ctrl-Z undoes");
    h.key(KeyCode::Esc);
    assert_eq!(h.app.context(), Context::Kata, "Esc gives the keys back");
    // The session holds what the editor holds: it is what runs and is recorded.
    let Screen::Run(run) = &h.app.screen else {
        unreachable!()
    };
    assert_eq!(run.session.current_state().code, pane(&h).code());
}

#[test]
fn a_paste_goes_into_the_editor_whole_and_no_letter_acts_as_a_command() {
    let mut h = Harness::with_app(scripted(App::new(bundled(), options())), 80, 24);
    to_count_events(&mut h);
    assert_eq!(h.app.context(), Context::Kata, "not typing yet");
    // `g` would give the kata up and `q` quit, were a paste taken as keys;
    // the ESC and CR are what terminals and Windows editors put in pastes.
    h.event(Event::Paste("g = 1\r\nq = \u{1b}[2J2\n".into()));
    assert!(!h.app.quit, "q in a paste is text");
    assert_eq!(h.app.context(), Context::KataEdit, "a paste starts typing");
    let code = pane(&h).code();
    assert!(code.starts_with("g = 1\nq = [2J2\n"), "{code:?}");
    assert!(!h.screen().contains("gave up"), "{}", h.screen());
    let Screen::Run(run) = &h.app.screen else {
        unreachable!()
    };
    assert_eq!(
        run.session.current_state().code,
        code,
        "the session has the paste"
    );
}

#[test]
fn a_run_says_it_is_running_before_it_runs() {
    let mut h = Harness::with_app(scripted(App::new(bundled(), options())), 80, 24);
    to_count_events(&mut h);
    // As the loop sees it: the action queues the run and the frame says so.
    let action = kata::tui::action_for_event(
        &h.app,
        &Event::Key(KeyEvent::new(KeyCode::Char('t'), KeyModifiers::NONE)),
    )
    .expect("t runs the tests");
    kata::tui::update(&mut h.app, action);
    assert!(kata::tui::kata::run_is_queued(&h.app));
    h.draw();
    assert!(h.screen().contains("Running the tests"), "{}", h.screen());
    kata::tui::kata::run_queued(&mut h.app);
    assert!(!kata::tui::kata::run_is_queued(&h.app));
    h.draw();
    assert!(h.screen().contains("1/3 tests pass"), "{}", h.screen());
}

#[test]
fn a_run_shows_the_tests_and_escapes_what_the_code_printed() {
    let mut h = Harness::with_app(scripted(App::new(bundled(), options())), 120, 40);
    to_count_events(&mut h);
    h.key(KeyCode::Char('t'));
    let screen = h.screen();
    assert!(screen.contains("1/3 tests pass"), "{screen}");
    assert!(screen.contains("✓ test 1"), "{screen}");
    assert!(screen.contains("✗ test 2: got {} in test 2"), "{screen}");
    assert!(screen.contains("printed \\u{1b}[2Jby the code"), "{screen}");
    // Nothing with a control character reached the buffer.
    for cell in h.buffer().content() {
        assert!(!cell.symbol().chars().any(char::is_control), "{cell:?}");
    }
}

#[test]
fn an_error_shows_its_kind_message_and_line() {
    let mut h = Harness::with_app(scripted(App::new(bundled(), options())), 120, 40);
    to_count_events(&mut h);
    h.key(KeyCode::Char('i'));
    h.keys("oops");
    ctrl(&mut h, 't');
    assert!(
        h.screen()
            .contains("NameError: name 'oops' is not defined (line"),
        "{}",
        h.screen()
    );
}

#[test]
fn without_a_sandbox_a_kata_says_it_cannot_run() {
    let mut h = Harness::new(bundled(), 80, 24);
    to_count_events(&mut h);
    h.key(KeyCode::Char('t'));
    assert!(
        h.screen().contains("sandbox is not available"),
        "{}",
        h.screen()
    );
}

fn learner_app(dir: &std::path::Path) -> App {
    scripted(App::with_learner(
        bundled(),
        options(),
        Learner::open(dir, 0),
    ))
}

fn work_file(dir: &std::path::Path) -> std::path::PathBuf {
    dir.join("work/event-store/count-events.py")
}

#[test]
fn the_code_lives_in_the_work_file_and_survives_quitting() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::with_app(learner_app(dir.path()), 80, 24);
    to_count_events(&mut h);
    let file = work_file(dir.path());
    let starter = std::fs::read_to_string(&file).expect("the starter is saved at once");
    assert!(starter.starts_with("def count_by_type(events):"));
    h.key(KeyCode::Char('i'));
    h.keys("# mine");
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("# minedef"),
        "every edit is on disk"
    );
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('q'));
    assert!(h.app.quit);
    drop(h);
    // A new kata on the same data folder takes up the learner's code.
    let mut again = Harness::with_app(learner_app(dir.path()), 80, 24);
    to_count_events(&mut again);
    assert!(pane(&again).code().starts_with("# minedef count_by_type"));
}

/// Tick the app until `done` holds (the watcher runs on its own thread).
fn tick_until(h: &mut Harness, what: &str, done: impl Fn(&Harness) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done(h) {
        assert!(
            Instant::now() < deadline,
            "never saw {what}:\n{}",
            h.screen()
        );
        std::thread::sleep(Duration::from_millis(20));
        kata::tui::update(&mut h.app, kata::tui::Action::Tick(Instant::now()));
        h.draw();
    }
}

#[test]
fn saving_the_work_file_from_another_editor_runs_the_tests() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::with_app(learner_app(dir.path()), 120, 40);
    to_count_events(&mut h);
    assert!(pane(&h).is_watching());
    assert!(h.app.deadline().is_some(), "the loop wakes up to look");
    let file = work_file(dir.path());
    std::fs::write(
        &file,
        "def count_by_type(events):\n    counts = {}\n    for e in events:\n        counts[e.type] = counts.get(e.type, 0) + 1\n    return counts\n",
    )
    .unwrap();
    tick_until(&mut h, "the tests run on save", |h| {
        h.screen().contains("3/3 tests pass")
    });
    assert!(
        pane(&h).code().contains("counts.get"),
        "the editor shows the saved code"
    );
    assert!(h.screen().contains("Solved"), "{}", h.screen());
    // The run is in the journal.
    let journal = std::fs::read_to_string(dir.path().join("journal.jsonl")).unwrap();
    assert!(journal.contains("\"type\":\"CodeRun\""), "{journal}");
    assert!(journal.contains("\"solved\":true"), "{journal}");
}

#[test]
fn a_deleted_work_file_offers_the_starter_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::with_app(learner_app(dir.path()), 120, 40);
    to_count_events(&mut h);
    h.key(KeyCode::Char('i'));
    h.keys("x = 1");
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('t'));
    let file = work_file(dir.path());
    std::fs::remove_file(&file).unwrap();
    tick_until(&mut h, "the notice", |h| h.screen().contains("was deleted"));
    assert!(
        pane(&h).code().starts_with("def count_by_type"),
        "the starter again"
    );
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("def count_by_type"),
        "and saved again"
    );
    assert!(
        h.screen().contains("1/3 tests pass"),
        "the last run stays on screen"
    );
}

#[test]
fn a_work_file_that_is_not_utf8_is_kept_aside_and_the_starter_offered() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::with_app(learner_app(dir.path()), 120, 40);
    to_count_events(&mut h);
    let file = work_file(dir.path());
    std::fs::write(&file, b"def f():\n    return '\xff'\n").unwrap();
    tick_until(&mut h, "the notice", |h| {
        h.screen().contains("is not UTF-8")
    });
    assert!(pane(&h).code().starts_with("def count_by_type"));
    let kept = std::fs::read(file.with_extension("py.unreadable")).expect("kept aside");
    assert_eq!(
        kept, b"def f():\n    return '\xff'\n",
        "nothing of it is lost"
    );
}
