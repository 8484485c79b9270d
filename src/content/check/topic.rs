//! `[topic]`: which topic a file belongs to, and its title.

use super::fields::Fields;
use super::item::{self, TOPIC_KEYS};
use super::{Cx, Located, Span};
use crate::content::rules::OUT_OF_RANGE;
use toml::de::DeTable;

const MAX_MINUTES: i64 = 600;

/// A file's `[topic]`, with places to compare it with other files of the topic.
#[derive(Clone)]
pub(crate) struct TopicHeader {
    pub id: String,
    pub title: (String, Located),
    pub area: Option<(String, Located)>,
    pub minutes: Option<(u32, Located)>,
    /// The topics this one builds on (`requires = ["event-store"]`), each
    /// with its place; checked against every topic once all files are read.
    pub requires: Vec<(String, Located)>,
    /// The `[topic]` header.
    pub span: Span,
    /// The same, as a place to report topic-wide findings at.
    pub header_at: Located,
}

pub(super) fn read(cx: &mut Cx, table: &DeTable, span: Span) -> Option<TopicHeader> {
    let fields = Fields::new(cx, table, span.clone(), "[topic]", TOPIC_KEYS, &[]);
    let id = item::read_id(cx, &fields);
    let title = fields.text(cx, "title", true);
    let area = fields.text(cx, "area", false);
    // Read here for its type check; the file's items take it as their default.
    let _ = fields.boolean(cx, "shuffle");
    let minutes = match fields.integer(cx, "minutes") {
        Some((n, span)) if (1..=MAX_MINUTES).contains(&n) => Some((n as u32, cx.locate(span))),
        Some((n, span)) => {
            cx.report(
                OUT_OF_RANGE,
                span,
                format!("`minutes` is {n}; give 1 to {MAX_MINUTES}"),
            )
            .help = Some(
                "give about how long the topic takes, in minutes, or leave `minutes` out".into(),
            );
            None
        }
        None => None,
    };
    let mut requires = Vec::new();
    for text in fields
        .texts(cx, "requires", false)
        .map_or(Vec::new(), |(texts, _)| texts)
    {
        item::check_id(cx, "requires", &text);
        if crate::content::is_valid_id(text.value) {
            requires.push((text.value.to_string(), cx.locate(text.span)));
        }
    }
    let title = title?;
    Some(TopicHeader {
        id: id?.value,
        title: (title.value.to_string(), cx.locate(title.span)),
        area: area.map(|a| (a.value.to_string(), cx.locate(a.span))),
        minutes,
        requires,
        header_at: cx.locate(span.clone()),
        span,
    })
}
