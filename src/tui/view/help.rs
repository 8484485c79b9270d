//! The help overlay: every key of the current screen, from the keymap.

use super::{key_label, popup};
use crate::tui::app::App;
use crate::tui::flow::{Atom, Doc};
use crate::tui::keymap::{self, Context};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let t = app.theme;
    let context = super::help_context(app);
    let title = match context {
        Context::Home => "Keys · home",
        Context::Exercise => "Keys · fill-in task",
        Context::Typed => "Keys · typed task",
        Context::Question => "Keys · question",
        Context::TestQuestion => "Keys · test question",
        Context::Solved => "Keys · solution",
        Context::Results => "Keys · results",
        Context::Broken => "Keys · preview diagnostics",
        Context::Lab | Context::LabGoto => "Keys · replay lab",
        Context::LabPredict => "Keys · replay lab, predicting",
        Context::LabPicker => "Keys · replay lab scenarios",
        Context::Kata => "Keys · kata",
        Context::KataEdit => "Keys · kata editor",
        Context::Cards | Context::CardBack | Context::CardsDone => "Keys · flashcards",
        Context::Learn => "Keys · learn",
        Context::ExamSetup => "Keys · exam",
        Context::Help | Context::Confirm | Context::ConfirmQuit => "Keys",
    };
    let rows: Vec<(String, &str)> = keymap::bindings_in(context, app.preview.is_some())
        .map(|b| (key_label(b.keys, b.label, app), b.help))
        .collect();
    let key_width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0)
        + 2;
    let width = 70.min(area.width.saturating_sub(4));
    let inner_width = width.saturating_sub(4);
    let mut doc = Doc::new(inner_width.max(1));
    for (keys, help) in &rows {
        doc.flow(
            0,
            key_width as u16,
            vec![
                Atom::new(format!("{keys:<key_width$}"), t.key()),
                Atom::new(*help, t.plain()),
            ],
        );
    }
    doc.blank();
    // A learner about to quit mid-kata needs to know their code is not lost.
    let note = match context {
        Context::Kata | Context::KataEdit => {
            "Your code is saved to its work file on every change: quitting, or a crash, keeps it, and the kata opens on it next time."
        }
        _ => {
            "Mouse: click a blank, then an option — or drag an option onto a blank. Click an answer to choose it; the wheel scrolls."
        }
    };
    doc.text(note, t.dim(), 0);
    // The lab's numbers follow one rule, explained here once.
    if matches!(context, Context::Lab | Context::LabGoto) {
        doc.blank();
        doc.text(crate::replay::RULE, t.dim(), 0);
    }
    let height = (doc.len() as u16 + 4).min(area.height);
    let inner = popup(frame, area, width, height, title);
    let inner = inner.inner(ratatui::layout::Margin::new(1, 1));
    // Taller than the screen: it scrolls (PgUp/PgDn, ↑↓, the wheel), and the
    // last row says there is more.
    let rows = inner.height as usize;
    let max = doc.len().saturating_sub(rows);
    let scroll = (app.help_scroll as usize).min(max);
    let end = (scroll + rows).min(doc.len());
    let mut lines = doc.lines[scroll..end].to_vec();
    if end < doc.len()
        && let Some(last) = lines.last_mut()
    {
        *last = ratatui::text::Line::from(ratatui::text::Span::styled(
            "▼ more: PgDn, ↓ or the wheel",
            t.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
