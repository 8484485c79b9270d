//! Running the learner's completion of a runnable exercise after a try, for
//! the screen to show (`view::ran`). The run itself is `practice::runnable`.

use super::app::Run;
use super::learner::Learner;
use crate::content::Item;
use crate::practice::Runner;

/// Runs the last try on item `index` when it is a runnable exercise, records
/// the run (before the screen shows it) and keeps the outcome on `run`.
/// Without a runner (screen tests) nothing runs. `Err` is the message for the
/// learner when the run could not be saved.
pub fn after_try(
    runner: Option<&mut (dyn Runner + 'static)>,
    learner: Option<&mut Learner>,
    run: &mut Run,
    index: usize,
) -> Result<(), String> {
    let Some(runner) = runner else {
        return Ok(());
    };
    let Some(Item::Exercise(exercise)) = run.session.items().get(index) else {
        return Ok(());
    };
    let Some(attempt) = run.session.states()[index].attempts.last() else {
        return Ok(());
    };
    let ran = crate::practice::runnable::run_attempt(runner, exercise, attempt);
    let saved = match (&ran, learner) {
        (Some((program, outcome)), Some(learner)) => {
            run.record
                .exercise_ran(learner, &run.session, index, &program.code, outcome)
        }
        _ => Ok(()),
    };
    let outcome = ran.map(|(_, outcome)| outcome);
    run.ran[index] = outcome;
    saved
}
