//! Predict mode, UI-free: before the lab applies the next event (or tries
//! the next refused append), the learner says what it will do, from a few
//! outcomes kata derives from the store itself — the true one and the
//! slips a learner really makes (the event left out, folded twice, taken the
//! wrong way; a rule thought to refuse an event; a refusal thought to be
//! stored). [`Predicting`] keeps the running score while the lab's cursor moves.
//!
//! Both front-ends use it: the lab's Predict mode and `kata plain --mode predict`.

use super::Timeline;
use super::predict::{Truth, truth_at};
use crate::store::{Change, ChangeKind, Name, Value};

/// What the learner is asked about next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The stored event at this 0-based position.
    Event(u64),
    /// The `n`-th refused append of the scenario (see [`super::Refusal`]).
    Refusal(usize),
}

/// One outcome offered for a step.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// As shown, e.g. `accountId 0's balance: 17 → 14`.
    pub text: String,
    pub correct: bool,
    /// For a wrong one, the slip behind it; for the right one, empty.
    pub why: String,
    /// What a learner may type for it besides its letter (the new value of
    /// the main field, or `nothing`, `warning`, `refused`), lower case.
    pub typed: Vec<String>,
}

/// The question about one step: the event (or append) and its outcomes.
#[derive(Debug, Clone, PartialEq)]
pub struct Ask {
    pub step: Step,
    /// The event or the refused append, as the lab lists it.
    pub what: String,
    /// Two to four outcomes, exactly one correct, in a fixed order per step.
    pub outcomes: Vec<Outcome>,
    /// The true outcome in full, shown after the answer (a warning's or a
    /// refusal's own words included).
    pub truth: String,
}

impl Ask {
    /// The index of the correct outcome.
    pub fn answer(&self) -> usize {
        self.outcomes.iter().position(|o| o.correct).unwrap_or(0)
    }

    /// What a typed answer picks: a letter (`b`), or a word or value an
    /// outcome accepts (`14`, `nothing`, `refused`) when exactly one does.
    ///
    /// ```
    /// let catalog = kata::content::load(&[]);
    /// let bank = kata::replay::Timeline::new(catalog.scenario("bank-account").unwrap());
    /// let ask = kata::replay::prediction::ask(&bank, kata::replay::prediction::Step::Event(4)).unwrap();
    /// let right = ask.answer();
    /// assert_eq!(ask.pick_typed("14"), Some(right), "the new balance");
    /// assert_eq!(ask.pick_typed(&kata::content::letter(right).to_string()), Some(right));
    /// assert_eq!(ask.pick_typed("banana"), None);
    /// ```
    pub fn pick_typed(&self, typed: &str) -> Option<usize> {
        let typed = typed.trim().to_lowercase();
        let mut letters = typed.chars();
        if let (Some(c), None) = (letters.next(), letters.next())
            && let Some(i) = crate::content::index_of_letter(c)
            && i < self.outcomes.len()
        {
            return Some(i);
        }
        let mut hits = self
            .outcomes
            .iter()
            .enumerate()
            .filter(|(_, o)| o.typed.contains(&typed));
        match (hits.next(), hits.next()) {
            (Some((i, _)), None) => Some(i),
            _ => None,
        }
    }
}

const NOTHING: &str = "changes nothing";
const WARNS: &str = "changes nothing, with a warning: its rule cannot apply";
const REFUSED: &str = "the store refuses the append: nothing is stored";
const STORED: &str = "the store stores it, and its rule changes the state";
const STORED_WARNS: &str = "the store stores it, with a warning: the state stays as it was";

/// The question about `step`, or `None` past the end of the log (or of its
/// refusals).
///
/// ```
/// use kata::replay::prediction::{Step, ask};
/// let catalog = kata::content::load(&[]);
/// let users = kata::replay::Timeline::new(catalog.scenario("user-after-delete").unwrap());
/// // Position 2 updates a user deleted at position 1: a warning, not a change.
/// let ask = ask(&users, Step::Event(2)).unwrap();
/// assert!(ask.outcomes[ask.answer()].text.contains("warning"));
/// assert!(ask.outcomes.iter().any(|o| o.text.contains("refuses")), "a rule never refuses");
/// ```
pub fn ask(timeline: &Timeline, step: Step) -> Option<Ask> {
    let (what, truth) = match step {
        Step::Event(position) => {
            let event = timeline.event(position)?;
            let what = super::row(timeline, &event);
            (what, truth_at(timeline, position)?)
        }
        Step::Refusal(n) => {
            let r = timeline.refusals().get(n)?;
            let who = r
                .writer
                .as_deref()
                .map_or(String::new(), |w| format!("{w}: "));
            let what = format!(
                "{who}tries to append {} to {}, expecting {}",
                r.event_type, r.stream, r.expected
            );
            (what, super::predict::refused(timeline, n)?)
        }
    };
    let key = timeline.rules().key();
    let mut outcomes = Vec::new();
    let shown_truth;
    match &truth {
        Truth::Changed(changes) => {
            shown_truth = describe(changes, key);
            outcomes.push(Outcome {
                text: shown_truth.clone(),
                correct: true,
                why: String::new(),
                typed: main_value(changes, key).into_iter().collect(),
            });
            for (text, why) in slips(timeline, step, changes, key) {
                offer(&mut outcomes, text, why, Vec::new());
            }
            offer(
                &mut outcomes,
                NOTHING.into(),
                "every stored event is folded into the state: leaving one out is how a read model drifts".into(),
                vec!["nothing".into()],
            );
            offer(
                &mut outcomes,
                REFUSED.into(),
                "here the store refuses an append only when its expected revision does not match; a read model's rule never refuses an event: it is already stored".into(),
                vec!["refused".into()],
            );
            offer(
                &mut outcomes,
                WARNS.into(),
                "its rule applies: a warning comes only when a rule cannot (an update after a delete, say)".into(),
                vec!["warning".into()],
            );
        }
        Truth::Nothing => {
            shown_truth = "changes nothing: the values it sets are the values already there".into();
            outcomes.push(Outcome {
                text: NOTHING.into(),
                correct: true,
                why: String::new(),
                typed: vec!["nothing".into()],
            });
            offer(
                &mut outcomes,
                WARNS.into(),
                "its rule applies; it just sets what is already there".into(),
                vec!["warning".into()],
            );
            offer(
                &mut outcomes,
                REFUSED.into(),
                "the store refuses only an append whose expected revision does not match".into(),
                vec!["refused".into()],
            );
        }
        Truth::Warning(warning) => {
            shown_truth = format!("changes nothing, with a warning: {warning}");
            outcomes.push(Outcome {
                text: WARNS.into(),
                correct: true,
                why: String::new(),
                typed: vec!["warning".into()],
            });
            offer(
                &mut outcomes,
                NOTHING.into(),
                "the state does stay as it was, but not silently: the rule cannot apply, and replay says so".into(),
                vec!["nothing".into()],
            );
            offer(
                &mut outcomes,
                REFUSED.into(),
                "the event is stored like any other: the store checks revisions, never the rules a read model folds with (the write side should have refused the command before it became an event)".into(),
                vec!["refused".into()],
            );
        }
        Truth::Refused(reason) => {
            shown_truth = format!("refused: {reason}");
            outcomes.push(Outcome {
                text: REFUSED.into(),
                correct: true,
                why: String::new(),
                typed: vec!["refused".into()],
            });
            offer(
                &mut outcomes,
                STORED.into(),
                "the append named an expected revision the stream has moved past: the store refuses it rather than let a stale writer win".into(),
                vec!["stored".into()],
            );
            offer(
                &mut outcomes,
                STORED_WARNS.into(),
                "a warning is replay's, about a stored event; this append is never stored at all"
                    .into(),
                vec!["warning".into()],
            );
        }
    }
    outcomes.truncate(4);
    // The right outcome's place depends on the step, not on a pattern a
    // learner could learn: a small mix of the position.
    let seed = match step {
        Step::Event(p) => p.wrapping_mul(0x9E37_79B9_7F4A_7C15),
        Step::Refusal(n) => (n as u64 + 1).wrapping_mul(0xC2B2_AE3D_27D4_EB4F),
    };
    let turn = ((seed >> 32) % outcomes.len() as u64) as usize;
    outcomes.rotate_right(turn);
    Some(Ask {
        step,
        what,
        outcomes,
        truth: shown_truth,
    })
}

fn offer(outcomes: &mut Vec<Outcome>, text: String, why: String, typed: Vec<String>) {
    if outcomes.iter().any(|o| o.text == text) {
        return;
    }
    outcomes.push(Outcome {
        text,
        correct: false,
        why,
        typed,
    });
}

/// The entity as the learner knows it: `userId 1`, or `the record`.
fn entity(key: Option<Name>, value: Option<&Value>) -> String {
    match (key, value) {
        (Some(name), Some(v)) => format!("{name} {v}"),
        _ => "the record".into(),
    }
}

/// The changes of one event in words, at most three of them.
fn describe(changes: &[Change], key: Option<Name>) -> String {
    let mut parts: Vec<String> = Vec::new();
    let created: Vec<&Option<Value>> = changes
        .iter()
        .filter(|c| c.field.is_none() && c.kind == ChangeKind::Added)
        .map(|c| &c.key)
        .collect();
    for c in changes {
        let who = entity(key, c.key.as_ref());
        let new = created.contains(&&c.key);
        match (c.field, c.kind) {
            (None, ChangeKind::Added) => {
                let fields: Vec<String> = changes
                    .iter()
                    .filter(|f| f.key == c.key && f.kind == ChangeKind::Added)
                    .filter(|f| f.field.is_some() && f.field != key)
                    .map(|f| format!("{} = {}", f.field.unwrap(), shown(f.after.as_ref())))
                    .collect();
                parts.push(if fields.is_empty() {
                    format!("creates {who}")
                } else {
                    format!("creates {who} with {}", fields.join(", "))
                });
            }
            (None, _) => parts.push(format!("removes {who}")),
            (Some(_), ChangeKind::Added) if new => {}
            (Some(f), ChangeKind::Added) => {
                parts.push(format!("{who} gains {f} = {}", shown(c.after.as_ref())));
            }
            (Some(f), ChangeKind::Changed) => parts.push(format!(
                "{who}'s {f}: {} → {}",
                shown(c.before.as_ref()),
                shown(c.after.as_ref())
            )),
            // A removed entity's fields go with it.
            (Some(_), ChangeKind::Removed)
                if changes.iter().any(|r| {
                    r.key == c.key && r.field.is_none() && r.kind == ChangeKind::Removed
                }) => {}
            (Some(f), ChangeKind::Removed) => parts.push(format!("{who} loses {f}")),
        }
    }
    let more = parts.len().saturating_sub(3);
    parts.truncate(3);
    let mut text = parts.join("; ");
    if more > 0 {
        text.push_str(&format!("; and {more} more"));
    }
    text
}

fn shown(value: Option<&Value>) -> String {
    value.map_or("(none)".into(), Value::to_string)
}

/// The change a learner is most likely asked to compute: the first field
/// whose value changed, else the first field added.
/// The key field is never it: a new entity's key is in the event for all to see.
fn main_change(changes: &[Change], key: Option<Name>) -> Option<usize> {
    let field = |kind| {
        changes.iter().position(|c| {
            c.field.is_some() && c.field != key && c.kind == kind && c.after.is_some()
        })
    };
    field(ChangeKind::Changed).or_else(|| field(ChangeKind::Added))
}

fn main_value(changes: &[Change], key: Option<Name>) -> Option<String> {
    let c = &changes[main_change(changes, key)?];
    let text = shown(c.after.as_ref());
    // A string is typed without its quotes.
    Some(text.trim_matches('"').to_lowercase())
}

/// Wrong outcomes from the slips of `super::predict::choices`, each the true
/// changes with the main field's new value replaced.
fn slips(
    timeline: &Timeline,
    step: Step,
    changes: &[Change],
    key: Option<Name>,
) -> Vec<(String, String)> {
    let mut slips = Vec::new();
    // Deleting an entity deletes nothing from the log.
    if let Some(gone) = changes
        .iter()
        .find(|c| c.field.is_none() && c.kind == ChangeKind::Removed)
    {
        slips.push((
            format!(
                "removes {} and its earlier events from the log",
                entity(key, gone.key.as_ref())
            ),
            "a deletion event deletes nothing from the log: it is one more event, the earlier ones stay and replay still reads them (removing a stream is a separate operation of the store, not an event)".to_string(),
        ));
    }
    let (Step::Event(position), Some(main)) = (step, main_change(changes, key)) else {
        return slips;
    };
    let c = &changes[main];
    // Only a value that changed has slips worth offering (the event left
    // out, folded twice, taken the wrong way, its own number taken).
    if c.kind != ChangeKind::Changed {
        return slips;
    }
    // An event taken for the whole new state, when the entity holds more
    // than the event names.
    if let Some(event) = timeline.event(position) {
        let (state, _) = timeline.state_at(position);
        let held = match key {
            Some(_) => c.key.as_ref().and_then(|k| state.get(k)),
            None => state.record(),
        }
        .map_or(0, |t| t.iter().count());
        let named: Vec<String> = event
            .data()
            .fields()
            .iter()
            .map(|(name, value)| format!("{name} = {value}"))
            .collect();
        if held > named.len() && !named.is_empty() {
            slips.push((
                format!(
                    "replaces {} with only {}",
                    entity(key, c.key.as_ref()),
                    named.join(", ")
                ),
                "an event carries what changed: its rule updates the fields it names and keeps the others".to_string(),
            ));
        }
    }
    let entity_value = c.key.clone().unwrap_or(Value::Bool(false));
    let Some(choices) = super::predict::choices(
        timeline,
        position,
        &entity_value,
        c.field.expect("a field change").as_str(),
    ) else {
        return slips;
    };
    slips.extend(
        choices
            .into_iter()
            .filter(|choice| !choice.correct && choice.text != super::predict::NO_VALUE)
            .filter_map(|choice| {
                // The value as the changes hold it: parse it back from its text.
                let wrong = choices_value(&choice.text)?;
                if Some(&wrong) == c.before.as_ref() && c.kind == ChangeKind::Changed {
                    // "The value before" is the event left out: `changes nothing` says it.
                    return None;
                }
                let mut changed = changes.to_vec();
                changed[main].after = Some(wrong);
                Some((describe(&changed, key), choice.why.to_string()))
            }),
    );
    slips
}

fn choices_value(text: &str) -> Option<Value> {
    text.parse::<i64>().ok().map(Value::from)
}

/// The running score of a Predict session over one timeline, and which
/// refused appends have been asked at the cursor.
///
/// ```
/// use kata::replay::prediction::Predicting;
/// let catalog = kata::content::load(&[]);
/// let mut bank = kata::replay::Timeline::new(catalog.scenario("bank-account").unwrap());
/// let mut predicting = Predicting::default();
/// let ask = predicting.question(&bank).unwrap();
/// let answered = predicting.answer(&mut bank, &ask, ask.answer());
/// assert!(answered.right);
/// assert_eq!((predicting.right, predicting.asked), (1, 1));
/// assert_eq!(bank.cursor(), 1, "the event is applied once answered");
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Predicting {
    pub asked: u32,
    pub right: u32,
    /// Refusals answered at a cursor: (cursor, how many of the refusals
    /// sitting there are done).
    refusals_done: Option<(u64, usize)>,
    /// The last answer, to show until the next question.
    pub last: Option<Answered>,
}

/// An answered step: what was asked, what the learner picked, and whether
/// it was right.
#[derive(Debug, Clone, PartialEq)]
pub struct Answered {
    pub ask: Ask,
    pub picked: usize,
    pub right: bool,
}

impl Predicting {
    /// How many of the refusals tried at `cursor` are answered (none once
    /// the cursor has moved elsewhere).
    fn refusals_done_at(&self, cursor: u64) -> usize {
        match self.refusals_done {
            Some((at, n)) if at == cursor => n,
            _ => 0,
        }
    }

    /// The next step at the timeline's cursor: a refused append tried there
    /// (not asked yet), else the next event; `None` at the end.
    pub fn question(&self, timeline: &Timeline) -> Option<Ask> {
        let cursor = timeline.cursor();
        let here: Vec<usize> = timeline
            .refusals()
            .iter()
            .enumerate()
            .filter(|(_, r)| r.after == cursor)
            .map(|(i, _)| i)
            .collect();
        match here.get(self.refusals_done_at(cursor)) {
            Some(&n) => ask(timeline, Step::Refusal(n)),
            None => ask(timeline, Step::Event(cursor)),
        }
    }

    /// Records the learner's pick for `ask` and moves on: an event is applied
    /// (the lab shows its true changes), a refusal is marked done.
    pub fn answer(&mut self, timeline: &mut Timeline, ask: &Ask, picked: usize) -> Answered {
        let right = picked == ask.answer();
        self.asked += 1;
        self.right += u32::from(right);
        match ask.step {
            Step::Event(position) => {
                timeline.go_to(position + 1);
            }
            Step::Refusal(_) => {
                let cursor = timeline.cursor();
                self.refusals_done = Some((cursor, self.refusals_done_at(cursor) + 1));
            }
        }
        let answered = Answered {
            ask: ask.clone(),
            picked,
            right,
        };
        self.last = Some(answered.clone());
        answered
    }
}
