//! The replay lab: the scenario list, a build's progress bar, and the lab
//! itself — a virtual timeline on the left (only visible rows are read from
//! the store), the state tree or a lesson on the right, and a status line
//! saying how the state was reached.

use super::bar;
use crate::replay::Timeline;
use crate::replay::rebuild::group;
use crate::store::{Change, ChangeKind, Value};
use crate::tui::action::Target;
use crate::tui::app::{App, FrameInfo};
use crate::tui::flow::{Atom, Doc, ellipsize};
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
        Phase::Pick { cursor, predict } => {
            let title = if *predict {
                "kata · Predict · choose a scenario"
            } else {
                "kata · Replay lab"
            };
            bar(frame, header, app, title, "? help");
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
            ready(frame, body, app, view, info);
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
        // The count the lab will show: events stored, and appends refused.
        let (count, refused) = crate::replay::stored_and_refused(s);
        let refused = match refused {
            0 => String::new(),
            1 => " · 1 append refused".to_string(),
            n => format!(" · {n} appends refused"),
        };
        let text = ellipsize(
            &format!(
                "{} · {} event{}{refused}",
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

fn ready(frame: &mut Frame, body: Rect, app: &App, view: &LabView, info: &mut FrameInfo) {
    let t = app.theme;
    let tl = &view.timeline;
    if body.height < 6 {
        return;
    }
    if let Some(about) = &tl.about {
        let about = ellipsize(about, body.width as usize);
        frame.render_widget(
            Paragraph::new(Span::styled(about, t.dim())),
            Rect { height: 1, ..body },
        );
    }
    // The note (a warning, a refusal, the end of the log) wraps onto as many
    // rows as it needs, up to three: the store's reason is never cut.
    let mut note = Doc::new(body.width);
    note_doc(&mut note, app, view);
    let note_rows = (note.len() as u16).min(3);
    let main_h = body.height.saturating_sub(2 + note_rows);
    let main = Rect::new(body.x, body.y + 1, body.width, main_h);
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
    let mut doc = Doc::new(right.width);
    match view.pane {
        Pane::State => state(&mut doc, app, tl),
        Pane::Snapshots => snapshots(&mut doc, app, view),
        Pane::Immutability => immutability(&mut doc, app, view),
        Pane::Effect => effect(&mut doc, app, view),
        Pane::Predict => match &view.predict {
            Some(predict) => super::predict::panel(&mut doc, app, view, predict),
            None => state(&mut doc, app, tl),
        },
    }
    show_panel(frame, right, app, &doc, info);
    let note_area = Rect::new(body.x, main.y + main.height, body.width, note_rows);
    let end = note.len().min(note_rows as usize);
    frame.render_widget(Paragraph::new(note.lines[..end].to_vec()), note_area);
    let status_row = Rect::new(body.x, body.y + body.height - 1, body.width, 1);
    let status = ellipsize(&status_text(view), body.width as usize);
    frame.render_widget(Paragraph::new(Span::styled(status, t.bold())), status_row);
}

/// The visible part of a panel: it follows the panel's focus (the changed
/// entity) until the learner scrolls with PgUp/PgDn or the wheel, which the
/// app's scroll keys do through the frame facts recorded here.
fn show_panel(frame: &mut Frame, area: Rect, app: &App, doc: &Doc, info: &mut FrameInfo) {
    let height = area.height as usize;
    let max = doc.len().saturating_sub(height);
    let scroll = if app.follow {
        doc.focus
            .as_ref()
            .map_or(0, |f| f.start.saturating_sub(1))
            .min(max)
    } else {
        (app.scroll as usize).min(max)
    };
    let end = (scroll + height).min(doc.len());
    frame.render_widget(Paragraph::new(doc.lines[scroll..end].to_vec()), area);
    // Predict's outcomes are clickable.
    super::push_hits(doc, area, scroll..end, info);
    info.scroll = scroll as u16;
    info.body_height = area.height;
    info.doc_len = doc.len().min(u16::MAX as usize) as u16;
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
    let place = match tl.reached() {
        None => format!("start · no event applied of {len}"),
        Some(rebuild) => format!("position {} of {len} · {rebuild}", group(rebuild.position)),
    };
    let play = if view.playing {
        "▶ playing"
    } else {
        "⏸ paused"
    };
    format!("{place} · {play} · {}/s", group(SPEEDS[view.speed]))
}

fn note_doc(doc: &mut Doc, app: &App, view: &LabView) {
    let t = app.theme;
    let tl = &view.timeline;
    if let Some(w) = tl.warning() {
        doc.flow_after(
            vec![Span::styled("! warning ", t.warn())],
            vec![Atom::new(w.to_string(), t.warn())],
        );
        return;
    }
    let cursor = tl.cursor();
    // While Predict asks about a refused append, its refusal is the answer.
    let asked = match view.predict.as_ref().and_then(|p| p.ask.as_ref()) {
        Some(ask) => match ask.step {
            crate::replay::prediction::Step::Refusal(n) => n,
            crate::replay::prediction::Step::Event(_) => usize::MAX,
        },
        None => usize::MAX,
    };
    if let Some(r) = tl
        .refusals()
        .iter()
        .take(asked)
        .rev()
        .find(|r| r.after <= cursor)
    {
        let who = r.writer.as_deref().unwrap_or("a writer");
        doc.flow_after(
            vec![Span::styled("✗ refused ", t.bad())],
            vec![Atom::new(
                format!("{who}'s {} on {}: {}", r.event_type, r.stream, r.reason),
                t.plain(),
            )],
        );
        return;
    }
    if cursor > 0 && cursor >= tl.len() && !view.playing && !crate::tui::predict::asking(view) {
        doc.text(
            "■ End of the log: every event is applied. Space plays again from the start; g goes to the start.",
            t.dim(),
            0,
        );
    }
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
    let refused = match tl.refusals().len() {
        0 => String::new(),
        1 => " · 1 append refused".to_string(),
        n => format!(" · {n} appends refused"),
    };
    lines.push(Line::from(Span::styled(
        ellipsize(
            &format!("Events ({}){refused}{snapshots}", group(tl.len())),
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
            "{:>digits$} {}",
            group(position),
            crate::replay::row(tl, &event)
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

/// At most this many entities go into the state panel, starting just above
/// the changed one: a big state scrolls through a window, not every entity.
const STATE_WINDOW: usize = 2_000;

/// The state as a tree: entities and their fields, with what the current
/// event added (+), changed (~) or removed (−). The changed entity is the
/// panel's focus.
pub(super) fn state(doc: &mut Doc, app: &App, tl: &Timeline) {
    let t = app.theme;
    let st = tl.state();
    let changes = tl.changes();
    let count = st.len();
    doc.text(
        &format!(
            "State · {} entit{}",
            group(count as u64),
            if count == 1 { "y" } else { "ies" }
        ),
        t.heading(),
        0,
    );
    let changed_key = changes.first().map(|c| c.key.clone());
    let style_of = |kind: ChangeKind| match kind {
        ChangeKind::Added => t.ok(),
        ChangeKind::Changed => t.hint(),
        ChangeKind::Removed => t.bad(),
    };
    let field_change = |field: crate::store::Name| -> Option<&Change> {
        changes.iter().find(|c| c.field == Some(field))
    };
    let entity_removed = changes
        .iter()
        .any(|c| c.field.is_none() && c.kind == ChangeKind::Removed);
    // A removed entity is no longer in the state: show what left first.
    if let Some(removed) = changes
        .iter()
        .find(|c| c.field.is_none() && c.kind == ChangeKind::Removed)
    {
        let start = doc.len();
        doc.text(
            &format!("− {} (deleted)", key_text(removed.key.as_ref())),
            t.bad(),
            0,
        );
        for c in changes.iter().filter(|c| c.field.is_some()) {
            doc.text(
                &format!(
                    "− {} = {}",
                    c.field.map(|f| f.as_str()).unwrap_or(""),
                    c.before.as_ref().map(Value::to_string).unwrap_or_default()
                ),
                t.bad(),
                2,
            );
        }
        doc.focus = Some(start..doc.len());
    }
    let skip = match &changed_key {
        Some(key) => st
            .entities()
            .position(|(k, _)| k == key.as_ref())
            .unwrap_or(0)
            .saturating_sub(STATE_WINDOW / 2),
        None => 0,
    };
    if skip > 0 {
        doc.text(&format!("… {} more above", group(skip as u64)), t.dim(), 2);
    }
    let mut shown = skip;
    for (key, fields) in st.entities().skip(skip).take(STATE_WINDOW) {
        shown += 1;
        let this = changed_key.as_ref().is_some_and(|k| k.as_ref() == key);
        let start = doc.len();
        let entity_change = changes
            .iter()
            .find(|c| this && c.field.is_none() && c.kind == ChangeKind::Added);
        let (m, style) = match entity_change {
            Some(c) => (mark(c.kind), style_of(c.kind)),
            None => (" ", t.bold()),
        };
        doc.text(&format!("{m} {}", key_text(key)), style, 0);
        for (name, value) in fields.iter() {
            let change = if this { field_change(name) } else { None };
            let text = match change {
                Some(c) if c.kind == ChangeKind::Changed => format!(
                    "~ {name} = {value}  (was {})",
                    c.before.as_ref().map(Value::to_string).unwrap_or_default()
                ),
                Some(c) => format!("{} {name} = {value}", mark(c.kind)),
                None => format!("  {name} = {value}"),
            };
            let style = change.map_or(t.plain(), |c| style_of(c.kind));
            doc.text(&text, style, 2);
        }
        if this && !entity_removed {
            for c in changes
                .iter()
                .filter(|c| c.kind == ChangeKind::Removed && c.field.is_some())
            {
                doc.text(
                    &format!(
                        "− {} (was {})",
                        c.field.map(|f| f.as_str()).unwrap_or(""),
                        c.before.as_ref().map(Value::to_string).unwrap_or_default()
                    ),
                    t.bad(),
                    2,
                );
            }
        }
        if this {
            doc.focus = Some(start..doc.len());
        }
    }
    if count == 0 {
        let empty = match tl.cursor() {
            0 => "(empty: no event applied yet)",
            _ => "(empty: no entity is left)",
        };
        doc.text(empty, t.dim(), 0);
    } else if shown < count {
        doc.text(
            &format!("… {} more", group((count - shown) as u64)),
            t.dim(),
            2,
        );
    }
}

fn duration(d: Duration) -> String {
    let micros = d.as_secs_f64() * 1e6;
    if micros < 1000.0 {
        format!("{micros:.0} µs")
    } else {
        format!("{:.1} ms", micros / 1000.0)
    }
}

fn snapshots(doc: &mut Doc, app: &App, view: &LabView) {
    let t = app.theme;
    let tl = &view.timeline;
    doc.text("Snapshot lesson", t.heading(), 0);
    let Some(c) = &view.comparison else {
        doc.text("Press s to compare the two replays here.", t.plain(), 0);
        return;
    };
    let width = doc.width as usize;
    let label_w = 8;
    let col = width.saturating_sub(label_w + 1) / 2;
    let row = |label: &str, a: String, b: String, style: Style| {
        Line::from(vec![
            Span::styled(format!("{:<label_w$}", ellipsize(label, label_w)), t.dim()),
            Span::styled(format!("{:<col$}", ellipsize(&a, col)), style),
            Span::styled(ellipsize(&b, col), style),
        ])
    };
    doc.text(
        &format!(
            "To position {} of {}: {}.",
            group(c.rebuild.position),
            group(tl.len()),
            c.rebuild
        ),
        t.plain(),
        0,
    );
    doc.blank();
    match (c.rebuild.snapshot, c.snapshot_time) {
        (Some(s), Some(snapshot_time)) => {
            doc.line(row(
                "",
                "full".into(),
                format!("from @{}", group(s)),
                t.bold(),
            ));
            doc.line(row(
                "events",
                group(c.full_events),
                group(c.rebuild.events),
                t.plain(),
            ));
            doc.line(row(
                "time",
                duration(c.full_time),
                duration(snapshot_time),
                t.plain(),
            ));
            doc.text(
                &format!(
                    "Each time is the median of {} runs of the same rebuild.",
                    c.runs
                ),
                t.dim(),
                0,
            );
        }
        _ => {
            doc.text(
                &format!(
                    "No snapshot applies here: a rebuild to position {} is a full replay of {} events, {} (median of {} runs).",
                    group(c.rebuild.position),
                    group(c.full_events),
                    duration(c.full_time),
                    c.runs
                ),
                t.plain(),
                0,
            );
        }
    }
    doc.blank();
    if c.equal {
        doc.text("✓ equal: both replays build the same state", t.ok(), 0);
    } else {
        doc.text("✗ the states differ", t.bad(), 0);
    }
    doc.blank();
    let text = match tl.snapshot_every() {
        0 => "This scenario takes no snapshots: every rebuild reads the whole log.".to_string(),
        n => format!(
            "A snapshot every {} events ({} taken): a rebuild starts from the latest one at or before the position and folds at most {} events, however long the log.",
            group(n),
            group(tl.snapshots().len() as u64),
            group(n - 1)
        ),
    };
    doc.text(&text, t.dim(), 0);
    doc.text("s measures again at the cursor.", t.dim(), 0);
}

fn immutability(doc: &mut Doc, app: &App, view: &LabView) {
    let t = app.theme;
    doc.text("Immutability lesson", t.heading(), 0);
    let Some(w) = &view.what_if else {
        doc.text("Press e to try to edit the current event.", t.plain(), 0);
        return;
    };
    doc.text(
        &format!("Edit event {}: {}", group(w.position), w.edit),
        t.plain(),
        0,
    );
    doc.flow_after(
        vec![Span::styled("stored  ", t.dim())],
        vec![Atom::new(w.stored_row.clone(), t.plain())],
    );
    doc.flow_after(
        vec![Span::styled("edited  ", t.dim())],
        vec![Atom::new(w.edited_row.clone(), t.hint())],
    );
    doc.flow_after(
        vec![Span::styled("✗ store: ", t.bad())],
        vec![Atom::new(w.store_says.clone(), t.plain())],
    );
    doc.blank();
    doc.text(
        "What if it were allowed? Replaying both histories:",
        t.bold(),
        0,
    );
    let differences = |doc: &mut Doc, title: &str, list: &[crate::replay::Difference]| {
        doc.text(title, t.dim(), 0);
        if list.is_empty() {
            doc.text("the same state either way", t.plain(), 2);
        }
        for d in list {
            doc.text(&format!("{}:", d.entity), t.bold(), 2);
            doc.text(&format!("as stored: {}", d.as_stored), t.plain(), 4);
            doc.text(&format!("if edited: {}", d.if_edited), t.hint(), 4);
        }
    };
    differences(
        doc,
        &format!("Right after event {}:", group(w.position)),
        &w.differs_after,
    );
    differences(doc, "After every event:", &w.differs_at_end);
    doc.blank();
    if w.differs_after.is_empty() && w.differs_at_end.is_empty() {
        doc.text(
            "= no edit of this event changes the state (its rule could not apply), yet the log would now say something that never happened",
            t.warn(),
            0,
        );
    } else if w.differs_at_end.is_empty() {
        doc.text(
            "= the end state happens to match, but replay would now rebuild a past that never happened",
            t.warn(),
            0,
        );
    } else {
        doc.text(
            "≠ the replays diverge: rebuilt state no longer matches what happened",
            t.bad(),
            0,
        );
    }
    doc.text(crate::replay::IMMUTABILITY_PROTECTS, t.dim(), 0);
}

fn effect(doc: &mut Doc, app: &App, view: &LabView) {
    let t = app.theme;
    doc.text("Your code on this store", t.heading(), 0);
    if let Some(outcome) = &view.effect {
        doc.text(&outcome.title, t.bold(), 0);
        if outcome.lines.is_empty() {
            doc.text("(nothing)", t.dim(), 0);
        }
        for l in &outcome.lines {
            doc.text(l, t.plain(), 2);
        }
        if let Some(note) = &outcome.note {
            doc.text(&format!("! {note}"), t.warn(), 0);
        }
    }
    doc.text("Tab shows the state and the lessons.", t.dim(), 0);
}
