//! The learner's TUI: practice, quiz and test on a ratatui terminal.
//!
//! Keys and mouse events become [`Action`]s (through the one [`keymap`]),
//! [`update`] changes the [`App`], and [`view::draw`] renders it. The loop is
//! generic over ratatui's `Backend`, so the whole app runs on `TestBackend`.

pub mod action;
pub mod app;
pub mod cards;
pub mod catalog;
mod choose_all;
pub mod exam;
pub mod flow;
pub mod guard;
pub mod kata;
pub mod keymap;
pub mod lab;
mod lab_update;
pub mod learn;
pub mod learner;
pub mod predict;
pub mod preview;
mod ran;
pub mod syntax;
pub mod terminal;
pub mod theme;
mod typed;
pub mod view;

pub use action::{Action, Target};
pub use app::{App, Options, Screen, update};

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{Event, MouseButton, MouseEvent, MouseEventKind};
use std::time::{Duration, Instant};

/// The action an input event means now, or `None` (a resize only redraws).
pub fn action_for_event(app: &App, event: &Event) -> Option<Action> {
    let action = action_for_input(app, event);
    // Behind "enlarge the terminal" only quitting acts (a resize redraws).
    action.filter(|a| !app.frame.too_small || *a == Action::Quit)
}

fn action_for_input(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) => {
            let context = app.context();
            keymap::action_for_in(context, *key, app.option_count(), app.preview.is_some())
                // In a kata's editor and a typed blank every key kata does not claim is typing.
                .or_else(|| {
                    (matches!(context, keymap::Context::KataEdit | keymap::Context::Typed)
                        && key.kind != ratatui::crossterm::event::KeyEventKind::Release)
                        .then_some(Action::EditKey(*key))
                })
        }
        Event::Mouse(mouse) => action_for_mouse(app, mouse),
        _ => None,
    }
}

fn action_for_mouse(app: &App, mouse: &MouseEvent) -> Option<Action> {
    let target = app.frame.target_at(mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => target.map(Action::Press),
        MouseEventKind::Drag(MouseButton::Left) => Some(Action::Drag(target)),
        MouseEventKind::Up(MouseButton::Left) => Some(Action::Release(target)),
        MouseEventKind::ScrollUp => Some(Action::ScrollUp),
        MouseEventKind::ScrollDown => Some(Action::ScrollDown),
        _ => None,
    }
}

/// Draw the app and keep what the frame laid out for hit-testing and scrolling.
pub fn draw<B: Backend>(terminal: &mut Terminal<B>, app: &mut App) -> anyhow::Result<()> {
    let mut info = None;
    {
        // A signal restores the terminal under this lock: no frame can land on
        // the normal screen after the restore (see `terminal::install_hooks`).
        let _screen = terminal::screen_lock();
        // Back from a stop (SIGTSTP, SIGCONT): the screen shows something else now.
        if terminal::take_resumed() {
            terminal
                .clear()
                .map_err(|e| anyhow::anyhow!("cannot draw: {e}"))?;
        }
        terminal
            .draw(|frame| info = Some(view::draw(frame, app)))
            .map_err(|e| anyhow::anyhow!("cannot draw: {e}"))?;
    }
    if let Some(info) = info {
        app.scroll = info.scroll;
        app.follow = false;
        app.frame = info;
    }
    Ok(())
}

/// Where input comes from: the real terminal, or a script in tests.
pub trait Events {
    /// The next event; wait at most `timeout` when one is given. `Ok(None)` = timed out.
    fn next(&mut self, timeout: Option<Duration>) -> anyhow::Result<Option<Event>>;
    /// An event that is already waiting, without blocking.
    fn pending(&mut self) -> anyhow::Result<Option<Event>>;
    /// Give the terminal to another program (the learner's editor) while
    /// `run` runs, then take it back. Scripted input has no terminal to lend.
    fn lend_terminal(&mut self, run: &mut dyn FnMut() -> Result<(), String>) -> Result<(), String> {
        let _ = run;
        Err("there is no terminal here to lend to an editor".into())
    }
}

/// Run until the learner quits: draw, wait for input (or the test clock), update, redraw.
/// Nothing is drawn while nothing happens, so an idle kata uses no CPU.
pub fn run_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut impl Events,
) -> anyhow::Result<()> {
    draw(terminal, app)?;
    while !app.quit {
        let timeout = app
            .deadline()
            .map(|deadline| until_next_second(deadline, Instant::now()));
        match events.next(timeout)? {
            None => update(app, Action::Tick(Instant::now())),
            Some(event) => {
                apply(app, &event);
                // Take whatever queued up meanwhile (a burst of mouse moves) before drawing once.
                while !app.quit
                    && let Some(event) = events.pending()?
                {
                    apply(app, &event);
                }
                if app.deadline().is_some() {
                    update(app, Action::Tick(Instant::now()));
                }
            }
        }
        if kata::run_is_queued(app) {
            draw(terminal, app)?;
            kata::run_queued(app);
        }
        if let Some(file) = kata::take_external(app) {
            let result = events.lend_terminal(&mut || kata::run_editor(&file));
            // The editor drew over everything: the next frame is drawn whole.
            terminal
                .clear()
                .map_err(|e| anyhow::anyhow!("cannot draw: {e}"))?;
            kata::external_done(app, result);
        }
        if !app.quit {
            draw(terminal, app)?;
        }
    }
    Ok(())
}

/// Do what one input event means. A paste is text, not keys: it goes into a
/// kata's editor whole (a pasted `g` must not give the kata up).
pub fn apply(app: &mut App, event: &Event) {
    if let Event::Paste(text) = event {
        kata::paste(app, text);
        return;
    }
    if let Some(action) = action_for_event(app, event) {
        update(app, action);
    }
}

/// How long until the countdown's shown seconds change.
pub(crate) fn until_next_second(deadline: Instant, now: Instant) -> Duration {
    let left = deadline.saturating_duration_since(now);
    let fraction = Duration::from_nanos((left.as_nanos() % 1_000_000_000) as u64);
    if fraction.is_zero() {
        Duration::from_secs(1).min(left.max(Duration::from_millis(1)))
    } else {
        fraction
    }
}

/// Open the TUI on `catalog` in the real terminal and run until the learner
/// quits, recording progress to the journal in `data_dir`.
pub fn run(
    catalog: crate::content::Catalog,
    options: Options,
    data_dir: anyhow::Result<std::path::PathBuf>,
) -> anyhow::Result<()> {
    // The zone first: `time` cannot read it once threads run (the journal's
    // parser and the terminal's signal handlers start some).
    let offset = crate::progress::local_utc_offset_s();
    // No data folder is no reason not to practise: home says nothing is saved.
    let learner = match data_dir {
        Ok(dir) => learner::Learner::open(&dir, offset),
        Err(e) => learner::Learner::unavailable(format!("{e:#}"), offset),
    };
    let open_test = options.seed.is_some();
    let mut app = App::with_learner(catalog, options, learner);
    if open_test {
        app::open_test(&mut app);
    }
    // The worker starts on the first run, not here: the sandbox is off the start path.
    app.runner = Some(Box::new(crate::sandbox::Sandbox::new(
        crate::sandbox::WorkerCommand::current_exe()?,
    )));
    let mut term = terminal::enter()?;
    let result = run_loop(&mut term, &mut app, &mut terminal::CrosstermEvents);
    terminal::leave();
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_wakes_up_when_the_shown_second_changes() {
        let now = Instant::now();
        assert_eq!(
            until_next_second(now + Duration::from_millis(2500), now),
            Duration::from_millis(500)
        );
        assert_eq!(
            until_next_second(now + Duration::from_secs(3), now),
            Duration::from_secs(1)
        );
        assert_eq!(until_next_second(now, now), Duration::from_millis(1));
    }
}
