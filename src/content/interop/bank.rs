//! A question bank brought in from another tool, in kata's terms: topics of
//! questions, and what could not come along (with its place in the source
//! file). Written out as kata topic files that `kata check` accepts.

use std::collections::BTreeMap;

/// A bank read from a Moodle file, ready to be written as kata files.
///
/// ```
/// use kata::content::interop::gift;
/// let bank = gift::read("Who keeps every change? {=An event store ~A cache}", "bank").unwrap();
/// assert_eq!(bank.topics[0].questions[0].options, ["An event store", "A cache"]);
/// assert!(bank.left_out.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bank {
    /// In the order their categories first appear.
    pub topics: Vec<BankTopic>,
    /// What kata cannot represent, in file order: never dropped silently.
    pub left_out: Vec<LeftOut>,
    /// Each category's topic, by title, while the bank is read.
    pub(super) by_title: std::collections::HashMap<String, usize>,
    pub(super) topic_ids: IdSet,
    /// Per topic, the ids of its items.
    pub(super) item_ids: Vec<IdSet>,
}

impl Bank {
    /// A new id for an item of topic `topic`: `base` (its name as an id),
    /// else `q1`, `q2`…; `-2`, `-3` on a repeat.
    pub(super) fn new_id(&mut self, topic: usize, base: Option<String>) -> String {
        let ids = &mut self.item_ids[topic];
        let base = base.unwrap_or_else(|| format!("q{}", ids.len() + 1));
        ids.take(base)
    }
}

/// One category of the bank, as a kata topic.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BankTopic {
    pub id: String,
    pub title: String,
    pub questions: Vec<BankQuestion>,
    /// Moodle XML's drag and drop into text (`ddwtos`) and select missing
    /// words (`gapselect`): kata's fill-in exercise with one shared pool.
    pub exercises: Vec<BankExercise>,
}

/// Ids given so far, and the next suffix per base, so that a bank of
/// 100,000 items (or categories) named alike stays linear.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct IdSet {
    ids: std::collections::HashSet<String>,
    next: std::collections::HashMap<String, usize>,
}

impl IdSet {
    /// `base` if it is free, else `base-2`, `base-3`…
    pub(super) fn take(&mut self, base: String) -> String {
        let mut id = base.clone();
        while self.ids.contains(&id) {
            let n = self.next.entry(base.clone()).or_insert(1);
            *n += 1;
            id = format!("{base}-{n}");
        }
        self.ids.insert(id.clone());
        id
    }

    pub(super) fn len(&self) -> usize {
        self.ids.len()
    }
}

/// A fill-in exercise: text with gaps `{{1}}`, `{{2}}`… filled from one pool.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BankExercise {
    pub id: String,
    /// 1-based line of the question in the source file.
    pub line: usize,
    pub prompt: String,
    /// The text with kata's blanks `{{1}}`, `{{2}}`…
    pub code: String,
    pub options: Vec<String>,
    /// Per blank, in order, the index of its right option.
    pub answer: Vec<usize>,
    pub steps: Vec<String>,
    /// Empty when the bank gives none.
    pub hint: String,
    pub shuffle: bool,
}

/// One question kata can represent: a multiple choice with one right
/// option, or a choose-all question (Moodle's multiple answer whose right
/// answers share 100 % equally).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BankQuestion {
    pub id: String,
    /// 1-based line of the question in the source file.
    pub line: usize,
    pub prompt: String,
    pub options: Vec<String>,
    /// Index of the right option (of a choose-all question, the first).
    pub answer: usize,
    /// Every right option of a choose-all question; empty otherwise.
    pub choose_all: Vec<usize>,
    /// Why a wrong option is wrong, by option index.
    pub feedback: BTreeMap<usize, String>,
    /// The right option's feedback and the general feedback: shown after answering.
    pub steps: Vec<String>,
    /// false for a true/false question: "True" stays first.
    pub shuffle: bool,
    /// Empty when the bank gives none (GIFT never does).
    pub hint: String,
}

/// A question (or part of one) left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// 1-based line in the source file.
    pub line: usize,
    pub why: String,
}

/// Lower-case letters, digits and `-`: a kata id from any text, or `None`
/// when nothing of it is left.
///
/// ```
/// assert_eq!(kata::content::interop::slug("Event store: Basics!").as_deref(), Some("event-store-basics"));
/// assert_eq!(kata::content::interop::slug("¿?"), None);
/// ```
pub fn slug(text: &str) -> Option<String> {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 48 {
            break;
        }
    }
    let out = out.trim_matches('-').to_string();
    (!out.is_empty()).then_some(out)
}

/// A TOML basic string (TOML 1.0: no `\e`, no `\x`).
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(texts: &[String]) -> String {
    let items: Vec<String> = texts.iter().map(|t| quoted(t)).collect();
    format!("[{}]", items.join(", "))
}

impl BankTopic {
    /// The topic as one kata content file. `from` names the source in the
    /// file's opening comment.
    pub fn to_toml(&self, from: &str) -> String {
        let mut out = String::new();
        // The file's name goes into a comment: a line break in it would
        // end the comment and write TOML of the name's choosing.
        let from: String = from
            .chars()
            .map(|c| if c.is_control() { '?' } else { c })
            .collect();
        out.push_str(&format!(
            "# Brought in by `kata import` from {from}.\n\
             # The bank gives no difficulty: every item is \"medium\"; set each.\n\
             # An item without a hint is listed by kata check (K053): write one.\n\n"
        ));
        out.push_str(&format!(
            "[topic]\nid = {}\ntitle = {}\n",
            quoted(&self.id),
            quoted(&self.title)
        ));
        for q in &self.questions {
            let answer = if q.choose_all.is_empty() {
                format!("\"{}\"", super::super::letter(q.answer))
            } else {
                let letters: Vec<String> = (q.choose_all.iter())
                    .map(|&a| super::super::letter(a).to_string())
                    .collect();
                list(&letters)
            };
            out.push_str(&format!(
                "\n[[question]]\nid = {}\ndifficulty = \"medium\"\nprompt = {}\noptions = {}\nanswer = {answer}\nmistakes = []\n",
                quoted(&q.id),
                quoted(&q.prompt),
                list(&q.options),
            ));
            if !q.steps.is_empty() {
                out.push_str(&format!("steps = {}\n", list(&q.steps)));
            }
            if !q.feedback.is_empty() {
                let entries: Vec<String> = q
                    .feedback
                    .iter()
                    .map(|(i, text)| format!("{} = {}", super::super::letter(*i), quoted(text)))
                    .collect();
                out.push_str(&format!("feedback = {{ {} }}\n", entries.join(", ")));
            }
            if !q.hint.is_empty() {
                out.push_str(&format!("hint = {}\n", quoted(&q.hint)));
            }
            if !q.shuffle {
                out.push_str("shuffle = false\n");
            }
        }
        for e in &self.exercises {
            let answer: Vec<String> = e
                .answer
                .iter()
                .map(|&a| super::super::letter(a).to_string())
                .collect();
            out.push_str(&format!(
                "\n[[exercise]]\nid = {}\ndifficulty = \"medium\"\nprompt = {}\ncode = {}\noptions = {}\nanswer = {}\nmistakes = []\n",
                quoted(&e.id),
                quoted(&e.prompt),
                quoted(&e.code),
                list(&e.options),
                list(&answer)
            ));
            if !e.steps.is_empty() {
                out.push_str(&format!("steps = {}\n", list(&e.steps)));
            }
            if !e.hint.is_empty() {
                out.push_str(&format!("hint = {}\n", quoted(&e.hint)));
            }
            if !e.shuffle {
                out.push_str("shuffle = false\n");
            }
        }
        out
    }
}

/// The right options of a Moodle multiple-answer question, given each
/// answer's grade in percent: a choose-all question when two or more share
/// 100 % equally and at least one other earns nothing or less. kata then
/// marks it with its own credit, (right picks − wrong picks) ÷ right
/// answers, which is Moodle's grade when each wrong answer is graded minus
/// one share (as kata exports them); a bank that grades wrong answers 0 %
/// or −100 % is marked more strictly or more gently than in Moodle.
/// `None` for unequal shares (kata has no weights), a single right answer,
/// or every answer right.
///
/// ```
/// use kata::content::interop::choose_all_of;
/// assert_eq!(choose_all_of(&[50.0, -50.0, 50.0]), Some(vec![0, 2]));
/// assert_eq!(choose_all_of(&[33.33333, 33.33333, 33.33333, -100.0]), Some(vec![0, 1, 2]));
/// assert_eq!(choose_all_of(&[70.0, 30.0, 0.0]), None, "unequal shares");
/// assert_eq!(choose_all_of(&[100.0, 0.0]), None, "one right answer");
/// assert_eq!(choose_all_of(&[50.0, 50.0]), None, "nothing to leave out");
/// ```
pub fn choose_all_of(grades: &[f64]) -> Option<Vec<usize>> {
    let right: Vec<usize> = (0..grades.len()).filter(|&i| grades[i] > 0.0).collect();
    if right.len() < 2 || right.len() == grades.len() {
        return None;
    }
    let share = 100.0 / right.len() as f64;
    // Moodle writes shares rounded to 5 places (33.33333).
    let equal = right.iter().all(|&i| (grades[i] - share).abs() < 0.01);
    equal.then_some(right)
}

/// The grades Moodle gives a choose-all question's answers: each right one
/// an equal share of 100 %, each wrong one minus that share (so its grade
/// is kata's credit), as Moodle writes them (5 decimal places); `None` past
/// ten right answers, whose share is not in Moodle's list of grades.
pub fn choose_all_grades(right: usize) -> Option<String> {
    // Moodle's grade menu: 100/n for n = 1..10 (and 5 %); finer shares are refused.
    (1..=10).contains(&right).then(|| {
        let share = 100.0 / right as f64;
        let text = format!("{share:.5}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    })
}

/// The share to write for `q`'s right answers: `Ok(None)` for a question
/// with one answer, `Ok(Some("50"))` for a choose-all question, and why it
/// is left out when Moodle has no such share (over ten right answers).
pub(super) fn share_of(q: &crate::content::Question) -> Result<Option<String>, String> {
    if !q.is_choose_all() {
        return Ok(None);
    }
    choose_all_grades(q.choose_all.len())
        .map(Some)
        .ok_or_else(|| {
            "a choose-all question of over ten right answers: Moodle has no equal share for them"
                .to_string()
        })
}

/// Why a typed exercise is not written to a Moodle bank: Moodle's short
/// answer (and Cloze) compares without case by default and knows nothing of
/// kata's `'`/`"` rule, so the same text could be right in one and wrong in
/// the other; a bank that marks differently is worse than none.
pub(super) const TYPED_LEFT_OUT: &str = "a typed exercise: Moodle's short answer marks typed text by other rules (case, quotes), so it stays in kata";
