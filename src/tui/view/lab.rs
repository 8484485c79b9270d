//! The replay lab: the scenario list, a build's progress bar, and the lab
//! itself — a virtual timeline on the left (only visible rows are read from
//! the store), the state tree or a lesson on the right, and a status line
//! saying how the state was reached.

use super::bar;
use crate::replay::Timeline;
use crate::store::{Change, ChangeKind, Value};
use crate::tui::action::Target;
use crate::tui::app::{App, FrameInfo};
use crate::tui::flow::ellipsize;
use crate::tui::lab::{Building, Lab, LabView, Pane, Phase, SPEEDS};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use std::time::Duration;

pub fn draw(
    frame: &mut Frame,
    header: Rect,
    body: Rect,
    app: &App,
    lab: &Lab,
    info: &mut FrameInfo,
) {
    match &lab.phase {
        Phase::Pick { cursor } => {
            bar(frame, header, app, "kata · Replay lab", "? help");
            pick(frame, body, app, *cursor, info);
        }
        Phase::Building(building) => {
            bar(
                frame,
                header,
                app,
                &format!("kata · Replay lab · {}", building.title),
                "? help",
            );
            progress(frame, body, app, building);
        }
        Phase::Ready(view) => {
            let title = format!("kata · Replay lab · {}", view.timeline.title);
            bar(frame, header, app, &title, "? help");
            ready(frame, body, app, view);
        }
    }
}

fn pick(frame: &mut Frame, body: Rect, app: &App, cursor: usize, info: &mut FrameInfo) {
    let t = app.theme;
    let mut lines = vec![
        Line::from(Span::styled("Choose a scenario to replay", t.heading())),
        Line::default(),
    ];
    let top = body.y + 2;
    for (i, s) in app.catalog.scenarios.iter().enumerate() {
        if lines.len() >= body.height as usize {
            break;
        }
        let chosen = i == cursor;
        let marker = if chosen { "▶ " } else { "  " };
        let style = if chosen { t.selected() } else { t.bold() };
        let count = s.total_events();
        let text = ellipsize(
            &format!(
                "{} · {} event{}",
                s.title,
                group(count),
                if count == 1 { "" } else { "s" }
            ),
            body.width.saturating_sub(2) as usize,
        );
        info.hits.push((
            Rect::new(body.x, top + i as u16, body.width, 1),
            Target::Scenario(i),
        ));
        lines.push(Line::from(vec![
            Span::styled(marker, t.key()),
            Span::styled(text, style),
        ]));
    }
    if let Some(row) = crate::tui::lab_update::my_progress_row(app)
        && lines.len() < body.height as usize
    {
        let chosen = row == cursor;
        let text = ellipsize(
            "My progress · your own tries, rebuilt from your journal",
            body.width.saturating_sub(2) as usize,
        );
        info.hits.push((
            Rect::new(body.x, top + row as u16, body.width, 1),
            Target::Scenario(row),
        ));
        lines.push(Line::from(vec![
            Span::styled(if chosen { "▶ " } else { "  " }, t.key()),
            Span::styled(text, if chosen { t.selected() } else { t.bold() }),
        ]));
    }
    let about = match app.catalog.scenarios.get(cursor) {
        Some(s) => s.about.clone(),
        None => Some(
            "Every try you made, replayed in order by the same engine: each item ends with \
             your latest answer, the way kata computes your figures."
                .to_string(),
        ),
    };
    if let Some(about) = about.as_ref() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(about.clone(), t.dim())));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
}

fn progress(frame: &mut Frame, body: Rect, app: &App, building: &Building) {
    let t = app.theme;
    let (done, total) = building.progress.get();
    let fraction = if total == 0 {
        0.0
    } else {
        done as f64 / total as f64
    };
    let width = body.width.saturating_sub(10).min(60) as usize;
    let filled = ((fraction * width as f64).round() as usize).min(width);
    let lines = vec![
        Line::from(Span::styled(
            format!("Building “{}”", building.title),
            t.heading(),
        )),
        Line::default(),
        Line::from(vec![
            Span::styled("█".repeat(filled), t.ok()),
            Span::styled("░".repeat(width - filled), t.dim()),
            Span::raw(format!(" {:>3.0}%", fraction * 100.0)),
        ]),
        Line::from(Span::styled(
            format!(
                "{} of {} steps: appending the events, then replaying them once for snapshots and warnings",
                group(done),
                group(total)
            ),
            t.dim(),
        )),
        Line::default(),
        Line::from(Span::styled(
            "The build runs on a background thread: Esc goes back at any time.",
            t.plain(),
        )),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), body);
}

/// `1000000` → `1,000,000`.
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn ready(frame: &mut Frame, body: Rect, app: &App, view: &LabView) {
    let t = app.theme;
    let tl = &view.timeline;
    if body.height < 4 {
        return;
    }
    if let Some(about) = &tl.about {
        let about = ellipsize(about, body.width as usize);
        frame.render_widget(
            Paragraph::new(Span::styled(about, t.dim())),
            Rect { height: 1, ..body },
        );
    }
    let main = Rect::new(body.x, body.y + 1, body.width, body.height - 3);
    let left_w = (main.width * 11 / 20).max(20).min(main.width);
    let left = Rect {
        width: left_w,
        ..main
    };
    let right = Rect::new(
        main.x + left_w + 1,
        main.y,
        main.width.saturating_sub(left_w + 1),
        main.height,
    );
    timeline(frame, left, app, tl);
    match view.pane {
        Pane::State => state(frame, right, app, tl),
        Pane::Snapshots => snapshots(frame, right, app, view),
        Pane::Immutability => immutability(frame, right, app, view),
        Pane::Effect => effect(frame, right, app, view),
    }
    let note_row = Rect::new(body.x, body.y + body.height - 2, body.width, 1);
    let note = note_line(app, view);
    frame.render_widget(Paragraph::new(note), note_row);
    let status_row = Rect::new(body.x, body.y + body.height - 1, body.width, 1);
    let status = ellipsize(&status_text(view), body.width as usize);
    frame.render_widget(Paragraph::new(Span::styled(status, t.bold())), status_row);
}

/// "position 2 of 3 · from snapshot @1 + 1 event · paused · 2 events/s".
pub fn status_text(view: &LabView) -> String {
    let tl = &view.timeline;
    if let Some(typed) = &view.goto {
        return format!(
            "go to position: {typed}▏ (0 to {}) · Enter go · Esc cancel",
            tl.len().saturating_sub(1)
        );
    }
    let len = group(tl.len());
    let place = match tl.cursor() {
        0 => format!("start · no event applied of {len}"),
        c => {
            let reached = tl.reached();
            let folded = reached.events_folded;
            let events = format!(
                "{} event{}",
                group(folded),
                if folded == 1 { "" } else { "s" }
            );
            match reached.from_snapshot {
                Some(s) => format!(
                    "position {} of {len} · from snapshot @{} + {events}",
                    group(c - 1),
                    group(s - 1)
                ),
                None => format!(
                    "position {} of {len} · from the start + {events}",
                    group(c - 1)
                ),
            }
        }
    };
    let play = if view.playing {
        "▶ playing"
    } else {
        "⏸ paused"
    };
    format!("{place} · {play} · {}/s", group(SPEEDS[view.speed]))
}

fn note_line<'a>(app: &App, view: &'a LabView) -> Line<'a> {
    let t = app.theme;
    let tl = &view.timeline;
    if let Some(w) = tl.warning() {
        return Line::from(vec![
            Span::styled("! warning ", t.warn()),
            Span::styled(w.to_string(), t.warn()),
        ]);
    }
    let cursor = tl.cursor();
    if let Some(r) = tl.refusals().iter().rev().find(|r| r.after <= cursor) {
        let who = r.writer.as_deref().unwrap_or("a writer");
        return Line::from(vec![
            Span::styled("✗ refused ", t.bad()),
            Span::raw(format!(
                "{who}'s {} on {}: {}",
                r.event_type, r.stream, r.reason
            )),
        ]);
    }
    Line::default()
}

/// The visible rows of the log around the cursor; nothing else is read.
fn timeline(frame: &mut Frame, area: Rect, app: &App, tl: &Timeline) {
    let t = app.theme;
    let height = area.height as usize;
    if height == 0 {
        return;
    }
    let mut lines = Vec::with_capacity(height);
    let snapshots = match tl.snapshot_every() {
        0 => String::new(),
        n => format!(" · ◆ snapshot every {}", group(n)),
    };
    lines.push(Line::from(Span::styled(
        ellipsize(
            &format!("Events ({}){snapshots}", group(tl.len())),
            area.width as usize,
        ),
        t.heading(),
    )));
    let rows = (height - 1) as u64;
    let current = tl.cursor().checked_sub(1);
    let focus = current.unwrap_or(0);
    let first = focus
        .saturating_sub(rows / 2)
        .min(tl.len().saturating_sub(rows));
    let digits = group(tl.len().saturating_sub(1)).len();
    for position in first..(first + rows).min(tl.len()) {
        let Some(event) = tl.event(position) else {
            break;
        };
        let is_current = Some(position) == current;
        let applied = position < tl.cursor();
        let flag = if tl.warning_at(position).is_some() {
            "!"
        } else if tl.snapshot_after(position) {
            "◆"
        } else {
            " "
        };
        let text = format!(
            "{:>digits$} {}@{} {} {}",
            group(position),
            event.stream(),
            event.revision(),
            event.event_type(),
            event.data()
        );
        let text = ellipsize(&text, (area.width as usize).saturating_sub(4));
        let style = if is_current {
            t.selected()
        } else if applied {
            t.plain()
        } else {
            t.dim()
        };
        let flag_style = if flag == "!" { t.warn() } else { t.key() };
        lines.push(Line::from(vec![
            Span::styled(if is_current { "▶" } else { " " }, t.key()),
            Span::styled(flag, flag_style),
            Span::raw(" "),
            Span::styled(text, style),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn mark(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Added => "+",
        ChangeKind::Changed => "~",
        ChangeKind::Removed => "−",
    }
}

fn key_text(key: Option<&Value>) -> String {
    match key {
        Some(Value::String(s)) => s.to_string(),
        Some(v) => v.to_string(),
        None => "record".to_string(),
    }
}

/// The state as a tree: entities and their fields, with what the current
/// event added (+), changed (~) or removed (−). Only the lines that fit are built.
fn state(frame: &mut Frame, area: Rect, app: &App, tl: &Timeline) {
    let t = app.theme;
    let height = area.height as usize;
    let width = area.width as usize;
    let st = tl.state();
    let changes = tl.changes();
    let count = st.len();
    let mut lines = vec![Line::from(Span::styled(
        ellipsize(
            &format!(
                "State · {} entit{}",
                group(count as u64),
                if count == 1 { "y" } else { "ies" }
            ),
            width,
        ),
        t.heading(),
    ))];
    let changed_key = changes.first().map(|c| c.key.clone());
    let style_of = |kind: ChangeKind| match kind {
        ChangeKind::Added => t.ok(),
        ChangeKind::Changed => t.hint(),
        ChangeKind::Removed => t.bad(),
    };
    let field_change = |field: crate::store::Name| -> Option<&Change> {
        changes.iter().find(|c| c.field == Some(field))
    };
    // A removed entity is no longer in the state: show what left first.
    if let Some(removed) = changes
        .iter()
        .find(|c| c.field.is_none() && c.kind == ChangeKind::Removed)
    {
        lines.push(Line::from(Span::styled(
            format!("− {} (deleted)", key_text(removed.key.as_ref())),
            t.bad(),
        )));
        for c in changes.iter().filter(|c| c.field.is_some()) {
            lines.push(Line::from(Span::styled(
                ellipsize(
                    &format!(
                        "  − {} = {}",
                        c.field.map(|f| f.as_str()).unwrap_or(""),
                        c.before.as_ref().map(Value::to_string).unwrap_or_default()
                    ),
                    width,
                ),
                t.bad(),
            )));
        }
    }
    // Start the window at the changed entity, so it is on screen in a big state.
    let skip = match &changed_key {
        Some(key) => st
            .entities()
            .position(|(k, _)| k == key.as_ref())
            .unwrap_or(0)
            .saturating_sub(1),
        None => 0,
    };
    if skip > 0 {
        lines.push(Line::from(Span::styled(
            format!("  … {} more above", group(skip as u64)),
            t.dim(),
        )));
    }
    let mut shown = skip;
    for (key, fields) in st.entities().skip(skip) {
        if lines.len() >= height {
            break;
        }
        shown += 1;
        let this = changed_key.as_ref().is_some_and(|k| k.as_ref() == key);
        let entity_change = changes
            .iter()
            .find(|c| this && c.field.is_none() && c.kind == ChangeKind::Added);
        let (m, style) = match entity_change {
            Some(c) => (mark(c.kind), style_of(c.kind)),
            None => (" ", t.bold()),
        };
        lines.push(Line::from(Span::styled(
            ellipsize(&format!("{m} {}", key_text(key)), width),
            style,
        )));
        for (name, value) in fields.iter() {
            if lines.len() >= height {
                break;
            }
            let change = if this { field_change(name) } else { None };
            let text = match change {
                Some(c) if c.kind == ChangeKind::Changed => format!(
                    "  ~ {name} = {value}  (was {})",
                    c.before.as_ref().map(Value::to_string).unwrap_or_default()
                ),
                Some(c) => format!("  {} {name} = {value}", mark(c.kind)),
                None => format!("    {name} = {value}"),
            };
            let style = change.map_or(t.plain(), |c| style_of(c.kind));
            lines.push(Line::from(Span::styled(ellipsize(&text, width), style)));
        }
        if this {
            for c in changes.iter().filter(|c| {
                c.kind == ChangeKind::Removed
                    && c.field.is_some()
                    && !changes
                        .iter()
                        .any(|e| e.field.is_none() && e.kind == ChangeKind::Removed)
            }) {
                if lines.len() >= height {
                    break;
                }
                lines.push(Line::from(Span::styled(
                    ellipsize(
                        &format!(
                            "  − {} (was {})",
                            c.field.map(|f| f.as_str()).unwrap_or(""),
                            c.before.as_ref().map(Value::to_string).unwrap_or_default()
                        ),
                        width,
                    ),
                    t.bad(),
                )));
            }
        }
    }
    if count == 0 && lines.len() < height {
        let empty = match tl.cursor() {
            0 => "(empty: no event applied yet)",
            _ => "(empty: no entity is left)",
        };
        lines.push(Line::from(Span::styled(empty, t.dim())));
    } else if shown < count && lines.len() == height {
        let last = lines.len() - 1;
        lines[last] = Line::from(Span::styled(
            format!("  … {} more", group((count - shown) as u64)),
            t.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn duration(d: Duration) -> String {
    let micros = d.as_secs_f64() * 1e6;
    if micros < 1000.0 {
        format!("{micros:.0} µs")
    } else {
        format!("{:.1} ms", micros / 1000.0)
    }
}

fn snapshots(frame: &mut Frame, area: Rect, app: &App, view: &LabView) {
    let t = app.theme;
    let tl = &view.timeline;
    let mut lines = vec![Line::from(Span::styled("Snapshot lesson", t.heading()))];
    let Some(c) = &view.comparison else {
        lines.push(Line::from("Press s to compare the two replays here."));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
        return;
    };
    let label_w = 8;
    let col = (area.width as usize).saturating_sub(label_w + 1) / 2;
    let row = |label: &str, a: String, b: String, style: Style| {
        Line::from(vec![
            Span::styled(format!("{:<label_w$}", ellipsize(label, label_w)), t.dim()),
            Span::styled(format!("{:<col$}", ellipsize(&a, col)), style),
            Span::styled(ellipsize(&b, col), style),
        ])
    };
    lines.push(Line::from(format!(
        "to position {} of {}",
        group(c.upto.saturating_sub(1)),
        group(tl.len())
    )));
    lines.push(Line::default());
    let from = match c.snapshot {
        Some(s) => format!("from @{}", group(s.saturating_sub(1))),
        None => "no snapshot".to_string(),
    };
    lines.push(row("", "full".into(), from, t.bold()));
    lines.push(row(
        "events",
        group(c.full_events),
        group(c.tail_events),
        t.plain(),
    ));
    lines.push(row(
        "time",
        duration(c.full_time),
        duration(c.snapshot_time),
        t.plain(),
    ));
    lines.push(Line::default());
    lines.push(if c.equal {
        Line::from(Span::styled(
            "✓ equal: both replays build the same state",
            t.ok(),
        ))
    } else {
        Line::from(Span::styled("✗ the states differ", t.bad()))
    });
    lines.push(Line::default());
    let text = match tl.snapshot_every() {
        0 => "This scenario takes no snapshots: every rebuild reads the whole log.".to_string(),
        n => format!(
            "A snapshot every {} events ({} taken): a rebuild starts from the latest one and folds at most {} events, however long the log.",
            group(n),
            group(tl.snapshots().len() as u64),
            group(n - 1)
        ),
    };
    lines.push(Line::from(Span::styled(text, t.dim())));
    lines.push(Line::from(Span::styled(
        "s measures again at the cursor.",
        t.dim(),
    )));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn immutability(frame: &mut Frame, area: Rect, app: &App, view: &LabView) {
    let t = app.theme;
    let mut lines = vec![Line::from(Span::styled("Immutability lesson", t.heading()))];
    let Some(w) = &view.what_if else {
        lines.push(Line::from("Press e to try to edit the current event."));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
        return;
    };
    lines.push(Line::from(format!(
        "Edit event {}: {}",
        group(w.position),
        w.edit
    )));
    lines.push(Line::from(vec![
        Span::styled("✗ store: ", t.bad()),
        Span::raw(w.store_says.clone()),
    ]));
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "What if it were allowed? Replaying both histories:",
        t.bold(),
    )));
    let key = view.timeline.event(w.position).and_then(|e| {
        view.timeline
            .rules()
            .key()
            .and_then(|k| e.data().field(k).cloned())
    });
    let show = |state: &crate::store::RulesState| -> String {
        let entity = match &key {
            Some(k) => state.get(k),
            None => state.record(),
        };
        entity.map_or("(gone)".to_string(), |e| e.to_string())
    };
    let subject = key.as_ref().map_or("the record".to_string(), |k| {
        format!("entity {}", key_text(Some(k)))
    });
    lines.push(Line::from(Span::styled(
        format!("{subject} right after event {}:", group(w.position)),
        t.dim(),
    )));
    lines.push(Line::from(format!(
        "  as stored: {}",
        show(&w.after_stored)
    )));
    lines.push(Line::from(format!(
        "  if edited: {}",
        show(&w.after_edited)
    )));
    lines.push(Line::from(Span::styled(
        format!("{subject} after every event:"),
        t.dim(),
    )));
    lines.push(Line::from(format!("  as stored: {}", show(&w.as_stored))));
    lines.push(Line::from(format!("  if edited: {}", show(&w.if_edited))));
    lines.push(Line::default());
    lines.push(if w.as_stored == w.if_edited {
        Line::from(Span::styled(
            "= the end state happens to match, but replay would now rebuild a past that never happened",
            t.warn(),
        ))
    } else {
        Line::from(Span::styled(
            "≠ the replays diverge: rebuilt state no longer matches what happened",
            t.bad(),
        ))
    });
    lines.push(Line::from(Span::styled(
        "Mistakes are fixed by appending a correcting event; the store never rewrites history.",
        t.dim(),
    )));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn effect(frame: &mut Frame, area: Rect, app: &App, view: &LabView) {
    let t = app.theme;
    let mut lines = vec![Line::from(Span::styled(
        "Your code on this store",
        t.heading(),
    ))];
    if let Some(outcome) = &view.effect {
        lines.push(Line::from(Span::styled(outcome.title.clone(), t.bold())));
        if outcome.lines.is_empty() {
            lines.push(Line::from(Span::styled("(nothing)", t.dim())));
        }
        for l in &outcome.lines {
            lines.push(Line::from(Span::raw(format!("  {l}"))));
        }
        if let Some(note) = &outcome.note {
            lines.push(Line::from(Span::styled(format!("! {note}"), t.warn())));
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
