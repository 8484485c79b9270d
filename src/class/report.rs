//! The instructor's item analysis over a class's statements: per item version
//! the learners, the share right on the first try (difficulty index), the
//! discrimination index (upper vs lower 27 % of learners by total score), how
//! often each option was the first choice (distractor analysis), median tries
//! and hint use; per learner and topic the best test and mastery.
//!
//! Pure: statements (or answers built straight from journals) in, figures out.
//! Items are counted per content hash, so an item edited mid-course shows as
//! two versions, flagged, and old and new answers are never mixed.

use super::learner::Learner;
use super::profile::*;
use super::statement::Contents;
use crate::content::letter;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One try, as the report needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub learner: String,
    pub topic: String,
    pub item: String,
    pub hash: String,
    pub chosen: Vec<usize>,
    pub correct: bool,
    pub try_number: u32,
    pub hinted: bool,
    pub at_ms: i64,
    /// The chosen options' texts, when the statement carried them.
    pub texts: Option<Vec<String>>,
}

/// One finished test.
#[derive(Debug, Clone, PartialEq)]
pub struct TestScore {
    pub learner: String,
    pub topic: String,
    pub scaled: f64,
    pub at_ms: i64,
}

/// What a statement is to the report.
#[derive(Debug, Clone, PartialEq)]
pub enum Read {
    Answer(Answer),
    Test(TestScore),
    /// kata's, but not figured (a session start).
    OtherKata,
    /// Not kata's (another tool's, or not a statement kata can read).
    NotKata,
}

/// The parts of a statement the report reads; everything else is skipped
/// unparsed, and the texts are borrowed from the page where they hold no
/// escape, which keeps reading 100,000 statements quick.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Incoming<'a> {
    #[serde(borrow)]
    actor: Actor<'a>,
    #[serde(borrow)]
    verb: Id<'a>,
    #[serde(borrow)]
    context: Context<'a>,
    #[serde(borrow)]
    result: Outcome<'a>,
    #[serde(borrow)]
    timestamp: Option<Cow<'a, str>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Actor<'a> {
    #[serde(borrow)]
    mbox: Option<Cow<'a, str>>,
    #[serde(borrow)]
    account: Option<Account<'a>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Account<'a> {
    #[serde(rename = "homePage", borrow)]
    home_page: Option<Cow<'a, str>>,
    #[serde(borrow)]
    name: Option<Cow<'a, str>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Id<'a> {
    #[serde(borrow)]
    id: Option<Cow<'a, str>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Context<'a> {
    #[serde(rename = "contextActivities", borrow)]
    activities: Activities<'a>,
    #[serde(borrow)]
    extensions: ContextExtensions<'a>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Activities<'a> {
    #[serde(borrow)]
    category: Vec<Id<'a>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ContextExtensions<'a> {
    #[serde(rename = "https://w3id.org/kata/xapi/extensions/topic", borrow)]
    topic: Option<Cow<'a, str>>,
    #[serde(rename = "https://w3id.org/kata/xapi/extensions/item", borrow)]
    item: Option<Cow<'a, str>>,
    #[serde(rename = "https://w3id.org/kata/xapi/extensions/content-hash", borrow)]
    hash: Option<Cow<'a, str>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Outcome<'a> {
    success: Option<bool>,
    #[serde(borrow)]
    response: Option<Cow<'a, str>>,
    score: Score,
    #[serde(borrow)]
    extensions: ResultExtensions<'a>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Score {
    scaled: Option<f64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ResultExtensions<'a> {
    #[serde(rename = "https://w3id.org/kata/xapi/extensions/try")]
    try_number: Option<u32>,
    #[serde(rename = "https://w3id.org/kata/xapi/extensions/hinted")]
    hinted: Option<bool>,
    #[serde(rename = "https://w3id.org/kata/xapi/extensions/chosen")]
    chosen: Option<Vec<usize>>,
    #[serde(rename = "https://w3id.org/kata/xapi/extensions/content", borrow)]
    content: Option<Cow<'a, str>>,
}

/// Read one statement's JSON: what it is to the report. A statement whose
/// parts have other shapes than kata's is not kata's.
pub fn read_json(json: &str) -> Read {
    match serde_json::from_str::<Incoming>(json) {
        Ok(s) => read_statement(s),
        Err(_) => Read::NotKata,
    }
}

/// What one statement of kata's profile says.
pub fn read_statement(s: Incoming) -> Read {
    if !s
        .context
        .activities
        .category
        .iter()
        .any(|a| a.id.as_deref() == Some(PROFILE))
    {
        return Read::NotKata;
    }
    let learner = match (s.actor.mbox, s.actor.account) {
        (Some(mbox), _) => Learner::Mbox(mbox.into_owned()),
        (
            None,
            Some(Account {
                home_page: Some(home_page),
                name: Some(name),
            }),
        ) => Learner::Account {
            home_page: home_page.into_owned(),
            name: name.into_owned(),
        },
        _ => return Read::NotKata,
    };
    let ext = s.context.extensions;
    let Some(topic) = ext.topic else {
        return Read::NotKata;
    };
    let topic = topic.into_owned();
    let at_ms = s.timestamp.as_deref().and_then(parse_time).unwrap_or(0);
    let verb = s.verb.id.unwrap_or_default();
    let result = s.result;
    if verb == ANSWERED {
        let (Some(item), Some(hash), Some(chosen), Some(correct)) =
            (ext.item, ext.hash, result.extensions.chosen, result.success)
        else {
            // A kata run carries tests passed, not options chosen.
            return Read::OtherKata;
        };
        let texts = (result.extensions.content.as_deref() == Some("current"))
            .then_some(result.response)
            .flatten()
            .map(|r| r.split("[,]").map(str::to_string).collect::<Vec<_>>())
            .filter(|t| t.len() == chosen.len());
        return Read::Answer(Answer {
            learner: learner.key(),
            topic,
            item: item.into_owned(),
            hash: hash.into_owned(),
            chosen,
            correct,
            try_number: result.extensions.try_number.unwrap_or(1),
            hinted: result.extensions.hinted.unwrap_or(false),
            at_ms,
            texts,
        });
    }
    if [PASSED, FAILED, COMPLETED].contains(&verb.as_ref())
        && let Some(scaled) = result.score.scaled
    {
        return Read::Test(TestScore {
            learner: learner.key(),
            topic,
            scaled,
            at_ms,
        });
    }
    Read::OtherKata
}

/// The figures of what the LRS gave (kata's statements of `topic`, or of all
/// topics); the rest is counted as ignored.
pub fn figures_of(reads: Vec<Read>, contents: &Contents, topic: Option<&str>) -> ClassReport {
    let statements = reads.len();
    let mut answers = Vec::new();
    let mut tests = Vec::new();
    let mut ignored = 0;
    for read in reads {
        match read {
            Read::Answer(a) if topic.is_none_or(|t| t == a.topic) => answers.push(a),
            Read::Test(t) if topic.is_none_or(|id| id == t.topic) => tests.push(t),
            Read::NotKata => ignored += 1,
            _ => {}
        }
    }
    figures(answers, &tests, contents, statements, ignored)
}

/// Milliseconds since the epoch of an RFC 3339 time.
pub fn parse_time(text: &str) -> Option<i64> {
    let t =
        time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()?;
    Some((t.unix_timestamp_nanos() / 1_000_000) as i64)
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassReport {
    /// Statements read from the LRS.
    pub statements: usize,
    /// Statements of other tools (or not readable as kata's), left out.
    pub ignored: usize,
    pub learners: usize,
    /// Every item version, hardest first.
    pub items: Vec<ItemFigures>,
    pub per_learner: Vec<LearnerFigures>,
    pub hardest: Option<Hardest>,
    pub top_distractor: Option<TopDistractor>,
    /// `topic/item` of items answered in more than one version.
    pub changed_mid_course: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemFigures {
    pub topic: String,
    pub item: String,
    pub hash: String,
    /// The item was answered in other versions too (see `changed_mid_course`).
    pub changed: bool,
    pub learners: usize,
    /// Share of learners right on their first try.
    pub difficulty: f64,
    /// Share right in the upper 27 % minus in the lower 27 % (`None` under two learners).
    pub discrimination: Option<f64>,
    /// Tries up to the first right one (all tries if never right), median over learners.
    pub median_tries: f64,
    /// Share of learners who saw the hint before some try.
    pub hint_use: f64,
    pub options: Vec<OptionFigures>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionFigures {
    pub blank: usize,
    pub option: usize,
    pub letter: String,
    pub text: Option<String>,
    pub correct: Option<bool>,
    /// Learners whose first try chose it.
    pub learners: usize,
    pub upper: usize,
    pub lower: usize,
    pub note: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LearnerFigures {
    pub learner: String,
    pub topic: String,
    pub best_test: Option<f64>,
    /// Items whose latest try was right.
    pub solved: usize,
    pub tried: usize,
    /// Solved over the topic's items (the loaded content's count, else those tried).
    pub mastery: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hardest {
    pub topic: String,
    pub item: String,
    pub hash: String,
    pub difficulty: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopDistractor {
    pub topic: String,
    pub item: String,
    pub hash: String,
    pub blank: usize,
    pub letter: String,
    pub text: Option<String>,
    pub learners: usize,
}

pub const WASTED: &str = "nobody chose it: a wasted distractor";
pub const FLAWED: &str = "the strongest learners chose it more than the weakest: check the item";

type Version = (String, String, String);

/// The figures of `answers` and `tests`. `contents` adds the option texts and
/// the options nobody chose, for versions that match the loaded content.
pub fn figures(
    answers: Vec<Answer>,
    tests: &[TestScore],
    contents: &Contents,
    statements: usize,
    ignored: usize,
) -> ClassReport {
    // Each learner's tries on each version, in order. Grouped through small
    // integer ids and one sort of integer keys: sorting and map-inserting
    // 100,000 answers by their strings cost more than the figures themselves.
    let mut version_ids: HashMap<(&str, &str, &str), u32> = HashMap::new();
    let mut learner_ids: HashMap<&str, u32> = HashMap::new();
    let mut keyed: Vec<(u32, u32, i64, u32, u32)> = Vec::with_capacity(answers.len());
    for (n, a) in answers.iter().enumerate() {
        let versions = version_ids.len() as u32;
        let version = *version_ids
            .entry((&a.topic, &a.item, &a.hash))
            .or_insert(versions);
        let learners = learner_ids.len() as u32;
        let learner = *learner_ids.entry(&a.learner).or_insert(learners);
        keyed.push((version, learner, a.at_ms, a.try_number, n as u32));
    }
    // The index last: tries at the same time and number keep their order.
    keyed.sort_unstable();
    let mut tries: BTreeMap<Version, BTreeMap<&str, Vec<&Answer>>> = BTreeMap::new();
    for run in keyed.chunk_by(|x, y| (x.0, x.1) == (y.0, y.1)) {
        let first = &answers[run[0].4 as usize];
        tries
            .entry((first.topic.clone(), first.item.clone(), first.hash.clone()))
            .or_default()
            .insert(
                &first.learner,
                run.iter().map(|k| &answers[k.4 as usize]).collect(),
            );
    }
    let learners: BTreeSet<&str> = answers
        .iter()
        .map(|a| a.learner.as_str())
        .chain(tests.iter().map(|t| t.learner.as_str()))
        .collect();
    // Total score: versions right on the first try.
    let mut total: HashMap<&str, usize> = learners.iter().map(|l| (*l, 0)).collect();
    for by_learner in tries.values() {
        for (learner, list) in by_learner {
            if list[0].correct {
                *total.entry(learner).or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<&str> = total.keys().copied().collect();
    ranked.sort_by(|a, b| total[b].cmp(&total[a]).then(a.cmp(b)));
    let group = if ranked.len() < 2 {
        0
    } else {
        ((ranked.len() as f64 * 0.27).round() as usize).clamp(1, ranked.len() / 2)
    };
    let upper: BTreeSet<&str> = ranked[..group].iter().copied().collect();
    let lower: BTreeSet<&str> = ranked[ranked.len() - group..].iter().copied().collect();

    let mut versions_of: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (topic, item, _) in tries.keys() {
        *versions_of
            .entry((topic.clone(), item.clone()))
            .or_default() += 1;
    }
    let mut items = Vec::new();
    for ((topic, item, hash), by_learner) in &tries {
        let n = by_learner.len();
        let first_right = by_learner.values().filter(|l| l[0].correct).count();
        let share = |group: &BTreeSet<&str>| {
            let answered: Vec<_> = by_learner
                .iter()
                .filter(|(l, _)| group.contains(*l))
                .collect();
            (!answered.is_empty()).then(|| {
                answered.iter().filter(|(_, t)| t[0].correct).count() as f64 / answered.len() as f64
            })
        };
        let discrimination = match (share(&upper), share(&lower)) {
            (Some(u), Some(l)) if group > 0 => Some(u - l),
            _ => None,
        };
        let mut counts: Vec<f64> = by_learner
            .values()
            .map(|t| t.iter().position(|a| a.correct).map_or(t.len(), |i| i + 1) as f64)
            .collect();
        counts.sort_by(f64::total_cmp);
        let median_tries = median(&counts);
        let hinted = by_learner
            .values()
            .filter(|t| t.iter().any(|a| a.hinted))
            .count();
        let info = contents.get(topic, item).filter(|i| i.hash == *hash);
        items.push(ItemFigures {
            topic: topic.clone(),
            item: item.clone(),
            hash: hash.clone(),
            changed: versions_of[&(topic.clone(), item.clone())] > 1,
            learners: n,
            difficulty: first_right as f64 / n as f64,
            discrimination,
            median_tries,
            hint_use: hinted as f64 / n as f64,
            options: options(by_learner, info, &upper, &lower),
        });
    }
    items.sort_by(|a, b| {
        a.difficulty
            .total_cmp(&b.difficulty)
            .then(b.learners.cmp(&a.learners))
            .then((&a.topic, &a.item, &a.hash).cmp(&(&b.topic, &b.item, &b.hash)))
    });
    let hardest = items.first().map(|i| Hardest {
        topic: i.topic.clone(),
        item: i.item.clone(),
        hash: i.hash.clone(),
        difficulty: i.difficulty,
    });
    let mut top_distractor: Option<TopDistractor> = None;
    for i in &items {
        for o in &i.options {
            if o.correct == Some(false)
                && o.learners > 0
                && top_distractor
                    .as_ref()
                    .is_none_or(|t| o.learners > t.learners)
            {
                top_distractor = Some(TopDistractor {
                    topic: i.topic.clone(),
                    item: i.item.clone(),
                    hash: i.hash.clone(),
                    blank: o.blank,
                    letter: o.letter.clone(),
                    text: o.text.clone(),
                    learners: o.learners,
                });
            }
        }
    }
    let changed_mid_course = versions_of
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|((t, i), _)| format!("{t}/{i}"))
        .collect();
    ClassReport {
        statements,
        ignored,
        learners: learners.len(),
        items,
        per_learner: per_learner(&tries, tests, contents),
        hardest,
        top_distractor,
        changed_mid_course,
    }
}

fn median(sorted: &[f64]) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// Every option of every blank (those of the loaded content, or those chosen),
/// with the learners whose first try chose it.
fn options(
    by_learner: &BTreeMap<&str, Vec<&Answer>>,
    info: Option<&super::statement::ItemInfo>,
    upper: &BTreeSet<&str>,
    lower: &BTreeSet<&str>,
) -> Vec<OptionFigures> {
    // A choose-all question's picks are options of its one list, and an
    // option is right if it is any of the answers.
    let choose_all = info.is_some_and(|i| i.choose_all);
    let slot = |blank: usize| if choose_all { 0 } else { blank };
    let blanks = if choose_all {
        1
    } else {
        by_learner
            .values()
            .map(|t| t[0].chosen.len())
            .max()
            .unwrap_or(0)
    };
    let mut rows: BTreeMap<(usize, usize), OptionFigures> = BTreeMap::new();
    let content = info.map(|i| i.options.as_slice());
    let row = |blank: usize, option: usize| {
        let text = content.and_then(|o| o.get(option).cloned());
        OptionFigures {
            blank,
            option,
            letter: letter(option).to_string(),
            text,
            correct: info.and_then(|i| {
                if i.choose_all {
                    Some(i.answer.contains(&option))
                } else {
                    i.answer.get(blank).map(|&a| a == option)
                }
            }),
            learners: 0,
            upper: 0,
            lower: 0,
            note: None,
        }
    };
    if let Some(content) = content {
        for blank in 0..blanks {
            for option in 0..content.len() {
                rows.insert((blank, option), row(blank, option));
            }
        }
    }
    for (learner, list) in by_learner {
        for a in list {
            for (blank, &option) in a.chosen.iter().enumerate() {
                let blank = slot(blank);
                let r = rows
                    .entry((blank, option))
                    .or_insert_with(|| row(blank, option));
                if r.text.is_none() {
                    r.text = a.texts.as_ref().and_then(|t| t.get(blank).cloned());
                }
                // A right answer shows the right option of every blank.
                if a.correct && !choose_all {
                    r.correct = Some(true);
                }
            }
        }
        for (blank, &option) in list[0].chosen.iter().enumerate() {
            let r = rows.get_mut(&(slot(blank), option)).expect("added above");
            r.learners += 1;
            r.upper += usize::from(upper.contains(learner));
            r.lower += usize::from(lower.contains(learner));
        }
    }
    let any_right = by_learner.values().any(|t| t.iter().any(|a| a.correct));
    let mut rows: Vec<OptionFigures> = rows.into_values().collect();
    for r in &mut rows {
        if r.correct.is_none() && any_right {
            r.correct = Some(false);
        }
        if r.correct == Some(false) {
            r.note = if r.learners == 0 {
                Some(WASTED)
            } else if r.upper > r.lower {
                Some(FLAWED)
            } else {
                None
            };
        }
    }
    rows
}

/// An item's latest try: when, which try, and whether it was right.
type Latest = (i64, u32, bool);

fn per_learner<'a>(
    tries: &'a BTreeMap<Version, BTreeMap<&'a str, Vec<&'a Answer>>>,
    tests: &'a [TestScore],
    contents: &Contents,
) -> Vec<LearnerFigures> {
    // Per learner and topic, each item's latest try (over all its versions).
    let mut latest: BTreeMap<(&str, &str), BTreeMap<&str, Latest>> = BTreeMap::new();
    for ((topic, item, _), by_learner) in tries {
        for (learner, list) in by_learner {
            let last = list.last().expect("a learner's tries are never empty");
            let this = (last.at_ms, last.try_number, last.correct);
            let slot = latest
                .entry((learner, topic.as_str()))
                .or_default()
                .entry(item.as_str())
                .or_insert(this);
            if (this.0, this.1) >= (slot.0, slot.1) {
                *slot = this;
            }
        }
    }
    let mut best: BTreeMap<(&str, &str), f64> = BTreeMap::new();
    for t in tests {
        let b = best.entry((&t.learner, &t.topic)).or_insert(t.scaled);
        *b = b.max(t.scaled);
    }
    let keys: BTreeSet<(&str, &str)> = latest.keys().chain(best.keys()).copied().collect();
    keys.into_iter()
        .map(|(learner, topic)| {
            let items = latest.get(&(learner, topic));
            let solved = items.map_or(0, |i| i.values().filter(|c| c.2).count());
            let tried = items.map_or(0, BTreeMap::len);
            let of = contents.topic_items(topic).max(tried);
            LearnerFigures {
                learner: learner.to_string(),
                topic: topic.to_string(),
                best_test: best.get(&(learner, topic)).copied(),
                solved,
                tried,
                mastery: if of == 0 {
                    0.0
                } else {
                    solved as f64 / of as f64
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(learner: &str, item: &str, at: i64, chosen: usize, correct: bool) -> Answer {
        Answer {
            learner: learner.into(),
            topic: "t".into(),
            item: item.into(),
            hash: "h1".into(),
            chosen: vec![chosen],
            correct,
            try_number: 1,
            hinted: false,
            at_ms: at,
            texts: None,
        }
    }

    /// Four learners, two items. On `q1` (right answer A): a and b right first,
    /// c picks B then A, d picks B and stops. On `q2` (right C) all but d right.
    fn class() -> Vec<Answer> {
        vec![
            answer("a", "q1", 1, 0, true),
            answer("b", "q1", 1, 0, true),
            answer("c", "q1", 1, 1, false),
            answer("c", "q1", 2, 0, true),
            answer("d", "q1", 1, 1, false),
            answer("a", "q2", 3, 2, true),
            answer("b", "q2", 3, 2, true),
            answer("c", "q2", 3, 2, true),
            answer("d", "q2", 3, 3, false),
        ]
    }

    #[test]
    fn difficulty_discrimination_tries_and_distractors_by_hand() {
        let mut contents = Contents::default();
        contents.insert(
            "t",
            "q1",
            super::super::statement::ItemInfo {
                hash: "h1".into(),
                prompt: "?".into(),
                options: vec!["a".into(), "b".into(), "c".into()],
                answer: vec![0],
                choose_all: false,
                sequencing: false,
            },
        );
        let r = figures(class(), &[], &contents, 9, 2);
        assert_eq!((r.statements, r.ignored, r.learners), (9, 2, 4));
        let q1 = r.items.iter().find(|i| i.item == "q1").unwrap();
        assert_eq!(q1.difficulty, 0.5);
        // totals: a 2, b 2, c 1, d 0 → groups of round(4 × 0.27) = 1: upper {a}, lower {d}.
        assert_eq!(q1.discrimination, Some(1.0));
        assert_eq!(
            q1.median_tries, 1.0,
            "tries 1, 1, 2 and 1 (d never right): median 1"
        );
        let b = &q1.options[1];
        assert_eq!(
            (b.letter.as_str(), b.learners, b.correct),
            ("B", 2, Some(false))
        );
        assert_eq!(b.text.as_deref(), Some("b"));
        let c = &q1.options[2];
        assert_eq!((c.learners, c.note), (0, Some(WASTED)));
        assert_eq!(r.hardest.as_ref().unwrap().item, "q1");
        let top = r.top_distractor.unwrap();
        assert_eq!(
            (top.item.as_str(), top.letter.as_str(), top.learners),
            ("q1", "B", 2)
        );
        let q2 = r.items.iter().find(|i| i.item == "q2").unwrap();
        assert_eq!(q2.difficulty, 0.75);
        assert!(
            q2.options.iter().all(|o| o.note.is_none()),
            "only chosen options are known"
        );
    }

    #[test]
    fn an_item_edited_mid_course_is_two_flagged_versions() {
        let mut answers = class();
        answers[4].hash = "h2".into();
        let r = figures(answers, &[], &Contents::default(), 9, 0);
        assert_eq!(r.changed_mid_course, ["t/q1"]);
        let versions: Vec<_> = r.items.iter().filter(|i| i.item == "q1").collect();
        assert_eq!(versions.len(), 2);
        assert!(versions.iter().all(|v| v.changed));
        assert_eq!(versions.iter().map(|v| v.learners).sum::<usize>(), 4);
    }

    #[test]
    fn a_strong_learners_distractor_is_flagged() {
        // a is strongest (right on q2, q3) but falls for B on q1; d is weakest.
        let answers = vec![
            answer("a", "q1", 1, 1, false),
            answer("d", "q1", 1, 0, true),
            answer("a", "q2", 1, 0, true),
            answer("a", "q3", 1, 0, true),
            answer("d", "q2", 1, 1, false),
        ];
        let r = figures(answers, &[], &Contents::default(), 5, 0);
        let q1 = r.items.iter().find(|i| i.item == "q1").unwrap();
        assert_eq!(q1.discrimination, Some(-1.0));
        assert_eq!(q1.options[1].note, Some(FLAWED));
    }

    #[test]
    fn learners_get_best_test_and_mastery_from_the_latest_try() {
        let tests = [
            TestScore {
                learner: "c".into(),
                topic: "t".into(),
                scaled: 0.4,
                at_ms: 1,
            },
            TestScore {
                learner: "c".into(),
                topic: "t".into(),
                scaled: 0.9,
                at_ms: 2,
            },
        ];
        let r = figures(class(), &tests, &Contents::default(), 11, 0);
        let c = r.per_learner.iter().find(|l| l.learner == "c").unwrap();
        assert_eq!(
            (c.best_test, c.solved, c.tried, c.mastery),
            (Some(0.9), 2, 2, 1.0)
        );
        let d = r.per_learner.iter().find(|l| l.learner == "d").unwrap();
        assert_eq!((d.best_test, d.solved, d.mastery), (None, 0, 0.0));
    }

    #[test]
    fn statements_of_other_tools_or_other_shapes_are_not_kata_s() {
        let foreign = r#"{"actor":{"mbox":"mailto:a@x.org"},"verb":{"id":"http://adlnet.gov/expapi/verbs/answered"},"object":{"id":"https://moodle.example.org/q/1"}}"#;
        assert_eq!(read_json(foreign), Read::NotKata);
        let odd = r#"{"context":"kata","result":[1]}"#;
        assert_eq!(read_json(odd), Read::NotKata);
        let kata_but_no_topic = format!(
            r#"{{"actor":{{"mbox":"mailto:a@x.org"}},"context":{{"contextActivities":{{"category":[{{"id":"{PROFILE}"}}]}}}}}}"#
        );
        assert_eq!(read_json(&kata_but_no_topic), Read::NotKata);
    }

    #[test]
    fn times_read_in_any_offset() {
        assert_eq!(parse_time("1970-01-01T00:00:01.500Z"), Some(1500));
        assert_eq!(parse_time("1970-01-01T01:00:01+01:00"), Some(1000));
        assert_eq!(parse_time("yesterday"), None);
    }
}
