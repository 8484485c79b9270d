//! The shape of a content file, as types: what `kata schema` turns into a
//! JSON Schema for editors (taplo / Even Better TOML complete keys and flag
//! mistakes while the author types).
//!
//! The loader does not deserialize through these types: it walks the TOML
//! with spans so every problem gets its `line:col` (see `check/`). So that
//! the two cannot drift, tests below compare the keys each table accepts
//! here with the key lists the loader checks against, both ways, and check
//! that a file holding only the keys this schema requires loads clean while
//! removing any one of them is a missing-key error. Every bundled file also
//! deserializes into [`ContentFile`] and validates against the schema
//! (`tests/schema.rs`).
//!
//! Scenario tables are checked more deeply by the loader than the schema
//! can say (rule actions, key fields, ranges across keys): the schema gives
//! their keys and shapes.

use super::Difficulty;
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;

/// An id: lower-case letters, digits and `-`.
const ID: &str = "^[a-z0-9-]+$";
/// An option letter: `A` is the first option.
const LETTER: &str = "^[A-Z]$";
/// Text that is more than spaces.
const NOT_BLANK: &str = "\\S";
/// Exercise code with at least one blank.
const HAS_BLANK: &str = "\\{\\{[0-9]+\\}\\}";

/// One kata content file: a `[topic]` and any number of `[[question]]` and
/// `[[exercise]]` tables. Check it with `kata check FILE`.
///
/// ```
/// let file: kata::content::ContentFile = toml::from_str(r#"
///     [topic]
///     id = "sagas"
///     title = "Sagas"
/// "#).unwrap();
/// assert_eq!(file.topic.id, "sagas");
/// assert!(file.question.is_empty());
/// ```
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "kata content file",
    description = "A [topic] and any number of [[question]] and [[exercise]] tables. Check it with `kata check FILE`; AUTHORING.md describes every key."
)]
pub struct ContentFile {
    /// The topic this file adds to; files with the same topic id form one topic.
    pub topic: TopicTable,
    /// Multiple-choice questions with one correct option.
    #[serde(default)]
    pub question: Vec<QuestionTable>,
    /// Fill-in-the-blank code exercises.
    #[serde(default)]
    pub exercise: Vec<ExerciseTable>,
    /// Replay-lab scenarios; their ids are global across all loaded content.
    #[serde(default)]
    pub scenario: Vec<ScenarioTable>,
    /// Katas: the learner writes the code and its tests say when it works.
    #[serde(default)]
    pub kata: Vec<KataTable>,
    /// Flashcards: a front to recall from, a back to grade the recall by.
    #[serde(default)]
    pub card: Vec<CardTable>,
    /// Learn notes: short sections with examples, read before practice.
    #[serde(default)]
    pub note: Vec<NoteTable>,
    /// Predictions: a field's value right after an event of a scenario, computed by kata.
    #[serde(default)]
    pub predict: Vec<PredictTable>,
    /// Orderings: put the lines or events in order (a Parsons problem).
    #[serde(default)]
    pub order: Vec<OrderTable>,
}

/// `[[order]]`: the items in the right order; the learner sees them
/// shuffled and puts each in its place.
///
/// ```
/// let o: kata::content::OrderTable = toml::from_str(r#"
///     id = "replay-order"
///     difficulty = "medium"
///     prompt = "Put the user's events in the order the store must replay them."
///     items = ["UserCreated", "UserNameUpdated", "UserDeleted"]
///     hint = "A user is renamed only once it exists."
/// "#).unwrap();
/// assert_eq!(o.items.len(), 3);
/// ```
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "An ordering (a Parsons problem): the items in the right order; the learner sees them shuffled and puts each in its numbered place."
)]
pub struct OrderTable {
    /// Unique within the topic (orderings share ids with every other kind).
    #[schemars(pattern(ID))]
    pub id: String,
    /// easy, medium or hard; also the weight in points (1, 2, 3).
    pub difficulty: Difficulty,
    /// What to put in order.
    #[schemars(pattern(NOT_BLANK))]
    pub prompt: String,
    /// The items in the right order, 3 to 26, each different (K063).
    #[schemars(length(min = 3, max = 26), inner(pattern(NOT_BLANK)))]
    pub items: Vec<String>,
    /// Tries allowed, 1 to 10 (default 3).
    #[schemars(range(min = 1, max = 10))]
    pub attempts: Option<u8>,
    /// A nudge towards what decides the order, never the order.
    pub hint: Option<String>,
    /// Why this order, one step per entry (the order itself is shown first).
    #[schemars(inner(pattern(NOT_BLANK)))]
    pub steps: Option<Vec<String>>,
}

/// `[[predict]]`: what is a field's value right after one event of a
/// scenario? kata replays the scenario and computes the answer (and wrong
/// values from real slips); the author never writes it.
///
/// ```
/// let p: kata::content::PredictTable = toml::from_str(r#"
///     id = "balance-after-withdrawal"
///     difficulty = "medium"
///     scenario = "bank-account"
///     at = 4
///     entity = 0
///     field = "balance"
///     hint = "Fold the five events in order."
/// "#).unwrap();
/// assert_eq!(p.at, 4);
/// ```
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "A prediction: the learner says a field's value right after one event of a scenario; kata replays the scenario to compute the answer and plausible wrong values."
)]
pub struct PredictTable {
    /// Unique within the topic (predictions share ids with every other kind).
    #[schemars(pattern(ID))]
    pub id: String,
    /// easy, medium or hard; also the weight in points (1, 2, 3).
    pub difficulty: Difficulty,
    /// The question in your words; left out, kata words it from the scenario.
    #[schemars(pattern(NOT_BLANK))]
    pub prompt: Option<String>,
    /// The id of the scenario replayed.
    #[schemars(pattern(ID))]
    pub scenario: String,
    /// The 0-based position of the event whose effect is asked (K061).
    #[schemars(range(min = 0))]
    pub at: i64,
    /// The entity's key (a number or a string); left out for a scenario without `key`.
    pub entity: Option<EntityKey>,
    /// The field whose value right after the event is asked (K062).
    #[schemars(pattern(NOT_BLANK))]
    pub field: String,
    /// A nudge towards the way to work it out, never the value.
    pub hint: Option<String>,
}

/// An entity's key as a `[[predict]]` writes it: `entity = 1` or `entity = "order-1"`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum EntityKey {
    Number(i64),
    Text(String),
}

/// `[[note]]`: a Learn note — plain text with fenced code blocks, and its sources.
///
/// ```
/// let n: kata::content::NoteTable = toml::from_str(r#"
///     id = "what-is-an-event-store"
///     title = "What an event store keeps"
///     body = "Every change is an event, appended to its stream."
///     sources = ["https://microservices.io/patterns/data/event-sourcing.html"]
/// "#).unwrap();
/// assert_eq!(n.sources.unwrap().len(), 1);
/// ```
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "A Learn note: a short section of plain text with fenced code blocks, shown in Learn mode before practice, with where its facts come from."
)]
pub struct NoteTable {
    /// Unique within the topic (notes share ids with every other kind).
    #[schemars(pattern(ID))]
    pub id: String,
    /// The note's heading.
    #[schemars(pattern(NOT_BLANK))]
    pub title: String,
    /// Paragraphs separated by blank lines; code between lines of ``` (K060 when one is left open).
    #[schemars(pattern(NOT_BLANK))]
    pub body: String,
    /// Where the facts come from: links or references (a warning without, K059).
    #[schemars(inner(pattern(NOT_BLANK)))]
    pub sources: Option<Vec<String>>,
}

/// `[[card]]`: a flashcard, self-graded Again / Hard / Good / Easy.
///
/// ```
/// let c: kata::content::CardTable = toml::from_str(r#"
///     id = "card-append-only"
///     front = "What does append-only mean for an event store?"
///     back = "Events are only ever added at the end; none is changed or deleted."
/// "#).unwrap();
/// assert!(c.sources.is_none());
/// ```
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "A flashcard: the learner recalls the back from the front, turns it and grades the recall; spaced repetition brings it back when due."
)]
pub struct CardTable {
    /// Unique within the topic (cards share ids with questions, exercises and katas).
    #[schemars(pattern(ID))]
    pub id: String,
    /// What the learner is asked; it must not already hold the back (K058).
    #[schemars(pattern(NOT_BLANK))]
    pub front: String,
    /// The answer, shown when the card is turned.
    #[schemars(pattern(NOT_BLANK))]
    pub back: String,
    /// Where the fact comes from: links or references, shown with the back.
    #[schemars(inner(pattern(NOT_BLANK)))]
    pub sources: Option<Vec<String>>,
}

/// `[[scenario]]`: an event log the replay lab replays, and the rules that
/// fold it into state.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "A replay-lab scenario: events, the rules that fold them into state, snapshots and generated events."
)]
pub struct ScenarioTable {
    /// Global across all loaded content.
    #[schemars(pattern(ID))]
    pub id: String,
    #[schemars(pattern(NOT_BLANK))]
    pub title: String,
    #[schemars(pattern(NOT_BLANK))]
    pub about: Option<String>,
    /// The data field naming the entity; without it the state is one record.
    #[schemars(pattern(NOT_BLANK))]
    pub key: Option<String>,
    /// Take a snapshot after every N-th event (0 = never).
    #[schemars(range(min = 0, max = 10_000_000))]
    pub snapshot_every: Option<u64>,
    /// The listed events, appended in order.
    pub events: Option<Vec<ScenarioEventTable>>,
    /// Per event type: "create", "merge", "delete", or { set | add | subtract | push | remove = { … } }.
    #[schemars(schema_with = "rules_schema")]
    pub rules: BTreeMap<String, serde_json::Value>,
    /// Generated events after the listed ones.
    pub generate: Option<GenerateTable>,
}

/// One listed event of a scenario.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioEventTable {
    #[schemars(pattern(NOT_BLANK))]
    pub stream: String,
    #[serde(rename = "type")]
    #[schemars(pattern(NOT_BLANK))]
    pub event_type: String,
    pub data: Option<BTreeMap<String, serde_json::Value>>,
    /// The revision the writer expects the stream at, or "any", "no_stream", "exists".
    // `default`: a `schema_with` field is otherwise listed as required.
    #[serde(default)]
    #[schemars(schema_with = "expected_schema")]
    pub expected: Option<serde_json::Value>,
    /// Who appends it.
    pub writer: Option<String>,
}

/// `[scenario.generate]`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GenerateTable {
    #[schemars(range(min = 1, max = 10_000_000))]
    pub count: u64,
    #[schemars(range(min = 1))]
    pub entities: u64,
    #[schemars(pattern(NOT_BLANK))]
    pub stream: String,
    #[schemars(length(min = 1))]
    pub pattern: Vec<PatternStep>,
}

/// One step of a generated pattern.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PatternStep {
    #[serde(rename = "type")]
    #[schemars(pattern(NOT_BLANK))]
    pub event_type: String,
    pub data: Option<BTreeMap<String, serde_json::Value>>,
}

/// An exercise's `effect` on its scenario's store; `{{N}}` binds the option in blank N.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EffectTable {
    /// "append", "filter" or "count".
    #[serde(rename = "do")]
    #[schemars(schema_with = "effect_action_schema")]
    pub action: String,
    pub what: Option<String>,
    pub event: Option<EffectEventTable>,
    pub field: Option<String>,
    pub compare: Option<String>,
    pub counter: Option<String>,
    pub value: Option<String>,
}

/// The event an append effect appends.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EffectEventTable {
    pub stream: String,
    #[serde(rename = "type")]
    pub event_type: String,
    pub data: Option<BTreeMap<String, serde_json::Value>>,
}

/// `[topic]`: which topic the file belongs to.
///
/// ```
/// let t: kata::content::TopicTable = toml::from_str("id = \"x\"\ntitle = \"X\"\nminutes = 5").unwrap();
/// assert_eq!(t.minutes, Some(5));
/// ```
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Which topic the file belongs to; files with the same id form one topic.")]
pub struct TopicTable {
    /// The topic's id (a-z, 0-9 and -); files with the same id form one topic.
    #[schemars(pattern(ID))]
    pub id: String,
    /// Shown in lists and headers; files of one topic must give the same title.
    #[schemars(pattern(NOT_BLANK))]
    pub title: String,
    /// A subtitle, e.g. "Microservices · system design".
    #[schemars(pattern(NOT_BLANK))]
    pub area: Option<String>,
    /// About how long the topic takes, in minutes (1–600).
    #[schemars(range(min = 1, max = 600))]
    pub minutes: Option<u32>,
    /// false: the items of this file show their options in the order written (default true: shuffled).
    pub shuffle: Option<bool>,
    /// The ids of the topics this one builds on; the track shows it after them.
    #[schemars(inner(pattern(ID)))]
    pub requires: Option<Vec<String>>,
}

/// `[[question]]`: a multiple-choice question with exactly one correct option.
///
/// ```
/// let q: kata::content::QuestionTable = toml::from_str(r#"
///     id = "why"
///     difficulty = "easy"
///     prompt = "Why?"
///     options = ["Because", "No reason"]
///     answer = "A"
///     hint = "Think."
///     mistakes = []
/// "#).unwrap();
/// assert_eq!(q.answer, "A");
/// ```
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "A multiple-choice question with exactly one correct option.")]
pub struct QuestionTable {
    /// Unique within the topic (questions and exercises share ids); progress is kept by topic/id.
    #[schemars(pattern(ID))]
    pub id: String,
    /// easy, medium or hard; also the weight in points (1, 2, 3).
    pub difficulty: Difficulty,
    /// The question.
    #[schemars(pattern(NOT_BLANK))]
    pub prompt: String,
    /// 2 to 26 options, lettered A, B, C… in order; no two alike.
    #[schemars(length(min = 2, max = 26), inner(pattern(NOT_BLANK)))]
    pub options: Vec<String>,
    /// The upper-case letter of the correct option ("A" is the first), or
    /// the letters of every correct option of a choose-all question
    /// (`["A", "C"]`: the learner must pick them all).
    #[schemars(schema_with = "question_answer_schema")]
    pub answer: serde_json::Value,
    /// The worked solution, one step per entry.
    #[schemars(inner(pattern(NOT_BLANK)))]
    pub steps: Option<Vec<String>>,
    /// A one-line summary to remember.
    #[schemars(pattern(NOT_BLANK))]
    pub quick_check: Option<String>,
    /// Shown on request; it halves the item's score. Leave it out only if there is none to give (a warning, K053).
    #[schemars(pattern(NOT_BLANK))]
    pub hint: Option<String>,
    /// Common mistakes, shown after answering (may be empty).
    #[schemars(inner(pattern(NOT_BLANK)))]
    pub mistakes: Vec<String>,
    /// Why a wrong option is wrong, keyed by its letter: { B = "..." }.
    #[schemars(extend("propertyNames" = { "pattern": "^[A-Z]$" }))]
    pub feedback: Option<BTreeMap<String, String>>,
    /// The id of a replay-lab scenario about this question.
    #[schemars(pattern(ID))]
    pub replay: Option<String>,
    /// false: show the options in the order written, e.g. for "all of the above" or a scale (default: the file's `[topic] shuffle`, else true).
    pub shuffle: Option<bool>,
}

/// `[[exercise]]`: code with numbered blanks `{{1}}`, `{{2}}`… filled from one pool of options.
///
/// ```
/// let e: kata::content::ExerciseTable = toml::from_str(r#"
///     id = "eq"
///     difficulty = "medium"
///     prompt = "Compare."
///     code = "a {{1}} b"
///     options = ["==", "="]
///     answer = ["A"]
///     hint = "Two characters."
///     mistakes = []
/// "#).unwrap();
/// assert_eq!(e.answer.unwrap(), ["A"]);
/// ```
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Code with numbered blanks {{1}}, {{2}}… that the learner fills from one pool of options, or types (typed = true)."
)]
pub struct ExerciseTable {
    /// Unique within the topic (questions and exercises share ids); progress is kept by topic/id.
    #[schemars(pattern(ID))]
    pub id: String,
    /// easy, medium or hard; also the weight in points (1, 2, 3).
    pub difficulty: Difficulty,
    /// What the learner should do.
    #[schemars(pattern(NOT_BLANK))]
    pub prompt: String,
    /// The snippet's language, for display only.
    #[schemars(pattern(NOT_BLANK))]
    pub lang: Option<String>,
    /// The code, with blanks {{1}}, {{2}}… numbered from 1 without gaps; may span many lines.
    #[schemars(pattern(HAS_BLANK))]
    pub code: String,
    /// One pool of 2 to 26 options for all blanks, lettered A, B, C…; no two alike. Not with `typed = true`.
    #[schemars(length(min = 2, max = 26), inner(pattern(NOT_BLANK)))]
    pub options: Option<Vec<String>>,
    /// One upper-case option letter per blank, in blank order: ["A", "B"]. Not with `typed = true`.
    #[schemars(length(min = 1), inner(pattern(LETTER)))]
    pub answer: Option<Vec<String>>,
    /// true: the learner types each blank instead of choosing; `accept` lists what is right.
    pub typed: Option<bool>,
    /// With `typed = true`: one list of accepted texts per blank, in blank order, the first the one the solution shows: [["append"], ["1", "one"]]. Compared after trimming, with ' and " alike.
    #[schemars(length(min = 1), inner(length(min = 1), inner(pattern(NOT_BLANK))))]
    pub accept: Option<Vec<Vec<String>>>,
    /// Tries allowed in practice, 1 to 10 (default 3).
    #[schemars(range(min = 1, max = 10))]
    pub attempts: Option<u8>,
    /// Shown on request; it halves the item's score. Leave it out only if there is none to give (a warning, K053).
    #[schemars(pattern(NOT_BLANK))]
    pub hint: Option<String>,
    /// Common mistakes, shown after answering (may be empty).
    #[schemars(inner(pattern(NOT_BLANK)))]
    pub mistakes: Vec<String>,
    /// The worked solution, one step per entry.
    #[schemars(inner(pattern(NOT_BLANK)))]
    pub steps: Option<Vec<String>>,
    /// Why a wrong option is wrong: keyed by its letter for any blank (not a
    /// letter that answers a blank), or by a blank's number for that blank
    /// alone: { C = "...", 2 = { A = "A belongs in blank 1" } }. Of a typed
    /// exercise, keyed by a wrong text: { "add" = "..." }.
    // `default`: a `schema_with` field is otherwise listed as required.
    #[serde(default)]
    #[schemars(schema_with = "exercise_feedback_schema")]
    pub feedback: Option<BTreeMap<String, serde_json::Value>>,
    /// The id of a replay-lab scenario about this exercise.
    #[schemars(pattern(ID))]
    pub replay: Option<String>,
    /// What the completed code does to the `replay` scenario's store.
    pub effect: Option<EffectTable>,
    /// false: show the option pool in the order written (default: the file's `[topic] shuffle`, else true).
    pub shuffle: Option<bool>,
    /// Makes the exercise runnable: the completed code runs in kata's Python sandbox.
    pub run: Option<RunTable>,
}

/// `[exercise.run]`: every check runs setup, the completed code, then each test.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Runs the completed code in kata's Python sandbox: setup, the code with the learner's options, then each test on its own."
)]
pub struct RunTable {
    /// Python that runs first, in the same namespace; the learner can view it.
    pub setup: Option<String>,
    /// Python statements, each run after the code on its own and reported ✓/✗ (an assert, usually).
    pub tests: Option<Vec<String>>,
    /// The exact stdout the right completion prints.
    pub output: Option<String>,
    /// Running time allowed, in milliseconds (1–1000, default 1000).
    #[schemars(range(min = 1, max = 1000))]
    pub time_ms: Option<u64>,
    /// Memory allowed, in MiB (1–64, default 64).
    #[schemars(range(min = 1, max = 64))]
    pub memory_mib: Option<u64>,
    /// Output allowed, in KiB (1–64, default 64).
    #[schemars(range(min = 1, max = 64))]
    pub output_kib: Option<u64>,
}

/// `[[kata]]`: the learner writes the code; solved when every test passes.
///
/// ```
/// let k: kata::content::KataTable = toml::from_str(r#"
///     id = "double"
///     difficulty = "easy"
///     prompt = "Write double(x)."
///     starter = "def double(x):\n    pass\n"
///     solution = "def double(x):\n    return 2 * x\n"
///     tests = ["assert double(2) == 4"]
///     hint = "Multiply."
/// "#).unwrap();
/// assert_eq!(k.tests.unwrap().len(), 1);
/// ```
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "A kata: the learner writes the code in an editor; it is solved when every test passes."
)]
pub struct KataTable {
    /// Unique within the topic (questions, exercises and katas share ids); progress is kept by topic/id.
    #[schemars(pattern(ID))]
    pub id: String,
    /// easy, medium or hard; also the weight in points (1, 2, 3).
    pub difficulty: Difficulty,
    /// What the learner should write.
    #[schemars(pattern(NOT_BLANK))]
    pub prompt: String,
    /// The language of the code: only "python" runs today.
    #[schemars(regex(pattern = "^python$"))]
    pub lang: Option<String>,
    /// Runs first, in the same namespace as the learner's code; the learner can view it.
    pub setup: Option<String>,
    /// The code the learner starts from (may be empty).
    pub starter: String,
    /// The author's solution: shown after solving or giving up; it must pass every test.
    #[schemars(pattern(NOT_BLANK))]
    pub solution: String,
    /// Each entry runs after the code, on its own, and is reported ✓/✗ on its own.
    #[schemars(inner(pattern(NOT_BLANK)))]
    pub tests: Option<Vec<String>>,
    /// Shown on request; it halves the item's score. Leave it out only if there is none to give (a warning, K053).
    #[schemars(pattern(NOT_BLANK))]
    pub hint: Option<String>,
    /// The worked solution, one step per entry.
    #[schemars(inner(pattern(NOT_BLANK)))]
    pub steps: Option<Vec<String>>,
    /// The id of a replay-lab scenario about this kata.
    #[schemars(pattern(ID))]
    pub replay: Option<String>,
}

/// `[scenario.rules]`: each event type maps to a word or a one-key table of
/// field names. Written out so an editor completes the actions and flags a
/// bad one at its place (schemars would give `additionalProperties: true`).
fn rules_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let fields = |what: &str| {
        serde_json::json!({
            "type": "object",
            "description": what,
            "additionalProperties": { "type": "string", "pattern": NOT_BLANK },
            "minProperties": 1
        })
    };
    schemars::json_schema!({
        "type": "object",
        "description": "Per event type: \"create\", \"merge\", \"delete\", or a one-key table { set | add | subtract | push | remove = { field = … } }.",
        // No `"type": ["string", "object"]`: ajv's strict mode refuses union
        // types; the two branches give each its type.
        "additionalProperties": {
            "if": { "type": "string" },
            "then": { "type": "string", "enum": ["create", "merge", "delete"] },
            "else": {
                "type": "object",
                "properties": {
                    "set": {
                        "type": "object",
                        "description": "Set each field to the value written here: { status = \"shipped\" }.",
                        "minProperties": 1
                    },
                    "add": fields("Add the event's data field named here to each state field: { balance = \"amount\" }."),
                    "subtract": fields("Subtract the event's data field named here from each state field."),
                    "push": fields("Append the event's data field named here to each list field."),
                    "remove": fields("Remove the event's data field named here from each list field.")
                },
                "additionalProperties": false,
                "minProperties": 1,
                "maxProperties": 1
            }
        }
    })
}

/// `expected`: a revision from 0, or one of the three words.
fn expected_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "description": "The revision the writer expects the stream at (from 0), or \"any\", \"no_stream\", \"exists\".",
        "if": { "type": "integer" },
        "then": { "type": "integer", "minimum": 0 },
        "else": { "type": "string", "enum": ["any", "no_stream", "exists"] }
    })
}

/// A question's `answer`: one letter, or a list of them (choose-all). Told
/// apart with if/then/else rather than a union type, which ajv's strict
/// mode refuses.
fn question_answer_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "description": "The upper-case letter of the correct option (\"A\" is the first), or the letters of every correct option of a choose-all question ([\"A\", \"C\"]).",
        "if": { "type": "array" },
        "then": {
            "type": "array",
            "minItems": 1,
            "uniqueItems": true,
            "items": { "type": "string", "pattern": LETTER }
        },
        "else": { "type": "string", "pattern": LETTER }
    })
}

/// An exercise's `feedback`: letters to texts, and blank numbers to tables
/// of letters to texts.
/// Its keys depend on `typed`, so the exact shape is in [`typed_or_options`].
fn exercise_feedback_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "description": "Why a wrong option is wrong: keyed by its letter for any blank, or by a blank's number for that blank alone ({ C = \"...\", 2 = { A = \"...\" } }); of a typed exercise, by a wrong text ({ \"add\" = \"...\" }).",
        "type": "object"
    })
}

/// An exercise either has options (`options`, `answer`, feedback by letter)
/// or is typed (`typed = true`, `accept`, feedback by text). Told apart with
/// if/then/else on `typed`, the form ajv's strict mode and Taplo both read;
/// the loader makes the same split (K056).
fn typed_or_options(exercise: &mut serde_json::Value) {
    let text = serde_json::json!({ "type": "string", "pattern": NOT_BLANK });
    exercise["if"] = serde_json::json!({
        "type": "object",
        "properties": { "typed": { "const": true } },
        "required": ["typed"]
    });
    // `false`: the key may not be there (ajv's strict mode wants every
    // required key defined beside its `required`, hence the `true`s).
    exercise["then"] = serde_json::json!({
        "type": "object",
        "required": ["accept"],
        "properties": {
            "accept": true,
            "options": false,
            "answer": false,
            "effect": false,
            "feedback": { "type": "object", "additionalProperties": text }
        }
    });
    exercise["else"] = serde_json::json!({
        "type": "object",
        "required": ["options", "answer"],
        "properties": {
            "options": true,
            "answer": true,
            "accept": false,
            "feedback": {
                "type": "object",
                "patternProperties": {
                    "^[A-Z]$": text,
                    "^[1-9][0-9]*$": {
                        "type": "object",
                        "propertyNames": { "pattern": "^[A-Z]$" },
                        "additionalProperties": text
                    }
                },
                "additionalProperties": false
            }
        }
    });
}

/// An effect's `do`: an enum, so an editor offers the three words.
fn effect_action_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "description": "\"append\", \"filter\" or \"count\".",
        "type": "string",
        "enum": ["append", "filter", "count"]
    })
}

/// The JSON Schema (draft-07, which taplo and most editors read) of a
/// content file, as `kata schema` prints it.
///
/// ```
/// let schema = kata::content::schema();
/// assert_eq!(schema["title"], "kata content file");
/// assert!(schema["properties"]["topic"].is_object());
/// ```
pub fn schema() -> serde_json::Value {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<ContentFile>().to_value();
    let definitions = schema["definitions"].clone();
    for_editors(&mut schema, &definitions);
    typed_or_options(&mut schema["definitions"]["ExerciseTable"]);
    schema
}

/// Reshape what schemars writes into what every common consumer reads:
///
/// - TOML has no null, so an optional key is one that may be left out: the
///   `"null"` in the type of every `Option` field goes, and so does the
///   `{"type": "null"}` arm of an optional table's `anyOf` (a bad value would
///   otherwise report "not valid under any of the given schemas").
/// - `{"allOf": [{"$ref": …}], "description": …}` (how schemars keeps a
///   description beside a reference) sends Taplo's language server into
///   endless recursion when it completes; the referenced definition is
///   written in place instead.
/// - `format: "uint8"` and its kin are not JSON Schema formats; ajv's strict
///   mode refuses the whole schema for them. The ranges say the same.
fn for_editors(schema: &mut serde_json::Value, definitions: &serde_json::Value) {
    use serde_json::Value;
    match schema {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if let [only] = types.as_slice() {
                    let only = only.clone();
                    map.insert("type".into(), only);
                }
            }
            if map
                .get("format")
                .and_then(Value::as_str)
                .is_some_and(|f| f.starts_with("uint") || f.starts_with("int"))
            {
                map.remove("format");
            }
            for combinator in ["anyOf", "allOf"] {
                let Some(Value::Array(arms)) = map.get_mut(combinator) else {
                    continue;
                };
                arms.retain(|arm| arm.get("type").and_then(Value::as_str) != Some("null"));
                if arms.len() != 1 {
                    continue;
                }
                let arm = arms.pop().expect("one arm");
                map.remove(combinator);
                let arm = match arm.get("$ref").and_then(Value::as_str) {
                    Some(reference) => {
                        let name = reference.trim_start_matches("#/definitions/");
                        definitions[name].clone()
                    }
                    None => arm,
                };
                if let Value::Object(arm) = arm {
                    for (key, value) in arm {
                        // The field's own words (its description) win over the definition's.
                        map.entry(key).or_insert(value);
                    }
                }
            }
            map.values_mut()
                .for_each(|value| for_editors(value, definitions));
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|value| for_editors(value, definitions)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::schema;
    use crate::content::check::{
        CARD_KEYS, EXERCISE_KEYS, KATA_KEYS, NOTE_KEYS, ORDER_KEYS, PREDICT_KEYS, QUESTION_KEYS,
        SCENARIO_KEYS, TOP_LEVEL, TOPIC_KEYS,
    };
    use crate::content::{SourceFile, Sources};
    use serde_json::Value;
    use std::collections::BTreeSet;

    fn table<'s>(schema: &'s Value, name: &str) -> &'s Value {
        &schema["definitions"][name]
    }

    fn keys(table: &Value) -> BTreeSet<String> {
        table["properties"]
            .as_object()
            .expect("a table has properties")
            .keys()
            .cloned()
            .collect()
    }

    fn required(table: &Value) -> Vec<String> {
        table["required"]
            .as_array()
            .map(|r| r.iter().map(|k| k.as_str().unwrap().to_string()).collect())
            .unwrap_or_default()
    }

    fn set(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|k| k.to_string()).collect()
    }

    #[test]
    fn the_schema_accepts_exactly_the_keys_the_loader_accepts() {
        let schema = schema();
        assert_eq!(keys(&schema), set(TOP_LEVEL), "top-level tables");
        assert_eq!(keys(table(&schema, "TopicTable")), set(TOPIC_KEYS));
        assert_eq!(keys(table(&schema, "QuestionTable")), set(QUESTION_KEYS));
        assert_eq!(keys(table(&schema, "ExerciseTable")), set(EXERCISE_KEYS));
        assert_eq!(keys(table(&schema, "ScenarioTable")), set(SCENARIO_KEYS));
        assert_eq!(keys(table(&schema, "KataTable")), set(KATA_KEYS));
        assert_eq!(keys(table(&schema, "CardTable")), set(CARD_KEYS));
        assert_eq!(keys(table(&schema, "NoteTable")), set(NOTE_KEYS));
        assert_eq!(keys(table(&schema, "PredictTable")), set(PREDICT_KEYS));
        assert_eq!(keys(table(&schema, "OrderTable")), set(ORDER_KEYS));
        for name in [
            "TopicTable",
            "QuestionTable",
            "ExerciseTable",
            "KataTable",
            "CardTable",
            "NoteTable",
            "PredictTable",
            "OrderTable",
        ] {
            assert_eq!(
                table(&schema, name)["additionalProperties"],
                false,
                "{name} must refuse unknown keys, as the loader does"
            );
        }
    }

    /// A value for each required key, good enough for the loader.
    fn sample(key: &str) -> &'static str {
        match key {
            "id" => "\"x\"",
            "difficulty" => "\"easy\"",
            "options" => "[\"one\", \"two\"]",
            "code" => "\"a {{1}} b\"",
            "solution" => "\"x = 1\"",
            "mistakes" => "[]",
            // Not the front's text: a back written on the front is K058.
            "back" => "\"the answer\"",
            _ => "\"text\"",
        }
    }

    fn file(topic: &[String], kind: &str, item: &[String], answer: &str) -> String {
        let mut text = String::from("[topic]\n");
        for key in topic {
            text.push_str(&format!("{key} = {}\n", sample(key)));
        }
        text.push_str(&format!("[[{kind}]]\n"));
        for key in item {
            let value = if key == "answer" { answer } else { sample(key) };
            text.push_str(&format!("{key} = {value}\n"));
        }
        text
    }

    fn problems(text: &str) -> Vec<&'static str> {
        let mut sources = Sources::default();
        sources
            .files
            .push(SourceFile::new("t.toml", text.as_bytes().to_vec()));
        // Errors only: a kata holding only its required keys has no tests,
        // which is worth a warning (K046), not a refusal.
        (sources.load().problems.iter())
            .filter(|d| d.is_error())
            .map(|d| d.code)
            .collect()
    }

    #[test]
    fn the_schemas_required_keys_are_the_loaders_required_keys() {
        let schema = schema();
        assert_eq!(required(&schema), ["topic"]);
        let topic = required(table(&schema, "TopicTable"));
        for (kind, name, answer) in [
            ("question", "QuestionTable", "\"A\""),
            ("exercise", "ExerciseTable", "[\"A\"]"),
            ("kata", "KataTable", "\"unused\""),
            ("card", "CardTable", "\"unused\""),
            ("note", "NoteTable", "\"unused\""),
        ] {
            let mut item = required(table(&schema, name));
            // An exercise with options requires what its `else` arm (not typed) does.
            item.extend(required(&table(&schema, name)["else"]));
            let whole = file(&topic, kind, &item, answer);
            assert_eq!(problems(&whole), Vec::<&str>::new(), "{whole}");
            for (list, other) in [(&topic, &item), (&item, &topic)] {
                for key in list {
                    let fewer: Vec<String> = list.iter().filter(|k| *k != key).cloned().collect();
                    let text = if std::ptr::eq(list, &topic) {
                        file(&fewer, kind, other, answer)
                    } else {
                        file(other, kind, &fewer, answer)
                    };
                    assert!(
                        problems(&text).contains(&"K007"),
                        "without `{key}` the loader should report it missing:\n{text}"
                    );
                }
            }
        }
    }
}
