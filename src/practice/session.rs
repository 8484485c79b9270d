//! A practice session: the items in play, what the learner chose, their tries,
//! hints, outcomes and the score. Both front-ends drive this one type; none of
//! its rules live in a front-end.

use super::scoring::{self, Score};
use crate::content::{Difficulty, Item};
use serde::Serialize;

/// How a session is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Fill-in katas with their attempts, hints and worked solutions.
    Practice,
    /// Questions one by one, the solution after each.
    Quiz,
    /// A scored test: one try per item, no hints, solutions only at the end.
    Test,
    /// The mistakes queue again: items whose latest try was wrong (chosen by `progress`).
    Review,
    /// The items spaced repetition says are due today (chosen by `progress`).
    Due,
    /// The learner's own test: how many items, which difficulties and
    /// kinds, and a time limit (see [`super::ExamSpec`]). Marked as a test
    /// is — one try, no hints, solutions at the end — but never recorded as
    /// the topic's test result, since the learner chose what it asks.
    Exam,
}

impl Mode {
    /// A test or an exam: one try per item, no hints, solutions at the end.
    ///
    /// ```
    /// use kata::practice::Mode;
    /// assert!(Mode::Exam.is_scored() && Mode::Test.is_scored() && !Mode::Quiz.is_scored());
    /// ```
    pub fn is_scored(self) -> bool {
        matches!(self, Mode::Test | Mode::Exam)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Practice => "practice",
            Mode::Quiz => "quiz",
            Mode::Test => "test",
            Mode::Review => "review",
            Mode::Due => "due",
            Mode::Exam => "exam",
        }
    }
}

/// One submitted answer: the option chosen for each blank and whether each was right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attempt {
    /// The option in each blank; of a choose-all question, the options
    /// picked, in option order.
    pub chosen: Vec<usize>,
    /// Per blank (per pick): was the chosen option a correct one?
    pub marks: Vec<bool>,
    /// Correct options of a choose-all question left unpicked (0 otherwise).
    pub missed: usize,
    /// Of a typed exercise, the text typed in each blank, trimmed (`chosen`
    /// is then empty); empty for other kinds.
    pub typed: Vec<String>,
    /// How sure the learner said they were (confidence-based marking; an
    /// item's first try only).
    pub confidence: Option<super::Confidence>,
}

impl Attempt {
    pub fn correct(&self) -> bool {
        self.marks.iter().all(|&m| m) && self.missed == 0
    }
}

/// Where an item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "state")]
pub enum Outcome {
    /// Still being worked on.
    Open,
    /// Right on try `on_try` (1-based).
    Solved { on_try: usize },
    /// Every try used, or the test ended first.
    Failed,
}

impl Outcome {
    pub fn is_finished(self) -> bool {
        self != Outcome::Open
    }
    pub fn is_solved(self) -> bool {
        matches!(self, Outcome::Solved { .. })
    }
}

/// The learner's work on one item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemState {
    /// The option currently placed in each blank (a question has one blank).
    pub chosen: Vec<Option<usize>>,
    /// The options picked so far on a choose-all question, in option order
    /// ([`Session::toggle`]); empty for other kinds.
    pub picked: Vec<usize>,
    /// The text typed so far in each blank of a typed exercise
    /// ([`Session::type_text`]); empty for other kinds.
    pub typed: Vec<String>,
    pub attempts: Vec<Attempt>,
    pub hint_shown: bool,
    pub outcome: Outcome,
    /// A kata's code as the learner last handed it in (its starter at first);
    /// empty for other kinds.
    pub code: String,
    /// How many times a kata's code was run (runs are free: they are not tries).
    pub runs: u32,
    /// This is a second showing of an item missed earlier in the same due
    /// session (its learning step), so it does not come back a third time.
    pub again: bool,
    /// The rating for the first try, given before it is marked (see
    /// [`Session::rate`]).
    pub confidence: Option<super::Confidence>,
    /// Tries made before the learner reset the item ([`Session::retry`]):
    /// the journal numbers the new tries after them.
    pub earlier_tries: u32,
    /// The rated first try: how sure the learner was, and whether it was
    /// right (kept when the item is retried).
    pub rated_first: Option<(super::Confidence, bool)>,
}

impl ItemState {
    /// An item not yet tried: no choice, no try, a kata's starter as its code.
    fn fresh(item: &Item) -> ItemState {
        ItemState {
            chosen: vec![None; item.blanks()],
            picked: Vec::new(),
            typed: if item.is_typed() {
                vec![String::new(); item.blanks()]
            } else {
                Vec::new()
            },
            attempts: Vec::new(),
            hint_shown: false,
            outcome: Outcome::Open,
            code: match item {
                Item::Kata(kata) => kata.starter.clone(),
                _ => String::new(),
            },
            runs: 0,
            again: false,
            confidence: None,
            earlier_tries: 0,
            rated_first: None,
        }
    }
}

/// Why a submit was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmitError {
    /// These blanks (0-based) have no option yet.
    Unfilled(Vec<usize>),
    /// The item is already solved or out of tries.
    Finished,
    /// A choice names an option the item does not have, or the count of choices is wrong.
    Invalid(String),
    /// Confidence-based marking is on: rate the answer 1, 2 or 3 first.
    Unrated,
}

impl std::fmt::Display for SubmitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SubmitError::Unfilled(b) => {
                let list: Vec<String> = b.iter().map(|i| (i + 1).to_string()).collect();
                let s = if b.len() == 1 { "" } else { "s" };
                write!(
                    f,
                    "fill every blank first: blank{s} {} still empty",
                    list.join(", ")
                )
            }
            SubmitError::Finished => f.write_str("this item is finished: no tries left"),
            SubmitError::Invalid(why) => f.write_str(why),
            SubmitError::Unrated => {
                f.write_str("how sure are you? rate it 1 (not sure), 2 (fairly) or 3 (very sure)")
            }
        }
    }
}

impl std::error::Error for SubmitError {}

/// What one try showed the learner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TryResult {
    pub correct: bool,
    /// Per blank, right or wrong.
    pub marks: Vec<bool>,
    /// Tries still allowed on this item.
    pub attempts_left: usize,
    /// The instructor's feedback for each wrong option chosen, as (option index, text).
    pub feedback: Vec<(usize, String)>,
    /// Of a typed exercise, the instructor's feedback for each wrong text
    /// they foresaw, as (the text as typed, why it is wrong).
    pub typed_feedback: Vec<(String, String)>,
    /// True when this try ended the item (solved or last try).
    pub finished: bool,
    /// Whether the learner is told now if this try was right (not during a
    /// test: its answers stay blind until the results).
    pub marked: bool,
    /// Whether the worked solution may be shown now (never during a test).
    pub reveal: bool,
    /// The item was missed in a due session and comes back once more at its
    /// end (a learning step, as in Anki), not only on another day.
    pub comes_back: bool,
    /// The confidence-based mark of this try (rated first tries only).
    pub cbm: Option<i32>,
}

/// A session over a list of items.
///
/// ```
/// use kata::content::{Difficulty, Item, Question};
/// use kata::practice::{Mode, Session};
/// let q = Question { id: "q".into(), difficulty: Difficulty::Medium, options: vec!["a".into(), "b".into()],
///                    answer: 1, ..Question::default() };
/// let mut s = Session::new(Mode::Quiz, vec![Item::Question(q)]);
/// let result = s.answer(&[1]).unwrap();
/// assert!(result.correct);
/// assert_eq!(s.score().to_string(), "2/2 (100%)");
/// ```
#[derive(Debug, Clone)]
pub struct Session {
    mode: Mode,
    /// The items as shown: options in this session's order (see `present`).
    items: Vec<Item>,
    /// The items as written in their files.
    written: Vec<Item>,
    /// Per item, `order[shown]` = the option's index in the file.
    orders: Vec<Vec<usize>>,
    /// The seed the options were shuffled with; `None` when shown as written.
    shuffle_seed: Option<u64>,
    states: Vec<ItemState>,
    current: usize,
    seed: Option<u64>,
    ended: bool,
    /// Confidence-based marking: each first try is rated before it is marked.
    rated: bool,
    /// How long the session may take, and when its clock started (the
    /// first time the limit was asked about: the learner's first sight of it).
    time_limit: Option<(std::time::Duration, Option<std::time::Instant>)>,
}

impl Session {
    /// A session showing every item's options as written.
    pub fn new(mode: Mode, items: Vec<Item>) -> Self {
        Session::presented(mode, items, None)
    }

    /// A session showing each item's options in an order drawn from `seed`
    /// (items whose author pinned the order keep it). Every letter the
    /// session hands out — answers, marks, feedback, letter placeholders —
    /// names the option as shown; [`Session::in_file`] turns choices back
    /// into the options' places in the file.
    ///
    /// ```
    /// use kata::content::{Item, Question};
    /// use kata::practice::{Mode, Session};
    /// let q = Question { id: "q".into(), options: vec!["right".into(), "wrong".into(), "worse".into()],
    ///                    answer: 0, shuffle: true, ..Question::default() };
    /// let s = Session::shuffled(Mode::Quiz, vec![Item::Question(q)], 7);
    /// let shown = s.current();
    /// let right = shown.answer()[0];
    /// assert_eq!(shown.options()[right], "right");
    /// assert_eq!(s.in_file(0, &[right]), [0]);
    /// ```
    pub fn shuffled(mode: Mode, items: Vec<Item>, seed: u64) -> Self {
        Session::presented(mode, items, Some(seed))
    }

    /// This session, not yet begun, with its options shuffled from `seed`
    /// (for sessions another core put together, like review and due).
    pub fn with_options_shuffled(self, seed: u64) -> Session {
        let mut next = Session::presented(self.mode, self.written, Some(seed));
        next.seed = self.seed;
        next.rated = self.rated;
        next
    }

    fn presented(mode: Mode, written: Vec<Item>, shuffle_seed: Option<u64>) -> Self {
        let orders: Vec<Vec<usize>> = (written.iter())
            .map(|item| match shuffle_seed {
                Some(seed) => super::option_order(item, seed),
                None => (0..item.options().len()).collect(),
            })
            .collect();
        let items: Vec<Item> = (written.iter().zip(&orders))
            .map(|(item, order)| super::present(item, order))
            .collect();
        let states = items.iter().map(ItemState::fresh).collect();
        Session {
            mode,
            items,
            written,
            orders,
            shuffle_seed,
            states,
            current: 0,
            seed: None,
            ended: false,
            rated: false,
            time_limit: None,
        }
    }

    /// A test session drawn from `questions` with `seed` (see [`super::draw_test`]).
    pub fn test(questions: &[crate::content::Question], seed: u64) -> Self {
        let items = super::draw_test(questions, seed, super::TEST_SIZE);
        let mut s = Session::shuffled(Mode::Test, items, seed);
        s.seed = Some(seed);
        s
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// This session with a time limit (an exam's): its clock starts the
    /// first time [`Session::time_left`] is asked.
    pub fn with_time_limit(mut self, limit: std::time::Duration) -> Self {
        self.time_limit = Some((limit, None));
        self
    }

    /// Time left at `now`, when the session has a limit (zero once it ran out).
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use kata::practice::{Mode, Session};
    /// let mut s = Session::new(Mode::Exam, vec![]).with_time_limit(Duration::from_secs(60));
    /// let start = Instant::now();
    /// assert_eq!(s.time_left(start), Some(Duration::from_secs(60)));
    /// assert_eq!(s.time_left(start + Duration::from_secs(90)), Some(Duration::ZERO));
    /// ```
    pub fn time_left(&mut self, now: std::time::Instant) -> Option<std::time::Duration> {
        let (limit, started) = self.time_limit.as_mut()?;
        let started = *started.get_or_insert(now);
        Some(limit.saturating_sub(now.saturating_duration_since(started)))
    }

    /// End the session if its time ran out at `now`: every open item then
    /// counts as wrong. Returns whether it ran out.
    pub fn end_if_out_of_time(&mut self, now: std::time::Instant) -> bool {
        let out = self.time_left(now).is_some_and(|left| left.is_zero());
        if out && !self.ended {
            self.end();
        }
        out
    }
    /// The seed a test was drawn with, to print so the run can be reproduced.
    pub fn seed(&self) -> Option<u64> {
        self.seed
    }
    /// The items as shown, options in the learner's order.
    pub fn items(&self) -> &[Item] {
        &self.items
    }
    /// Item `index` as written in its file (for its content hash and identity).
    pub fn written(&self, index: usize) -> &Item {
        &self.written[index]
    }
    /// Every item as written, in session order.
    pub fn written_items(&self) -> &[Item] {
        &self.written
    }
    /// How item `index` shows its options: `order[shown]` is the option's index in the file.
    pub fn order(&self, index: usize) -> &[usize] {
        &self.orders[index]
    }
    /// Choices of options as shown on item `index`, as the options' places in
    /// the file: what the journal records, whatever letters the learner saw.
    pub fn in_file(&self, index: usize, shown: &[usize]) -> Vec<usize> {
        let order = &self.orders[index];
        shown
            .iter()
            .map(|&s| order.get(s).copied().unwrap_or(s))
            .collect()
    }
    /// The seed the options were shuffled with (`None`: shown as written).
    pub fn shuffle_seed(&self) -> Option<u64> {
        self.shuffle_seed
    }
    pub fn len(&self) -> usize {
        self.items.len()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    pub fn index(&self) -> usize {
        self.current
    }
    pub fn state(&self, index: usize) -> &ItemState {
        &self.states[index]
    }
    pub fn states(&self) -> &[ItemState] {
        &self.states
    }
    /// The item in front of the learner. Panics only on an empty session; check `is_empty` first.
    pub fn current(&self) -> &Item {
        &self.items[self.current]
    }
    pub fn current_state(&self) -> &ItemState {
        &self.states[self.current]
    }
    /// For the other practice modules (katas), which change an item's state.
    pub(super) fn state_mut(&mut self, index: usize) -> &mut ItemState {
        &mut self.states[index]
    }
    /// Whether the session was ended early.
    pub(super) fn ended(&self) -> bool {
        self.ended
    }

    /// Tries allowed on an item in this session: one per question, the exercise's
    /// own count otherwise, and always one in a test.
    pub fn tries_allowed(&self, index: usize) -> usize {
        if self.mode.is_scored() {
            return 1;
        }
        match &self.items[index] {
            Item::Question(_) => 1,
            Item::Exercise(e) => e.attempts.max(1) as usize,
            // Runs are free: a kata is solved, once, by the run that passes every test.
            Item::Kata(_) => 1,
        }
    }

    pub fn attempts_left(&self, index: usize) -> usize {
        if self.states[index].outcome.is_finished() {
            return 0;
        }
        self.tries_allowed(index)
            .saturating_sub(self.states[index].attempts.len())
    }

    /// Move to item `index` (clamped to the session).
    pub fn go_to(&mut self, index: usize) {
        if !self.items.is_empty() {
            self.current = index.min(self.items.len() - 1);
        }
    }
    /// Move to the next item; false when already at the last.
    pub fn next_item(&mut self) -> bool {
        if self.current + 1 < self.items.len() {
            self.current += 1;
            true
        } else {
            false
        }
    }
    /// Move to the previous item; false when already at the first.
    pub fn previous_item(&mut self) -> bool {
        if self.current > 0 {
            self.current -= 1;
            true
        } else {
            false
        }
    }

    /// Whether `option` may be placed on the current item now: it exists,
    /// and the item and the session are still open.
    fn may_place(&self, option: usize) -> Result<(), SubmitError> {
        if option >= self.items[self.current].options().len() {
            return Err(SubmitError::Invalid(format!(
                "there is no option {}",
                crate::content::letter(option)
            )));
        }
        if self.states[self.current].outcome.is_finished() || self.ended {
            return Err(SubmitError::Finished);
        }
        Ok(())
    }

    /// Put `option` into `blank` of the current item. Ignored once the item is finished.
    pub fn choose(&mut self, blank: usize, option: usize) -> Result<(), SubmitError> {
        let item = &self.items[self.current];
        if blank >= item.blanks() {
            return Err(SubmitError::Invalid(format!(
                "there is no blank [{}]",
                blank + 1
            )));
        }
        self.may_place(option)?;
        let state = &mut self.states[self.current];
        state.chosen[blank] = Some(option);
        Ok(())
    }

    /// Empty `blank` of the current item.
    pub fn clear(&mut self, blank: usize) {
        let state = &mut self.states[self.current];
        if !state.outcome.is_finished()
            && let Some(slot) = state.chosen.get_mut(blank)
        {
            *slot = None;
        }
    }

    /// Pick `option` of the current choose-all question, or unpick it if it
    /// was picked.
    ///
    /// ```
    /// use kata::content::{Item, Question};
    /// use kata::practice::{Mode, Session};
    /// let q = Question { options: vec!["a".into(), "b".into(), "c".into()], answer: 0, choose_all: vec![0, 2], ..Question::default() };
    /// let mut s = Session::new(Mode::Quiz, vec![Item::Question(q)]);
    /// s.toggle(2).unwrap();
    /// s.toggle(0).unwrap();
    /// assert_eq!(s.current_state().picked, [0, 2]);
    /// assert!(s.submit().unwrap().correct);
    /// ```
    pub fn toggle(&mut self, option: usize) -> Result<(), SubmitError> {
        let item = &self.items[self.current];
        if !item.is_choose_all() {
            return Err(SubmitError::Invalid(
                "this item takes one option per blank".into(),
            ));
        }
        self.may_place(option)?;
        let state = &mut self.states[self.current];
        match state.picked.binary_search(&option) {
            Ok(at) => {
                state.picked.remove(at);
            }
            Err(at) => state.picked.insert(at, option),
        }
        Ok(())
    }

    /// Put `text` into `blank` of the current typed exercise, replacing what
    /// was typed there. A line break or other control character is dropped:
    /// a blank is typed on one line.
    ///
    /// ```
    /// use kata::content::{CodePiece, Exercise, Item};
    /// use kata::practice::{Mode, Session};
    /// let ex = Exercise { code: vec![CodePiece::Text("store.".into()), CodePiece::Blank(0)],
    ///                     accept: vec![vec!["append".into()]], attempts: 3, ..Exercise::default() };
    /// let mut s = Session::new(Mode::Practice, vec![Item::Exercise(ex)]);
    /// s.type_text(0, "add").unwrap();
    /// assert!(!s.submit().unwrap().correct);
    /// assert_eq!(s.current_state().typed, ["add"], "kept, to be mended");
    /// s.type_text(0, " append ").unwrap();
    /// assert!(s.submit().unwrap().correct);
    /// ```
    pub fn type_text(&mut self, blank: usize, text: &str) -> Result<(), SubmitError> {
        let item = &self.items[self.current];
        if !item.is_typed() {
            return Err(SubmitError::Invalid(
                "this item is answered by choosing, not typing".into(),
            ));
        }
        if blank >= item.blanks() {
            return Err(SubmitError::Invalid(format!(
                "there is no blank [{}]",
                blank + 1
            )));
        }
        if self.states[self.current].outcome.is_finished() || self.ended {
            return Err(SubmitError::Finished);
        }
        self.states[self.current].typed[blank] = text.chars().filter(|c| !c.is_control()).collect();
        Ok(())
    }

    /// Type every blank of the current typed exercise and submit in one step
    /// (the plain mode's way of answering).
    pub fn answer_typed(&mut self, texts: &[String]) -> Result<TryResult, SubmitError> {
        let blanks = self.current().blanks();
        if texts.len() != blanks {
            return Err(SubmitError::Invalid(format!(
                "give {blanks} text{} (one per blank), got {}",
                if blanks == 1 { "" } else { "s" },
                texts.len()
            )));
        }
        for (blank, text) in texts.iter().enumerate() {
            self.type_text(blank, text)?;
        }
        self.submit()
    }

    /// Submit the options placed in the current item's blanks.
    pub fn submit(&mut self) -> Result<TryResult, SubmitError> {
        let index = self.current;
        if self.ended || self.states[index].outcome.is_finished() || self.attempts_left(index) == 0
        {
            return Err(SubmitError::Finished);
        }
        if matches!(self.items[index], Item::Kata(_)) {
            // No letters to mark: a kata is solved by a run that passes every test.
            return Err(SubmitError::Invalid(
                "a kata is solved by running its tests on your code".into(),
            ));
        }
        let choose_all = self.items[index].is_choose_all();
        let typed = self.items[index].is_typed();
        let unfilled: Vec<usize> = if typed {
            (self.states[index].typed.iter().enumerate())
                .filter_map(|(b, t)| t.trim().is_empty().then_some(b))
                .collect()
        } else if choose_all {
            // Nothing picked is not an answer (no right option is "none").
            if self.states[index].picked.is_empty() {
                vec![0]
            } else {
                Vec::new()
            }
        } else {
            (self.states[index].chosen.iter().enumerate())
                .filter_map(|(b, c)| c.is_none().then_some(b))
                .collect()
        };
        if !unfilled.is_empty() {
            return Err(SubmitError::Unfilled(unfilled));
        }
        if self.needs_rating() {
            return Err(SubmitError::Unrated);
        }
        let item = &self.items[index];
        let answer = item.answer();
        let texts: Vec<String> = if typed {
            (self.states[index].typed.iter())
                .map(|t| t.trim().to_string())
                .collect()
        } else {
            Vec::new()
        };
        let (chosen, marks, missed) = if let Item::Exercise(e) = item
            && typed
        {
            let marks = (texts.iter().enumerate())
                .map(|(b, t)| e.typed_right(b, t))
                .collect();
            (Vec::new(), marks, 0)
        } else if choose_all {
            // Each pick is right if it is one of the answers; an answer
            // left unpicked makes the try wrong too.
            let picked = self.states[index].picked.clone();
            let marks: Vec<bool> = picked.iter().map(|p| answer.contains(p)).collect();
            let missed = answer.iter().filter(|a| !picked.contains(a)).count();
            (picked, marks, missed)
        } else {
            let chosen: Vec<usize> = self.states[index]
                .chosen
                .iter()
                .map(|c| c.unwrap_or(0))
                .collect();
            let marks = chosen.iter().zip(&answer).map(|(c, a)| c == a).collect();
            (chosen, marks, 0)
        };
        let correct = marks.iter().all(|&m| m) && missed == 0;
        let mut feedback = Vec::new();
        for (blank, (&c, &right)) in chosen.iter().zip(&marks).enumerate() {
            // A choose-all question's picks are not blanks: its one list.
            let blank = if choose_all { 0 } else { blank };
            if !right
                && !feedback.iter().any(|(o, _)| *o == c)
                && let Some(text) = item.feedback_for(blank, c)
            {
                feedback.push((c, text));
            }
        }
        let mut typed_feedback: Vec<(String, String)> = Vec::new();
        if let Item::Exercise(e) = item {
            for (text, &right) in texts.iter().zip(&marks) {
                if !right
                    && !typed_feedback.iter().any(|(t, _)| t == text)
                    && let Some(why) = e.typed_feedback_for(text)
                {
                    typed_feedback.push((text.clone(), why.to_string()));
                }
            }
        }
        let tries = self.tries_allowed(index);
        let state = &mut self.states[index];
        let confidence = if state.attempts.is_empty() && state.earlier_tries == 0 {
            state.confidence
        } else {
            None
        };
        if let Some(c) = confidence {
            state.rated_first = Some((c, correct));
        }
        state.attempts.push(Attempt {
            chosen,
            marks: marks.clone(),
            missed,
            typed: texts,
            confidence,
        });
        if correct {
            state.outcome = Outcome::Solved {
                on_try: state.attempts.len(),
            };
        } else if state.attempts.len() >= tries {
            state.outcome = Outcome::Failed;
        } else {
            // Keep the right choices in place and empty the wrong ones, so the next try starts from what was right.
            for (slot, &right) in state.chosen.iter_mut().zip(&marks) {
                if !right {
                    *slot = None;
                }
            }
            // Of a choose-all question (should it be given more than one
            // try), the wrong picks are taken back and the right ones stay.
            let picked = std::mem::take(&mut state.picked);
            state.picked = picked
                .into_iter()
                .zip(&marks)
                .filter_map(|(p, &right)| right.then_some(p))
                .collect();
        }
        let finished = state.outcome.is_finished();
        let missed = state.attempts.first().is_some_and(|a| !a.correct());
        let comes_back = finished && missed && self.mode == Mode::Due && !state.again;
        if comes_back {
            self.again(index);
        }
        Ok(TryResult {
            correct,
            marks,
            attempts_left: self.attempts_left(index),
            feedback,
            typed_feedback,
            finished,
            marked: !self.mode.is_scored(),
            reveal: finished && !self.mode.is_scored(),
            comes_back,
            cbm: confidence.map(|c| c.mark(correct)),
        })
    }

    /// This session with confidence-based marking on: every item's first try
    /// must be rated ([`Session::rate`]) before it is marked.
    ///
    /// ```
    /// use kata::content::{Item, Question};
    /// use kata::practice::{Confidence, Mode, Session, SubmitError};
    /// let q = Question { id: "q".into(), options: vec!["a".into(), "b".into()], answer: 1, ..Question::default() };
    /// let mut s = Session::new(Mode::Quiz, vec![Item::Question(q)]).with_confidence();
    /// assert_eq!(s.answer(&[1]), Err(SubmitError::Unrated));
    /// s.rate(Confidence::High).unwrap();
    /// assert_eq!(s.answer(&[1]).unwrap().cbm, Some(3));
    /// ```
    pub fn with_confidence(mut self) -> Session {
        self.rated = true;
        self
    }

    /// Whether confidence-based marking is on.
    pub fn rates_confidence(&self) -> bool {
        self.rated
    }

    /// Whether the current item waits for a rating before its try is marked:
    /// marking is on, it is a first try, and nothing is rated yet.
    pub fn needs_rating(&self) -> bool {
        let state = &self.states[self.current];
        self.rated
            && !matches!(self.items[self.current], Item::Kata(_))
            && state.attempts.is_empty()
            // A retry has seen the solution: its tries are not rated.
            && state.earlier_tries == 0
            && state.confidence.is_none()
            && !state.outcome.is_finished()
            && !self.ended
    }

    /// Rate the current item's first try (it may be changed until the try is
    /// marked). Refused once the item has a try, or with marking off.
    pub fn rate(&mut self, confidence: super::Confidence) -> Result<(), SubmitError> {
        let state = &mut self.states[self.current];
        if !self.rated {
            return Err(SubmitError::Invalid("confidence marking is off".into()));
        }
        if !state.attempts.is_empty()
            || state.earlier_tries > 0
            || state.outcome.is_finished()
            || self.ended
        {
            return Err(SubmitError::Invalid(
                "only the first try is rated: this one is marked already".into(),
            ));
        }
        state.confidence = Some(confidence);
        Ok(())
    }

    /// How often rated answers were right, per confidence (the first try of
    /// each item, learning steps left out, kept through a retry).
    pub fn calibration(&self) -> super::Calibration {
        super::Calibration::of(
            self.states
                .iter()
                .filter(|s| !s.again)
                .filter_map(|s| s.rated_first),
        )
    }

    /// Take a finished item again (rustlings' reset): its blanks empty, its
    /// tries back to the full count, no hint shown. The journal keeps the
    /// earlier tries and numbers the new ones after them; a retried item
    /// earns half its points at most, as after a hint — its solution was on
    /// screen. Refused during a test (its answers stand) and for a kata (its
    /// code is reset in its editor).
    ///
    /// ```
    /// use kata::content::{Item, Question};
    /// use kata::practice::{Mode, Session};
    /// let q = Question { id: "q".into(), options: vec!["a".into(), "b".into()], answer: 1,
    ///                    difficulty: kata::content::Difficulty::Easy, ..Question::default() };
    /// let mut s = Session::new(Mode::Quiz, vec![Item::Question(q)]);
    /// s.answer(&[0]).unwrap();
    /// s.retry(0).unwrap();
    /// assert!(s.answer(&[1]).unwrap().correct);
    /// assert_eq!(s.points(0), 0.5);
    /// ```
    pub fn retry(&mut self, index: usize) -> Result<(), SubmitError> {
        if self.mode.is_scored() {
            return Err(SubmitError::Invalid(
                "a test's answers stand: take the item again in practice or the quiz".into(),
            ));
        }
        let Some(item) = self.items.get(index) else {
            return Err(SubmitError::Invalid(format!(
                "there is no item {}",
                index + 1
            )));
        };
        if matches!(item, Item::Kata(_)) {
            return Err(SubmitError::Invalid(
                "a kata is taken again by editing its code and running it".into(),
            ));
        }
        let blanks = item.blanks();
        let state = &mut self.states[index];
        if !state.outcome.is_finished() {
            return Err(SubmitError::Invalid(
                "this item is still open: finish it before taking it again".into(),
            ));
        }
        state.earlier_tries += state.attempts.len() as u32;
        state.attempts.clear();
        state.chosen = vec![None; blanks];
        state.picked.clear();
        state.typed.iter_mut().for_each(String::clear);
        state.outcome = Outcome::Open;
        state.hint_shown = false;
        state.confidence = None;
        self.current = index;
        Ok(())
    }

    /// Whether item `index` was reset with [`Session::retry`].
    pub fn retried(&self, index: usize) -> bool {
        self.states[index].earlier_tries > 0
    }

    /// Put item `index` at the end of the session once more, fresh, in the
    /// same option order: the learning step of a due session.
    fn again(&mut self, index: usize) {
        self.items.push(self.items[index].clone());
        self.written.push(self.written[index].clone());
        self.orders.push(self.orders[index].clone());
        self.states.push(ItemState {
            again: true,
            ..ItemState::fresh(&self.items[index])
        });
    }

    /// Place every choice and submit in one step (the plain mode's way of answering).
    pub fn answer(&mut self, choices: &[usize]) -> Result<TryResult, SubmitError> {
        if self.current().is_choose_all() {
            return self.answer_all(choices);
        }
        if self.current().is_typed() {
            return Err(SubmitError::Invalid(
                "this exercise is typed: type the text of each blank".into(),
            ));
        }
        let blanks = self.current().blanks();
        // A letter with no option is the nearer mistake than a count: `Z` on a
        // two-blank task is a typo, not half an answer.
        let options = self.current().options().len();
        if let Some(&bad) = choices.iter().find(|&&c| c >= options) {
            return Err(SubmitError::Invalid(format!(
                "there is no option {} (the options are A to {})",
                crate::content::letter(bad),
                crate::content::letter(options.saturating_sub(1))
            )));
        }
        if choices.len() != blanks {
            return Err(SubmitError::Invalid(format!(
                "give {blanks} letter{} (one per blank), got {}",
                if blanks == 1 { "" } else { "s" },
                choices.len()
            )));
        }
        if self.current_state().outcome.is_finished() || self.ended {
            return Err(SubmitError::Finished);
        }
        for (blank, &option) in choices.iter().enumerate() {
            self.choose(blank, option)?;
        }
        self.submit()
    }

    /// Pick exactly `choices` on the current choose-all question and submit.
    fn answer_all(&mut self, choices: &[usize]) -> Result<TryResult, SubmitError> {
        let options = self.current().options().len();
        if let Some(&bad) = choices.iter().find(|&&c| c >= options) {
            return Err(SubmitError::Invalid(format!(
                "there is no option {} (the options are A to {})",
                crate::content::letter(bad),
                crate::content::letter(options.saturating_sub(1))
            )));
        }
        if choices.is_empty() {
            return Err(SubmitError::Invalid(
                "give every letter that applies, like `A C`".into(),
            ));
        }
        if self.current_state().outcome.is_finished() || self.ended {
            return Err(SubmitError::Finished);
        }
        let mut picked = choices.to_vec();
        picked.sort_unstable();
        picked.dedup();
        self.states[self.current].picked = picked;
        self.submit()
    }

    /// Show the current item's hint. Refused in a test and for an item with
    /// none ([`Session::no_hint_reason`] says which); halves the item's points
    /// if shown before solving.
    pub fn show_hint(&mut self) -> Option<&str> {
        if !self.hints_allowed() {
            return None;
        }
        let state = &mut self.states[self.current];
        if !state.outcome.is_finished() {
            state.hint_shown = true;
        }
        Some(self.items[self.current].hint())
    }

    /// Whether a try's right/wrong marks may be shown now. A test stays blind
    /// until it is over, so an answer cannot be compared with the others' marks;
    /// every other mode marks each try at once. Both front-ends follow this.
    pub fn marks_shown(&self) -> bool {
        !self.mode.is_scored() || self.is_over()
    }

    /// Whether the current item offers a hint: never in a test, and not
    /// when its author wrote none (an item brought in from Moodle, say).
    pub fn hints_allowed(&self) -> bool {
        !self.mode.is_scored()
            && self
                .items
                .get(self.current)
                .is_some_and(|item| !item.hint().is_empty())
    }

    /// Why [`Session::show_hint`] gave nothing, in the words both front-ends show.
    pub fn no_hint_reason(&self) -> &'static str {
        if self.mode.is_scored() {
            "Hints are off during a test."
        } else {
            "This item has no hint."
        }
    }

    /// Whether the current item's worked solution may be shown: once it is
    /// finished, and in a test only after the test has ended.
    pub fn may_reveal(&self, index: usize) -> bool {
        let finished = self.states[index].outcome.is_finished();
        match self.mode {
            Mode::Test => self.is_over(),
            _ => finished,
        }
    }

    /// End the session now (a test's time ran out, or the learner stopped):
    /// every open item counts as failed.
    pub fn end(&mut self) {
        self.ended = true;
        for state in &mut self.states {
            if state.outcome == Outcome::Open {
                state.outcome = Outcome::Failed;
            }
        }
    }

    /// True when every item is finished or the session was ended.
    pub fn is_over(&self) -> bool {
        self.ended || self.states.iter().all(|s| s.outcome.is_finished())
    }

    /// The index of the first item still open after the current one, wrapping around.
    pub fn next_open(&self) -> Option<usize> {
        let n = self.items.len();
        (1..=n)
            .map(|k| (self.current + k) % n)
            .find(|&i| !self.states[i].outcome.is_finished())
    }

    /// This session over edited `items`, as written (the same mode, seeds and ended-ness):
    /// the current item stays by id, and the learner's work carries over to
    /// each item whose id and content are unchanged; an edited or new item
    /// starts afresh. `kata preview` rebuilds running sessions with it.
    ///
    /// ```
    /// use kata::content::{Difficulty, Item, Question};
    /// use kata::practice::{Mode, Session};
    /// let q = |id: &str, prompt: &str| Item::Question(Question { id: id.into(), prompt: prompt.into(),
    ///     difficulty: Difficulty::Easy, options: vec!["x".into(), "y".into()], ..Question::default() });
    /// let mut s = Session::new(Mode::Quiz, vec![q("a", "A?"), q("b", "B?")]);
    /// s.answer(&[0]).unwrap();
    /// s.go_to(1);
    /// let kept = s.rebuilt(vec![q("new", "N?"), q("a", "A?"), q("b", "B?")]);
    /// assert_eq!(kept.current().id(), "b", "same place");
    /// assert!(kept.state(1).outcome.is_finished(), "unchanged item keeps its work");
    /// let edited = s.rebuilt(vec![q("a", "A, reworded?"), q("b", "B?")]);
    /// assert!(!edited.state(0).outcome.is_finished(), "edited item starts afresh");
    /// ```
    pub fn rebuilt(&self, items: Vec<Item>) -> Session {
        let place = super::same_ids(&self.written, &items);
        let mut next = Session::presented(self.mode, items, self.shuffle_seed);
        next.seed = self.seed;
        next.ended = self.ended;
        for (i, old) in place.iter().enumerate() {
            if let Some(old) = *old
                && super::same_content(&self.written[old], &next.written[i])
            {
                next.states[i] = self.states[old].clone();
            }
        }
        let current_id = self.items.get(self.current).map(Item::id);
        next.current = next
            .items
            .iter()
            .position(|item| Some(item.id()) == current_id)
            .unwrap_or(self.current.min(next.items.len().saturating_sub(1)));
        if next.ended {
            // A new item in an ended test counts as failed, like every open one did.
            next.end();
        }
        next
    }

    /// Points earned on item `index`. A choose-all question out of tries
    /// earns the credit of its last pick ([`Question::credit`]) under the
    /// same rules as a try that was right on its last chance.
    ///
    /// [`Question::credit`]: crate::content::Question::credit
    pub fn points(&self, index: usize) -> f64 {
        let state = &self.states[index];
        // A retry has seen the solution: it earns what a hinted try does.
        let hinted = state.hint_shown || state.earlier_tries > 0;
        let weight = self.items[index].difficulty().weight();
        match (state.outcome, &self.items[index]) {
            (Outcome::Solved { on_try }, _) => {
                scoring::points(weight, on_try, self.tries_allowed(index), hinted)
            }
            (Outcome::Failed, Item::Question(q)) if q.is_choose_all() => {
                match state.attempts.last() {
                    Some(last) => {
                        let tries = state.attempts.len();
                        q.credit(&last.chosen)
                            * scoring::points(
                                weight,
                                tries,
                                self.tries_allowed(index).max(tries),
                                hinted,
                            )
                    }
                    None => 0.0,
                }
            }
            _ => 0.0,
        }
    }

    /// The score over every item of the session, answered or not.
    pub fn score(&self) -> Score {
        self.score_where(|_| true)
    }

    /// The score over the items of one difficulty, for the results breakdown.
    pub fn score_of(&self, difficulty: Difficulty) -> Score {
        self.score_where(|item| item.difficulty() == difficulty)
    }

    fn score_where(&self, keep: impl Fn(&Item) -> bool) -> Score {
        let mut score = Score {
            points: 0.0,
            total: 0,
        };
        // A learning step's second showing is practice, not another item to score.
        let counted = |i: usize, item: &Item| !self.states[i].again && keep(item);
        for (i, item) in self
            .items
            .iter()
            .enumerate()
            .filter(|(i, item)| counted(*i, item))
        {
            score.points += self.points(i);
            score.total += item.difficulty().weight();
        }
        score
    }
}
