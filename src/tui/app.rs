//! The state of the whole TUI and the one function that changes it.
//! Screens never switch screens themselves: `update` decides.

use super::action::{Action, Target};
use super::keymap::Context;
use super::learner::{Learner, Record};
use super::theme::Theme;
use crate::content::{Catalog, Item};
use crate::practice::{self, Mode, Outcome, Score, Session, SubmitError, TryResult};
use ratatui::layout::Rect;
use std::time::{Duration, Instant};

/// How the app was started.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Test countdown (`--time 10m`).
    pub time_limit: Option<Duration>,
    /// Seed of the first test (`kata --seed N`, and tests of kata itself; otherwise
    /// a fresh one). Runs of the other modes shuffle their options with it too.
    pub seed: Option<u64>,
    pub theme: Option<Theme>,
    /// The topic home opens on (`kata --topic ID`).
    pub topic: Option<String>,
}

pub struct App {
    pub catalog: Catalog,
    pub theme: Theme,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub home: Home,
    /// Practice and quiz runs, kept so leaving and coming back resumes them.
    pub saved: Vec<Run>,
    /// The last test score per topic, for the home screen's progress.
    pub last_tests: Vec<(usize, Score)>,
    pub time_limit: Option<Duration>,
    pub seed: Option<u64>,
    /// The seed every other run shuffles its options with, when kata was
    /// given one (tests of kata itself); otherwise each run draws a fresh one.
    pub option_seed: Option<u64>,
    /// A one-line note for the learner, cleared by the next action.
    pub message: Option<Message>,
    pub scroll: u16,
    /// How far the help overlay is scrolled (it is taller than a small screen).
    pub help_scroll: u16,
    /// Bring the screen's focus lines into view on the next draw.
    pub follow: bool,
    /// What the last draw laid out: where targets are, how far the body scrolls.
    pub frame: FrameInfo,
    pub quit: bool,
    /// Recording an abandoned test failed once: the next quit goes without it.
    pub quit_unrecorded: bool,
    /// Confidence-based marking for the runs started from now on (`c` on home).
    pub confidence: bool,
    /// The learner's journal and the figures from it; `None` keeps nothing (tests of screens).
    pub learner: Option<Learner>,
    /// Set only by `kata preview`: what is previewed and whether it checks.
    pub preview: Option<super::preview::PreviewState>,
    /// What runs a kata's code: kata's sandbox; `None` where nothing may run.
    pub runner: Option<Box<dyn crate::practice::Runner>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub tone: Tone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Good,
    Bad,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// "End the test now?"
    ConfirmEnd,
    /// "Quit in the middle of the test?": `q` (or Ctrl-C) while a test runs.
    ConfirmQuit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Topics,
    Modes,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Home {
    pub topic: usize,
    pub mode: usize,
    pub focus: Focus,
}

/// A row of home's mode list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeRow {
    Mode(Mode),
    Exam,
    Learn,
    Cards,
    Lab,
    Predict,
}

/// The modes offered on the home screen, in order.
pub const MODES: [Mode; 3] = [Mode::Practice, Mode::Quiz, Mode::Test];

pub enum Screen {
    Home,
    /// Working through a session (or reviewing a finished test's items).
    Run(Box<Run>),
    Results(Box<Run>),
    /// The replay lab (see `tui::lab`).
    Lab(Box<super::lab::Lab>),
    /// Flashcards (see `tui::cards`).
    Cards(Box<super::cards::CardsRun>),
    /// Learn: the topic's notes (see `tui::learn`).
    Learn(Box<super::learn::LearnRun>),
    /// Setting up an exam (see `tui::exam`).
    ExamSetup(Box<super::exam::ExamSetup>),
}

/// A session in front of the learner, plus what only the screen needs.
pub struct Run {
    pub topic: usize,
    pub session: Session,
    /// The current blank of the current exercise.
    pub blank: usize,
    /// The option highlighted with ↑/↓, if the learner is using the arrows.
    pub cursor: Option<usize>,
    /// The last try on each item, to show its marks and feedback again.
    pub tries: Vec<Option<TryResult>>,
    pub countdown: Option<Countdown>,
    /// The option being dragged with the mouse.
    pub drag: Option<usize>,
    /// What the dragged option is over.
    pub hover: Option<Target>,
    pub results_cursor: usize,
    pub timed_out: bool,
    /// Where this run's tries are recorded (nothing without a learner).
    pub record: Record,
    /// The current item's editor and work file, when it is a kata (see `tui::kata`).
    pub kata: Option<Box<super::kata::KataPane>>,
    /// What the learner's completed code did on its last run, per item (runnable exercises).
    pub ran: Vec<Option<crate::sandbox::Outcome>>,
    /// A typed answer waits for its confidence rating: the next 1, 2 or 3
    /// rates it (and checks it) instead of being typed into the blank.
    pub rating: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Countdown {
    pub deadline: Instant,
    pub remaining: Duration,
}

/// Layout facts of the last frame, fed back by the draw loop.
#[derive(Debug, Clone, Default)]
pub struct FrameInfo {
    pub hits: Vec<(Rect, Target)>,
    pub scroll: u16,
    pub body_height: u16,
    pub doc_len: u16,
    /// The last frame was only "enlarge the terminal": no key acts but quit,
    /// so nothing happens that the learner cannot see.
    pub too_small: bool,
}

impl FrameInfo {
    pub fn target_at(&self, column: u16, row: u16) -> Option<Target> {
        let at = ratatui::layout::Position { x: column, y: row };
        self.hits
            .iter()
            .rev()
            .find(|(r, _)| r.contains(at))
            .map(|(_, t)| *t)
    }
}

impl Run {
    fn new(topic: usize, session: Session) -> Self {
        let n = session.len();
        Run {
            topic,
            session,
            blank: 0,
            cursor: None,
            tries: vec![None; n],
            countdown: None,
            drag: None,
            hover: None,
            results_cursor: 0,
            timed_out: false,
            record: Record::default(),
            kata: None,
            ran: vec![None; n],
            rating: false,
        }
    }

    pub fn mode(&self) -> Mode {
        self.session.mode()
    }

    /// Whether the current item's solution may be on screen.
    pub fn reveal(&self) -> bool {
        self.session.may_reveal(self.session.index())
    }

    /// True while the current item can still be answered.
    pub fn answering(&self) -> bool {
        !self.session.is_over() && !self.session.current_state().outcome.is_finished()
    }

    fn first_empty_blank(&self) -> Option<usize> {
        self.session
            .current_state()
            .chosen
            .iter()
            .position(Option::is_none)
    }

    /// After placing an option: the next empty blank after the current one, wrapping.
    fn advance_blank(&mut self) {
        let chosen = &self.session.current_state().chosen;
        let n = chosen.len();
        if let Some(next) = (1..=n)
            .map(|k| (self.blank + k) % n)
            .find(|&b| chosen[b].is_none())
        {
            self.blank = next;
        }
    }

    fn enter_item(&mut self) {
        self.blank = match self.session.current() {
            // A typed exercise opens on its first blank still wrong or empty.
            Item::Exercise(e) if e.is_typed() => {
                let state = self.session.current_state();
                let last = state.attempts.last();
                (0..e.blanks())
                    .find(|&b| {
                        state.typed[b].trim().is_empty()
                            || last.is_some_and(|a| a.marks.get(b) == Some(&false))
                    })
                    .unwrap_or(0)
            }
            _ => self.first_empty_blank().unwrap_or(0),
        };
        // A rating asked on the item left behind is not this item's.
        self.rating = false;
        self.cursor = None;
        self.drag = None;
        self.hover = None;
    }

    pub fn solved_count(&self) -> usize {
        self.session
            .states()
            .iter()
            .filter(|s| matches!(s.outcome, Outcome::Solved { .. }))
            .count()
    }

    pub fn finished_count(&self) -> usize {
        self.session
            .states()
            .iter()
            .filter(|s| s.outcome.is_finished())
            .count()
    }
}

impl App {
    /// Whether a test is on screen and not over (quitting asks first).
    pub fn test_running(&self) -> bool {
        matches!(&self.screen, Screen::Run(run) if run.mode().is_scored() && !run.session.is_over())
    }

    pub fn new(catalog: Catalog, options: Options) -> Self {
        let focus = if catalog.topics.len() > 1 {
            Focus::Topics
        } else {
            Focus::Modes
        };
        App {
            catalog,
            theme: options.theme.unwrap_or_else(Theme::from_env),
            screen: Screen::Home,
            overlay: None,
            home: Home {
                topic: 0,
                mode: 0,
                focus,
            },
            saved: Vec::new(),
            last_tests: Vec::new(),
            quit_unrecorded: false,
            confidence: false,
            time_limit: options.time_limit,
            seed: options.seed,
            option_seed: options.seed,
            message: None,
            scroll: 0,
            help_scroll: 0,
            follow: true,
            frame: FrameInfo::default(),
            quit: false,
            learner: None,
            preview: None,
            runner: None,
        }
    }

    /// An app that records to the learner's journal and shows their progress on home.
    pub fn with_learner(catalog: Catalog, options: Options, learner: Learner) -> Self {
        let topic = options.topic.clone();
        let mut app = App::new(catalog, options);
        app.learner = Some(learner);
        app.refresh_progress();
        if let Some(at) = topic.and_then(|id| app.catalog.topics.iter().position(|t| t.id == id)) {
            app.home.topic = at;
            app.home.focus = Focus::Modes;
        } else if app.catalog.topics.len() > 1 {
            // A track: home opens on the topic it marks as next.
            let report = app.learner.as_ref().and_then(|l| l.report.as_ref());
            let next = crate::progress::next_topic(&app.catalog.topics, report);
            if let Some(at) =
                next.and_then(|n| app.catalog.topics.iter().position(|t| t.id == n.id))
            {
                app.home.topic = at;
            }
        }
        app
    }

    /// The modes offered for the chosen topic: the three always, review and
    /// due only when they have items (no dead entries).
    pub fn modes(&self) -> Vec<Mode> {
        let mut modes = MODES.to_vec();
        if let (Some(learner), Some(topic)) =
            (&self.learner, self.catalog.topics.get(self.home.topic))
        {
            for mode in [Mode::Review, Mode::Due] {
                if learner.offers(&topic.id, mode) {
                    modes.push(mode);
                }
            }
        }
        modes
    }

    /// The mode the home cursor is on (`None`: a row after them).
    pub fn chosen_mode(&self) -> Option<Mode> {
        self.modes().get(self.home.mode).copied()
    }

    /// The rows of home's mode list: the practice modes, then Learn and
    /// Flashcards when the chosen topic has notes and cards, then the replay
    /// lab when any scenario is loaded.
    pub fn home_rows(&self) -> Vec<HomeRow> {
        let mut rows: Vec<HomeRow> = self.modes().into_iter().map(HomeRow::Mode).collect();
        let topic = self.catalog.topics.get(self.home.topic);
        if topic.is_some_and(|t| !t.questions.is_empty() || !t.exercises.is_empty()) {
            rows.push(HomeRow::Exam);
        }
        if topic.is_some_and(|t| !t.notes.is_empty()) {
            rows.push(HomeRow::Learn);
        }
        if topic.is_some_and(|t| !t.cards.is_empty()) {
            rows.push(HomeRow::Cards);
        }
        if !self.catalog.scenarios.is_empty() {
            rows.push(HomeRow::Lab);
            rows.push(HomeRow::Predict);
        }
        rows
    }

    /// The row the home cursor is on.
    pub fn chosen_row(&self) -> Option<HomeRow> {
        self.home_rows().get(self.home.mode).copied()
    }

    /// Recompute the home figures from the journal (cheap when nothing was recorded).
    fn refresh_progress(&mut self) {
        if let Some(learner) = &mut self.learner {
            learner.refresh(&self.catalog.topics);
        }
        // Review and due come and go with the journal; the lab's row stays last.
        let rows = self.home_rows().len();
        self.home.mode = self.home.mode.min(rows.saturating_sub(1));
    }

    /// Which bindings apply now.
    pub fn context(&self) -> Context {
        match self.overlay {
            Some(Overlay::Help) => Context::Help,
            Some(Overlay::ConfirmEnd) => Context::Confirm,
            Some(Overlay::ConfirmQuit) => Context::ConfirmQuit,
            None => self.screen_context(),
        }
    }

    /// The context of the screen under any overlay (the help lists its keys).
    pub fn screen_context(&self) -> Context {
        if self.preview.as_ref().is_some_and(|p| p.is_broken()) {
            return Context::Broken;
        }
        match &self.screen {
            Screen::Home => Context::Home,
            Screen::Results(_) => Context::Results,
            Screen::Lab(lab) => super::lab_update::context(lab),
            Screen::Cards(run) if run.deck.is_over() => Context::CardsDone,
            Screen::Cards(run) if run.deck.is_turned() => Context::CardBack,
            Screen::Cards(_) => Context::Cards,
            Screen::Learn(_) => Context::Learn,
            Screen::ExamSetup(_) => Context::ExamSetup,
            Screen::Run(run) if run.kata.is_some() => super::kata::context(run),
            Screen::Run(run) if run.session.is_empty() || !run.answering() => Context::Solved,
            Screen::Run(run) => match run.session.current() {
                Item::Exercise(e) if e.is_typed() => Context::Typed,
                Item::Exercise(_) => Context::Exercise,
                Item::Question(_) if run.mode().is_scored() => Context::TestQuestion,
                Item::Question(_) => Context::Question,
                Item::Kata(_) => Context::Kata,
            },
        }
    }

    /// Options of the current item, for option letters.
    pub fn option_count(&self) -> usize {
        match &self.screen {
            Screen::Lab(lab) => super::predict::option_count(lab),
            Screen::Run(run) if !run.session.is_empty() => run.session.current().options().len(),
            _ => 0,
        }
    }

    /// When the countdown will next change what is on screen, if a test is timed.
    pub fn deadline(&self) -> Option<Instant> {
        match &self.screen {
            // Watch mode: look at the work file's flag often enough to feel instant.
            Screen::Run(run) if run.kata.as_ref().is_some_and(|k| k.is_watching()) => {
                Some(Instant::now() + super::kata::WATCH_EVERY)
            }
            Screen::Run(run) if !run.session.is_over() => run.countdown.map(|c| c.deadline),
            Screen::Lab(lab) => lab.deadline(Instant::now()),
            _ => None,
        }
    }

    pub(super) fn say(&mut self, text: impl Into<String>, tone: Tone) {
        self.message = Some(Message {
            text: text.into(),
            tone,
        });
    }

    pub(super) fn reset_view(&mut self) {
        self.scroll = 0;
        self.follow = true;
    }
}

/// Apply one action. The only place the TUI's state changes.
pub fn update(app: &mut App, action: Action) {
    apply(app, action);
    // A kata that came on screen gets its editor and work file.
    super::kata::sync(app);
    // Back home, the figures show what was just recorded.
    if matches!(app.screen, Screen::Home) {
        app.refresh_progress();
    }
}

fn apply(app: &mut App, action: Action) {
    if let Action::Tick(now) = action {
        tick(app, now);
        return;
    }
    // Mouse movement should not wipe a note the learner is reading.
    if !matches!(action, Action::Drag(_)) {
        app.message = None;
    }
    if action == Action::Quit {
        // A running test is not left by one stray key: `q` asks, and a second
        // `q` or Ctrl-C (or `y`) leaves it, recorded as abandoned.
        if app.test_running() && app.overlay != Some(Overlay::ConfirmQuit) {
            app.overlay = Some(Overlay::ConfirmQuit);
            return;
        }
        quit(app);
        return;
    }
    match app.overlay {
        Some(Overlay::Help) => {
            match action {
                Action::ToggleHelp | Action::Back => app.overlay = None,
                Action::ScrollUp | Action::Up => {
                    app.help_scroll = app.help_scroll.saturating_sub(1)
                }
                Action::ScrollDown | Action::Down => {
                    app.help_scroll = app.help_scroll.saturating_add(1)
                }
                Action::PageUp => app.help_scroll = app.help_scroll.saturating_sub(8),
                Action::PageDown => app.help_scroll = app.help_scroll.saturating_add(8),
                _ => {}
            }
            return;
        }
        Some(Overlay::ConfirmEnd) => {
            match action {
                Action::Yes => {
                    app.overlay = None;
                    end_test(app, false);
                }
                Action::No | Action::Back => app.overlay = None,
                _ => {}
            }
            return;
        }
        Some(Overlay::ConfirmQuit) => {
            match action {
                Action::Yes => quit(app),
                Action::No | Action::Back => app.overlay = None,
                _ => {}
            }
            return;
        }
        None => {}
    }
    match action {
        Action::ToggleHelp => {
            app.overlay = Some(Overlay::Help);
            app.help_scroll = 0;
            return;
        }
        Action::ScrollUp => return scroll_by(app, -1),
        Action::ScrollDown => return scroll_by(app, 1),
        Action::PageUp => {
            let page = app.frame.body_height.saturating_sub(1).max(1) as i32;
            return scroll_by(app, -page);
        }
        Action::PageDown => {
            let page = app.frame.body_height.saturating_sub(1).max(1) as i32;
            return scroll_by(app, page);
        }
        Action::Press(Target::Button(button)) => return apply(app, button.action()),
        _ => {}
    }
    match app.screen {
        Screen::Home => home(app, action),
        Screen::Run(_) => run(app, action),
        Screen::Results(_) => results(app, action),
        Screen::Lab(_) => super::lab_update::update(app, action),
        Screen::Cards(_) => super::cards::update(app, action),
        Screen::Learn(_) => super::learn::update(app, action),
        Screen::ExamSetup(_) => super::exam::update(app, action),
    }
}

fn scroll_by(app: &mut App, delta: i32) {
    let max = app.frame.doc_len.saturating_sub(app.frame.body_height) as i32;
    let from = app.frame.scroll as i32;
    app.scroll = (from + delta).clamp(0, max.max(0)) as u16;
    app.follow = false;
}

fn tick(app: &mut App, now: Instant) {
    if let Screen::Lab(lab) = &mut app.screen {
        lab.tick(now);
        return;
    }
    super::kata::tick(app);
    let Screen::Run(run) = &mut app.screen else {
        return;
    };
    let Some(countdown) = &mut run.countdown else {
        return;
    };
    if run.session.is_over() {
        return;
    }
    countdown.remaining = countdown.deadline.saturating_duration_since(now);
    if countdown.remaining.is_zero() {
        run.timed_out = true;
        app.overlay = None;
        end_test(app, true);
    }
}

fn home(app: &mut App, action: Action) {
    let topics = app.catalog.topics.len();
    let rows = app.home_rows().len();
    match action {
        Action::Back => app.quit = true,
        Action::Up | Action::Down => {
            let down = action == Action::Down;
            let (value, len) = match app.home.focus {
                Focus::Topics => (&mut app.home.topic, topics),
                Focus::Modes => (&mut app.home.mode, rows),
            };
            *value = step(*value, len, down);
        }
        Action::NextBlank | Action::PrevBlank if topics > 0 => {
            app.home.focus = match app.home.focus {
                Focus::Topics => Focus::Modes,
                Focus::Modes => Focus::Topics,
            };
        }
        Action::Confirm => match app.home.focus {
            Focus::Topics if topics > 0 => app.home.focus = Focus::Modes,
            _ => match app.chosen_row() {
                Some(HomeRow::Mode(mode)) => start(app, mode),
                Some(HomeRow::Cards) => super::cards::open(app),
                Some(HomeRow::Learn) => super::learn::open(app),
                Some(HomeRow::Exam) => super::exam::open(app),
                Some(HomeRow::Lab) => super::lab_update::open_picker(app),
                Some(HomeRow::Predict) => super::predict::open_picker(app),
                None => {}
            },
        },
        Action::OpenLab | Action::Press(Target::Lab) => super::lab_update::open_picker(app),
        Action::OpenPredict | Action::Press(Target::Predict) => super::predict::open_picker(app),
        Action::OpenCards | Action::Press(Target::Cards) => super::cards::open(app),
        Action::OpenLearn | Action::Press(Target::Learn) => super::learn::open(app),
        Action::OpenExam | Action::Press(Target::Exam) => super::exam::open(app),
        Action::ToggleConfidence => {
            app.confidence = !app.confidence;
            app.say(
                if app.confidence {
                    "Confidence marking is on for the next run: rate each first try 1, 2 or 3."
                } else {
                    "Confidence marking is off."
                },
                Tone::Info,
            );
        }
        Action::Start(mode) => start(app, mode),
        Action::Press(Target::Topic(i)) if i < topics => {
            app.home.topic = i;
            app.home.focus = Focus::Topics;
        }
        Action::Press(Target::Mode(mode)) => start(app, mode),
        _ => {}
    }
}

fn step(value: usize, len: usize, down: bool) -> usize {
    if len == 0 {
        0
    } else if down {
        (value + 1).min(len - 1)
    } else {
        value.saturating_sub(1)
    }
}

/// Open `mode` on the chosen topic: resume a practice or quiz run left
/// unfinished, or begin a new one.
/// Rate the current item (confidence marking); a choice already placed in
/// every blank is then marked at once.
pub(super) fn rate(app: &mut App, level: u8) {
    let Screen::Run(run) = &mut app.screen else {
        return;
    };
    let Some(confidence) = practice::Confidence::from_level(level) else {
        app.say(
            "Rate 1 (not sure), 2 (fairly sure) or 3 (very sure).",
            Tone::Bad,
        );
        return;
    };
    if let Err(e) = run.session.rate(confidence) {
        app.say(e.to_string(), Tone::Bad);
        return;
    }
    let state = run.session.current_state();
    let ready = if run.session.current().is_typed() {
        state.typed.iter().all(|t| !t.trim().is_empty())
    } else {
        state.chosen.iter().all(Option::is_some)
    };
    if ready {
        submit(app);
    } else {
        app.say(
            format!("Rated {level} ({}): now choose.", confidence.words()),
            Tone::Info,
        );
    }
}

/// A new run's session, with confidence-based marking when the learner turned it on.
fn rated(on: bool, session: practice::Session) -> practice::Session {
    if on {
        session.with_confidence()
    } else {
        session
    }
}

/// Open the chosen topic's test at once: `kata --seed N` repeats a test the
/// results named, so it starts on it rather than on home.
pub fn open_test(app: &mut App) {
    start(app, Mode::Test);
}

fn start(app: &mut App, mode: Mode) {
    let Some(topic) = app.catalog.topics.get(app.home.topic) else {
        app.say(
            "No topic is loaded: add content with --content DIR.",
            Tone::Bad,
        );
        return;
    };
    let topic_index = app.home.topic;
    if matches!(mode, Mode::Review | Mode::Due) {
        // Built from the journal each time, never resumed: the queue may have changed.
        let Some(learner) = &app.learner else {
            app.say("Reviews need the journal of your progress.", Tone::Bad);
            return;
        };
        let seed = app.option_seed.unwrap_or_else(practice::fresh_seed);
        let session = learner.session(topic, mode).with_options_shuffled(seed);
        let session = rated(app.confidence, session);
        if session.is_empty() {
            app.say(
                match mode {
                    Mode::Review => "Nothing to review: no item's latest try was wrong.",
                    _ => "Nothing is due today.",
                },
                Tone::Info,
            );
            return;
        }
        let id = topic.id.clone();
        open_run(app, Run::new(topic_index, session), &id);
        return;
    }
    app.home.mode = MODES.iter().position(|&m| m == mode).unwrap_or(0);
    if let Some(at) = app
        .saved
        .iter()
        .position(|r| r.topic == topic_index && r.mode() == mode && !r.session.is_over())
    {
        let run = app.saved.remove(at);
        app.screen = Screen::Run(Box::new(run));
        app.reset_view();
        return;
    }
    let seed = match mode {
        Mode::Test => app.seed.take().unwrap_or_else(practice::fresh_seed),
        _ => app.option_seed.unwrap_or_else(practice::fresh_seed),
    };
    let session = rated(app.confidence, practice::start(topic, mode, seed));
    let id = topic.id.clone();
    if session.is_empty() {
        let what = match mode {
            Mode::Practice => "fill-in tasks",
            _ => "questions",
        };
        app.say(format!("“{}” has no {what} yet.", topic.title), Tone::Bad);
        return;
    }
    let mut run = Run::new(topic_index, session);
    if mode.is_scored()
        && let Some(limit) = app.time_limit
    {
        run.countdown = Some(Countdown {
            deadline: Instant::now() + limit,
            remaining: limit,
        });
    }
    app.saved
        .retain(|r| !(r.topic == topic_index && r.mode() == mode));
    open_run(app, run, &id);
}

/// Start the exam `spec` on the chosen topic (from the exam form).
pub(super) fn start_exam(app: &mut App, spec: &practice::ExamSpec) {
    let topic_index = app.home.topic;
    let Some(topic) = app.catalog.topics.get(topic_index) else {
        return;
    };
    let seed = app.option_seed.unwrap_or_else(practice::fresh_seed);
    let session = match practice::draw_exam(topic, spec, seed) {
        Ok(session) => rated(app.confidence, session),
        Err(why) => {
            app.say(format!("No exam: {why}."), Tone::Bad);
            return;
        }
    };
    let mut run = Run::new(topic_index, session);
    if let Some(limit) = spec.time {
        run.countdown = Some(Countdown {
            deadline: Instant::now() + limit,
            remaining: limit,
        });
    }
    let id = topic.id.clone();
    open_run(app, run, &id);
    if let Some(row) = app.home_rows().iter().position(|r| *r == HomeRow::Exam) {
        app.home.mode = row;
    }
}

/// Put a new run on screen, its start recorded in the journal.
fn open_run(app: &mut App, mut run: Run, topic_id: &str) {
    app.home.mode = app
        .modes()
        .iter()
        .position(|&m| m == run.mode())
        .unwrap_or(0);
    if let Some(learner) = &mut app.learner {
        let recorder = learner.start(topic_id, &run.session);
        if let Err(message) = &recorder {
            app.message = Some(Message {
                text: message.clone(),
                tone: Tone::Bad,
            });
        }
        run.record = Record::new(topic_id, recorder.ok());
    }
    run.enter_item();
    app.screen = Screen::Run(Box::new(run));
    app.reset_view();
}

fn go_home(app: &mut App) {
    let screen = std::mem::replace(&mut app.screen, Screen::Home);
    // Practice and quiz runs resume; tests end, and reviews are rebuilt from the journal.
    if let Screen::Run(run) | Screen::Results(run) = screen
        && matches!(run.mode(), Mode::Practice | Mode::Quiz)
    {
        app.saved
            .retain(|r| !(r.topic == run.topic && r.mode() == run.mode()));
        app.saved.push(*run);
    }
    app.reset_view();
}

fn show_results(app: &mut App, just_finished: bool) {
    let screen = std::mem::replace(&mut app.screen, Screen::Home);
    if let Screen::Run(mut run) = screen {
        // Back from reviewing an item: keep the list on it.
        if !just_finished {
            run.results_cursor = run.session.index();
        }
        if run.mode().is_scored() {
            let score = run.session.score();
            app.last_tests.retain(|(t, _)| *t != run.topic);
            app.last_tests.push((run.topic, score));
            if let Some(learner) = &mut app.learner
                && let Err(message) = run.record.finished(learner, &run.session)
            {
                app.message = Some(Message {
                    text: message,
                    tone: Tone::Bad,
                });
            }
        }
        app.screen = Screen::Results(run);
    } else {
        app.screen = screen;
    }
    app.reset_view();
}

/// End a test: open questions count as wrong, and the results come up.
/// Quit kata; a test still running is recorded as abandoned first (never as a
/// finished test scored on what was answered).
fn quit(app: &mut App) {
    app.overlay = None;
    if let Screen::Run(run) = &mut app.screen
        && run.mode().is_scored()
        && !run.session.is_over()
        && let Some(learner) = &mut app.learner
        && !app.quit_unrecorded
        && let Err(message) = run.record.abandoned(learner, &run.session)
    {
        // Not on disk: say so and stay; quitting again leaves without it.
        app.quit_unrecorded = true;
        app.say(
            format!("{message} — quit again to leave without recording the test"),
            Tone::Bad,
        );
        return;
    }
    app.quit = true;
}

fn end_test(app: &mut App, timed_out: bool) {
    if let Screen::Run(run) = &mut app.screen {
        run.session.end();
        run.timed_out = timed_out;
    }
    show_results(app, true);
    // "Answer A recorded" from the last key is stale once time is up; only a
    // failed save (said in the bad tone) outranks the news that time ran out.
    if timed_out && app.message.as_ref().is_none_or(|m| m.tone != Tone::Bad) {
        app.say("Time is up: the test has ended.", Tone::Bad);
    }
}

fn run(app: &mut App, action: Action) {
    let context = app.context();
    let Screen::Run(run) = &mut app.screen else {
        return;
    };
    if run.session.is_empty() {
        if action == Action::Back {
            go_home(app);
        }
        return;
    }
    if matches!(context, Context::Kata | Context::KataEdit) && super::kata::update(app, action) {
        return;
    }
    let Screen::Run(run) = &mut app.screen else {
        return;
    };
    let test_running = run.mode().is_scored() && !run.session.is_over();
    match action {
        Action::Back if test_running => app.overlay = Some(Overlay::ConfirmEnd),
        Action::EndTest if test_running => app.overlay = Some(Overlay::ConfirmEnd),
        Action::Back if run.session.is_over() => show_results(app, false),
        Action::Back => go_home(app),
        Action::Digit(level) if run.session.rates_confidence() => rate(app, level),
        Action::Retry => retry(app),
        // In a test → confirms a chosen answer and moves on, as Enter does.
        Action::NextItem if test_running && pending(run) => submit(app),
        Action::NextItem => next_item(app),
        Action::PrevItem => {
            if run.session.previous_item() {
                run.enter_item();
                app.reset_view();
            }
        }
        Action::Press(Target::Item(i)) => {
            run.session.go_to(i);
            run.enter_item();
            app.reset_view();
        }
        Action::OpenReplay => super::lab_update::open_from_item(app),
        Action::Hint => {
            let answering = run.answering();
            let index = run.session.index();
            let first_time = !run.session.state(index).hint_shown;
            match run.session.show_hint() {
                None => {
                    let reason = run.session.no_hint_reason();
                    app.say(reason, Tone::Info)
                }
                Some(_) if answering => {
                    // Recorded once per item and run: a hint read twice is one hint.
                    let saved = match &mut app.learner {
                        Some(learner) if first_time => {
                            run.record.hint_shown(learner, &run.session, index)
                        }
                        _ => Ok(()),
                    };
                    app.follow = true;
                    match saved {
                        Ok(()) => app.say(
                            "Hint shown below: this item now earns half points.",
                            Tone::Info,
                        ),
                        Err(message) => app.say(message, Tone::Bad),
                    }
                }
                Some(_) => {}
            }
        }
        _ => match context {
            Context::Exercise => exercise(app, action),
            Context::Typed => super::typed::keys(app, action),
            Context::Question | Context::TestQuestion if current_is_choose_all(app) => {
                super::choose_all::keys(app, action)
            }
            Context::Question | Context::TestQuestion => question(app, action),
            Context::Solved if action == Action::Confirm => next_item(app),
            Context::Solved if matches!(action, Action::Choose(_)) => answered_letter(app, action),
            _ => {}
        },
    }
}

fn next_item(app: &mut App) {
    let Screen::Run(run) = &mut app.screen else {
        return;
    };
    if run.session.next_item() {
        run.enter_item();
        app.reset_view();
        return;
    }
    // At the last item: round up what is still open, or show the results.
    match run.session.next_open() {
        Some(open) if !run.session.is_over() => {
            run.session.go_to(open);
            run.enter_item();
            let left = run.session.len() - run.finished_count();
            app.reset_view();
            app.say(
                format!("{left} still open — back to the first of them."),
                Tone::Info,
            );
        }
        _ => show_results(app, true),
    }
}

/// The option highlighted after ↑ or ↓, wrapping around; with nothing highlighted
/// yet, ↓ starts at the first option and ↑ at the last.
pub(super) fn step_cursor(from: Option<usize>, down: bool, options: usize) -> usize {
    let options = options.max(1);
    match (from, down) {
        (None, true) => 0,
        (None, false) => options - 1,
        (Some(at), true) => (at + 1) % options,
        (Some(at), false) => (at + options - 1) % options,
    }
}

fn exercise(app: &mut App, action: Action) {
    let Screen::Run(run) = &mut app.screen else {
        return;
    };
    let blanks = run.session.current().blanks();
    let options = run.session.current().options().len();
    match action {
        Action::NextBlank => run.blank = (run.blank + 1) % blanks.max(1),
        Action::PrevBlank => run.blank = (run.blank + blanks.max(1) - 1) % blanks.max(1),
        Action::Choose(option) => place(app, option),
        Action::Up | Action::Down => {
            let from = run.cursor.or(run.session.current_state().chosen[run.blank]);
            run.cursor = Some(step_cursor(from, action == Action::Down, options));
        }
        Action::Confirm => match run.cursor {
            Some(option) => place(app, option),
            None => submit(app),
        },
        Action::Clear => {
            let blank = run.blank;
            run.session.clear(blank);
        }
        Action::Press(Target::Blank(b)) if b < blanks => {
            run.blank = b;
            run.cursor = None;
        }
        Action::Press(Target::Option(o)) => {
            run.drag = Some(o);
            run.hover = Some(Target::Option(o));
        }
        Action::Drag(over) if run.drag.is_some() => run.hover = over,
        Action::Release(over) => {
            let dragged = run.drag.take();
            run.hover = None;
            match (dragged, over) {
                (Some(o), Some(Target::Blank(b))) if b < blanks => {
                    run.blank = b;
                    place(app, o);
                }
                // Pressed and released on the same option: a click.
                (Some(o), Some(Target::Option(p))) if o == p => place(app, o),
                _ => {}
            }
        }
        _ => {}
    }
}

/// Put `option` into the current blank and move to the next empty one.
fn place(app: &mut App, option: usize) {
    let Screen::Run(run) = &mut app.screen else {
        return;
    };
    let blank = run.blank;
    match run.session.choose(blank, option) {
        Ok(()) => {
            run.cursor = None;
            run.advance_blank();
            if run.first_empty_blank().is_none() {
                app.say(
                    "Every blank is filled: Enter checks your answer.",
                    Tone::Info,
                );
            }
        }
        Err(e) => app.say(e.to_string(), Tone::Bad),
    }
}

pub(super) fn submit(app: &mut App) {
    let Screen::Run(run) = &mut app.screen else {
        return;
    };
    let index = run.session.index();
    match run.session.submit() {
        Ok(result) => {
            // On disk before on screen: the result is drawn after this returns.
            let mut saved = match &mut app.learner {
                Some(learner) => run.record.answered(learner, &run.session, index, &result),
                None => Ok(()),
            };
            let finished = result.finished;
            let marked = result.marked;
            let comes_back = result.comes_back;
            // A learning step adds an item at the end: its slots too.
            let len = run.session.len();
            run.tries.resize(len, None);
            run.ran.resize(len, None);
            run.tries[index] = Some(result);
            if marked {
                let ran = super::ran::after_try(
                    app.runner.as_deref_mut(),
                    app.learner.as_mut(),
                    run,
                    index,
                );
                saved = saved.and(ran);
            }
            if finished {
                run.blank = 0;
            } else {
                run.enter_item();
            }
            app.follow = true;
            if run.mode().is_scored() {
                after_test_answer(app);
            } else if comes_back {
                app.say(
                    "Missed: it comes back once more at the end of this session.",
                    Tone::Info,
                );
            } else if run.session.current().replay().is_some() {
                app.say(
                    "r opens the replay lab on this item's scenario.",
                    Tone::Info,
                );
            }
            if let Err(message) = saved {
                // Said last, so it is the note on screen; the session goes on.
                app.say(message, Tone::Bad);
            }
        }
        Err(SubmitError::Unfilled(blanks)) => {
            run.blank = blanks[0];
            app.say(SubmitError::Unfilled(blanks).to_string(), Tone::Bad);
        }
        // The choice stays; the digit the learner presses next marks it.
        Err(SubmitError::Unrated) => app.say(
            "How sure are you? Press 1 (not sure), 2 (fairly sure) or 3 (very sure).",
            Tone::Info,
        ),
        Err(e) => app.say(e.to_string(), Tone::Bad),
    }
}

/// Whether the item on screen is a choose-all question (its keys differ).
fn current_is_choose_all(app: &App) -> bool {
    matches!(&app.screen, Screen::Run(run)
        if run.session.current().is_choose_all())
}

fn question(app: &mut App, action: Action) {
    let Screen::Run(run) = &mut app.screen else {
        return;
    };
    let options = run.session.current().options().len();
    let in_test = run.mode().is_scored();
    match action {
        Action::Choose(option) | Action::Press(Target::Option(option))
            if option < options && in_test =>
        {
            pick(app, option)
        }
        Action::Choose(option) | Action::Press(Target::Option(option)) if option < options => {
            answer(app, option)
        }
        Action::Confirm if in_test && run.cursor.is_none() && pending(run) => submit(app),
        Action::Up | Action::Down => {
            run.cursor = Some(step_cursor(run.cursor, action == Action::Down, options));
        }
        Action::Confirm => match run.cursor {
            Some(option) => answer(app, option),
            None => app.say(
                format!(
                    "Pick an answer: press {}, or ↑↓ then Enter.",
                    super::keymap::letters_label(options)
                ),
                Tone::Info,
            ),
        },
        _ => {}
    }
}

/// A letter on a finished item: in a test the confirmed answer stands; in
/// the other modes Ctrl-R takes the item again.
fn answered_letter(app: &mut App, action: Action) {
    let Screen::Run(run) = &app.screen else {
        return;
    };
    match action {
        Action::Choose(option) if run.mode().is_scored() => pick(app, option),
        _ => app.say(
            "This item is finished: Ctrl-R takes it again, n goes on.",
            Tone::Info,
        ),
    }
}

/// A test question's answer chosen and not yet confirmed (Enter or →).
fn pending(run: &Run) -> bool {
    let state = run.session.current_state();
    state.attempts.is_empty() && state.chosen.iter().all(Option::is_some)
}

/// In a test a letter chooses; Enter or → confirms. Until then another
/// letter changes the choice; once confirmed the answer stands, and saying
/// so beats ignoring the key.
fn pick(app: &mut App, option: usize) {
    let Screen::Run(run) = &mut app.screen else {
        return;
    };
    let letter = crate::content::letter(option);
    if let Some(given) = run.session.current_state().attempts.last() {
        let given = given
            .chosen
            .first()
            .map_or('?', |&c| crate::content::letter(c));
        app.say(
            format!("Your answer {given} is confirmed: a test takes one answer per question."),
            Tone::Info,
        );
        return;
    }
    if let Err(e) = run.session.choose(0, option) {
        app.say(e.to_string(), Tone::Bad);
        return;
    }
    run.cursor = None;
    app.say(
        format!("{letter} chosen: Enter or → confirms it; another letter changes it."),
        Tone::Info,
    );
}

fn answer(app: &mut App, option: usize) {
    let Screen::Run(run) = &mut app.screen else {
        return;
    };
    if let Err(e) = run.session.choose(0, option) {
        app.say(e.to_string(), Tone::Bad);
        return;
    }
    run.cursor = None;
    submit(app);
}

/// In a test an answer is only recorded; the learner moves straight on.
fn after_test_answer(app: &mut App) {
    let Screen::Run(run) = &mut app.screen else {
        return;
    };
    if run.session.is_over() {
        show_results(app, true);
        return;
    }
    // Every letter given: a choose-all answer is several.
    let letter = run
        .session
        .current_state()
        .attempts
        .last()
        .map(|a| {
            (a.chosen.iter())
                .map(|&o| crate::content::letter(o).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| "?".into());
    let done = run.finished_count();
    let total = run.session.len();
    if let Some(open) = run.session.next_open() {
        run.session.go_to(open);
        run.enter_item();
    }
    app.reset_view();
    app.say(
        format!("Answer {letter} recorded · {done}/{total} answered."),
        Tone::Info,
    );
}

fn results(app: &mut App, action: Action) {
    let Screen::Results(run) = &mut app.screen else {
        return;
    };
    let n = run.session.len();
    match action {
        Action::Back => go_home(app),
        Action::Up | Action::Down => {
            run.results_cursor = step(run.results_cursor, n, action == Action::Down);
            app.follow = true;
        }
        Action::Confirm => review(app, None),
        Action::Press(Target::ResultRow(i)) if i < n => review(app, Some(i)),
        Action::Retry => retry(app),
        Action::Retake => {
            let (topic, mode) = (run.topic, run.mode());
            app.home.topic = topic;
            app.saved
                .retain(|r| !(r.topic == topic && r.mode() == mode));
            start(app, mode);
        }
        _ => {}
    }
}

/// Reset one finished item and take it again: the item on screen, or the
/// results row under the cursor (rustlings' reset; the rule is
/// `Session::retry`).
fn retry(app: &mut App) {
    if matches!(app.screen, Screen::Results(_)) {
        review(app, None);
    }
    let Screen::Run(run) = &mut app.screen else {
        return;
    };
    let index = run.session.index();
    match run.session.retry(index) {
        Ok(()) => {
            run.tries[index] = None;
            run.ran[index] = None;
            run.enter_item();
            app.reset_view();
            app.say(
                "Taken again: a retry earns half its points at most, as its solution was on screen.",
                Tone::Info,
            );
        }
        Err(e) => app.say(e.to_string(), Tone::Bad),
    }
}

/// Open one item of a finished session with its solution.
fn review(app: &mut App, row: Option<usize>) {
    let screen = std::mem::replace(&mut app.screen, Screen::Home);
    if let Screen::Results(mut run) = screen {
        let i = row.unwrap_or(run.results_cursor);
        run.results_cursor = i;
        run.session.go_to(i);
        run.enter_item();
        app.screen = Screen::Run(run);
    } else {
        app.screen = screen;
    }
    app.reset_view();
}
