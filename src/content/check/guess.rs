//! Guessability: what lets a learner answer without knowing the topic.
//!
//! Warnings, not errors: a flagged item still loads, and `kata check
//! --deny-warnings` fails on it. Each rule is a cue a test-wise learner uses —
//! the longest option, a hint that repeats the answer, a topic whose answers
//! sit mostly at one letter or one length rank — and the letters that a
//! shuffle would make wrong.

use super::fields::{Fields, Text};
use super::strings::locate;
use super::{Cx, Located, Span};
use crate::content::rules::{
    ANSWER_PATTERN, HINT_GIVES_ANSWER, LETTER_IN_TEXT, LONG_ANSWER, PLACEHOLDER_UNKNOWN_OPTION,
};
use crate::content::{Diagnostic, Topic, bare_letter_mentions, letter, letter_placeholders};
use std::collections::{BTreeSet, HashMap};
use toml::de::DeValue;

/// How much longer than every other option the right one may be (in characters).
pub(crate) const LONG_RATIO: f64 = 1.5;

/// The prose keys of an item: where letters and hints are read.
const PROSE: &[&str] = &[
    "prompt",
    "hint",
    "quick_check",
    "steps",
    "mistakes",
    "feedback",
];

/// What one item's checks need to know.
pub(super) struct Item<'a> {
    pub options: &'a [String],
    /// The right option of each blank (a question has one).
    pub answers: &'a [usize],
    pub hint: &'a str,
    pub prompt: &'a str,
    pub shuffle: bool,
    pub is_question: bool,
}

/// The item-level checks: K043, K044, K041 and K042.
pub(super) fn check_item(cx: &mut Cx, fields: &Fields, item: &Item) {
    let broken = item.options.len() < 2
        || item.options.iter().any(|o| o.trim().is_empty())
        || item.answers.iter().any(|&a| a >= item.options.len());
    if broken {
        return; // errors already said so
    }
    long_answer(cx, fields, item);
    hint_gives_answer(cx, fields, item);
    letters(cx, fields, item);
}

/// The strings of `key` with their places, read quietly (the getters that
/// report have run already).
fn texts<'a>(fields: &Fields<'a, '_>, key: &str) -> Vec<Text<'a>> {
    let Some(value) = fields.get(key) else {
        return Vec::new();
    };
    let one = |v: &'a toml::Spanned<DeValue<'_>>| match v.get_ref() {
        DeValue::String(s) => Some(Text {
            value: s.as_ref(),
            span: v.span(),
        }),
        _ => None,
    };
    match value.get_ref() {
        DeValue::String(_) => one(value).into_iter().collect(),
        DeValue::Array(array) => array.iter().filter_map(one).collect(),
        DeValue::Table(table) => table.iter().filter_map(|(_, v)| one(v)).collect(),
        _ => Vec::new(),
    }
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

/// K043: the right option is over 1.5× longer than every other.
fn long_answer(cx: &mut Cx, fields: &Fields, item: &Item) {
    let [answer] = item.answers else {
        return; // a pool for several blanks: its options are parts, not rivals
    };
    let right = chars(&item.options[*answer]);
    let next = (item.options.iter().enumerate())
        .filter(|(i, _)| i != answer)
        .map(|(_, o)| chars(o))
        .max()
        .unwrap_or(0);
    if (right as f64) <= LONG_RATIO * next as f64 {
        return;
    }
    let Some(text) = texts(fields, "options").into_iter().nth(*answer) else {
        return;
    };
    cx.report(
        LONG_ANSWER,
        text.span,
        format!(
            "the right option ({}) has {right} characters, over {LONG_RATIO}× the longest wrong one ({next})",
            letter(*answer)
        ),
    )
    .help = Some(
        "learners learn to pick the longest option: say the right one as briefly, or the wrong ones as fully".into(),
    );
}

/// Words too common to give an answer away.
const COMMON: &[&str] = &[
    "the", "and", "for", "with", "that", "this", "from", "not", "are", "was", "its", "has", "have",
    "had", "does", "can", "than", "then", "what", "which", "who", "how", "you", "your", "they",
    "their", "them", "into", "onto", "out", "but", "all", "any", "one", "each", "only", "use",
    "uses", "used", "when", "where", "why", "there", "here", "will", "would", "should", "could",
    "may", "might", "must", "been", "being", "about", "such", "some", "more", "most",
];

/// The words of `text` that can carry meaning, cut to a short stem so
/// "state", "states" and "stateful" meet.
fn stems(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 3 && !COMMON.contains(&w.as_str()))
        .map(|w| w.chars().take(5).collect())
        .collect()
}

/// Whether `needle` occurs in `haystack` (case-insensitive) with no letter
/// or digit glued to either end.
fn contains_phrase(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.to_lowercase(), needle.to_lowercase());
    if n.trim().is_empty() {
        return false;
    }
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    let word_start = n.starts_with(char::is_alphanumeric);
    let word_end = n.ends_with(char::is_alphanumeric);
    h.match_indices(&n).any(|(at, _)| {
        let glued_before = word_start && glued(h[..at].chars().next_back());
        let glued_after = word_end && glued(h[at + n.len()..].chars().next());
        !glued_before && !glued_after
    })
}

/// K044: the hint repeats the right option, most of its words, or a word
/// that only the right option has.
fn hint_gives_answer(cx: &mut Cx, fields: &Fields, item: &Item) {
    let why = if let Some(&a) =
        (item.answers.iter()).find(|&&a| contains_phrase(item.hint, &item.options[a]))
    {
        Some(format!(
            "the hint contains the right option ({}) word for word",
            letter(a)
        ))
    } else if let (true, [answer]) = (item.is_question, item.answers) {
        let right = stems(&item.options[*answer]);
        let hint = stems(item.hint);
        let shared: Vec<&String> = right.intersection(&hint).collect();
        let others: BTreeSet<String> = (item.options.iter().enumerate())
            .filter(|(i, _)| i != answer)
            .flat_map(|(_, o)| stems(o))
            .chain(stems(item.prompt))
            .collect();
        let telling: Vec<&&String> = shared.iter().filter(|s| !others.contains(**s)).collect();
        if right.len() >= 2 && shared.len() * 2 > right.len() {
            Some(format!(
                "the hint repeats most of the right option's words ({} of {})",
                shared.len(),
                right.len()
            ))
        } else {
            telling.first().map(|stem| {
                format!(
                    "the hint uses a word (`{stem}…`) that only the right option ({}) has",
                    letter(*answer)
                )
            })
        }
    } else {
        None
    };
    let (Some(why), Some(text)) = (why, texts(fields, "hint").into_iter().next()) else {
        return;
    };
    cx.report(HINT_GIVES_ANSWER, text.span, why).help =
        Some("a hint nudges: name the idea to think about, not the words of the answer".into());
}

/// K041 and K042: letters in prose.
fn letters(cx: &mut Cx, fields: &Fields, item: &Item) {
    for key in PROSE {
        for text in texts(fields, key) {
            for placeholder in letter_placeholders(text.value) {
                if placeholder.option < item.options.len() {
                    continue;
                }
                let span = place(cx, &text, placeholder.range);
                cx.report(
                    PLACEHOLDER_UNKNOWN_OPTION,
                    span,
                    format!(
                        "`{{{{{}}}}}` names no option; there are {} (`A` to `{}`)",
                        letter(placeholder.option),
                        item.options.len(),
                        letter(item.options.len() - 1)
                    ),
                )
                .help = Some("a letter placeholder names an option by its place in the file: {{A}} is the first".into());
            }
            if !item.shuffle {
                continue;
            }
            for range in bare_letter_mentions(text.value) {
                let named = &text.value[range.clone()];
                let span = place(cx, &text, range);
                cx.report(
                    LETTER_IN_TEXT,
                    span,
                    format!(
                        "`{key}` names option {named} by its letter, but the options are shuffled"
                    ),
                )
                .help = Some(format!(
                    "write `{{{{{named}}}}}` for the letter the learner sees, or `shuffle = false` to pin the order"
                ));
            }
        }
    }
}

/// A byte range of a decoded string as a range of the file.
fn place(cx: &Cx, text: &Text, range: std::ops::Range<usize>) -> Span {
    let start = locate(cx.text, &text.span, text.value, range.start);
    let end = locate(cx.text, &text.span, text.value, range.end);
    start..end.max(start + 1)
}

/// Fewest answers of a topic before its pattern is judged.
const PATTERN_MIN_ITEMS: usize = 6;

/// One cue an answer can sit on, tallied over a topic.
struct Tally {
    what: String,
    /// Items the cue could point at one option in.
    items: usize,
    wins: usize,
    expected: f64,
    variance: f64,
    at: Vec<String>,
}

impl Tally {
    fn new(what: String) -> Self {
        Tally {
            what,
            items: 0,
            wins: 0,
            expected: 0.0,
            variance: 0.0,
            at: Vec::new(),
        }
    }

    /// One item where the cue had chance `p` to point at the answer.
    fn add(&mut self, p: f64, won: bool, id: &str) {
        self.items += 1;
        self.expected += p;
        self.variance += p * (1.0 - p);
        if won {
            self.wins += 1;
            self.at.push(id.to_string());
        }
    }

    /// Far more than chance: above chance by two standard deviations, at
    /// least twice chance, and at least four times.
    fn far_above_chance(&self) -> bool {
        let wins = self.wins as f64;
        self.wins >= 4
            && wins > self.expected + 2.0 * self.variance.sqrt()
            && wins >= 2.0 * self.expected
    }
}

/// K045 over one assembled topic: the answer is the longest option, the
/// shortest, or (among items with `shuffle = false`) at one letter, far
/// more often than chance. Judged over the questions and one-blank
/// exercises, the items where one option is the answer.
pub(super) fn topic_patterns(
    topic: &Topic,
    header: &Located,
    ids: &HashMap<String, Located>,
) -> Vec<Diagnostic> {
    let mut items: Vec<(&str, &[String], usize, bool)> = Vec::new();
    // A choose-all question's answer is several options: no one of them
    // is "the" answer a pattern would give away.
    for q in topic.questions.iter().filter(|q| !q.is_choose_all()) {
        items.push((&q.id, &q.options, q.answer, q.shuffle));
    }
    for e in &topic.exercises {
        if let [answer] = e.answer[..] {
            items.push((&e.id, &e.options, answer, e.shuffle));
        }
    }
    let mut longest = Tally::new("the longest option".into());
    let mut shortest = Tally::new("the shortest option".into());
    let mut positions: Vec<Tally> = Vec::new();
    for &(id, options, answer, shuffle) in &items {
        let lengths: Vec<usize> = options.iter().map(|o| chars(o)).collect();
        let right = lengths[answer];
        let p = 1.0 / options.len() as f64;
        // A length shared by several options points at none of them: "pick
        // the longest" has nothing to go on where every option is as long.
        let (max, min) = (lengths.iter().max(), lengths.iter().min());
        if lengths.iter().filter(|&l| Some(l) == max).count() == 1 {
            longest.add(p, Some(&right) == max, id);
        }
        if lengths.iter().filter(|&l| Some(l) == min).count() == 1 {
            shortest.add(p, Some(&right) == min, id);
        }
        if !shuffle {
            while positions.len() < options.len() {
                positions.push(Tally::new(format!("option {}", letter(positions.len()))));
            }
            for (at, tally) in positions.iter_mut().enumerate().take(options.len()) {
                tally.add(p, at == answer, id);
            }
        }
    }
    let mut found = Vec::new();
    for tally in [&longest, &shortest].into_iter().chain(&positions) {
        let n = tally.items;
        if n < PATTERN_MIN_ITEMS || !tally.far_above_chance() {
            continue;
        }
        let mut d = header.diagnostic(
            ANSWER_PATTERN,
            format!(
                "in topic `{}` the answer is {} in {} of {n} items; chance would be about {:.1}",
                topic.id, tally.what, tally.wins, tally.expected
            ),
        );
        for id in tally.at.iter().take(5) {
            if let Some(at) = ids.get(id) {
                d.related
                    .push(at.related(format!("{} is the answer here", tally.what)));
            }
        }
        d.help = Some(if tally.what.starts_with("option") {
            "let kata shuffle these items, or move their answers to other letters".into()
        } else {
            "a learner who always picks it scores well without knowing the topic: balance option lengths".into()
        });
        found.push(d);
    }
    found
}
