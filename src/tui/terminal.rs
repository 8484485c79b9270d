//! The real terminal: raw mode, the alternate screen and mouse capture on the
//! way in, and all of it undone on every way out — a normal quit, an error, a
//! panic, Ctrl-C (a key in raw mode) and SIGTERM/SIGHUP.

use super::Events;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use std::io::{Stdout, stdout};
use std::sync::Once;
use std::time::Duration;

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Switch the terminal to the TUI's mode, with restore hooks installed first.
pub fn enter() -> anyhow::Result<Term> {
    use std::io::IsTerminal;
    if !stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(
            "the TUI needs a terminal; for scripts and screen readers use `kata plain` (see `kata --help`)"
        );
    }
    install_hooks();
    enable_raw_mode().map_err(|e| anyhow::anyhow!("cannot use this terminal: {e}"))?;
    if let Err(e) = execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        cursor::Hide
    ) {
        leave();
        anyhow::bail!("cannot set up the terminal: {e}");
    }
    match Terminal::new(CrosstermBackend::new(stdout())) {
        Ok(t) => Ok(t),
        Err(e) => {
            leave();
            anyhow::bail!("cannot set up the terminal: {e}")
        }
    }
}

/// Give the terminal back as it was. Safe to call more than once.
pub fn leave() {
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
}

fn install_hooks() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            leave();
            previous(info);
        }));
        // The main thread may be blocked reading a key, so a signal is answered
        // on its own thread: restore the terminal, then exit as the signal asks.
        if let Ok(mut signals) = signal_hook::iterator::Signals::new([
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGINT,
        ]) {
            std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    // Wait out a frame being drawn, and hold the lock until exit so no
                    // later frame is written over the restored screen.
                    let _screen = screen_lock();
                    leave();
                    std::process::exit(128 + signal);
                }
            });
        }
    });
}

/// Held while a frame is written, and by the signal thread from the restore to exit.
static SCREEN: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The screen lock; a panic while drawing must not keep a signal from restoring.
pub fn screen_lock() -> std::sync::MutexGuard<'static, ()> {
    SCREEN
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Input from the real terminal.
pub struct CrosstermEvents;

impl Events for CrosstermEvents {
    fn next(&mut self, timeout: Option<Duration>) -> anyhow::Result<Option<Event>> {
        match timeout {
            None => Ok(Some(event::read()?)),
            Some(t) => Ok(if event::poll(t)? {
                Some(event::read()?)
            } else {
                None
            }),
        }
    }

    fn pending(&mut self) -> anyhow::Result<Option<Event>> {
        Ok(if event::poll(Duration::ZERO)? {
            Some(event::read()?)
        } else {
            None
        })
    }

    fn lend_terminal(&mut self, run: &mut dyn FnMut() -> Result<(), String>) -> Result<(), String> {
        // The learner's editor gets the terminal as the shell would give it,
        // and kata takes it back whatever the editor did.
        {
            let _screen = screen_lock();
            leave();
        }
        let result = run();
        let _screen = screen_lock();
        let back = enable_raw_mode().and_then(|()| {
            execute!(
                stdout(),
                EnterAlternateScreen,
                EnableMouseCapture,
                cursor::Hide
            )
        });
        match (result, back) {
            (_, Err(e)) => Err(format!("cannot take the terminal back: {e}")),
            (result, Ok(())) => result,
        }
    }
}
