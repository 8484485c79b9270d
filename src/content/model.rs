//! The checked content model: what an instructor wrote, after every rule in
//! `content::check` has passed. Front-ends and cores only ever see these types,
//! so a `Question` here always has a valid `answer`, at least two options, and
//! so on — nobody downstream re-validates.

use serde::Serialize;
use std::collections::BTreeMap;

/// How hard an item is; also its weight in points (1, 2, 3).
///
/// ```
/// use kata::content::Difficulty;
/// assert_eq!(Difficulty::Hard.weight(), 3);
/// assert_eq!("medium".parse::<Difficulty>(), Ok(Difficulty::Medium));
/// ```
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
#[schemars(description = "easy, medium or hard; also the weight in points (1, 2, 3).")]
pub enum Difficulty {
    #[default]
    Easy,
    Medium,
    Hard,
}

impl Difficulty {
    /// Every difficulty, easiest first.
    pub const ALL: [Difficulty; 3] = [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard];

    /// Points an item of this difficulty is worth when solved on the first try.
    pub fn weight(self) -> u32 {
        match self {
            Difficulty::Easy => 1,
            Difficulty::Medium => 2,
            Difficulty::Hard => 3,
        }
    }

    /// The word used in files and on screen: `easy`, `medium`, `hard`.
    pub fn as_str(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Medium => "medium",
            Difficulty::Hard => "hard",
        }
    }
}

impl std::fmt::Display for Difficulty {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Difficulty {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "easy" => Ok(Difficulty::Easy),
            "medium" => Ok(Difficulty::Medium),
            "hard" => Ok(Difficulty::Hard),
            _ => Err(()),
        }
    }
}

/// The letter shown for an option index: 0 → `A`, 1 → `B`, …
///
/// ```
/// assert_eq!(kata::content::letter(2), 'C');
/// ```
pub fn letter(index: usize) -> char {
    (b'A' + (index % 26) as u8) as char
}

/// The option index a letter names, if it is an upper- or lower-case letter.
///
/// ```
/// assert_eq!(kata::content::index_of_letter('b'), Some(1));
/// assert_eq!(kata::content::index_of_letter('?'), None);
/// ```
pub fn index_of_letter(c: char) -> Option<usize> {
    let c = c.to_ascii_uppercase();
    c.is_ascii_uppercase().then(|| (c as u8 - b'A') as usize)
}

/// Where an item came from, so front-ends and diagnostics can name it.
///
/// ```
/// let origin = kata::content::Origin { path: "quizzes/event-store.toml".into(), line: 12 };
/// assert_eq!(origin.to_string(), "quizzes/event-store.toml:12");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Origin {
    /// The file as the learner or instructor named it (bundled files start with `bundled:`).
    pub path: String,
    /// 1-based line of the item's `[[question]]` / `[[exercise]]` header.
    pub line: usize,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.path, self.line)
    }
}

/// A multiple-choice question: one correct option, or — a *choose-all*
/// question — several, every one of which the learner must pick.
///
/// ```
/// use kata::content::{Difficulty, Question};
/// let q = Question {
///     id: "purpose".into(),
///     difficulty: Difficulty::Easy,
///     prompt: "Why keep events?".into(),
///     options: vec!["History".into(), "Speed".into()],
///     answer: 0,
///     hint: "Think of an audit trail".into(),
///     ..Question::default()
/// };
/// assert_eq!(q.answer_letter(), 'A');
/// ```
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Question {
    pub id: String,
    pub difficulty: Difficulty,
    pub prompt: String,
    pub options: Vec<String>,
    /// Index into `options` of the correct one (of a choose-all question,
    /// the first of them).
    pub answer: usize,
    /// Every correct option of a choose-all question (two or more, in option
    /// order; `answer = ["A", "C"]` in a file); empty for a question with
    /// one answer. See [`Question::answers`].
    pub choose_all: Vec<usize>,
    /// The worked solution, one step per entry.
    pub steps: Vec<String>,
    pub quick_check: Option<String>,
    pub hint: String,
    pub mistakes: Vec<String>,
    /// Why a wrong option is wrong, by option index.
    pub feedback: BTreeMap<usize, String>,
    /// A replay-lab scenario id this question is about.
    pub replay: Option<String>,
    /// Whether a session may show the options in its own order (`shuffle`
    /// in the file, true unless the author pinned the order). A question
    /// built by hand keeps its order unless this is set.
    pub shuffle: bool,
    pub origin: Origin,
}

impl Question {
    /// The letter of the correct option.
    ///
    /// See the example on [`Question`].
    pub fn answer_letter(&self) -> char {
        letter(self.answer)
    }

    /// Whether the learner must pick every correct option of several.
    ///
    /// ```
    /// use kata::content::Question;
    /// let q = Question { options: vec!["a".into(), "b".into(), "c".into()], answer: 0, choose_all: vec![0, 2], ..Question::default() };
    /// assert!(q.is_choose_all());
    /// assert_eq!(q.answers(), [0, 2]);
    /// ```
    pub fn is_choose_all(&self) -> bool {
        !self.choose_all.is_empty()
    }

    /// Every correct option: `[answer]`, or a choose-all question's set.
    pub fn answers(&self) -> Vec<usize> {
        if self.is_choose_all() {
            self.choose_all.clone()
        } else {
            vec![self.answer]
        }
    }

    /// The credit of one pick of a choose-all question: (right picks − wrong
    /// picks) ÷ right options, never below 0, so picking every option earns
    /// nothing. 1 or 0 for a question with one answer.
    ///
    /// ```
    /// use kata::content::Question;
    /// let q = Question { options: vec!["a".into(), "b".into(), "c".into(), "d".into()], answer: 0, choose_all: vec![0, 2], ..Question::default() };
    /// assert_eq!(q.credit(&[0, 2]), 1.0);
    /// assert_eq!(q.credit(&[0]), 0.5);
    /// assert_eq!(q.credit(&[0, 1]), 0.0);
    /// assert_eq!(q.credit(&[0, 1, 2, 3]), 0.0);
    /// ```
    pub fn credit(&self, picked: &[usize]) -> f64 {
        let right = self.answers();
        let hits = picked.iter().filter(|p| right.contains(p)).count() as f64;
        let misses = picked.len() as f64 - hits;
        ((hits - misses) / right.len().max(1) as f64).max(0.0)
    }
}

/// One piece of an exercise's code: literal text or a numbered blank.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum CodePiece {
    Text(String),
    /// A blank, by its 0-based index (`{{1}}` is `Blank(0)`).
    Blank(usize),
}

/// A fill-in-the-blank code exercise: numbered blanks share one pool of options.
///
/// ```
/// use kata::content::{CodePiece, Exercise};
/// let ex = Exercise {
///     code: vec![CodePiece::Text("x ".into()), CodePiece::Blank(0), CodePiece::Text(" 1".into())],
///     options: vec!["==".into(), "!=".into()],
///     answer: vec![0],
///     ..Exercise::default()
/// };
/// assert_eq!(ex.blanks(), 1);
/// assert_eq!(ex.fill(&[Some(1)], |i, text| format!("<{}:{text}>", i + 1)), "x <1:!=> 1");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Exercise {
    pub id: String,
    pub difficulty: Difficulty,
    pub prompt: String,
    /// Language of the snippet, for display only.
    pub lang: Option<String>,
    /// The code, split at its blanks, in reading order.
    pub code: Vec<CodePiece>,
    pub options: Vec<String>,
    /// For each blank in order, the index of its correct option.
    pub answer: Vec<usize>,
    /// Tries allowed (1..=10, default 3).
    pub attempts: u8,
    pub hint: String,
    pub mistakes: Vec<String>,
    pub steps: Vec<String>,
    /// Why a wrong option is wrong in any blank where it is placed, by
    /// option index (`feedback = { C = "…" }`).
    pub feedback: BTreeMap<usize, String>,
    /// Why an option is wrong in one blank: blank index → option index →
    /// text (`feedback = { 2 = { C = "…" } }`); it wins over `feedback`.
    pub blank_feedback: BTreeMap<usize, BTreeMap<usize, String>>,
    pub replay: Option<String>,
    /// What the completed code does to the `replay` scenario's store.
    pub effect: Option<super::Effect>,
    /// Whether a session may show the option pool in its own order (see [`Question::shuffle`]).
    pub shuffle: bool,
    /// What the completed code runs with (`[exercise.run]`), when it is runnable.
    pub run: Option<super::Run>,
    /// Of a typed exercise (`typed = true`), the texts accepted in each blank,
    /// in blank order, the first of each the one the solution shows; empty
    /// for an exercise with options. See [`Exercise::is_typed`].
    pub accept: Vec<Vec<String>>,
    /// Of a typed exercise, why a wrong text is wrong, keyed by the text in
    /// its [`typed_form`](super::typed_form) (`feedback = { "add" = "…" }`).
    pub typed_feedback: BTreeMap<String, String>,
    /// An `[[order]]` item: each blank is a place in a sequence and the
    /// options are the lines or events to put in order.
    pub ordering: bool,
    pub origin: Origin,
}

impl Exercise {
    /// Number of blanks in the code.
    ///
    /// See the example on [`Exercise`].
    pub fn blanks(&self) -> usize {
        if self.is_typed() {
            self.accept.len()
        } else {
            self.answer.len()
        }
    }

    /// Whether the learner types each blank instead of choosing an option.
    ///
    /// ```
    /// use kata::content::{CodePiece, Exercise};
    /// let ex = Exercise {
    ///     code: vec![CodePiece::Text("store.".into()), CodePiece::Blank(0), CodePiece::Text("(e)".into())],
    ///     accept: vec![vec!["append".into()]],
    ///     typed_feedback: [("add".to_string(), "An event store appends.".to_string())].into(),
    ///     ..Exercise::default()
    /// };
    /// assert!(ex.is_typed());
    /// assert_eq!(ex.blanks(), 1);
    /// assert!(ex.typed_right(0, " append"));
    /// assert_eq!(ex.typed_feedback_for("add "), Some("An event store appends."));
    /// assert_eq!(ex.fill_typed(&["add".into()], |_, t| format!("[{t}]")), "store.[add](e)");
    /// assert_eq!(ex.solved_code(), "store.append(e)");
    /// ```
    pub fn is_typed(&self) -> bool {
        !self.accept.is_empty()
    }

    /// Whether `text` typed into `blank` is one of the texts it accepts.
    ///
    /// See the example on [`Exercise::is_typed`].
    pub fn typed_right(&self, blank: usize, text: &str) -> bool {
        self.accept
            .get(blank)
            .is_some_and(|accepted| super::typed_matches(accepted, text))
    }

    /// The author's words on a wrong typed text, if they foresaw it.
    ///
    /// See the example on [`Exercise::is_typed`].
    pub fn typed_feedback_for(&self, text: &str) -> Option<&str> {
        self.typed_feedback
            .get(&super::typed_form(text))
            .map(String::as_str)
    }

    /// The code with each blank rendered by `show(blank, typed_text)`; a
    /// blank with nothing typed gets an empty text.
    ///
    /// See the example on [`Exercise::is_typed`].
    pub fn fill_typed(&self, typed: &[String], show: impl Fn(usize, &str) -> String) -> String {
        self.fill_each(|b| typed.get(b).map_or("", String::as_str), show)
    }

    fn fill_each<'a>(
        &'a self,
        text_of: impl Fn(usize) -> &'a str,
        show: impl Fn(usize, &str) -> String,
    ) -> String {
        let mut out = String::new();
        for piece in &self.code {
            match piece {
                CodePiece::Text(t) => out.push_str(t),
                CodePiece::Blank(b) => out.push_str(&show(*b, text_of(*b))),
            }
        }
        out
    }

    /// Why `option` is wrong in `blank`: the author's words for that blank,
    /// else for the option in any blank, else — when it is the answer of
    /// another blank — that it belongs there.
    ///
    /// ```
    /// use kata::content::{CodePiece, Exercise};
    /// let ex = Exercise {
    ///     code: vec![CodePiece::Blank(0), CodePiece::Text(" ".into()), CodePiece::Blank(1)],
    ///     options: vec!["a".into(), "b".into(), "c".into()],
    ///     answer: vec![0, 1],
    ///     feedback: [(2, "c is never right.".to_string())].into(),
    ///     blank_feedback: [(1, [(0, "a is blank 1's.".to_string())].into())].into(),
    ///     ..Exercise::default()
    /// };
    /// assert_eq!(ex.feedback_for(1, 0).as_deref(), Some("a is blank 1's."));
    /// assert_eq!(ex.feedback_for(0, 2).as_deref(), Some("c is never right."));
    /// assert_eq!(ex.feedback_for(0, 1).as_deref(), Some("It belongs in another blank, not in blank 1."));
    /// assert_eq!(ex.feedback_for(0, 0), None, "the answer of blank 1");
    /// ```
    pub fn feedback_for(&self, blank: usize, option: usize) -> Option<String> {
        if self.answer.get(blank) == Some(&option) {
            return None;
        }
        if let Some(text) = self.blank_feedback.get(&blank).and_then(|f| f.get(&option)) {
            return Some(text.clone());
        }
        if let Some(text) = self.feedback.get(&option) {
            return Some(text.clone());
        }
        self.answer
            .contains(&option)
            .then(|| format!("It belongs in another blank, not in blank {}.", blank + 1))
    }

    /// The code with each blank rendered by `show(blank, option_text)`; an
    /// unfilled blank gets an empty option text.
    ///
    /// See the example on [`Exercise`].
    pub fn fill(&self, chosen: &[Option<usize>], show: impl Fn(usize, &str) -> String) -> String {
        self.fill_each(
            |b| {
                chosen
                    .get(b)
                    .copied()
                    .flatten()
                    .and_then(|o| self.options.get(o))
                    .map_or("", String::as_str)
            },
            show,
        )
    }

    /// The code with every blank filled with its correct option (of a typed
    /// exercise, each blank's first accepted text).
    pub fn solved_code(&self) -> String {
        if self.is_typed() {
            return self.fill_each(
                |b| self.accept[b].first().map_or("", String::as_str),
                |_, text| text.to_string(),
            );
        }
        let chosen: Vec<Option<usize>> = self.answer.iter().copied().map(Some).collect();
        self.fill(&chosen, |_, text| text.to_string())
    }
}

/// Something a learner answers: a question, an exercise, or a kata they write.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
// A session holds tens of items, not millions: boxing the exercise would buy
// a few hundred bytes per item at the price of a box in every match.
#[allow(clippy::large_enum_variant)]
pub enum Item {
    Question(Question),
    Exercise(Exercise),
    Kata(super::Kata),
}

impl Item {
    pub fn id(&self) -> &str {
        match self {
            Item::Question(q) => &q.id,
            Item::Exercise(e) => &e.id,
            Item::Kata(k) => &k.id,
        }
    }
    pub fn difficulty(&self) -> Difficulty {
        match self {
            Item::Question(q) => q.difficulty,
            Item::Exercise(e) => e.difficulty,
            Item::Kata(k) => k.difficulty,
        }
    }
    pub fn prompt(&self) -> &str {
        match self {
            Item::Question(q) => &q.prompt,
            Item::Exercise(e) => &e.prompt,
            Item::Kata(k) => &k.prompt,
        }
    }
    pub fn options(&self) -> &[String] {
        match self {
            Item::Question(q) => &q.options,
            Item::Exercise(e) => &e.options,
            // A kata has no options: the learner writes the code.
            Item::Kata(_) => &[],
        }
    }
    /// The correct option index for each blank (a question has one blank).
    pub fn answer(&self) -> Vec<usize> {
        match self {
            Item::Question(q) => q.answers(),
            Item::Exercise(e) => e.answer.clone(),
            Item::Kata(_) => Vec::new(),
        }
    }
    /// How many choices make one answer: 1 for a question, the blank count
    /// for an exercise, none for a kata (its answer is code).
    pub fn blanks(&self) -> usize {
        match self {
            Item::Question(_) => 1,
            Item::Exercise(e) => e.blanks(),
            Item::Kata(_) => 0,
        }
    }
    pub fn hint(&self) -> &str {
        match self {
            Item::Question(q) => &q.hint,
            Item::Exercise(e) => &e.hint,
            Item::Kata(k) => &k.hint,
        }
    }
    pub fn mistakes(&self) -> &[String] {
        match self {
            Item::Question(q) => &q.mistakes,
            Item::Exercise(e) => &e.mistakes,
            Item::Kata(_) => &[],
        }
    }
    pub fn steps(&self) -> &[String] {
        match self {
            Item::Question(q) => &q.steps,
            Item::Exercise(e) => &e.steps,
            Item::Kata(k) => &k.steps,
        }
    }
    /// Whether this is a choose-all question (see [`Question::is_choose_all`]).
    pub fn is_choose_all(&self) -> bool {
        matches!(self, Item::Question(q) if q.is_choose_all())
    }

    /// Whether this is a typed exercise (see [`Exercise::is_typed`]).
    pub fn is_typed(&self) -> bool {
        matches!(self, Item::Exercise(e) if e.is_typed())
    }

    /// Why `option` is wrong when placed in `blank` (a question has one
    /// blank; see [`Exercise::feedback_for`]).
    pub fn feedback_for(&self, blank: usize, option: usize) -> Option<String> {
        match self {
            Item::Question(q) => q.feedback.get(&option).cloned(),
            Item::Exercise(e) => e.feedback_for(blank, option),
            Item::Kata(_) => None,
        }
    }
    pub fn feedback(&self) -> &BTreeMap<usize, String> {
        static NONE: BTreeMap<usize, String> = BTreeMap::new();
        match self {
            Item::Question(q) => &q.feedback,
            Item::Exercise(e) => &e.feedback,
            Item::Kata(_) => &NONE,
        }
    }
    pub fn replay(&self) -> Option<&str> {
        match self {
            Item::Question(q) => q.replay.as_deref(),
            Item::Exercise(e) => e.replay.as_deref(),
            Item::Kata(k) => k.replay.as_deref(),
        }
    }
    pub fn origin(&self) -> &Origin {
        match self {
            Item::Question(q) => &q.origin,
            Item::Exercise(e) => &e.origin,
            Item::Kata(k) => &k.origin,
        }
    }
    /// Whether a session may shuffle this item's options (see [`Question::shuffle`]).
    /// A kata has no options.
    pub fn shuffles(&self) -> bool {
        match self {
            Item::Question(q) => q.shuffle,
            Item::Exercise(e) => e.shuffle,
            Item::Kata(_) => false,
        }
    }
    /// Word for the kind, as shown in headers: `Question`, `Exercise` or `Kata`.
    pub fn kind(&self) -> &'static str {
        match self {
            Item::Question(_) => "Question",
            Item::Exercise(_) => "Exercise",
            Item::Kata(_) => "Kata",
        }
    }
}

/// A topic: every file with the same `[topic] id` contributes to it.
///
/// ```
/// use kata::content::Topic;
/// let t = Topic { id: "event-store".into(), title: "Event store".into(), ..Topic::default() };
/// assert_eq!(t.questions().count(), 0);
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Topic {
    pub id: String,
    pub title: String,
    pub area: Option<String>,
    pub minutes: Option<u32>,
    /// The topics this one builds on (`requires` in `[topic]`), as loaded:
    /// each names a loaded topic, and none leads back to this one. The
    /// catalog lists topics in track order: every topic after those it requires.
    pub requires: Vec<String>,
    /// Exercises in file order (files sorted by path).
    pub exercises: Vec<Exercise>,
    /// Questions in file order (files sorted by path).
    pub questions: Vec<Question>,
    /// Katas (write-it-yourself code) in file order (files sorted by path).
    pub katas: Vec<super::Kata>,
    /// Flashcards in file order (files sorted by path); never scored, so
    /// not counted among the items of [`Topic::count`].
    pub cards: Vec<super::Card>,
    /// Learn notes in file order (files sorted by path); not items either.
    pub notes: Vec<super::Note>,
    /// `[[predict]]` items as written. Each becomes a question once its
    /// scenario is replayed (`replay::predict::resolve`), which computes its
    /// answer; until then it is not among `questions`.
    pub predictions: Vec<super::Prediction>,
}

impl Topic {
    /// See the example on [`Topic`].
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.questions.iter()
    }

    /// How many questions and exercises there are of one difficulty.
    ///
    /// See the example on [`Topic`].
    pub fn count(&self, difficulty: Difficulty) -> usize {
        self.questions
            .iter()
            .filter(|q| q.difficulty == difficulty)
            .count()
            + self
                .exercises
                .iter()
                .filter(|e| e.difficulty == difficulty)
                .count()
            + self
                .katas
                .iter()
                .filter(|k| k.difficulty == difficulty)
                .count()
    }

    /// Find an item by id.
    pub fn item(&self, id: &str) -> Option<Item> {
        self.exercises
            .iter()
            .find(|e| e.id == id)
            .map(|e| Item::Exercise(e.clone()))
            .or_else(|| {
                self.questions
                    .iter()
                    .find(|q| q.id == id)
                    .map(|q| Item::Question(q.clone()))
            })
            .or_else(|| {
                self.katas
                    .iter()
                    .find(|k| k.id == id)
                    .map(|k| Item::Kata(k.clone()))
            })
    }
}
