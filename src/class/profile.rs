//! kata's xAPI profile: the verbs, activity types and extensions its
//! statements use (written down with examples in docs/xapi.md).

/// Marks a statement as kata's (`context.contextActivities.category`); the
/// class report reads only statements that carry it.
pub const PROFILE: &str = "https://w3id.org/kata/xapi";
/// `context.platform` of every statement kata sends.
pub const PLATFORM: &str = "kata";
/// Activity IRIs start here unless the class sets its own (`activity_base` in `kata config`).
pub const DEFAULT_ACTIVITY_BASE: &str = "https://w3id.org/kata/activities";

pub const ANSWERED: &str = "http://adlnet.gov/expapi/verbs/answered";
pub const ATTEMPTED: &str = "http://adlnet.gov/expapi/verbs/attempted";
pub const INITIALIZED: &str = "http://adlnet.gov/expapi/verbs/initialized";
pub const COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
pub const PASSED: &str = "http://adlnet.gov/expapi/verbs/passed";
pub const FAILED: &str = "http://adlnet.gov/expapi/verbs/failed";
/// A Learn note the learner read.
pub const EXPERIENCED: &str = "http://adlnet.gov/expapi/verbs/experienced";
/// A test the learner left before its end (cmi5's verb for a session left
/// unfinished): the class report never counts it as a test score.
pub const ABANDONED: &str = "https://w3id.org/xapi/adl/verbs/abandoned";

/// A question or an exercise.
pub const INTERACTION: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";
/// A topic.
pub const MODULE: &str = "http://adlnet.gov/expapi/activities/module";
/// A Learn note.
pub const LESSON: &str = "http://adlnet.gov/expapi/activities/lesson";
/// A topic's test.
pub const ASSESSMENT: &str = "http://adlnet.gov/expapi/activities/assessment";

/// An extension key: `https://w3id.org/kata/xapi/extensions/NAME`.
pub fn extension(name: &str) -> String {
    format!("{PROFILE}/extensions/{name}")
}

/// `result.extensions`: the 1-based try within the session.
pub const EXT_TRY: &str = "try";
/// `result.extensions`: the hint was shown before this try.
pub const EXT_HINTED: &str = "hinted";
/// `result.extensions`: the option index chosen per blank (A = 0).
pub const EXT_CHOSEN: &str = "chosen";
/// `result.extensions`: `current`, `changed` (the item's hash differs from the
/// loaded content's) or `missing` (no such item loaded) — whether `response` holds texts.
pub const EXT_CONTENT: &str = "content";
/// How sure the learner said they were, 1 to 3 (confidence-based marking).
pub const EXT_CONFIDENCE: &str = "confidence";
/// `result.extensions` of a flashcard: the learner's grade, 1 (Again) to 4 (Easy).
pub const EXT_RATING: &str = "rating";
/// `result.extensions` of a kata run: tests passed and tests run.
pub const EXT_TESTS_PASSED: &str = "tests-passed";
pub const EXT_TESTS_RUN: &str = "tests-run";
/// `result.extensions` of a finished test: its verdict and seed.
pub const EXT_VERDICT: &str = "verdict";
pub const EXT_SEED: &str = "seed";
/// `context.extensions`: the item's content hash.
pub const EXT_HASH: &str = "content-hash";
/// `context.extensions`: topic id, item id, session, mode, kata version.
pub const EXT_TOPIC: &str = "topic";
pub const EXT_ITEM: &str = "item";
/// `context.extensions` of a prediction: the scenario's id.
pub const EXT_SCENARIO: &str = "scenario";
pub const EXT_SESSION: &str = "session";
pub const EXT_MODE: &str = "mode";
pub const EXT_VERSION: &str = "kata-version";

/// An IRI path segment: ids are `a-z0-9-` by the content rules, but a journal
/// edited by hand may hold anything, and the IRI must stay valid.
pub fn segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn segments_keep_ids_and_encode_the_rest() {
        assert_eq!(super::segment("filter-orders"), "filter-orders");
        assert_eq!(super::segment("a/b c\u{1b}"), "a%2Fb%20c%1B");
    }
}
