//! Files against each other: files with the same topic id form one topic,
//! provided their titles (and areas and minutes, where given) agree and no
//! item id repeats. Files are taken in load order; the later file of a clash
//! is the one reported, and skipped, so bundled content keeps loading when a
//! user's file clashes with it.

use super::topic::TopicHeader;
use super::{FileContent, Located, MAX_PROBLEMS, check_file};
use crate::content::rules::{DUPLICATE_ID, DUPLICATE_SCENARIO, TOPIC_MISMATCH, UNKNOWN_SCENARIO};
use crate::content::{Catalog, Diagnostic, SourceFile, Topic};
use std::collections::{BTreeMap, HashMap};

/// Scenario ids named in the help of an unknown `replay`.
const KNOWN_SHOWN: usize = 20;

/// A topic being assembled, with the places its metadata and ids came from.
struct Assembly {
    topic: Topic,
    title_at: Located,
    /// The `[topic]` header of the topic's first file.
    header_at: Located,
    area_at: Option<Located>,
    minutes_at: Option<Located>,
    ids: HashMap<String, Located>,
}

/// Check every file, then assemble the ones without errors into topics.
///
/// Scenario ids are global: every clean file's scenarios are gathered first
/// (a repeated id is reported at the later one), so a `replay` reference may
/// name a scenario of any file, before or after its own.
pub(crate) fn check_all(files: Vec<SourceFile>, mut problems: Vec<Diagnostic>) -> Catalog {
    let mut topics: BTreeMap<String, Assembly> = BTreeMap::new();
    let mut names = Vec::with_capacity(files.len());
    let mut checked = Vec::with_capacity(files.len());
    let mut scenario_ids: HashMap<String, Located> = HashMap::new();
    for file in &files {
        names.push(file.path.clone());
        let (mut found, content) = check_file(file);
        if let Some(content) = &content {
            let mut mine: HashMap<&str, &Located> = HashMap::new();
            for (scenario, here) in &content.scenarios {
                let first = scenario_ids
                    .get(&scenario.id)
                    .or(mine.get(scenario.id.as_str()).copied());
                mine.entry(&scenario.id).or_insert(here);
                if let Some(there) = first {
                    let mut d = here.diagnostic(
                        DUPLICATE_SCENARIO,
                        format!("duplicate scenario id `{}`", scenario.id),
                    );
                    d.related.push(there.related("first defined here"));
                    d.help =
                        Some("scenario ids are global across all content; rename this one".into());
                    found.push(d);
                }
            }
            if !found.iter().any(Diagnostic::is_error) {
                for (scenario, here) in &content.scenarios {
                    scenario_ids.insert(scenario.id.clone(), here.clone());
                }
            }
        }
        checked.push((found, content));
    }
    let mut scenarios = Vec::new();
    for (mut found, content) in checked {
        if let Some(content) = content {
            found.extend(unknown_scenarios(&scenario_ids, &content));
            let clashes = clashes(&topics, &content);
            let clean = clashes.is_empty() && !found.iter().any(Diagnostic::is_error);
            found.extend(clashes);
            if clean {
                scenarios.extend(content.scenarios.iter().map(|(s, _)| s.clone()));
                add(&mut topics, content);
            }
            found.sort_by_key(|d| (d.at, d.code));
        }
        problems.extend(found);
    }
    for assembly in topics.values() {
        problems.extend(super::guess::topic_patterns(
            &assembly.topic,
            &assembly.header_at,
            &assembly.ids,
        ));
    }
    Catalog {
        topics: topics.into_values().map(|a| a.topic).collect(),
        problems,
        files: names,
        scenarios,
    }
}

/// `replay` references to scenarios no clean file defines.
fn unknown_scenarios(known: &HashMap<String, Located>, content: &FileContent) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    // Sorted once for every unknown reference, and only the first few named:
    // the help must not grow with the number of scenarios times references.
    let mut ids: Vec<&str> = Vec::new();
    for (id, here) in &content.replays {
        if known.contains_key(id) {
            continue;
        }
        if found.len() >= MAX_PROBLEMS {
            break;
        }
        if ids.is_empty() {
            ids = known.keys().map(String::as_str).collect();
            ids.sort_unstable();
        }
        let mut d = here.diagnostic(
            UNKNOWN_SCENARIO,
            format!("`replay` names scenario `{id}`, which no loaded file defines"),
        );
        d.help = Some(if ids.is_empty() {
            "define it in a `[[scenario]]` table, or remove `replay`".into()
        } else {
            let shown = ids.len().min(KNOWN_SHOWN);
            let more = if ids.len() > shown {
                format!(" and {} more", ids.len() - shown)
            } else {
                String::new()
            };
            format!("known scenarios: {}{more}", ids[..shown].join(", "))
        });
        found.push(d);
    }
    found
}

/// What keeps a clean file out of the topics assembled so far.
fn clashes(topics: &BTreeMap<String, Assembly>, content: &FileContent) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let header = &content.topic;
    let Some(topic) = topics.get(&header.id) else {
        return found;
    };
    let mut differs = |what: &str, mine: &str, theirs: &str, here: &Located, there: &Located| {
        let mut d = here.diagnostic(
            TOPIC_MISMATCH,
            format!(
                "topic `{}` has {what} `{theirs}` in another file, `{mine}` here",
                header.id
            ),
        );
        d.related.push(there.related(format!("{what} given here")));
        d.help = Some(format!(
            "files of one topic must agree on its {what}; make them the same, or leave it out here"
        ));
        found.push(d);
    };
    let (title, title_at) = &header.title;
    if *title != topic.topic.title {
        differs(
            "title",
            title,
            &topic.topic.title,
            title_at,
            &topic.title_at,
        );
    }
    if let (Some((area, here)), Some(theirs), Some(there)) =
        (&header.area, &topic.topic.area, &topic.area_at)
        && area != theirs
    {
        differs("area", area, theirs, here, there);
    }
    if let (Some((minutes, here)), Some(theirs), Some(there)) =
        (&header.minutes, &topic.topic.minutes, &topic.minutes_at)
        && minutes != theirs
    {
        differs(
            "minutes",
            &minutes.to_string(),
            &theirs.to_string(),
            here,
            there,
        );
    }
    let ids = content
        .exercises
        .iter()
        .map(|(e, at)| (&e.id, at))
        .chain(content.questions.iter().map(|(q, at)| (&q.id, at)))
        .chain(content.katas.iter().map(|(k, at)| (&k.id, at)));
    for (id, here) in ids {
        if found.len() >= MAX_PROBLEMS {
            break;
        }
        if let Some(there) = topic.ids.get(id) {
            let mut d = here.diagnostic(
                DUPLICATE_ID,
                format!("duplicate id `{id}` in topic `{}`", header.id),
            );
            d.related.push(there.related("first defined here"));
            d.help = Some("ids must be unique within a topic; rename this one".into());
            found.push(d);
        }
    }
    found
}

fn add(topics: &mut BTreeMap<String, Assembly>, content: FileContent) {
    let FileContent {
        topic: header,
        exercises,
        questions,
        katas,
        ..
    } = content;
    let TopicHeader {
        id,
        title,
        area,
        minutes,
        header_at,
        ..
    } = header;
    let assembly = topics.entry(id.clone()).or_insert_with(|| Assembly {
        topic: Topic {
            id,
            title: title.0,
            ..Topic::default()
        },
        title_at: title.1,
        header_at,
        area_at: None,
        minutes_at: None,
        ids: HashMap::new(),
    });
    if let (None, Some((area, at))) = (&assembly.topic.area, area) {
        assembly.topic.area = Some(area);
        assembly.area_at = Some(at);
    }
    if let (None, Some((minutes, at))) = (assembly.topic.minutes, minutes) {
        assembly.topic.minutes = Some(minutes);
        assembly.minutes_at = Some(at);
    }
    for (exercise, at) in exercises {
        assembly.ids.insert(exercise.id.clone(), at);
        assembly.topic.exercises.push(exercise);
    }
    for (question, at) in questions {
        assembly.ids.insert(question.id.clone(), at);
        assembly.topic.questions.push(question);
    }
    for (kata, at) in katas {
        assembly.ids.insert(kata.id.clone(), at);
        assembly.topic.katas.push(kata);
    }
}
