//! Every check kata runs on content, with its stable code. Codes never change
//! meaning once released: editors, CI scripts and AUTHORING.md refer to them.
//! A new rule takes the next free number (K037–K040 are reserved for the checks
//! of runnable exercises).

use super::Severity;

/// One check: its stable code, a short kebab-case name, how bad it is, and
/// what it catches.
///
/// ```
/// let rule = kata::content::rule("K012").unwrap();
/// assert_eq!(rule.name, "answer-out-of-range");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
}

const fn error(code: &'static str, name: &'static str, summary: &'static str) -> Rule {
    Rule {
        code,
        name,
        severity: Severity::Error,
        summary,
    }
}

pub(crate) const NOT_UTF8: Rule = error("K001", "not-utf8", "the file is not UTF-8 text");
pub(crate) const TOO_LARGE: Rule = error("K002", "too-large", "the file is over 1 MiB");
pub(crate) const UNREADABLE: Rule = error(
    "K003",
    "unreadable",
    "a file or folder cannot be read (missing, no permission, broken link)",
);
pub(crate) const NO_CONTENT: Rule = error("K004", "no-content", "a folder holds no .toml file");
pub(crate) const INVALID_TOML: Rule = error("K005", "invalid-toml", "the file is not valid TOML");
pub(crate) const UNKNOWN_KEY: Rule = error(
    "K006",
    "unknown-key",
    "a key or table kata does not know (often a typo)",
);
pub(crate) const MISSING_KEY: Rule = error("K007", "missing-key", "a required key is missing");
pub(crate) const WRONG_TYPE: Rule = error(
    "K008",
    "wrong-type",
    "a value has the wrong type (string, integer, array, table)",
);
pub(crate) const BAD_ID: Rule = error("K009", "bad-id", "an id is not made of a-z, 0-9 and -");
pub(crate) const DUPLICATE_ID: Rule =
    error("K010", "duplicate-id", "two items of one topic share an id");
pub(crate) const TOPIC_MISMATCH: Rule = error(
    "K011",
    "topic-mismatch",
    "files of one topic give different title, area or minutes",
);
pub(crate) const ANSWER_OUT_OF_RANGE: Rule = error(
    "K012",
    "answer-out-of-range",
    "an answer is not the upper-case letter of an existing option",
);
pub(crate) const BAD_DIFFICULTY: Rule = error(
    "K013",
    "bad-difficulty",
    "difficulty is not easy, medium or hard",
);
pub(crate) const OPTION_COUNT: Rule = error(
    "K014",
    "option-count",
    "fewer than 2 or more than 26 options",
);
pub(crate) const DUPLICATE_OPTION: Rule = error(
    "K015",
    "duplicate-option",
    "two options of one item have the same text",
);
pub(crate) const EMPTY_TEXT: Rule = error(
    "K016",
    "empty-text",
    "a prompt, hint, option or other text is empty or only spaces",
);
pub(crate) const ANSWER_COUNT: Rule = error(
    "K017",
    "answer-count",
    "an exercise gives a different number of answers than it has blanks",
);
pub(crate) const BLANK_NUMBERING: Rule = error(
    "K018",
    "blank-numbering",
    "blanks are not numbered 1, 2, 3… without gaps",
);
pub(crate) const BLANK_REPEATED: Rule = error(
    "K019",
    "blank-repeated",
    "a blank number is used twice in one code snippet",
);
pub(crate) const OUT_OF_RANGE: Rule = error(
    "K020",
    "out-of-range",
    "attempts is not 1–10, or minutes is not 1–600",
);
pub(crate) const FEEDBACK_UNKNOWN_OPTION: Rule = error(
    "K021",
    "feedback-unknown-option",
    "feedback is given for a letter that names no option",
);
pub(crate) const FEEDBACK_ON_ANSWER: Rule = error(
    "K022",
    "feedback-on-answer",
    "feedback is given for a correct option (feedback explains wrong ones)",
);
pub(crate) const CONTROL_CHARACTER: Rule = error(
    "K023",
    "control-character",
    "a string holds a control character (only newline and tab are allowed)",
);
pub(crate) const NO_BLANKS: Rule =
    error("K024", "no-blanks", "an exercise's code has no {{1}} blank");
pub(crate) const NO_ITEMS: Rule = Rule {
    code: "K025",
    name: "no-items",
    severity: Severity::Warning,
    summary: "a file defines no question, no exercise and no scenario",
};

pub(crate) const UNKNOWN_SCENARIO: Rule = error(
    "K026",
    "unknown-scenario",
    "`replay` names a scenario no loaded file defines",
);
pub(crate) const DUPLICATE_SCENARIO: Rule = error(
    "K027",
    "duplicate-scenario",
    "two scenarios share an id (scenario ids are global across all content)",
);
pub(crate) const UNUSED_RULE: Rule = Rule {
    code: "K028",
    name: "unused-rule",
    severity: Severity::Warning,
    summary: "a scenario rule names an event type none of its events has",
};
pub(crate) const NO_RULE: Rule = Rule {
    code: "K029",
    name: "no-rule",
    severity: Severity::Warning,
    summary: "a scenario has events of a type no rule handles (replay skips them)",
};
pub(crate) const MISSING_KEY_FIELD: Rule = error(
    "K030",
    "missing-key-field",
    "a scenario event's data lacks the scenario's key field",
);
pub(crate) const GENERATE_RANGE: Rule = error(
    "K031",
    "generate-range",
    "`generate` count is not 1 to 10,000,000, or entities is below 1 or above count",
);
pub(crate) const BAD_RULE: Rule = error(
    "K032",
    "bad-rule",
    "a scenario rule is not create, merge, delete or one of set/add/subtract/push/remove with a table",
);
pub(crate) const BAD_EFFECT: Rule = error(
    "K033",
    "bad-effect",
    "an exercise effect is malformed, names a missing blank, or has no `replay` scenario",
);
pub(crate) const INVISIBLE_CHARACTER: Rule = Rule {
    code: "K034",
    name: "invisible-character",
    severity: Severity::Warning,
    summary: "a key or string holds a bidi control or a zero-width character",
};
pub(crate) const OVER_BUDGET: Rule = error(
    "K035",
    "over-budget",
    "replaying a scenario would need more than 512 MiB of memory",
);
pub(crate) const TOO_DEEP: Rule = error(
    "K036",
    "too-deep",
    "a content folder is nested more than 64 levels deep",
);

const fn warning(code: &'static str, name: &'static str, summary: &'static str) -> Rule {
    Rule {
        code,
        name,
        severity: Severity::Warning,
        summary,
    }
}

pub(crate) const LONG_ANSWER: Rule = warning(
    "K043",
    "long-answer",
    "the right option is over 1.5× longer than every other",
);
pub(crate) const HINT_GIVES_ANSWER: Rule = warning(
    "K044",
    "hint-gives-answer",
    "the hint holds the right option's text, most of its words, or a word only it has",
);
pub(crate) const ANSWER_PATTERN: Rule = warning(
    "K045",
    "answer-pattern",
    "in a topic, the answer is the longest or shortest option, or (unshuffled) at one letter, far more often than chance",
);
pub(crate) const LETTER_IN_TEXT: Rule = warning(
    "K041",
    "letter-in-text",
    "prose of a shuffled item names an option by a bare letter (`option B`)",
);
pub(crate) const PLACEHOLDER_UNKNOWN_OPTION: Rule = error(
    "K042",
    "placeholder-unknown-option",
    "a letter placeholder `{{X}}` in prose names no option",
);
pub(crate) const KATA_NO_TESTS: Rule = Rule {
    code: "K046",
    name: "kata-no-tests",
    severity: Severity::Warning,
    summary: "a kata has no tests, so any code the learner writes solves it",
};
pub(crate) const KATA_LANG: Rule = error(
    "K047",
    "kata-lang",
    "a kata's `lang` is not `python`, the only language kata's sandbox runs",
);
pub(crate) const KATA_STARTER_IS_SOLUTION: Rule = Rule {
    code: "K048",
    name: "kata-starter-is-solution",
    severity: Severity::Warning,
    summary: "a kata's `starter` is its `solution`: the learner starts with the answer",
};
pub(crate) const RUN_NOT_PYTHON: Rule = error(
    "K037",
    "run-not-python",
    "an exercise with `[exercise.run]` is not `lang = \"python\"`, the one language kata's sandbox runs",
);
pub(crate) const RUN_SYNTAX: Rule = error(
    "K038",
    "run-syntax",
    "a runnable item's `setup`, a test or its completed code is not valid Python",
);
pub(crate) const RUN_FAILS: Rule = error(
    "K039",
    "run-fails",
    "the right completion fails a test, raises, hits a limit, or prints other than `output`",
);
pub(crate) const OPTION_PASSES: Rule = Rule {
    code: "K040",
    name: "option-passes",
    severity: Severity::Warning,
    summary: "a wrong option passes every test: the tests cannot tell it from the answer",
};
pub(crate) const STARTER_PASSES: Rule = Rule {
    code: "K049",
    name: "starter-passes",
    severity: Severity::Warning,
    summary: "a kata's starter passes every test: it is solved before the learner writes a line",
};
pub(crate) const SCENARIO_WITHOUT_KEY: Rule = warning(
    "K051",
    "scenario-without-key",
    "a scenario without `key` has events of several streams: replay folds them all into one record",
);
pub(crate) const EFFECT_BESIDE_RUN: Rule = warning(
    "K050",
    "effect-beside-run",
    "an exercise has both `effect` and `[exercise.run]`: the run shows what the code does, the effect only simulates it",
);
pub(crate) const TOML_1_1_ONLY: Rule = warning(
    "K052",
    "toml-1.1-only",
    "syntax only TOML 1.1 reads (a multi-line inline table, a trailing comma in one, `\\e` or `\\xHH`, a time without seconds): editors and taplo refuse it",
);
pub(crate) const NO_HINT: Rule = warning(
    "K053",
    "no-hint",
    "an item has no `hint`: a stuck learner gets nothing between the question and the answer",
);
pub(crate) const BLANK_NEAR_MISS: Rule = warning(
    "K054",
    "blank-near-miss",
    "`{{ 2 }}` in an exercise's code: a number in braces with spaces, meant as the blank `{{2}}`",
);
pub(crate) const CHOOSE_ALL_ANSWER: Rule = error(
    "K055",
    "choose-all-answer",
    "a question's `answer` list is empty, names a letter twice, or names every option",
);
pub(crate) const TYPED_WITH_OPTIONS: Rule = error(
    "K056",
    "typed-with-options",
    "a typed exercise (`typed = true`) also has `options`, `answer` or `effect`, which belong to one chosen from a pool",
);
pub(crate) const TYPED_ACCEPT: Rule = error(
    "K057",
    "typed-accept",
    "a typed exercise's `accept` has a list count other than its blanks, a blank that accepts nothing, a text twice or a text on two lines",
);
pub(crate) const CARD_GIVES_AWAY: Rule = error(
    "K058",
    "card-gives-away",
    "a flashcard's back is written on its front: the card asks nothing",
);
pub(crate) const NOTE_NO_SOURCES: Rule = warning(
    "K059",
    "note-no-sources",
    "a Learn note names no `sources`: a learner cannot check where its facts come from",
);
pub(crate) const NOTE_OPEN_FENCE: Rule = error(
    "K060",
    "note-open-fence",
    "a Learn note's body opens a ``` code fence and never closes it",
);
pub(crate) const PREDICT_PAST_END: Rule = error(
    "K061",
    "predict-past-end",
    "a `[[predict]]` asks about a position its scenario does not reach",
);
pub(crate) const PREDICT_NO_SUCH_FIELD: Rule = error(
    "K062",
    "predict-no-such-field",
    "a `[[predict]]` asks about an entity or field that does not exist right after its event",
);
pub(crate) const ORDER_ITEMS: Rule = error(
    "K063",
    "order-items",
    "an `[[order]]` lists fewer than 3 items, more than 26, or one item twice",
);
pub(crate) const UNKNOWN_REQUIRES: Rule = error(
    "K064",
    "unknown-requires",
    "a topic's `requires` names a topic no loaded file declares",
);
pub(crate) const REQUIRES_CYCLE: Rule = error(
    "K065",
    "requires-cycle",
    "topics' `requires` lead round in a circle: a track must run one way",
);

/// Every rule, in code order. AUTHORING.md lists the same table.
///
/// ```
/// use kata::content::{RULES, Severity};
/// assert_eq!(RULES[0].code, "K001");
/// assert!(RULES.iter().any(|r| r.severity == Severity::Warning));
/// ```
pub const RULES: &[Rule] = &[
    NOT_UTF8,
    TOO_LARGE,
    UNREADABLE,
    NO_CONTENT,
    INVALID_TOML,
    UNKNOWN_KEY,
    MISSING_KEY,
    WRONG_TYPE,
    BAD_ID,
    DUPLICATE_ID,
    TOPIC_MISMATCH,
    ANSWER_OUT_OF_RANGE,
    BAD_DIFFICULTY,
    OPTION_COUNT,
    DUPLICATE_OPTION,
    EMPTY_TEXT,
    ANSWER_COUNT,
    BLANK_NUMBERING,
    BLANK_REPEATED,
    OUT_OF_RANGE,
    FEEDBACK_UNKNOWN_OPTION,
    FEEDBACK_ON_ANSWER,
    CONTROL_CHARACTER,
    NO_BLANKS,
    NO_ITEMS,
    UNKNOWN_SCENARIO,
    DUPLICATE_SCENARIO,
    UNUSED_RULE,
    NO_RULE,
    MISSING_KEY_FIELD,
    GENERATE_RANGE,
    BAD_RULE,
    BAD_EFFECT,
    INVISIBLE_CHARACTER,
    OVER_BUDGET,
    TOO_DEEP,
    RUN_NOT_PYTHON,
    RUN_SYNTAX,
    RUN_FAILS,
    OPTION_PASSES,
    LETTER_IN_TEXT,
    PLACEHOLDER_UNKNOWN_OPTION,
    LONG_ANSWER,
    HINT_GIVES_ANSWER,
    ANSWER_PATTERN,
    KATA_NO_TESTS,
    KATA_LANG,
    KATA_STARTER_IS_SOLUTION,
    STARTER_PASSES,
    EFFECT_BESIDE_RUN,
    SCENARIO_WITHOUT_KEY,
    TOML_1_1_ONLY,
    NO_HINT,
    BLANK_NEAR_MISS,
    CHOOSE_ALL_ANSWER,
    TYPED_WITH_OPTIONS,
    TYPED_ACCEPT,
    CARD_GIVES_AWAY,
    NOTE_NO_SOURCES,
    NOTE_OPEN_FENCE,
    PREDICT_PAST_END,
    PREDICT_NO_SUCH_FIELD,
    ORDER_ITEMS,
    UNKNOWN_REQUIRES,
    REQUIRES_CYCLE,
];

/// The rule with this code, e.g. `K012`.
///
/// ```
/// assert!(kata::content::rule("K999").is_none());
/// ```
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_in_order() {
        // Strictly increasing `Knnn`: unique, in code order. K037–K040 are
        // reserved for the checks of runnable exercises, so a gap is allowed.
        let numbers: Vec<u32> = RULES
            .iter()
            .map(|r| {
                assert!(r.code.len() == 4 && r.code.starts_with('K'), "{}", r.code);
                r.code[1..].parse().expect("three digits")
            })
            .collect();
        assert_eq!(numbers[0], 1);
        for pair in numbers.windows(2) {
            assert!(pair[0] < pair[1], "K{:03} then K{:03}", pair[0], pair[1]);
        }
    }
}
