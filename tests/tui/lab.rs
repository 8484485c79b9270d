//! The replay lab: its screens at 80×24 and 120×40, its controls as a state
//! machine, and a big scenario built on a background thread.

use crate::support::{Harness, bundled};
use kata::replay::Progress;
use kata::tui::app::Screen;
use kata::tui::lab::{Lab, LabView, Pane, Phase};
use ratatui::crossterm::event::KeyCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn lab(h: &Harness) -> &Lab {
    match &h.app.screen {
        Screen::Lab(lab) => lab,
        _ => panic!("not in the lab:\n{}", h.screen()),
    }
}

fn view(h: &Harness) -> &LabView {
    lab(h).view().expect("a scenario is open")
}

fn view_mut(h: &mut Harness) -> &mut LabView {
    match &mut h.app.screen {
        Screen::Lab(lab) => lab.view_mut().expect("a scenario is open"),
        _ => panic!("not in the lab"),
    }
}

/// Home → l → the scenario with this id.
fn open(h: &mut Harness, id: &str) {
    h.open_scenario('l', id);
}

/// Lesson timings are measured live: fixed here so the snapshot is stable.
fn freeze_timings(h: &mut Harness) {
    if let Some(c) = &mut view_mut(h).comparison {
        c.full_time = Duration::from_micros(42);
        c.snapshot_time = c.snapshot_time.map(|_| Duration::from_micros(7));
        c.runs = 100;
    }
    h.draw();
}

fn snap(name: &str, steps: impl Fn(&mut Harness)) {
    for (w, ht) in SIZES {
        let mut h = Harness::new(bundled(), w, ht);
        steps(&mut h);
        insta::assert_snapshot!(format!("lab_{name}_{w}x{ht}"), h.screen());
    }
}

#[test]
fn lab_start() {
    snap("start", |h| open(h, "user-lifecycle"));
}

#[test]
fn lab_midway_with_a_change() {
    snap("midway", |h| {
        open(h, "user-lifecycle");
        h.key(KeyCode::Right);
        h.key(KeyCode::Right);
    });
}

#[test]
fn lab_snapshot_lesson() {
    snap("snapshots", |h| {
        open(h, "bank-account");
        h.keys(":250");
        h.key(KeyCode::Enter);
        h.key(KeyCode::Char('s'));
        freeze_timings(h);
    });
}

#[test]
fn lab_warning_at_an_event() {
    snap("warning", |h| {
        open(h, "user-after-delete");
        h.key(KeyCode::Char('G'));
    });
}

#[test]
fn lab_scenario_list() {
    snap("list", |h| h.key(KeyCode::Char('l')));
}

#[test]
fn controls_move_the_cursor_as_a_learner_expects() {
    let mut h = Harness::new(bundled(), 80, 24);
    open(&mut h, "bank-account");
    let cursor = |h: &Harness| view(h).timeline.cursor();
    assert_eq!(cursor(&h), 0);
    h.key(KeyCode::Right);
    h.key(KeyCode::Right);
    assert_eq!(cursor(&h), 2);
    h.key(KeyCode::Left);
    assert_eq!(cursor(&h), 1);
    h.key(KeyCode::Char('G'));
    assert_eq!(cursor(&h), 350);
    h.key(KeyCode::Right);
    assert_eq!(cursor(&h), 350, "no step past the end");
    h.key(KeyCode::Char('g'));
    assert_eq!(cursor(&h), 0);
    h.key(KeyCode::Left);
    assert_eq!(cursor(&h), 0, "no step before the start");
    // `:` N goes to position N (0-based): N + 1 events applied.
    h.keys(":12");
    assert!(view(&h).goto.is_some());
    h.key(KeyCode::Backspace);
    h.keys("0");
    h.key(KeyCode::Enter);
    assert_eq!(cursor(&h), 11);
    assert!(view(&h).goto.is_none());
    h.keys(":5");
    h.key(KeyCode::Esc);
    assert_eq!(cursor(&h), 11, "Esc cancels the prompt");
    assert!(
        matches!(h.app.screen, Screen::Lab(_)),
        "…and stays in the lab"
    );
    // Speed and play/pause.
    let speed = view(&h).speed;
    h.key(KeyCode::Char('+'));
    assert_eq!(view(&h).speed, speed + 1);
    h.key(KeyCode::Char('-'));
    h.key(KeyCode::Char('-'));
    assert_eq!(view(&h).speed, speed - 1);
    h.key(KeyCode::Char(' '));
    assert!(view(&h).playing);
    assert!(h.app.deadline().is_some(), "playback wakes the loop");
    let due = view(&h).next_step.unwrap();
    kata::tui::update(&mut h.app, kata::tui::Action::Tick(due));
    assert_eq!(cursor(&h), 12, "a tick plays one step");
    h.key(KeyCode::Char(' '));
    assert!(!view(&h).playing);
    assert!(h.app.deadline().is_none(), "paused: idle");
    // Lessons.
    h.key(KeyCode::Char('s'));
    assert_eq!(view(&h).pane, Pane::Snapshots);
    assert!(view(&h).comparison.as_ref().unwrap().equal);
    h.key(KeyCode::Char('e'));
    assert_eq!(view(&h).pane, Pane::Immutability);
    assert!(h.screen().contains("store: refused"), "{}", h.screen());
    assert_eq!(view(&h).timeline.len(), 350, "the edit wrote nothing");
    h.key(KeyCode::Tab);
    assert_eq!(view(&h).pane, Pane::State);
    // Esc: back to the list, then home.
    h.key(KeyCode::Esc);
    assert!(matches!(lab(&h).phase, Phase::Pick { .. }));
    h.key(KeyCode::Esc);
    assert!(matches!(h.app.screen, Screen::Home));
}

#[test]
fn the_home_screen_offers_the_lab() {
    let mut h = Harness::new(bundled(), 80, 24);
    assert!(h.screen().contains("Replay"), "{}", h.screen());
    // Practice, quiz, test, exam, learn, flashcards, then the lab: the last row.
    for _ in 0..6 {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter);
    assert!(matches!(lab(&h).phase, Phase::Pick { .. }));
}

#[test]
fn r_after_answering_question_3_replays_to_no_user_1() {
    let mut h = Harness::new(bundled(), 80, 24);
    h.key(KeyCode::Char('u')); // the quiz
    while !matches!(&h.app.screen, Screen::Run(run) if run.session.current().id() == "replay-user-state")
    {
        h.key(KeyCode::Char('n'));
    }
    h.key(KeyCode::Char('r'));
    assert!(
        matches!(h.app.screen, Screen::Run(_)),
        "not before answering"
    );
    h.key(KeyCode::Char('d'));
    h.key(KeyCode::Char('r'));
    assert_eq!(view(&h).timeline.scenario_id, "user-lifecycle");
    h.key(KeyCode::Char('G'));
    assert!(view(&h).timeline.state().is_empty(), "no user 1");
    assert!(h.screen().contains("no entity is left"), "{}", h.screen());
    h.key(KeyCode::Esc);
    assert!(
        matches!(&h.app.screen, Screen::Run(run) if run.session.current().id() == "replay-user-state")
    );
}

#[test]
fn a_wrong_filter_shows_every_event_but_order_placed() {
    // The bundled exercises run their code instead; an effect still works
    // for content that has one (tests/fixtures/replay/effects.toml).
    let mut catalog = kata::tui::catalog::load(&["tests/fixtures/replay".into()]);
    catalog.topics.retain(|t| t.id == "lab-effects");
    for exercise in &mut catalog.topics[0].exercises {
        exercise.shuffle = false;
    }
    let mut h = Harness::new(catalog, 120, 40);
    h.key(KeyCode::Enter); // practice
    h.keys("ac"); // .type, != : a wrong try
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('r'));
    let outcome = view(&h).effect.as_ref().expect("the effect runs");
    assert_eq!(outcome.lines.len(), 5);
    assert!(outcome.lines.iter().all(|l| !l.contains("OrderPlaced")));
    // The state comes first, and the footer says how to switch panels.
    assert_eq!(view(&h).pane, Pane::State);
    assert!(h.screen().contains("State ·"), "{}", h.screen());
    assert!(h.screen().contains("Tab panel"), "{}", h.screen());
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    assert_eq!(view(&h).pane, Pane::Effect);
    insta::assert_snapshot!("lab_effect_wrong_filter_120x40", h.screen());
}

/// The million-event scenario's shape with fewer events: it builds on a
/// background thread while the loop keeps drawing and answering keys, then
/// becomes the lab. The build is held until the test releases it, so the
/// "building" phase is certain: a build on the calling thread would wait
/// out its hold (a minute) inside `open` and come back ready, failing here.
#[test]
fn a_big_scenario_builds_in_the_background_without_blocking() {
    let mut catalog = bundled();
    let big = catalog
        .scenarios
        .iter_mut()
        .find(|s| s.id == "bank-million")
        .unwrap();
    big.generate.as_mut().unwrap().count = 200_000;
    let scenario = big.clone();
    let mut h = Harness::new(catalog, 80, 24);
    let progress = Progress::held();
    let phase = Lab::open_with_progress(scenario, None, Arc::clone(&progress))
        .expect("within the memory budget");
    assert!(
        matches!(phase, Phase::Building(_)),
        "open returned before building"
    );
    h.app.screen = Screen::Lab(Box::new(Lab { phase, back: None }));
    h.draw();
    assert!(h.screen().contains("Building"), "{}", h.screen());
    assert!(
        h.app.deadline().is_some(),
        "the loop wakes to redraw the progress"
    );
    // Keys still work meanwhile, and a tick finds the build still under way.
    h.key(KeyCode::Char('?'));
    assert!(h.screen().contains("Keys · replay lab"), "{}", h.screen());
    h.key(KeyCode::Esc);
    kata::tui::update(&mut h.app, kata::tui::Action::Tick(Instant::now()));
    assert!(matches!(lab(&h).phase, Phase::Building(_)));
    assert_eq!(progress.get(), (0, 0), "held: nothing appended yet");
    progress.release();
    match &mut h.app.screen {
        Screen::Lab(lab) => lab.wait_ready(),
        _ => unreachable!(),
    }
    h.draw();
    assert_eq!(view(&h).timeline.len(), 200_000);
    h.key(KeyCode::Char('G'));
    // The end is a snapshot's own position: nothing is folded after it.
    assert!(
        h.screen()
            .contains("position 199,999 of 200,000 · from snapshot @199,999 + 0 events"),
        "{}",
        h.screen()
    );
    h.key(KeyCode::Char('s'));
    assert!(
        h.screen().contains("from snapshot @199,999 + 0 events."),
        "the lesson tells the same story:\n{}",
        h.screen()
    );
}

#[test]
fn lab_immutability_lesson() {
    snap("edit", |h| {
        open(h, "user-lifecycle");
        h.key(KeyCode::Right);
        h.key(KeyCode::Right);
        h.key(KeyCode::Char('e'));
    });
}

#[test]
fn a_refused_append_is_shown_with_the_stores_reason() {
    let mut h = Harness::new(bundled(), 120, 40);
    open(&mut h, "concurrent-writers");
    h.key(KeyCode::Char('G'));
    let screen = h.screen();
    assert!(
        screen.contains("✗ refused support's OrderCancelled on order-1"),
        "{screen}"
    );
    assert!(
        screen.contains("expected revision 0 but found revision 1"),
        "{screen}"
    );
    assert!(screen.contains("status = \"shipped\""), "{screen}");
}

/// Issue 14, item 9: a scenario over the memory budget that reached the lab
/// without `kata check` (here put in the catalog by hand) is refused from the
/// picker with why, before anything is built; the list stays.
#[test]
fn the_picker_refuses_a_scenario_over_the_memory_budget() {
    let mut catalog = bundled();
    let mut bomb = catalog.scenario("bank-million").unwrap().clone();
    bomb.id = "bomb".into();
    bomb.title = "Bomb".into();
    bomb.snapshot_every = 1;
    catalog.scenarios.push(bomb);
    let mut h = Harness::new(catalog, 120, 40);
    open(&mut h, "bomb");
    assert!(
        matches!(lab(&h).phase, Phase::Pick { .. }),
        "still the list"
    );
    let message = h.app.message.as_ref().expect("a note says why");
    assert!(
        message.text.starts_with("scenario `bomb` needs about"),
        "{}",
        message.text
    );
    assert!(h.screen().contains("needs about"), "{}", h.screen());
}

/// The lab's status line, as drawn.
fn status(h: &Harness) -> String {
    let screen = h.screen();
    let line = screen
        .lines()
        .find(|l| l.contains("⏸ paused") || l.contains("▶ playing"))
        .unwrap_or_else(|| panic!("no status line:\n{screen}"));
    line.trim().to_string()
}

/// Issue 12: position 100 of *Bank account* reads the same reached with →
/// as with `:100`; a snapshot's own position folds nothing; the snapshot
/// lesson says the same.
#[test]
fn the_status_line_tells_one_story_however_the_cursor_arrives() {
    let mut h = Harness::new(bundled(), 100, 30);
    open(&mut h, "bank-account");
    h.keys(":99");
    h.key(KeyCode::Enter);
    assert!(
        status(&h).starts_with("position 99 of 350 · from snapshot @99 + 0 events"),
        "{}",
        status(&h)
    );
    h.key(KeyCode::Right);
    let stepped = status(&h);
    assert!(
        stepped.starts_with("position 100 of 350 · from snapshot @99 + 1 event ·"),
        "{stepped}"
    );
    h.key(KeyCode::Char('g'));
    for _ in 0..101 {
        h.key(KeyCode::Right);
    }
    assert_eq!(status(&h), stepped, "101 steps from the start");
    h.keys(":100");
    h.key(KeyCode::Enter);
    assert_eq!(status(&h), stepped, "`:100`");
    h.key(KeyCode::Char('s'));
    let lesson = view(&h).comparison.as_ref().unwrap().rebuild;
    assert_eq!(lesson, view(&h).timeline.reached().unwrap());
    assert!(stepped.contains(&lesson.to_string()), "{stepped}");
    assert!(
        h.screen()
            .contains("To position 100 of 350: from snapshot @99 +"),
        "{}",
        h.screen()
    );
}

/// `:99` on a 3-event scenario says it stopped at the last position; → and
/// Space at the end say what happens.
#[test]
fn moves_past_the_ends_say_so() {
    let mut h = Harness::new(bundled(), 100, 30);
    open(&mut h, "user-lifecycle");
    h.key(KeyCode::Left);
    assert!(h.screen().contains("At the start"), "{}", h.screen());
    h.keys(":99");
    h.key(KeyCode::Enter);
    assert_eq!(view(&h).timeline.cursor(), 3);
    assert!(
        h.screen()
            .contains("Position 99 is past the end: this log has positions 0 to 2"),
        "{}",
        h.screen()
    );
    assert!(h.screen().contains("End of the log"), "{}", h.screen());
    h.key(KeyCode::Right);
    assert!(h.screen().contains("no event after it"), "{}", h.screen());
    h.key(KeyCode::Char(' '));
    assert!(view(&h).playing);
    assert_eq!(view(&h).timeline.cursor(), 0);
    assert!(
        h.screen().contains("playing again from the start"),
        "{}",
        h.screen()
    );
}

/// Panels wrap, and PgDn / the wheel scroll them: the edit lesson's last
/// sentence is reachable at 100×30 and at 60×16.
#[test]
fn the_edit_lesson_wraps_and_scrolls_to_its_end() {
    for (w, ht) in [(100, 30), (60, 16)] {
        let mut h = Harness::new(bundled(), w, ht);
        open(&mut h, "user-lifecycle");
        h.key(KeyCode::Char('G'));
        h.key(KeyCode::Char('e'));
        let flat = |h: &Harness| h.screen().split_whitespace().collect::<Vec<_>>().join(" ");
        for _ in 0..20 {
            if flat(&h).contains("never by rewriting one.") {
                break;
            }
            h.key(KeyCode::PageDown);
        }
        assert!(
            flat(&h).contains("never by rewriting one."),
            "{w}×{ht}:\n{}",
            h.screen()
        );
        let scrolled = h.app.frame.scroll;
        assert!(scrolled > 0, "{w}×{ht}: the panel scrolled");
        h.mouse(
            ratatui::crossterm::event::MouseEventKind::ScrollUp,
            w - 5,
            8,
        );
        assert_eq!(h.app.frame.scroll, scrolled - 1, "the wheel scrolls back");
        insta::assert_snapshot!(format!("lab_edit_scrolled_{w}x{ht}"), h.screen());
    }
}

/// *Two writers*: the list says what the lab shows, the rows name the
/// writers, and the refusal wraps instead of ending mid-word.
#[test]
fn two_writers_at_100x30_and_60x16() {
    for (w, ht) in [(100, 30), (60, 16)] {
        let mut h = Harness::new(bundled(), w, ht);
        h.key(KeyCode::Char('l'));
        let listed = if w >= 100 {
            "Two writers, one expected version · 2 events · 1 append refused"
        } else {
            "Two writers, one expected version · 2 events"
        };
        assert!(h.screen().contains(listed), "{}", h.screen());
        h.key(KeyCode::Esc);
        open(&mut h, "concurrent-writers");
        h.key(KeyCode::Char('G'));
        let screen = h.screen();
        assert!(screen.contains("Events (2) · 1 append refused"), "{screen}");
        assert!(screen.contains("warehouse: order-1@1"), "{screen}");
        let flat = screen.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains("expected revision 0 but found revision 1"),
            "{screen}"
        );
        insta::assert_snapshot!(format!("lab_two_writers_{w}x{ht}"), screen);
    }
}

/// The lab's help at 60×16 scrolls to its end, which explains the rule.
#[test]
fn the_lab_help_scrolls_at_60x16() {
    let mut h = Harness::new(bundled(), 60, 16);
    open(&mut h, "bank-account");
    h.key(KeyCode::Char('?'));
    assert!(h.screen().contains("▼ more"), "{}", h.screen());
    for _ in 0..10 {
        h.key(KeyCode::PageDown);
    }
    assert!(
        h.screen().contains("rebuild folds N + 1 events"),
        "{}",
        h.screen()
    );
    assert!(h.screen().contains("KurrentDB."), "{}", h.screen());
    assert!(!h.screen().contains("▼ more"), "{}", h.screen());
    insta::assert_snapshot!("lab_help_end_60x16", h.screen());
}

/// *My progress* at 100 columns: each row shows the item and the outcome
/// first, then where the event sits in the journal.
#[test]
fn my_progress_rows_lead_with_the_item_and_the_outcome() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::with_journal(dir.path(), 100, 30);
    let mine = h.app.catalog.scenarios.len();
    h.key(KeyCode::Char('u'));
    h.key(KeyCode::Char('b')); // the first question's answer is A
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('l'));
    for _ in 0..mine {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('G'));
    let screen = h.screen();
    assert!(
        screen.contains("▶  0 purpose ✗ wrong · try 1 · answer B · progress-"),
        "{screen}"
    );
}

/// Opening a scenario is not practice; the first move records one Replay
/// lab session on the scenario's topic, however many moves follow.
#[test]
fn the_first_move_records_one_lab_session() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = Harness::with_journal(dir.path(), 100, 30);
    open(&mut h, "bank-account");
    let journal = dir.path().join(kata::progress::JOURNAL_FILE);
    let labs = || {
        std::fs::read_to_string(&journal)
            .unwrap_or_default()
            .lines()
            .filter(|l| {
                matches!(kata::progress::parse_line(l.as_bytes()).unwrap().event,
                    kata::progress::Event::SessionStarted { ref mode, ref topic, .. }
                        if mode == "lab" && topic == "event-store")
            })
            .count()
    };
    h.key(KeyCode::Tab);
    assert_eq!(labs(), 0, "opening and looking is not a move");
    h.key(KeyCode::Right);
    h.key(KeyCode::Right);
    h.keys(":5");
    h.key(KeyCode::Enter);
    assert_eq!(labs(), 1);
}
