//! Journal events as xAPI 1.0.3 statements (kata's profile: see `profile.rs`
//! and docs/xapi.md).
//!
//! A [`Mapper`] walks the journal in order, because one statement can depend on
//! lines before it (an answer after the hint says `hinted`; every statement of
//! a session carries its mode). Each statement depends only on the journal up
//! to its own line and on the loaded content, so a resend is the same
//! statement with the same id.

use super::id::{registration, statement_id};
use super::learner::Learner;
use super::outbox::Entry;
use super::profile::*;
use crate::content::{Catalog, Item, letter};
use crate::progress::{Event, content_hash, rfc3339};
use serde_json::{Map, Value, json};
use std::collections::{HashMap, HashSet};

/// What the statements say about an item, from the loaded content.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemInfo {
    pub hash: String,
    pub prompt: String,
    pub options: Vec<String>,
    /// The right option of each blank; of a choose-all question, every
    /// right option.
    pub answer: Vec<usize>,
    /// A choose-all question: its tries list the options picked, not one
    /// option per blank.
    pub choose_all: bool,
    /// An ordering (`[[order]]`): xAPI's `sequencing`.
    pub sequencing: bool,
}

/// The loaded content's items by (topic, item).
#[derive(Debug, Clone, Default)]
pub struct Contents {
    items: HashMap<(String, String), ItemInfo>,
}

impl Contents {
    /// Every item of every loaded topic, with its content hash.
    pub fn from_catalog(catalog: &Catalog) -> Contents {
        let mut items = HashMap::new();
        for topic in &catalog.topics {
            let all = topic
                .exercises
                .iter()
                .map(|e| Item::Exercise(e.clone()))
                .chain(topic.questions().map(|q| Item::Question(q.clone())));
            for item in all {
                items.insert(
                    (topic.id.clone(), item.id().to_string()),
                    ItemInfo {
                        hash: content_hash(&item),
                        prompt: item.prompt().to_string(),
                        options: item.options().to_vec(),
                        answer: item.answer(),
                        choose_all: item.is_choose_all(),
                        sequencing: matches!(&item, Item::Exercise(e) if e.ordering),
                    },
                );
            }
        }
        Contents { items }
    }

    pub fn insert(&mut self, topic: &str, item: &str, info: ItemInfo) {
        self.items
            .insert((topic.to_string(), item.to_string()), info);
    }

    pub fn get(&self, topic: &str, item: &str) -> Option<&ItemInfo> {
        self.items.get(&(topic.to_string(), item.to_string()))
    }

    /// How many items of `topic` are loaded.
    pub fn topic_items(&self, topic: &str) -> usize {
        self.items.keys().filter(|(t, _)| t == topic).count()
    }
}

/// Turns journal entries into statements, in journal order.
pub struct Mapper<'c> {
    learner: Learner,
    key: String,
    base: String,
    contents: &'c Contents,
    version: String,
    hinted: HashSet<(u64, String, String)>,
    modes: HashMap<u64, String>,
}

/// A kata run (the learner's code run against an exercise's tests), for the
/// journal's kata-run event: `answered` with the tests passed.
#[derive(Debug, Clone, PartialEq)]
pub struct KataRun<'a> {
    pub session: u64,
    pub topic: &'a str,
    pub item: &'a str,
    pub hash: &'a str,
    pub passed: u32,
    pub run: u32,
    pub solved: bool,
}

impl<'c> Mapper<'c> {
    /// `base`: where activity IRIs start (no trailing `/` needed).
    pub fn new(learner: Learner, base: &str, contents: &'c Contents) -> Mapper<'c> {
        Mapper {
            key: learner.key(),
            learner,
            base: base.trim_end_matches('/').to_string(),
            contents,
            version: env!("CARGO_PKG_VERSION").to_string(),
            hinted: HashSet::new(),
            modes: HashMap::new(),
        }
    }

    /// The statement for one journal line, or `None` for a line that is no
    /// learning experience (a progress reset) or of a kind this kata does not
    /// know how to send. Call it for every line in journal order.
    pub fn map(&mut self, entry: &Entry<'_>) -> Option<Value> {
        let id = statement_id(&self.key, entry.offset, entry.bytes);
        let at = entry.recorded.at;
        match &entry.recorded.event {
            Event::SessionStarted {
                session,
                topic,
                mode,
                seed,
            } => {
                self.modes.insert(*session, mode.clone());
                let test = mode == "test";
                let (verb, object) = if test {
                    (ATTEMPTED, self.test_activity(topic))
                } else {
                    (INITIALIZED, self.topic_activity(topic))
                };
                let mut s = self.base_statement(id, verb, object, at, Some(*session), topic);
                if let Some(seed) = seed {
                    s["context"]["extensions"][extension(EXT_SEED)] = json!(seed);
                }
                Some(s)
            }
            Event::HintShown {
                session,
                topic,
                item,
                ..
            } => {
                // Said on the tries that follow it (`hinted`), not as a statement of its own.
                self.hinted.insert((*session, topic.clone(), item.clone()));
                None
            }
            Event::AnswerSubmitted {
                session,
                topic,
                item,
                hash,
                chosen,
                try_number,
                correct,
                points,
                confidence,
                typed,
            } => {
                let hinted = self
                    .hinted
                    .contains(&(*session, topic.clone(), item.clone()));
                let info = self.contents.get(topic, item);
                let (response, status) = match info {
                    // What was typed is the response itself, whatever the item became.
                    _ if typed.is_some() => (
                        typed.as_deref().unwrap_or_default().join("[,]"),
                        match info {
                            Some(info) if info.hash == *hash => "current",
                            Some(_) => "changed",
                            None => "missing",
                        },
                    ),
                    Some(info) if info.hash == *hash => {
                        let texts: Option<Vec<&str>> = chosen
                            .iter()
                            .map(|&c| info.options.get(c).map(String::as_str))
                            .collect();
                        match texts {
                            Some(texts) => (texts.join("[,]"), "current"),
                            None => (letters(chosen), "changed"),
                        }
                    }
                    Some(_) => (letters(chosen), "changed"),
                    None => (letters(chosen), "missing"),
                };
                let mut object = self.item_activity(topic, item, info.filter(|i| i.hash == *hash));
                if typed.is_some() {
                    // Typed blanks are xAPI's fill-in: the response is the text.
                    object["definition"]["interactionType"] = json!("fill-in");
                } else if info.is_some_and(|i| i.sequencing && i.hash == *hash) {
                    // An ordering: the response lists the texts in the order placed.
                    object["definition"]["interactionType"] = json!("sequencing");
                }
                let mut s = self.base_statement(id, ANSWERED, object, at, Some(*session), topic);
                let mut ext = Map::new();
                ext.insert(extension(EXT_TRY), json!(try_number));
                ext.insert(extension(EXT_HINTED), json!(hinted));
                ext.insert(extension(EXT_CHOSEN), json!(chosen));
                ext.insert(extension(EXT_CONTENT), json!(status));
                if let Some(level) = confidence {
                    ext.insert(extension(EXT_CONFIDENCE), json!(level));
                }
                s["result"] = json!({
                    "success": correct,
                    "score": {"scaled": if *correct { 1.0 } else { 0.0 }, "raw": finite(*points)},
                    "response": response,
                    "extensions": ext,
                });
                let c = &mut s["context"]["extensions"];
                c[extension(EXT_ITEM)] = json!(item);
                c[extension(EXT_HASH)] = json!(hash);
                Some(s)
            }
            Event::TestFinished {
                session,
                topic,
                seed,
                points,
                total,
                verdict,
            } => {
                let verb = match verdict.as_str() {
                    "strong" => PASSED,
                    "needs practice" => FAILED,
                    crate::progress::ABANDONED => ABANDONED,
                    _ => COMPLETED,
                };
                let object = self.test_activity(topic);
                let mut s = self.base_statement(id, verb, object, at, Some(*session), topic);
                let points = finite(*points);
                let mut score = json!({"raw": points, "min": 0});
                if *total > 0 {
                    score["scaled"] = json!((points / f64::from(*total)).clamp(0.0, 1.0));
                    if (0.0..=f64::from(*total)).contains(&points) {
                        score["max"] = json!(total);
                    }
                }
                if points < 0.0 {
                    score.as_object_mut().map(|o| o.remove("min"));
                }
                let mut result = json!({
                    "completion": verb != ABANDONED,
                    "score": score,
                    "extensions": {
                        extension(EXT_VERDICT): verdict,
                        extension(EXT_SEED): seed,
                    },
                });
                if verb == PASSED || verb == FAILED {
                    result["success"] = json!(verb == PASSED);
                }
                s["result"] = result;
                Some(s)
            }
            // Code that ran against an item's tests: a kata's run, or a
            // runnable exercise's.
            Event::CodeRun {
                session,
                topic,
                item,
                hash,
                passed,
                tests,
                solved,
                ..
            } => Some(self.kata_run(
                entry,
                &KataRun {
                    session: *session,
                    topic,
                    item,
                    hash,
                    passed: *passed,
                    run: *tests,
                    solved: *solved,
                },
            )),
            // A flashcard graded by the learner: a likert answer (Again to
            // Easy), never a success — nothing but the learner checked it, so
            // the class report, which reads `success` and `chosen`, skips it.
            // A Learn note read: `experienced`, no result — reading is not a try.
            Event::NoteRead {
                session,
                topic,
                item,
                hash,
            } => {
                let object = json!({"objectType": "Activity",
                    "id": format!("{}/{}", self.topic_iri(topic), segment(item)),
                    "definition": {"type": LESSON}});
                let mut s = self.base_statement(id, EXPERIENCED, object, at, Some(*session), topic);
                let c = &mut s["context"]["extensions"];
                c[extension(EXT_ITEM)] = json!(item);
                c[extension(EXT_HASH)] = json!(hash);
                Some(s)
            }
            // A prediction in Predict mode: an answer about a step of a
            // scenario, with no `item` or `chosen`, so the class report,
            // which analyses items, leaves it out.
            Event::Predicted {
                session,
                topic,
                scenario,
                step,
                position,
                response,
                correct,
            } => {
                let object = json!({"objectType": "Activity",
                    "id": format!("{}/scenarios/{}/{}-{position}", self.topic_iri(topic), segment(scenario), segment(step)),
                    "definition": {"type": INTERACTION, "interactionType": "choice",
                        "name": {"en-US": format!("What {step} {position} of {scenario} will do")}}});
                let mut s = self.base_statement(id, ANSWERED, object, at, Some(*session), topic);
                s["result"] = json!({
                    "success": correct,
                    "score": {"scaled": if *correct { 1.0 } else { 0.0 },
                              "raw": u8::from(*correct), "min": 0, "max": 1},
                    "response": response,
                });
                s["context"]["extensions"][extension(EXT_SCENARIO)] = json!(scenario);
                Some(s)
            }
            Event::CardRated {
                session,
                topic,
                item,
                hash,
                rating,
            } => {
                let mut object = self.item_activity(topic, item, None);
                object["definition"]["interactionType"] = json!("likert");
                let word = crate::progress::Rating::from_level(*rating)
                    .map_or("unknown", crate::progress::Rating::word);
                let mut s = self.base_statement(id, ANSWERED, object, at, Some(*session), topic);
                s["result"] = json!({
                    "response": word,
                    "extensions": { extension(EXT_RATING): rating },
                });
                let c = &mut s["context"]["extensions"];
                c[extension(EXT_ITEM)] = json!(item);
                c[extension(EXT_HASH)] = json!(hash);
                Some(s)
            }
            // A reset changes what kata shows the learner, not what they did;
            // kinds a newer kata adds are sent once this kata learns them.
            _ => None,
        }
    }

    /// The statement of a kata run: `answered`, success when solved, scored by
    /// the share of tests passed.
    pub fn kata_run(&self, entry: &Entry<'_>, run: &KataRun<'_>) -> Value {
        let id = statement_id(&self.key, entry.offset, entry.bytes);
        let info = self
            .contents
            .get(run.topic, run.item)
            .filter(|i| i.hash == run.hash);
        let object = self.item_activity(run.topic, run.item, info);
        let mut s = self.base_statement(
            id,
            ANSWERED,
            object,
            entry.recorded.at,
            Some(run.session),
            run.topic,
        );
        let scaled = if run.run == 0 {
            0.0
        } else {
            f64::from(run.passed.min(run.run)) / f64::from(run.run)
        };
        s["result"] = json!({
            "success": run.solved,
            "score": {"scaled": scaled, "raw": run.passed, "min": 0, "max": run.run.max(run.passed)},
            "extensions": {
                extension(EXT_TESTS_PASSED): run.passed,
                extension(EXT_TESTS_RUN): run.run,
            },
        });
        let c = &mut s["context"]["extensions"];
        c[extension(EXT_ITEM)] = json!(run.item);
        c[extension(EXT_HASH)] = json!(run.hash);
        s
    }

    fn base_statement(
        &self,
        id: uuid::Uuid,
        verb: &str,
        object: Value,
        at: i64,
        session: Option<u64>,
        topic: &str,
    ) -> Value {
        let mut ext = Map::new();
        ext.insert(extension(EXT_VERSION), json!(self.version));
        ext.insert(extension(EXT_TOPIC), json!(topic));
        let mut context = json!({
            "platform": PLATFORM,
            "contextActivities": {
                "category": [{"objectType": "Activity", "id": PROFILE}],
            },
        });
        if let Some(session) = session {
            context["registration"] = json!(registration(&self.key, session).to_string());
            // A string: session ids pass 2^53, where JavaScript LRSs would round a number.
            ext.insert(extension(EXT_SESSION), json!(session.to_string()));
            if let Some(mode) = self.modes.get(&session) {
                ext.insert(extension(EXT_MODE), json!(mode));
            }
        }
        if object["id"] != self.topic_iri(topic) {
            context["contextActivities"]["parent"] = json!([self.topic_activity(topic)]);
        }
        context["extensions"] = Value::Object(ext);
        json!({
            "id": id.to_string(),
            "actor": self.learner.actor(),
            "verb": {"id": verb, "display": {"en-US": verb.rsplit('/').next().unwrap_or(verb)}},
            "object": object,
            "context": context,
            "timestamp": rfc3339(at),
        })
    }

    fn topic_iri(&self, topic: &str) -> String {
        format!("{}/{}", self.base, segment(topic))
    }

    fn topic_activity(&self, topic: &str) -> Value {
        json!({"objectType": "Activity", "id": self.topic_iri(topic),
               "definition": {"type": MODULE}})
    }

    fn test_activity(&self, topic: &str) -> Value {
        json!({"objectType": "Activity", "id": format!("{}/test", self.topic_iri(topic)),
               "definition": {"type": ASSESSMENT}})
    }

    fn item_activity(&self, topic: &str, item: &str, info: Option<&ItemInfo>) -> Value {
        let mut definition = json!({"type": INTERACTION, "interactionType": "choice"});
        if let Some(info) = info {
            let name: String = info.prompt.chars().take(200).collect();
            definition["name"] = json!({"en-US": name});
        }
        json!({"objectType": "Activity",
               "id": format!("{}/{}", self.topic_iri(topic), segment(item)),
               "definition": definition})
    }
}

/// `B[,]C`: the letters chosen, in the `[,]`-separated form xAPI uses for choices.
fn letters(chosen: &[usize]) -> String {
    chosen
        .iter()
        .map(|&c| letter(c).to_string())
        .collect::<Vec<_>>()
        .join("[,]")
}

/// JSON has no NaN or infinity; a hand-edited journal might.
fn finite(x: f64) -> f64 {
    if x.is_finite() { x } else { 0.0 }
}

#[cfg(test)]
mod tests {
    //! The statement rules of xAPI 1.0.3 (Data, section 2.2 and 2.4) that kata's
    //! statements must meet, checked on every kind kata sends.
    use super::*;
    use crate::class::outbox;
    use crate::progress::Recorded;

    const JOURNAL: &str = concat!(
        r#"{"v":1,"at":1732700000000,"type":"SessionStarted","session":9,"topic":"event-store","mode":"test","seed":42}"#,
        "\n",
        r#"{"v":1,"at":1732700004100,"type":"HintShown","session":9,"topic":"event-store","item":"q","hash":"h1"}"#,
        "\n",
        r#"{"v":1,"at":1732700009000,"type":"AnswerSubmitted","session":9,"topic":"event-store","item":"q","hash":"h1","chosen":[1],"try":1,"correct":false,"points":0}"#,
        "\n",
        r#"{"v":1,"at":1732700009500,"type":"AnswerSubmitted","session":9,"topic":"event-store","item":"q","hash":"h1","chosen":[0],"try":2,"correct":true,"points":1.5}"#,
        "\n",
        r#"{"v":1,"at":1732700009600,"type":"AnswerSubmitted","session":9,"topic":"event-store","item":"gone","hash":"zz","chosen":[0,2],"try":1,"correct":true,"points":1}"#,
        "\n",
        r#"{"v":1,"at":1732700009700,"type":"AnswerSubmitted","session":9,"topic":"event-store","item":"edited","hash":"old","chosen":[3],"try":1,"correct":false,"points":0}"#,
        "\n",
        r#"{"v":1,"at":1732700100000,"type":"TestFinished","session":9,"topic":"event-store","seed":42,"points":21.5,"total":27,"verdict":"strong"}"#,
        "\n",
        r#"{"v":1,"at":1732700200000,"type":"TestFinished","session":9,"topic":"event-store","seed":42,"points":30,"total":27,"verdict":"needs practice"}"#,
        "\n",
        r#"{"v":1,"at":1732800000000,"type":"ProgressReset","topic":"event-store"}"#,
        "\n",
        r#"{"v":1,"at":1732800000200,"type":"Predicted","session":10,"topic":"event-store","scenario":"bank-account","kind":"event","position":4,"response":"accountId 1's balance: 17 → 14","correct":false}"#,
        "\n",
        r#"{"v":1,"at":1732800000500,"type":"NoteRead","session":10,"topic":"event-store","item":"what-a-store-keeps","hash":"n1"}"#,
        "\n",
        r#"{"v":1,"at":1732800001000,"type":"CardRated","session":10,"topic":"event-store","item":"card-append-only","hash":"c1","rating":2}"#,
        "\n",
    );

    fn contents() -> Contents {
        let mut c = Contents::default();
        let info = |hash: &str| ItemInfo {
            hash: hash.into(),
            prompt: "Which event?".into(),
            options: vec![
                "OrderPlaced".into(),
                "Order placed".into(),
                "c".into(),
                "d".into(),
            ],
            answer: vec![0],
            choose_all: false,
            sequencing: false,
        };
        c.insert("event-store", "q", info("h1"));
        c.insert("event-store", "edited", info("new"));
        c
    }

    fn statements() -> Vec<Option<Value>> {
        let contents = contents();
        let learner = Learner::parse("mailto:ana@example.org").unwrap();
        let mut mapper = Mapper::new(learner, "https://class.example.org/kata/", &contents);
        let outbox = outbox::read(JOURNAL.as_bytes(), 0, 0);
        assert!(outbox.problems.is_empty());
        outbox.entries.iter().map(|e| mapper.map(e)).collect()
    }

    fn is_iri(s: &str) -> bool {
        s.split_once(':').is_some_and(|(scheme, rest)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !rest.is_empty()
                && !rest.chars().any(|c| c.is_whitespace() || c.is_control())
        })
    }

    #[test]
    fn every_statement_meets_the_xapi_structure_rules() {
        let all: Vec<Value> = statements().into_iter().flatten().collect();
        assert_eq!(
            all.len(),
            10,
            "the hint and the reset make no statement of their own"
        );
        let mut ids = HashSet::new();
        for s in &all {
            // id: a UUID (RFC 4122 variant), unique.
            let id = uuid::Uuid::parse_str(s["id"].as_str().unwrap()).unwrap();
            assert_eq!(id.get_variant(), uuid::Variant::RFC4122);
            assert!(ids.insert(id));
            // actor: an Agent with exactly one inverse functional identifier.
            assert_eq!(s["actor"]["objectType"], "Agent");
            assert_eq!(s["actor"]["mbox"], "mailto:ana@example.org");
            let ifis = ["mbox", "mbox_sha1sum", "openid", "account"];
            assert_eq!(
                ifis.iter()
                    .filter(|k| s["actor"].get(**k).is_some())
                    .count(),
                1
            );
            // verb: an IRI id and a language map display.
            assert!(is_iri(s["verb"]["id"].as_str().unwrap()));
            assert!(s["verb"]["display"]["en-US"].is_string());
            // object: an Activity with an IRI id and an IRI type.
            assert_eq!(s["object"]["objectType"], "Activity");
            let object = s["object"]["id"].as_str().unwrap();
            assert!(
                is_iri(object) && object.starts_with("https://class.example.org/kata/event-store")
            );
            assert!(is_iri(s["object"]["definition"]["type"].as_str().unwrap()));
            // result.score.scaled in [-1, 1]; raw within min and max when given.
            if let Some(score) = s.pointer("/result/score") {
                let scaled = score["scaled"].as_f64().unwrap();
                assert!((-1.0..=1.0).contains(&scaled), "{scaled}");
                let raw = score["raw"].as_f64().unwrap();
                if let Some(min) = score["min"].as_f64() {
                    assert!(raw >= min);
                }
                if let Some(max) = score["max"].as_f64() {
                    assert!(raw <= max, "{score}");
                }
            }
            // Extension keys are IRIs.
            for path in ["/result/extensions", "/context/extensions"] {
                if let Some(ext) = s.pointer(path).and_then(Value::as_object) {
                    assert!(ext.keys().all(|k| is_iri(k)), "{ext:?}");
                }
            }
            // context: registration a UUID, platform, kata's category, version.
            let c = &s["context"];
            uuid::Uuid::parse_str(c["registration"].as_str().unwrap()).unwrap();
            assert_eq!(c["platform"], "kata");
            assert_eq!(c["contextActivities"]["category"][0]["id"], PROFILE);
            assert_eq!(
                c["extensions"][extension(EXT_VERSION)],
                env!("CARGO_PKG_VERSION")
            );
            // timestamp: ISO 8601 in UTC with milliseconds.
            let t = s["timestamp"].as_str().unwrap();
            assert!(
                crate::class::report::parse_time(t).is_some() && t.ends_with('Z'),
                "{t}"
            );
        }
    }

    #[test]
    fn an_answer_says_texts_try_and_hint_and_names_what_it_cannot_say() {
        let all = statements();
        let wrong = all[2].as_ref().unwrap();
        assert_eq!(wrong["verb"]["id"], ANSWERED);
        assert_eq!(
            wrong["object"]["id"],
            "https://class.example.org/kata/event-store/q"
        );
        assert_eq!(wrong["result"]["success"], false);
        assert_eq!(wrong["result"]["response"], "Order placed");
        assert_eq!(wrong["result"]["score"]["scaled"], 0.0);
        let ext = &wrong["result"]["extensions"];
        assert_eq!(ext[extension(EXT_TRY)], 1);
        assert_eq!(ext[extension(EXT_HINTED)], true, "the hint came before");
        assert_eq!(ext[extension(EXT_CONTENT)], "current");
        assert_eq!(wrong["context"]["extensions"][extension(EXT_HASH)], "h1");
        assert_eq!(wrong["context"]["extensions"][extension(EXT_MODE)], "test");
        assert_eq!(wrong["timestamp"], "2024-11-27T09:33:29.000Z");
        let right = all[3].as_ref().unwrap();
        assert_eq!(right["result"]["score"]["raw"], 1.5);
        assert_eq!(
            right["context"]["registration"],
            wrong["context"]["registration"]
        );
        let gone = all[4].as_ref().unwrap();
        assert_eq!(gone["result"]["response"], "A[,]C");
        assert_eq!(
            gone["result"]["extensions"][extension(EXT_CONTENT)],
            "missing"
        );
        assert_eq!(
            gone["result"]["extensions"][extension(EXT_CHOSEN)],
            json!([0, 2])
        );
        let edited = all[5].as_ref().unwrap();
        assert_eq!(edited["result"]["response"], "D");
        assert_eq!(
            edited["result"]["extensions"][extension(EXT_CONTENT)],
            "changed"
        );
        assert!(
            edited["object"]["definition"].get("name").is_none(),
            "no text of another version"
        );
    }

    #[test]
    fn sessions_and_tests_take_their_verbs() {
        let all = statements();
        let start = all[0].as_ref().unwrap();
        assert_eq!(start["verb"]["id"], ATTEMPTED);
        assert_eq!(
            start["object"]["id"],
            "https://class.example.org/kata/event-store/test"
        );
        let passed = all[6].as_ref().unwrap();
        assert_eq!(passed["verb"]["id"], PASSED);
        assert_eq!(passed["result"]["success"], true);
        assert!(
            (passed["result"]["score"]["scaled"].as_f64().unwrap() - 21.5 / 27.0).abs() < 1e-12
        );
        assert_eq!(passed["result"]["score"]["max"], 27);
        let failed = all[7].as_ref().unwrap();
        assert_eq!(failed["verb"]["id"], FAILED);
        assert_eq!(failed["result"]["score"]["scaled"], 1.0, "clamped");
        assert!(
            failed["result"]["score"].get("max").is_none(),
            "raw above max is not claimed"
        );
        assert!(all[8].is_none(), "a reset is no learning experience");
    }

    #[test]
    fn a_practice_session_is_initialized_and_ids_do_not_depend_on_the_content() {
        let line = Recorded {
            at: 5,
            event: Event::SessionStarted {
                session: 1,
                topic: "t".into(),
                mode: "practice".into(),
                seed: None,
            },
        }
        .to_line();
        let entry = outbox::read(line.as_bytes(), 0, 0).entries.remove(0);
        let learner = Learner::parse("account:bo@https://moodle.example.org").unwrap();
        let empty = Contents::default();
        let full = contents();
        let a = Mapper::new(learner.clone(), DEFAULT_ACTIVITY_BASE, &empty)
            .map(&entry)
            .unwrap();
        let b = Mapper::new(learner, DEFAULT_ACTIVITY_BASE, &full)
            .map(&entry)
            .unwrap();
        assert_eq!(a["verb"]["id"], INITIALIZED);
        assert_eq!(a["actor"]["account"]["name"], "bo");
        assert_eq!(a["id"], b["id"]);
    }

    #[test]
    fn a_prediction_is_answered_about_its_scenario_step_and_left_out_of_item_analysis() {
        let all = statements();
        let p = all[all.len() - 3].clone().expect("a prediction statement");
        assert_eq!(p["verb"]["id"], ANSWERED);
        assert_eq!(
            p["object"]["id"],
            "https://class.example.org/kata/event-store/scenarios/bank-account/event-4"
        );
        assert_eq!(p["result"]["success"], false);
        assert_eq!(p["result"]["response"], "accountId 1's balance: 17 → 14");
        assert_eq!(
            p["context"]["extensions"][extension(EXT_SCENARIO)],
            "bank-account"
        );
        // No item and no `chosen`: the class report's item analysis skips it.
        assert!(
            p["context"]["extensions"]
                .get(extension(EXT_ITEM))
                .is_none()
        );
        assert!(p["result"].get("extensions").is_none(), "{p}");
    }

    #[test]
    fn an_ordering_is_a_sequencing_answer_in_the_order_placed() {
        let line = r#"{"v":1,"at":5,"type":"AnswerSubmitted","session":1,"topic":"event-store","item":"o","hash":"h","chosen":[2,0,1],"try":1,"correct":false,"points":0}"#;
        let bytes = format!("{line}\n");
        let entry = outbox::read(bytes.as_bytes(), 0, 0).entries.remove(0);
        let mut contents = Contents::default();
        let info = ItemInfo {
            hash: "h".into(),
            prompt: "In order".into(),
            options: vec!["first".into(), "second".into(), "third".into()],
            answer: vec![0, 1, 2],
            choose_all: false,
            sequencing: true,
        };
        contents.insert("event-store", "o", info);
        let mut mapper = Mapper::new(
            Learner::parse("mailto:a@x.org").unwrap(),
            DEFAULT_ACTIVITY_BASE,
            &contents,
        );
        let s = mapper.map(&entry).unwrap();
        assert_eq!(s["object"]["definition"]["interactionType"], "sequencing");
        assert_eq!(s["result"]["response"], "third[,]first[,]second");
    }

    #[test]
    fn a_note_read_is_experienced_with_no_result() {
        let all = statements();
        let note = all[all.len() - 2].clone().expect("a note statement");
        assert_eq!(note["verb"]["id"], EXPERIENCED);
        assert_eq!(note["object"]["definition"]["type"], LESSON);
        assert!(note.get("result").is_none(), "{note}");
    }

    #[test]
    fn a_graded_card_is_a_likert_answer_without_success() {
        let card = statements().pop().flatten().expect("a card statement");
        assert_eq!(card["verb"]["id"], ANSWERED);
        assert_eq!(card["object"]["definition"]["interactionType"], "likert");
        assert_eq!(card["result"]["response"], "hard");
        assert_eq!(card["result"]["extensions"][extension(EXT_RATING)], 2);
        assert!(card["result"].get("success").is_none(), "{card}");
        assert!(card["result"].get("score").is_none(), "{card}");
    }

    #[test]
    fn a_kata_run_is_answered_with_the_tests_passed() {
        let line = Recorded {
            at: 5,
            event: Event::ProgressReset { topic: None },
        }
        .to_line();
        let entry = outbox::read(line.as_bytes(), 0, 0).entries.remove(0);
        let contents = contents();
        let mapper = Mapper::new(
            Learner::parse("mailto:a@x.org").unwrap(),
            DEFAULT_ACTIVITY_BASE,
            &contents,
        );
        let run = KataRun {
            session: 1,
            topic: "event-store",
            item: "k",
            hash: "h",
            passed: 3,
            run: 4,
            solved: false,
        };
        let s = mapper.kata_run(&entry, &run);
        assert_eq!(s["verb"]["id"], ANSWERED);
        assert_eq!(s["result"]["score"]["scaled"], 0.75);
        assert_eq!(s["result"]["extensions"][extension(EXT_TESTS_PASSED)], 3);
    }
}
