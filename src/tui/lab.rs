//! The replay lab's screen state: choosing a scenario, building it (big ones
//! on a background thread), and the cursor, playback and lessons on top of a
//! `replay::Timeline`. Every rule of replay lives in `replay`; this file only
//! keeps what the screen needs between key presses.

use crate::content::{Catalog, Effect, OverBudget, Scenario};
use crate::replay::{Progress, SnapshotComparison, Timeline, WhatIf, effect};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

/// Scenarios up to this many events build at once; bigger ones on a thread.
pub const BUILD_INLINE_UP_TO: u64 = 20_000;

/// An environment variable naming a file: while it does not exist, a
/// background build waits (at most two minutes). For tests of the real
/// binary, which must see the lab answer keys while a build is under way.
pub const BUILD_GATE: &str = "KATA_TEST_BUILD_GATE";

/// Playback speeds in events per second.
pub const SPEEDS: [u64; 8] = [1, 2, 5, 10, 100, 1_000, 10_000, 100_000];

/// How often playback redraws at most (about 30 frames a second).
const FRAME: Duration = Duration::from_millis(33);

/// How often the screen looks at a background build's progress.
const POLL: Duration = Duration::from_millis(50);

pub struct Lab {
    pub phase: Phase,
    /// The screen Esc returns to.
    pub back: Option<Box<super::app::Screen>>,
}

pub enum Phase {
    /// Choosing a scenario (from home).
    Pick {
        cursor: usize,
        /// Opened from home's Predict row: the chosen scenario opens with
        /// Predict on.
        predict: bool,
    },
    Building(Building),
    Ready(Box<LabView>),
}

pub struct Building {
    pub scenario_id: String,
    pub title: String,
    pub progress: Arc<Progress>,
    pub started: Instant,
    done: Receiver<Timeline>,
    effect: Option<effect::Outcome>,
    /// Predict goes on once the timeline is built.
    pub predict: bool,
}

/// What the right-hand panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    State,
    Snapshots,
    Immutability,
    Effect,
    /// Predict mode: the question about the next event, and the score.
    Predict,
}

pub struct LabView {
    pub timeline: Timeline,
    pub pane: Pane,
    pub playing: bool,
    /// Index into `SPEEDS`.
    pub speed: usize,
    pub next_step: Option<Instant>,
    /// The position being typed after `:`.
    pub goto: Option<String>,
    pub comparison: Option<SnapshotComparison>,
    pub what_if: Option<WhatIf>,
    pub effect: Option<effect::Outcome>,
    /// Predict mode, while it is on (see `tui::predict`).
    pub predict: Option<super::predict::PredictView>,
    /// Whether the journal has this lab session's start, written at the
    /// learner's first move (opening a scenario is not practice yet).
    pub recorded: bool,
}

impl LabView {
    fn new(timeline: Timeline, effect: Option<effect::Outcome>) -> Self {
        LabView {
            timeline,
            // The state first, even when opened from a task: the footer and
            // the note say Tab shows what the learner's code did.
            pane: Pane::State,
            playing: false,
            speed: 1,
            next_step: None,
            goto: None,
            comparison: None,
            what_if: None,
            effect,
            predict: None,
            recorded: false,
        }
    }

    fn interval(&self) -> Duration {
        Duration::from_secs_f64(1.0 / SPEEDS[self.speed] as f64).max(FRAME)
    }

    /// Events one playback tick moves.
    fn events_per_tick(&self) -> u64 {
        ((SPEEDS[self.speed] as f64 * self.interval().as_secs_f64()).round() as u64).max(1)
    }

    /// Play or pause; at the end of the log, playing starts again from the
    /// start. Returns what the learner should be told, if anything.
    pub fn toggle_play(&mut self, now: Instant) -> Option<String> {
        let mut said = None;
        if !self.playing && self.timeline.cursor() >= self.timeline.len() {
            self.timeline.go_to(0);
            said = Some("At the end of the log: playing again from the start.".to_string());
        }
        self.playing = !self.playing;
        self.next_step = self.playing.then(|| now + self.interval());
        said
    }

    /// Playback: move on when the next step is due.
    pub fn tick(&mut self, now: Instant) {
        let Some(due) = self.next_step else { return };
        if now < due {
            return;
        }
        let to = self.timeline.cursor() + self.events_per_tick();
        self.timeline.go_to(to);
        // Playing past questions skips them: ask about the new next step.
        if let Some(predict) = &mut self.predict {
            predict.refresh(&self.timeline);
        }
        if self.timeline.cursor() >= self.timeline.len() {
            self.playing = false;
            self.next_step = None;
        } else {
            self.next_step = Some(now + self.interval());
        }
    }

    /// Measures the snapshot lesson at the cursor (live timings).
    pub fn measure_snapshots(&mut self) {
        let at = self.timeline.cursor().max(1).min(self.timeline.len());
        self.comparison = Some(self.timeline.compare_snapshot_replay(at));
        self.pane = Pane::Snapshots;
    }

    /// Tries to edit the current event (or the first) and shows the what-if.
    pub fn try_edit(&mut self) {
        let position = self.timeline.cursor().saturating_sub(1);
        self.what_if = self.timeline.what_if_edited(position);
        self.pane = Pane::Immutability;
    }

    pub fn next_pane(&mut self) {
        let order = [
            Pane::Predict,
            Pane::State,
            Pane::Snapshots,
            Pane::Immutability,
            Pane::Effect,
        ];
        let at = order.iter().position(|p| *p == self.pane).unwrap_or(0);
        for k in 1..=order.len() {
            let pane = order[(at + k) % order.len()];
            if (pane == Pane::Effect && self.effect.is_none())
                || (pane == Pane::Predict && self.predict.is_none())
            {
                continue;
            }
            self.pane = pane;
            match pane {
                Pane::Snapshots => self.measure_snapshots(),
                Pane::Immutability if self.what_if.is_none() => self.try_edit(),
                _ => {}
            }
            return;
        }
    }
}

impl Lab {
    /// The scenario picker.
    pub fn pick(back: Option<Box<super::app::Screen>>) -> Self {
        Lab {
            phase: Phase::Pick {
                cursor: 0,
                predict: false,
            },
            back,
        }
    }

    /// Starts building `id`; small scenarios are ready at once. `effect` is an
    /// exercise's effect, already bound to the learner's options. `None`: no
    /// such scenario; `Some(Err)`: it would need more memory than kata allows.
    pub fn open(
        catalog: &Catalog,
        id: &str,
        effect: Option<&Effect>,
    ) -> Option<Result<Phase, OverBudget>> {
        let scenario = catalog.scenario(id)?.clone();
        Some(Lab::open_scenario(scenario, effect))
    }

    /// Starts building any scenario, e.g. the learner's own journal.
    pub fn open_scenario(scenario: Scenario, effect: Option<&Effect>) -> Result<Phase, OverBudget> {
        let progress = crate::replay::shared_progress();
        Lab::open_with_progress(scenario, effect, progress)
    }

    /// Starts building with a given progress: a test holds it
    /// ([`Progress::held`]) to see the build on its own thread. Refuses, before
    /// anything is built, a scenario over the memory budget (the same check as
    /// `kata check`'s K035: the learner's journal is never checked as content).
    pub fn open_with_progress(
        scenario: Scenario,
        effect: Option<&Effect>,
        progress: Arc<Progress>,
    ) -> Result<Phase, OverBudget> {
        crate::content::within_budget(&scenario)?;
        let effect = effect.map(|e| effect::run(&scenario, e));
        if scenario.total_events() <= BUILD_INLINE_UP_TO {
            let timeline = Timeline::new(&scenario);
            return Ok(Phase::Ready(Box::new(LabView::new(timeline, effect))));
        }
        let (send, done) = std::sync::mpsc::channel();
        let shared = Arc::clone(&progress);
        let builder = scenario.clone();
        // Tests of the real binary hold the build until a file appears.
        let gate = std::env::var_os(BUILD_GATE).map(std::path::PathBuf::from);
        std::thread::spawn(move || {
            if let Some(gate) = gate {
                let until = Instant::now() + Duration::from_secs(120);
                while !gate.exists() && Instant::now() < until {
                    std::thread::sleep(Duration::from_millis(20));
                }
            }
            let timeline = Timeline::build(&builder, &shared);
            // The lab may be gone (the learner left): nobody to tell.
            let _ = send.send(timeline);
        });
        Ok(Phase::Building(Building {
            scenario_id: scenario.id.clone(),
            title: scenario.title.clone(),
            progress,
            started: Instant::now(),
            done,
            effect,
            predict: false,
        }))
    }

    /// When the screen should wake up without input: playback or a build.
    pub fn deadline(&self, now: Instant) -> Option<Instant> {
        match &self.phase {
            Phase::Building(_) => Some(now + POLL),
            Phase::Ready(view) => view.next_step,
            Phase::Pick { .. } => None,
        }
    }

    pub fn tick(&mut self, now: Instant) {
        match &mut self.phase {
            Phase::Building(building) => match building.done.try_recv() {
                Ok(timeline) => {
                    let effect = building.effect.take();
                    let mut view = LabView::new(timeline, effect);
                    if building.predict {
                        super::predict::start(&mut view);
                    }
                    self.phase = Phase::Ready(Box::new(view));
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => {
                    self.phase = Phase::Pick {
                        cursor: 0,
                        predict: building.predict,
                    }
                }
            },
            Phase::Ready(view) => view.tick(now),
            Phase::Pick { .. } => {}
        }
    }

    /// Blocks until a background build is done (tests, benchmarks).
    pub fn wait_ready(&mut self) {
        if let Phase::Building(building) = &mut self.phase
            && let Ok(timeline) = building.done.recv()
        {
            let effect = building.effect.take();
            let mut view = LabView::new(timeline, effect);
            if building.predict {
                super::predict::start(&mut view);
            }
            self.phase = Phase::Ready(Box::new(view));
        }
    }

    /// Stops a background build the learner walked away from.
    pub fn cancel(&self) {
        if let Phase::Building(building) = &self.phase {
            building.progress.cancel();
        }
    }

    pub fn view(&self) -> Option<&LabView> {
        match &self.phase {
            Phase::Ready(view) => Some(view),
            _ => None,
        }
    }

    pub fn view_mut(&mut self) -> Option<&mut LabView> {
        match &mut self.phase {
            Phase::Ready(view) => Some(view),
            _ => None,
        }
    }
}
