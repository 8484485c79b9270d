//! Running the learner's completion of a runnable exercise after a try, for
//! the screen to show (`view::ran`). The run itself is `practice::runnable`.

use super::app::Run;
use crate::content::Item;
use crate::practice::Runner;

/// Runs the last try on item `index` when it is a runnable exercise and
/// keeps the outcome on `run`. Without a runner (screen tests) nothing runs.
pub fn after_try(runner: Option<&mut (dyn Runner + 'static)>, run: &mut Run, index: usize) {
    let Some(runner) = runner else {
        return;
    };
    let Some(Item::Exercise(exercise)) = run.session.items().get(index) else {
        return;
    };
    let Some(attempt) = run.session.states()[index].attempts.last() else {
        return;
    };
    let chosen: Vec<Option<usize>> = attempt.chosen.iter().copied().map(Some).collect();
    run.ran[index] = crate::practice::runnable::run(runner, exercise, &chosen);
}
