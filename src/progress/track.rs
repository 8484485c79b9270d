//! Where a learner stands on the track: a topic is *strong* once a test of
//! it reached the strong verdict, and the topic to take next is the first in
//! track order whose prerequisites are all strong and which is not. Home and
//! `kata list` show the same rule; a learner may still open any topic.

use super::{Report, TopicReport};
use crate::content::Topic;

/// Whether the learner's best test of the topic reached the strong verdict.
///
/// ```
/// assert!(!kata::progress::is_strong(None), "no test yet");
/// ```
pub fn is_strong(report: Option<&TopicReport>) -> bool {
    report
        .and_then(|r| r.best_test.as_ref())
        .is_some_and(|best| best.verdict == crate::practice::Verdict::Strong.to_string())
}

/// The topic to take next, given which topics are strong: the first of
/// `topics` (in track order, as the catalog lists them) that is not strong
/// and whose every requirement is; `None` when every topic is strong.
///
/// ```
/// use kata::content::Topic;
/// let topic = |id: &str, requires: &[&str]| Topic {
///     id: id.into(),
///     requires: requires.iter().map(|r| r.to_string()).collect(),
///     ..Topic::default()
/// };
/// let track = [topic("event-store", &[]), topic("concurrency", &["event-store"])];
/// let next = kata::progress::recommended(&track, |id| id == "event-store");
/// assert_eq!(next.map(|t| t.id.as_str()), Some("concurrency"));
/// let next = kata::progress::recommended(&track, |_| false);
/// assert_eq!(next.map(|t| t.id.as_str()), Some("event-store"));
/// ```
pub fn recommended(topics: &[Topic], strong: impl Fn(&str) -> bool) -> Option<&Topic> {
    topics
        .iter()
        .find(|t| !strong(&t.id) && t.requires.iter().all(|r| strong(r)))
}

/// [`recommended`] for the learner whose progress `report` holds (`None`:
/// none yet), as home, its first cursor and `kata plain` ask it.
///
/// ```
/// use kata::content::Topic;
/// let track = [Topic { id: "event-store".into(), ..Topic::default() }];
/// assert_eq!(kata::progress::next_topic(&track, None).map(|t| t.id.as_str()), Some("event-store"));
/// ```
pub fn next_topic<'t>(topics: &'t [Topic], report: Option<&Report>) -> Option<&'t Topic> {
    let of = |id: &str| report.and_then(|r| r.topics.iter().find(|t| t.id == id));
    recommended(topics, |id| is_strong(of(id)))
}
