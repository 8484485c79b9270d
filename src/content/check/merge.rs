//! Files against each other: files with the same topic id form one topic,
//! provided their titles (and areas and minutes, where given) agree and no
//! item id repeats. Files are taken in load order; the later file of a clash
//! is the one reported, and skipped, so bundled content keeps loading when a
//! user's file clashes with it.

use super::topic::TopicHeader;
use super::{FileContent, Located, MAX_PROBLEMS, Partial, check_file_partly};
use crate::content::rules::{DUPLICATE_ID, DUPLICATE_SCENARIO, TOPIC_MISMATCH, UNKNOWN_SCENARIO};
use crate::content::{Catalog, Diagnostic, SourceFile, Topic};
use std::collections::{BTreeMap, HashMap};

/// Scenario ids named in the help of an unknown `replay`.
const KNOWN_SHOWN: usize = 20;

/// A topic being assembled, with the places its metadata and ids came from.
struct Assembly {
    topic: Topic,
    /// The `[topic]` header of the topic's first file.
    header_at: Located,
    area_at: Option<Located>,
    minutes_at: Option<Located>,
    ids: HashMap<String, Located>,
    /// How many topics were assembled before this one: load order, which
    /// breaks ties in the track (bundled topics first, then the author's).
    loaded: usize,
}

/// Check every file, then assemble the ones without errors into topics.
///
/// Scenario ids are global: every clean file's scenarios are gathered first
/// (a repeated id is reported at the later one), so a `replay` reference may
/// name a scenario of any file, before or after its own.
pub(crate) fn check_all(files: Vec<SourceFile>, problems: Vec<Diagnostic>) -> Catalog {
    check_all_with(files, problems, Vec::new())
}

/// [`check_all`], with `context` files that only define scenarios for the
/// references of `files` (`kata check FILE` reads the rest of its folder):
/// nothing of theirs is reported or loaded.
pub(crate) fn check_all_with(
    files: Vec<SourceFile>,
    mut problems: Vec<Diagnostic>,
    context: Vec<SourceFile>,
) -> Catalog {
    let mut topics: BTreeMap<String, Assembly> = BTreeMap::new();
    let mut names = Vec::with_capacity(files.len());
    let mut checked = Vec::with_capacity(files.len());
    let mut scenario_ids: HashMap<String, Located> = HashMap::new();
    // What files with errors declare: a scenario defined there is still
    // defined for the files that name it (its own file reports the cause),
    // and a topic's metadata is compared across every file in this one pass.
    let mut broken_scenarios: HashMap<String, Located> = HashMap::new();
    // The context's topics count for `requires` too.
    let mut context_topics = Vec::with_capacity(context.len());
    for file in &context {
        let (_, content, partial) = check_file_partly(file);
        let defined = content
            .iter()
            .flat_map(|c| c.scenarios.iter().map(|(s, at)| (s.id.clone(), at.clone())))
            .chain(partial.scenarios);
        for (id, here) in defined {
            broken_scenarios.entry(id).or_insert(here);
        }
        context_topics.push(Partial {
            topic: partial.topic,
            scenarios: Vec::new(),
        });
    }
    let mut headers: BTreeMap<String, FirstHeader> = BTreeMap::new();
    let mut partials: Vec<Partial> = Vec::with_capacity(files.len());
    for file in &files {
        names.push(file.path.clone());
        let (mut found, content, partial) = check_file_partly(file);
        if content.is_none() {
            for (id, here) in &partial.scenarios {
                broken_scenarios
                    .entry(id.clone())
                    .or_insert_with(|| here.clone());
            }
        }
        if let Some(header) = &partial.topic {
            headers
                .entry(header.id.clone())
                .or_insert_with(|| FirstHeader::new(header))
                .fill(header);
        }
        partials.push(partial);
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
    let mut scenario_topics = std::collections::BTreeMap::new();
    let track = super::track::Track::new(partials.iter().chain(&context_topics));
    for ((mut found, content), partial) in checked.into_iter().zip(&partials) {
        if let Some(header) = &partial.topic
            && let Some(first) = headers.get(&header.id)
        {
            found.extend(metadata_clashes(first, header));
            found.extend(track.problems(header));
        }
        if let Some(content) = content {
            found.extend(unknown_scenarios(
                &scenario_ids,
                &broken_scenarios,
                &content,
            ));
            let clashes = clashes(&topics, &content);
            let clean = clashes.is_empty() && !found.iter().any(Diagnostic::is_error);
            found.extend(clashes);
            if clean {
                scenarios.extend(content.scenarios.iter().map(|(s, _)| s.clone()));
                for (s, _) in &content.scenarios {
                    scenario_topics.insert(s.id.clone(), content.topic.id.clone());
                }
                add(&mut topics, content);
            }
        }
        found.sort_by_key(|d| (d.at, d.code));
        problems.extend(found);
    }
    for assembly in topics.values() {
        problems.extend(super::guess::topic_patterns(
            &assembly.topic,
            &assembly.header_at,
            &assembly.ids,
        ));
    }
    let mut assembled: Vec<Assembly> = topics.into_values().collect();
    assembled.sort_by_key(|a| a.loaded);
    let topics = super::track::order(assembled.into_iter().map(|a| a.topic).collect());
    // The lab lists scenarios as the track runs: the first topic's first.
    let place = |id: &String| {
        (scenario_topics.get(id))
            .and_then(|t| topics.iter().position(|topic| &topic.id == t))
            .unwrap_or(usize::MAX)
    };
    scenarios.sort_by_key(|s| place(&s.id));
    Catalog {
        topics,
        problems,
        files: names,
        scenarios,
        scenario_topics,
    }
}

/// `replay` references to scenarios no file defines. A scenario of a file
/// with errors counts as defined: that file reports the cause, once.
fn unknown_scenarios(
    known: &HashMap<String, Located>,
    broken: &HashMap<String, Located>,
    content: &FileContent,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    // Sorted once for every unknown reference, and only the first few named:
    // the help must not grow with the number of scenarios times references.
    let mut ids: Vec<&str> = Vec::new();
    for (id, here) in &content.replays {
        if known.contains_key(id) || broken.contains_key(id) {
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
        // Only valid ids are offered: a broken file's id may be anything.
        let near = super::fields::nearest_name(
            id,
            known
                .keys()
                .chain(broken.keys())
                .map(String::as_str)
                .filter(|k| super::is_valid_id(k)),
        );
        d.help = Some(if let Some(near) = near {
            // Scenario ids are a-z, 0-9 and -: a basic string holds any.
            d.fix = here.written().map(|was| crate::content::Fix {
                at: here.at,
                end: here.end,
                was,
                replacement: format!("\"{near}\""),
            });
            format!("did you mean `{near}`?")
        } else if ids.is_empty() {
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

/// The first title, area and minutes given for a topic, by any file (with
/// errors or not), in load order: every other file of the topic is held to
/// them in the same pass.
struct FirstHeader {
    title: (String, Located),
    area: Option<(String, Located)>,
    minutes: Option<(u32, Located)>,
}

impl FirstHeader {
    fn new(header: &TopicHeader) -> FirstHeader {
        FirstHeader {
            title: header.title.clone(),
            area: None,
            minutes: None,
        }
    }

    /// Take the area and minutes from the first file that gives them.
    fn fill(&mut self, header: &TopicHeader) {
        if self.area.is_none() {
            self.area = header.area.clone();
        }
        if self.minutes.is_none() {
            self.minutes = header.minutes.clone();
        }
    }
}

/// A file's topic metadata against the first given for its topic.
fn metadata_clashes(first: &FirstHeader, header: &TopicHeader) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut differs = |what: &str, mine: &str, theirs: &str, here: &Located, there: &Located| {
        let mut d = here.diagnostic(
            TOPIC_MISMATCH,
            format!(
                "topic `{}` has {what} `{theirs}` in another file, `{mine}` here",
                header.id
            ),
        );
        d.related.push(there.related(format!("{what} given here")));
        d.help = Some(if what == "title" {
            // A title is required in every file: it cannot be left out.
            format!("files of one topic must agree on its title: write `{theirs}` here too")
        } else {
            format!(
                "files of one topic must agree on its {what}; make them the same, or leave it out here"
            )
        });
        found.push(d);
    };
    let (title, title_at) = &header.title;
    if *title != first.title.0 {
        differs("title", title, &first.title.0, title_at, &first.title.1);
    }
    if let (Some((area, here)), Some((theirs, there))) = (&header.area, &first.area)
        && area != theirs
    {
        differs("area", area, theirs, here, there);
    }
    if let (Some((minutes, here)), Some((theirs, there))) = (&header.minutes, &first.minutes)
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
    found
}

/// Item ids that clash with the topics assembled so far.
fn clashes(topics: &BTreeMap<String, Assembly>, content: &FileContent) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let header = &content.topic;
    let Some(topic) = topics.get(&header.id) else {
        return found;
    };
    let ids = content
        .exercises
        .iter()
        .map(|(e, at)| (&e.id, at))
        .chain(content.questions.iter().map(|(q, at)| (&q.id, at)))
        .chain(content.katas.iter().map(|(k, at)| (&k.id, at)))
        .chain(content.cards.iter().map(|(c, at)| (&c.id, at)))
        .chain(content.notes.iter().map(|(n, at)| (&n.id, at)))
        .chain(content.predictions.iter().map(|(p, at)| (&p.id, at)));
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
        cards,
        notes,
        predictions,
        ..
    } = content;
    let TopicHeader {
        id,
        title,
        area,
        minutes,
        requires,
        header_at,
        ..
    } = header;
    let loaded = topics.len();
    let assembly = topics.entry(id.clone()).or_insert_with(|| Assembly {
        topic: Topic {
            id,
            title: title.0,
            ..Topic::default()
        },
        header_at,
        area_at: None,
        minutes_at: None,
        ids: HashMap::new(),
        loaded,
    });
    if let (None, Some((area, at))) = (&assembly.topic.area, area) {
        assembly.topic.area = Some(area);
        assembly.area_at = Some(at);
    }
    // Every file of a topic may add to what it builds on; `track::order` drops repeats.
    (assembly.topic.requires).extend(requires.into_iter().map(|(id, _)| id));
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
    for (card, at) in cards {
        assembly.ids.insert(card.id.clone(), at);
        assembly.topic.cards.push(card);
    }
    for (note, at) in notes {
        assembly.ids.insert(note.id.clone(), at);
        assembly.topic.notes.push(note);
    }
    for (prediction, at) in predictions {
        assembly.ids.insert(prediction.id.clone(), at);
        assembly.topic.predictions.push(prediction);
    }
}
