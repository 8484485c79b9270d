//! The kata screen: the prompt, the learner's code in an editor pane, and
//! what the latest run showed (output, each test ✓/✗, the error), with the
//! solution once the kata is finished. Side by side on a wide terminal,
//! stacked on a narrow one.

use super::super::app::{App, FrameInfo, Run};
use super::super::flow::{Atom, Doc};
use super::super::kata::KataPane;
use crate::content::{Kata, escape_controls};
use crate::practice::KataRun;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// Wide enough to put the editor and the results side by side.
const SIDE_BY_SIDE: u16 = 100;
/// Lines of the prompt kept on screen above the panes.
const PROMPT_LINES: usize = 4;

pub fn draw(
    frame: &mut Frame,
    body: Rect,
    app: &App,
    run: &Run,
    kata: &Kata,
    pane: &KataPane,
    info: &mut FrameInfo,
) {
    let t = app.theme;
    let mut prompt = Doc::new(body.width);
    prompt.text(&kata.prompt, t.bold(), 0);
    let shown = prompt.len().min(PROMPT_LINES);
    frame.render_widget(
        Paragraph::new(prompt.lines[..shown].to_vec()),
        Rect::new(body.x, body.y, body.width, shown as u16),
    );
    let top = body.y + shown as u16 + 1;
    let rest = Rect::new(
        body.x,
        top,
        body.width,
        body.height.saturating_sub(shown as u16 + 1),
    );
    let (editor_area, results_area) = if rest.width >= SIDE_BY_SIDE {
        let left = rest.width * 3 / 5;
        (
            Rect::new(rest.x, rest.y, left, rest.height),
            Rect::new(
                rest.x + left + 1,
                rest.y,
                rest.width - left - 1,
                rest.height,
            ),
        )
    } else {
        let upper = (rest.height * 11 / 20).max(3).min(rest.height);
        (
            Rect::new(rest.x, rest.y, rest.width, upper),
            Rect::new(rest.x, rest.y + upper, rest.width, rest.height - upper),
        )
    };
    editor(frame, editor_area, app, pane);
    let doc = results(app, run, kata, pane, results_area.width.saturating_sub(2));
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(" Tests ", t.heading()));
    let inner = block.inner(results_area);
    frame.render_widget(block, results_area);
    let inner = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(1),
        inner.height,
    );
    let height = inner.height as usize;
    let max = doc.len().saturating_sub(height);
    let scroll = if app.follow {
        max
    } else {
        (app.scroll as usize).min(max)
    };
    let end = (scroll + height).min(doc.len());
    frame.render_widget(Paragraph::new(doc.lines[scroll..end].to_vec()), inner);
    info.scroll = scroll as u16;
    info.body_height = inner.height;
    info.doc_len = doc.len().min(u16::MAX as usize) as u16;
}

fn editor(frame: &mut Frame, area: Rect, app: &App, pane: &KataPane) {
    let t = app.theme;
    let place = match &pane.file {
        Some(file) => {
            let shown = file.display().to_string();
            // The folder names the data folder; the last three parts say enough.
            let parts: Vec<&str> = shown.rsplitn(4, std::path::MAIN_SEPARATOR).collect();
            let tail: Vec<&str> = parts.iter().take(3).rev().copied().collect();
            format!(" · {}", escape_controls(&tail.join("/")))
        }
        None => " · not saved (no data folder)".to_string(),
    };
    let mode = if pane.editing {
        Span::styled(" typing — Esc for commands ", t.selected())
    } else {
        Span::styled(" Enter/i to type ", t.dim())
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(Line::from(vec![
            Span::styled(" Your code", t.heading()),
            Span::styled(format!("{place} "), t.dim()),
        ]))
        .title_bottom(Line::from(mode));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(&pane.editor, inner);
}

/// The results pane: notices, the latest run, the hint, the solution.
fn results(app: &App, run: &Run, kata: &Kata, pane: &KataPane, width: u16) -> Doc {
    let t = app.theme;
    let mut doc = Doc::new(width.max(1));
    let state = run.session.current_state();
    if let Some(notice) = &pane.notice {
        doc.text(notice, t.warn(), 0);
        doc.blank();
    }
    match &pane.last {
        None => {
            let watching = if pane.is_watching() {
                " They also run whenever the file is saved, from any editor."
            } else {
                ""
            };
            doc.text(
                &format!(
                    "{} test{} to pass. Press Ctrl-T (or t) to run them.{watching}",
                    kata.tests.len(),
                    if kata.tests.len() == 1 { "" } else { "s" }
                ),
                t.dim(),
                0,
            );
        }
        Some(last) => {
            outcome(&mut doc, app, last);
            super::upcoming::next_review(&mut doc, app, run);
        }
    }
    if !kata.setup.trim().is_empty() && pane.last.is_none() {
        doc.blank();
        doc.text("Setup (runs first, in the same namespace):", t.dim(), 0);
        for line in kata.setup.lines() {
            doc.line(Span::styled(format!("  {line}"), t.comment()));
        }
    }
    if state.hint_shown {
        doc.blank();
        doc.flow(
            0,
            2,
            vec![
                Atom::new("Hint: ", t.hint()),
                Atom::new(&kata.hint, t.plain()),
            ],
        );
    }
    if run.reveal() {
        doc.blank();
        let heading = if state.outcome.is_solved() {
            "Solved. The author's solution:"
        } else {
            "Given up. The author's solution:"
        };
        doc.text(heading, t.heading(), 0);
        for line in kata.solution.lines() {
            doc.line(Span::styled(format!("  {line}"), t.plain()));
        }
        for (i, step) in kata.steps.iter().enumerate() {
            doc.text(&format!("{}. {step}", i + 1), t.plain(), 0);
        }
    }
    doc
}

/// One run: what the code printed, each test, any error, the count.
/// Every string here came from running code: escaped line by line.
fn outcome(doc: &mut Doc, app: &App, last: &KataRun) {
    let t = app.theme;
    let summary = format!("{}/{} tests pass", last.passed, last.total);
    doc.line(Span::styled(
        summary,
        if last.all_passed { t.ok() } else { t.bad() },
    ));
    for (i, test) in last.outcome.tests.iter().enumerate() {
        let (mark, style) = if test.passed {
            ("✓", t.ok())
        } else {
            ("✗", t.bad())
        };
        let mut atoms = vec![Atom::new(format!("{mark} test {}", i + 1), style)];
        if let Some(message) = test.message.as_deref().filter(|_| !test.passed) {
            atoms.push(Atom::new(
                format!(": {}", escape_controls(&message.replace('\n', " "))),
                t.plain(),
            ));
        }
        doc.flow(0, 4, atoms);
    }
    if let Some(error) = &last.outcome.error {
        let at = match (error.line, error.column) {
            (Some(line), Some(column)) => format!(" (line {line}, column {column})"),
            (Some(line), None) => format!(" (line {line})"),
            _ => String::new(),
        };
        doc.blank();
        for (i, line) in error.message.lines().enumerate() {
            let text = if i == 0 {
                format!(
                    "{}: {}{at}",
                    escape_controls(&error.kind),
                    escape_controls(line)
                )
            } else {
                format!("  {}", escape_controls(line))
            };
            doc.text(&text, t.bad(), 0);
        }
    }
    if !last.outcome.output.is_empty() {
        doc.blank();
        doc.text("Output:", t.dim(), 0);
        for line in last.outcome.output.lines() {
            doc.line(Span::styled(
                format!("  {}", escape_controls(line)),
                t.plain(),
            ));
        }
    }
}
