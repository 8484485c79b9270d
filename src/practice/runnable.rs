//! Runnable exercises, UI-free: the program an exercise completed with some
//! options runs, its limits, and the author's checks (`kata check` runs every
//! runnable item: the answer must pass, each wrong option should fail).
//!
//! The TUI, plain mode and `kata run` all build their runs here.

use super::kata::Runner;
use crate::content::{Diagnostic, Exercise, Place, Related, Rule, RunLimits, Snippet, letter};
use crate::sandbox::{Limits, Outcome, Part, Program, RunError, Sandbox};
use std::time::Duration;

/// The program of `exercise` with each blank filled by the chosen option
/// (an unfilled blank stays empty, and the code will say so when it runs).
pub fn program(exercise: &Exercise, chosen: &[Option<usize>]) -> Option<Program> {
    program_of(exercise, exercise.fill(chosen, |_, text| text.to_string()))
}

/// The program of a typed exercise with each blank holding what was typed.
pub fn typed_program(exercise: &Exercise, typed: &[String]) -> Option<Program> {
    program_of(
        exercise,
        exercise.fill_typed(typed, |_, text| text.to_string()),
    )
}

fn program_of(exercise: &Exercise, code: String) -> Option<Program> {
    let run = exercise.run.as_ref()?;
    Some(Program {
        setup: run.setup.text.clone(),
        code,
        tests: run.tests.iter().map(|t| t.text.clone()).collect(),
    })
}

/// The sandbox limits an author's `[exercise.run]` limits mean.
pub fn limits(limits: &RunLimits) -> Limits {
    Limits {
        time: Duration::from_millis(limits.time_ms),
        memory: limits.memory_mib as usize * 1024 * 1024,
        output: limits.output_kib as usize * 1024,
    }
}

/// Runs `exercise` completed with `chosen`; `None` when it is not runnable.
pub fn run(
    runner: &mut dyn Runner,
    exercise: &Exercise,
    chosen: &[Option<usize>],
) -> Option<Outcome> {
    run_program(runner, exercise, program(exercise, chosen)?)
}

/// Runs a typed exercise with `typed` in its blanks; `None` when it is not runnable.
pub fn run_typed(
    runner: &mut dyn Runner,
    exercise: &Exercise,
    typed: &[String],
) -> Option<Outcome> {
    run_program(runner, exercise, typed_program(exercise, typed)?)
}

fn run_program(runner: &mut dyn Runner, exercise: &Exercise, program: Program) -> Option<Outcome> {
    let run = exercise.run.as_ref()?;
    Some(runner.run(&program, &limits(&run.limits)))
}

/// Runs the completion a try made — its options, or a typed exercise's
/// texts — and gives the program that ran with what it did; `None` when the
/// exercise is not runnable. Both front-ends run a try's code this way.
pub fn run_attempt(
    runner: &mut dyn Runner,
    exercise: &Exercise,
    attempt: &super::Attempt,
) -> Option<(Program, Outcome)> {
    let program = if exercise.is_typed() {
        typed_program(exercise, &attempt.typed)?
    } else {
        let chosen: Vec<Option<usize>> = attempt.chosen.iter().copied().map(Some).collect();
        program(exercise, &chosen)?
    };
    let outcome = run_program(runner, exercise, program.clone())?;
    Some((program, outcome))
}

/// Each blank's first accepted text: the completion a typed exercise's solution shows.
fn typed_answer(exercise: &Exercise) -> Vec<String> {
    (exercise.accept.iter())
        .map(|texts| texts.first().cloned().unwrap_or_default())
        .collect()
}

/// Every problem the runs of `exercise` show an author: the right completion
/// must pass every test and print `output` (errors); a wrong option in any
/// blank should fail at least one test (warnings); a Python syntax error in
/// setup or a test points at its line and column in the file.
pub fn check(sandbox: &mut dyn Runner, exercise: &Exercise) -> Vec<Diagnostic> {
    let Some(run) = exercise.run.as_ref() else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    let right: Vec<Option<usize>> = exercise.answer.iter().copied().map(Some).collect();
    let outcome = if exercise.is_typed() {
        run_typed(sandbox, exercise, &typed_answer(exercise))
    } else {
        self::run(sandbox, exercise, &right)
    };
    let Some(outcome) = outcome else {
        return problems;
    };
    let here = |place: Place| Where {
        path: exercise.origin.path.clone(),
        at: place,
        source_line: run.file_line(place.line).map(str::to_string),
    };
    let run_at = here(run.at);
    if let Some(error) = &outcome.error {
        let at = error_place(exercise, error)
            .map(here)
            .unwrap_or(run_at.clone());
        let (rule, what) = if error.kind == "SyntaxError" {
            (crate::content::rule("K038"), "is not valid Python")
        } else {
            (crate::content::rule("K039"), "stops with an error")
        };
        problems.push(at.diagnostic(
            rule,
            format!("{} {what}: {}", part_name(error.part), error.summary()),
            Some("run it with `kata run TOPIC/ID` to see the whole traceback".into()),
        ));
        return problems;
    }
    for (i, test) in outcome.tests.iter().enumerate() {
        if let Some(error) = test.error.as_ref().filter(|e| e.kind == "SyntaxError") {
            let at = error_place(exercise, error)
                .map(here)
                .unwrap_or(run_at.clone());
            problems.push(at.diagnostic(
                crate::content::rule("K038"),
                format!("test {} is not valid Python: {}", i + 1, error.summary()),
                Some(SYNTAX_HELP.into()),
            ));
        } else if !test.passed {
            let at = run.tests.get(i).and_then(|t| t.lines.first().copied());
            problems.push(at.map(here).unwrap_or(run_at.clone()).diagnostic(
                crate::content::rule("K039"),
                format!(
                    "the answer ({}) fails test {}: {}",
                    answer_words(exercise),
                    i + 1,
                    test.message.as_deref().unwrap_or("it raised")
                ),
                Some(
                    "fix the test or the answer; the right completion must pass every test".into(),
                ),
            ));
        }
    }
    if let Some(expected) = &run.output
        && &outcome.output != expected
    {
        problems.push(run_at.diagnostic(
            crate::content::rule("K039"),
            format!(
                "the answer prints {:?}, but `output` says {:?}",
                outcome.output, expected
            ),
            Some("`output` is the exact stdout of the right completion".into()),
        ));
    }
    if !problems.is_empty() {
        return problems;
    }
    if exercise.is_typed() {
        return check_typed(sandbox, exercise, &run_at);
    }
    // Each wrong option in each blank, the other blanks right.
    for blank in 0..exercise.blanks() {
        for option in 0..exercise.options.len() {
            if option == exercise.answer[blank] {
                continue;
            }
            let mut chosen = right.clone();
            chosen[blank] = Some(option);
            if exercise.fill(&chosen, |_, t| t.to_string()) == exercise.solved_code() {
                continue;
            }
            let Some(wrong) = self::run(sandbox, exercise, &chosen) else {
                continue;
            };
            let output_differs = run.output.as_ref().is_some_and(|o| &wrong.output != o);
            if wrong.passed() && !output_differs {
                problems.push(run_at.diagnostic(
                    crate::content::rule("K040"),
                    format!(
                        "the tests cannot tell option {} in blank {} from the answer",
                        letter(option),
                        blank + 1
                    ),
                    Some("add a test the wrong option fails, or give `output`".into()),
                ));
            }
        }
    }
    problems
}

/// The runs only a typed exercise has, its first accepted texts passing:
/// every other accepted text must pass too (K039: a learner typing it is
/// marked right), and each wrong text the author foresaw in `feedback`
/// should fail in every blank that does not accept it (K040: else a learner
/// typing working code is marked wrong).
fn check_typed(sandbox: &mut dyn Runner, exercise: &Exercise, run_at: &Where) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let right = typed_answer(exercise);
    let passes = |sandbox: &mut dyn Runner, blank: usize, text: &str| {
        let mut typed = right.clone();
        typed[blank] = text.to_string();
        run_typed(sandbox, exercise, &typed).is_some_and(|o| {
            let output = exercise.run.as_ref().and_then(|r| r.output.as_ref());
            o.passed() && output.is_none_or(|expected| &o.output == expected)
        })
    };
    for (blank, texts) in exercise.accept.iter().enumerate() {
        for text in texts.iter().skip(1) {
            if !passes(sandbox, blank, text) {
                problems.push(run_at.diagnostic(
                    crate::content::rule("K039"),
                    format!("`{text}`, accepted in blank {}, fails the tests", blank + 1),
                    Some("take it out of `accept`, or fix the tests it should pass".into()),
                ));
            }
        }
    }
    for wrong in exercise.typed_feedback.keys() {
        for blank in 0..exercise.blanks() {
            // Right in this blank, foreseen as wrong in another one.
            if exercise.typed_right(blank, wrong) {
                continue;
            }
            if passes(sandbox, blank, wrong) {
                problems.push(run_at.diagnostic(
                    crate::content::rule("K040"),
                    format!(
                        "the tests cannot tell `{wrong}` in blank {} from the answer",
                        blank + 1
                    ),
                    Some(format!(
                        "add a test `{wrong}` fails, or accept it in that blank if it is right"
                    )),
                ));
            }
        }
    }
    problems
}

/// Kata's sandbox runs the code of katas and runnable exercises.
impl Runner for Sandbox {
    fn run(&mut self, program: &Program, limits: &Limits) -> Outcome {
        Sandbox::run(self, program, limits)
    }
}

/// The problems running a kata shows its author: the solution must pass
/// every test (K038 when it or setup or a test does not parse, K039 when it
/// fails); the starter should fail one (K049).
pub fn check_kata(runner: &mut dyn Runner, kata: &crate::content::Kata) -> Vec<Diagnostic> {
    let places = &kata.places;
    let here = |place: Place| Where {
        path: kata.origin.path.clone(),
        at: place,
        source_line: places.file_line(place.line).map(str::to_string),
    };
    let header = here(places.at);
    let mut problems = Vec::new();
    let solution = runner.run(
        &super::kata::program(kata, &kata.solution),
        &Limits::default(),
    );
    if let Some(error) = &solution.error {
        let at = place_in(places, error, true)
            .map(here)
            .unwrap_or(header.clone());
        let (code, what) = if error.kind == "SyntaxError" {
            ("K038", "is not valid Python")
        } else {
            ("K039", "stops with an error")
        };
        let part = match error.part {
            Some(Part::Code) => "the solution".to_string(),
            other => part_name(other),
        };
        problems.push(at.diagnostic(
            crate::content::rule(code),
            format!("{part} {what}: {}", error.summary()),
            Some(if code == "K038" {
                SYNTAX_HELP.into()
            } else {
                "run it with `kata run TOPIC/ID` to see the whole traceback".into()
            }),
        ));
        return problems;
    }
    for (i, test) in solution.tests.iter().enumerate() {
        if let Some(error) = test.error.as_ref().filter(|e| e.kind == "SyntaxError") {
            let at = place_in(places, error, true)
                .map(here)
                .unwrap_or(header.clone());
            problems.push(at.diagnostic(
                crate::content::rule("K038"),
                format!("test {} is not valid Python: {}", i + 1, error.summary()),
                Some(SYNTAX_HELP.into()),
            ));
        } else if !test.passed {
            let at = places.tests.get(i).and_then(|t| t.lines.first().copied());
            problems.push(at.map(here).unwrap_or(header.clone()).diagnostic(
                crate::content::rule("K039"),
                format!(
                    "the solution fails test {}: {}",
                    i + 1,
                    test.message.as_deref().unwrap_or("it raised")
                ),
                Some("fix the test or the solution; the solution must pass every test".into()),
            ));
        }
    }
    if problems.is_empty() && !kata.tests.is_empty() {
        let starter = runner.run(
            &super::kata::program(kata, &kata.starter),
            &Limits::default(),
        );
        if starter.passed() {
            problems.push(header.diagnostic(
                crate::content::rule("K049"),
                "the starter passes every test: the kata is solved before the learner writes a line".into(),
                Some("add a test the starter fails".into()),
            ));
        }
    }
    problems
}

/// Every author problem the runnable items of `catalog` show; starts a
/// sandbox only when there is something to run.
pub fn check_catalog(catalog: &crate::content::Catalog) -> Vec<Diagnostic> {
    let runnable: Vec<&Exercise> = catalog
        .topics
        .iter()
        .flat_map(|t| t.exercises.iter())
        .filter(|e| e.run.is_some())
        .collect();
    let katas: Vec<&crate::content::Kata> =
        catalog.topics.iter().flat_map(|t| t.katas.iter()).collect();
    if runnable.is_empty() && katas.is_empty() {
        return Vec::new();
    }
    let command = match crate::sandbox::WorkerCommand::current_exe() {
        Ok(command) => command,
        Err(e) => {
            return vec![Diagnostic::error(
                "K039",
                "kata",
                format!("kata cannot start its sandbox to run the runnable items: {e}"),
            )];
        }
    };
    let mut sandbox = Sandbox::new(command);
    let mut problems: Vec<Diagnostic> = runnable
        .into_iter()
        .flat_map(|e| check(&mut sandbox, e))
        .collect();
    problems.extend(katas.into_iter().flat_map(|k| check_kata(&mut sandbox, k)));
    problems
}

/// The file place of an error in setup, a test, or the code.
fn error_place(exercise: &Exercise, error: &RunError) -> Option<Place> {
    place_in(exercise.run.as_ref()?, error, false)
}

/// The file place of an error in the parts whose places `run` holds; the
/// code's column only when `code_exact` (a kata's solution is written as
/// run; an exercise's blanks shift its columns).
fn place_in(run: &crate::content::Run, error: &RunError, code_exact: bool) -> Option<Place> {
    let (line, column) = (error.line?, error.column.unwrap_or(1));
    let snippet = match error.part? {
        Part::Setup => &run.setup,
        Part::Test(i) => run.tests.get(i)?,
        Part::Code => {
            let code = Snippet {
                text: String::new(),
                lines: run.code_lines.clone(),
            };
            return code.place(line, if code_exact { column } else { 1 });
        }
    };
    snippet.place(line, column)
}

fn part_name(part: Option<Part>) -> String {
    match part {
        Some(Part::Setup) => "`setup`".into(),
        Some(Part::Code) => "the code completed with the answer".into(),
        Some(Part::Test(i)) => format!("test {}", i + 1),
        None => "the run".into(),
    }
}

/// The answer as a message names it: letters, or a typed exercise's texts.
fn answer_words(exercise: &Exercise) -> String {
    if exercise.is_typed() {
        return (typed_answer(exercise).iter())
            .map(|t| format!("`{t}`"))
            .collect::<Vec<_>>()
            .join(", ");
    }
    letters(&exercise.answer)
}

fn letters(answer: &[usize]) -> String {
    answer
        .iter()
        .map(|&i| letter(i).to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Clone)]
struct Where {
    path: String,
    at: Place,
    source_line: Option<String>,
}

impl Where {
    fn diagnostic(&self, rule: Option<&Rule>, message: String, help: Option<String>) -> Diagnostic {
        let rule = rule.expect("the runnable rules are in content::RULES");
        Diagnostic {
            severity: rule.severity,
            code: rule.code,
            path: self.path.clone(),
            at: Some(self.at),
            end: None,
            message,
            help,
            source_line: self.source_line.clone(),
            related: Vec::<Related>::new(),
            fix: None,
        }
    }
}

/// The help of K038: where to see the same error outside kata.
const SYNTAX_HELP: &str =
    "the caret is where Python stopped; `python3 -c` on the same text reports the same error";

/// The id of the lab's scenario holding what the learner's code appended.
pub const YOUR_CODE: &str = "your-code";

/// The events a run appended to its `EventStore`, as a scenario the replay
/// lab opens like any other ("your code's store"). The rules (and key) are
/// those of `like`, the item's own scenario, when it has one; otherwise
/// every event type merges its data into the state.
pub fn code_store_scenario(
    outcome: &Outcome,
    like: Option<&crate::content::Scenario>,
) -> crate::content::Scenario {
    use crate::content::{Origin, RuleAction, Scenario, ScenarioEvent};
    let events: Vec<ScenarioEvent> = outcome
        .events
        .iter()
        .map(|e| ScenarioEvent {
            stream: e.stream.clone(),
            event_type: e.event_type.as_str().to_string(),
            data: e
                .data
                .iter()
                .map(|(k, v)| (k.as_str().to_string(), datum(v)))
                .collect(),
            expected: None,
            writer: None,
        })
        .collect();
    let rules = match like {
        Some(s) => s.rules.clone(),
        None => {
            let mut types: Vec<String> = events.iter().map(|e| e.event_type.clone()).collect();
            types.sort();
            types.dedup();
            types.into_iter().map(|t| (t, RuleAction::Merge)).collect()
        }
    };
    Scenario {
        id: YOUR_CODE.to_string(),
        title: "Your code's store".to_string(),
        about: Some(
            "The events your code appended to its EventStore, in order, replayed like any scenario."
                .to_string(),
        ),
        key: like.and_then(|s| s.key.clone()),
        snapshot_every: 0,
        events,
        rules,
        generate: None,
        origin: Origin {
            path: "your code".to_string(),
            line: 0,
        },
    }
}

fn datum(value: &crate::store::Value) -> crate::content::Datum {
    use crate::content::Datum;
    use crate::store::Value;
    match value {
        Value::Bool(b) => Datum::Bool(*b),
        Value::Int(i) => Datum::Int(*i),
        Value::Float(f) => Datum::Float(*f),
        Value::String(s) => Datum::Text(s.to_string()),
        Value::Array(items) => Datum::List(items.iter().map(datum).collect()),
        Value::Table(t) => Datum::Table(
            t.iter()
                .map(|(k, v)| (k.as_str().to_string(), datum(v)))
                .collect(),
        ),
    }
}
