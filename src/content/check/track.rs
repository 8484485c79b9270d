//! The track: `[topic] requires = ["event-store"]` says which topics a topic
//! builds on. Every id must name a topic some file declares (K064), and no
//! chain of requirements may lead back to where it started (K065). The
//! catalog then lists topics in track order: each after those it requires.

use super::topic::TopicHeader;
use super::{Located, Partial};
use crate::content::rules::{REQUIRES_CYCLE, UNKNOWN_REQUIRES};
use crate::content::{Diagnostic, Fix, Topic};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Every topic's requirements, from every file that declares the topic
/// (with errors or not: a topic of a broken file still exists for the
/// files that name it; its own file reports the cause).
pub(super) struct Track {
    known: BTreeSet<String>,
    /// (topic, required) → the cycle it closes, as the ids walked.
    closes: HashMap<(String, String), Vec<String>>,
}

impl Track {
    pub(super) fn new<'p>(partials: impl Iterator<Item = &'p Partial>) -> Track {
        let mut graph: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for header in partials.filter_map(|p| p.topic.as_ref()) {
            let edges = graph.entry(header.id.as_str()).or_default();
            edges.extend(header.requires.iter().map(|(id, _)| id.as_str()));
        }
        let known = graph.keys().map(|k| k.to_string()).collect();
        Track {
            known,
            closes: cycles(&graph),
        }
    }

    /// What is wrong with the requirements `header` writes.
    pub(super) fn problems(&self, header: &TopicHeader) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for (id, here) in &header.requires {
            if !self.known.contains(id) {
                found.push(self.unknown(header, id, here));
            } else if let Some(cycle) = self.closes.get(&(header.id.clone(), id.clone())) {
                let walk = cycle
                    .iter()
                    .map(|t| format!("`{t}`"))
                    .collect::<Vec<_>>()
                    .join(" → ");
                let mut d = here.diagnostic(
                    REQUIRES_CYCLE,
                    format!(
                        "topic `{}` requires `{id}`, which leads back to it: {walk}",
                        header.id
                    ),
                );
                d.help = Some(if cycle.len() <= 2 {
                    "a topic cannot build on itself: remove it from its own `requires`".into()
                } else {
                    format!(
                        "a track runs one way: remove `{id}` here, or `{}` from `{}`'s `requires`",
                        header.id,
                        cycle[cycle.len() - 2]
                    )
                });
                found.push(d);
            }
        }
        found
    }

    fn unknown(&self, header: &TopicHeader, id: &str, here: &Located) -> Diagnostic {
        let mut d = here.diagnostic(
            UNKNOWN_REQUIRES,
            format!(
                "topic `{}` requires `{id}`, which no loaded file declares",
                header.id
            ),
        );
        let near = super::fields::nearest_name(
            id,
            self.known
                .iter()
                .map(String::as_str)
                .filter(|k| *k != header.id),
        );
        d.help = Some(match near {
            Some(near) => {
                d.fix = here.written().map(|was| Fix {
                    at: here.at,
                    end: here.end,
                    was,
                    replacement: format!("\"{near}\""),
                });
                format!("did you mean `{near}`?")
            }
            None => {
                let ids: Vec<&str> = self
                    .known
                    .iter()
                    .map(String::as_str)
                    .filter(|k| *k != header.id)
                    .take(20)
                    .collect();
                if ids.is_empty() {
                    "load the topic it builds on too (`--content DIR`), or remove it from `requires`"
                        .into()
                } else {
                    format!("name a loaded topic ({}), or remove it", ids.join(", "))
                }
            }
        });
        d
    }
}

/// The requirement that closes each cycle, found by a depth-first walk in id
/// order: the edge back to a topic still being walked, with the walk from
/// that topic round to it. Blaming one edge per cycle leaves the rest of the
/// track standing.
fn cycles(graph: &BTreeMap<&str, BTreeSet<&str>>) -> HashMap<(String, String), Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Walking,
        Done,
    }
    let mut marks: HashMap<&str, Mark> = HashMap::new();
    let mut closes = HashMap::new();
    for &start in graph.keys() {
        if marks.contains_key(start) {
            continue;
        }
        // An explicit stack: a track is short, but content is untrusted.
        let mut path: Vec<&str> = vec![start];
        let mut next: Vec<std::collections::btree_set::Iter<&str>> = vec![graph[start].iter()];
        marks.insert(start, Mark::Walking);
        while let Some(edges) = next.last_mut() {
            let from = *path.last().expect("path and next grow together");
            match edges.next() {
                Some(&to) => match marks.get(to) {
                    Some(Mark::Walking) => {
                        let at = path.iter().position(|t| *t == to).unwrap_or(0);
                        // From the blamed topic round to it: `b` → `a` → `b`.
                        let walk: Vec<String> = std::iter::once(from)
                            .chain(path[at..].iter().copied())
                            .map(str::to_string)
                            .collect();
                        closes.insert((from.to_string(), to.to_string()), walk);
                    }
                    Some(Mark::Done) => {}
                    None => {
                        // An unknown id has no edges; its own check names it.
                        if let Some(edges) = graph.get(to) {
                            marks.insert(to, Mark::Walking);
                            path.push(to);
                            next.push(edges.iter());
                        }
                    }
                },
                None => {
                    marks.insert(from, Mark::Done);
                    path.pop();
                    next.pop();
                }
            }
        }
    }
    closes
}

/// Topics in track order: each after every loaded topic it requires, ties
/// kept in the order given (load order: bundled topics, then the author's). Requirements of topics that did not
/// load are dropped, so what remains names only loaded topics.
pub(super) fn order(mut topics: Vec<Topic>) -> Vec<Topic> {
    let loaded: BTreeSet<String> = topics.iter().map(|t| t.id.clone()).collect();
    for topic in &mut topics {
        let mut seen = BTreeSet::new();
        topic
            .requires
            .retain(|r| loaded.contains(r) && *r != topic.id && seen.insert(r.clone()));
    }
    let mut placed: BTreeSet<String> = BTreeSet::new();
    let mut ordered = Vec::with_capacity(topics.len());
    let mut left = topics;
    while !left.is_empty() {
        let ready = left
            .iter()
            .position(|t| t.requires.iter().all(|r| placed.contains(r)));
        // A cycle that slipped past the check (it is reported, and its
        // closing file left out) cannot stall the order: take the next one.
        let topic = left.remove(ready.unwrap_or(0));
        placed.insert(topic.id.clone());
        ordered.push(topic);
    }
    ordered
}
