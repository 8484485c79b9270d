//! The real terminal: raw mode, the alternate screen and mouse capture on the
//! way in, and all of it undone on every way out — a normal quit, an error, a
//! panic, Ctrl-C (a key in raw mode) and every catchable signal that ends a
//! process (TERM, HUP, INT, QUIT, USR1, USR2, ABRT, ALRM…). SIGTSTP gives the
//! terminal back while kata is stopped, and SIGCONT takes it again and redraws.
//!
//! Every frame goes out through [`SafeBackend`]: whatever text a screen put
//! in a cell, no control, bidi or zero-width character reaches the terminal
//! (the TUI's end of `crate::safe_text`).

use super::Events;
use super::guard::Guard;
use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::layout::{Position, Size};
use std::borrow::Cow;
use std::io::{Stdout, stdout};
use std::sync::Once;
use std::time::Duration;

pub type Term = Terminal<SafeBackend<CrosstermBackend<Stdout>>>;

/// Switch the terminal to the TUI's mode, with restore hooks installed first.
pub fn enter() -> anyhow::Result<Term> {
    use std::io::IsTerminal;
    if !stdout().is_terminal() || !std::io::stdin().is_terminal() {
        anyhow::bail!(
            "the TUI needs a terminal; for scripts and screen readers use `kata plain` (see `kata --help`)"
        );
    }
    install_hooks();
    // Before the terminal is taken: the guard reads its modes as they are now.
    with_guard(|guard| {
        if guard.is_none() {
            *guard = Guard::start();
        }
        if let Some(guard) = guard {
            guard.entered();
        }
    });
    enable_raw_mode().map_err(|e| anyhow::anyhow!("cannot use this terminal: {e}"))?;
    if let Err(e) = execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        cursor::Hide
    ) {
        leave();
        anyhow::bail!("cannot set up the terminal: {e}");
    }
    match Terminal::new(SafeBackend::new(CrosstermBackend::new(stdout()))) {
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
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    with_guard(|guard| guard.as_mut().map(Guard::left));
}

/// The guard process that restores the terminal if kata dies past every hook
/// (an abort, SIGKILL): see `tui::guard`.
static GUARD: std::sync::Mutex<Option<Guard>> = std::sync::Mutex::new(None);

fn with_guard<T>(f: impl FnOnce(&mut Option<Guard>) -> T) -> T {
    let mut guard = GUARD
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    f(&mut guard)
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
        let watched = ENDING.iter().chain(&[SIGTSTP, SIGCONT]).copied();
        if let Ok(mut signals) = signal_hook::iterator::Signals::new(watched) {
            std::thread::spawn(move || {
                for signal in signals.forever() {
                    // Wait out a frame being drawn, and hold the lock (until exit,
                    // or while stopped) so no frame is written over the restored screen.
                    let _screen = screen_lock();
                    match signal {
                        SIGTSTP => {
                            leave();
                            // Stop as the default action would; we run on from here at SIGCONT.
                            let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
                            resume();
                        }
                        SIGCONT => resume(),
                        _ => {
                            leave();
                            std::process::exit(128 + signal);
                        }
                    }
                }
            });
        }
    });
}

use signal_hook::consts::{
    SIGABRT, SIGALRM, SIGCONT, SIGHUP, SIGINT, SIGPROF, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1,
    SIGUSR2, SIGVTALRM, SIGXCPU, SIGXFSZ,
};

/// The catchable signals whose default action ends the process: each
/// restores the terminal first. (SIGKILL and SIGSTOP cannot be caught; SIGSEGV,
/// SIGBUS, SIGILL and SIGFPE are a bug's own and may not be handled.)
const ENDING: &[i32] = &[
    SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGABRT, SIGALRM, SIGVTALRM, SIGPROF,
    SIGXCPU, SIGXFSZ,
];

/// Set when the terminal was taken back after a stop: the next frame is drawn
/// whole, since the screen no longer shows the last one.
static RESUMED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Take the terminal again after SIGCONT, and wake the main loop to redraw.
fn resume() {
    with_guard(|guard| guard.as_mut().map(Guard::entered));
    if enable_raw_mode().is_err() {
        return;
    }
    let _ = execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        cursor::Hide
    );
    RESUMED.store(true, std::sync::atomic::Ordering::SeqCst);
    // A resize event wakes a loop blocked on the keyboard; it then redraws.
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGWINCH);
}

/// Whether the screen must be drawn whole (kata was stopped and resumed);
/// answers `true` once per resume.
pub fn take_resumed() -> bool {
    RESUMED.swap(false, std::sync::atomic::Ordering::SeqCst)
}

/// The backend every frame of the real terminal goes through: it hands the
/// cells on, each symbol with its control, bidi and zero-width characters
/// taken out (a cell left empty shows `�`), so content or journal text can
/// never reach the terminal as a control sequence — not even through a
/// screen that forgot to escape it. Ratatui already drops C0 and C1 controls
/// from the text it lays out; this is the guarantee, not the first line.
pub struct SafeBackend<B: Backend> {
    inner: B,
    cursor: Position,
}

impl<B: Backend> SafeBackend<B> {
    pub fn new(inner: B) -> Self {
        SafeBackend {
            inner,
            cursor: Position::ORIGIN,
        }
    }
}

impl<B: Backend> Backend for SafeBackend<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        // Cells are rarely unsafe: copy only those, and only when one is met.
        let cells: Vec<(u16, u16, Cow<'a, Cell>)> = content
            .map(|(x, y, cell)| {
                if cell.symbol().chars().any(crate::safe_text::is_unsafe) {
                    let kept: String = (cell.symbol().chars())
                        .filter(|&c| !crate::safe_text::is_unsafe(c))
                        .collect();
                    let mut safe = cell.clone();
                    safe.set_symbol(if kept.is_empty() { "\u{fffd}" } else { &kept });
                    (x, y, Cow::Owned(safe))
                } else {
                    (x, y, Cow::Borrowed(cell))
                }
            })
            .collect();
        self.inner
            .draw(cells.iter().map(|(x, y, cell)| (*x, *y, cell.as_ref())))
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    /// Where kata last put the cursor. The TUI is full screen, so it never
    /// needs to ask the terminal (a query whose answer would arrive on the
    /// keyboard, and may never come after a stop and resume).
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        let position = position.into();
        self.inner.set_cursor_position(position)?;
        self.cursor = position;
        Ok(())
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
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
        // Not `Duration::ZERO`: crossterm's level-triggered reader (see
        // Cargo.toml) returns at once for a zero wait without reading, so a
        // burst (mouse moves) would be drawn event by event. A millisecond is
        // not seen, and is spent only once per burst.
        Ok(if event::poll(Duration::from_millis(1))? {
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
                EnableBracketedPaste,
                cursor::Hide
            )
        });
        match (result, back) {
            (_, Err(e)) => Err(format!("cannot take the terminal back: {e}")),
            (result, Ok(())) => result,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;

    #[test]
    fn no_cell_reaches_the_terminal_with_an_unsafe_character() {
        let mut term = Terminal::new(SafeBackend::new(TestBackend::new(4, 1))).unwrap();
        term.draw(|frame| {
            let buffer = frame.buffer_mut();
            buffer[(0, 0)].set_symbol("\u{9b}");
            buffer[(1, 0)].set_symbol("a\u{200d}");
            buffer[(2, 0)].set_symbol("\u{202e}");
            buffer[(3, 0)].set_symbol("é");
        })
        .unwrap();
        let shown = term.backend().inner.buffer();
        let symbols: Vec<&str> = (0..4).map(|x| shown[(x, 0)].symbol()).collect();
        assert_eq!(symbols, ["\u{fffd}", "a", "\u{fffd}", "é"]);
    }
}
