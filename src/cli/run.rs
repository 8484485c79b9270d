//! `kata run TOPIC/ITEM`: run a runnable item once and print what happened.
//!
//! Output: the program's stdout, then the error's traceback if it stopped,
//! then one line per test (`✓ test 1`, `✗ test 2: message`). Exit 0 when
//! every test passes, 1 when one fails or the code errors, 2 on usage.

use crate::content::{Catalog, Item, index_of_letter};
use crate::practice::runnable;
use crate::sandbox::{Outcome, Sandbox, WorkerCommand};
use serde_json::json;
use std::io::Write;
use std::process::ExitCode;

/// What to run the item with.
#[derive(Debug, Default)]
pub struct With {
    /// Option letters, one per blank (`"A B"`); an exercise's answer when absent.
    pub answer: Option<String>,
    /// A file with the code to run (a kata's work).
    pub code: Option<std::path::PathBuf>,
    /// Run a kata's own solution.
    pub solution: bool,
}

pub fn run(catalog: &Catalog, target: &str, with: &With, json: bool) -> anyhow::Result<ExitCode> {
    let usage = |message: String| {
        crate::safe_text::note(format_args!("kata: {message}"));
        Ok(ExitCode::from(2))
    };
    let Some((topic_id, item_id)) = target.split_once('/') else {
        return usage(format!(
            "`{target}` is not TOPIC/ITEM, e.g. event-store/append-event"
        ));
    };
    let Some(topic) = catalog.topic(topic_id) else {
        return usage(format!("no topic `{topic_id}`; see `kata list`"));
    };
    let Some(item) = topic.item(item_id) else {
        return usage(format!("topic `{topic_id}` has no item `{item_id}`"));
    };
    if let Item::Kata(kata) = &item {
        let code = match (&with.code, with.solution, &with.answer) {
            (_, _, Some(_)) => {
                return usage(format!(
                    "`{target}` is a kata: give --code FILE or --solution, not --answer"
                ));
            }
            (Some(file), _, _) => match std::fs::read(file) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(code) => code,
                    Err(_) => {
                        return usage(format!("{} is not UTF-8 text", file.display()));
                    }
                },
                Err(e) => return usage(format!("cannot read {}: {e}", file.display())),
            },
            (None, true, _) => kata.solution.clone(),
            (None, false, _) => {
                return usage(format!(
                    "`{target}` is a kata: give the code to run with --code FILE, or --solution"
                ));
            }
        };
        let mut sandbox = Sandbox::new(WorkerCommand::current_exe()?);
        let outcome = sandbox.run(
            &crate::practice::program(kata, &code),
            &crate::sandbox::Limits::default(),
        );
        return print(&outcome, json);
    }
    let Item::Exercise(exercise) = &item else {
        return usage(format!(
            "`{target}` is a {}: only runnable exercises and katas run",
            item.kind().to_lowercase()
        ));
    };
    if exercise.run.is_none() {
        return usage(format!(
            "`{target}` has no `[exercise.run]` table: it does not run"
        ));
    }
    if with.code.is_some() || with.solution {
        return usage(format!(
            "`{target}` is an exercise: give option letters with --answer, not --code or --solution"
        ));
    }
    let chosen = match &with.answer {
        None => exercise.answer.iter().copied().map(Some).collect(),
        Some(letters) => match parse_letters(letters, exercise.blanks(), exercise.options.len()) {
            Ok(chosen) => chosen,
            Err(message) => return usage(message),
        },
    };
    let mut sandbox = Sandbox::new(WorkerCommand::current_exe()?);
    let outcome = runnable::run(&mut sandbox, exercise, &chosen).expect("checked runnable above");
    print(&outcome, json)
}

/// Prints the outcome and gives the exit code: 0 when every test passed.
fn print(outcome: &Outcome, json: bool) -> anyhow::Result<ExitCode> {
    let text = if json {
        to_json(outcome)
    } else {
        crate::plain::outcome_text(outcome)
    };
    // The program's output is the learner's (or an author's): it is escaped
    // on its way out like any third-party text. A closed pipe ends quietly
    // in `cli::main`.
    let mut stdout = if json {
        super::output::json_stdout()
    } else {
        super::output::stdout()
    };
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(if outcome.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `"A B"`, `"AB"` or `"a,b"`: one letter per blank, each naming an option.
fn parse_letters(text: &str, blanks: usize, options: usize) -> Result<Vec<Option<usize>>, String> {
    let mut chosen = Vec::new();
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != ',') {
        match index_of_letter(c) {
            Some(i) if i < options => chosen.push(Some(i)),
            _ => {
                return Err(format!(
                    "`{c}` names no option: give letters A to {}",
                    crate::content::letter(options.saturating_sub(1))
                ));
            }
        }
    }
    if chosen.len() != blanks {
        return Err(format!(
            "--answer gives {} letter{} for {blanks} blank{}",
            chosen.len(),
            if chosen.len() == 1 { "" } else { "s" },
            if blanks == 1 { "" } else { "s" }
        ));
    }
    Ok(chosen)
}

/// `{"output", "tests": [{"passed", "message"}], "error": null | {"type", "message", "line", …}}`.
pub fn to_json(outcome: &Outcome) -> String {
    let tests: Vec<_> = outcome
        .tests
        .iter()
        .map(|t| json!({"passed": t.passed, "message": t.message}))
        .collect();
    let error = outcome.error.as_ref().map(|e| {
        json!({
            "type": e.kind,
            "message": e.message,
            "line": e.line,
            "column": e.column,
            "part": e.part.map(|p| p.to_string()),
            "traceback": e.traceback,
        })
    });
    let mut text = json!({
        "output": outcome.output,
        "tests": tests,
        "error": error,
        "events": outcome.events,
    })
    .to_string();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::parse_letters;

    #[test]
    fn answers_are_letters_one_per_blank() {
        assert_eq!(parse_letters("A B", 2, 4), Ok(vec![Some(0), Some(1)]));
        assert_eq!(parse_letters("ab", 2, 4), Ok(vec![Some(0), Some(1)]));
        assert!(
            parse_letters("A", 2, 4)
                .unwrap_err()
                .contains("1 letter for 2 blanks")
        );
        assert!(
            parse_letters("E", 1, 4)
                .unwrap_err()
                .contains("names no option")
        );
    }
}
