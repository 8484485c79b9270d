//! The Learn screen: one note — its title, paragraphs wrapped to the screen,
//! code blocks coloured as the tasks' code is, and its sources.

use super::bar;
use super::run::{code_block, code_style};
use crate::content::NoteBlock;
use crate::tui::app::App;
use crate::tui::flow::{Atom, Doc};
use crate::tui::learn::LearnRun;
use crate::tui::syntax;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

pub fn header(frame: &mut Frame, area: Rect, app: &App, run: &LearnRun) {
    let topic = &app.catalog.topics[run.topic];
    let r = &run.reading;
    bar(
        frame,
        area,
        app,
        &format!("kata · {} · Learn", topic.title),
        &format!("note {} of {}", r.index() + 1, r.len()),
    );
}

pub fn doc(app: &App, run: &LearnRun, width: u16) -> Doc {
    let t = app.theme;
    let mut doc = Doc::new(width);
    let Some(note) = run.reading.current() else {
        return doc;
    };
    doc.line(Span::styled(note.title.clone(), t.heading()));
    for block in note.blocks() {
        doc.blank();
        match block {
            NoteBlock::Text(text) => doc.text(&text, t.plain(), 2),
            NoteBlock::Code { lang, code } => {
                let lang = (!lang.is_empty()).then_some(lang.as_str());
                let atoms = syntax::runs(&code, lang)
                    .into_iter()
                    .map(|(text, kind)| Atom::new(text, code_style(t, kind)))
                    .collect();
                code_block(&mut doc, t, atoms);
            }
        }
    }
    if !note.sources.is_empty() {
        doc.blank();
        doc.line(Span::styled("Sources", t.heading()));
        for source in &note.sources {
            doc.flow(2, 4, vec![Atom::new(source.clone(), t.dim())]);
        }
    }
    doc.blank();
    doc.text(
        if run.reading.is_last() {
            "That is the last note: Esc goes home, where practice, quiz and flashcards wait."
        } else {
            "→ (or n, Space) shows the next note; ← (or p) the previous one."
        },
        t.dim(),
        0,
    );
    doc
}
