//! Drawing: reads `&App`, never changes it. `draw` returns where it put the
//! clickable targets and how far the body scrolled; the loop feeds that back.

mod cards;
mod choose_all;
mod confidence;
mod exam;
mod help;
mod home;
mod kata;
mod lab;
mod learn;
mod predict;
mod preview;
mod ran;
mod results;
mod run;
mod typed;
mod upcoming;

use super::app::{App, FrameInfo, Overlay, Screen, Tone};
use super::flow::{Doc, ellipsize};
use super::keymap::{self, Context, Key};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// The smallest terminal every screen is laid out for.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// Draw the whole app into `frame`.
pub fn draw(frame: &mut Frame, app: &App) -> FrameInfo {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area);
        return FrameInfo {
            too_small: true,
            ..FrameInfo::default()
        };
    }
    let mut info = FrameInfo::default();
    let header = Rect::new(area.x, area.y, area.width, 2);
    // A long message (a failed save names the journal and the error) wraps
    // onto more status rows instead of being cut at the screen's edge.
    let rows = status_rows(app, area.width);
    let body = Rect::new(
        area.x + 1,
        area.y + 2,
        area.width - 2,
        area.height - 3 - rows,
    );
    let status = Rect::new(area.x, area.y + area.height - 1 - rows, area.width, rows);
    let footer_area = Rect::new(area.x, area.y + area.height - 1, area.width, 1);

    if let Screen::Lab(lab) = &app.screen {
        lab::draw(frame, header, body, app, lab, &mut info);
        let more_below = (info.scroll as usize + info.body_height as usize) < info.doc_len as usize;
        status_line(frame, status, app, &info, more_below);
        footer(frame, footer_area, app);
        if app.overlay == Some(Overlay::Help) {
            info.hits.clear();
            help::draw(frame, area, app);
        }
        return info;
    }
    if let Screen::Run(run) = &app.screen
        && let (Some(pane), Some(item)) = (&run.kata, run.session.current_kata())
        && !preview::is_broken(app)
    {
        run::header(frame, header, app, run, &mut info);
        kata::draw(frame, body, app, run, item, pane, &mut info);
        status_line(frame, status, app, &info, false);
        footer(frame, footer_area, app);
        if app.overlay == Some(Overlay::Help) {
            info.hits.clear();
            help::draw(frame, area, app);
        }
        return info;
    }
    let doc = match &app.screen {
        _ if preview::is_broken(app) => preview::panel(frame, header, app, body.width),
        Screen::Home => {
            home::header(frame, header, app);
            home::doc(app, body.width)
        }
        Screen::Run(run) => {
            run::header(frame, header, app, run, &mut info);
            run::doc(app, run, body.width)
        }
        Screen::Results(run) => {
            results::header(frame, header, app, run);
            results::doc(app, run, body.width)
        }
        Screen::Cards(run) => {
            cards::header(frame, header, app, run);
            cards::doc(app, run, body.width)
        }
        Screen::Learn(run) => {
            learn::header(frame, header, app, run);
            learn::doc(app, run, body.width)
        }
        Screen::ExamSetup(form) => {
            exam::header(frame, header, app, form);
            exam::doc(app, form, body.width)
        }
        Screen::Lab(_) => unreachable!("drawn above"),
    };
    let more_below = show_doc(frame, body, app, &doc, &mut info);
    status_line(frame, status, app, &info, more_below);
    footer(frame, footer_area, app);
    match app.overlay {
        Some(Overlay::Help) => {
            info.hits.clear();
            help::draw(frame, area, app);
        }
        Some(Overlay::ConfirmEnd) => {
            info.hits.clear();
            confirm(frame, area, app);
        }
        Some(Overlay::ConfirmQuit) => {
            info.hits.clear();
            confirm_quit(frame, area, app);
        }
        None => {}
    }
    info
}

/// The clickable places of `doc`'s visible `lines`, drawn at `area`, as
/// screen rectangles in `info` (cut at the area's right edge).
pub(super) fn push_hits(
    doc: &Doc,
    area: Rect,
    lines: std::ops::Range<usize>,
    info: &mut FrameInfo,
) {
    for hit in doc.hits.iter().filter(|h| lines.contains(&h.line)) {
        if hit.x >= area.width {
            continue;
        }
        let rect = Rect::new(
            area.x + hit.x,
            area.y + (hit.line - lines.start) as u16,
            hit.width.min(area.width - hit.x),
            1,
        );
        info.hits.push((rect, hit.target));
    }
}

/// Draw the visible part of `doc` and record its targets; true when more is below.
fn show_doc(frame: &mut Frame, body: Rect, app: &App, doc: &Doc, info: &mut FrameInfo) -> bool {
    let height = body.height as usize;
    let max = doc.len().saturating_sub(height);
    let mut scroll = (app.scroll as usize).min(max);
    if app.follow
        && let Some(focus) = &doc.focus
    {
        // Bring the focus lines into view, moving as little as possible; a
        // focus taller than the screen shows its start.
        if focus.end > scroll + height {
            scroll = focus.end.saturating_sub(height);
        }
        if focus.start < scroll {
            scroll = focus.start;
        }
        scroll = scroll.min(max);
    }
    let end = (scroll + height).min(doc.len());
    let lines: Vec<Line> = doc.lines[scroll..end].to_vec();
    frame.render_widget(Paragraph::new(lines), body);
    push_hits(doc, body, scroll..end, info);
    info.scroll = scroll as u16;
    info.body_height = body.height;
    info.doc_len = doc.len().min(u16::MAX as usize) as u16;
    end < doc.len()
}

/// Status rows for the message: as many as it needs to wrap, at most four
/// (the smallest screen keeps nine body rows).
fn status_rows(app: &App, width: u16) -> u16 {
    let Some(message) = &app.message else {
        return 1;
    };
    // " ✓ " before the text; the last word may wrap early, so count one more.
    let needed = 3 + unicode_width::UnicodeWidthStr::width(message.text.as_str());
    let rows = needed.div_ceil(width.max(1) as usize);
    let rows = if rows > 1 { rows + 1 } else { rows };
    rows.clamp(1, 4) as u16
}

fn status_line(frame: &mut Frame, area: Rect, app: &App, info: &FrameInfo, more_below: bool) {
    let t = app.theme;
    let line = if let Some(message) = &app.message {
        let (mark, style) = match message.tone {
            Tone::Good => ("✓ ", t.ok()),
            Tone::Bad => ("✗ ", t.bad()),
            Tone::Info => ("› ", t.hint()),
        };
        let line = Line::from(vec![
            Span::raw(" "),
            Span::styled(mark, style),
            Span::styled(message.text.clone(), style),
        ]);
        frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: false }), area);
        return;
    } else if let Some(line) = preview::status(app, info, more_below) {
        line
    } else if more_below || info.scroll > 0 {
        let arrow = match (info.scroll > 0, more_below) {
            (true, true) => "▲▼",
            (false, true) => "▼",
            _ => "▲",
        };
        Line::from(Span::styled(
            format!(" {arrow} more — PgUp/PgDn or the mouse wheel scroll"),
            t.dim(),
        ))
    } else {
        Line::default()
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The key hints of the current context, straight from the keymap.
fn footer(frame: &mut Frame, area: Rect, app: &App) {
    let t = app.theme;
    let context = app.context();
    let mut entries: Vec<(String, &str)> = keymap::bindings_in(context, app.preview.is_some())
        .filter(|b| !b.short.is_empty())
        .map(|b| (key_label(b.keys, b.label, app), b.short))
        .collect();
    // Help first: it must survive any cut, since it leads to everything else.
    if let Some(at) = entries.iter().position(|(k, _)| k == "?") {
        let help = entries.remove(at);
        entries.insert(0, help);
    }
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1usize;
    for (keys, what) in entries {
        let width = keys.chars().count() + what.chars().count() + 3;
        if used + width > area.width as usize {
            break;
        }
        used += width;
        spans.push(Span::styled(keys, t.key()));
        spans.push(Span::styled(format!(" {what}  "), t.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A binding's key label, with option letters fitted to the current item.
pub fn key_label(keys: &[Key], label: &str, app: &App) -> String {
    if keys == [Key::Letter] {
        keymap::letters_label(app.option_count())
    } else {
        label.to_string()
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = vec![
        Line::from("enlarge the terminal (need 60×16)"),
        Line::from(format!("now {}×{}", area.width, area.height)),
    ];
    let top = area.height.saturating_sub(2) / 2;
    let rect = Rect::new(
        area.x,
        area.y + top,
        area.width,
        area.height.saturating_sub(top),
    );
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        rect,
    );
}

/// A box in the middle of `area`, cleared, of at most `width`×`height`.
pub fn popup(frame: &mut Frame, area: Rect, width: u16, height: u16, title: &str) -> Rect {
    let w = width
        .min(area.width.saturating_sub(4))
        .max(10)
        .min(area.width);
    let h = height.min(area.height.saturating_sub(2)).min(area.height);
    let rect = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    frame.render_widget(Clear, rect);
    let block = Block::bordered().title(format!(" {title} "));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

fn confirm(frame: &mut Frame, area: Rect, app: &App) {
    let t = app.theme;
    let open = match &app.screen {
        Screen::Run(run) => run.session.len() - run.finished_count(),
        _ => 0,
    };
    let inner = popup(frame, area, 56, 8, "End the test?");
    let lines = vec![
        Line::from(format!(
            "{open} open question{} will count as wrong.",
            if open == 1 { "" } else { "s" }
        )),
        Line::default(),
        Line::from(vec![
            Span::styled("y", t.key()),
            Span::raw(" end it and see the results   "),
            Span::styled("n", t.key()),
            Span::raw(" keep going"),
        ]),
    ];
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }),
        inner.inner(ratatui::layout::Margin::new(1, 1)),
    );
}

/// "Quit in the middle of the test?" — what leaving costs, and the two keys.
fn confirm_quit(frame: &mut Frame, area: Rect, app: &App) {
    let t = app.theme;
    // An exam is never a topic's test result: leaving it records no verdict at all.
    let exam = matches!(&app.screen, crate::tui::app::Screen::Run(run)
        if run.mode() == crate::practice::Mode::Exam);
    let (title, cost) = if exam {
        (
            "Quit in the middle of the exam?",
            "The exam ends here: it has no score or verdict to keep.",
        )
    } else {
        (
            "Quit in the middle of the test?",
            "The test is recorded as abandoned: no score, no verdict.",
        )
    };
    let inner = popup(frame, area, 56, 9, title);
    let lines = vec![
        Line::from(cost),
        Line::from("Your answers so far stay in your history."),
        Line::default(),
        Line::from(vec![
            Span::styled("y", t.key()),
            Span::raw(" quit   "),
            Span::styled("n", t.key()),
            Span::raw(" keep going"),
        ]),
    ];
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }),
        inner.inner(ratatui::layout::Margin::new(1, 1)),
    );
}

/// One header row: `left` in the bar, `right` flush right.
fn bar(frame: &mut Frame, area: Rect, app: &App, left: &str, right: &str) {
    let t = app.theme;
    let width = area.width as usize;
    let right_w = right.chars().count() + 1;
    let left = ellipsize(left, width.saturating_sub(right_w + 2));
    let pad = width.saturating_sub(left.chars().count() + 1 + right_w);
    let line = Line::from(vec![
        Span::styled(
            format!(" {left}"),
            t.bar().add_modifier(ratatui::style::Modifier::BOLD),
        ),
        Span::styled(" ".repeat(pad), t.bar()),
        Span::styled(format!("{right} "), t.bar()),
    ]);
    frame.render_widget(Paragraph::new(line), Rect { height: 1, ..area });
}

/// Which context the help overlay describes.
pub fn help_context(app: &App) -> Context {
    app.screen_context()
}
