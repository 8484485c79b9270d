//! Running the learner's completion of a runnable exercise after a try, for
//! the screen to show (`view::ran`). The run itself is `practice::runnable`.

use super::app::Run;
use crate::content::Item;
use crate::sandbox::{Outcome, Sandbox, WorkerCommand};

/// Runs the last try on item `index` when it is a runnable exercise and
/// keeps the outcome on `run`; a sandbox that cannot start is the outcome's error.
pub fn after_try(sandbox: &mut Option<Sandbox>, run: &mut Run, index: usize) {
    let Some(Item::Exercise(exercise)) = run.session.items().get(index) else {
        return;
    };
    if exercise.run.is_none() {
        return;
    }
    let Some(attempt) = run.session.states()[index].attempts.last() else {
        return;
    };
    let chosen: Vec<Option<usize>> = attempt.chosen.iter().copied().map(Some).collect();
    if sandbox.is_none() {
        match WorkerCommand::current_exe() {
            Ok(command) => *sandbox = Some(Sandbox::new(command)),
            Err(e) => {
                run.ran[index] = Some(Outcome {
                    error: Some(crate::sandbox::RunError::limit(
                        "Crashed",
                        format!("kata could not start its sandbox: {e}"),
                    )),
                    ..Outcome::default()
                });
                return;
            }
        }
    }
    let sandbox = sandbox.as_mut().expect("started above");
    run.ran[index] = crate::practice::runnable::run(sandbox, exercise, &chosen);
}
