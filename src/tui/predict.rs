//! Predict mode in the lab: before the next event is applied, the learner
//! picks what it will do (A–D); the lab then applies it and shows the true
//! change with its +/~/− marks. The questions and the score are
//! `replay::prediction`'s; this file keeps the current question between key
//! presses and turns picks into what the learner is told.

use super::action::{Action, Target};
use super::app::{App, Screen, Tone};
use super::lab::{Lab, LabView, Pane, Phase};
use crate::replay::Timeline;
use crate::replay::prediction::{Ask, Predicting};

/// Predict's state while it is on.
pub struct PredictView {
    pub score: Predicting,
    /// The question about the next step; `None` at the end of the log.
    pub ask: Option<Ask>,
    /// Whether the journal has this session's start (written at the first
    /// prediction: opening the panel is not practice yet).
    recorded: bool,
}

impl PredictView {
    fn new(timeline: &Timeline) -> Self {
        let score = Predicting::default();
        let ask = score.question(timeline);
        PredictView {
            score,
            ask,
            recorded: false,
        }
    }

    /// The question again, after the cursor moved.
    pub fn refresh(&mut self, timeline: &Timeline) {
        self.ask = self.score.question(timeline);
    }
}

/// Turns Predict on: its panel shows, with the question about the event
/// after the cursor.
pub fn start(view: &mut LabView) {
    view.predict = Some(PredictView::new(&view.timeline));
    view.pane = Pane::Predict;
}

/// From home: the scenario list, each opening with Predict on.
pub fn open_picker(app: &mut App) {
    super::lab_update::open_picker(app);
    if let Screen::Lab(lab) = &mut app.screen
        && let Phase::Pick { predict, .. } = &mut lab.phase
    {
        *predict = true;
    }
}

/// How many outcomes the current question offers (for option letters).
pub fn option_count(lab: &Lab) -> usize {
    lab.view()
        .and_then(|v| v.predict.as_ref())
        .and_then(|p| p.ask.as_ref())
        .map_or(0, |a| a.outcomes.len())
}

/// Whether the lab is waiting for a prediction.
pub fn asking(view: &LabView) -> bool {
    view.predict.as_ref().is_some_and(|p| p.ask.is_some())
}

/// Predict's part of the lab's `update`: `p` turns it on or off, a letter
/// (or a click on an outcome) answers, and the first answer records the
/// session. False when the action is not Predict's.
pub fn update(app: &mut App, action: Action) -> bool {
    let Screen::Lab(lab) = &mut app.screen else {
        return false;
    };
    let Some(view) = lab.view_mut() else {
        return false;
    };
    let Some((said, tone)) = respond(view, action) else {
        return false;
    };
    let scenario = view.timeline.scenario_id.clone();
    let first = view
        .predict
        .as_mut()
        .filter(|p| p.score.asked > 0 && !p.recorded)
        .map(|p| p.recorded = true)
        .is_some();
    if first
        && let Some(topic) = app.catalog.scenario_topic(&scenario).map(|t| t.id.clone())
        && let Some(learner) = &mut app.learner
        && let Err(message) = learner.start_predict(&topic)
    {
        app.say(message, Tone::Bad);
        return true;
    }
    app.reset_view();
    app.say(said, tone);
    true
}

fn respond(view: &mut LabView, action: Action) -> Option<(String, Tone)> {
    match action {
        Action::TogglePredict if view.predict.is_some() => {
            let score = view.predict.take().map(|p| p.score).unwrap_or_default();
            view.pane = Pane::State;
            Some((
                format!(
                    "Predict is off: {} of {} right. p turns it on again.",
                    score.right, score.asked
                ),
                Tone::Info,
            ))
        }
        Action::TogglePredict => {
            start(view);
            Some((
                "Predict is on: before each event, pick what it will do (A–D).".into(),
                Tone::Info,
            ))
        }
        Action::Choose(picked) | Action::Press(Target::Option(picked)) => {
            let predict = view.predict.as_mut()?;
            let Some(ask) = predict.ask.take() else {
                return Some((
                    "The log is at its end: nothing is left to predict. g goes to the start."
                        .into(),
                    Tone::Info,
                ));
            };
            if picked >= ask.outcomes.len() {
                predict.ask = Some(ask);
                return None;
            }
            let answered = predict.score.answer(&mut view.timeline, &ask, picked);
            predict.refresh(&view.timeline);
            view.pane = Pane::Predict;
            let tally = format!("{} of {} right", predict.score.right, predict.score.asked);
            Some(if answered.right {
                (format!("Right: {} · {tally}", ask.truth), Tone::Good)
            } else {
                (
                    format!("Not that. What it did: {} · {tally}", ask.truth),
                    Tone::Bad,
                )
            })
        }
        _ => None,
    }
}
