//! The learner's journal as the TUI sees it: every try, hint and finished test
//! goes through a [`Recorder`] onto the disk before the result is drawn, and the
//! home screen's figures are the journal's projections, refreshed on the way home.
//!
//! All runs of one kata share the one journal (a practice run left half-way and
//! a quiz can both be open), so each run's recorder writes through a shared
//! [`Entry`] that appends to the journal and, once the append succeeded, folds
//! the event into the live [`Progress`] — what is on screen is what is on disk.

use crate::content::Topic;
use crate::practice::{Mode, Session, TryResult};
use crate::progress::{
    Journal, Progress, Recorded, Recorder, Report, Sink, due_session, project, report,
    review_session,
};
use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

/// Milliseconds since the Unix epoch; the wall clock, or a fixed one in tests.
pub type Clock = Rc<dyn Fn() -> i64>;

/// What the home screen shows about the learner, and where their tries go.
pub struct Learner {
    book: Rc<RefCell<Book>>,
    clock: Clock,
    utc_offset_s: i32,
    /// Another kata holds the journal: nothing is saved (said on home).
    pub read_only: bool,
    /// Where the journal is, for the notices.
    pub path: Option<String>,
    /// The journal's folder, to read it again for "replay my progress".
    dir: Option<std::path::PathBuf>,
    /// Lines of the journal that could not be read, and why (shown on home).
    pub problems: Vec<String>,
    /// The journal could not be opened at all: why, and that nothing is saved.
    pub unavailable: Option<String>,
    /// The latest failed write, until a write succeeds again.
    pub write_error: Option<String>,
    /// The figures on home: the projections next to the catalog.
    pub report: Option<Report>,
    /// Each topic's flashcards by where they stand, computed with `report`:
    /// FSRS over every grade is too much work for every frame of home.
    card_queues: std::collections::HashMap<String, crate::progress::CardQueue>,
}

/// The journal and its projection, shared by every run's recorder.
struct Book {
    sink: Box<dyn Sink>,
    progress: Progress,
    /// Read-only or unavailable journals drop events; the projection must not count them.
    saves: bool,
    /// Something was recorded since the figures on home were computed.
    dirty: bool,
}

/// A run's way into the shared journal (see the module doc).
#[derive(Clone)]
pub struct Entry(Rc<RefCell<Book>>);

impl Sink for Entry {
    fn append(&mut self, recorded: &Recorded) -> std::io::Result<()> {
        let mut book = self.0.borrow_mut();
        book.sink.append(recorded)?;
        if book.saves {
            book.progress.apply(recorded);
            book.dirty = true;
        }
        Ok(())
    }
}

impl Learner {
    /// Open the journal in `dir` (the writer, or read-only when another kata
    /// holds it). A journal that cannot be opened is not fatal: the TUI runs
    /// and says on home that nothing is saved.
    pub fn open(dir: &Path, utc_offset_s: i32) -> Learner {
        match Journal::open(dir) {
            Ok((journal, loaded)) => {
                let path = journal.path().display().to_string();
                let read_only = !journal.is_writer();
                let progress = project(&loaded.events, utc_offset_s);
                let mut learner = Learner::with_sink(
                    Box::new(journal),
                    progress,
                    utc_offset_s,
                    Rc::new(crate::progress::now_ms),
                );
                learner.read_only = read_only;
                learner.book.borrow_mut().saves = !read_only;
                learner.path = Some(path);
                learner.dir = Some(dir.to_path_buf());
                learner.problems = loaded.problems.iter().map(|p| p.to_string()).collect();
                learner
            }
            Err(e) => Learner::unavailable(format!("{e:#}"), utc_offset_s),
        }
    }

    /// A learner without a journal (`why` it could not be opened): nothing is
    /// saved, and home says so.
    pub fn unavailable(why: String, utc_offset_s: i32) -> Learner {
        let learner = Learner::with_sink(
            Box::new(Vec::<Recorded>::new()),
            Progress::new(utc_offset_s),
            utc_offset_s,
            Rc::new(crate::progress::now_ms),
        );
        learner.book.borrow_mut().saves = false;
        Learner {
            unavailable: Some(why),
            ..learner
        }
    }

    /// A learner whose events go to `sink`, starting from `progress` (the
    /// journal's projection), with a clock of its own: tests use a `Vec` or a
    /// failing sink and a fixed clock.
    pub fn with_sink(
        sink: Box<dyn Sink>,
        progress: Progress,
        utc_offset_s: i32,
        clock: Clock,
    ) -> Learner {
        Learner {
            book: Rc::new(RefCell::new(Book {
                sink,
                progress,
                saves: true,
                dirty: true,
            })),
            clock,
            utc_offset_s,
            read_only: false,
            path: None,
            dir: None,
            problems: Vec::new(),
            unavailable: None,
            write_error: None,
            report: None,
            card_queues: Default::default(),
        }
    }

    /// Whether the lab can offer "My progress" (the journal is on disk).
    pub fn has_journal(&self) -> bool {
        self.dir.is_some()
    }

    /// The journal as a replay-lab scenario, read afresh so it holds this
    /// session's tries too; `Err` says why there is nothing to replay.
    pub fn journal_scenario(&self) -> Result<crate::content::Scenario, String> {
        let dir = self
            .dir
            .as_deref()
            .ok_or("No journal is open: nothing to replay.")?;
        let (_, loaded) = Journal::open_read_only(dir).map_err(|e| format!("{e:#}"))?;
        let scenario = crate::progress::journal_scenario(&loaded.events);
        if scenario.events.is_empty() {
            return Err("Your journal has no tries yet: practise first, then replay them.".into());
        }
        Ok(scenario)
    }

    /// The data folder (the journal's), where katas keep the learner's code.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Today's local day number.
    pub fn today(&self) -> i64 {
        crate::progress::day_of((self.clock)(), self.utc_offset_s)
    }

    /// Recompute the figures when something was recorded since the last time.
    pub fn refresh(&mut self, topics: &[Topic]) {
        let today = self.today();
        let mut book = self.book.borrow_mut();
        if book.dirty || self.report.is_none() {
            self.report = Some(report(&book.progress, topics, today));
            self.card_queues = topics
                .iter()
                .filter(|t| !t.cards.is_empty())
                .map(|t| {
                    let queue = crate::progress::card_queue(&book.progress, t, today);
                    (t.id.clone(), queue)
                })
                .collect();
            book.dirty = false;
        }
    }

    /// The figures of one topic, once computed.
    pub fn topic(&self, id: &str) -> Option<&crate::progress::TopicReport> {
        self.report.as_ref()?.topics.iter().find(|t| t.id == id)
    }

    /// When `item` comes back for review, after every try recorded so far;
    /// `None` when nothing is saved (the schedule would be a guess).
    pub fn next_review(
        &self,
        topic: &str,
        item: &crate::content::Item,
    ) -> Option<crate::progress::NextReview> {
        let book = self.book.borrow();
        if !book.saves {
            return None;
        }
        crate::progress::next_review(&book.progress, topic, item, self.today())
    }

    /// Whether `mode` has items on `topic` now (review and due modes are only
    /// offered when they do).
    pub fn offers(&self, topic: &str, mode: Mode) -> bool {
        self.topic(topic).is_some_and(|t| match mode {
            Mode::Review => !t.mistakes.is_empty(),
            Mode::Due => !t.due.is_empty(),
            _ => true,
        })
    }

    /// The session of the review or due mode on `topic`, from the journal as it is now.
    pub fn session(&self, topic: &Topic, mode: Mode) -> Session {
        let book = self.book.borrow();
        match mode {
            Mode::Due => due_session(&book.progress, topic, self.today()),
            _ => review_session(&book.progress, topic),
        }
    }

    /// A recorder for a new run on `topic`: records that it started. `Err` is
    /// the message to show; the run goes on and its next try to record starts it again.
    pub fn start(&mut self, topic: &str, session: &Session) -> Result<Recorder<Entry>, String> {
        let clock = self.clock.clone();
        let result = Recorder::start_with_clock(
            Entry(self.book.clone()),
            topic,
            session,
            Box::new(move || clock()),
        );
        self.outcome(result)
    }

    /// Which of `topic`'s cards are due, new and later, from the journal as it is now.
    pub fn card_queue(&self, topic: &Topic) -> crate::progress::CardQueue {
        if let Some(queue) = self.card_queues.get(&topic.id)
            && !self.book.borrow().dirty
        {
            return queue.clone();
        }
        crate::progress::card_queue(&self.book.borrow().progress, topic, self.today())
    }

    /// When `card` comes back after its grades; `None` when nothing is saved.
    pub fn card_next_review(
        &self,
        topic: &str,
        card: &crate::content::Card,
    ) -> Option<crate::progress::NextReview> {
        let book = self.book.borrow();
        if !book.saves {
            return None;
        }
        crate::progress::card_next_review(&book.progress, topic, card, self.today())
    }

    /// A recorder for a new Flashcards session on `topic`: records that it
    /// started. `Err` is the message to show.
    pub fn start_cards(&mut self, topic: &str) -> Result<Recorder<Entry>, String> {
        let clock = self.clock.clone();
        let result =
            Recorder::start_cards(Entry(self.book.clone()), topic, Box::new(move || clock()));
        self.outcome(result)
    }

    /// A recorder for a new Predict session on a scenario of `topic`:
    /// records that it started. `Err` is the message to show.
    pub fn start_predict(&mut self, topic: &str) -> Result<Recorder<Entry>, String> {
        let clock = self.clock.clone();
        let result =
            Recorder::start_predict(Entry(self.book.clone()), topic, Box::new(move || clock()));
        self.outcome(result)
    }

    /// Record the outcome picked for `ask`; `Err` is the message to show.
    pub fn predicted(
        &mut self,
        recorder: &mut Recorder<Entry>,
        scenario: &str,
        ask: &crate::replay::prediction::Ask,
        picked: usize,
    ) -> Result<(), String> {
        let written = recorder.predicted(scenario, ask, picked);
        self.outcome(written)
    }

    /// Record that a Replay lab session starts on a scenario of `topic`.
    /// `Err` is the message to show.
    pub fn start_lab(&mut self, topic: &str) -> Result<(), String> {
        let clock = self.clock.clone();
        let result =
            Recorder::start_lab(Entry(self.book.clone()), topic, Box::new(move || clock()));
        self.outcome(result).map(drop)
    }

    /// A recorder for a new Learn session on `topic`. `Err` is the message to show.
    pub fn start_learn(&mut self, topic: &str) -> Result<Recorder<Entry>, String> {
        let clock = self.clock.clone();
        let result =
            Recorder::start_learn(Entry(self.book.clone()), topic, Box::new(move || clock()));
        self.outcome(result)
    }

    /// Record that `note` was shown; `Err` is the message to show.
    pub fn note_read(
        &mut self,
        recorder: &mut Recorder<Entry>,
        note: &crate::content::Note,
    ) -> Result<(), String> {
        let written = recorder.note_read(note);
        self.outcome(written)
    }

    /// Record a grade just given in `deck`; `Err` is the message to show.
    pub fn card_graded(
        &mut self,
        recorder: &mut Recorder<Entry>,
        deck: &crate::practice::Deck,
        graded: &crate::practice::Graded,
    ) -> Result<(), String> {
        let written = recorder.card_graded(deck, graded);
        self.outcome(written)
    }

    /// Note how a write went: a failure is kept for the home screen and
    /// returned as the message to show now.
    fn outcome<T>(&mut self, result: std::io::Result<T>) -> Result<T, String> {
        match result {
            Ok(value) => {
                self.write_error = None;
                Ok(value)
            }
            Err(e) => {
                let text = format!(
                    "Could not save to your journal ({e}); you can go on, but this is not saved."
                );
                self.write_error = Some(text.clone());
                Err(text)
            }
        }
    }
}

/// What one run records: the recorder once its start is on disk.
#[derive(Default)]
pub struct Record {
    recorder: Option<Recorder<Entry>>,
    topic: String,
}

impl Record {
    pub fn new(topic: &str, recorder: Option<Recorder<Entry>>) -> Record {
        Record {
            recorder,
            topic: topic.to_string(),
        }
    }

    /// The recorder, starting it now if its start could not be saved before.
    fn recorder(
        &mut self,
        learner: &mut Learner,
        session: &Session,
    ) -> Result<&mut Recorder<Entry>, String> {
        if self.recorder.is_none() {
            self.recorder = Some(learner.start(&self.topic, session)?);
        }
        Ok(self.recorder.as_mut().expect("started above"))
    }

    /// Record a try; `Err` is the message for the learner.
    pub fn answered(
        &mut self,
        learner: &mut Learner,
        session: &Session,
        index: usize,
        result: &TryResult,
    ) -> Result<(), String> {
        let written = self
            .recorder(learner, session)?
            .answered(session, index, result);
        learner.outcome(written)
    }

    /// Record that the hint of item `index` was shown.
    pub fn hint_shown(
        &mut self,
        learner: &mut Learner,
        session: &Session,
        index: usize,
    ) -> Result<(), String> {
        let written = self.recorder(learner, session)?.hint_shown(session, index);
        learner.outcome(written)
    }

    /// Record a run of kata `index`'s code.
    pub fn kata_ran(
        &mut self,
        learner: &mut Learner,
        session: &Session,
        index: usize,
        run: &crate::practice::KataRun,
    ) -> Result<(), String> {
        let written = self
            .recorder(learner, session)?
            .kata_ran(session, index, run);
        learner.outcome(written)
    }

    /// Record the run of runnable exercise `index` after a try.
    pub fn exercise_ran(
        &mut self,
        learner: &mut Learner,
        session: &Session,
        index: usize,
        code: &str,
        outcome: &crate::sandbox::Outcome,
    ) -> Result<(), String> {
        let written = self
            .recorder(learner, session)?
            .exercise_ran(session, index, code, outcome);
        learner.outcome(written)
    }

    /// Record that the learner left a running test (once; nothing once it is over).
    pub fn abandoned(&mut self, learner: &mut Learner, session: &Session) -> Result<(), String> {
        let written = self.recorder(learner, session)?.abandoned(session);
        learner.outcome(written)
    }

    /// Record a finished test's score (once; nothing for other modes).
    pub fn finished(&mut self, learner: &mut Learner, session: &Session) -> Result<(), String> {
        let written = self.recorder(learner, session)?.finished(session);
        learner.outcome(written)
    }
}
