//! A typed exercise on screen: each blank shows what was typed in it (a
//! cursor in the current one), marked ✓/✗ while it holds what was tried;
//! instead of an option pool, one line says how to type; the result lists
//! each blank's text with the author's words on a wrong one, and the
//! solution names every other text each blank accepts.

use crate::content::Exercise;
use crate::practice::{Attempt, ItemState};
use crate::tui::action::Target;
use crate::tui::flow::{Atom, Doc};
use crate::tui::theme::Theme;
use ratatui::text::Span;

/// Blank `b` in the code: `⟦1 append▏⟧` while typed into, `⟦1 add ✗⟧` after a try.
pub(super) fn blank(t: Theme, state: &ItemState, b: usize, current: bool) -> Atom {
    let text = state.typed.get(b).map_or("", String::as_str);
    let mark = state.attempts.last().and_then(|a| {
        let right = a.marks.get(b).copied()?;
        (a.typed.get(b).map(String::as_str) == Some(text.trim())).then_some(right)
    });
    let shown = match (text.is_empty(), current) {
        (true, true) => "▏".to_string(),
        (true, false) => "____".to_string(),
        (false, true) => format!("{text}▏"),
        (false, false) => text.to_string(),
    };
    let label = match mark {
        Some(true) => format!("⟦{} {shown} ✓⟧", b + 1),
        Some(false) => format!("⟦{} {shown} ✗⟧", b + 1),
        None => format!("⟦{} {shown}⟧", b + 1),
    };
    let style = if current {
        t.selected()
    } else {
        match mark {
            Some(true) => t.ok(),
            Some(false) => t.bad(),
            None if !text.is_empty() => t.slot(),
            None => t.slot_empty(),
        }
    };
    Atom::target(label, style, Target::Blank(b))
}

/// Where the option pool would be: how to answer.
pub(super) fn how_to(doc: &mut Doc, t: Theme, answering: bool) {
    if answering {
        doc.line(Span::styled(
            "Type the text of each blank: Tab moves to the next blank, Enter checks",
            t.dim(),
        ));
    }
}

/// Each blank's text in the last try, right or wrong, and why when the author said.
pub(super) fn tried(doc: &mut Doc, t: Theme, e: &Exercise, attempt: &Attempt) {
    for (b, (text, &right)) in attempt.typed.iter().zip(&attempt.marks).enumerate() {
        let (mark, style) = if right {
            ("✓", t.ok())
        } else {
            ("✗", t.bad())
        };
        let mut atoms = vec![
            Atom::new(format!("{mark} [{}] ", b + 1), style),
            Atom::new(text.clone(), t.bold()),
        ];
        if !right && let Some(why) = e.typed_feedback_for(text) {
            atoms.push(Atom::new(format!(" — {why}"), t.plain()));
        }
        doc.flow(2, 10, atoms);
    }
}

/// Under the completed code: the other texts each blank accepts, if any.
pub(super) fn also_accepted(doc: &mut Doc, t: Theme, e: &Exercise) {
    for (b, texts) in e.accept.iter().enumerate() {
        if texts.len() > 1 {
            doc.flow(
                2,
                4,
                vec![
                    Atom::new(format!("Blank {} also accepts: ", b + 1), t.dim()),
                    Atom::new(texts[1..].join(", "), t.plain()),
                ],
            );
        }
    }
}
