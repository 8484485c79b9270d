//! `kata preview`'s own drawing: the status line saying what is previewed and
//! when it was last reloaded, and the diagnostics panel that stands in for
//! the screen while a file does not check.

use super::bar;
use crate::content::Severity;
use crate::tui::app::{App, FrameInfo};
use crate::tui::flow::{Atom, Doc};
use crate::tui::preview::{PreviewState, Watching};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

fn broken(app: &App) -> Option<&PreviewState> {
    app.preview.as_ref().filter(|p| p.is_broken())
}

pub fn is_broken(app: &App) -> bool {
    broken(app).is_some()
}

/// `preview · ./course · reloaded 12:03:04`, with the scroll hint after it.
pub fn status(app: &App, info: &FrameInfo, more_below: bool) -> Option<Line<'static>> {
    let p = app.preview.as_ref()?;
    let t = app.theme;
    let mut text = format!(" preview · {}", p.path);
    if let Some(at) = &p.reloaded {
        text.push_str(&format!(" · reloaded {at}"));
    }
    if p.watching == Watching::Polling {
        text.push_str(" · polling");
    }
    let arrow = match (info.scroll > 0, more_below) {
        (true, true) => " · ▲▼ more",
        (false, true) => " · ▼ more",
        (true, false) => " · ▲ more",
        (false, false) => "",
    };
    Some(Line::from(vec![
        Span::styled(text, t.dim()),
        Span::styled(arrow, t.dim()),
    ]))
}

/// The header and the diagnostics, in place of the screen.
pub fn panel(frame: &mut Frame, area: Rect, app: &App, width: u16) -> Doc {
    let t = app.theme;
    let mut doc = Doc::new(width);
    let Some(p) = broken(app) else {
        return doc;
    };
    let errors = p.broken.iter().filter(|d| d.is_error()).count();
    let mut files: Vec<&str> = p
        .broken
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.path.as_str())
        .collect();
    files.dedup();
    bar(
        frame,
        area,
        app,
        "kata preview · content does not check",
        &format!("{errors} error{}", if errors == 1 { "" } else { "s" }),
    );
    doc.text(
        &format!(
            "{} stopped checking. Fix it and save: the item comes back where you were.",
            match files.as_slice() {
                [one] => one.to_string(),
                _ => format!("{} files", files.len()),
            }
        ),
        t.bold(),
        0,
    );
    for d in &p.broken {
        doc.blank();
        // Plain text: colour codes would be drawn as characters inside the TUI.
        let shown = d.render(false);
        let mut lines = shown.lines();
        let (mark, style) = match d.severity {
            Severity::Error => ("✗ ", t.bad()),
            Severity::Warning => ("! ", t.warn()),
        };
        if let Some(headline) = lines.next() {
            doc.flow(
                0,
                2,
                vec![Atom::new(mark, style), Atom::new(headline, t.plain())],
            );
        }
        for line in lines {
            let rest = line.trim_start();
            // A snippet line keeps its columns (the carets line up under
            // the code); prose wraps, so no help is cut at the edge.
            let snippet = rest.starts_with('|')
                || rest.starts_with(":::")
                || rest
                    .split_once('|')
                    .is_some_and(|(n, _)| n.trim().bytes().all(|b| b.is_ascii_digit()));
            if snippet {
                let line_style = if line.contains('^') { style } else { t.plain() };
                doc.line(Span::styled(format!("  {line}"), line_style));
            } else if let Some((label, text)) = rest.split_once(": ")
                && label.starts_with("= ")
            {
                let indent = " ".repeat(2 + line.len() - rest.len());
                doc.flow_after(
                    vec![Span::styled(format!("{indent}{label}: "), t.hint())],
                    vec![Atom::new(text, t.hint())],
                );
            } else {
                doc.flow(2, 4, vec![Atom::new(line, t.plain())]);
            }
        }
    }
    doc
}
