//! How actions change the replay lab: the lab's part of `update`.

use super::action::{Action, Target};
use super::app::{App, Screen, Tone};
use super::keymap::Context;
use super::lab::{Lab, Phase, SPEEDS};
use crate::content::Item;
use std::time::Instant;

pub fn context(lab: &Lab) -> Context {
    match &lab.phase {
        Phase::Pick { .. } => Context::LabPicker,
        Phase::Ready(view) if view.goto.is_some() => Context::LabGoto,
        Phase::Ready(view) if super::predict::asking(view) => Context::LabPredict,
        _ => Context::Lab,
    }
}

/// The picker's extra row after the catalog's scenarios: the learner's own
/// journal ("My progress"), when there is a journal on disk.
pub fn my_progress_row(app: &App) -> Option<usize> {
    let has_journal = app.learner.as_ref().is_some_and(|l| l.has_journal());
    has_journal.then_some(app.catalog.scenarios.len())
}

/// From home: the list of scenarios.
pub fn open_picker(app: &mut App) {
    if app.catalog.scenarios.is_empty() {
        app.say("No replay scenario is loaded.", Tone::Bad);
        return;
    }
    let back = std::mem::replace(&mut app.screen, Screen::Home);
    app.screen = Screen::Lab(Box::new(Lab::pick(Some(Box::new(back)))));
    app.reset_view();
}

/// `r` on a question or exercise with `replay`, once it has been tried: the
/// lab on its scenario, with the exercise's effect bound to the learner's
/// last try.
pub fn open_from_item(app: &mut App) {
    let Screen::Run(run) = &app.screen else {
        return;
    };
    let item = run.session.current();
    // After a run that wrote to its EventStore: the lab on the store the code wrote.
    if let Some(outcome) = run.ran.get(run.session.index()).and_then(Option::as_ref)
        && !outcome.events.is_empty()
    {
        let like = item.replay().and_then(|id| app.catalog.scenario(id));
        let scenario = crate::practice::runnable::code_store_scenario(outcome, like);
        // A run's store is bounded by the sandbox's memory limit, but it is
        // checked against the lab's budget like any scenario.
        let phase = match Lab::open_scenario(scenario, None) {
            Ok(phase) => phase,
            Err(refused) => {
                app.say(refused.to_string(), Tone::Bad);
                return;
            }
        };
        let back = std::mem::replace(&mut app.screen, Screen::Home);
        app.screen = Screen::Lab(Box::new(Lab {
            phase,
            back: Some(Box::new(back)),
        }));
        app.reset_view();
        return;
    }
    let Some(id) = item.replay().map(str::to_string) else {
        app.say("This item has no replay scenario.", Tone::Info);
        return;
    };
    let state = run.session.current_state();
    let Some(last) = state.attempts.last() else {
        app.say("Answer first, then press r to replay.", Tone::Info);
        return;
    };
    if run.mode().is_scored() && !run.session.is_over() {
        app.say("The replay lab opens after the test.", Tone::Info);
        return;
    }
    let effect = match item {
        Item::Exercise(exercise) => exercise.effect.as_ref().map(|effect| {
            let chosen: Vec<&str> = last
                .chosen
                .iter()
                .map(|&o| exercise.options.get(o).map_or("", String::as_str))
                .collect();
            effect.bind(&chosen)
        }),
        Item::Question(_) | Item::Kata(_) => None,
    };
    let phase = match Lab::open(&app.catalog, &id, effect.as_ref()) {
        Some(Ok(phase)) => phase,
        Some(Err(refused)) => {
            app.say(refused.to_string(), Tone::Bad);
            return;
        }
        None => {
            app.say(format!("Scenario `{id}` is not loaded."), Tone::Bad);
            return;
        }
    };
    let back = std::mem::replace(&mut app.screen, Screen::Home);
    app.screen = Screen::Lab(Box::new(Lab {
        phase,
        back: Some(Box::new(back)),
    }));
    app.reset_view();
}

/// The learner's first move in a scenario records a Replay lab session on
/// its topic; the learner's own journal, of no topic, is looked at unrecorded.
fn record_session(app: &mut App) {
    let Screen::Lab(lab) = &mut app.screen else {
        return;
    };
    let Some(view) = lab.view_mut().filter(|v| !v.recorded) else {
        return;
    };
    view.recorded = true;
    let scenario = view.timeline.scenario_id.clone();
    if let Some(topic) = app.catalog.scenario_topic(&scenario).map(|t| t.id.clone())
        && let Some(learner) = &mut app.learner
        && let Err(message) = learner.start_lab(&topic)
    {
        app.say(message, Tone::Bad);
    }
}

fn leave(app: &mut App) {
    let screen = std::mem::replace(&mut app.screen, Screen::Home);
    if let Screen::Lab(lab) = screen {
        lab.cancel();
        app.screen = lab.back.map_or(Screen::Home, |b| *b);
    }
    app.reset_view();
}

pub fn update(app: &mut App, action: Action) {
    let scenarios = app.catalog.scenarios.len() + usize::from(my_progress_row(app).is_some());
    let my_progress = my_progress_row(app);
    let Screen::Lab(lab) = &mut app.screen else {
        return;
    };
    match &mut lab.phase {
        Phase::Pick { cursor, predict } => match action {
            Action::Back => leave(app),
            Action::Up => *cursor = cursor.saturating_sub(1),
            Action::Down => *cursor = (*cursor + 1).min(scenarios.saturating_sub(1)),
            Action::Confirm | Action::Press(Target::Scenario(_)) => {
                let index = match action {
                    Action::Press(Target::Scenario(i)) => i,
                    _ => *cursor,
                };
                *cursor = index;
                let predict = *predict;
                let opened = if Some(index) == my_progress {
                    let journal = app.learner.as_ref().map(|l| l.journal_scenario());
                    match journal {
                        Some(Ok(scenario)) => Some(Lab::open_scenario(scenario, None)),
                        Some(Err(why)) => {
                            app.say(why, Tone::Info);
                            None
                        }
                        None => None,
                    }
                } else {
                    let Some(id) = app.catalog.scenarios.get(index).map(|s| s.id.clone()) else {
                        return;
                    };
                    Lab::open(&app.catalog, &id, None)
                };
                // Refused before anything is built: the list stays, with why.
                let phase = match opened {
                    Some(Err(refused)) => {
                        app.say(refused.to_string(), Tone::Bad);
                        None
                    }
                    Some(Ok(phase)) => Some(phase),
                    None => None,
                };
                if let Some(mut phase) = phase {
                    match &mut phase {
                        Phase::Ready(view) if predict => super::predict::start(view),
                        Phase::Building(building) => building.predict = predict,
                        _ => {}
                    }
                    // Esc from the scenario comes back to this list.
                    let Screen::Lab(lab) = &mut app.screen else {
                        return;
                    };
                    let list = Lab {
                        phase: std::mem::replace(&mut lab.phase, phase),
                        back: lab.back.take(),
                    };
                    lab.back = Some(Box::new(Screen::Lab(Box::new(list))));
                }
            }
            _ => {}
        },
        Phase::Building(_) => {
            if action == Action::Back {
                leave(app);
            }
        }
        Phase::Ready(view) => {
            let now = Instant::now();
            if let Some(typed) = &mut view.goto {
                match action {
                    Action::Digit(d) if typed.len() < 9 => typed.push((b'0' + d) as char),
                    Action::Clear => {
                        typed.pop();
                    }
                    Action::Back => view.goto = None,
                    Action::Confirm => {
                        let position = typed.parse::<u64>().ok();
                        view.goto = None;
                        let said = position.and_then(|n| {
                            crate::replay::telling::go_to_position(&mut view.timeline, n)
                        });
                        if position.is_some() {
                            record_session(app);
                        }
                        app.reset_view();
                        if let Some(said) = said {
                            app.say(said, Tone::Info);
                        }
                    }
                    _ => {}
                }
                return;
            }
            if super::predict::update(app, action) {
                return;
            }
            let Screen::Lab(lab) = &mut app.screen else {
                return;
            };
            let Some(view) = lab.view_mut() else {
                return;
            };
            let t = &mut view.timeline;
            let mut said = None;
            match action {
                Action::Back => return leave(app),
                Action::StepForward => {
                    if !t.step_forward() {
                        said = Some(crate::replay::telling::AT_END.to_string());
                    }
                }
                Action::StepBack => {
                    if !t.step_back() {
                        said = Some(crate::replay::telling::AT_START.to_string());
                    }
                }
                Action::JumpStart => t.go_to(0),
                Action::JumpEnd => t.go_to(t.len()),
                Action::PlayPause => said = view.toggle_play(now),
                Action::Slower => view.speed = view.speed.saturating_sub(1),
                Action::Faster => view.speed = (view.speed + 1).min(SPEEDS.len() - 1),
                Action::GoToPrompt => view.goto = Some(String::new()),
                Action::SnapshotLesson => view.measure_snapshots(),
                Action::EditLesson => view.try_edit(),
                Action::NextPane => view.next_pane(),
                _ => return,
            }
            // A move by hand skips the question it passes: ask about the new next step.
            if let Some(predict) = &mut view.predict {
                predict.refresh(&view.timeline);
            }
            let moved = matches!(
                action,
                Action::StepForward
                    | Action::StepBack
                    | Action::JumpStart
                    | Action::JumpEnd
                    | Action::PlayPause
            );
            if moved {
                record_session(app);
            }
            // The panel follows the cursor again after a move or a new panel.
            if !matches!(action, Action::Slower | Action::Faster) {
                app.reset_view();
            }
            if let Some(said) = said {
                app.say(said, Tone::Info);
            }
        }
    }
}
