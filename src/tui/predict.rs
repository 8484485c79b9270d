//! Predict mode in the lab: before the next event is applied, the learner
//! picks what it will do (A–D); the lab then applies it and shows the true
//! change with its +/~/− marks. The questions and the score are
//! `replay::prediction`'s; this file keeps the current question between key
//! presses and turns picks into what the learner is told.

use super::action::{Action, Target};
use super::app::{App, Screen, Tone};
use super::lab::{Lab, LabView, Pane, Phase};
use super::learner::Entry;
use crate::progress::Recorder;
use crate::replay::Timeline;
use crate::replay::prediction::{Ask, Predicting};

/// Predict's state while it is on.
pub struct PredictView {
    pub score: Predicting,
    /// The question about the next step; `None` at the end of the log.
    pub ask: Option<Ask>,
    /// This session's recorder, opened at the first prediction (opening
    /// the panel is not practice yet); `None` before it, and for a scenario
    /// of no topic (the learner's own journal), practised unrecorded.
    recorder: Option<Recorder<Entry>>,
}

impl PredictView {
    fn new(timeline: &Timeline) -> Self {
        let score = Predicting::default();
        let ask = score.question(timeline);
        PredictView {
            score,
            ask,
            recorder: None,
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
/// (or a click on an outcome) answers, and each answer is recorded (the
/// first one with the session's start). False when the action is not Predict's.
pub fn update(app: &mut App, action: Action) -> bool {
    let Screen::Lab(lab) = &mut app.screen else {
        return false;
    };
    let Some(view) = lab.view_mut() else {
        return false;
    };
    let Some(Said {
        text,
        tone,
        answered,
    }) = respond(view, action)
    else {
        return false;
    };
    let scenario = view.timeline.scenario_id.clone();
    if let Some((ask, picked)) = answered
        && let Some(predict) = view.predict.as_mut()
        && let Some(learner) = &mut app.learner
    {
        let topic = app.catalog.scenario_topic(&scenario).map(|t| t.id.clone());
        let written = match (&mut predict.recorder, topic) {
            (Some(recorder), _) => learner.predicted(recorder, &scenario, &ask, picked),
            (None, Some(topic)) => learner.start_predict(&topic).and_then(|mut recorder| {
                let written = learner.predicted(&mut recorder, &scenario, &ask, picked);
                predict.recorder = Some(recorder);
                written
            }),
            (None, None) => Ok(()),
        };
        if let Err(message) = written {
            app.say(message, Tone::Bad);
            return true;
        }
    }
    app.reset_view();
    app.say(text, tone);
    true
}

/// What Predict tells the learner after an action, and the question
/// answered by it with the outcome picked, if it answered one.
struct Said {
    text: String,
    tone: Tone,
    answered: Option<(Ask, usize)>,
}

impl Said {
    fn info(text: impl Into<String>) -> Self {
        Said {
            text: text.into(),
            tone: Tone::Info,
            answered: None,
        }
    }
}

fn respond(view: &mut LabView, action: Action) -> Option<Said> {
    match action {
        Action::TogglePredict if view.predict.is_some() => {
            let score = view.predict.take().map(|p| p.score).unwrap_or_default();
            view.pane = Pane::State;
            Some(Said::info(format!(
                "Predict is off: {} of {} right. p turns it on again.",
                score.right, score.asked
            )))
        }
        Action::TogglePredict => {
            start(view);
            Some(Said::info(
                "Predict is on: before each event, pick what it will do (A–D).",
            ))
        }
        Action::Choose(picked) | Action::Press(Target::Option(picked)) => {
            let predict = view.predict.as_mut()?;
            let Some(ask) = predict.ask.take() else {
                return Some(Said::info(
                    "The log is at its end: nothing is left to predict. g goes to the start.",
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
            let (text, tone) = if answered.right {
                (format!("Right: {} · {tally}", ask.truth), Tone::Good)
            } else {
                (
                    format!("Not that. What it did: {} · {tally}", ask.truth),
                    Tone::Bad,
                )
            };
            Some(Said {
                text,
                tone,
                answered: Some((ask, picked)),
            })
        }
        _ => None,
    }
}
