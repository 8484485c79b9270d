//! `[[card]]`: a flashcard, front and back. Both sides must say something,
//! and the back must not already be written on the front.

use super::fields::Fields;
use super::item::{self, CARD_KEYS, EXERCISE_KEYS, Id, KATA_KEYS, QUESTION_KEYS};
use super::{Cx, Span};
use crate::content::rules::CARD_GIVES_AWAY;
use crate::content::{Card, Origin};
use toml::de::DeTable;

/// Read and check one card; the id is returned with its place for the
/// duplicate checks.
pub(super) fn read(cx: &mut Cx, table: &DeTable, header: Span) -> (Card, Option<Id>) {
    let fields = Fields::new(
        cx,
        table,
        header.clone(),
        "[[card]]",
        CARD_KEYS,
        &[
            ("[[question]]", QUESTION_KEYS),
            ("[[exercise]]", EXERCISE_KEYS),
            ("[[kata]]", KATA_KEYS),
        ],
    );
    let id = item::read_id(cx, &fields);
    let front = fields.text(cx, "front", true);
    let back = fields.text(cx, "back", true);
    if let (Some(front), Some(back)) = (&front, &back)
        && gives_away(front.value, back.value)
    {
        let related = (!cx.full()).then(|| cx.locate(front.span.clone()).related("the front"));
        let d = cx.report(
            CARD_GIVES_AWAY,
            back.span.clone(),
            "the card's `back` is written on its `front`: the learner reads the answer before recalling it",
        );
        d.related.extend(related);
        d.help = Some(
            "ask for the fact on the front (\"What does append-only mean?\") and keep the answer for the back"
                .into(),
        );
    }
    let card = Card {
        id: id.as_ref().map(|i| i.value.clone()).unwrap_or_default(),
        front: front.map(|t| t.value.to_string()).unwrap_or_default(),
        back: back.map(|t| t.value.to_string()).unwrap_or_default(),
        sources: item::read_list(cx, &fields, "sources", false),
        origin: Origin {
            path: cx.path.to_string(),
            line: cx.lines.place(header.start).line,
        },
    };
    (card, id)
}

/// Whether the back's words already stand on the front (ignoring case,
/// spacing and the closing full stop).
fn gives_away(front: &str, back: &str) -> bool {
    let words = |s: &str| {
        s.split_whitespace()
            .map(|w| w.to_lowercase())
            .collect::<Vec<_>>()
            .join(" ")
            .trim_end_matches(['.', '!'])
            .to_string()
    };
    let (front, back) = (words(front), words(back));
    !back.is_empty() && front.contains(&back)
}

#[cfg(test)]
mod tests {
    use super::gives_away;

    #[test]
    fn a_back_on_the_front_is_a_give_away() {
        assert!(gives_away(
            "Events are appended, never changed: what is that called?  Append-only.",
            "append-only"
        ));
        assert!(!gives_away(
            "What does append-only mean?",
            "Events are only added at the end."
        ));
    }
}
