//! Turning what happens in a practice session into journal events. Both
//! front-ends call these right after the session changed and before they show
//! the learner the result, so a result on screen is a result on disk.

use super::clock::now_ms;
use super::event::{Event, Recorded};
use super::hash::{code_hash, content_hash};
use super::journal::Sink;
use crate::practice::{KataRun, Mode, Session, TryResult};

/// Records one session's tries, hints and test result.
///
/// ```
/// use kata::content::{Item, Question};
/// use kata::practice::{Mode, Session};
/// use kata::progress::{Event, Recorded, Recorder};
/// let q = Question { id: "q".into(), options: vec!["a".into(), "b".into()], ..Question::default() };
/// let mut session = Session::new(Mode::Quiz, vec![Item::Question(q)]);
/// let mut recorder = Recorder::start(Vec::<Recorded>::new(), "topic", &session).unwrap();
/// let result = session.answer(&[0]).unwrap();
/// recorder.answered(&session, 0, &result).unwrap();
/// let events = recorder.into_sink();
/// assert!(matches!(events[1].event, Event::AnswerSubmitted { correct: true, .. }));
/// ```
pub struct Recorder<S: Sink> {
    sink: S,
    session: u64,
    topic: String,
    clock: Box<dyn FnMut() -> i64>,
    test_recorded: bool,
    /// Items (by index in the session) whose hint is already in the journal:
    /// a hint read twice is one hint, whichever front-end shows it.
    hints_recorded: std::collections::BTreeSet<usize>,
    /// Runs of each runnable exercise so far (by index in the session): an
    /// exercise has no run counter of its own, as a kata's state has.
    exercise_runs: std::collections::BTreeMap<usize, u32>,
    /// Learn notes already recorded as read in this session.
    notes_recorded: std::collections::BTreeSet<String>,
}

impl<S: Sink> Recorder<S> {
    /// Record that `session` starts on `topic`, with the wall clock.
    pub fn start(sink: S, topic: &str, session: &Session) -> std::io::Result<Self> {
        Recorder::start_with_clock(sink, topic, session, Box::new(now_ms))
    }

    /// As [`Recorder::start`], with a clock of your own (ms since the epoch) for tests.
    pub fn start_with_clock(
        sink: S,
        topic: &str,
        session: &Session,
        clock: Box<dyn FnMut() -> i64>,
    ) -> std::io::Result<Self> {
        Recorder::start_named(sink, topic, session.mode().as_str(), session.seed(), clock)
    }

    /// Record that a Flashcards session starts on `topic`; its grades go
    /// through [`Recorder::card_graded`].
    ///
    /// ```
    /// use kata::content::Card;
    /// use kata::practice::Deck;
    /// use kata::progress::{Event, Rating, Recorded, Recorder};
    /// let card = Card { id: "c".into(), front: "Q?".into(), back: "A.".into(), ..Card::default() };
    /// let mut deck = Deck::new(vec![card]);
    /// let mut recorder = Recorder::start_cards(Vec::<Recorded>::new(), "topic", Box::new(|| 5)).unwrap();
    /// deck.turn();
    /// let graded = deck.grade(Rating::Hard).unwrap();
    /// recorder.card_graded(&deck, &graded).unwrap();
    /// let events = recorder.into_sink();
    /// assert!(matches!(&events[0].event, Event::SessionStarted { mode, .. } if mode == "cards"));
    /// assert!(matches!(events[1].event, Event::CardRated { rating: 2, .. }));
    /// ```
    pub fn start_cards(
        sink: S,
        topic: &str,
        clock: Box<dyn FnMut() -> i64>,
    ) -> std::io::Result<Self> {
        Recorder::start_named(sink, topic, crate::practice::CARDS_MODE, None, clock)
    }

    /// Record that a Predict session starts on a scenario of `topic`.
    pub fn start_predict(
        sink: S,
        topic: &str,
        clock: Box<dyn FnMut() -> i64>,
    ) -> std::io::Result<Self> {
        Recorder::start_named(sink, topic, crate::practice::PREDICT_MODE, None, clock)
    }

    /// Record that a Replay lab session starts on a scenario of `topic`.
    pub fn start_lab(
        sink: S,
        topic: &str,
        clock: Box<dyn FnMut() -> i64>,
    ) -> std::io::Result<Self> {
        Recorder::start_named(sink, topic, crate::practice::LAB_MODE, None, clock)
    }

    /// Record that a Learn session starts on `topic`; the notes it shows go
    /// through [`Recorder::note_read`].
    pub fn start_learn(
        sink: S,
        topic: &str,
        clock: Box<dyn FnMut() -> i64>,
    ) -> std::io::Result<Self> {
        Recorder::start_named(sink, topic, crate::practice::LEARN_MODE, None, clock)
    }

    /// Record that `note` was shown, once per note in a session (paging back
    /// to a note is not a second reading).
    ///
    /// ```
    /// use kata::content::Note;
    /// use kata::progress::{Event, Recorded, Recorder};
    /// let note = Note { id: "n".into(), title: "T".into(), body: "B.".into(), ..Note::default() };
    /// let mut recorder = Recorder::start_learn(Vec::<Recorded>::new(), "topic", Box::new(|| 5)).unwrap();
    /// recorder.note_read(&note).unwrap();
    /// recorder.note_read(&note).unwrap();
    /// let events = recorder.into_sink();
    /// assert_eq!(events.len(), 2, "the start and one reading");
    /// assert!(matches!(&events[1].event, Event::NoteRead { item, .. } if item == "n"));
    /// ```
    pub fn note_read(&mut self, note: &crate::content::Note) -> std::io::Result<()> {
        if !self.notes_recorded.insert(note.id.clone()) {
            return Ok(());
        }
        self.write(Event::NoteRead {
            session: self.session,
            topic: self.topic.clone(),
            item: note.id.clone(),
            hash: super::note_hash(note),
        })
    }

    /// Record a prediction: the outcome the learner picked for a step of
    /// `scenario` (a Predict session; see [`Recorder::start_predict`]).
    ///
    /// ```
    /// use kata::progress::{Event, Recorded, Recorder};
    /// use kata::replay::prediction::{Step, ask};
    /// let catalog = kata::content::load(&[]);
    /// let bank = kata::replay::Timeline::new(catalog.scenario("bank-account").unwrap());
    /// let question = ask(&bank, Step::Event(4)).unwrap();
    /// let mut recorder = Recorder::start_predict(Vec::<Recorded>::new(), "event-store", Box::new(|| 5)).unwrap();
    /// recorder.predicted("bank-account", &question, question.answer()).unwrap();
    /// let events = recorder.into_sink();
    /// assert!(matches!(&events[1].event,
    ///     Event::Predicted { step, position: 4, correct: true, .. } if step == "event"));
    /// ```
    pub fn predicted(
        &mut self,
        scenario: &str,
        ask: &crate::replay::prediction::Ask,
        picked: usize,
    ) -> std::io::Result<()> {
        use crate::replay::prediction::Step;
        let (step, position) = match ask.step {
            Step::Event(position) => ("event", position),
            Step::Refusal(n) => ("refusal", n as u64),
        };
        let Some(outcome) = ask.outcomes.get(picked) else {
            return Ok(());
        };
        self.write(Event::Predicted {
            session: self.session,
            topic: self.topic.clone(),
            scenario: scenario.to_string(),
            step: step.to_string(),
            position,
            response: outcome.text.clone(),
            correct: outcome.correct,
        })
    }

    /// Record a flashcard's grade, just given in `deck`.
    pub fn card_graded(
        &mut self,
        deck: &crate::practice::Deck,
        graded: &crate::practice::Graded,
    ) -> std::io::Result<()> {
        let Some(card) = deck.cards().iter().find(|c| c.id == graded.card) else {
            return Ok(());
        };
        self.write(Event::CardRated {
            session: self.session,
            topic: self.topic.clone(),
            item: card.id.clone(),
            hash: super::card_hash(card),
            rating: graded.rating as u8,
        })
    }

    fn start_named(
        sink: S,
        topic: &str,
        mode: &str,
        seed: Option<u64>,
        mut clock: Box<dyn FnMut() -> i64>,
    ) -> std::io::Result<Self> {
        let at = clock();
        // Nanoseconds make the id unique per learner: only one process writes a journal.
        let id = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(at as u64);
        let mut recorder = Recorder {
            sink,
            session: id,
            topic: topic.to_string(),
            clock,
            test_recorded: false,
            hints_recorded: Default::default(),
            exercise_runs: Default::default(),
            notes_recorded: Default::default(),
        };
        recorder.write_at(
            at,
            Event::SessionStarted {
                session: id,
                topic: topic.to_string(),
                mode: mode.to_string(),
                seed,
            },
        )?;
        Ok(recorder)
    }

    /// Record the try just made on item `index` with its `result`.
    pub fn answered(
        &mut self,
        session: &Session,
        index: usize,
        result: &TryResult,
    ) -> std::io::Result<()> {
        // The journal keeps what the item is and which options were chosen
        // as written in the file: the letters on screen depend on the shuffle.
        let item = session.written(index);
        let state = session.state(index);
        let chosen = state
            .attempts
            .last()
            .map(|a| session.in_file(index, &a.chosen))
            .unwrap_or_default();
        let confidence = state
            .attempts
            .last()
            .and_then(|a| a.confidence)
            .map(|c| c.level());
        self.write(Event::AnswerSubmitted {
            confidence,
            session: self.session,
            topic: self.topic.clone(),
            item: item.id().to_string(),
            hash: content_hash(item),
            chosen,
            try_number: state.earlier_tries + state.attempts.len() as u32,
            correct: result.correct,
            points: session.points(index),
            typed: state
                .attempts
                .last()
                .filter(|_| item.is_typed())
                .map(|a| a.typed.clone()),
        })
    }

    /// Record the run just made of kata `index`'s code (see
    /// [`Session::run_kata`](crate::practice::Session::run_kata)): which code
    /// ran, how many tests passed, whether the kata is solved.
    pub fn kata_ran(
        &mut self,
        session: &Session,
        index: usize,
        run: &KataRun,
    ) -> std::io::Result<()> {
        let item = &session.items()[index];
        let state = session.state(index);
        self.write(Event::CodeRun {
            session: self.session,
            topic: self.topic.clone(),
            item: item.id().to_string(),
            hash: content_hash(item),
            kind: "kata".to_string(),
            code_hash: code_hash(&state.code),
            passed: run.passed as u32,
            tests: run.total as u32,
            solved: state.outcome.is_solved(),
            points: session.points(index),
            run: state.runs,
        })
    }

    /// Record the run of runnable exercise `index` completed as the learner
    /// answered: `code` is the completed code that ran (its hash says which
    /// completion), `outcome` what it did. The try itself is its
    /// `AnswerSubmitted`; a run earns no points.
    pub fn exercise_ran(
        &mut self,
        session: &Session,
        index: usize,
        code: &str,
        outcome: &crate::sandbox::Outcome,
    ) -> std::io::Result<()> {
        let item = &session.items()[index];
        let run = self.exercise_runs.entry(index).or_insert(0);
        *run += 1;
        let run = *run;
        self.write(Event::CodeRun {
            session: self.session,
            topic: self.topic.clone(),
            item: item.id().to_string(),
            hash: content_hash(item),
            kind: "exercise".to_string(),
            code_hash: code_hash(code),
            passed: outcome.tests.iter().filter(|t| t.passed).count() as u32,
            tests: outcome.tests.len() as u32,
            solved: outcome.passed(),
            points: 0.0,
            run,
        })
    }

    /// Record that the hint of item `index` was shown; only the first showing in
    /// a session is written, and none once the item was finished before the hint.
    pub fn hint_shown(&mut self, session: &Session, index: usize) -> std::io::Result<()> {
        if !session.state(index).hint_shown || self.hints_recorded.contains(&index) {
            return Ok(());
        }
        let item = session.written(index);
        self.write(Event::HintShown {
            session: self.session,
            topic: self.topic.clone(),
            item: item.id().to_string(),
            hash: content_hash(item),
        })?;
        self.hints_recorded.insert(index);
        Ok(())
    }

    /// Record a test's score once it is over; does nothing for other modes, for
    /// a test still running, or a second time.
    pub fn finished(&mut self, session: &Session) -> std::io::Result<()> {
        if session.mode() != Mode::Test || !session.is_over() {
            return Ok(());
        }
        self.test_ended(session, session.score().verdict().to_string())
    }

    /// Record that the learner left a test before its end (quit, or input
    /// ended): verdict [`super::ABANDONED`] with the points so far. Does
    /// nothing outside a test, once the test is over (that is
    /// [`Recorder::finished`]), or a second time.
    pub fn abandoned(&mut self, session: &Session) -> std::io::Result<()> {
        if session.mode() != Mode::Test || session.is_over() {
            return Ok(());
        }
        self.test_ended(session, super::ABANDONED.to_string())
    }

    /// The one `TestFinished` of a test, with its score so far and `verdict`.
    fn test_ended(&mut self, session: &Session, verdict: String) -> std::io::Result<()> {
        if self.test_recorded {
            return Ok(());
        }
        let score = session.score();
        self.write(Event::TestFinished {
            session: self.session,
            topic: self.topic.clone(),
            seed: session.seed().unwrap_or(0),
            points: score.points,
            total: score.total,
            verdict,
        })?;
        self.test_recorded = true;
        Ok(())
    }

    /// The topic this recorder writes for.
    pub fn topic(&self) -> &str {
        &self.topic
    }

    pub fn sink(&self) -> &S {
        &self.sink
    }

    pub fn into_sink(self) -> S {
        self.sink
    }

    fn write(&mut self, event: Event) -> std::io::Result<()> {
        let at = (self.clock)();
        self.write_at(at, event)
    }

    fn write_at(&mut self, at: i64, event: Event) -> std::io::Result<()> {
        self.sink.append(&Recorded { at, event })
    }
}
