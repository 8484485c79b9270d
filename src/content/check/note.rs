//! `[[note]]`: a Learn note. Its title and body must say something, a code
//! fence it opens must close, and it should name its sources.

use super::fields::Fields;
use super::item::{self, CARD_KEYS, EXERCISE_KEYS, Id, NOTE_KEYS, QUESTION_KEYS};
use super::{Cx, Span};
use crate::content::note::unclosed_fence;
use crate::content::rules::{NOTE_NO_SOURCES, NOTE_OPEN_FENCE};
use crate::content::{Note, Origin};
use toml::de::DeTable;

/// Read and check one note; the id is returned with its place for the
/// duplicate checks.
pub(super) fn read(cx: &mut Cx, table: &DeTable, header: Span) -> (Note, Option<Id>) {
    let fields = Fields::new(
        cx,
        table,
        header.clone(),
        "[[note]]",
        NOTE_KEYS,
        &[
            ("[[card]]", CARD_KEYS),
            ("[[question]]", QUESTION_KEYS),
            ("[[exercise]]", EXERCISE_KEYS),
        ],
    );
    let id = item::read_id(cx, &fields);
    let title = fields.text(cx, "title", true);
    let body = fields.text(cx, "body", true);
    if let Some(body) = &body
        && unclosed_fence(body.value).is_some()
    {
        // The open fence is the body's last one; in the file it is the last
        // ``` inside the string (backticks are never escaped).
        let written = cx.text.get(body.span.clone()).unwrap_or_default();
        let at = written.rfind("```").map_or(body.span.clone(), |i| {
            body.span.start + i..body.span.start + i + 3
        });
        cx.report(
            NOTE_OPEN_FENCE,
            at,
            "this ``` opens a code block that the body never closes",
        )
        .help = Some("close the block with a line of ``` after its last line of code".into());
    }
    let sources = item::read_list(cx, &fields, "sources", false);
    if sources.is_empty() {
        let at = fields
            .get("sources")
            .map_or_else(|| fields.header(), |v| v.span());
        cx.report(
            NOTE_NO_SOURCES,
            at,
            "this note names no `sources`: where do its facts come from?",
        )
        .help = Some(
            "add `sources = [\"https://…\"]`: the documentation, paper or book each fact is checked against"
                .into(),
        );
    }
    let note = Note {
        id: id.as_ref().map(|i| i.value.clone()).unwrap_or_default(),
        title: title.map(|t| t.value.to_string()).unwrap_or_default(),
        body: body.map(|t| t.value.to_string()).unwrap_or_default(),
        sources,
        origin: Origin {
            path: cx.path.to_string(),
            line: cx.lines.place(header.start).line,
        },
    };
    (note, id)
}
