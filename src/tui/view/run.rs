//! A session's screen: an exercise with its blanks and option pool, or a
//! question with its options, and after answering the worked solution laid
//! out the way the practice page does.

use super::bar;
use super::home::clock;
use crate::content::{CodePiece, Exercise, Item, Question, letter};
use crate::practice::{Mode, Outcome, short_number};
use crate::tui::action::{Button, Target};
use crate::tui::app::{App, FrameInfo, Run};
use crate::tui::flow::{Atom, Doc, DocHit};
use crate::tui::syntax::{self, Kind};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

pub fn header(frame: &mut Frame, area: Rect, app: &App, run: &Run, info: &mut FrameInfo) {
    let t = app.theme;
    let topic = &app.catalog.topics[run.topic];
    let mode = match run.mode() {
        Mode::Practice => "Practice",
        Mode::Quiz => "Quiz",
        Mode::Test if run.session.is_over() => "Test review",
        Mode::Test => "Test",
        Mode::Review => "Review",
        Mode::Due => "Due review",
        Mode::Exam if run.session.is_over() => "Exam review",
        Mode::Exam => "Exam",
    };
    let right = if run.session.is_empty() {
        String::new()
    } else {
        let item = run.session.current();
        let noun = match item {
            Item::Exercise(_) => "Task",
            Item::Question(_) => "Question",
            Item::Kata(_) => "Kata",
        };
        format!(
            "{noun} {}/{} · {}",
            run.session.index() + 1,
            run.session.len(),
            item.difficulty()
        )
    };
    bar(
        frame,
        area,
        app,
        &format!("kata · {} · {mode}", topic.title),
        &right,
    );

    // Row two: one cell per item, clickable; the test keeps right and wrong hidden until it ends.
    let hidden = !run.session.marks_shown();
    let mut spans = vec![Span::raw(" ")];
    let mut x = area.x + 1;
    let row = area.y + 1;
    for (i, state) in run.session.states().iter().enumerate() {
        let (mark, style) = match state.outcome {
            Outcome::Open => ("·", t.dim()),
            _ if hidden => ("•", t.bold()),
            Outcome::Solved { .. } => ("✓", t.ok()),
            Outcome::Failed => ("✗", t.bad()),
        };
        // The current item is always ▶, answered or not: where you are
        // matters more here than a mark its own screen shows anyway.
        let (mark, style) = if i == run.session.index() {
            ("▶", t.selected())
        } else {
            (mark, style)
        };
        if x + 2 >= area.x + area.width.saturating_sub(24) {
            break;
        }
        spans.push(Span::styled(mark, style));
        spans.push(Span::raw(" "));
        info.hits.push((Rect::new(x, row, 1, 1), Target::Item(i)));
        x += 2;
    }
    let mut right = Vec::new();
    if hidden {
        right.push(format!(
            "answered {}/{}",
            run.finished_count(),
            run.session.len()
        ));
    } else {
        right.push(format!("score {}", run.session.score()));
    }
    if let Some(countdown) = run.countdown
        && !run.session.is_over()
    {
        right.push(format!(
            "time {} left",
            clock(countdown.remaining.as_secs())
        ));
    }
    let right = right.join(" · ");
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let pad = (area.width as usize).saturating_sub(used + right.width() + 1);
    spans.push(Span::raw(" ".repeat(pad)));
    let low_time = run
        .countdown
        .is_some_and(|c| c.remaining.as_secs() < 60 && !run.session.is_over());
    spans.push(Span::styled(
        right,
        if low_time { t.bad() } else { t.dim() },
    ));
    frame.render_widget(
        Paragraph::new(Line::from(spans)),
        Rect::new(area.x, row, area.width, 1),
    );
}

pub fn doc(app: &App, run: &Run, width: u16) -> Doc {
    let mut doc = Doc::new(width);
    doc.blank();
    if run.session.is_empty() {
        doc.text("Nothing to practise here.", app.theme.plain(), 0);
        return doc;
    }
    match run.session.current() {
        Item::Exercise(e) => exercise(&mut doc, app, run, e),
        Item::Question(q) if q.is_choose_all() => {
            super::choose_all::question(&mut doc, app, run, q)
        }
        Item::Question(q) => question(&mut doc, app, run, q),
        // A kata has panes of its own (its editor): see `view::kata`.
        Item::Kata(k) => doc.text(&k.prompt, app.theme.bold(), 0),
    }
    doc
}

fn exercise(doc: &mut Doc, app: &App, run: &Run, e: &Exercise) {
    let t = app.theme;
    let index = run.session.index();
    let state = run.session.current_state();
    let answering = run.answering();
    let last = state.attempts.last();
    let focus_start = doc.len();
    doc.text(&e.prompt, t.bold(), 0);
    doc.blank();

    // The code, with the blanks as numbered slots.
    if let Some(lang) = &e.lang {
        doc.line(Span::styled(format!("  {lang}"), t.dim()));
    }
    let mut atoms = Vec::new();
    for piece in &e.code {
        match piece {
            CodePiece::Text(text) => {
                for (run_text, kind) in syntax::runs(text, e.lang.as_deref()) {
                    atoms.push(Atom::new(run_text, code_style(t, kind)));
                }
            }
            CodePiece::Blank(b) if e.is_typed() => {
                let current = answering && *b == run.blank;
                atoms.push(super::typed::blank(t, state, *b, current));
            }
            CodePiece::Blank(b) => {
                let chosen = state.chosen.get(*b).copied().flatten();
                // A mark from the last try stays while the blank holds what was tried.
                let mark = last.and_then(|a| {
                    let tried = a.chosen.get(*b).copied();
                    let right = a.marks.get(*b).copied()?;
                    (chosen == tried || (!right && chosen.is_none())).then_some(right)
                });
                let text = chosen.map(|o| e.options[o].as_str()).unwrap_or("____");
                // ⟦ ⟧, not [ ]: `event[1 ____]` read like Python indexing.
                let label = match mark {
                    Some(true) => format!("⟦{} {text} ✓⟧", b + 1),
                    Some(false) => format!("⟦{} {text} ✗⟧", b + 1),
                    None => format!("⟦{} {text}⟧", b + 1),
                };
                let hovered = run.drag.is_some() && run.hover == Some(Target::Blank(*b));
                let style = if (answering && *b == run.blank) || hovered {
                    t.selected()
                } else {
                    match mark {
                        Some(true) => t.ok(),
                        Some(false) => t.bad(),
                        None if chosen.is_some() => t.slot(),
                        None => t.slot_empty(),
                    }
                };
                atoms.push(Atom::target(label, style, Target::Blank(*b)));
            }
        }
    }
    code_block(doc, t, atoms);
    doc.blank();

    // The option pool (a typed exercise has none: the learner types).
    if e.is_typed() {
        super::typed::how_to(doc, t, answering);
    } else if answering {
        doc.line(Span::styled(
            "Drag options to blanks, or click blank then click option",
            t.dim(),
        ));
    } else {
        doc.line(Span::styled("Options", t.dim()));
    }
    if !e.is_typed() {
        option_grid(doc, app, run, e);
    }
    doc.blank();

    let left = run.session.attempts_left(index);
    let used = state.attempts.len();
    let mut spans = vec![
        Span::styled("Attempts: ", t.bold()),
        Span::raw(if answering {
            format!("{left} left")
        } else {
            format!("{used} of {} used", run.session.tries_allowed(index))
        }),
    ];
    let mut buttons: Vec<(&str, Button)> = Vec::new();
    if answering {
        buttons.push(("[ Check ]", Button::Check));
        if !state.hint_shown && run.session.hints_allowed() {
            buttons.push(("[ Hint ]", Button::Hint));
        }
    } else {
        buttons.push(("[ Next ▸ ]", Button::Next));
    }
    button_row(doc, t, &mut spans, &buttons);
    if answering {
        super::confidence::prompt(doc, app, run);
    }
    let mut focus_end = doc.len();

    if state.hint_shown || (!answering && run.reveal()) {
        doc.blank();
        doc.flow(
            0,
            2,
            vec![Atom::new("Hint: ", t.warn()), Atom::new(&*e.hint, t.hint())],
        );
        focus_end = doc.len();
    }

    if let Some(attempt) = last {
        doc.blank();
        let result_start = doc.len();
        let tries = run.session.tries_allowed(index);
        match state.outcome {
            Outcome::Solved { on_try } => {
                let points = run.session.points(index);
                let weight = e.difficulty.weight();
                doc.flow(
                    0,
                    2,
                    vec![
                        Atom::new("✓ Solved", t.ok()),
                        Atom::new(
                            format!(
                                " on try {on_try} of {tries} — {} of {weight} point{}{}.",
                                short_number(points),
                                if weight == 1 { "" } else { "s" },
                                if state.hint_shown { " (hint used)" } else { "" }
                            ),
                            t.plain(),
                        ),
                    ],
                );
            }
            Outcome::Failed => {
                doc.flow(
                    0,
                    2,
                    vec![
                        Atom::new("✗ Out of attempts", t.bad()),
                        Atom::new(" — here is the worked solution.", t.plain()),
                    ],
                );
            }
            Outcome::Open => {
                let right = attempt.marks.iter().filter(|&&m| m).count();
                doc.flow(
                    0,
                    2,
                    vec![
                        Atom::new("✗ Not yet", t.bad()),
                        Atom::new(
                            format!(
                                ": {right} of {} blank{} right — {left} attempt{} left.",
                                attempt.marks.len(),
                                if attempt.marks.len() == 1 { "" } else { "s" },
                                if left == 1 { "" } else { "s" },
                            ),
                            t.plain(),
                        ),
                    ],
                );
            }
        }
        // Per blank: what was tried, right or wrong, and why when the author said.
        if e.is_typed() && state.outcome != (Outcome::Solved { on_try: 1 }) {
            super::typed::tried(doc, t, e, attempt);
        } else if state.outcome != (Outcome::Solved { on_try: 1 }) {
            for (b, (&chosen, &right)) in attempt.chosen.iter().zip(&attempt.marks).enumerate() {
                let (mark, style) = if right {
                    ("✓", t.ok())
                } else {
                    ("✗", t.bad())
                };
                let mut atoms = vec![
                    Atom::new(format!("{mark} [{}] ", b + 1), style),
                    Atom::new(
                        format!("{} {}", letter(chosen), e.options[chosen]),
                        t.bold(),
                    ),
                ];
                if !right && let Some(why) = e.feedback_for(b, chosen) {
                    atoms.push(Atom::new(format!(" — {why}"), t.plain()));
                }
                doc.flow(2, 10, atoms);
            }
        }
        if let Some(outcome) = run.ran.get(index).and_then(Option::as_ref) {
            super::ran::outcome(doc, t, outcome);
        }
        super::confidence::mark(doc, app, run);
        super::upcoming::next_review(doc, app, run);
        if answering {
            mistakes(doc, t, &e.mistakes);
        }
        focus_end = doc.len();
        if run.reveal() {
            if !e.steps.is_empty() {
                doc.blank();
                doc.line(Span::styled("Worked solution", t.heading()));
                for (n, step) in e.steps.iter().enumerate() {
                    doc.flow_after(
                        vec![Span::styled(format!("  {}. ", n + 1), t.bold())],
                        vec![Atom::new(step.as_str(), t.plain())],
                    );
                }
            }
            doc.blank();
            doc.line(Span::styled("Completed code", t.heading()));
            let mut atoms = Vec::new();
            let solved = e.solved_code();
            for (run_text, kind) in syntax::runs(&solved, e.lang.as_deref()) {
                atoms.push(Atom::new(run_text, code_style(t, kind)));
            }
            code_block(doc, t, atoms);
            super::typed::also_accepted(doc, t, e);
            mistakes(doc, t, &e.mistakes);
        }
        doc.focus = Some(result_start..focus_end.max(result_start + 1));
    } else {
        doc.focus = Some(focus_start..focus_end);
    }
}

pub(super) fn code_style(t: Theme, kind: Kind) -> Style {
    match kind {
        Kind::Plain => t.plain(),
        Kind::Keyword => t.keyword(),
        Kind::Str => t.string(),
        Kind::Number => t.number(),
        Kind::Comment => t.comment(),
    }
}

/// Code behind a gutter bar, each source line wrapped on its own.
pub(super) fn code_block(doc: &mut Doc, t: Theme, atoms: Vec<Atom>) {
    let start = doc.len();
    // Leading and trailing newlines of a snippet are layout, not code.
    let mut atoms = atoms;
    while let Some(first) = atoms.first_mut() {
        if first.target.is_none() && first.text.starts_with('\n') {
            first.text.remove(0);
            if first.text.is_empty() {
                atoms.remove(0);
            }
        } else {
            break;
        }
    }
    doc.flow(4, 6, atoms);
    for line in &mut doc.lines[start..] {
        // The flow's indent is one span: 4 spaces starts a source line, 6 a
        // wrapped part of one. A wrapped part is marked ↪, so its indent is
        // never read as Python's.
        let Some(first) = line.spans.first_mut() else {
            continue;
        };
        let wrapped = first.content == "      ";
        if wrapped || first.content.starts_with("    ") {
            let rest = if wrapped {
                String::new()
            } else {
                first.content[4..].to_string()
            };
            let style = first.style;
            *first = Span::styled(rest, style);
            line.spans.insert(0, Span::styled("  ▎ ", t.gutter()));
            if wrapped {
                line.spans.insert(1, Span::styled("↪ ", t.dim()));
            }
        }
    }
}

fn option_grid(doc: &mut Doc, app: &App, run: &Run, e: &Exercise) {
    let t = app.theme;
    let state = run.session.current_state();
    let answering = run.answering();
    let cells: Vec<String> = e
        .options
        .iter()
        .enumerate()
        .map(|(i, text)| format!("{}  {text}", letter(i)))
        .collect();
    let cell_width = cells.iter().map(|c| c.width()).max().unwrap_or(1) + 8;
    let usable = (doc.width as usize).saturating_sub(2);
    let columns = (usable / cell_width).clamp(1, cells.len().max(1));
    for row in cells.chunks(columns).enumerate() {
        let (r, row_cells) = row;
        let mut spans = vec![Span::raw("  ")];
        let mut x = 2u16;
        let line = doc.len();
        for (c, cell) in row_cells.iter().enumerate() {
            let i = r * columns + c;
            let used_in: Vec<String> = state
                .chosen
                .iter()
                .enumerate()
                .filter(|(_, o)| **o == Some(i))
                .map(|(b, _)| format!("[{}]", b + 1))
                .collect();
            let highlighted = answering && (run.cursor == Some(i) || run.drag == Some(i));
            let marker = if highlighted { "▶ " } else { "  " };
            spans.push(Span::styled(marker, t.key()));
            let cell_style = if highlighted { t.selected() } else { t.plain() };
            spans.push(Span::styled(
                format!("{}", letter(i)),
                t.key().patch(cell_style),
            ));
            spans.push(Span::styled(cell[1..].to_string(), cell_style));
            let tag = if used_in.is_empty() {
                String::new()
            } else {
                format!(" {}", used_in.join(""))
            };
            spans.push(Span::styled(tag.clone(), t.dim()));
            let width = 2 + cell.width() + tag.width();
            doc.hits.push(DocHit {
                line,
                x,
                width: width as u16,
                target: Target::Option(i),
            });
            let pad = cell_width.saturating_sub(width);
            if c + 1 < row_cells.len() {
                spans.push(Span::raw(" ".repeat(pad)));
            }
            x += (width + pad) as u16;
        }
        doc.line(Line::from(spans));
    }
}

pub(super) fn button_row(
    doc: &mut Doc,
    t: Theme,
    spans: &mut Vec<Span<'static>>,
    buttons: &[(&str, Button)],
) {
    let line = doc.len();
    let mut x: u16 = spans.iter().map(|s| s.width() as u16).sum();
    for (label, action) in buttons {
        spans.push(Span::raw("   "));
        x += 3;
        let width = label.width() as u16;
        if x + width <= doc.width {
            doc.hits.push(DocHit {
                line,
                x,
                width,
                target: Target::Button(*action),
            });
        }
        spans.push(Span::styled(label.to_string(), t.key()));
        x += width;
    }
    doc.line(Line::from(std::mem::take(spans)));
}

fn mistakes(doc: &mut Doc, t: Theme, mistakes: &[String]) {
    if mistakes.is_empty() {
        return;
    }
    doc.blank();
    doc.line(Span::styled("Common mistakes", t.heading()));
    for m in mistakes {
        doc.flow_after(
            vec![Span::raw("  • ")],
            vec![Atom::new(m.as_str(), t.plain())],
        );
    }
}

fn question(doc: &mut Doc, app: &App, run: &Run, q: &Question) {
    let t = app.theme;
    let index = run.session.index();
    let state = run.session.current_state();
    let answering = run.answering();
    let reveal = run.reveal();
    // In a test a choice waits for Enter or → before it is the answer.
    let pending = state.attempts.is_empty() && run.mode().is_scored();
    let chosen = state
        .attempts
        .last()
        .and_then(|a| a.chosen.first().copied())
        .or_else(|| state.chosen.first().copied().flatten().filter(|_| pending));
    let focus_start = doc.len();
    doc.text(q.prompt.trim_start_matches('\n'), t.bold(), 0);
    doc.blank();
    for (i, option) in q.options.iter().enumerate() {
        let cursor = answering && run.cursor == Some(i);
        let right = i == q.answer;
        let (marker, style) = if cursor {
            ("▶ ", t.selected())
        } else if reveal && right {
            ("✓ ", t.ok())
        } else if reveal && chosen == Some(i) {
            ("✗ ", t.bad())
        } else if chosen == Some(i) {
            ("• ", t.bold())
        } else {
            ("  ", t.plain())
        };
        let marker_style = if reveal && right {
            t.ok()
        } else if reveal && chosen == Some(i) {
            t.bad()
        } else {
            t.key()
        };
        let start = doc.len();
        let mut atoms = vec![Atom::new(option.as_str(), style)];
        if chosen == Some(i) {
            atoms.push(Atom::new(
                if pending {
                    "  ← your choice: Enter or → confirms"
                } else {
                    "  ← your answer"
                },
                t.dim(),
            ));
        }
        doc.flow_after(
            vec![
                Span::styled(marker, marker_style),
                Span::styled(format!("{}", letter(i)), t.key().patch(style)),
                Span::styled(".  ", style),
            ],
            atoms,
        );
        option_hits(doc, start, i);
    }
    doc.blank();
    let mut focus_end = doc.len();
    if answering {
        open_question_footer(
            doc,
            app,
            run,
            q,
            Vec::new(),
            "Stuck?",
            Some("One try per question; solutions at the end."),
        );
        focus_end = doc.len();
        doc.focus = Some(focus_start..focus_end);
        return;
    }
    let result_start = doc.len();
    if !reveal {
        doc.text(
            "Answer recorded. Right or wrong, and the solution, show when the test ends.",
            t.dim(),
            0,
        );
        doc.focus = Some(focus_start..doc.len());
        return;
    }
    match (state.outcome, chosen) {
        (Outcome::Solved { .. }, _) => {
            let points = run.session.points(index);
            let weight = q.difficulty.weight();
            doc.flow(
                0,
                2,
                vec![
                    Atom::new("✓ Correct", t.ok()),
                    Atom::new(
                        format!(
                            " — {} of {weight} point{}{}.",
                            short_number(points),
                            if weight == 1 { "" } else { "s" },
                            if state.hint_shown { " (hint used)" } else { "" }
                        ),
                        t.plain(),
                    ),
                ],
            );
        }
        (_, Some(c)) => {
            doc.flow(
                0,
                2,
                vec![
                    Atom::new("✗ Not quite", t.bad()),
                    Atom::new(
                        format!(
                            ": you chose {}, the answer is {}.",
                            letter(c),
                            q.answer_letter()
                        ),
                        t.plain(),
                    ),
                ],
            );
            if let Some(why) = q.feedback.get(&c) {
                doc.text(why, t.plain(), 2);
            }
        }
        (_, None) => {
            doc.flow(
                0,
                2,
                vec![
                    Atom::new("✗ Not answered", t.bad()),
                    Atom::new(format!(": the answer is {}.", q.answer_letter()), t.plain()),
                ],
            );
        }
    }
    super::confidence::mark(doc, app, run);
    super::upcoming::next_review(doc, app, run);
    focus_end = focus_end.max(doc.len());
    solution(
        doc,
        t,
        q,
        vec![
            Atom::new(q.options[q.answer].as_str(), t.plain()),
            Atom::new(format!(" → Option {}", q.answer_letter()), t.ok()),
        ],
    );
    doc.focus = Some(result_start..focus_end);
}

/// Make lines `from..` of `doc` a click on option `option`.
pub(super) fn option_hits(doc: &mut Doc, from: usize, option: usize) {
    for line in from..doc.len() {
        doc.hits.push(DocHit {
            line,
            x: 0,
            width: doc.width,
            target: Target::Option(option),
        });
    }
}

/// Under an open question's options: `spans` (what the keys do), Hint while
/// hints are allowed (after `stuck`), Skip in a test (after `test_note`),
/// the confidence prompt, and the hint once it is shown.
pub(super) fn open_question_footer(
    doc: &mut Doc,
    app: &App,
    run: &Run,
    q: &Question,
    mut spans: Vec<Span<'static>>,
    stuck: &'static str,
    test_note: Option<&'static str>,
) {
    let t = app.theme;
    let state = run.session.current_state();
    let mut buttons: Vec<(&str, Button)> = Vec::new();
    if run.session.hints_allowed() && !state.hint_shown {
        spans.push(Span::styled(stuck, t.dim()));
        buttons.push(("[ Hint ]", Button::Hint));
    }
    if run.mode().is_scored() {
        if let Some(note) = test_note {
            spans.push(Span::styled(note, t.dim()));
        }
        buttons.push(("[ Skip ▸ ]", Button::Next));
    }
    button_row(doc, t, &mut spans, &buttons);
    super::confidence::prompt(doc, app, run);
    if state.hint_shown {
        doc.flow(
            0,
            2,
            vec![Atom::new("Hint: ", t.warn()), Atom::new(&*q.hint, t.hint())],
        );
    }
}

/// A question's solution: its steps, the final answer (`final_answer`),
/// the quick check, the hint and the common mistakes, then Next.
pub(super) fn solution(doc: &mut Doc, t: Theme, q: &Question, final_answer: Vec<Atom>) {
    doc.blank();
    doc.line(Span::styled("Solution", t.heading()));
    let mut n = 0;
    for step in &q.steps {
        n += 1;
        let (title, body) = split_step(step);
        match title {
            Some(title) => {
                doc.flow_after(
                    vec![Span::styled(format!("  {n}. "), t.bold())],
                    vec![Atom::new(format!("Step {n}: {title}"), t.bold())],
                );
                doc.text(body, t.plain(), 5);
            }
            None => doc.flow_after(
                vec![Span::styled(format!("  {n}. "), t.bold())],
                vec![Atom::new(body, t.plain())],
            ),
        }
    }
    n += 1;
    doc.flow_after(
        vec![Span::styled(format!("  {n}. "), t.bold())],
        vec![Atom::new("Final answer:", t.bold())],
    );
    doc.flow(5, 5, final_answer);
    if let Some(check) = &q.quick_check {
        n += 1;
        doc.flow_after(
            vec![Span::styled(format!("  {n}. "), t.bold())],
            vec![Atom::new("Quick check:", t.bold())],
        );
        doc.flow(
            5,
            5,
            vec![
                Atom::new(check.as_str(), t.plain()),
                Atom::new(" ✓", t.ok()),
            ],
        );
    }
    doc.blank();
    doc.flow(
        0,
        2,
        vec![Atom::new("Hint: ", t.warn()), Atom::new(&*q.hint, t.hint())],
    );
    mistakes(doc, t, &q.mistakes);
    doc.blank();
    let mut spans = vec![];
    button_row(doc, t, &mut spans, &[("[ Next ▸ ]", Button::Next)]);
}

/// `"Understand the role: An event store…"` → a short title and the text.
fn split_step(step: &str) -> (Option<&str>, &str) {
    if let Some((title, body)) = step.split_once(": ") {
        let title = title.trim();
        if !title.is_empty() && title.chars().count() <= 60 && !title.contains(['.', '"', '(']) {
            return (Some(title), body.trim());
        }
    }
    (None, step)
}

#[cfg(test)]
mod tests {
    use super::split_step;

    #[test]
    fn a_step_splits_at_its_short_title() {
        assert_eq!(
            split_step("Replay events in order: First event creates user Alice."),
            (
                Some("Replay events in order"),
                "First event creates user Alice."
            )
        );
        assert_eq!(
            split_step("== keeps the events whose type equals 'OrderPlaced'."),
            (None, "== keeps the events whose type equals 'OrderPlaced'.")
        );
    }
}
