//! The kata rules, without a sandbox: a scripted runner stands in for Python
//! so each rule (edit, run, pass, give up, hint, scoring, recording) is seen
//! on its own. The real sandbox runs katas in `tests/kata_run.rs`.

use kata::content::{Difficulty, Item, Kata};
use kata::practice::{
    Limits, Mode, Outcome, Program, RunError, RunOutcome, Runner, Session, TestResult,
};
use kata::progress::{Event, Progress, Recorded, Recorder};

/// Passes every test when the code holds `return 2 * x`; otherwise the first
/// test fails, and code holding `oops` raises a NameError instead.
#[derive(Default)]
struct Scripted {
    programs: Vec<Program>,
}

impl Runner for Scripted {
    fn run(&mut self, program: &Program, _: &Limits) -> RunOutcome {
        self.programs.push(program.clone());
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
                ..RunOutcome::default()
            };
        }
        let right = program.code.contains("return 2 * x");
        let tests = (0..program.tests.len())
            .map(|i| TestResult {
                passed: right || i > 0,
                message: (!right && i == 0).then(|| "double(2) is None".to_string()),
                error: None,
            })
            .collect();
        RunOutcome {
            output: "ran\n".into(),
            tests,
            ..RunOutcome::default()
        }
    }
}

fn double() -> Kata {
    Kata {
        id: "double".into(),
        difficulty: Difficulty::Medium,
        prompt: "Write double(x).".into(),
        setup: "base = 1\n".into(),
        starter: "def double(x):\n    pass\n".into(),
        solution: "def double(x):\n    return 2 * x\n".into(),
        tests: vec![
            "assert double(2) == 4".into(),
            "assert double(0) == 0".into(),
        ],
        hint: "Multiply.".into(),
        ..Kata::default()
    }
}

fn session() -> Session {
    Session::new(Mode::Practice, vec![Item::Kata(double())])
}

const RIGHT: &str = "def double(x):\n    return 2 * x\n";

#[test]
fn the_starter_is_the_code_until_the_learner_edits_it() {
    let mut s = session();
    assert_eq!(s.current_state().code, double().starter);
    s.edit_code("def double(x):\n    return x\n").unwrap();
    assert_eq!(s.current_state().code, "def double(x):\n    return x\n");
}

#[test]
fn a_run_executes_setup_code_and_tests_and_a_failing_run_is_free() {
    let mut s = session();
    let mut runner = Scripted::default();
    let run = s.run_kata(&mut runner, &Limits::default()).unwrap();
    assert_eq!(
        runner.programs[0],
        Program {
            setup: "base = 1\n".into(),
            code: double().starter,
            tests: double().tests,
        }
    );
    assert_eq!((run.passed, run.total, run.all_passed), (1, 2, false));
    assert!(!run.solved_now);
    assert_eq!(
        s.current_state().outcome,
        Outcome::Open,
        "runs are not tries"
    );
    assert_eq!(s.current_state().runs, 1);
    assert_eq!(s.attempts_left(0), 1, "still open after any number of runs");
}

#[test]
fn the_run_that_passes_every_test_solves_it_for_full_points() {
    let mut s = session();
    let mut runner = Scripted::default();
    s.run_kata(&mut runner, &Limits::default()).unwrap();
    s.edit_code(RIGHT).unwrap();
    let run = s.run_kata(&mut runner, &Limits::default()).unwrap();
    assert!(run.all_passed && run.solved_now);
    assert_eq!(s.current_state().outcome, Outcome::Solved { on_try: 1 });
    assert_eq!(
        s.points(0),
        2.0,
        "a medium kata weighs 2, however many runs"
    );
    assert!(s.may_reveal(0), "the solution is shown once solved");
    // Later runs change nothing: solved stays solved, even with broken code.
    s.edit_code("oops\n").unwrap();
    let after = s.run_kata(&mut runner, &Limits::default()).unwrap();
    assert!(!after.solved_now && !after.all_passed);
    assert_eq!(s.current_state().outcome, Outcome::Solved { on_try: 1 });
}

#[test]
fn an_error_is_never_a_pass_and_costs_nothing() {
    let mut s = session();
    s.edit_code("oops\n").unwrap();
    let run = s
        .run_kata(&mut Scripted::default(), &Limits::default())
        .unwrap();
    assert_eq!(run.outcome.error.as_ref().unwrap().kind, "NameError");
    assert!(!run.all_passed);
    assert_eq!(s.current_state().outcome, Outcome::Open);
}

#[test]
fn a_runner_that_reports_fewer_results_than_tests_does_not_solve() {
    struct Silent;
    impl Runner for Silent {
        fn run(&mut self, _: &Program, _: &Limits) -> RunOutcome {
            RunOutcome::default()
        }
    }
    let mut s = session();
    let run = s.run_kata(&mut Silent, &Limits::default()).unwrap();
    assert!(!run.all_passed, "no results for two tests is not a pass");
    assert_eq!(s.current_state().outcome, Outcome::Open);
}

#[test]
fn a_shown_hint_halves_the_points() {
    let mut s = session();
    assert_eq!(s.show_hint(), Some("Multiply."));
    s.edit_code(RIGHT).unwrap();
    s.run_kata(&mut Scripted::default(), &Limits::default())
        .unwrap();
    assert_eq!(s.points(0), 1.0);
}

#[test]
fn giving_up_ends_it_unsolved_and_shows_the_solution() {
    let mut s = session();
    assert!(!s.may_reveal(0));
    s.give_up().unwrap();
    assert_eq!(s.current_state().outcome, Outcome::Failed);
    assert!(s.may_reveal(0));
    assert_eq!(s.points(0), 0.0);
    assert!(s.is_over());
    assert!(
        s.give_up().is_err(),
        "a finished kata cannot be given up again"
    );
    // Running after giving up shows the code's result but earns nothing.
    s.edit_code(RIGHT).unwrap();
    let run = s
        .run_kata(&mut Scripted::default(), &Limits::default())
        .unwrap();
    assert!(run.all_passed && !run.solved_now);
    assert_eq!(s.points(0), 0.0);
}

#[test]
fn a_kata_has_no_letters_to_submit() {
    let mut s = session();
    assert!(s.submit().is_err());
    assert!(s.answer(&[]).is_err());
    assert_eq!(s.current_state().outcome, Outcome::Open);
}

#[test]
fn runs_go_to_the_journal_and_count_in_the_progress() {
    let mut s = session();
    let mut runner = Scripted::default();
    let mut clock = 0;
    let mut recorder = Recorder::start_with_clock(
        Vec::<Recorded>::new(),
        "t",
        &s,
        Box::new(move || {
            clock += 1;
            clock
        }),
    )
    .unwrap();
    let first = s.run_kata(&mut runner, &Limits::default()).unwrap();
    recorder.kata_ran(&s, 0, &first).unwrap();
    s.edit_code(RIGHT).unwrap();
    let second = s.run_kata(&mut runner, &Limits::default()).unwrap();
    recorder.kata_ran(&s, 0, &second).unwrap();
    let events = recorder.into_sink();
    let runs: Vec<(u32, u32, bool, f64, u32)> = events
        .iter()
        .filter_map(|r| match &r.event {
            Event::CodeRun {
                kind,
                passed,
                tests,
                solved,
                points,
                run,
                code_hash,
                ..
            } => {
                assert_eq!(kind, "kata");
                assert_eq!(code_hash.len(), 16);
                Some((*passed, *tests, *solved, *points, *run))
            }
            _ => None,
        })
        .collect();
    assert_eq!(runs, [(1, 2, false, 0.0, 1), (2, 2, true, 2.0, 2)]);
    // Every line reads back, and the fold sees a solved kata.
    for r in &events {
        assert_eq!(
            &kata::progress::parse_line(r.to_line().trim_end().as_bytes()).unwrap(),
            r
        );
    }
    let progress = Progress::from_events(0, &events);
    let item = progress.item("t", "double").unwrap();
    assert_eq!(item.last_correct, Some(true));
    assert_eq!(item.tries, 2);
    // The attempts export lists each run of a kata.
    let rows = kata::progress::attempts(&events, None);
    assert_eq!(rows.len(), 2);
    assert!(rows[1].correct && rows[1].answer.ends_with("2/2 tests"));
}

#[test]
fn a_journal_written_before_katas_still_loads() {
    let old = br#"{"v":1,"at":1,"type":"SessionStarted","session":1,"topic":"t","mode":"practice"}
{"v":1,"at":2,"type":"AnswerSubmitted","session":1,"topic":"t","item":"i","hash":"h","chosen":[0],"try":1,"correct":true,"points":1}
"#;
    let loaded = kata::progress::load_bytes(old);
    assert_eq!(loaded.events.len(), 2);
    assert!(loaded.problems.is_empty());
}
